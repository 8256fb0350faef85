"""Does a search query describe a warning sign? (pure module, no Django)

The self-check decides, so search and self-check never disagree: the query is read by the
self-check's free-text reader (`nerveguide.selfcheck.freetext`, its concept lexicon and its
assertion rules: negation, doubt, "kan ikke holde på vandet") and the answers it finds are
evaluated by the self-check's rules (`selfcheck/rules.yaml`). A query whose answers reach the
level "akut" is a warning: the results page opens with the akut care card and the "when to
seek help" sections rank first.

A query that names an emergency condition ("cauda equina syndrom") is read as describing that
condition's cardinal sign (lexicon.yaml `warning_names`, with sources), because the self-check's
concept lexicon knows the signs but not the names.
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
        named = named_sign(text)
        if named is not None and _level(named) == AKUT:
            return AKUT
        return _level(text)
    except Exception:  # noqa: BLE001 - the results page must not fail because the reader did
        return None


def named_sign(text: str) -> str | None:
    """The cardinal sign's wording (lexicon.yaml `warning_names`, `reads_as`) when the text names
    an emergency condition as whole words, else None. "Cauda equina-syndrom?" -> "nedsat følelse i
    skridtet". æ/ø/å and ae/oe/aa are alike. Raises for a broken lexicon file (`level` catches it).
    """
    from nerveguide.search import analysis

    words = " " + " ".join(analysis.fold(w) for w in analysis.tokenise(text)) + " "
    for names, sign in _warning_names():
        if any(f" {name} " in words for name in names):
            return sign
    return None


@lru_cache(maxsize=1)
def _warning_names() -> tuple[tuple[tuple[str, ...], str], ...]:
    """((folded names as word sequences), reads_as) per entry of lexicon.yaml `warning_names`."""
    from nerveguide.search import analysis

    data = analysis.lexicon_data()
    return tuple(
        (
            tuple(
                " ".join(analysis.fold(w) for w in analysis.tokenise(str(name)))
                for name in item["names"]
            ),
            str(item["reads_as"]),
        )
        for item in data.get("warning_names") or []
    )


@lru_cache(maxsize=4096)
def _level(text: str) -> str:
    """Cached per text, in process memory only (never written anywhere).

    A warning sign the query mentions counts unless the query denies it: the reader's "ved
    ikke" (None: a hypothetical, a question, a hedge such as "hvad gør jeg, hvis jeg ikke kan
    styre blæren") is read as yes here, because a search cannot ask back the way the
    self-check's web flow does. Explicit denials ("ingen problemer med blæren") stay no.
    """
    from nerveguide.selfcheck import engine, freetext

    reading = freetext.read_text(text)
    answers = dict(reading.answers)
    for key, value in reading.found.items():
        if value is None and engine.ruleset().keys[key].type == "bool":
            answers[key] = True
    return engine.evaluate(answers).level


@lru_cache(maxsize=1)
def _defaults() -> dict:
    from nerveguide.selfcheck import engine

    return {name: key.default for name, key in engine.ruleset().keys.items()}
