"""Validation of one clinic row from an import file (CSV or JSON), without Django models.

`map_columns` reads the file's header once: our column names, or the Danish aliases in
data/columns.yaml ("klinikNavn", "postnummer", "tlf" ...); unknown and missing columns are
reported once for the file. `validate_row` returns (clean, errors): the clean values ready for the
database, or a list of Danish reasons naming each bad field. The importer reports the reasons with
the row's line number and keeps loading the good rows. The same column names are written by
`nerveguide clinics export`.

E-mail and website values are checked by `clean_email` / `clean_website`, the same functions the
clinic owner's profile form uses, so the import never stores a value the owner cannot save.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nerveguide.clinics import geo, hours
from nerveguide.danish.folding import fold
from nerveguide.danish.places import parse_postcode
from nerveguide.danish.slugs import slugify as danish_slugify
from nerveguide.datafiles import load_yaml

COLUMNS = (
    "slug",
    "name",
    "address",
    "postcode",
    "town",
    "lat",
    "lon",
    "phone",
    "email",
    "website",
    "booking_url",
    *hours.WEEKDAYS,
    "ydernummer",
    "wheelchair",
    "video",
    "languages",
    "price_first",
    "price_followup",
    "specialties",
    "treatments",
)
MAX_LENGTH = {
    "name": 120,
    "address": 200,
    "town": 60,
    "email": 254,
    "website": 300,
    "booking_url": 300,
}
TRUE_WORDS = {"1", "ja", "j", "true", "yes", "y", "x"}
FALSE_WORDS = {"", "0", "nej", "n", "false", "no"}
MAX_PRICE = 10_000

REQUIRED_COLUMNS = ("name", "address", "postcode")
JSON_ONLY_COLUMNS = ("hours",)  # {"man": "08-16", ...} in JSON instead of the weekday columns
COLUMNS_FILE = Path(__file__).parent / "data" / "columns.yaml"
# A clinic's coordinates must lie within this distance of its postcode's centre. The largest
# Danish postcode areas reach about 20 km from their centre; a typo in a coordinate (or lat/lon
# swapped, or a neighbouring country) is usually much further away.
MAX_KM_FROM_POSTCODE = 25.0

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters that cannot be stored or shown in a one-line field: NUL (PostgreSQL refuses it),
# other control characters (a newline in a name breaks e-mail headers), and lone surrogates (from
# "\ud800" in JSON, or bytes that were not UTF-8).
_BAD_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


class ValueProblem(ValueError):
    """A value that cannot be stored; str(error) is the Danish reason for the person who typed it."""


def clean_email(value: str) -> str:
    """The e-mail address as stored ("" stays ""); raises ValueProblem when it is not one.

    Django's own validator decides (the one the model's EmailField runs in the owner's form), so
    an address the import accepts can always be saved again by the owner. It needs no settings.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    text = value.strip()
    if not text:
        return ""
    if len(text) > MAX_LENGTH["email"]:
        raise ValueProblem(f"højst {MAX_LENGTH['email']} tegn")
    try:
        validate_email(text)
    except ValidationError:
        raise ValueProblem(
            f"{text!r} er ikke en gyldig e-mailadresse (fx info@klinik.dk)"
        ) from None
    return text


