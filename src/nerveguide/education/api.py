"""POST /api/handouts/ returns the handout PDF; GET /api/handouts/options lists valid choices.

The PDF is the same as the web form's and the CLI's: all three call build_handout + render_pdf.
Nothing in the request is stored or logged.
"""

import datetime as dt
import json

from django.http import JsonResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from nerveguide.education.handout import MAX_EXERCISES, HandoutError, build_handout
from nerveguide.education.library import DURATIONS, REGIONS, VERSIONS, load_exercises, load_guide

router = Router(tags=["education"])


class HandoutIn(Schema):
    """The physiotherapist's choices for one handout (valid values: GET /api/handouts/options);
    free texts are trimmed to their limits and reported in X-Handout-Notices."""

    region: str = Field(..., description="laend | nakke", examples=["laend"])
    version: str = Field("fuld", description="fuld | pixi")
    duration: str = Field(
        "akut", description="akut | langvarig (adds the sensitisation explanation)"
    )
    topics: list[str] | None = Field(None, description="topic slugs; omitted = all seven")
    exercises: list[str] = Field(
        ..., description=f"1–{MAX_EXERCISES} exercise slugs", examples=[["baekkenkip"]]
    )
    dosage: dict[str, dict[str, int | str]] = Field(
        default_factory=dict,
        description='per exercise, e.g. {"baekkenkip": {"reps": 12, "per": "dag"}}',
    )
    goals: list[str] = Field(
        default_factory=list, description="the patient's own small goals (max 5)"
    )
    ladder: list[str] = Field(
        default_factory=list, description="progression ladder, 3–5 steps or none"
    )
    work_notes: str = ""
    advice: str = ""
    clinic_name: str = ""
    clinic_contact: str = ""
    date: dt.date | None = Field(None, description="date printed on the handout; default today")


class HandoutErrorOut(Schema):
    """Why no handout was made: all messages in Danish, and per field its messages."""

    detail: str
    # Absent when django-ninja itself rejects a body that is not JSON.
    errors: dict[str, list[str]] = Field(default_factory=dict)


class ExerciseOut(Schema):
    """One exercise of the library: slug, Danish name, regions and default dosage as text."""

    slug: str
    name: str
    regions: list[str]
    dosage: str


class OptionsOut(Schema):
    """Valid choices for a handout: key -> Danish label for regions, versions, durations and
    topics; the exercises in library order; the most exercises one handout may hold."""

    regions: dict[str, str]
    versions: dict[str, str]
    durations: dict[str, str]
    topics: dict[str, str]
    exercises: list[ExerciseOut]
    max_exercises: int


PDF_RESPONSE = {
    "responses": {
        "200": {
            "description": "The handout as a PDF. X-Handout-Notices: JSON list of texts that were shortened.",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.post(
    "/", response={400: HandoutErrorOut}, openapi_extra=PDF_RESPONSE, summary="Build a handout PDF"
)
def create_handout(request, payload: HandoutIn):
    """The handout as a PDF (attachment, not cached). 400 with every problem when the choices
    are invalid; 429 when this client made too many PDFs, 503 when the server is busy (both
    with Retry-After in seconds). Nothing is stored or logged."""
    choices = payload.dict()
    try:
        handout = build_handout(choices, today=choices.pop("date") or timezone.localdate())
    except HandoutError as error:
        return Status(400, {"detail": str(error), "errors": error.errors})
    from nerveguide.education.views import guarded_pdf  # one guard for the web form and the API

    def refused(status: int, message: str, retry_after: int):
        return JsonResponse({"detail": message}, status=status)

    response = guarded_pdf(request, handout, refused)
    if response.status_code != 200:
        return response
    response["X-Handout-Notices"] = json.dumps(
        list(handout.notices)
    )  # ASCII-escaped: safe in a header
    return response


@router.get(
    "/options", response=OptionsOut, summary="Valid regions, versions, topics and exercises"
)
def options(request):
    """Valid regions, versions, durations, topics and exercises for POST /api/handouts/."""
    return {
        "regions": REGIONS,
        "versions": VERSIONS,
        "durations": DURATIONS,
        "topics": {t.slug: t.title for t in load_guide().topics},
        "exercises": [
            {
                "slug": e.slug,
                "name": e.name,
                "regions": list(e.regions),
                "dosage": e.dosage.as_text(),
            }
            for e in load_exercises().values()
        ],
        "max_exercises": MAX_EXERCISES,
    }
