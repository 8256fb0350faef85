"""/api/articles: published articles as JSON (list and detail)."""

import datetime as dt

from ninja import Router, Schema, Status

from nerveguide.content.models import Article

router = Router(tags=["content"])


class ArticleSummary(Schema):
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
        return article.get_absolute_url()


class Source(Schema):
    title: str
    url: str


class FaqEntry(Schema):
    question: str
    anchor: str
    answer_html: str
    answer_text: str


class TocEntry(Schema):
    level: int
    text: str
    anchor: str


class ArticleDetail(ArticleSummary):
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
    detail: str


@router.get(
    "/{slug}", response={200: ArticleDetail, 404: NotFound}, summary="One published article"
)
def get_article(request, slug: str):
    article = Article.objects.filter(slug=slug, is_published=True).first()
    if article is None:
        return Status(404, {"detail": "Not Found"})
    return article