def clean_website(value: str, field_name: str = "website") -> str:
    """A web address as stored: "www.alpha.dk" becomes "https://www.alpha.dk"; raises ValueProblem.

    Only http and https; checked by Django's URLValidator, the validator of the model's URLField
    (the owner's form uses this function too, so both accept the same addresses).
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    text = value.strip()
    if not text:
        return ""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):  # "javascript:", also "host:80"
            raise ValueProblem(f"{text!r}: kun adresser med http:// eller https://")
        text = f"https://{text.lstrip('/')}"
    if len(text) > MAX_LENGTH[field_name]:
        raise ValueProblem(f"højst {MAX_LENGTH[field_name]} tegn")
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise ValueProblem(
            f"{value.strip()!r} er ikke en webadresse (fx https://www.klinik.dk)"
        ) from None
    return text


# --- columns --------------------------------------------------------------------------------------


def _fold_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


@cache
def column_aliases() -> dict[str, str]:
    """Folded column name -> our column, from data/columns.yaml plus our own names."""
    data = load_yaml(COLUMNS_FILE)
    aliases = {_fold_name(column): column for column in (*COLUMNS, *JSON_ONLY_COLUMNS)}
    for column, names in data.items():
        if column not in COLUMNS:
            raise ValueError(f"{COLUMNS_FILE.name}: unknown column {column!r}")
        for name in names:
            aliases.setdefault(_fold_name(name), column)
    return aliases


@dataclass
class ColumnMap:
    """How a file's columns map onto ours; `problems` are reported once for the whole file."""

    rename: dict[str, str] = field(default_factory=dict)  # the file's name -> our column
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    doubled: list[tuple[str, str, str]] = field(default_factory=list)  # (ours, first, second)

    @property
    def problems(self) -> list[str]:
        """Danish messages for the unknown, missing and doubled columns, one per problem."""
        result = []
        for name in self.unknown:
            shown = repr(name) if name else "uden navn"
            result.append(
                f"ukendt kolonne {shown}: omdøb den til en af vores kolonner (se docs/clinics.md) "
                "eller slet den"
            )
        for column in self.missing:
            also = [
                name
                for name, ours in column_aliases().items()
                if ours == column and name != _fold_name(column)
            ]
            result.append(
                f"kolonnen {column!r} mangler"
                + (f" (kan også hedde {', '.join(also)})" if also else "")
            )
        for column, first, second in self.doubled:
            result.append(
                f"kolonnerne {first!r} og {second!r} betyder begge {column!r}; slet den ene"
            )
        return result

    def apply(self, row: Mapping[str | None, Any]) -> dict[str | None, Any]:
        """The row with our column names (unknown columns dropped: they were reported). Values
        beyond the header (csv.DictReader's key None) are kept, so `validate_row` reports them."""
        return {
            (None if name is None else self.rename[name]): value
            for name, value in row.items()
            if name in self.rename or name is None
        }


def map_columns(names: Iterable[str]) -> ColumnMap:
    """Map a header (CSV) or the keys of JSON objects onto our columns."""
    aliases = column_aliases()
    result = ColumnMap()
    seen: dict[str, str] = {}
    for name in names:
        name = "" if name is None else str(name)
        column = aliases.get(_fold_name(name)) if name.strip() else None
        if column is None:
            if name not in result.unknown:
                result.unknown.append(name)
        elif column in seen and seen[column] != name:
            result.doubled.append((column, seen[column], name))
        else:
            seen[column] = name
            result.rename[name] = column
    result.missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    return result


@dataclass(frozen=True)
class Place:
    """A postcode's town and centre (lat, lon in degrees), as import validation needs it."""

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
    if not _DIGITS.fullmatch(text) or int(text) > MAX_PRICE:  # ASCII only: "²".isdigit() is True
        errors.append(f"{field}: skriv prisen i hele kroner (0-{MAX_PRICE})")
        return None
    return int(text)


def _coordinate(value: Any, field: str, errors: list[str]) -> float | None:
    text = _text(value).replace(",", ".")
    if not text:
        return None
    if not _NUMBER.fullmatch(text):  # also refuses "nan", "inf" and non-ASCII digits
        errors.append(f"{field}: {text!r} er ikke et tal (skriv fx 56,15)")
        return None
    return float(text)


def _phone(value: Any, errors: list[str]) -> str:
    digits = re.sub(r"[\s\-()]", "", _text(value))
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    if digits and not re.fullmatch(r"[0-9]{8}", digits):
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


def _unstorable(row: Mapping[str, Any]) -> list[str]:
    """One reason per field whose text has a character that cannot be stored (NUL, control
    characters, lone surrogates); nested JSON values are searched too."""
    reasons = []
    for name, value in row.items():
        stack = [name, value]
        while stack:
            item = stack.pop()
            if isinstance(item, Mapping):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list | tuple):
                stack.extend(item)
            elif isinstance(item, str) and (match := _BAD_CHARACTER.search(item)):
                code = ord(match[0])
                what = (
                    f"et tegn, der ikke er gyldig UTF-8 (U+{code:04X}; gem filen som UTF-8)"
                    if 0xD800 <= code <= 0xDFFF
                    else f"et styretegn (U+{code:04X})"
                )
                reasons.append(f"{name}: indeholder {what}, som ikke kan gemmes")
                break
    return reasons


