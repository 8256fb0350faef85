"""Danish text analysis for search: normalise, tokenise, fold, lemmatise + stem, split compounds.

Pure module (no Django). Every step works on single tokens and is cached, because the same
few thousand words recur in every article and every query.

A *term* is what the index stores: the Snowball stem of a lemmy lemma, folded (æ -> ae, ø -> oe,
å -> aa), so the index and the query meet whichever way a word was typed ("nerverødder" ->
lemma "nerverod" -> term "nerverod"; "bækkenkip" and "baekkenkip" -> "baekkenkip").
Lemmatising first closes gaps the stemmer alone leaves (Snowball gives "nerverød" and "skuldr").

Everything about Danish itself (normalising, tokenising, folding, the word list, lemmas and
stems) comes from the shared language layer, `nerveguide.danish`; this module adds what is
particular to search: the synonym lexicon, stopword weighting, and compound splitting against
the index's own vocabulary (parts must be words of the word list *and* of the index, and
lexicon words count as common, which `danish.words.split_compound` does not know).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from nerveguide.danish import folding, words
from nerveguide.danish import lemmas as lemmas_layer
from nerveguide.danish import text as text_layer
from nerveguide.datafiles import load_yaml

# Letters and digits; hyphens, apostrophes and other punctuation separate words
# ("MR-scanning" -> "mr", "scanning").
WORD_RE = re.compile(r"[^\W_]+")

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

# Function words that carry little meaning in a query. They are still indexed (a heading
# "Hvornår skal man ..." should match "hvornår skal jeg ..."), but weigh less in a query, are
# never "corrected", never count as a part of a compound, and a query of only these words finds
# nothing. Question words are here too: their meaning is read as the question's intent
# (sections.yaml), not as words to match.
STOPWORDS = frozenset(
    [
        "og",
        "i",
        "på",
        "at",
        "en",
        "et",
        "den",
        "det",
        "de",
        "der",
        "er",
        "for",
        "til",
        "med",
        "af",
        "som",
        "man",
        "jeg",
        "du",
        "har",
        "have",
        "kan",
        "om",
        "så",
        "ikke",
        "min",
        "mit",
        "mine",
        "din",
        "dit",
        "dine",
        "sig",
        "sin",
        "sit",
        "sine",
        "han",
        "hun",
        "vi",
        "jer",
        "os",
        "dem",
        "deres",
        "hans",
        "hendes",
        "mig",
        "dig",
        "ham",
        "hende",
        "være",
        "været",
        "var",
        "bliver",
        "blive",
        "blev",
        "skal",
        "skulle",
        "vil",
        "ville",
        "må",
        "mon",
        "også",
        "eller",
        "men",
        "fra",
        "ved",
        "over",
        "under",
        "efter",
        "før",
        "når",
        "hvis",
        "da",
        "nu",
        "her",
        "hvor",
        "hvad",
        "hos",
        "ud",
        "op",
        "ind",
        "noget",
        "nogen",
        "nogle",
        "alle",
        "meget",
        "mere",
        "mest",
        "lidt",
        "få",
        "får",
        "fik",
        "hvilke",
        "hvilken",
        "hvilket",
        "hele",
        "helt",
        "selv",
        "end",
        "mod",
        "uden",
        "ad",
        "gennem",
        "igennem",
        "mellem",
        "langs",
        "omkring",
        "bag",
        "foran",
        "inden",
        "siden",
        "hen",
        "blandt",
        "hvordan",
        "hvornår",
        "hvorfor",
        "hvem",
        "hvorhen",
        "hvortil",
        "dette",
        "disse",
        "denne",
        "sådan",
        "sådanne",
        "gøre",
        "gør",
        "gjorde",
        "gjort",
        "lave",
        "laver",
        "bare",
        "godt",
        "gerne",
    ]
)

STOPWORDS_FOLDED = frozenset(folding.fold(word) for word in STOPWORDS)

# Typed replacements for æ, ø, å on keyboards without them.
FOLDINGS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))

# Linking letters between compound parts: "nerverod-s-påvirkning", "lænd-e-smerter".
LINKING_LETTERS = ("s", "e")
MIN_PART = 3
# Derivational endings that make a compound's last part a non-word on its own:
# "følelses|løshed" (løs + hed).
DERIVATION_SUFFIXES = ("heden", "hed")


def normalise(text: str) -> str:
    """Unicode NFKC, lower case, invisible characters removed, control characters as spaces
    (`nerveguide.danish.text.normalise`)."""
    return text_layer.normalise(text)


def tokenise(text: str) -> list[str]:
    """Normalised word tokens (`nerveguide.danish.text.tokenise`)."""
    return text_layer.tokenise(text)


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised token) over the ORIGINAL text, for highlighting."""
    return text_layer.token_spans(text)


def fold(text: str) -> str:
    """Comparison key: æ -> ae, ø -> oe, å -> aa, accents removed (`danish.folding.fold`)."""
    return folding.fold(text)


