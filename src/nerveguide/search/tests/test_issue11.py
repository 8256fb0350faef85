"""Regression tests for the faults of issue 11, each with the right value."""

import json

import pytest

from nerveguide.search import analysis, sections
from nerveguide.search.engine import Entry, SearchIndex
from nerveguide.search.query import clean_query


def entry(source, heading, text, kind="section"):
    url = f"/{source}/" if heading is None else f"/{source}/#{source}-{abs(hash(heading)) % 1000}"
    return Entry(
        source=source, title=source.capitalize(), heading=heading, kind=kind, text=text, url=url
    )


@pytest.fixture(scope="module")
def index():
    # Small articles written for these tests (not from the seeds, the corpus or content/).
    return SearchIndex(
        [
            entry("iskias", None, "Iskias er smerter fra lænden ned i benet.", "intro"),
            entry(
                "iskias", "Hvor længe varer iskias?", "De fleste har det bedre efter nogle uger."
            ),
            entry("iskias", "Hvad kan jeg selv gøre?", "Gå korte ture og hold dig i gang."),
            entry(
                "iskias",
                "Hvornår skal jeg søge hjælp?",
                "Ring 112 eller til lægevagten, hvis du ikke kan mærke skridtet eller ikke kan tisse.",
            ),
            entry(
                "ischias", "Om ischias", "Ischias ischias ischias er det gamle navn for tilstanden."
            ),
            entry("oevelser", "Baekkenkip", "Lig paa ryggen og vip baekkenet op."),
            entry("styrke", "Kraft i benene", "Træning giver mere kraft i benene."),
            entry(
                "ryg",
                "Ondt i ryggen",
                "Ondt i ryggen går som regel over. Stilling og træning om morgenen hjælper.",
            ),
        ]
    )


def test_typed_word_outranks_its_synonym(index):
    # "ischias" is a synonym of "iskias" and is repeated in its section: the section with the
    # word the user typed still comes first, and the synonym-only section comes later.
    hits = index.search("iskias", 10).hits
    sources = [hit.entry.source for hit in hits]
    assert sources[0] == "iskias"
    assert "ischias" not in sources[: sources.count("iskias")]


def test_real_words_are_not_split():
    for word in ("stilling", "træning", "nummer", "morgenen"):
        assert analysis.split_compound(word) == (), word
    assert analysis.split_compound("rygsmerter") == ("ryg", "smerter")


def test_a_real_word_is_never_corrected(index):
    # "kræft" is in no article here, but it is a Danish word: never "kraft".
    results = index.search("kræft i ryggen")
    assert results.suggestion is None
    assert "kraft" not in index.parse("kræft i ryggen").corrected_words
    assert all(hit.entry.source != "styrke" for hit in results.hits)


def test_folding_both_ways(index):
    # the article is written "Baekkenkip"; the query with æ finds it, and the other way round
    assert index.search("bækkenkip").hits[0].entry.source == "oevelser"
    assert index.search("baekkenkip").hits[0].entry.source == "oevelser"
    assert analysis.primary_term("lænden") == analysis.primary_term("laenden")


def test_protected_word_is_not_lemmatised():
    assert analysis.terms("tis") == ("tis",)
    assert analysis.primary_term("tisse") == "tis"


def test_stopwords_and_repeats(index):
    assert "mig" in analysis.STOPWORDS
    assert index.search("hvad er det mig").hits == []
    once, many = index.search("ondt ryggen"), index.search("ondt " * 50 + "ryggen")
    assert [h.entry.url for h in once.hits] == [h.entry.url for h in many.hits]
    assert [h.score for h in once.hits] == [h.score for h in many.hits]


def test_zero_width_characters_do_not_split_words(index):
    assert analysis.tokenise("isk\u200bias") == ["iskias"]
    assert clean_query("isk\u200bias") == "iskias"
    assert index.search("isk\u200bias").hits[0].entry.source == "iskias"


