"""The web flow's logic, without Django: questions, the answers carried in the form, the next
step, the summary and the advice on the result page.

State lives in the page: every answer so far travels as a hidden field `a_<key>` and is
re-validated by the rules engine on every request, so nothing is trusted and nothing is stored.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from nerveguide.danish.places import health_region
from nerveguide.datafiles import load_yaml
from nerveguide.selfcheck import engine, freetext

QUESTIONS_FILE = Path(__file__).parent / "questions.yaml"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
FIELD_PREFIX = "a_"
# How a yes/no answer travels in the form.
BOOL_CODES = {True: "ja", False: "nej", None: "ved_ikke"}
CODE_BOOLS = {code: value for value, code in BOOL_CODES.items()}


@dataclass(frozen=True)
class Question:
    """One question of questions.yaml for answer key `key`: Danish text and help, and its
    choices as (form code, label) pairs in display order (ja/nej/ved_ikke for yes/no keys,
    duration buckets coded as weeks for the number key)."""

    key: str
    text: str
    help: str
    choices: tuple[tuple[str, str], ...]  # (form code, label)

    @property
    def is_yes_no(self) -> bool:
        """Whether the question's key is a bool (ja / nej / ved ikke) key in rules.yaml."""
        return engine.ruleset().keys[self.key].type == "bool"


@dataclass(frozen=True)
class Content:
    """The texts of questions.yaml: questions in asking order, per-level page texts, self-care
    advice, article slugs per region/level with their titles, and the duration buckets
    (dicts with `weeks`, `below` (weeks, None for the last) and `label`)."""

    questions: tuple[Question, ...]
    levels: dict[str, dict]
    advice: dict
    articles: dict[str, list[str]]
    article_titles: dict[str, str]
    buckets: tuple[dict, ...]

    def question(self, key: str) -> Question:
        """The question for an answer key; StopIteration for a key with no question."""
        return next(q for q in self.questions if q.key == key)


@cache
def content() -> Content:
    """questions.yaml loaded once per process and checked against rules.yaml.

    Raises ValueError when a question names an unknown key, a choice question does not offer
    exactly the key's values, a key lacks its question or a level its texts; KeyError for a
    missing field.
    """
    data = load_yaml(QUESTIONS_FILE)
    keys = engine.ruleset().keys
    questions: list[Question] = []
    buckets: tuple[dict[str, Any], ...] = ()
    for item in data["questions"]:
        key = keys.get(item["key"])
        if key is None:
            raise ValueError(f"questions.yaml: unknown key {item['key']!r}")
        if key.type == "bool":
            yes_no = data["yes_no"]
            choices = tuple(
                (BOOL_CODES[v], yes_no[str(v).lower() if v is not None else "null"])
                for v in (True, False, None)
            )
        elif key.type == "choice":
            if set(item["choices"]) != set(key.values):
                raise ValueError(f"questions.yaml: {key.name} must offer exactly {key.values}")
            choices = tuple(item["choices"].items())
        else:
            buckets = tuple(item["buckets"])
            choices = tuple((_number_code(b["weeks"]), b["label"]) for b in buckets)
        questions.append(Question(key.name, item["text"].strip(), item["help"].strip(), choices))
    if {q.key for q in questions} != set(keys):
        raise ValueError("questions.yaml: every answer key needs exactly one question")
    if set(data["levels"]) != set(engine.ruleset().levels):
        raise ValueError("questions.yaml: every level needs its texts")
    return Content(
        tuple(questions),
        data["levels"],
        data["advice"],
        data["articles"],
        data["article_titles"],
        buckets,
    )


def _number_code(weeks: float) -> str:
    return f"{weeks:g}"


def encode(key: str, value: Any) -> str:
    """An answer as it travels in a form field."""
    kind = engine.ruleset().keys[key].type
    if kind == "bool":
        return BOOL_CODES[value]
    if kind == "number":
        return _number_code(bucket_for(value)["weeks"])
    return value


def decode(fields: Mapping[str, str]) -> dict[str, Any]:
    """Answers from form fields `a_<key>`; raises engine.AnswerError for anything off."""
    raw, errors = {}, {}
    keys = engine.ruleset().keys
    for name, code in fields.items():
        if not name.startswith(FIELD_PREFIX):
            continue
        key = name.removeprefix(FIELD_PREFIX)
        if key not in keys:
            errors[key] = "ukendt spørgsmål"
            continue
        try:
            raw[key] = decode_one(key, code)
        except ValueError:
            errors[key] = "ugyldigt svar"
    if errors:
        raise engine.AnswerError(errors)
    engine.validate(raw)
    return raw


def decode_one(key: str, code: str) -> Any:
    """One form code back to an answer value: ja/nej/ved_ikke -> True/False/None, a number
    key's code -> float weeks, a choice code unchanged. ValueError for a bad code."""
    kind = engine.ruleset().keys[key].type
    if kind == "bool":
        if code not in CODE_BOOLS:
            raise ValueError(code)
        return CODE_BOOLS[code]
    if kind == "number":
        return float(code)
    return code


def bucket_for(weeks: float | None) -> dict:
    """The duration choice that holds `weeks` (its value keeps the level the same)."""
    weeks = weeks or 0
    for bucket in content().buckets:
        if bucket["below"] is None or weeks < bucket["below"]:
            return bucket
    return content().buckets[-1]


