"""The per-process copy in front of the shared page cache (issue 15: no Redis round trip per page).

It may only serve a page of the generation this process currently knows, holds only what the
shared cache holds (shared pages, never personal ones) and stays within its bounds.
"""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from nerveguide.content import pagecache, publication
from nerveguide.content.ingest import ingest_directory
from nerveguide.content.middleware import is_content_path
from nerveguide.content.models import Article, Publication

PAGE = "/oevelser-for-laenden/"


def entry(body: str) -> dict:
    return {"headers": [("Content-Type", "text/html; charset=utf-8")], "body": body}


def test_a_cached_page_is_served_without_the_shared_cache(client, ingested):
    first = client.get(PAGE)
    assert first.status_code == 200
    cache.clear()  # as if Redis had nothing (or were down): the process's copy answers
    second = client.get(PAGE)
    assert second.status_code == 200
    assert second.content == first.content
    assert pagecache.local().get(publication.generation(), PAGE) is not None


def test_a_changed_article_is_not_served_from_the_copy(client, ingested):
    assert "Gå ti minutter hver dag" in client.get(PAGE).content.decode()
    assert "Gå ti minutter hver dag" in client.get(PAGE).content.decode()  # from the copy
    source = ingested / "oevelser-for-laenden.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Gå ti minutter", "Gå tyve minutter"),
        encoding="utf-8",
    )
    ingest_directory(ingested)
    html = client.get(PAGE).content.decode()
    assert "Gå tyve minutter hver dag" in html and "Gå ti minutter" not in html


def test_a_deleted_article_is_404_although_the_copy_held_it(client, ingested):
    assert client.get(PAGE).status_code == 200
    assert client.get(PAGE).status_code == 200
    assert pagecache.local().get(publication.generation(), PAGE) is not None
    Article.objects.get(slug="oevelser-for-laenden").delete()
    assert client.get(PAGE).status_code == 404


def test_a_generation_moved_by_another_process_empties_the_copy(client, ingested):
    """Another worker (or the CLI's ingest) changes the row without this process's signals."""
    assert client.get(PAGE).status_code == 200
    generation = publication.generation()
    Article.objects.filter(slug="oevelser-for-laenden").update(is_published=False)  # no signal
    Publication.objects.update(generation=generation + 1)
    # Until this process reads the row again (GENERATION_TTL) it serves what it knew; then:
    publication.forget()
    assert client.get(PAGE).status_code == 404
    assert pagecache.local().get(generation, PAGE) is None  # the old generation's page is gone


def test_only_shared_pages_are_kept(client, ingested):
    client.get("/findes-ikke/")  # 404
    client.get("/soeg/?q=iskias")  # search results: private
    client.get("/symptomtjek/")  # a form
    client.get(PAGE)
    pages = pagecache.local()
    assert len(pages) == 1 and pages.get(publication.generation(), PAGE) is not None


def test_the_copy_can_be_turned_off(client, ingested, settings):
    settings.PAGECACHE_LOCAL_BYTES = 0
    assert pagecache.local() is None
    client.get(PAGE)
    cache.clear()
    assert client.get(PAGE).status_code == 200  # rendered again, nothing kept in the process


def test_only_the_content_apps_paths_reach_the_page_cache():
    assert is_content_path("/iskias/") and is_content_path("/emner/")
    for path in (
        "/soeg/",
        "/symptomtjek/",
        "/patientuddannelse/",
        "/kontakt/",
        "/find-fysioterapeut/",
        "/",
    ):
        assert not is_content_path(path), path


def test_bounds_evict_the_least_recently_used_page():
    pages = pagecache.LocalPages(max_bytes=10_000, max_pages=3)
    size = pagecache.entry_size(entry("x" * 100))
    for name in "abc":
        pages.put(1, f"/{name}/", entry("x" * 100))
    assert pages.get(1, "/a/") is not None  # /a/ is now the most recent
    pages.put(1, "/d/", entry("x" * 100))
    assert [pages.get(1, f"/{n}/") is not None for n in "abcd"] == [True, False, True, True]
    assert pages.bytes == 3 * size

    small = pagecache.LocalPages(max_bytes=2 * size, max_pages=100)
    for name in "abc":
        small.put(1, f"/{name}/", entry("x" * 100))
    assert len(small) == 2 and small.get(1, "/a/") is None and small.bytes == 2 * size
    small.put(1, "/big/", entry("x" * 10 * size))  # larger than the whole bound: not kept
    assert small.get(1, "/big/") is None and len(small) == 2


def test_sizes_are_the_memory_the_strings_take():
    ascii_page, dash_page = (
        entry("x" * 1000),
        entry("–" + "x" * 999),
    )  # "–" needs 2 bytes a character
    assert 1000 < pagecache.entry_size(ascii_page) < 1300
    assert pagecache.entry_size(dash_page) > 2000


def test_another_generation_empties_the_copy():
    pages = pagecache.LocalPages(max_bytes=10_000, max_pages=10)
    pages.put(5, "/a/", entry("five"))
    assert pages.get(6, "/a/") is None  # a newer generation is known: the old page is gone
    assert pages.get(5, "/a/") is None and len(pages) == 0 and pages.bytes == 0
    pages.put(6, "/a/", entry("six"))
    assert pages.get(5, "/a/") is None  # a rolled-back (lower) reading does not see it either


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["put", "get"]),
            st.integers(1, 3),
            st.sampled_from(["/a/", "/b/", "/c/", "/d/"]),
            st.integers(0, 400),
        ),
        max_size=60,
    )
)
def test_the_copy_never_answers_with_another_generations_page(operations):
    pages = pagecache.LocalPages(max_bytes=1_000, max_pages=3)
    latest: dict[tuple[int, str], str] = {}
    for operation, generation, path, length in operations:
        if operation == "put":
            body = f"{generation}{path}" + "x" * length
            pages.put(generation, path, entry(body))
            latest[generation, path] = body
        else:
            found = pages.get(generation, path)
            assert found is None or found["body"] == latest[generation, path]
        assert pages.bytes <= 1_000 and len(pages) <= 3
        assert pages.bytes == sum(pagecache.entry_size(e) for e, _ in pages._pages.values())


@pytest.mark.parametrize("value", [0, -1])
def test_zero_or_negative_pages_turn_it_off(settings, value):
    settings.PAGECACHE_LOCAL_PAGES = value
    assert pagecache.local() is None
