"""Danish text analysis for search: normalise, tokenise, fold, lemmatise + stem, split compounds.

Pure module (no Django). Every step works on single tokens and is cached, because the same
few thousand words recur in every article and every query.

A *term* is what the index stores: the Snowball stem of a lemmy lemma, folded (æ -> ae, ø -> oe,
å -> aa), so the index and the query meet whichever way a word was typed ("nerverødder" ->
lemma "nerverod" -> term "nerverod"; "bækkenkip" and "baekkenkip" -> "baekkenkip").
Lemmatising first closes gaps the stemmer alone leaves (Snowball gives "nerverød" and "skuldr").

Which words exist is decided by a real Danish word list (`nerveguide.danish.words` when that
shared layer is installed; until then Debian's wdanish list, /usr/share/dict/danish), so
compounds are split only into real words and real words are never "corrected".
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import Stemmer
import yaml

# Letters and digits; hyphens, apostrophes and other punctuation separate words
# ("MR-scanning" -> "mr", "scanning").
WORD_RE = re.compile(r"[^\W_]+")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width and other invisible format characters (soft hyphen, joiners, BOM) are removed, not
# turned into spaces: "rod\u200btryk" is the word "rodtryk".
INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
DICTIONARY = Path("/usr/share/dict/danish")  # Debian wdanish (fallback word list)

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

STOPWORDS_FOLDED = frozenset(
    word.replace("æ", "ae").replace("ø", "oe").replace("å", "aa") for word in STOPWORDS
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
    """Unicode NFKC, lower case, invisible characters removed, control characters (newlines,
    tabs) turned into spaces."""
    danish = _danish("text")
    if danish is not None:
        return danish.normalise(text)
    text = INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text))
    return CONTROL_RE.sub(" ", text).lower()


def tokenise(text: str) -> list[str]:
    """Normalised word tokens."""
    return WORD_RE.findall(normalise(text))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised token) over the ORIGINAL text, for highlighting."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), normalise(match.group())


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe"})


def fold(text: str) -> str:
    """Comparison key: æ -> ae, ø -> oe, å -> aa, accents removed ("Lænden" and "laenden" meet)."""
    danish = _danish("folding")
    if danish is not None:
        return danish.fold(text)
    text = text.lower().translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _danish(module: str):
    """The shared language layer's module `nerveguide.danish.<module>`, or None while it is not
    installed (this module then uses its own equivalents)."""
    return _DANISH.get(module) if module in _DANISH else _load_danish(module)


_DANISH: dict[str, object] = {}


def _load_danish(module: str):
    import importlib

    try:
        found = importlib.import_module(f"nerveguide.danish.{module}")
    except ImportError:
        found = None
    _DANISH[module] = found
    return found


# ----- which words exist --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Debian's wdanish word list (313k forms) plus the lexicon's words."""
    words: set[str] = set()
    if DICTIONARY.exists():
        words.update(
            line.strip().lower() for line in DICTIONARY.read_text(encoding="utf-8").splitlines()
        )
    words.update(lexicon_words())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Every word of the synonym lexicon and its protected list (lexicon.yaml)."""
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
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
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    return frozenset(str(word).lower() for word in data.get("protected", []))


@lru_cache(maxsize=200_000)
def is_word(token: str) -> bool:
    """An existing Danish word form (a word list, not the index's vocabulary)."""
    if token in STOPWORDS or token.isdigit():
        return True
    danish = _danish("words")
    if danish is not None:
        return danish.is_word(token) or token in lexicon_words()
    return token in _dictionary()


@lru_cache(maxsize=200_000)
def zipf(token: str) -> float:
    """Word frequency on the Zipf scale (wordfreq's Danish data); 0.0 if unknown."""
    danish = _danish("words")
    if danish is not None:
        return danish.zipf(token)
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq comes with the language layer
        return 3.0 if is_word(token) else 0.0
    return zipf_frequency(token, "da")


def spellings(token: str) -> list[str]:
    """Real words the token may be written for with ae/oe/aa for æ/ø/å ("laenden" -> ["lænden"])."""
    if is_word(token):
        return []
    danish = _danish("words")
    if danish is not None:
        return list(danish.spellings(token))
    return [variant for variant in fold_variants(token) if is_word(variant)]


@lru_cache(maxsize=1)
def _lemmatizer():
    import lemmy  # loading the Danish rules takes ~0.2 s: only when first needed

    return lemmy.load("da")


_stemmer = Stemmer.Stemmer("danish")


@lru_cache(maxsize=200_000)
def lemmas(token: str) -> tuple[str, ...]:
    """lemmy's lemmas of one normalised token (several when the form is ambiguous); a protected
    word is its own lemma."""
    if token.isdigit() or len(token) < 2 or token in protected_words():
        return (token,)
    danish = _danish("lemmas")
    if danish is not None:  # the shared layer, with its own list of fixed lemmas
        return danish.lemmas(token)
    found = _lemmatizer().lemmatize("", token)
    return tuple(dict.fromkeys(found)) or (token,)


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
    return tuple(dict.fromkeys(fold(_stemmer.stemWord(lemma)) for lemma in lemmas(token)))


def _has_typed_letters(token: str) -> bool:
    return "ae" in token or "oe" in token or "aa" in token


def primary_term(token: str) -> str:
    """The first index term of a token (see terms): the folded stem of its first lemma."""
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
