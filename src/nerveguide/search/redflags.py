"""Does a search query describe a warning sign? (pure module, no Django)

The self-check decides, so search and self-check never disagree: the query is read by the
self-check's free-text reader (`nerveguide.selfcheck.freetext`, its concept lexicon and its
assertion rules: negation, doubt, "kan ikke holde på vandet") and the answers it finds are
evaluated by the self-check's rules (`selfcheck/rules.yaml`). A query whose answers reach the
level "akut" is a warning: the results page opens with the akut care card and the "when to
seek help" sections rank first.
"""

from __future__ import annotations

from functools import lru_cache

AKUT = "akut"
# Self-check levels that send the person to a doctor (not an emergency): the query then also asks
# "when should I see a doctor", so the seek-help sections gain the intent boost.
DOCTOR_LEVELS = frozenset({"laege_i_dag", "laege"})


def warning(text: str) -> str | None:
    """The string "akut" when the text describes a sign the self-check sends to emergency
    care, else None."""
    return AKUT if level(text) == AKUT else None


def level(text: str) -> str | None:
    """The self-check's level for what the text describes ("akut", "laege_i_dag", "laege", ...),
    None for an empty text.

    If the self-check's reader fails (a broken lexicon file), the search still answers without a
    warning rather than failing: the results and the footer's 112 line are still shown.
    """
    if not text or not text.strip():
        return None
    try:
        return _level(text)
    except Exception:  # noqa: BLE001 - the results page must not fail because the reader did
        return None


@lru_cache(maxsize=4096)
def _level(text: str) -> str:
    """Cached per text, in process memory only (never written anywhere)."""
    from nerveguide.selfcheck import engine, freetext

    reader = getattr(freetext, "read_text", None) or freetext.analyse
    found = reader(text)
    answers = getattr(found, "answers", None)
    if answers is None:  # a reader returning only the keys it found
        answers = _defaults() | dict(getattr(found, "found", found))
    return engine.evaluate(answers).level


@lru_cache(maxsize=1)
def _defaults() -> dict:
    from nerveguide.selfcheck import engine

    return {name: key.default for name, key in engine.ruleset().keys.items()}
