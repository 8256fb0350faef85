"""Normalising and tokenising Danish text as people type it.

`normalise` is the one place that decides what a character means: NFKC (so full-width
letters and ligatures read as plain letters), lower case, control characters become spaces,
and invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen) are
removed, so "ry\u200bggen" is one word, not two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

# Letters and digits; hyphens, apostrophes and other punctuation separate words
# ("MR-scanning" -> "mr", "scanning").
WORD_RE = re.compile(r"[^\W_]+")
CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
# Format characters that are invisible and must not split a word. Source: Unicode category
# Cf members commonly pasted from phones and word processors.
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


STOPWORDS_FILE = Path(__file__).parent / "data" / "stopwords.txt"
STOPWORDS = frozenset(
    line.strip()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
"""Danish function words (Snowball's list), for callers that weigh or skip them."""


def normalise(text: str) -> str:
    """NFKC, lower case, invisible characters removed, control characters as spaces.

    Lone surrogates (which Python strings can hold after a lenient JSON decode) become
    spaces, so the result can always be encoded as UTF-8.
    """
    text = SURROGATE_RE.sub(" ", INVISIBLE_RE.sub("", str(text)))
    text = unicodedata.normalize("NFKC", text)
    return CONTROL_RE.sub(" ", text).lower()


def tokenise(text: str) -> list[str]:
    """Word tokens of `text`, normalised: "Ondt i LÆNDEN!" -> ["ondt", "i", "lænden"]."""
    return WORD_RE.findall(normalise(text))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised token) over the ORIGINAL text, for highlighting.

    Offsets index `text` itself. A word broken by an invisible character is one token whose
    span covers the invisible character too.
    """
    pattern = re.compile(r"(?:[^\W_]|[\u00ad\u200b\u200c\u200d\u2060\ufeff])+")
    for match in pattern.finditer(text):
        token = normalise(match.group())
        if token:
            yield match.start(), match.end(), token
