"""/api/articles: published articles as JSON (list and detail)."""

import datetime as dt

from ninja import Router, Schema, Status

from nerveguide.content.models import Article

router = Router(tags=["content"])


class ArticleSummary(Schema):
    """One published article in the list: metadata and its page URL (path only); dates are ISO
    dates or null.
    """

    slug: str
    title: str
    description: str
    audience: str
    region: str
    topic: str
    url: str
    last_updated: dt.date | None
    last_reviewed: dt.date | None

    @staticmethod
    def resolve_url(article: Article) -> str:
        """The article page's path (Article.get_absolute_url)."""
        return article.get_absolute_url()


class Source(Schema):
    """One source cited by an article: title and URL (the URL may be empty)."""

    title: str
    url: str


class FaqEntry(Schema):
    """One FAQ question with its anchor and the answer as sanitised HTML and as plain text."""

    question: str
    anchor: str
    answer_html: str
    answer_text: str


class TocEntry(Schema):
    """One table-of-contents line: heading level, heading text and its anchor on the page."""

    level: int
    text: str
    anchor: str


class ArticleDetail(ArticleSummary):
    """One published article in full: the summary fields plus rendered body HTML, TOC, FAQ and
    review data.
    """

    meta_title: str
    body_html: str
    toc: list[TocEntry]
    faq: list[FaqEntry]
    related: list[str]
    sources: list[Source]
    date_published: dt.date | None
    next_review: dt.date | None
    reviewed_by: str


@router.get("/", response=list[ArticleSummary], summary="All published articles")
def list_articles(request, audience: str | None = None, topic: str | None = None):
    """All published articles ordered by slug, optionally only one audience ("patient" or
    "clinician") or topic (exact match). Reads only.
    """
    articles = (
        Article.objects.filter(is_published=True)
        .defer("body_markdown", "body_html")
        .order_by("slug")
    )
    if audience:
        articles = articles.filter(audience=audience)
    if topic:
        articles = articles.filter(topic=topic)
    return articles


class NotFound(Schema):
    """The body of a 404 answer."""

    detail: str


@router.get(
    "/{slug}", response={200: ArticleDetail, 404: NotFound}, summary="One published article"
)
def get_article(request, slug: str):
    """The published article with this slug, or 404 (unpublished articles are not found). Reads
    only.
    """
    article = Article.objects.filter(slug=slug, is_published=True).first()
    if article is None:
        return Status(404, {"detail": "Not Found"})
    return article
