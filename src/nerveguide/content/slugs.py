"""URL slugs and heading anchors that keep Danish words readable (no Django imports).

"Øvelser for lænden" -> "oevelser-for-laenden": æ, ø, å are spelt out the way Danes write them
without the letters (ae, oe, aa) instead of being dropped, so URLs stay readable.
"""

import re
import unicodedata

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
MAX_SLUG_LENGTH = 100
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    text = str(text).translate(DANISH_LETTERS).lower()
    # Other accents (é, ü) lose their marks; anything else becomes a hyphen.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", text).strip("-")
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
