"""URL slugs and heading anchors that keep Danish words readable.

"Øvelser for lænden" -> "oevelser-for-laenden": æ, ø, å are spelt out (see `folding.fold`)
instead of being dropped, so URLs stay readable.
"""

from __future__ import annotations

import re

from nerveguide.danish.folding import fold

MAX_SLUG_LENGTH = 100
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """ASCII slug of `text`: folded, anything but a-z/0-9 becomes one hyphen, at most
    `max_length` characters, no leading or trailing hyphen; "" for text with no letters."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


class AnchorMaker:
    """Unique HTML ids for the headings of one document, in order: "x", "x-2", "x-3"."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, heading_text: str) -> str:
        base = slugify(heading_text, max_length=80) or "afsnit"
        anchor, n = base, 1
        while anchor in self.seen:
            n += 1
            anchor = f"{base}-{n}"
        self.seen.add(anchor)
        return anchor
