"""Validation of one clinic row from an import file (CSV or JSON), without Django.

`validate_row` returns (clean, errors): the clean values ready for the database, or a list of
Danish reasons naming each bad field. The importer reports the reasons with the row's line number
and keeps loading the good rows. The same column names are written by `nerveguide clinics export`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nerveguide.clinics import geo, hours
from nerveguide.danish.slugs import slugify as danish_slugify

COLUMNS = (
    "slug", "name", "address", "postcode", "town", "lat", "lon", "phone", "email", "website",
    "booking_url", *hours.WEEKDAYS, "ydernummer", "wheelchair", "video", "languages",
    "price_first", "price_followup", "specialties", "treatments",
)
MAX_LENGTH = {"name": 120, "address": 200, "town": 60, "email": 254, "website": 300, "booking_url": 300}
TRUE_WORDS = {"1", "ja", "j", "true", "yes", "y", "x"}
FALSE_WORDS = {"", "0", "nej", "n", "false", "no"}
MAX_PRICE = 10_000

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Place:
    town: str
    lat: float
    lon: float


def slugify(text: str) -> str:
    """Clinic slugs: the shared Danish slug, at most 80 characters."""
    return danish_slugify(text, max_length=80)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _bool(value: Any, field: str, errors: list[str]) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word not in FALSE_WORDS:
        errors.append(f"{field}: skriv ja eller nej, ikke {word!r}")
    return False


def _list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        items = [_text(v) for v in value]
    else:
        items = re.split(r"[;,|]", _text(value))
    return [item.strip() for item in items if item.strip()]


def _choices(value: Any, field: str, known: Mapping[str, str], errors: list[str]) -> list[str]:
    """Accept slugs or names (any case); report the unknown ones."""
    by_name = {name.lower(): slug for slug, name in known.items()}
    result = []
    for item in _list(value):
        slug = item.lower() if item.lower() in known else by_name.get(item.lower())
        if slug is None:
            errors.append(f"{field}: ukendt værdi {item!r}")
        elif slug not in result:
            result.append(slug)
    return result


def _price(value: Any, field: str, errors: list[str]) -> int | None:
    text = _text(value).lower().removesuffix("kr").removesuffix("kr.").strip().replace(".", "")
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_PRICE:
        errors.append(f"{field}: skriv prisen i hele kroner (0-{MAX_PRICE})")
        return None
    return int(text)


def _coordinate(value: Any, field: str, errors: list[str]) -> float | None:
    text = _text(value).replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        errors.append(f"{field}: {text!r} er ikke et tal")
        return None


def _phone(value: Any, errors: list[str]) -> str:
    digits = re.sub(r"[\s\-()]", "", _text(value))
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    if digits and not re.fullmatch(r"\d{8}", digits):
        errors.append("phone: et dansk telefonnummer har 8 cifre")
        return ""
    return digits


def _hours(row: Mapping[str, Any], errors: list[str]) -> dict[str, str]:
    given = row.get("hours")
    if isinstance(given, Mapping):
        source = {day: _text(v) for day, v in given.items()}
    else:
        source = {day: _text(row.get(day)) for day in hours.WEEKDAYS}
    try:
        return hours.normalise(source)
    except hours.HoursError as error:
        errors.append(f"hours: {error}")
        return {day: "" for day in hours.WEEKDAYS}


def validate_row(row: Mapping[str, Any], places: Mapping[str, Place],
                 specialties: Mapping[str, str], treatments: Mapping[str, str],
                 languages: Mapping[str, str]) -> tuple[dict[str, Any] | None, list[str]]:
    """Check one row; `places` maps a 4-digit postcode to its town and centre."""
    errors: list[str] = []
    clean: dict[str, Any] = {}
    for field in ("name", "address", "town", "email", "website", "booking_url"):
        clean[field] = _text(row.get(field))
        if len(clean[field]) > MAX_LENGTH[field]:
            errors.append(f"{field}: højst {MAX_LENGTH[field]} tegn")
    for field in ("name", "address"):
        if not clean[field]:
            errors.append(f"{field}: mangler")
    if clean["email"] and not _EMAIL.match(clean["email"]):
        errors.append("email: ugyldig e-mailadresse")
    for field in ("website", "booking_url"):
        if clean[field] and not _URL.match(clean[field]):
            errors.append(f"{field}: skal være en adresse der begynder med http:// eller https://")

    postcode = _text(row.get("postcode"))
    place = places.get(postcode)
    if not re.fullmatch(r"\d{4}", postcode):
        errors.append("postcode: et postnummer har 4 cifre")
    elif place is None:
        errors.append(f"postcode: {postcode} er ikke et dansk postnummer")
    clean["postcode"] = postcode
    if place and not clean["town"]:
        clean["town"] = place.town

    lat, lon = _coordinate(row.get("lat"), "lat", errors), _coordinate(row.get("lon"), "lon", errors)
    if (lat is None) != (lon is None):
        errors.append("lat/lon: angiv begge koordinater eller ingen")
    elif lat is not None and not geo.in_denmark(lat, lon):
        errors.append(f"lat/lon: ({lat}, {lon}) ligger ikke i Danmark")
    elif lat is None and place:
        lat, lon = place.lat, place.lon
    clean["lat"], clean["lon"] = lat, lon

    clean["phone"] = _phone(row.get("phone"), errors)
    clean["opening_hours"] = _hours(row, errors)
    for field in ("ydernummer", "wheelchair", "video"):
        clean[field] = _bool(row.get(field), field, errors)
    clean["languages"] = _choices(row.get("languages") or "da", "languages", languages, errors)
    clean["price_first"] = _price(row.get("price_first"), "price_first", errors)
    clean["price_followup"] = _price(row.get("price_followup"), "price_followup", errors)
    clean["specialties"] = _choices(row.get("specialties"), "specialties", specialties, errors)
    clean["treatments"] = _choices(row.get("treatments"), "treatments", treatments, errors)

    slug = _text(row.get("slug")).lower()
    if slug and not _SLUG.match(slug):
        errors.append("slug: kun små bogstaver a-z, tal og bindestreger")
    clean["slug"] = slug or slugify(f"{clean['name']} {clean['postcode']}")
    if not clean["slug"] and not errors:
        errors.append("slug: kan ikke dannes ud fra navnet")
    return (None, errors) if errors else (clean, [])
