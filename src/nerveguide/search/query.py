"""Clean what a user typed before it reaches the index (pure)."""

import re
import unicodedata

MAX_INPUT_CHARS = 200  # the search box's maxlength

_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2065-\u206f]")
# Zero-width characters sit inside words (pasted from phones): removed, not made spaces.
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060-\u2064\ufeff]")


def clean_query(raw) -> str:
    """Normalised, control characters removed, whitespace collapsed, at most 200 characters."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFC", raw[: MAX_INPUT_CHARS * 4])
    text = _INVISIBLE.sub(" ", _ZERO_WIDTH.sub("", text))
    return " ".join(text.split())[:MAX_INPUT_CHARS].strip()
