"""Finding a place from what a patient types ("8000", "DK-8000", "Århus", "aarhus c", "Silkborg",
"Vesterbro"), without Django. Postcode data and letter folding live in `nerveguide.danish`.

The rule (issue 13): a typed name is accepted when it is a postcode, a town or a district name
(data/districts.csv, with sources) written with or without æ/ø/å; a town without its district
letter ("Aarhus" -> Aarhus C, "København" -> København K); or a close misspelling of a *whole*
name (at most one letter wrong for 5-9 letters, two for longer names, same first letter, and only
one best candidate). Fragments ("Vest", "Sø", "Bro"), foreign towns ("Paris", "Lund") and regions
("Fyn") are "not found", with the nearest names as suggestions, so nobody gets clinics in a
far-away town they did not ask for.
"""

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from nerveguide.danish.folding import fold
from nerveguide.danish.places import parse_postcode, read_postcodes

DISTRICTS_FILE = Path(__file__).parent / "data" / "districts.csv"
# Suffixes of town names that share a base name: "Aarhus C", "København NV", "Odense SØ", "Viby J".
DISTRICT_LETTERS = ("c", "k", "n", "s", "v", "oe", "nv", "sv", "soe", "noe", "j", "sj")
PREFERRED_LETTERS = ("c", "k")  # "Aarhus" means Aarhus C, "København" means København K
SUGGESTION_CUTOFF = 75  # rapidfuzz WRatio for "did you mean" suggestions (never used to match)
MAX_SUGGESTIONS = 3


def max_edits(length: int) -> int:
    """Letters that may be wrong in a typed name of this length (short names must be exact)."""
    return 0 if length < 5 else 1 if length < 10 else 2


@dataclass(frozen=True)
class PlaceMatch:
    """How a typed place was understood.

    how: "postcode" | "town" | "district" | "base" (town without its letter) | "spelling" (a
    corrected misspelling) | "not-found". `town` is the postcode table's town name (for a
    district, the town of its postcode); `postcode` is set for postcodes and districts."""

    query: str
    how: str
    town: str | None = None
    postcode: int | None = None
    name: str | None = None  # the name as we write it (district or town), when not a postcode
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """True unless the text was not understood (how == "not-found")."""
        return self.how != "not-found"

    @property
    def did_you_mean(self) -> str:
        """ " Mente du Jægerspris?" / " Mente du A, B eller C?" for the page; "" without suggestions."""
        if not self.suggestions:
            return ""
        names = list(self.suggestions)
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} eller {names[-1]}"
        return f" Mente du {listed}?"

    def describe(self, row: str) -> str:
        """What was searched around, for the page and the API, given the postcode row's text:
        "Vesterbro (1500-1799 København V)", "8600 Silkeborg (du skrev 'Silkborg')", "8000 Aarhus C"."""
        text = (
            f"{self.name} ({row})" if self.postcode is not None and self.how != "postcode" else row
        )
        if self.how == "spelling":
            text += f" (du skrev {self.query.strip()!r})"
        return text


@dataclass(frozen=True)
class District:
    """A district (e.g. Vesterbro) with its postcode, municipality and the entry's source."""

    name: str
    postcode: int
    municipality: str
    source: str


@cache
def districts() -> tuple[District, ...]:
    """The district names of data/districts.csv (name, postcode, municipality, source)."""
    with DISTRICTS_FILE.open(encoding="utf-8", newline="") as stream:
        return tuple(
            District(
                row["name"].strip(),
                int(row["postcode"]),
                row["municipality"].strip(),
                row["source"].strip(),
            )
            for row in csv.DictReader(stream)
        )


def _key(text: str) -> str:
    """Comparison key: folded (æ -> ae ...), letters and digits, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def _base(key: str) -> str | None:
    head, _, tail = key.rpartition(" ")
    return head if head and tail in DISTRICT_LETTERS else None


def resolve(query: str, towns: Mapping[str, int]) -> PlaceMatch:
    """Understand a typed place. `towns`: town name -> its lowest postcode (from the postcode table)."""
    number = parse_postcode(query)
    if number is not None:
        return PlaceMatch(query, "postcode", postcode=number, name=f"{number:04d}")
    key = _key(query)
    if not key:
        return PlaceMatch(query, "not-found")

    # Every name we know, by key: (how, town, postcode, name as written).
    names: dict[str, tuple[str, str, int | None, str]] = {}
    for town in towns:
        names.setdefault(_key(town), ("town", town, None, town))
    for district in districts():
        home = next((t for t, first in towns.items() if first == district.postcode), None)
        home = home or _town_of(district.postcode, towns)
        if home:
            names.setdefault(
                _key(district.name), ("district", home, district.postcode, district.name)
            )
    bases: dict[str, list[str]] = {}
    for town in sorted(towns, key=lambda t: towns[t]):
        base = _base(_key(town))
        if base:
            bases.setdefault(base, []).append(town)
    for base, members in bases.items():
        preferred = next(
            (t for t in members if _key(t).rpartition(" ")[2] in PREFERRED_LETTERS), members[0]
        )
        names.setdefault(base, ("base", preferred, None, preferred))

    def match(found_key: str, how: str | None = None) -> PlaceMatch:
        kind, town, postcode, name = names[found_key]
        return PlaceMatch(query, how or kind, town=town, postcode=postcode, name=name)

    if key in names:
        return match(key)
    allowed = max_edits(len(key.replace(" ", "")))
    if allowed:
        scored = sorted(
            (DamerauLevenshtein.distance(key, candidate), candidate)
            for candidate in names
            if candidate[0] == key[0]
        )
        best = (
            [candidate for distance, candidate in scored if distance == scored[0][0]]
            if scored
            else []
        )
        if best and scored[0][0] <= allowed and len({names[c][1] for c in best}) == 1:
            return match(best[0], "spelling")
    return PlaceMatch(query, "not-found", suggestions=suggest(key, names))


def _town_of(postcode: int, towns: Mapping[str, int]) -> str | None:
    """The town whose range holds `postcode` (the postcode table may store ranges by their first code)."""
    below = [(first, town) for town, first in towns.items() if first <= postcode]
    return max(below)[1] if below else None


def suggest(key: str, names: Mapping[str, tuple]) -> tuple[str, ...]:
    """Up to MAX_SUGGESTIONS names that look like the key, best first (for "mente du ...?")."""
    written = {candidate: names[candidate][3] for candidate in names}
    found = process.extract(
        key,
        list(written),
        scorer=fuzz.WRatio,
        limit=MAX_SUGGESTIONS * 3,
        score_cutoff=SUGGESTION_CUTOFF,
    )
    result: list[str] = []
    for candidate, _score, _index in found:
        if written[candidate] not in result:
            result.append(written[candidate])
    return tuple(result[:MAX_SUGGESTIONS])


def match_town(query: str, towns: list[str]) -> str | None:
    """The town a typed name means (see `resolve`), None when it is not found.

    Kept for callers that only have town names; districts give the town of their postcode."""
    firsts: dict[str, int] = {}
    for row in read_postcodes():
        if row.town in towns:
            firsts.setdefault(row.town, row.first)
    found = resolve(query, firsts)
    return found.town if found.found and found.how != "postcode" else None
