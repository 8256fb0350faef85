"""Danish text analysis for search: normalise, tokenise, fold, lemmatise + stem, split compounds.

Pure module (no Django). Every step works on single tokens and is cached, because the same
few thousand words recur in every article and every query.

A *term* is what the index stores: the Snowball stem of a lemmy lemma ("nerverødder" ->
lemma "nerverod" -> term "nerverod"; "skuldrene" -> "skulder" -> "skuld"). Lemmatising first
closes gaps the stemmer alone leaves (Snowball gives "nerverød" and "skuldr").

Steps that need to know which words exist (æ/ø/å folding, compound splitting, typo
correction) take a `known` predicate, so the caller decides the vocabulary (the index's,
plus the synonym lexicon).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

import Stemmer

# Letters and digits; hyphens, apostrophes and other punctuation separate words
# ("MR-scanning" -> "mr", "scanning").
WORD_RE = re.compile(r"[^\W_]+")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Function words and question words that carry little meaning in a query. They are still
# indexed (a heading "Hvornår skal man ..." should match "hvornår skal jeg ..."), but weigh
# less in a query, are never "corrected", and never count as a part of a compound.
STOPWORDS = frozenset(
    ["og", "i", "på", "at", "en", "et", "den", "det", "de", "der", "er", "for", "til", "med", "af", "som", "man", "jeg", "du", "har", "have", "kan", "om", "så", "ikke", "min", "mit", "mine", "din", "dit", "dine", "sig", "sin", "sit", "sine", "han", "hun", "vi", "i", "jer", "os", "dem", "deres", "hans", "hendes", "være", "været", "var", "bliver", "blive", "blev", "skal", "skulle", "vil", "ville", "må", "mon", "også", "eller", "men", "fra", "ved", "over", "under", "efter", "før", "når", "hvis", "da", "nu", "her", "hvor", "hvad", "hos", "ud", "op", "ind", "noget", "nogen", "nogle", "alle", "meget", "mere", "mest", "lidt", "få", "får", "fik", "hvilke", "hvilken", "hvilket", "hele", "helt", "selv", "end", "mod", "uden", "ad", "gennem", "igennem", "mellem", "langs", "omkring", "bag", "foran", "inden", "siden", "hen", "blandt", "hvordan", "hvornår", "hvorfor", "hvem", "hvorhen", "hvortil", "hvis", "dette", "disse", "denne", "sådan", "sådanne", "gøre", "gør", "gjorde", "gjort", "lave", "laver", "bare", "godt", "gerne"]
)

# Typed replacements for æ, ø, å on keyboards without them.
FOLDINGS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))

# Linking letters between compound parts: "nerverod-s-påvirkning", "lænd-e-smerter".
LINKING_LETTERS = ("s", "e")
MIN_PART = 3
# Derivational endings that make a compound's last part a non-word on its own:
# "følelses|løshed" (løs + hed).
DERIVATION_SUFFIXES = ("heden", "hed")


def normalise(text: str) -> str:
    """Unicode NFKC, lower case, control characters removed (newlines and tabs become spaces)."""
    text = unicodedata.normalize("NFKC", text)
    return CONTROL_RE.sub(" ", text).lower()


def tokenise(text: str) -> list[str]:
    return WORD_RE.findall(normalise(text))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised token) over the ORIGINAL text, for highlighting.

    NFKC can change lengths for rare characters (ligatures); lower() keeps Danish lengths,
    so spans are taken over the lower-cased original and the token normalised separately.
    """
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), normalise(match.group())


@lru_cache(maxsize=1)
def _lemmatizer():
    import lemmy  # loading the Danish rules takes ~0.2 s: only when first needed

    return lemmy.load("da")


_stemmer = Stemmer.Stemmer("danish")


@lru_cache(maxsize=200_000)
def lemmas(token: str) -> tuple[str, ...]:
    """lemmy's lemmas of one normalised token (several when the form is ambiguous)."""
    if token.isdigit() or len(token) < 2:
        return (token,)
    found = _lemmatizer().lemmatize("", token)
    return tuple(dict.fromkeys(found)) or (token,)


@lru_cache(maxsize=200_000)
def terms(token: str) -> tuple[str, ...]:
    """Index terms of one normalised token: the stems of its lemmas, primary first."""
    return tuple(dict.fromkeys(_stemmer.stemWord(lemma) for lemma in lemmas(token)))


def primary_term(token: str) -> str:
    return terms(token)[0]


def fold_variants(token: str) -> list[str]:
    """Spellings with æ/ø/å for every ae/oe/aa in the token ("baekkenkip" -> "bækkenkip").

    Returns the variants other than the token itself, most replacements first. The caller
    only uses one when the typed word is unknown, so real "aa"/"ae" words ("israel") survive.
    """
    positions = []
    for typed, letter in FOLDINGS:
        start = token.find(typed)
        while start != -1:
            positions.append((start, typed, letter))
            start = token.find(typed, start + 1)
    positions.sort()
    if not positions or len(positions) > 6:
        return []
    variants = []
    for mask in itertools.product((True, False), repeat=len(positions)):
        if not any(mask):
            continue
        out, last = [], 0
        overlapping = False
        for use, (start, typed, letter) in zip(mask, positions):
            if not use:
                continue
            if start < last:
                overlapping = True
                break
            out.append(token[last:start] + letter)
            last = start + len(typed)
        if not overlapping:
            variants.append("".join(out) + token[last:])
    return list(dict.fromkeys(variants))


def split_compound(token: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Split a compound into known words: "rygsmerter" -> ("ryg", "smerter").

    `known(word)` says whether a word exists on its own (the caller's vocabulary).
    Tries every cut, allowing a linking s/e ("nerverodspåvirkning" -> "nerverod" +
    "påvirkning"); the last part may itself be a compound. Prefers the fewest parts, then the
    longest last part (the head of a Danish compound). Returns () when no split is found.
    """
    return _split(token, known, depth=0)


def _split(token: str, known: Callable[[str], bool], depth: int) -> tuple[str, ...]:
    if depth > 2 or len(token) < 2 * MIN_PART:
        return ()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        left, right = token[:cut], token[cut:]
        head = _known_part(left, known, allow_link=True)
        if head is None:
            continue
        tail = _known_part(right, known, allow_link=False)
        if tail is not None:
            parts = (head, tail)
        else:
            rest = _split(right, known, depth + 1)
            if not rest:
                continue
            parts = (head, *rest)
        if not best or (len(parts), -len(parts[-1])) < (len(best), -len(best[-1])):
            best = parts
    return best


def _known_part(part: str, known: Callable[[str], bool], allow_link: bool) -> str | None:
    candidates = [part]
    if allow_link and part[-1] in LINKING_LETTERS and len(part) - 1 >= MIN_PART:
        candidates.append(part[:-1])
    if not allow_link:
        candidates += [part[: -len(s)] for s in DERIVATION_SUFFIXES if part.endswith(s)]
    for candidate in candidates:
        if len(candidate) >= MIN_PART and candidate not in STOPWORDS and known(candidate):
            return candidate
    return None
