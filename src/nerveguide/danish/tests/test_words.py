"""The word list decides: real words are never rewritten, fragments are never parts."""

import pytest

from nerveguide.danish import words


@pytest.mark.parametrize(
    "word", ["lænden", "kræft", "kraft", "nakkesmerterne", "nerverodspåvirkning", "tis", "iskias"]
)
def test_real_words_and_compounds_are_words(word):
    assert words.is_word(word)


@pytest.mark.parametrize("fragment", ["ing", "num", "laenden", "xqzt", "", "2025"])
def test_fragments_and_ascii_spellings_are_not_words(fragment):
    assert not words.is_word(fragment)


def test_a_real_word_is_never_corrected():
    assert words.corrections("kræft") == ()
    assert words.corrections("kraft") == ()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("kraeft", "kræft"), ("laenden", "lænden"), ("ryggenn", "ryggen"), ("bækenkip", "bækkenkip")],
)
def test_non_words_get_the_real_word_first(typed, meant):
    assert words.corrections(typed)[0] == meant


def test_spellings_finds_the_word_typed_without_danish_letters():
    assert words.spellings("baekkenkip") == ("bækkenkip",)
    assert words.spellings("kraft") == ()


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("rygsmerter", ("ryg", "smerter")),
        ("nakkesmerterne", ("nakke", "smerterne")),
        ("sadelområdet", ("sadel", "området")),
        ("lændesmerter", ("lænde", "smerter")),
        ("iskiassmerter", ("iskias", "smerter")),
    ],
)
def test_compounds_split_into_real_words(word, parts):
    assert words.split_compound(word) == parts


@pytest.mark.parametrize(
    "word", ["stilling", "træning", "nummer", "morgenen", "stillende", "ryggen", "fysioterapeut"]
)
def test_ordinary_words_are_not_split(word):
    assert words.split_compound(word) == ()


def test_frequency_orders_common_above_rare():
    assert words.zipf("jeg") > words.zipf("lænden") >= 0.0
    assert words.zipf("xqzt") == 0.0
