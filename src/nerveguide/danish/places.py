"""Danish postcodes, their towns and their health region.

Data: `data/postnumre.csv`, public data from Dataforsyningen (DAWA, the Danish Agency for
Data Supply and Infrastructure): "postnr,bynavn,lat,lon,region", where postnr is one code
or a range ("1000-1499") and region is the *health region* (Region Hovedstaden …), which
decides the lægevagt number (see `contacts`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from nerveguide.datafiles import load_yaml

POSTCODE_FILE = Path(__file__).parent / "data" / "postnumre.csv"
CORRECTIONS_FILE = Path(__file__).parent / "data" / "postnumre-corrections.yaml"
HEALTH_REGIONS = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)
_POSTCODE_RE = re.compile(r"\s*(?:dk\s*-?\s*)?(\d{4})(?!\d)", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class PostcodeRange:
    """One row of the postcode table: codes first..last (inclusive), town, centroid in
    degrees (WGS84), and the health region."""

    first: int
    last: int
    town: str
    lat: float
    lon: float
    health_region: str


def parse_postcode_csv(lines: Iterable[str]) -> Iterator[PostcodeRange]:
    """Rows of "postnr,bynavn,lat,lon,region"; raises KeyError/ValueError on a bad row."""
    for row in csv.DictReader(lines):
        first, _, last = row["postnr"].strip().partition("-")
        yield PostcodeRange(
            int(first),
            int(last or first),
            row["bynavn"].strip(),
            float(row["lat"]),
            float(row["lon"]),
            row["region"].strip(),
        )


def read_postcodes(path: Path = POSTCODE_FILE) -> list[PostcodeRange]:
    """All rows of a postcode file (default: the bundled one), with the health-region
    corrections of data/postnumre-corrections.yaml applied."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(parse_postcode_csv(stream))
    fixes = {c["postcode"]: c["health_region"] for c in _corrections()}
    return [
        replace(row, health_region=fixes[row.first])
        if row.first == row.last and row.first in fixes
        else row
        for row in rows
    ]


@cache
def _corrections() -> tuple[dict[str, Any], ...]:
    data = load_yaml(CORRECTIONS_FILE)
    return tuple(data["corrections"])


def parse_postcode(text: str) -> int | None:
    """The four-digit postcode at the start of `text`, or None.

    Accepts "8000", " 8000 Aarhus C", "DK-8000" and "dk 8000"; only ASCII digits count, so
    "８０００" or "²000" are not postcodes. Whether the code exists is `postcode_range`'s job.
    """
    match = _POSTCODE_RE.match(str(text))
    return int(match.group(1)) if match else None


@cache
def _bundled() -> tuple[PostcodeRange, ...]:
    return tuple(read_postcodes())


def postcode_range(postcode: int | str) -> PostcodeRange | None:
    """The bundled row that contains `postcode` (an int or text for `parse_postcode`)."""
    number = postcode if isinstance(postcode, int) else parse_postcode(postcode)
    if number is None:
        return None
    for row in _bundled():
        if row.first <= number <= row.last:
            return row
    return None


def health_region(postcode: int | str) -> str | None:
    """The health region of a postcode ("8000" -> "Region Midtjylland"), None if unknown."""
    row = postcode_range(postcode)
    return row.health_region if row else None
