"""The lay-medical concept lexicon: body parts and warning-sign words in Danish as people write.

Data in data/concepts.yaml (editors own it, each class with its sources):
- `classes`: named word classes ("saddle_area", "sensation", "leg_one", ...), entries in the
  pattern syntax of that file (words, * wildcards, @num).
- `forms`: other ways of writing a word or phrase (Jutlandic, English, crude, SMS spellings)
  mapped to the standard Danish form the classes use ("numbness" -> "følelsesløshed",
  "a" -> "jeg"), by kind, each kind with its source.

Used by the self-check reader (nerveguide.selfcheck.freetext) and by search (does a query
describe a warning sign?). Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nerveguide.datafiles import load_yaml

CONCEPTS_FILE = Path(__file__).parent / "data" / "concepts.yaml"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Concepts:
    """`classes`: class name -> entries; `forms`: phrase (tuple of lower-case words) -> the
    standard Danish words that replace it; `inflected`: classes whose single-word entries also
    match the usual Danish noun endings (-en, -et, -e, -ene, -er, -erne)."""

    classes: dict[str, tuple[str, ...]]
    forms: dict[tuple[str, ...], tuple[str, ...]]
    inflected: frozenset[str]
    longest_form: int


def load(path: Path = CONCEPTS_FILE) -> Concepts:
    """Read and check a concepts file; a malformed file raises ValueError naming the problem."""
    data = load_yaml(Path(path))
    try:
        classes = {
            name: tuple(str(e) for e in entries) for name, entries in data["classes"].items()
        }
        forms: dict[tuple[str, ...], tuple[str, ...]] = {}
        for kind, spec in data.get("forms", {}).items():
            if "source" not in spec:
                raise ValueError(f"{path}: forms.{kind} needs a source")
            for written, standard in spec["map"].items():
                # keys split like the readers' tokens: "can't feel" -> ("can", "t", "feel")
                forms[tuple(WORD.findall(str(written).lower()))] = tuple(
                    str(standard).lower().split()
                )
        inflected = frozenset(data.get("inflected", ()))
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{path}: malformed concepts ({error!r})") from error
    unknown = inflected - set(classes)
    if unknown:
        raise ValueError(f"{path}: inflected names unknown classes {sorted(unknown)}")
    return Concepts(classes, forms, inflected, max((len(k) for k in forms), default=0))


@cache
def concepts() -> Concepts:
    """The concepts of data/concepts.yaml, loaded once per process."""
    return load()


def standard_forms(words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Spans of `words` (lower-case tokens) written in another form, longest match first:
    (first, last, standard words). "pins and needles" -> (i, i + 2, ("prikken",))."""
    table = concepts()
    out, i, n = [], 0, len(words)
    while i < n:
        for length in range(min(table.longest_form, n - i), 0, -1):
            standard = table.forms.get(tuple(words[i : i + length]))
            if standard is not None:
                out.append((i, i + length - 1, standard))
                i += length
                break
        else:
            i += 1
    return out
