"""Assertion of matched concepts in Danish lay text: the NegEx/ConText algorithm.

Given a text as a list of tokens and the token span of a matched concept ("feber", "kan ikke
tisse"), `ConText.assertion` says whether the concept is negated, uncertain, historical,
hypothetical or about another person, with the triggers that decided it. The trigger terms,
their direction and scope and the terminators live in data/context.yaml, with sources.

Algorithm (Chapman et al. 2001; Harkema et al. 2009): trigger phrases are found by longest
match, pseudo-triggers ("ikke kun", "kan ikke") block the shorter triggers inside them, and a
trigger modifies a concept within its scope: forward or backward from the trigger, up to
`max_scope` words, the end of the sentence, a terminator ("men"), a new clause (", og jeg ...")
or the next trigger of the same category. Asides between paired dashes ("jeg har ikke – så vidt
jeg ved – nogen problemer") do not count as distance and do not end a scope.

Why not medspaCy: its ConText is the maintained implementation and was evaluated first, but
medspaCy 1.3.1 requires PyRuSH and medspacy_quickumls (compiled extensions) beside spaCy, which
is a heavy install for one algorithm, and importing spaCy would dominate the CLI start-up time;
the concept matcher it needs (folded forms, typo tolerance against the Danish word list,
Jutlandic and English forms) is ours in any case. The algorithm itself is ~150 lines, here.

Pure Python, no Django. Tokens are expected already normalised by the caller; trigger phrases
are normalised with the same function (`ConText(normalise=...)`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from nerveguide.datafiles import load_yaml

CONTEXT_FILE = Path(__file__).parent / "data" / "context.yaml"
CATEGORIES = ("NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY")
DIRECTIONS = ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "PSEUDO", "TERMINATE")
SENTENCE_END = frozenset(".!?")
DASHES = frozenset({"–", "-", "—"})
NUMBER = "#"
YEAR = "#year"
QUIET = frozenset({":", "–", "-", "—"})  # punctuation that does not count as distance


@dataclass(frozen=True)
class Rule:
    """One trigger phrase: words (each a set of alternatives), category, direction, scope."""

    words: tuple[frozenset[str], ...]
    category: str
    direction: str
    max_scope: int
    sentence_scope: bool
    source: str


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a text: token span first..last (inclusive) and its rule."""

    first: int
    last: int
    rule: Rule


@dataclass(frozen=True)
class Assertion:
    """How a concept is asserted. `negation_distance` is the words between the concept and the
    nearest negation trigger whose scope covers it (None when not negated); `negations` counts
    the negation triggers that cover it (two or more is a double negation)."""

    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    hypothetical: bool = False
    other_person: bool = False
    negation_distance: int | None = None
    negations: int = 0
    triggers: tuple[str, ...] = field(default=(), compare=False)

    @property
    def affirmed(self) -> bool:
        """The person's own, current, certain symptom."""
        return not (
            self.negated
            or self.uncertain
            or self.historical
            or self.hypothetical
            or self.other_person
        )


