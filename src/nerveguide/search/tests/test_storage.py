"""The on-disk search index (search.storage) and its use by the web (search.webindex)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from nerveguide.content import publication
from nerveguide.content.models import Article
from nerveguide.search import storage, webindex
from nerveguide.search.engine import Entry, Lexicon, SearchIndex, load_lexicon
from nerveguide.search.sources import read_entries

REPO = Path(__file__).resolve().parents[4]
CONTENT = REPO / "content"
DEV_QUERIES = REPO.parent / "shared" / "eval" / "search-content-dev.jsonl"
# Beside the dev set: typos, folded æ/ø/å, compounds, a warning sign, function words, nothing.
OWN_QUERIES = [
    "iskias",
    "laenden",
    "iskjas smerter",
    "prikken i foden",
    "rygsmerter",
    "kan ikke tisse og ondt i ryggen",
    "fysioterapeut",
    "hvad er rodtryk",
    "i og på",
    "qwxz",
    "",
]


def queries() -> list[str]:
    found = list(OWN_QUERIES)
    if DEV_QUERIES.is_file():
        found += [json.loads(line)["query"] for line in DEV_QUERIES.read_text("utf-8").splitlines()]
    return found


def assert_same_answers(built: SearchIndex, loaded: SearchIndex, texts: list[str]) -> None:
    for text in texts:
        assert loaded.search(text).as_dict() == built.search(text).as_dict(), text
        assert loaded.suggest(text) == built.suggest(text), text


@pytest.fixture(scope="module")
def content_index() -> SearchIndex:
    entries, _skipped = read_entries(CONTENT)
    assert entries
    return SearchIndex(entries)


def test_a_loaded_index_answers_exactly_as_the_built_one(content_index, tmp_path):
    storage.save_index(content_index, tmp_path / "index")
    loaded = storage.load_index(tmp_path / "index")
    assert isinstance(loaded.entries, storage.EntryTable)
    assert list(loaded.entries) == list(content_index.entries)
    texts = queries()
    assert len(texts) > 40  # the dev set was read
    assert_same_answers(content_index, loaded, texts)
    # Hits and scores, not only equal dictionaries of nothing: the queries do find passages.
    assert sum(bool(content_index.search(t).hits) for t in texts) > 40


def test_the_arrays_are_mapped_from_disk(small_index, tmp_path):
    storage.save_index(small_index, tmp_path / "index")
    loaded = storage.load_index(tmp_path / "index")
    assert isinstance(loaded.postings.scores.base, np.memmap)
    assert loaded.postings.scores.dtype == np.float32
    np.testing.assert_array_equal(loaded.postings.scores, small_index.postings.scores)
    assert loaded.postings.idf == small_index.postings.idf


def test_an_empty_index_round_trips(tmp_path):
    empty = SearchIndex([])
    storage.save_index(empty, tmp_path / "index")
    loaded = storage.load_index(tmp_path / "index")
    assert len(loaded.entries) == 0
    assert loaded.search("iskias").hits == []


def test_saving_over_an_existing_index_is_refused(small_index, tmp_path):
    storage.save_index(small_index, tmp_path / "index")
    with pytest.raises(OSError):
        storage.save_index(small_index, tmp_path / "index")
    assert [p.name for p in tmp_path.iterdir()] == ["index"]  # no temporary directory left


def test_missing_damaged_and_foreign_indexes_are_refused(small_index, tmp_path):
    with pytest.raises(storage.IndexFileError):
        storage.load_index(tmp_path / "nothing")
    storage.save_index(small_index, tmp_path / "index")
    (tmp_path / "index" / "passage_scores.npy").write_bytes(b"not numpy")
    with pytest.raises(storage.IndexFileError):
        storage.load_index(tmp_path / "index")
    storage.save_index(small_index, tmp_path / "other")
    vocabulary = tmp_path / "other" / "vocabulary.json"
    vocabulary.write_text(vocabulary.read_text("utf-8").replace('"format":1', '"format":0'))
    with pytest.raises(storage.IndexFileError, match="format"):
        storage.load_index(tmp_path / "other")


LEXICON = Lexicon(load_lexicon())
WORDS = st.sampled_from(
    [
        *("ryg", "ryggen", "lænden", "smerter", "iskias", "nerve", "nerveroden", "benet"),
        *("foden", "prikken", "ondt", "i", "og", "på", "fysioterapeut", "fysioterapi"),
        *("behandling", "rygsmerter", "hekseskud", "akut", "lægen", "tisse"),
    ]
)
TEXTS = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    passages=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.none() | TEXTS,
            st.sampled_from(["intro", "section", "faq"]),
            TEXTS,
        ),
        min_size=1,
        max_size=12,
    ),
    texts=st.lists(TEXTS, min_size=1, max_size=4),
)
def test_any_index_round_trips_with_the_same_answers(tmp_path_factory, passages, texts):
    entries = [
        Entry(f"a{article}", f"Artikel {article}", heading, kind, text or "tekst", f"/a{article}/")
        for article, heading, kind, text in passages
    ]
    built = SearchIndex(entries, LEXICON)
    folder = tmp_path_factory.mktemp("index") / "index"
    storage.save_index(built, folder)
    assert_same_answers(built, storage.load_index(folder, LEXICON), texts)


# ----- the web: one index per generation, shared through SEARCH_INDEX_DIR -----------------------


@pytest.fixture
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    webindex.invalidate()
    yield tmp_path / "search-index"
    webindex.invalidate()


def index_folders(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_dir()]


def test_the_first_process_saves_the_index_and_the_next_maps_it(index_dir, published):
    index = webindex.current_index()
    assert isinstance(index.entries, storage.EntryTable)
    [saved] = index_folders(index_dir)
    assert saved.name.endswith(webindex.index_name(publication.generation()).rsplit("-", 1)[-1])
    webindex.invalidate()  # another worker: the same files, no build
    again = webindex.current_index()
    assert again is not index and isinstance(again.entries, storage.EntryTable)
    assert index_folders(index_dir) == [saved]
    assert_same_answers(webindex.build_index(), again, [*OWN_QUERIES, "hekseskud", "skulder"])


def test_a_new_generation_replaces_the_old_index(index_dir, client, published):
    webindex.current_index()
    [old] = index_folders(index_dir)
    article = Article.objects.get(slug="hekseskud")
    article.is_published = False
    article.save()
    results = client.get("/api/search/", {"q": "hekseskud"}).json()["results"]
    assert all(r["slug"] != "hekseskud" for r in results)
    [new] = index_folders(index_dir)
    assert new != old and not old.exists()


def test_a_damaged_index_is_rebuilt(index_dir, published, caplog):
    webindex.current_index()
    [saved] = index_folders(index_dir)
    (saved / "vocabulary.json").write_text("{", encoding="utf-8")
    webindex.invalidate()
    with caplog.at_level(logging.WARNING, logger="nerveguide.search.webindex"):
        index = webindex.current_index()
    assert "unreadable" in caplog.text
    assert isinstance(index.entries, storage.EntryTable)
    assert index.search("hekseskud").hits


def test_an_unusable_directory_falls_back_to_memory(settings, tmp_path, client, published, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    settings.SEARCH_INDEX_DIR = str(blocker / "search-index")
    webindex.invalidate()
    with caplog.at_level(logging.WARNING, logger="nerveguide.search.webindex"):
        response = client.get("/api/search/", {"q": "hekseskud"})
    webindex.invalidate()
    assert response.status_code == 200
    assert response.json()["results"]
    assert "building it in this process" in caplog.text


def test_an_empty_setting_keeps_the_index_in_memory(settings, published):
    settings.SEARCH_INDEX_DIR = ""
    webindex.invalidate()
    index = webindex.current_index()
    webindex.invalidate()
    assert isinstance(index.entries, list)


def test_the_command_builds_the_index_once(index_dir, published):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("search_index", stdout=out)
    assert "built in" in out.getvalue()
    [saved] = index_folders(index_dir)
    assert str(saved) in out.getvalue()
    out = StringIO()
    call_command("search_index", stdout=out)
    assert "already there" in out.getvalue()
    assert index_folders(index_dir) == [saved]


def test_the_command_refuses_an_empty_setting(settings, published):
    from django.core.management import CommandError, call_command

    settings.SEARCH_INDEX_DIR = ""
    with pytest.raises(CommandError, match="SEARCH_INDEX_DIR"):
        call_command("search_index")
