"""Danish formatting used on every page: dates and phone numbers as Danes write them."""

import datetime as dt
import re

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def format_date(value: dt.date | None) -> str:
    """12. oktober 2025"""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def format_phone(number: str) -> str:
    """Danish numbers in pairs ("70 11 31 31"); short service numbers (112, 1813) as they are."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("45") and len(digits) == 10:
        digits = digits[2:]
    if len(digits) != 8:
        return number.strip()
    return " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def phone_href(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"tel:{digits}" if len(digits) <= 4 else f"tel:+45{digits[-8:]}"
