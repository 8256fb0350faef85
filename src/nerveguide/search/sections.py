"""Section types and question intents for search (pure module, no Django).

`section_type(heading)` says what a section answers ("prognosis" for "Hvor længe varer
iskias?"); `intents(query)` what a question asks for ({"prognosis"} for "hvor lang tid går der
før iskias forsvinder"). Both read sections.yaml, which editors own; `check()` validates it for
`nerveguide check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from nerveguide.datafiles import load_yaml
from nerveguide.search import analysis

SECTIONS_PATH = Path(__file__).with_name("sections.yaml")
OTHER = "other"
INTRO = "what"  # an article's introduction answers its title question ("Hvad er iskias?")


@dataclass(frozen=True)
class SectionType:
    """One type of sections.yaml (e.g. "prognosis"): its Danish label, the patterns that type
    a heading and those that read a question as asking for it (compiled over folded text), and
    the (text, expected type) examples `nerveguide check` verifies."""

    name: str
    label: str
    headings: tuple[re.Pattern, ...]
    questions: tuple[re.Pattern, ...]
    examples: tuple[tuple[str, str], ...]


class SectionsError(ValueError):
    """sections.yaml is malformed: the message names the type and the pattern."""


def _key(text: str) -> str:
    return " ".join(analysis.tokenise(analysis.fold(text)))


def load(path: Path = SECTIONS_PATH) -> tuple[SectionType, ...]:
    """The types in file order. Raises SectionsError for a bad file (unknown fields, bad regex)."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise SectionsError(f"{path.name}: a mapping 'types' is required")
    out = []
    for name, spec in data["types"].items():
        unknown = set(spec or {}) - {"label", "headings", "questions", "examples"}
        if unknown or not isinstance(spec, dict):
            raise SectionsError(f"{path.name}: type {name}: unknown fields {sorted(unknown)}")

        def compile_all(field: str, name=name, spec=spec) -> tuple[re.Pattern, ...]:
            patterns = []
            for pattern in spec.get(field) or []:
                try:
                    patterns.append(re.compile(analysis.fold(str(pattern))))
                except re.error as error:
                    raise SectionsError(
                        f"{path.name}: type {name}: {field}: {pattern!r}: {error}"
                    ) from error
            return tuple(patterns)

        examples = tuple((str(text), str(kind)) for text, kind in spec.get("examples") or [])
        out.append(
            SectionType(
                str(name),
                str(spec.get("label", name)),
                compile_all("headings"),
                compile_all("questions"),
                examples,
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def types() -> tuple[SectionType, ...]:
    """The types of sections.yaml in file order, loaded once per process; SectionsError for a
    malformed file."""
    return load()


@lru_cache(maxsize=20_000)
def section_type(heading: str | None) -> str:
    """The type of a section by its heading; `INTRO` for an introduction (heading None)."""
    if heading is None:
        return INTRO
    key = _key(heading)
    for kind in types():
        if any(pattern.search(key) for pattern in kind.headings):
            return kind.name
    return OTHER


def intents(query: str) -> frozenset[str]:
    """The section types a question asks for (empty when its wording says nothing)."""
    key = _key(query)
    return frozenset(kind.name for kind in types() if any(p.search(key) for p in kind.questions))


def check(headings: list[tuple[str, str]] | None = None, path: Path = SECTIONS_PATH) -> list[str]:
    """Problems with sections.yaml: load errors and examples typed otherwise than stated.

    `headings`, (where, heading) pairs, adds a problem for each heading no pattern types, so an
    editor sees a new kind of heading. Returns [] when all is well.
    """
    try:
        loaded = load(path)
    except (SectionsError, yaml.YAMLError, OSError) as error:
        return [str(error)]
    names = {kind.name for kind in loaded}
    problems = []
    for kind in loaded:
        for text, expected in kind.examples:
            if expected not in names:
                problems.append(
                    f"{path.name}: type {kind.name}: example {text!r}: unknown type {expected!r}"
                )
                continue
            key = _key(text)
            found = next((k.name for k in loaded if any(p.search(key) for p in k.headings)), OTHER)
            if found != expected:
                problems.append(
                    f"{path.name}: example {text!r} is typed {found!r}, not {expected!r}"
                )
    for where, heading in headings or []:
        key = _key(heading)
        if not any(p.search(key) for k in loaded for p in k.headings):
            problems.append(f"{where}: heading {heading!r} has no section type in {path.name}")
    return problems


def check_findings() -> list:
    """`check()`'s problems as content-checker findings (for `nerveguide check`): each an error
    with code "search-sections" on sections.yaml."""
    from nerveguide.content.documents import Finding

    return [
        Finding(str(SECTIONS_PATH.name), 1, "error", "search-sections", problem)
        for problem in check()
    ]
