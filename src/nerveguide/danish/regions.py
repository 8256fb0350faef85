"""Body regions: what part of the spine an article, handout or self-check is about.

Not to be confused with the health regions of `places` (Region Hovedstaden …).
"""

from __future__ import annotations

from nerveguide.danish.folding import fold

BODY_REGIONS = {"laend": "Lænd", "nakke": "Nakke"}
"""Key -> label of the two body regions every feature knows."""

ALIASES = {
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


"""Folded words for a body region -> its key (article front matter, handouts, the finder)."""


def body_region(text: str) -> str | None:
    """The body region key a word names ("Lænden" -> "laend", "nakken" -> "nakke"), or None."""
    return ALIASES.get(fold(str(text)).strip())
