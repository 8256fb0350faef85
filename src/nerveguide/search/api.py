"""/api/search: the site search as JSON (results and autocomplete suggestions)."""

from ninja import Query, Router, Schema
from pydantic import Field

from nerveguide.search.query import clean_query
from nerveguide.search.webindex import current_index

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", description="what the user typed (trimmed to 200 characters)")
    limit: int = Field(10, ge=1, le=50)


class SearchResult(Schema):
    slug: str
    title: str
    heading: str | None = Field(description="the section or FAQ question; null for the introduction")
    url: str = Field(description="the article, with the section's anchor")
    snippet_html: str = Field(description="HTML-escaped text with <mark> around matched words")
    score: float


class SearchResponse(Schema):
    query: str
    did_you_mean: str | None = Field(description="the query with typos corrected, if any were")
    results: list[SearchResult]


class Suggestion(Schema):
    text: str
    url: str


class SuggestResponse(Schema):
    suggestions: list[Suggestion]


@router.get("/", response=SearchResponse, summary="Search the articles")
def search(request, params: Query[SearchParams]):
    query = clean_query(params.q)
    found = current_index().search(query, params.limit) if query else None
    hits = found.hits if found else []
    return {
        "query": query,
        "did_you_mean": found.suggestion if found else None,
        "results": [
            {"slug": hit.entry.source, "title": hit.entry.title, "heading": hit.entry.heading,
             "url": hit.entry.url, "snippet_html": hit.snippet, "score": hit.score}
            for hit in hits
        ],
    }


@router.get("/suggest", response=SuggestResponse, summary="Autocomplete: titles, headings and FAQ questions")
def suggest(request, q: str = ""):
    query = clean_query(q)
    return {"suggestions": current_index().suggest(query) if len(query) >= 2 else []}
