"""Normalising, folding, slugs, lemmas: exact values and properties for any input."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from nerveguide.danish import folding, formatting, lemmas, places, regions, slugs, text
from nerveguide.danish.contacts import emergency_number, laegevagt_for_postcode


def test_invisible_characters_do_not_split_words():
    assert text.tokenise("ry\u200bggen og læn\u00adden") == ["ryggen", "og", "lænden"]
    assert [t for _, _, t in text.token_spans("ry\u200bggen")] == ["ryggen"]


def test_control_characters_and_lone_surrogates_are_harmless():
    assert text.tokenise("ondt\x00i\ud800ryggen") == ["ondt", "i", "ryggen"]


@given(st.text())
def test_normalise_always_gives_encodable_text(value):
    text.normalise(value).encode("utf-8")
    assert all(token for token in text.tokenise(value))


def test_fold_both_ways():
    assert folding.fold("Lænden i Århus, Görel") == "laenden i aarhus, goerel"
    assert folding.fold("LAENDEN") == folding.fold("lænden")
    assert "bækkenkip" in folding.unfold_variants("baekkenkip")
    assert folding.unfold_variants("ryg") == []


@given(st.text())
def test_fold_is_idempotent(value):
    assert folding.fold(folding.fold(value)) == folding.fold(value)


def test_one_slug_for_every_feature():
    assert slugs.slugify("Hvornår skal jeg søge hjælp?") == "hvornaar-skal-jeg-soege-hjaelp"
    assert slugs.slugify("Görel") == "goerel"
    assert slugs.slugify("!!!") == ""


@given(st.text())
def test_slugs_are_ascii_and_short(value):
    slug = slugs.slugify(value)
    assert slug == slug.strip("-") and len(slug) <= slugs.MAX_SLUG_LENGTH
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug)


def test_protected_lemmas():
    assert lemmas.lemmas("tis") == ("tis",)
    assert lemmas.terms("nerverødder") == ("nerverod",)


def test_postcodes_and_health_regions():
    assert places.parse_postcode("DK-8000") == 8000
    assert places.parse_postcode(" 8000 Aarhus C") == 8000
    assert places.parse_postcode("²000") is None
    assert places.parse_postcode("٨٠٠٠") is None
    assert places.health_region("2100") == "Region Hovedstaden"
    assert places.health_region("9999") is None
    assert laegevagt_for_postcode("8000").display == "70 11 31 31"
    assert emergency_number() == "112"


@given(st.text())
def test_parse_postcode_never_raises(value):
    result = places.parse_postcode(value)
    assert result is None or 0 <= result <= 9999


def test_dates_and_phones():
    assert formatting.format_date(dt.date(2025, 10, 12)) == "12. oktober 2025"
    assert formatting.format_phone("+45 70113131") == "70 11 31 31"
    assert formatting.phone_href("1813") == "tel:1813"


def test_body_regions_are_not_health_regions():
    assert regions.body_region("Lænden") == "laend"
    assert regions.body_region("nakken") == "nakke"
    assert regions.body_region("Region Hovedstaden") is None


def test_roskilde_is_in_region_sjaelland_and_calls_1818():
    # The public postcode file says Region Hovedstaden; Roskilde Kommune is in Region Sjælland.
    assert places.health_region("4000") == "Region Sjælland"
    assert laegevagt_for_postcode("4000").phone == "1818"


def test_loose_fold_keeps_cancer_and_strength_apart():
    assert folding.loose_fold("Lænden") == folding.loose_fold("laenden") == "lenden"
    assert folding.loose_fold("kræft") != folding.loose_fold("kraft")
    assert folding.loose_fold("tåen") == "taen"  # not "ten", which would match "natten"