def validate_row(
    row: Mapping[str, Any],
    places: Mapping[str, Place],
    specialties: Mapping[str, str],
    treatments: Mapping[str, str],
    languages: Mapping[str, str],
) -> tuple[dict[str, Any] | None, list[str]]:
    """Check one row (our column names; see `map_columns`); `places` maps a 4-digit postcode to
    its town and centre. Returns (clean values, []) or (None, Danish reasons)."""
    errors: list[str] = _unstorable(row)
    if errors:  # nothing else is read from a row that cannot be stored
        return None, errors
    if None in row:  # csv.DictReader puts values beyond the header under the key None
        return None, [
            (
                "linjen har flere felter end overskriften (et komma for meget, eller tekst med "
                "komma uden anførselstegn)"
            )
        ]
    clean: dict[str, Any] = {}
    for field_name in ("name", "address", "town", "email", "website", "booking_url"):
        clean[field_name] = _text(row.get(field_name))
        if len(clean[field_name]) > MAX_LENGTH[field_name]:
            errors.append(f"{field_name}: højst {MAX_LENGTH[field_name]} tegn")
    for field_name in ("name", "address"):
        if not clean[field_name]:
            errors.append(f"{field_name}: mangler")
    try:
        clean["email"] = clean_email(clean["email"])
    except ValueProblem as problem:
        errors.append(f"email: {problem}")
    for field_name in ("website", "booking_url"):
        try:
            clean[field_name] = clean_website(clean[field_name], field_name)
        except ValueProblem as problem:
            errors.append(f"{field_name}: {problem}")

    written = _text(row.get("postcode"))
    number = parse_postcode(written) if written else None
    postcode = f"{number:04d}" if number is not None else written
    place = places.get(postcode) if number is not None else None
    if not written:
        errors.append("postcode: mangler")
    elif number is None:
        errors.append(
            f"postcode: {written!r} er ikke et postnummer (et postnummer har 4 cifre, fx 8000 "
            "eller DK-8000)"
        )
    elif place is None:
        errors.append(f"postcode: {postcode} er ikke et dansk postnummer")
    clean["postcode"] = postcode
    if place and not clean["town"]:
        clean["town"] = place.town

    before = len(errors)
    lat, lon = (
        _coordinate(row.get("lat"), "lat", errors),
        _coordinate(row.get("lon"), "lon", errors),
    )
    if len(errors) > before:
        pass  # a coordinate that is not a number was reported; nothing more to say about the pair
    elif (lat is None) != (lon is None):
        errors.append("lat/lon: angiv begge koordinater eller ingen")
    elif lat is not None and lon is not None and not geo.in_denmark(lat, lon):
        swapped = " (lat og lon ser ud til at være byttet om)" if geo.in_denmark(lon, lat) else ""
        errors.append(f"lat/lon: ({lat}, {lon}) ligger ikke i Danmark{swapped}")
    elif lat is not None and lon is not None and place is not None:
        errors.extend(_far_from_postcode(lat, lon, postcode, place))
    elif lat is None and place:
        lat, lon = place.lat, place.lon
    clean["lat"], clean["lon"] = lat, lon

    clean["phone"] = _phone(row.get("phone"), errors)
    clean["opening_hours"] = _hours(row, errors)
    for field_name in ("ydernummer", "wheelchair", "video"):
        clean[field_name] = _bool(row.get(field_name), field_name, errors)
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


def _far_from_postcode(lat: float, lon: float, postcode: str, place: Place) -> list[str]:
    """A reason when (lat, lon) is more than MAX_KM_FROM_POSTCODE from the postcode's centre."""
    distance = geo.haversine_km(lat, lon, place.lat, place.lon)
    if distance <= MAX_KM_FROM_POSTCODE:
        return []
    return [
        (
            f"lat/lon: ({lat}, {lon}) ligger {distance:.0f} km fra midten af {postcode} {place.town}; "
            f"højst {MAX_KM_FROM_POSTCODE:.0f} km (tjek koordinaterne eller postnummeret)"
        )
    ]