class Document:
    """Tokens with their triggers, boundaries and asides, ready for assertions of many spans."""

    def __init__(self, context: ConText, tokens: Sequence[str]):
        self.context = context
        self.tokens = list(tokens)
        self.triggers = context.find_triggers(self.tokens)
        n = len(self.tokens)
        self.sentence = []
        current = 0
        for token in self.tokens:
            self.sentence.append(current)
            if token in SENTENCE_END:
                current += 1
        self.aside = self._asides()
        # a boundary at i ends every clause-limited scope that would cross token i
        self.boundary = [False] * n
        for i, token in enumerate(self.tokens):
            if self.aside[i]:
                continue
            following = self.tokens[i + 1] if i + 1 < n else ""
            previous = self.tokens[i - 1] if i else ""
            if token in SENTENCE_END or token == ";":
                self.boundary[i] = True
            elif token in (",", "og", "eller", ":") or token in DASHES:
                thinking = context.thinking & set(self.tokens[max(i - 2, 0) : i])
                if (
                    following in context.clause_starters
                    and previous not in context.subordinators
                    and not thinking
                ):
                    self.boundary[i] = True
        # "ingen feber, vægttab eller uheld": a comma inside a list closed by "eller" keeps the
        # scope; "ingen feber, prikken i foden" is two statements (NegEx lists, Danish coordination)
        self.open_list: list[bool | None] = [None] * n
        for i, token in enumerate(self.tokens):
            following = self.tokens[i + 1] if i + 1 < n else ""
            thinking = context.thinking & set(self.tokens[max(i - 2, 0) : i])
            previous = self.tokens[i - 1] if i else ""
            subordinate = following in context.subordinators or previous in context.subordinators
            if token == "," and not subordinate and not thinking:
                self.open_list[i] = False
                for j in range(i + 1, n):
                    if self.tokens[j] in SENTENCE_END or self.boundary[j] or self.tokens[j] == ",":
                        break
                    if self.tokens[j] in context.list_coordinators:
                        self.open_list[i] = True
                        break
                # a comma followed by another list comma keeps the list open if a later one closes it
        for i in range(n - 1, -1, -1):
            if self.open_list[i] is False:
                next_stop = next(
                    (
                        j
                        for j in range(i + 1, n)
                        if self.tokens[j] == "," or self.tokens[j] in SENTENCE_END
                    ),
                    None,
                )
                if (
                    next_stop is not None
                    and self.open_list[next_stop] is True
                    and not any(self.boundary[i + 1 : next_stop])
                ):
                    self.open_list[i] = True
        self.terminator = [False] * n
        for trigger in self.triggers:
            if trigger.rule.direction == "TERMINATE":
                for i in range(trigger.first, trigger.last + 1):
                    self.terminator[i] = True

    def _asides(self) -> list[bool]:
        """Tokens between two dashes of one sentence: a parenthetical remark."""
        aside = [False] * len(self.tokens)
        opened = None
        for i, token in enumerate(self.tokens):
            if token in SENTENCE_END:
                opened = None
            elif token in DASHES:
                if opened is None:
                    opened = i
                else:
                    for j in range(opened, i + 1):
                        aside[j] = True
                    opened = None
        return aside

    def _reach(self, trigger: Trigger, first: int, last: int) -> int | None:
        """Words between trigger and concept if the concept is in the trigger's scope, else None."""
        rule = trigger.rule
        if trigger.last < first and rule.direction in ("FORWARD", "BIDIRECTIONAL"):
            start, end = trigger.last + 1, first
        elif trigger.first > last and rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
            start, end = last + 1, trigger.first
        else:
            return None
        if self.sentence[start - 1] != self.sentence[end]:
            return None
        distance = 0
        for i in range(start, end):
            if self.aside[i]:
                continue
            if self.terminator[i] or self.tokens[i] in SENTENCE_END:
                return None
            if self.boundary[i] and not rule.sentence_scope:
                return None
            if (
                self.tokens[i] == ","
                and self.open_list[i] is False
                and rule.category == "NEGATED_EXISTENCE"
            ):
                return None
            if self.tokens[i] not in QUIET:
                distance += 1
        # the next trigger of the same category in the same direction takes over
        for other in self.triggers:
            if other is trigger or other.rule.category != rule.category:
                continue
            if (other.first, other.last) == (trigger.first, trigger.last):
                continue  # the same phrase under another rule
            if start <= other.first <= end and other.rule.direction == rule.direction:
                return None
        return distance if distance <= rule.max_scope else -distance - 1

    def assertion(self, first: int, last: int, far: int | None = None) -> Assertion:
        """The assertion of the concept at tokens first..last (inclusive).

        `far`: negation triggers further away than this many words (but within the clause)
        still count as covering the concept, with their distance, so that a caller can treat a
        far-scoped denial as unclear; by default only triggers within their max_scope count.
        """
        flags = dict.fromkeys(CATEGORIES, False)
        negation_distance, negations, names = None, 0, []
        for trigger in self.triggers:
            rule = trigger.rule
            if rule.category not in CATEGORIES:
                continue
            distance: int | None
            if trigger.first >= first and trigger.last <= last:
                continue  # a trigger inside the concept is part of it ("kan ikke mærke")
            if trigger.first < first <= trigger.last and rule.direction in (
                "FORWARD",
                "BIDIRECTIONAL",
            ):
                distance = 0  # "ingen problemer med" + concept "problemer med at tisse"
            elif trigger.first <= last < trigger.last and rule.direction in (
                "BACKWARD",
                "BIDIRECTIONAL",
            ):
                distance = 0
            else:
                distance = self._reach(trigger, first, last)
            if distance is None:
                continue
            if distance < 0:
                far_reaching = rule.category == "NEGATED_EXISTENCE" and rule.direction == "FORWARD"
                if not far_reaching or far is None or -distance - 1 > far:
                    continue
                distance = -distance - 1
            flags[rule.category] = True
            names.append(
                " ".join(self.tokens[trigger.first : trigger.last + 1]) + f" ({rule.category})"
            )
            if rule.category == "NEGATED_EXISTENCE":
                negations += 1
                if negation_distance is None or distance < negation_distance:
                    negation_distance = distance
        return Assertion(
            negated=flags["NEGATED_EXISTENCE"],
            uncertain=flags["POSSIBLE_EXISTENCE"],
            historical=flags["HISTORICAL"],
            hypothetical=flags["HYPOTHETICAL"],
            other_person=flags["FAMILY"],
            negation_distance=negation_distance,
            negations=negations,
            triggers=tuple(names),
        )


