"""Lemmas (lemmy) and stems (Snowball's Danish stemmer, via PyStemmer).

A *term* is the stem of a lemma: "nerverødder" -> lemma "nerverod" -> term "nerverod".
Lemmatising first closes gaps the stemmer alone leaves. lemmy guesses lemmas for words it
has not seen, and sometimes guesses wrong for short health words ("tis" -> "ti"); the words
in `data/lemmas.yaml` keep the lemma given there.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

import Stemmer

from nerveguide.datafiles import load_yaml

LEMMA_FILE = Path(__file__).parent / "data" / "lemmas.yaml"
_stemmer = Stemmer.Stemmer("danish")


class _Lemmatizer(Protocol):
    """The part of lemmy's Lemmatizer used here (lemmy ships no type hints)."""

    def lemmatize(self, pos: str, form: str) -> list[str]:
        """The lemmas of `form` for the part-of-speech tag `pos` (e.g. "NOUN"; this module
        passes "", no tag)."""


@cache
def _lemmatizer() -> _Lemmatizer:
    import lemmy  # loading the Danish rules takes ~0.2 s: only when first needed

    lemmatizer: _Lemmatizer = lemmy.load("da")
    return lemmatizer


@cache
def _fixed() -> dict[str, str]:
    data = load_yaml(LEMMA_FILE)
    return {form: lemma for group in data["groups"] for form, lemma in group["forms"].items()}


@lru_cache(maxsize=200_000)
def lemmas(token: str) -> tuple[str, ...]:
    """lemmy's lemmas of one normalised token, several when the form is ambiguous.

    Digits and one-letter tokens are their own lemma; words in data/lemmas.yaml get the
    lemma listed there.
    """
    if token in _fixed():
        return (_fixed()[token],)
    if token.isdigit() or len(token) < 2:
        return (token,)
    found = _lemmatizer().lemmatize("", token)
    return tuple(dict.fromkeys(found)) or (token,)


def stem(token: str) -> str:
    """Snowball Danish stem of one word ("smerterne" -> "smert")."""
    stemmed: str = _stemmer.stemWord(token)  # PyStemmer ships no type hints
    return stemmed


@lru_cache(maxsize=200_000)
def terms(token: str) -> tuple[str, ...]:
    """Index terms of one normalised token: the stems of its lemmas, primary first."""
    return tuple(dict.fromkeys(stem(lemma) for lemma in lemmas(token)))
