"""The self-check rules engine: answers in, one level and its reasons out.

Pure Python (no Django) so the web flow, the API and the CLI share it. The rules live in
rules.yaml; they are loaded and validated once, and a broken file fails loudly at start-up.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nerveguide.datafiles import load_yaml

RULES_FILE = Path(__file__).parent / "rules.yaml"
CONDITION_OPERATORS = ("is", "equals", "in", "not_in", "at_least")
UNKNOWN = None  # "ved ikke"


class RulesError(ValueError):
    """rules.yaml is malformed."""


class AnswerError(ValueError):
    """The answers do not fit the answer keys; `errors` maps each bad key to a message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


@dataclass(frozen=True)
class Key:
    """One answer key of rules.yaml: its name, type (bool | choice | number) and default.

    `values` lists the allowed choices of a choice key; `min`/`max` bound a number key in the
    key's own unit (e.g. duration_weeks: weeks, 0 to 5200).
    """

    name: str
    type: str  # bool | choice | number
    default: Any
    values: tuple[str, ...] = ()
    min: float = 0
    max: float = math.inf

    def check(self, value: Any) -> str | None:
        """Return an error message, or None when the value fits.

        None ("ved ikke") is an answer only to a yes/no question: for a choice or a number the
        spec defines no meaning for it, so it is rejected rather than guessed (issue 18).
        """
        if value is None:
            if self.type == "bool":
                return None
            return "null (ved ikke) is only allowed for yes/no questions; leave the key out for the default"
        if self.type == "bool":
            return (
                None if isinstance(value, bool) else f"expected true, false or null, got {value!r}"
            )
        if self.type == "choice":
            if isinstance(value, str) and value in self.values:
                return None
            return f"expected one of {', '.join(self.values)}, got {value!r}"
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            return f"expected a number, got {value!r}"
        if not self.min <= value <= self.max:
            return f"must be between {self.min:g} and {self.max:g}, got {value!r}"
        return None


@dataclass(frozen=True)
class Rule:
    """One rule of rules.yaml: when the condition `when` holds, the answers reach `level`.

    `reason` is the Danish sentence shown to the person, `source` where the clinical fact comes
    from (both required, stripped); `when` is the raw condition mapping from the file.
    """

    id: str
    level: str
    reason: str
    source: str
    when: dict


