"""Published articles. The Markdown files in CONTENT_DIR are the source of truth; `nerveguide
ingest` writes these rows (and the rendered HTML) from them."""

from django.db import models
from django.urls import reverse

REGION_LABELS = {"nakke": "Nakke", "laend": "Lænd", "begge": "Nakke og lænd"}


class Article(models.Model):
    AUDIENCES = [("patient", "Patienter"), ("clinician", "Fagfolk")]

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    meta_title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=AUDIENCES, default="patient")
    region = models.CharField(max_length=20, blank=True)  # nakke | laend | begge (body region)
    topic = models.CharField(max_length=100, blank=True)
    body_markdown = models.TextField()
    body_html = models.TextField()
    toc = models.JSONField(default=list, blank=True)  # [{level, text, anchor}]
    faq = models.JSONField(
        default=list, blank=True
    )  # [{question, anchor, answer_html, answer_text}]
    related = models.JSONField(default=list, blank=True)  # slugs
    sources = models.JSONField(default=list, blank=True)  # [{title, url}]
    date_published = models.DateField(null=True, blank=True)
    last_updated = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=300, blank=True)
    source_path = models.CharField(max_length=500)  # relative to source_dir
    # The folder the article was ingested from: relative to the checkout when inside it
    # ("content"), else absolute. Ingest refuses to replace an article from another folder.
    source_dir = models.CharField(max_length=500, blank=True)
    content_hash = models.CharField(max_length=64)
    is_published = models.BooleanField(default=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:article", args=[self.slug])

    @property
    def region_label(self) -> str:
        return REGION_LABELS.get(self.region, "")

    @property
    def page_title(self) -> str:
        return self.meta_title or self.title


class Publication(models.Model):
    """The one owner of publication state: a counter that moves on every change to an article.

    One row (pk 1). Every save or deletion of an Article adds one to `generation` in the same
    transaction (see nerveguide.content.publication), so a deletion moves it too, unlike the
    newest `updated_at`. The page cache and the search index are both keyed on it.
    """

    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.generation}"


class Passage(models.Model):
    """One heading's text (or the intro), for search and for the FAQ."""

    KINDS = [("intro", "Indledning"), ("section", "Afsnit"), ("faq", "Spørgsmål")]

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=KINDS)
    heading = models.TextField(null=True, blank=True)
    anchor = models.CharField(max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="passage_position_unique")
        ]

    def __str__(self) -> str:
        return self.heading or "(indledning)"
