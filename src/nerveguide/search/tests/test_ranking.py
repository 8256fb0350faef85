"""Ranking mechanisms of the second pass on issue 11, each with the right value: the article's
title as context of its sections, seek-help checklists not punished for their length, and on a
warning the seek-help section of the article about the described body part first."""

import pytest

from nerveguide.search import analysis, redflags, sections
from nerveguide.search.engine import Entry, Group, SearchIndex

FILLER = " ".join(["Her står noget andet om hverdagen og arbejdet."] * 30)


def entry(source, title, heading, text, kind="section"):
    url = f"/{source}/" if heading is None else f"/{source}/#{abs(hash(heading)) % 1000}"
    return Entry(source=source, title=title, heading=heading, kind=kind, text=text, url=url)


def group(word):
    found = Group(1.0, analysis.primary_term(word))
    for term in analysis.terms(word):
        found.add(term, 1.0)
    return found


@pytest.fixture(scope="module")
def index():
    # Articles written for these tests (not from the seeds, the corpus or content/).
    return SearchIndex(
        [
            entry(
                "nakke",
                "Rodtryk i nakken",
                None,
                "Rodtryk i nakken giver smerter i armen.",
                "intro",
            ),
            entry(
                "nakke",
                "Rodtryk i nakken",
                "Hvor længe varer det?",
                "De fleste får det bedre på nogle uger.",
            ),
            entry(
                "nakke",
                "Rodtryk i nakken",
                "Hvornår skal jeg søge hjælp?",
                "Ring 112, hvis du har feber. " + FILLER,
            ),
            entry(
                "laend",
                "Rodtryk i lænden",
                None,
                "Rodtryk i lænden giver smerter i benet.",
                "intro",
            ),
            entry(
                "laend",
                "Rodtryk i lænden",
                "Hvor længe varer det?",
                "Mange er bedre efter seks uger. Det gælder også ved ondt i nakken. " + FILLER,
            ),
            entry(
                "valg", "Sådan vælger du en behandler", None, "Om at vælge en behandler.", "intro"
            ),
            entry(
                "valg", "Sådan vælger du en behandler", "Hvad koster det?", "Prisen er forskellig."
            ),
            entry(
                "valg",
                "Sådan vælger du en behandler",
                "Hvornår skal jeg gå til lægen i stedet?",
                "Ring 112 ved feber og ondt.",
            ),
            entry(
                "valg",
                "Sådan vælger du en behandler",
                "Hvad kan jeg selv gøre?",
                "Gå ture, og hold nakken i gang. " + FILLER,
            ),
        ]
    )


def test_a_section_heading_is_read_with_its_articles_title(index):
    # "Hvor længe varer det?" names no topic: the title says it is about the neck, though the
    # lænden article's section mentions the neck in passing.
    hits = index.search("hvor længe varer rodtryk i nakken", 3).hits
    assert (hits[0].entry.source, hits[0].entry.heading) == ("nakke", "Hvor længe varer det?")


def test_a_long_seek_help_checklist_is_not_punished_for_its_length(index):
    # Both passages have the same long text length; "feber" once in each. The seek-help checklist
    # (length normalisation 0.4) scores higher than an ordinary section (0.75).
    entries = [
        entry("a", "A", "Hvornår skal jeg søge hjælp?", "Feber. " + FILLER),
        entry("b", "B", "Om hverdagen", "Feber. " + FILLER),
        entry("c", "C", "Kort", "En kort tekst."),
        entry("d", "D", "Kort igen", "En anden kort tekst."),
    ]
    scores = SearchIndex(entries).postings.best_of(group("feber"))
    assert scores[0] > scores[1] > 0


def test_topic_scores_are_the_titles_match(index):
    query = index.parse("ondt i nakken")
    topic = index.topic_scores(query)
    by_source = dict(zip(["nakke", "laend", "valg"], topic.tolist()))
    assert by_source["nakke"] > 0
    assert by_source["laend"] == 0 and by_source["valg"] == 0


def test_on_a_warning_the_seek_help_section_of_the_described_body_part_comes_first(index):
    results = index.search("feber og ondt i nakken", 5)
    assert results.warning == "akut"
    first = results.hits[0].entry
    assert (first.source, first.heading) == ("nakke", "Hvornår skal jeg søge hjælp?")


def test_a_compound_ending_in_nummer_does_not_ask_for_phone_numbers():
    assert sections.intents("ydernummer") == frozenset()
    assert "contacts" in sections.intents("telefonnummer til lægevagten")
    assert "contacts" in sections.intents("lægevagtens nummer")


@pytest.mark.parametrize(
    "query",
    [
        "iskias er ikke gået over efter to måneder",
        "nakken er stadig ikke bedre",
        "det går ikke væk",
        "smerterne bliver ikke bedre",
    ],
)
def test_not_passing_asks_when_to_see_a_doctor_not_how_long(query):
    assert sections.intents(query) == frozenset({"seek_help"})


def test_passing_still_asks_how_long():
    assert sections.intents("går det over af sig selv") == frozenset({"prognosis"})
    assert sections.section_type("Hvad hvis det ikke går over?") == "seek_help"
    assert sections.section_type("Går iskias over af sig selv?") == "prognosis"


@pytest.mark.parametrize(
    "query", ["cauda equina syndrom", "Hvad er cauda equina-syndrom?", "hestehalesyndromet"]
)
def test_naming_the_emergency_condition_is_a_warning(query, index):
    assert redflags.named_sign(query) == "nedsat følelse i skridtet"
    assert redflags.level(query) == "akut"
    assert index.search(query, 5).warning == "akut"


def test_a_part_of_the_name_or_another_condition_is_no_warning():
    assert redflags.named_sign("cauda") is None
    assert redflags.named_sign("iskias i det ene ben") is None
    assert redflags.level("iskias i det ene ben") != "akut"


def test_a_rare_form_of_a_word_does_not_outweigh_the_rest_of_the_question():
    # "behandles" is rare, "behandling" common: as one word family they share one idf, so the
    # section about the treatment of the neck (every word of the question) comes first.
    common = [
        entry(f"x{n}", f"Emne {n}", f"Afsnit {n}", f"Behandling af emne {n} hjælper nogle.")
        for n in range(20)
    ]
    index = SearchIndex(
        [
            entry("klem", "Rodtryk", "Hvordan behandles rodtryk?", "Hvile og øvelser."),
            entry("klem", "Rodtryk", "Hvor sidder det?", "I nakken eller i lænden."),
            entry(
                "nakke",
                "Rodtryk i nakken",
                "Hvilken behandling hjælper mod rodtryk i nakken?",
                "Øvelser og tid.",
            ),
            *common,
        ]
    )
    first = index.search("hvordan behandler man rodtryk i nakken", 3).hits[0].entry
    assert first.source == "nakke"
    group_ = index.parse("behandler").groups[0]
    family = index.postings.family_idf(group_)
    assert family is not None
    assert family <= min(index.postings.idf[index.postings.index[t]] for t in group_.own)


def test_physiotherapy_is_asked_for_by_a_question_not_by_naming_it():
    assert "physiotherapy" not in sections.intents("henvisning til fys tilskud")
    assert "physiotherapy" not in sections.intents("fysioterapeut nakke")
    assert "physiotherapy" in sections.intents("hvad kan en fysioterapeut gøre ved iskias")
    assert "physiotherapy" in sections.intents("hjælper fysioterapi mod rodtryk")
    assert "physiotherapy" in sections.intents("hvor mange gange skal jeg til fys")