def next_question(
    answers: Mapping[str, Any],
    after: str | None = None,
    skip: frozenset = frozenset(),
    confirm: bool = False,
) -> str | None:
    """The next question to show: after `after` in order (or from the start), skipping those in
    `skip` (established by the person's own words) and, when going forward from the start, those
    already answered, unless `confirm` (the first question after a text: answers read from it
    but not in `skip` are asked again, pre-filled)."""
    order = [q.key for q in content().questions]
    start = order.index(after) + 1 if after in order else 0
    for key in order[start:]:
        if key in skip:
            continue
        if after is None and key in answers and not confirm:
            continue
        return key
    return None


def is_urgent_stop(answers: Mapping[str, Any]) -> bool:
    """An akut answer ends the questions at once."""
    return engine.evaluate(answers).level == "akut"


def progress(key: str) -> tuple[int, int]:
    """(1-based position of the question for `key`, number of questions); ValueError for an
    unknown key."""
    order = [q.key for q in content().questions]
    return order.index(key) + 1, len(order)


def answer_label(key: str, value: Any) -> str:
    """The answer in the words the person chose."""
    code = encode(key, value)
    return dict(content().question(key).choices)[code]


def summary(answers: Mapping[str, Any]) -> list[tuple[Question, str]]:
    """(question, answer label) for every answered key, in asking order."""
    return [
        (q, answer_label(q.key, answers[q.key])) for q in content().questions if q.key in answers
    ]


def advice(answers: Mapping[str, Any]) -> list[str]:
    """Self-care meanwhile, fitting the region and how long it has lasted."""
    data = content().advice
    region = answers.get("region") or "andet"
    weeks = answers.get("duration_weeks") or 0
    timing = data["long"]["text"] if weeks >= data["long"]["from"] else data["short"]["text"]
    return [*data["common"], *data.get(region, []), *timing]


def articles(answers: Mapping[str, Any], level: str) -> list[tuple[str, str]]:
    """(slug, title) of the articles that fit the answers and the level."""
    data = content().articles
    slugs = list(data.get(answers.get("region") or "andet", []))
    if answers.get("radiation") in ("arm", "begge_arme") and "rodtryk-i-nakken" not in slugs:
        slugs.append("rodtryk-i-nakken")
    if answers.get("radiation") in ("ben", "begge_ben"):
        slugs += [s for s in ("rodtryk-i-laenden", "iskias") if s not in slugs]
    slugs += data["always"]
    if level == "fysioterapeut":
        slugs += data["fysioterapeut"]
    titles = content().article_titles
    return [(slug, titles[slug]) for slug in dict.fromkeys(slugs)]


def region_for_postcode(postcode: str) -> str | None:
    """'2100' -> 'Region Hovedstaden' (the health region); None for anything that is not
    exactly a known four-digit Danish postcode."""
    postcode = (postcode or "").strip()
    if not (len(postcode) == 4 and postcode.isascii() and postcode.isdigit()):
        return None
    return health_region(postcode)


def skip_from_text(found: Mapping[str, Any]) -> frozenset[str]:
    """Keys read from the person's text that need not be asked again (issue 18).

    An ordinary key (region, duration, course, tingling) is taken from the text. A warning
    sign is skipped only when the text established it: a yes/no sign read as "yes", or a choice
    whose value alone makes the result akut (both legs, sudden marked weakness). A sign read
    as "no", as "ved ikke", or as a milder value is asked, with the text's reading pre-filled
    for the person to confirm or change: a misread negation must never hide a red flag.
    """
    keys = engine.ruleset().keys
    warning = set(WARNING_KEYS)
    skip = set()
    for key, value in found.items():
        if key not in keys:
            continue
        if key not in warning:
            skip.add(key)
        elif keys[key].type == "bool":
            if value is True:
                skip.add(key)
        elif value is not None and engine.evaluate({key: value}).level == "akut":
            skip.add(key)
    return frozenset(skip)


# Every key a warning rule reads: the web flow asks these unless the text established them.
WARNING_KEYS = freetext.WARNING_KEYS
# Rules whose warning signs are those of cauda equina syndrome: the person should name it.
CAUDA_EQUINA_RULES = frozenset(
    {"saddle_anaesthesia", "bladder_bowel", "sexual_dysfunction", "both_legs"}
)
OPENING_HOURS = (8, 16)  # own doctor's telephone hours on weekdays, Danish time


def reasons_for_level(result: engine.Result) -> list[str]:
    """The reasons shown on the result page: for akut only the rules that made it akut (the
    milder ones would blur the one message that matters), otherwise every rule that fired."""
    if result.level != "akut":
        return list(result.reasons)
    levels = {rule.id: rule.level for rule in engine.ruleset().rules}
    return [
        reason
        for rule_id, reason in zip(result.rule_ids, result.reasons, strict=True)
        if levels[rule_id] == "akut"
    ]


def cauda_equina(result: engine.Result) -> bool:
    """Did a cauda equina warning sign make the result akut?"""
    return result.level == "akut" and bool(CAUDA_EQUINA_RULES & set(result.rule_ids))


def doctor_open(now: datetime) -> bool:
    """Is the own doctor's telephone open: weekdays 8–16 Danish time (public holidays are not
    known here; the page says to call lægevagten when the doctor does not answer)."""
    local = now.astimezone(COPENHAGEN)
    return local.weekday() < 5 and OPENING_HOURS[0] <= local.hour < OPENING_HOURS[1]


def now() -> datetime:
    """The current time in Danish time (Europe/Copenhagen), aware."""
    return datetime.now(COPENHAGEN)
