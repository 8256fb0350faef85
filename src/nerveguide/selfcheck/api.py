"""Self-check JSON API (POST only: answers are health data and never belong in a URL).

Nothing is stored or logged; responses are marked no-store.
"""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from nerveguide.selfcheck import engine, freetext

router = Router(tags=["selfcheck"])

Level = Literal["akut", "laege_i_dag", "laege", "fysioterapeut", "egenomsorg"]


class Answers(Schema):
    """The answer keys of the self-check; a missing key means "no", null means "ved ikke"."""

    model_config = ConfigDict(extra="forbid", strict=True)
    region: Literal["nakke", "laend", "begge", "andet"] | None = None
    radiation: Literal["ingen", "arm", "ben", "begge_arme", "begge_ben"] | None = None
    paresthesia: bool | None = False
    weakness: Literal["ingen", "let", "tiltagende", "pludselig_kraftig"] | None = None
    saddle_anaesthesia: bool | None = False
    bladder_bowel: bool | None = False
    sexual_dysfunction: bool | None = False
    fever: bool | None = False
    major_trauma: bool | None = False
    cancer_history: bool | None = False
    weight_loss: bool | None = False
    night_pain: bool | None = False
    myelopathy_signs: bool | None = False
    pain_uncontrolled: bool | None = False
    duration_weeks: float | None = Field(None, ge=0, le=5200)
    course: Literal["bedre", "uaendret", "vaerre", "hurtigt_vaerre"] | None = None


class Result(Schema):
    level: Level
    reasons: list[str]
    rules: list[str]


class TextIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=5000)


class Finding(Schema):
    key: str
    value: bool | str | float | None
    evidence: str


class TextResult(Result):
    answers: dict[str, bool | str | float | None]
    unasked: list[str]
    findings: list[Finding]


def _no_store(response: HttpResponse) -> None:
    response["Cache-Control"] = "no-store"


# Bad answers get 422 in the same shape as django-ninja's own validation errors (documented for
# every operation in nerveguide.project.api).
@router.post("/", response=Result, summary="Urgency level from answers")
def check_answers(request: HttpRequest, response: HttpResponse, answers: Answers):
    _no_store(response)
    try:
        result = engine.evaluate(answers.model_dump(exclude_unset=True))
    except engine.AnswerError as error:
        detail = [
            {"loc": ["body", "answers", key], "msg": message, "type": "value_error"}
            for key, message in error.errors.items()
        ]
        return Status(422, {"detail": detail})
    return Status(200, {"level": result.level, "reasons": list(result.reasons), "rules": list(result.rule_ids)})


@router.post("/text", response=TextResult, summary="Answers and urgency level from Danish free text")
def check_text(request: HttpRequest, response: HttpResponse, body: TextIn):
    _no_store(response)
    analysis = freetext.analyse(body.text)
    result = engine.evaluate(analysis.answers)
    return {
        "level": result.level,
        "reasons": list(result.reasons),
        "rules": list(result.rule_ids),
        "answers": analysis.answers,
        "unasked": list(analysis.unasked),
        "findings": [{"key": f.key, "value": f.value, "evidence": f.evidence} for f in analysis.findings],
    }
