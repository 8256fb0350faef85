import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from nerveguide.danish.contacts import emergency_number, laegevagt_for_region
from nerveguide.danish.formatting import format_date, format_phone, phone_href


def test_dates_read_as_danes_write_them():
    assert format_date(dt.date(2025, 10, 12)) == "12. oktober 2025"
    assert format_date(dt.date(2026, 1, 1)) == "1. januar 2026"
    assert format_date(None) == ""


def test_phone_numbers_in_pairs_and_service_numbers_as_they_are():
    assert format_phone("70113131") == "70 11 31 31"
    assert format_phone("+45 70 15 03 00") == "70 15 03 00"
    assert format_phone("1813") == "1813"
    assert format_phone("112") == "112"
    assert phone_href("70 11 31 31") == "tel:+4570113131"
    assert phone_href("1813") == "tel:1813"


@given(st.text(max_size=40))
def test_format_phone_gives_four_pairs_or_the_input_as_typed(text):
    result = format_phone(text)
    assert result == text.strip() or re.fullmatch(r"\d\d \d\d \d\d \d\d", result)


def test_laegevagt_per_region():
    assert emergency_number() == "112"
    assert laegevagt_for_region("Region Hovedstaden").display == "1813"
    assert laegevagt_for_region("Region Midtjylland").display == "70 11 31 31"
    assert laegevagt_for_region("Region Syddanmark").display == "70 11 07 07"
    assert laegevagt_for_region("Region Nordjylland").display == "70 15 03 00"
    assert laegevagt_for_region("Region Sjælland").display == "1818"
    assert laegevagt_for_region("Atlantis") is None
