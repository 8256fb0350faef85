"""/api/search: the site search as JSON (results and autocomplete suggestions)."""

from ninja import Query, Router, Schema
from pydantic import Field

from nerveguide.search.query import clean_query
from nerveguide.search.webindex import current_index

router = Router(tags=["search"])


class SearchParams(Schema):
    """Query string of GET /api/search/: the text `q` and at most `limit` (1 to 50) results."""

    q: str = Field("", description="what the user typed (trimmed to 200 characters)")
    limit: int = Field(10, ge=1, le=50)


class SearchResult(Schema):
    """One matching passage (an article's introduction, a section or a FAQ answer); `slug` is
    the article's, `score` the relevance (higher is better, only comparable within a query)."""

    slug: str
    title: str
    heading: str | None = Field(
        description="the section or FAQ question; null for the introduction"
    )
    url: str = Field(description="the article, with the section's anchor")
    section_type: str = Field(
        description="what the section answers (search/sections.yaml), e.g. 'seek_help'"
    )
    snippet: str = Field(description="plain text around the matched words")
    snippet_html: str = Field(
        description="HTML-escaped text with <mark> around the words the user typed"
    )
    score: float


class SearchResponse(Schema):
    """The cleaned query and its results, best first, one per section."""

    query: str
    did_you_mean: str | None = Field(description="the query with typos corrected, if any were")
    warning: str | None = Field(
        None,
        description='"akut" when the query describes a warning sign (the self-check\'s rules): '
        "show emergency advice first; the 'seek_help' sections are then ranked first",
    )
    intents: list[str] = Field(
        default_factory=list, description="section types the question asks for"
    )
    results: list[SearchResult]


class Suggestion(Schema):
    """One autocomplete entry: an article title, FAQ question or heading, and its URL."""

    text: str
    url: str


class SuggestResponse(Schema):
    """Autocomplete entries in display order (empty for fewer than 2 characters)."""

    suggestions: list[Suggestion]


@router.get("/", response=SearchResponse, summary="Search the articles")
def search(request, params: Query[SearchParams]):
    """Search the published articles. The query is cleaned (control characters removed,
    whitespace collapsed, at most 200 characters); an empty query gives no results. 422 for a
    limit outside 1 to 50."""
    query = clean_query(params.q)
    if not query:
        return {"query": query, "did_you_mean": None, "warning": None, "intents": [], "results": []}
    found = current_index().search(query, params.limit).as_dict()
    found["query"] = query
    found["results"] = [{**hit, "slug": hit["source"]} for hit in found["results"]]
    return found


@router.get(
    "/suggest", response=SuggestResponse, summary="Autocomplete: titles, headings and FAQ questions"
)
def suggest(request, q: str = ""):
    """Up to 8 titles, FAQ questions and headings whose words start with the typed words
    (one typo tolerated); none for a cleaned query under 2 characters."""
    query = clean_query(q)
    return {"suggestions": current_index().suggest(query) if len(query) >= 2 else []}
