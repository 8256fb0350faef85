"""Published articles. The Markdown files in CONTENT_DIR are the source of truth; `nerveguide
ingest` writes these rows (and the rendered HTML) from them."""

from django.db import models
from django.urls import reverse

REGION_LABELS = {"nakke": "Nakke", "laend": "Lænd", "begge": "Nakke og lænd"}


class Article(models.Model):
    """One article, written by `nerveguide ingest` from a file in CONTENT_DIR (edit the file, not
    the row).

    body_html, toc and faq are rendered at ingest; next_review defaults to last_reviewed plus
    three years; content_hash decides whether a later ingest touches the row. An article whose
    file disappears is unpublished (is_published=False), not deleted.
    """

    AUDIENCES = [("patient", "Patienter"), ("clinician", "Fagfolk")]

    slug = models.SlugField(verbose_name="adresse (slug)", max_length=100, unique=True)
    title = models.CharField(verbose_name="titel", max_length=300)
    meta_title = models.CharField(verbose_name="titel til søgemaskiner", max_length=300, blank=True)
    description = models.TextField(verbose_name="beskrivelse", blank=True)
    audience = models.CharField(
        verbose_name="målgruppe", max_length=20, choices=AUDIENCES, default="patient"
    )
    region = models.CharField(
        verbose_name="område", max_length=20, blank=True
    )  # nakke | laend | begge (body region)
    topic = models.CharField(verbose_name="emne", max_length=100, blank=True)
    body_markdown = models.TextField(verbose_name="tekst (Markdown)")
    body_html = models.TextField(verbose_name="tekst (HTML)")
    toc = models.JSONField(
        verbose_name="indholdsfortegnelse", default=list, blank=True
    )  # [{level, text, anchor}]
    faq = models.JSONField(
        verbose_name="ofte stillede spørgsmål", default=list, blank=True
    )  # [{question, anchor, answer_html, answer_text}]
    related = models.JSONField(
        verbose_name="relaterede artikler", default=list, blank=True
    )  # slugs
    sources = models.JSONField(verbose_name="kilder", default=list, blank=True)  # [{title, url}]
    date_published = models.DateField(verbose_name="udgivet", null=True, blank=True)
    last_updated = models.DateField(verbose_name="sidst opdateret", null=True, blank=True)
    last_reviewed = models.DateField(verbose_name="sidst fagligt gennemgået", null=True, blank=True)
    next_review = models.DateField(verbose_name="næste gennemgang", null=True, blank=True)
    reviewed_by = models.CharField(verbose_name="fagligt gennemgået af", max_length=300, blank=True)
    source_path = models.CharField(verbose_name="fil", max_length=500)  # relative to source_dir
    # The folder the article was ingested from: relative to the checkout when inside it
    # ("content"), else absolute. Ingest refuses to replace an article from another folder.
    source_dir = models.CharField(verbose_name="mappe", max_length=500, blank=True)
    content_hash = models.CharField(verbose_name="indholdets fingeraftryk", max_length=64)
    is_published = models.BooleanField(verbose_name="offentliggjort", default=True, db_index=True)
    updated_at = models.DateTimeField(verbose_name="opdateret", auto_now=True)

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikler"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The article page, /<slug>/ under the content URLs (URL name content:article)."""
        return reverse("content:article", args=[self.slug])

    @property
    def region_label(self) -> str:
        """The body region in Danish ("Nakke", "Lænd", "Nakke og lænd"), or "" if none."""
        return REGION_LABELS.get(self.region, "")

    @property
    def page_title(self) -> str:
        """The <title> text: meta_title when set, else the title."""
        return self.meta_title or self.title


class Publication(models.Model):
    """The one owner of publication state: a counter that moves on every change to an article.

    One row (pk 1). Every save or deletion of an Article adds one to `generation` in the same
    transaction (see nerveguide.content.publication), so a deletion moves it too, unlike the
    newest `updated_at`. The page cache and the search index are both keyed on it.
    """

    generation = models.PositiveBigIntegerField(verbose_name="generation", default=0)

    class Meta:
        verbose_name = "offentliggørelse"
        verbose_name_plural = "offentliggørelser"

    def __str__(self) -> str:
        return f"generation {self.generation}"


class Passage(models.Model):
    """One heading's text (or the intro), for search and for the FAQ."""

    KINDS = [("intro", "Indledning"), ("section", "Afsnit"), ("faq", "Spørgsmål")]

    article = models.ForeignKey(
        Article, verbose_name="artikel", on_delete=models.CASCADE, related_name="passages"
    )
    position = models.PositiveIntegerField(verbose_name="placering")
    kind = models.CharField(verbose_name="slags", max_length=10, choices=KINDS)
    heading = models.TextField(verbose_name="overskrift", null=True, blank=True)
    anchor = models.CharField(verbose_name="anker", max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(verbose_name="niveau", default=0)
    text = models.TextField(verbose_name="tekst", blank=True)

    class Meta:
        verbose_name = "tekstafsnit"
        verbose_name_plural = "tekstafsnit"
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="passage_position_unique")
        ]

    def __str__(self) -> str:
        return self.heading or "(indledning)"