class ConText:
    """The trigger rules of a context file, compiled for matching on normalised tokens."""

    def __init__(self, data: dict[str, Any], normalise: Callable[[str], str] = str.lower):
        self.normalise = normalise
        self.clause_starters = frozenset(normalise(w) for w in data.get("clause_starters", ()))
        self.subordinators = frozenset(normalise(w) for w in data.get("subordinators", ()))
        self.thinking = frozenset(normalise(w) for w in data.get("thinking", ()))
        self.list_coordinators = frozenset(normalise(w) for w in data.get("list_coordinators", ()))
        self.number_words = frozenset(normalise(w) for w in data.get("number_words", ()))
        self.voided_after = {
            normalise(trigger): frozenset(normalise(w) for w in words)
            for trigger, words in data.get("voided_after", {}).items()
        }
        rules = []
        for group in data["groups"]:
            category, direction = group["category"], group["direction"]
            if direction not in DIRECTIONS or (
                category not in CATEGORIES and category != direction
            ):
                raise ValueError(
                    f"context rules: unknown category/direction {category}/{direction}"
                )
            for phrase in group["phrases"]:
                words = tuple(
                    frozenset(normalise(alt) for alt in word.split("|"))
                    for word in str(phrase).split()
                )
                rules.append(
                    Rule(
                        words,
                        category,
                        direction,
                        int(group.get("max_scope", 0)),
                        bool(group.get("sentence_scope", False)),
                        group.get("source", ""),
                    )
                )
        # index by first word for speed: one dict lookup per token
        self.by_first: dict[str, list[Rule]] = {}
        for rule in rules:
            for word in rule.words[0]:
                self.by_first.setdefault(word, []).append(rule)
        for candidates in self.by_first.values():
            candidates.sort(key=lambda r: -len(r.words))
        self.rules = tuple(rules)

    def find_triggers(self, tokens: Sequence[str]) -> list[Trigger]:
        """Longest-match triggers, left to right; pseudo-triggers hide the triggers inside them."""
        found: list[Trigger] = []
        for i, token in enumerate(tokens):
            numeric = _is_number(token) or token in self.number_words
            for rule in self.by_first.get(token, []) + self.by_first.get(NUMBER, []) * numeric:
                if _matches(rule.words, tokens, i, self.number_words):
                    found.append(Trigger(i, i + len(rule.words) - 1, rule))
        # keep the longest trigger where triggers overlap (pseudo-triggers included), then drop pseudos
        found.sort(key=lambda t: (-(t.last - t.first), t.first))
        kept: list[Trigger] = []
        taken: set[int] = set()
        spans: set[tuple[int, int]] = set()
        for trigger in found:
            span = set(range(trigger.first, trigger.last + 1))
            # the same phrase may be a trigger of several rules ("ikke" forward and backward);
            # a terminator may share words with another trigger ("så jeg")
            same = (trigger.first, trigger.last) in spans
            if span & taken and not same and trigger.rule.direction != "TERMINATE":
                continue
            kept.append(trigger)
            taken |= span
            spans.add((trigger.first, trigger.last))
        kept.sort(key=lambda t: t.first)
        return [t for t in kept if t.rule.direction != "PSEUDO" and not self._voided(t, tokens)]

    def _voided(self, trigger: Trigger, tokens: Sequence[str]) -> bool:
        """A negation made void by an earlier negation in its clause ("ikke ... uden at")."""
        voiders = self.voided_after.get(tokens[trigger.first])
        if not voiders or trigger.rule.category != "NEGATED_EXISTENCE":
            return False
        for j in range(trigger.first - 1, max(trigger.first - 8, -1), -1):
            if tokens[j] in SENTENCE_END or tokens[j] in (",", ";"):
                return False
            if tokens[j] in voiders:
                return True
        return False

    def document(self, tokens: Sequence[str]) -> Document:
        """A document for the assertions of many concept spans of one text."""
        return Document(self, tokens)


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _is_past_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) < date.today().year


def _matches(
    words: tuple[frozenset[str], ...],
    tokens: Sequence[str],
    i: int,
    number_words: frozenset[str] = frozenset(),
) -> bool:
    if i + len(words) > len(tokens):
        return False
    for offset, alternatives in enumerate(words):
        token = tokens[i + offset]
        if token in alternatives:
            continue
        if NUMBER in alternatives and (_is_number(token) or token in number_words):
            continue
        if YEAR in alternatives and _is_past_year(token):
            continue
        return False
    return True


def load(path: Path = CONTEXT_FILE, normalise: Callable[[str], str] = str.lower) -> ConText:
    """The ConText rules of a data file; a malformed file raises ValueError."""
    try:
        return ConText(load_yaml(Path(path)), normalise)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{path}: malformed context rules ({error!r})") from error


@cache
def default(normalise: Callable[[str], str] = str.lower) -> ConText:
    """The rules of data/context.yaml, loaded once per normalising function."""
    return load(CONTEXT_FILE, normalise)
