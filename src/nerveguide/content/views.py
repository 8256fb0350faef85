"""Article pages, the topic overview and the sitemap. Thin: the work is done at ingest time."""

import json

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from nerveguide.content.models import Article
from nerveguide.project.caching import make_public

AUDIENCE_LD = {"patient": "Patient", "clinician": "Clinician"}


def _json_ld(data: dict) -> str:
    # "<", ">" and "&" escaped so the JSON can never close the <script> element.
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def article_json_ld(article: Article, url: str) -> list[str]:
    """The schema.org JSON-LD blocks for an article page, each a safe string for a <script>
    element: a MedicalWebPage, plus an FAQPage when the article has questions. `url` is
    absolute.
    """
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.page_title,
        "headline": article.title,
        "description": article.description,
        "url": url,
        "inLanguage": "da",
        "about": {"@type": "MedicalCondition", "name": article.title},
        "medicalAudience": {
            "@type": "MedicalAudience",
            "audienceType": AUDIENCE_LD.get(article.audience, "Patient"),
        },
    }
    for key, value in (
        ("datePublished", article.date_published),
        ("dateModified", article.last_updated),
        ("lastReviewed", article.last_reviewed),
    ):
        if value:
            page[key] = value.isoformat()
    if article.reviewed_by:
        page["reviewedBy"] = {"@type": "Organization", "name": article.reviewed_by}
    if article.sources:
        page["citation"] = [s["url"] or s["title"] for s in article.sources]
    blocks = [_json_ld(page)]
    if article.faq:
        blocks.append(
            _json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "FAQPage",
                    "mainEntity": [
                        {
                            "@type": "Question",
                            "name": q["question"],
                            "acceptedAnswer": {"@type": "Answer", "text": q["answer_text"]},
                        }
                        for q in article.faq
                    ],
                }
            )
        )
    return blocks


def _related(article: Article) -> list[Article]:
    found = {
        a.slug: a
        for a in Article.objects.filter(slug__in=article.related, is_published=True).only(
            "slug", "title", "description"
        )
    }
    return [found[slug] for slug in article.related if slug in found]


def _shared_page(response: HttpResponse) -> HttpResponse:
    # Same for every visitor: CachedPageMiddleware (the one page cache) may store and replay it,
    # and browsers and proxy caches may keep it briefly (project.caching).
    # A marker attribute HttpResponse does not declare; content.middleware reads it with getattr.
    setattr(response, "shared_page", True)  # noqa: B010
    return make_public(response)


def article_page(request, slug: str):
    """An article page (read from the database); 404 for an unknown or unpublished slug. Writes
    nothing; cacheable.
    """
    article = Article.objects.filter(slug=slug, is_published=True).first()
    if article is None:
        raise Http404("no such article")
    url = f"{settings.SITE_URL}{article.get_absolute_url()}"
    context = {
        "article": article,
        "canonical_url": url,
        "related": _related(article),
        "json_ld": article_json_ld(article, url),
    }
    return _shared_page(render(request, "content/article.html", context))


def topic_overview(request: HttpRequest) -> HttpResponse:
    """The topic overview (/emner/): published patient articles grouped by topic and the
    clinician articles. Writes nothing; cacheable.
    """
    articles = list(
        Article.objects.filter(is_published=True)
        .only("slug", "title", "description", "topic", "region", "audience")
        .order_by("topic", "title")
    )
    topics: dict[str, list] = {}
    for article in articles:
        if article.audience == "patient":
            topics.setdefault(article.topic or "Andet", []).append(article)
    context = {
        "topics": sorted(topics.items(), key=lambda item: item[0].lower()),
        "clinician_articles": [a for a in articles if a.audience == "clinician"],
    }
    return _shared_page(render(request, "content/topics.html", context))


class ArticleSitemap(Sitemap):
    """sitemap.xml entries for the published articles."""

    changefreq = "monthly"

    def items(self):
        """Published articles, by slug."""
        return (
            Article.objects.filter(is_published=True)
            .only("slug", "last_updated", "updated_at")
            .order_by("slug")
        )

    def lastmod(self, article):
        """The article's own last_updated date, else when its row last changed."""
        return article.last_updated or article.updated_at


class PageSitemap(Sitemap):
    """The other apps' entry pages, so search engines find them from one sitemap."""

    changefreq = "monthly"

    def items(self):
        """URL names of the entry pages listed."""
        return [
            "web:front_page",
            "content:topics",
            "selfcheck:start",
            "clinics:finder",
            "education:builder",
            "web:about",
            "web:contact",
            "web:privacy",
            "web:accessibility",
        ]

    def location(self, item):
        """The path of one entry page (reverse of its URL name)."""
        return reverse(item)


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap}
