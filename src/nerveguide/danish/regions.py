"""Body regions: what part of the spine an article, handout or self-check is about.

Not to be confused with the health regions of `places` (Region Hovedstaden …).
"""

from __future__ import annotations

from nerveguide.danish.folding import fold

BODY_REGIONS = {"nakke": "Nakke", "laend": "Lænd"}
"""Key -> label of the two body regions every feature knows."""

_ALIASES = {
    "nakke": "nakke",
    "nakken": "nakke",
    "hals": "nakke",
    "laend": "laend",
    "laende": "laend",
    "laenden": "laend",
    "laenderyg": "laend",
    "laenderyggen": "laend",
    "ryg": "laend",
    "ryggen": "laend",
}


def body_region(text: str) -> str | None:
    """The body region key a word names ("Lænden" -> "laend", "nakken" -> "nakke"), or None."""
    return _ALIASES.get(fold(str(text)).strip())
