"""The Danish analysis steps, with Danish examples."""

from hypothesis import given
from hypothesis import strategies as st

from nerveguide.search import analysis


def test_normalise_lowercases_and_composes_unicode():
    assert analysis.normalise("NAKKE Lænd") == "nakke lænd"
    # "å" typed as a + combining ring becomes the single letter
    assert analysis.normalise("la\u030ar") == "lår"
    assert analysis.tokenise("ryg\x00smerter\tnu") == ["ryg", "smerter", "nu"]


def test_tokenise_splits_on_punctuation_and_hyphens():
    assert analysis.tokenise("MR-scanning af nakken?") == ["mr", "scanning", "af", "nakken"]
    assert analysis.tokenise("<script>alert(1)</script>") == ["script", "alert", "1", "script"]


def test_lemma_before_stem_closes_snowball_gaps():
    # Snowball alone: "nerverød" vs "nerverod", "skuldr" vs "skuld", "diskusprolaps" vs "diskusprolap"
    assert analysis.primary_term("nerverødder") == analysis.primary_term("nerverod")
    assert analysis.primary_term("skuldrene") == analysis.primary_term("skulder")
    assert analysis.primary_term("diskusprolapsen") == analysis.primary_term("diskusprolaps")
    assert analysis.primary_term("fødderne") == analysis.primary_term("foden")
    assert analysis.primary_term("ryggen") == analysis.primary_term("ryg")


def test_fold_variants_offer_danish_letters():
    assert "bækkenkip" in analysis.fold_variants("baekkenkip")
    assert "øvelse" in analysis.fold_variants("oevelse")
    assert "udstråling" in analysis.fold_variants("udstraaling")
    assert "lænden" in analysis.fold_variants("laenden")
    assert analysis.fold_variants("nakke") == []


def test_compound_splitting_against_a_vocabulary():
    known = {
        "ryg",
        "smerter",
        "smerte",
        "nerverod",
        "påvirkning",
        "følelse",
        "løs",
        "nakke",
        "lænd",
    }
    assert analysis.split_compound("rygsmerter", known.__contains__) == ("ryg", "smerter")
    assert analysis.split_compound("nerverodspåvirkning", known.__contains__) == (
        "nerverod",
        "påvirkning",
    )
    assert analysis.split_compound("følelsesløshed", known.__contains__) == ("følelse", "løs")
    assert analysis.split_compound("nakkesmerter", known.__contains__) == ("nakke", "smerter")
    # a word that is not a compound of known words stays whole; stopwords are never parts
    assert analysis.split_compound("symptomer", known.__contains__) == ()
    assert analysis.split_compound("forsmerter", {"smerter"}.__contains__) == ()


@given(st.text(max_size=200))
def test_analysis_never_fails_and_normalise_is_idempotent(text):
    once = analysis.normalise(text)
    assert analysis.normalise(once) == once
    for token in analysis.tokenise(text):
        assert token and analysis.terms(token)
        assert all(len(v) < len(token) for v in analysis.fold_variants(token))