@dataclass(frozen=True)
class Result:
    """The outcome of one evaluation: the highest level reached (the lowest when no rule
    fired), and the reasons and ids of every rule that fired, highest level first."""

    level: str
    reasons: tuple[str, ...]
    rule_ids: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    """The validated contents of rules.yaml (source: the self-check spec, see the file).

    `keys` by name, `levels` lowest to highest, named `definitions` (conditions reused via
    `ref`) and `rules` in file order. Build it with load_rules, not by hand.
    """

    keys: dict[str, Key]
    levels: tuple[str, ...]
    definitions: dict[str, dict]
    rules: tuple[Rule, ...]

    def rank(self, level: str) -> int:
        """The position of a level in `levels` (0 = lowest); ValueError for an unknown level."""
        return self.levels.index(level)

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Check answers against the keys; raise AnswerError listing every problem.

        Returns the answers with missing keys filled with their defaults (a missing key means
        "no / not present"); None stays None ("ved ikke").
        """
        if not isinstance(raw, Mapping):
            raise AnswerError({"answers": "expected an object with answer keys"})
        errors = {}
        for name, value in raw.items():
            key = self.keys.get(name)
            if key is None:
                errors[name] = f"unknown key; allowed keys: {', '.join(self.keys)}"
            elif message := key.check(value):
                errors[name] = message
        if errors:
            raise AnswerError(errors)
        return {name: raw.get(name, key.default) for name, key in self.keys.items()}

    def evaluate(self, answers: Mapping[str, Any]) -> Result:
        """The highest level any rule reaches, with the reasons of every rule that fired."""
        answers = self.validate(answers)
        fired = [rule for rule in self.rules if self._holds(rule.when, answers)]
        fired.sort(key=lambda rule: -self.rank(rule.level))  # stable: file order within a level
        level = fired[0].level if fired else self.levels[0]
        return Result(level, tuple(r.reason for r in fired), tuple(r.id for r in fired))

    def _holds(self, condition: dict, answers: dict[str, Any]) -> bool:
        if "all" in condition:
            return all(self._holds(c, answers) for c in condition["all"])
        if "any" in condition:
            return any(self._holds(c, answers) for c in condition["any"])
        if "ref" in condition:
            return self._holds(self.definitions[condition["ref"]], answers)
        value = answers[condition["key"]]
        if "is" in condition:
            return value is condition["is"]
        if value is None:  # "ved ikke" on a non-yes/no key only counts through `is: null`
            value = self.keys[condition["key"]].default
        if "equals" in condition:
            return value == condition["equals"]
        if "in" in condition:
            return value in condition["in"]
        if "not_in" in condition:
            return value not in condition["not_in"]
        return value >= condition["at_least"]


def load_rules(path: Path = RULES_FILE) -> RuleSet:
    """Read and validate a rules file (default: rules.yaml next to this module).

    Raises RulesError for a malformed file (missing fields, unknown key, level, type,
    definition or operator, bad default or operand, duplicate id, rule without reason or
    source); OSError and yaml.YAMLError pass through for an unreadable or non-YAML file.
    """
    data = load_yaml(Path(path))
    try:
        return _build(data)
    except (KeyError, TypeError, AttributeError) as error:
        raise RulesError(f"{path}: malformed ({error!r})") from error


def _build(data: dict) -> RuleSet:
    keys = {}
    for name, spec in data["keys"].items():
        if spec["type"] not in ("bool", "choice", "number"):
            raise RulesError(f"key {name}: unknown type {spec['type']!r}")
        keys[name] = Key(
            name,
            spec["type"],
            spec["default"],
            tuple(spec.get("values", ())),
            spec.get("min", 0),
            spec.get("max", math.inf),
        )
        if keys[name].check(spec["default"]):
            raise RulesError(f"key {name}: bad default {spec['default']!r}")
    levels = tuple(data["levels"])
    definitions = data.get("definitions", {})
    rules = tuple(
        Rule(r["id"], r["level"], r["reason"].strip(), r["source"].strip(), r["when"])
        for r in data["rules"]
    )
    ruleset = RuleSet(keys, levels, definitions, rules)
    seen = set()
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"rule {rule.id}: duplicate id")
        seen.add(rule.id)
        if rule.level not in levels:
            raise RulesError(f"rule {rule.id}: unknown level {rule.level!r}")
        if not rule.reason or not rule.source:
            raise RulesError(f"rule {rule.id}: needs a reason and a source")
        _check_condition(rule.when, ruleset, f"rule {rule.id}")
    for name, condition in definitions.items():
        _check_condition(condition, ruleset, f"definition {name}")
    return ruleset


def _check_condition(condition: dict, ruleset: RuleSet, where: str) -> None:
    if not isinstance(condition, dict):
        raise RulesError(f"{where}: condition must be a mapping, got {condition!r}")
    for combinator in ("all", "any"):
        if combinator in condition:
            for part in condition[combinator]:
                _check_condition(part, ruleset, where)
            return
    if "ref" in condition:
        if condition["ref"] not in ruleset.definitions:
            raise RulesError(f"{where}: unknown definition {condition['ref']!r}")
        return
    name = condition.get("key")
    key = ruleset.keys.get(name) if isinstance(name, str) else None
    operators = [op for op in CONDITION_OPERATORS if op in condition]
    if key is None or len(operators) != 1:
        raise RulesError(f"{where}: needs a known key and exactly one of {CONDITION_OPERATORS}")
    operand = condition[operators[0]]
    values = operand if operators[0] in ("in", "not_in") else [operand]
    for value in values:
        if (message := key.check(value)) and not (operators[0] == "is" and value is None):
            raise RulesError(f"{where}: {key.name} {message}")


@cache
def ruleset() -> RuleSet:
    """The rules of rules.yaml, loaded once per process."""
    return load_rules()


def evaluate(answers: Mapping[str, Any]) -> Result:
    """The level and reasons for answers (a missing key is its default); raises AnswerError."""
    return ruleset().evaluate(answers)


def evaluate_input(answers: Any) -> Result:
    """Like evaluate, for answers given by a person or a program (API, CLI): an input with no
    answer keys at all is an error, never a confident self-care result (issue 18)."""
    if isinstance(answers, Mapping) and not answers:
        raise AnswerError({"answers": "no answer keys given; answer at least one question"})
    return ruleset().evaluate(answers)


def validate(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers checked against the keys, defaults filled in; raises AnswerError."""
    return ruleset().validate(answers)
