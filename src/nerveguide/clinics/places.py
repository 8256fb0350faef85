"""Danish postcodes and towns: reading data/postnumre.csv, and finding a place from what a
patient types ("8000", "Århus", "aarhus c", "Københvn").
"""


from rapidfuzz import fuzz, process, utils

from nerveguide.danish.folding import fold
from nerveguide.danish.places import (  # noqa: F401  (re-exported for the clinics app)
    POSTCODE_FILE,
    PostcodeRange,
    parse_postcode_csv,
    read_postcodes,
)
from nerveguide.danish.places import parse_postcode as postcode_in  # noqa: F401

TOWN_MATCH_CUTOFF = 80  # rapidfuzz WRatio; below this a typed town is "not found"


def _plain(text: str) -> str:
    """Compare "Århus" and "Aarhus", "Køge" and "Koege" as the same."""
    return utils.default_process(fold(text))


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