# ----- which words exist --------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon_data() -> dict[str, Any]:
    """The search lexicon file (lexicon.yaml: synonym groups, protected words, warning names),
    read once per process for every reader of it."""
    data: dict[str, Any] = load_yaml(LEXICON_PATH) or {}
    return data


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Every word of the synonym lexicon and its protected list (lexicon.yaml)."""
    data = lexicon_data()
    words = {
        word
        for group in data["groups"]
        for term in group["terms"]
        for word in WORD_RE.findall(str(term).lower())
    }
    return frozenset(words | set(protected_words()))


@lru_cache(maxsize=1)
def protected_words() -> frozenset[str]:
    """Words the lemmatiser must leave alone (lexicon.yaml `protected`): "tis" is not "ti"."""
    data = lexicon_data()
    return frozenset(str(word).lower() for word in data.get("protected", []))


@lru_cache(maxsize=200_000)
def is_word(token: str) -> bool:
    """An existing Danish word form (a word list, not the index's vocabulary)."""
    if token in STOPWORDS or token.isdigit():
        return True
    return words.is_word(token) or token in lexicon_words()


@lru_cache(maxsize=200_000)
def zipf(token: str) -> float:
    """Word frequency on the Zipf scale (wordfreq's Danish data); 0.0 if unknown."""
    return words.zipf(token)


def spellings(token: str) -> list[str]:
    """Real words the token may be written for with ae/oe/aa for æ/ø/å ("laenden" -> ["lænden"])."""
    if is_word(token):
        return []
    return list(words.spellings(token))


@lru_cache(maxsize=200_000)
def lemmas(token: str) -> tuple[str, ...]:
    """lemmy's lemmas of one normalised token (several when the form is ambiguous); a protected
    word is its own lemma."""
    if token.isdigit() or len(token) < 2 or token in protected_words():
        return (token,)
    return lemmas_layer.lemmas(token)


@lru_cache(maxsize=200_000)
def terms(token: str) -> tuple[str, ...]:
    """Index terms of one normalised token: the folded stems of its lemmas, primary first.

    A token that is no word but is one with æ/ø/å ("laenden", "baekkenkip") is analysed as that
    word, so the index and the query agree however either was typed.
    """
    if _has_typed_letters(token) and not is_word(
        token
    ):  # the word list is slow: ask only when needed
        written = spellings(token)
        if written:
            token = written[0]
    return tuple(dict.fromkeys(fold(lemmas_layer.stem(lemma)) for lemma in lemmas(token)))


def _has_typed_letters(token: str) -> bool:
    return "ae" in token or "oe" in token or "aa" in token


def primary_term(token: str) -> str:
    """The first index term of a token (see terms): the folded stem of its first lemma."""
    return terms(token)[0]


def fold_variants(token: str) -> list[str]:
    """Spellings with æ/ø/å for the ae/oe/aa in a word (`danish.folding.unfold_variants`)."""
    return folding.unfold_variants(token)


# A word of our own lexicon (lænd, nerverod, iskias) counts as at least this common in the
# compound rule below: wordfreq's general-language list rarely has health words, and a health
# site's readers use them.
LEXICON_ZIPF = 3.0


def part_frequency(word: str) -> float:
    """Zipf frequency of a compound part, lexicon words at least LEXICON_ZIPF."""
    return max(zipf(word), LEXICON_ZIPF if word in lexicon_words() else 0.0)


@lru_cache(maxsize=100_000)
def split_compound(token: str, known: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """Split a compound into real Danish words: "rygsmerter" -> ("ryg", "smerter").

    Koehn & Knight (2003, "Empirical methods for compound splitting"): among the splits whose
    parts are all real words (`is_word`, a word list; and `known(part)` when given), with a
    linking s/e allowed at the end of a non-final part and a derivational -hed at the end of
    the last, take the one with the highest mean part frequency (`part_frequency`), and split
    only when it beats the whole word's. So "stilling", "træning", "nummer" and "morgenen" stay
    whole (their parts are no words, or rarer than the whole). Returns () for no split.
    """
    if not MIN_PART * 2 <= len(token) <= 40 or not token.isalpha():
        return ()
    check = is_word if known is None else (lambda word: is_word(word) and known(word))
    best_score = part_frequency(token)
    best: tuple[str, ...] = ()
    for parts in _splits(token, check, depth=0):
        score = math.fsum(part_frequency(part) for part in parts) / len(parts)
        if score > best_score or (score == best_score and best and len(parts) < len(best)):
            best_score, best = score, parts
    return best


def _splits(token: str, known: Callable[[str], bool], depth: int) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for cut in range(MIN_PART, len(token) - MIN_PART + 1):
        head = _known_part(token[:cut], known, final=False)
        if head is None:
            continue
        tail = _known_part(token[cut:], known, final=True)
        if tail is not None:
            out.append((head, tail))
        if depth == 0:
            out.extend(
                (head, *rest) for rest in _splits(token[cut:], known, depth=1) if len(rest) == 2
            )
    return out


def _known_part(part: str, known: Callable[[str], bool], final: bool) -> str | None:
    candidates = [part]
    if not final and part[-1] in LINKING_LETTERS and len(part) - 1 >= MIN_PART:
        candidates.append(part[:-1])
    if final:
        candidates += [part[: -len(s)] for s in DERIVATION_SUFFIXES if part.endswith(s)]
    for candidate in candidates:
        if (
            len(candidate) >= MIN_PART
            and candidate not in STOPWORDS
            and part_frequency(candidate) > 0
            and known(candidate)
        ):
            return candidate
    return None
