"""Site-wide consistency of articles: care-card signs and repeated numbers (no Django imports).

Two data files, owned by the clinical editors like selfcheck/rules.yaml:

- ``akut_signs.yaml``: for each akut rule of ``selfcheck/rules.yaml``, the concepts a line must
  name to state that warning sign, each concept a list of Danish phrases. Used by
  ``akut_card_gaps`` (an ``::: akut`` card that leaves out a sign) and ``akut_signs_below_akut``
  (an akut sign written in a lower card, or next to advice to see a physiotherapist).
- ``number_facts.yaml``: numbers the site repeats (weeks, percentages). ``number_fact_findings``
  turns a sentence that gives another number for one of these facts, or uses a fact in an
  article it does not apply to, into a ``Finding`` for ``nerveguide check``.

A phrase matches when it starts a word of the line, case-insensitively ("skridt" matches
"skridtet", not "fodskridt"). A list item is read together with the line that introduces the
list ("Kontakt lægen i dag, hvis" + "- du går usikkert."), since that line carries the advice.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nerveguide.datafiles import load_yaml

HERE = Path(__file__).resolve().parent
AKUT_SIGNS = HERE / "akut_signs.yaml"
NUMBER_FACTS = HERE / "number_facts.yaml"
RULES = HERE.parent / "selfcheck" / "rules.yaml"
LOWER_CARDS = ("laege-i-dag", "laege", "fysioterapeut")
_CARD_OPEN = re.compile(r"^container_(.+)_open$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Line:
    """One statement of an article: a sentence, or a list item read with its lead-in line.

    card: the care card it is in ("akut", "laege-i-dag", "laege", "fysioterapeut") or None.
    line: 1-based line in the file (of the paragraph or list item)."""

    text: str
    line: int
    card: str | None = None
    paragraph: str = ""  # the whole paragraph (for a list item: its lead-in paragraph and the item)


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![a-zæøå0-9])(?:{alternatives})")


def _matches_all(text: str, concepts: dict[str, re.Pattern]) -> bool:
    lowered = text.lower()
    return all(pattern.search(lowered) for pattern in concepts.values())


def akut_rule_ids(rules_path: Path = RULES) -> list[str]:
    """Ids of the self-check's akut rules, in file order."""
    rules = load_yaml(rules_path)["rules"]
    return [rule["id"] for rule in rules if rule["level"] == "akut"]


@dataclass(frozen=True)
class AkutSigns:
    """akut_signs.yaml, compiled: rule id -> concept name -> pattern, plus the extra phrases
    every akut card must contain and the phrases that mark a line as being unsure."""

    rules: dict[str, dict[str, re.Pattern]]
    every_card_names: dict[str, re.Pattern]
    unsure: re.Pattern


@cache
def load_akut_signs(path: Path = AKUT_SIGNS) -> AkutSigns:
    """Read and compile akut_signs.yaml. Raises ValueError when a rule has no concepts."""
    raw = load_yaml(path)
    rules = {}
    for rule_id, spec in raw["rules"].items():
        concepts = spec.get("concepts") or {}
        if not concepts:
            raise ValueError(f"{path.name}: rule {rule_id} has no concepts")
        rules[rule_id] = {name: _phrase_pattern(phrases) for name, phrases in concepts.items()}
    every = {
        name: _phrase_pattern(phrases)
        for name, phrases in (raw.get("every_akut_card") or {}).items()
    }
    return AkutSigns(rules, every, _phrase_pattern(raw["unsure"]))


def statements(document) -> list[Line]:
    """Every sentence and list item of a Markdown document (parsed tokens), with card and line."""
    tokens = document.tokens or []
    lines: list[Line] = []
    card: str | None = None
    lead = ""  # the paragraph just before a list: "Kontakt lægen i dag, hvis"
    list_depth = 0
    last_line = 0
    for token in tokens:
        if token.map:
            last_line = token.map[0]
        opened = _CARD_OPEN.match(token.type)
        if opened:
            card, lead = opened[1], ""
        elif token.type.startswith("container_") and token.type.endswith("_close"):
            card, lead = None, ""
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0:
                lead = ""
        elif token.type == "heading_open":
            lead = ""
        elif token.type == "inline":
            text = " ".join(_plain(token).split())
            if not text:
                continue
            number = document.line_offset + last_line
            if list_depth:
                last_sentence = _SENTENCE_SPLIT.split(lead)[-1] if lead else ""
                lines.append(
                    Line(f"{last_sentence} {text}".strip(), number, card, f"{lead} {text}".strip())
                )
            else:
                lead = text
                lines.extend(
                    Line(sentence, number, card, text) for sentence in _SENTENCE_SPLIT.split(text)
                )
    return lines


def _plain(token) -> str:
    from nerveguide.content.markdown import inline_text

    return inline_text(token)


