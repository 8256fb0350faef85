"""Dates and phone numbers as Danes write them ("12. oktober 2025", "70 11 31 31").

Pure functions, so the CLI and the PDF format exactly like the web pages. (Django's "da"
locale gives the same date with the format "j. F Y"; templates may use either.)
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def format_date(value: dt.date | None) -> str:
    """ "12. oktober 2025"; "" for None."""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def _digits(number: str) -> str:
    return re.sub(r"[^0-9]", "", str(number))


def format_phone(number: str) -> str:
    """Danish numbers in pairs ("70 11 31 31"); a +45 prefix is dropped; short service
    numbers (112, 1813) and anything that is not a Danish number are returned stripped."""
    digits = _digits(number)
    if digits.startswith("45") and len(digits) == 10:
        digits = digits[2:]
    if len(digits) != 8:
        return str(number).strip()
    return " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def phone_href(number: str) -> str:
    """The tel: link for a number: "tel:112", "tel:1813", "tel:+4570113131"."""
    digits = _digits(number)
    return f"tel:{digits}" if len(digits) <= 4 else f"tel:+45{digits[-8:]}"
