import pytest

from nerveguide.search.engine import Entry, SearchIndex

# Small articles written for these tests (not from the seeds or the corpus).
ARTICLES = {
    "hekseskud": (
        "Hekseskud",
        [
            (
                None,
                "intro",
                "Et hekseskud er pludselige smerter i lænden. Det gør ondt at rejse sig, men det går som regel over.",
            ),
            (
                "Hvad kan jeg selv gøre?",
                "section",
                "Hold dig i gang med rolige gåture. Varme kan lindre.",
            ),
            (
                "Hvornår skal jeg til lægen?",
                "faq",
                "Kontakt lægen, hvis du ikke kan tisse, eller hvis benet bliver svagt.",
            ),
        ],
    ),
    "iskias": (
        "Iskias",
        [
            (
                None,
                "intro",
                "Iskias er smerter, der stråler fra lænden ned i benet. Nerveroden er irriteret.",
            ),
            (
                "Hvordan føles iskias?",
                "section",
                "Mange mærker prikken og snurren i foden. Nogle får nedsat kraft i tæerne.",
            ),
            ("Hvor lang tid varer iskias?", "faq", "De fleste bliver raske inden for tre måneder."),
            (
                "Hjælper en MR-scanning?",
                "faq",
                "En scanning ændrer sjældent behandlingen de første uger.",
            ),
        ],
    ),
    "skulder": (
        "Ondt i skulderen",
        [
            (
                None,
                "intro",
                "Smerter i skuldrene kommer ofte fra nakken. Her kan du læse om årsager & råd <se selv>.",
            ),
            (
                "Øvelser for nakke og skuldre",
                "section",
                "Rul skuldrene bagud ti gange. Gentag morgen og aften.",
            ),
        ],
    ),
}


def make_entries() -> list[Entry]:
    entries = []
    for slug, (title, passages) in ARTICLES.items():
        for heading, kind, text in passages:
            anchor = "" if heading is None else heading.lower().replace(" ", "-").strip("?")
            url = f"/{slug}/" if heading is None else f"/{slug}/#{anchor}"
            entries.append(
                Entry(source=slug, title=title, heading=heading, kind=kind, text=text, url=url)
            )
    return entries


@pytest.fixture(scope="session")
def small_index() -> SearchIndex:
    return SearchIndex(make_entries())


@pytest.fixture
def published(db):
    """The test articles as Article/Passage rows, as the content ingest would store them."""
    from nerveguide.content.models import Article, Passage
    from nerveguide.search import webindex

    for slug, (title, passages) in ARTICLES.items():
        body = "\n\n".join(text for _heading, _kind, text in passages)
        article = Article.objects.create(
            slug=slug,
            title=title,
            body_markdown=body,
            body_html=f"<p>{body}</p>",
            source_path=f"{slug}.md",
            content_hash=slug,
        )
        for position, (heading, kind, text) in enumerate(passages):
            anchor = "" if heading is None else heading.lower().replace(" ", "-").strip("?")
            Passage.objects.create(
                article=article,
                position=position,
                kind=kind,
                heading=heading,
                anchor=anchor,
                level=0 if heading is None else 2,
                text=text,
            )
    webindex.invalidate()
    yield
    webindex.invalidate()
