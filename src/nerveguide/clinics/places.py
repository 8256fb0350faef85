"""Danish postcodes and towns: reading data/postnumre.csv, and finding a place from what a
patient types ("8000", "Århus", "aarhus c", "Københvn").
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

POSTCODE_FILE = Path(__file__).parent / "data" / "postnumre.csv"
TOWN_MATCH_CUTOFF = 80  # rapidfuzz WRatio; below this a typed town is "not found"
_SPELLINGS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@dataclass(frozen=True)
class PostcodeRange:
    first: int
    last: int
    town: str
    lat: float
    lon: float
    region: str


def parse_postcode_csv(lines: Iterable[str]) -> Iterator[PostcodeRange]:
    """Rows are "postnr,bynavn,lat,lon,region"; postnr may be a range like "1000-1499"."""
    for row in csv.DictReader(lines):
        first, _, last = row["postnr"].strip().partition("-")
        yield PostcodeRange(int(first), int(last or first), row["bynavn"].strip(),
                            float(row["lat"]), float(row["lon"]), row["region"].strip())


def read_postcodes(path: Path = POSTCODE_FILE) -> list[PostcodeRange]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(parse_postcode_csv(stream))


def postcode_in(text: str) -> int | None:
    match = re.fullmatch(r"\s*(?:dk-?)?(\d{4})\b.*", text.lower())
    return int(match.group(1)) if match else None


def _plain(text: str) -> str:
    """Compare "Århus" and "Aarhus", "Køge" and "Koege" as the same."""
    return utils.default_process(text.lower().translate(_SPELLINGS))


def match_town(query: str, towns: list[str]) -> str | None:
    """The best town for a typed name, tolerating typos; None when nothing is close enough."""
    query = _plain(query)
    if not query:
        return None
    plain = [_plain(town) for town in towns]
    if query in plain:
        return towns[plain.index(query)]
    best = process.extractOne(query, plain, scorer=fuzz.WRatio, processor=None,
                              score_cutoff=TOWN_MATCH_CUTOFF)
    return towns[best[2]] if best else None