def akut_card_gaps(
    document, signs: AkutSigns | None = None, rule_ids: list[str] | None = None
) -> list[tuple[int, str]]:
    """(line of the card, missing rule id or 'every_akut_card' concept) for each akut card.

    A rule is covered when one line of the card names every concept of the rule."""
    signs = signs or load_akut_signs()
    rule_ids = rule_ids if rule_ids is not None else akut_rule_ids()
    cards: dict[int, list[Line]] = {}
    start = 0  # always set by the card's first line before it is used
    previous_card = None
    for line in statements(document):
        if line.card == "akut" and previous_card != "akut":
            start = line.line
        if line.card == "akut":
            cards.setdefault(start, []).append(line)
        previous_card = line.card
    gaps = []
    for start, card_lines in cards.items():
        for rule_id in rule_ids:
            concepts = signs.rules.get(rule_id)
            if concepts is None or not any(
                _matches_all(line.text, concepts) for line in card_lines
            ):
                gaps.append((start, rule_id))
        text = " ".join(line.text for line in card_lines).lower()
        gaps.extend(
            (start, name)
            for name, pattern in signs.every_card_names.items()
            if not pattern.search(text)
        )
    return gaps


def akut_signs_below_akut(document, signs: AkutSigns | None = None) -> list[tuple[Line, str]]:
    """(line, rule id) where an akut sign is written in a lower card, or in a paragraph outside
    the cards that sends the reader to a physiotherapist without saying "akut" or 112. Lines
    about being unsure ("i tvivl") are allowed: the self-check sends "ved ikke" to a doctor today."""
    signs = signs or load_akut_signs()
    physio = re.compile(r"(?<![a-zæøå])fysioterapeut")
    akut = re.compile(r"(?<![a-zæøå])(?:akut|112)")
    found: list[tuple[Line, str]] = []
    for line in statements(document):
        lowered, paragraph = line.text.lower(), line.paragraph.lower()
        sends_to_physio = physio.search(paragraph) and not akut.search(paragraph)
        below = line.card in LOWER_CARDS or (line.card is None and sends_to_physio)
        if not below or signs.unsure.search(lowered):
            continue
        found.extend(
            (line, rule_id)
            for rule_id, concepts in signs.rules.items()
            if _matches_all(line.text, concepts)
        )
    return found


# --- numbers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberFact:
    """One number the site repeats: a line is about it when it names every concept of
    `context` and none of `exclude`; `number` captures the value it gives."""

    id: str
    about: str
    source: str
    context: dict[str, re.Pattern]
    exclude: re.Pattern | None
    number: re.Pattern
    values: tuple[str, ...]  # the numbers the site gives for it (usually one)
    regions: tuple[str, ...]  # empty: any article


@cache
def load_number_facts(path: Path = NUMBER_FACTS) -> tuple[NumberFact, ...]:
    """Read number_facts.yaml (see the file's header for the keys)."""
    raw = load_yaml(path)
    facts = []
    for item in raw["facts"]:
        facts.append(
            NumberFact(
                id=item["id"],
                about=item["about"],
                source=item["source"],
                context={
                    name: _phrase_pattern(phrases) for name, phrases in item["context"].items()
                },
                exclude=_phrase_pattern(item["exclude"]) if item.get("exclude") else None,
                number=re.compile(item["number"], re.IGNORECASE),
                values=tuple(
                    str(v)
                    for v in (item["value"] if isinstance(item["value"], list) else [item["value"]])
                ),
                regions=tuple(item.get("regions") or ()),
            )
        )
    return tuple(facts)


def _normalise_number(text: str) -> str:
    return re.sub(r"\s*[-–—]\s*|\s+til\s+", "–", text.strip())


def number_fact_findings(documents, facts: tuple[NumberFact, ...] | None = None) -> list:
    """Findings (warnings) for lines that give a number other than the site's value for a shared
    fact (fact-number-differs), or that use a fact in an article of another region
    (fact-out-of-place)."""
    from nerveguide.content.documents import Finding

    facts = facts if facts is not None else load_number_facts()
    findings = []
    for document in documents:
        if document.format != "markdown":
            continue
        region = document.meta.get("region")
        for line in statements(document):
            lowered = line.text.lower()
            for fact in facts:
                if not _matches_all(line.text, fact.context) or (
                    fact.exclude and fact.exclude.search(lowered)
                ):
                    continue
                if fact.regions and region not in fact.regions:
                    findings.append(
                        Finding(
                            document.source,
                            line.line,
                            "warning",
                            "fact-out-of-place",
                            f"'{line.text[:80]}' bruger faktum {fact.id} ({fact.about}), som kun gælder for "
                            f"region {', '.join(fact.regions)}; artiklen har region {region or '(ingen)'} "
                            "(se number_facts.yaml)",
                        )
                    )
                for match in fact.number.finditer(line.text):
                    given = _normalise_number(next(g for g in match.groups() if g is not None))
                    if given not in fact.values:
                        findings.append(
                            Finding(
                                document.source,
                                line.line,
                                "warning",
                                "fact-number-differs",
                                f"siger '{match[0]}' om {fact.id} ({fact.about}); resten af sitet siger "
                                f"{' eller '.join(fact.values)} (kilde: {fact.source}); ret tallet, eller ret "
                                "number_facts.yaml og alle steder på én gang",
                            )
                        )
    return findings
