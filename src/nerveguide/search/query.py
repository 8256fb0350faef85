"""Clean what a user typed before it reaches the index (pure)."""

import re
import unicodedata

MAX_INPUT_CHARS = 200  # the search box's maxlength

_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def clean_query(raw) -> str:
    """Normalised, control characters removed, whitespace collapsed, at most 200 characters."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFC", raw[: MAX_INPUT_CHARS * 4])
    text = _INVISIBLE.sub(" ", text)
    return " ".join(text.split())[:MAX_INPUT_CHARS].strip()