def test_lexicon_gaps_are_filled():
    from nerveguide.search.engine import Lexicon, load_lexicon

    lexicon = Lexicon(load_lexicon())
    expansion = lambda word: lexicon.match([analysis.primary_term(word)])[0][2]
    assert analysis.primary_term("iskias") in expansion("sciatica")
    assert analysis.primary_term("indsprøjtning") in expansion("injektion")
    assert analysis.primary_term("skridt") in expansion("sadelområde")


def test_question_intent_ranks_the_section_type(index):
    assert index.search("hvor længe varer det").hits[0].entry.heading == "Hvor længe varer iskias?"
    assert (
        index.search("hvad kan jeg selv gøre ved iskias").hits[0].entry.heading
        == "Hvad kan jeg selv gøre?"
    )
    assert sections.intents("hvornår skal jeg ringe til lægen") == {"seek_help"}
    assert sections.intents("hvordan behandles iskias") == {"treatment"}
    assert sections.intents("er det farligt at løfte") == {"danger"}
    assert sections.section_type("Hvor længe varer iskias?") == "prognosis"
    assert sections.section_type(None) == "what"


def test_sections_file_checks_clean_and_reports_problems(tmp_path):
    assert sections.check() == []
    bad = tmp_path / "sections.yaml"
    bad.write_text("types:\n  what:\n    headings: ['(']\n", encoding="utf-8")
    assert "headings" in sections.check(path=bad)[0]
    assert sections.check([("x.md", "Bækkenvip liggende")]) == [
        "x.md: heading 'Bækkenvip liggende' has no section type in sections.yaml"
    ]


def test_red_flag_query_warns_and_puts_seek_help_first(index):
    results = index.search("kan ikke mærke skridtet")
    assert results.warning == "akut"
    assert results.hits[0].entry.heading == "Hvornår skal jeg søge hjælp?"
    assert results.as_dict()["warning"] == "akut"
    ordinary = index.search("hvor længe varer iskias")
    assert ordinary.warning is None


def test_snippet_marks_only_typed_words(index):
    hit = index.search("iskias").hits[0]
    assert "<mark>Iskias</mark>" in hit.snippet
    ischias = next(h for h in index.search("iskias", 10).hits if h.entry.source == "ischias")
    assert "<mark>" not in ischias.snippet  # a synonym is found but not highlighted


def test_autocomplete_tolerates_typos_and_answers_the_placeholder(index):
    assert index.suggest("iskj")[0]["text"] == "Iskias"
    assert index.suggest("ondt i ryg")[0]["text"] == "Ondt i ryggen"


def test_one_result_object_for_web_api_and_cli(index):
    hit = index.search("iskias").hits[0]
    found = hit.as_dict()
    assert found["source"] == "iskias" and found["snippet_html"] == hit.snippet
    assert found["section_type"] == hit.section_type
    assert set(hit.as_json()) == {"source", "heading", "title", "url", "snippet", "score"}
    json.dumps(index.search("iskias").as_dict())


def test_english_and_dialect_forms_read_as_danish(index):
    # nerveguide.danish.concepts: "pins and needles" is "prikken", "numbness" "følelsesløshed"
    groups = index.parse("pins and needles").groups
    assert [g.reference for g in groups] == [analysis.primary_term("prikken")]
    assert analysis.primary_term("følelsesløshed") in index.parse("numbness").groups[0].own


def test_the_placeholders_example_gets_suggestions():
    from pathlib import Path

    from nerveguide.search.sources import read_entries

    content = Path(__file__).resolve().parents[4] / "content"
    site = SearchIndex(read_entries(content)[0])
    found = site.suggest(
        "prikken i foden"
    )  # the search box's placeholder: Søg fx "prikken i foden"
    assert found and all(s["url"].startswith("/") for s in found)


def test_a_query_asking_what_to_do_about_a_warning_sign_opens_with_the_akut_card():
    from nerveguide.search import redflags

    assert (
        redflags.warning("hvad gør jeg hvis jeg ikke kan styre blæren og har ondt i lænden")
        == "akut"
    )
    assert redflags.warning("ingen problemer med blæren, ondt i lænden") is None
    assert redflags.warning("kan man få iskias af at sidde meget") is None
