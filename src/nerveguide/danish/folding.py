"""Danish letters on keyboards without them: æ/ø/å ↔ ae/oe/aa, both ways.

`fold` gives a comparison key (letters spelt out, the way Danes write without æøå), so
"Lænden", "laenden" and "LAENDEN" compare equal, and so do "Århus" and "Aarhus". Other
letters with marks lose the mark, except ä and ö, which are the Swedish/German letters
for æ and ø (Source: Dansk Sprognævn, "Retskrivningsordbogen", §1 on foreign letters)
and are spelt ae and oe like them: "Görel" -> "goerel".

`unfold_variants` goes the other way for single words, for looking up a word typed
without the letters ("baekkenkip" -> "bækkenkip").
"""

from __future__ import annotations

import itertools
import unicodedata

LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe"}
_FOLD = str.maketrans({**LETTERS, **{k.upper(): v for k, v in LETTERS.items()}})
# Typed spellings and the letter each may stand for.
TYPED = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))
MAX_VARIANT_POSITIONS = 6  # 2**6 variants at most


def fold(text: str) -> str:
    """Lower-case comparison key with æ/ø/å spelt out and other marks removed.

    >>> fold("Lænden i Århus, Görel")
    'laenden i aarhus, goerel'
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_FOLD).lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def unfold_variants(token: str) -> list[str]:
    """Spellings with æ/ø/å for the ae/oe/aa in one word, most replacements first.

    Returns the variants other than `token` itself, [] when it has none (or more than
    MAX_VARIANT_POSITIONS candidate places). "baekkenkip" -> ["bækkenkip"];
    "aaen" -> ["åen", ...]. Callers decide which variant is a real word (`words.spellings`).
    """
    positions = []
    for typed, letter in TYPED:
        start = token.find(typed)
        while start != -1:
            positions.append((start, typed, letter))
            start = token.find(typed, start + 1)
    positions.sort()
    if not positions or len(positions) > MAX_VARIANT_POSITIONS:
        return []
    variants = []
    for mask in itertools.product((True, False), repeat=len(positions)):
        if not any(mask):
            continue
        out, last, overlapping = [], 0, False
        for use, (start, typed, letter) in zip(mask, positions, strict=True):
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


def loose_fold(text: str) -> str:
    """A looser matching key for lay text, whichever way æ/ø/å were typed: lower case, æ/ae to
    e, ø/oe to o, å/aa to a, é to e ("Lænden", "laenden" and "lenden" all give "lenden").

    æ goes to e, not a, so that "kræft" (cancer) never meets "kraft" (strength); å is folded
    last, or "tåen" (the toe) would fold through "taen" into "ten" and match "natten". Used by
    the self-check's reader, whose lexicon is folded the same way.
    """
    text = text.lower().replace("æ", "e").replace("ø", "o").replace("é", "e")
    return text.replace("ae", "e").replace("oe", "o").replace("å", "a").replace("aa", "a")
