"""Self-check JSON API (POST only: answers are health data and never belong in a URL).

Nothing is stored or logged; responses are marked no-store.
"""

import json
import math
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict, create_model

from nerveguide.selfcheck import engine, freetext

router = Router(tags=["selfcheck"])

Level = Literal["akut", "laege_i_dag", "laege", "fysioterapeut", "egenomsorg"]


class _AnswersBase(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)


def answers_schema(rules: engine.RuleSet) -> type[Schema]:
    """The request schema of the answer keys, generated from rules.yaml (issue 16 §2), so the
    API documentation and validation follow the rules file: a yes/no key takes true, false or
    null ("ved ikke"); a choice key one of its values; a number its range. Every key is
    optional (missing means its default); null is allowed only for yes/no keys."""
    fields: dict[str, Any] = {}
    for name, key in rules.keys.items():
        if key.type == "bool":
            annotation: Any = bool | None
            field = Field(
                key.default, description=f"yes/no; null = ved ikke; default {key.default}"
            )
        elif key.type == "choice":
            annotation = Literal[key.values]
            field = Field(
                key.default, description=f"one of {', '.join(key.values)}; default {key.default}"
            )
        else:
            annotation = float
            bounds: dict[str, Any] = {"ge": key.min} | (
                {"le": key.max} if math.isfinite(key.max) else {}
            )
            field = Field(key.default, description=f"number; default {key.default}", **bounds)
        fields[name] = (annotation, field)
    model = create_model("Answers", __base__=_AnswersBase, **fields)
    model.__doc__ = (
        'The answer keys of the self-check; a missing key means "no", null means "ved ikke".'
    )
    return model


if TYPE_CHECKING:
    # The real model is generated from rules.yaml at import time, which mypy cannot follow; to
    # it the model is its base class (model_dump etc. are all the view uses).
    Answers = _AnswersBase
else:
    Answers = answers_schema(engine.ruleset())


class Result(Schema):
    """The urgency level, the Danish reasons of every rule that fired (highest level first)
    and those rules' ids in rules.yaml."""

    level: Level
    reasons: list[str]
    rules: list[str]


class ErrorItem(Schema):
    """One validation problem: where (e.g. ["body", "answers", "fever"]), message and type."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """django-ninja's shape for input that does not validate, used for answers too."""

    detail: list[ErrorItem]


class TextIn(Schema):
    """A Danish description of the trouble, 1 to 5000 characters; no other fields."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=5000)


class Finding(Schema):
    """One answer read from the text: the key, its value (null = ved ikke) and the words of
    the text it rests on."""

    key: str
    value: bool | str | float | None
    evidence: str


class TextResult(Result):
    """The level from the answers read from a text: every key's answer (defaults for keys the
    text did not answer), whether the level is provisional, the warning-sign keys still to ask
    and the findings with their evidence."""

    answers: dict[str, bool | str | float | None]
    provisional: bool = Field(
        ...,
        description="true when a warning-sign key is unasked or null: the level is a floor, not an answer",
    )
    unasked: list[str]
    findings: list[Finding]


def _no_store(response: HttpResponse) -> None:
    response["Cache-Control"] = "no-store"


# Bad answers get 422 in the same shape as django-ninja's own validation errors (documented for
# every operation in nerveguide.project.api).
def _duplicate_keys(body: bytes) -> list[str]:
    """Keys that occur twice in one JSON object of the body (json keeps only the last)."""
    duplicates: list[str] = []

    def pairs(items):
        seen = set()
        for key, _ in items:
            if key in seen:
                duplicates.append(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(body, object_pairs_hook=pairs)
    except ValueError:
        return []  # django-ninja has already accepted the body; nothing more to say
    return duplicates


def _error(errors: dict[str, str]) -> Status:
    detail = [
        {"loc": ["body", "answers", key], "msg": message, "type": "value_error"}
        for key, message in errors.items()
    ]
    return Status(422, {"detail": detail})


# Bad answers get 422 in the same shape as django-ninja's own validation errors (documented for
# every operation in nerveguide.project.api).
@router.post(
    "/", response={200: Result, 422: ValidationErrorOut}, summary="Urgency level from answers"
)
def check_answers(request: HttpRequest, response: HttpResponse, answers: Answers):
    """The urgency level for the answers given (a missing key counts as its default).

    422 when a key is unknown, repeated or of the wrong type or range, or when no key is given
    at all. Nothing is stored; the response is not cached.
    """
    _no_store(response)
    duplicates = _duplicate_keys(request.body)
    if duplicates:
        return _error({key: "duplicate key; give each answer once" for key in duplicates})
    try:
        result = engine.evaluate_input(answers.model_dump(exclude_unset=True))
    except engine.AnswerError as error:
        return _error(error.errors)
    return Status(
        200,
        {"level": result.level, "reasons": list(result.reasons), "rules": list(result.rule_ids)},
    )


@router.post(
    "/text", response=TextResult, summary="Answers and urgency level from Danish free text"
)
def check_text(request: HttpRequest, response: HttpResponse, body: TextIn):
    """Read answers from a Danish free text and give their urgency level.

    422 for an empty text, one over 5000 characters or extra fields. Nothing is stored; the
    response is not cached.
    """
    _no_store(response)
    reading = freetext.read_text(body.text)
    result = engine.evaluate(reading.answers)
    return {
        "level": result.level,
        "reasons": list(result.reasons),
        "rules": list(result.rule_ids),
        **reading.as_dict(),
    }
