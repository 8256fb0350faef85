"""The handout builder, its print page and PDF, the clinician guide and the exercise library.

Nothing the physiotherapist types is stored, cached or logged: it lives in the posted form
only, and every response built from it is marked no-store.
"""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from nerveguide.clinics import ratelimit
from nerveguide.education import pdf
from nerveguide.education.formdata import choices_from_form, form_params, share_params
from nerveguide.education.handout import (
    DOSAGE_LABELS,
    DOSAGE_RANGES,
    MAX_EXERCISES,
    TEXT_LIMITS,
    HandoutError,
    build_handout,
)
from nerveguide.education.library import (
    DURATIONS,
    PERIODS,
    REGIONS,
    VERSIONS,
    load_exercises,
    load_guide,
)
from nerveguide.project.caching import public_page
from nerveguide.project.clientip import client_ip


def exercise_image_url(exercise) -> str:
    """The static URL of an exercise's image (education/exercises/<image>)."""
    return static(f"education/exercises/{exercise.image}")


def _options(values: dict[str, str], chosen: str) -> list[dict]:
    return [{"value": v, "label": label, "checked": v == chosen} for v, label in values.items()]


def _builder_context(choices: dict, errors: dict | None = None, notices=()) -> dict:
    """The form as the template draws it: every field with its value and its errors."""
    errors = errors or {}
    chosen_topics = choices.get("topics")
    chosen_exercises = set(choices.get("exercises") or ())
    dosages = choices.get("dosage") or {}
    exercises = []
    for exercise in load_exercises().values():
        given = dosages.get(exercise.slug) or {}
        default = exercise.dosage
        exercises.append(
            {
                "exercise": exercise,
                "checked": exercise.slug in chosen_exercises,
                "default_text": default.as_text(),
                "fields": [
                    {
                        "name": f"dose-{exercise.slug}-{key}",
                        "label": DOSAGE_LABELS[key],
                        "value": given.get(key) or getattr(default, key),
                        "min": DOSAGE_RANGES[key][0],
                        "max": DOSAGE_RANGES[key][1],
                    }
                    for key in default.editable_keys()
                ],
                "per": _options(PERIODS, given.get("per") or default.per)
                if default.times
                else None,
                "errors": errors.get(f"dose-{exercise.slug}", []),
            }
        )
    return {
        "regions": _options(REGIONS, choices.get("region") or "laend"),
        "versions": _options(VERSIONS, choices.get("version") or "fuld"),
        "durations": _options(DURATIONS, choices.get("duration") or "akut"),
        "topics": [
            {
                "value": t.slug,
                "label": t.title,
                "checked": chosen_topics is None or t.slug in chosen_topics,
            }
            for t in load_guide().topics
        ],
        "exercises": exercises,
        "values": {name: choices.get(name, "") for name in TEXT_LIMITS},
        "limits": TEXT_LIMITS,
        "max_exercises": MAX_EXERCISES,
        "errors": errors,
        "notices": notices,
        "has_errors": bool(errors),
    }


@require_GET
def builder(request: HttpRequest) -> HttpResponse:
    """The form, pre-filled from a share link's query string (non-personal choices only)."""
    choices = choices_from_form(request.GET)
    for personal in ("goals", "ladder", "work_notes", "advice"):
        choices[personal] = ""  # a link must never carry them, even if someone adds them
    return render(request, "education/builder.html", _builder_context(choices))


def _handout_or_form(request: HttpRequest):
    """(handout, None) when the posted choices are good, else (None, the form again with errors)."""
    choices = choices_from_form(request.POST)
    try:
        handout = build_handout(choices, today=timezone.localdate())
    except HandoutError as error:
        context = _builder_context(choices, error.errors)
        return None, render(request, "education/builder.html", context, status=400)
    return handout, None


@never_cache
@require_POST
def print_page(request: HttpRequest) -> HttpResponse:
    """POST: the handout as a printable page with a share link (non-personal choices only);
    the form again with errors and status 400 for invalid choices. Not cached."""
    handout, form = _handout_or_form(request)
    if form:
        return form
    context = pdf.handout_context(handout, image_src=exercise_image_url)
    context["form_params"] = form_params(handout)
    context["share_url"] = reverse("education:builder") + "?" + urlencode(share_params(handout))
    return render(request, "education/handout_print.html", context)


@never_cache
@require_POST
def pdf_download(request: HttpRequest) -> HttpResponse:
    """POST: the handout PDF (see guarded_pdf for 429/503). Invalid choices give the form
    with errors (400); when a text had to be shortened, the form with the shortened texts is
    shown first instead of the PDF. Not cached."""
    handout, form = _handout_or_form(request)
    if form:
        return form
    if handout.notices:
        # Something was shortened: show the form with the shortened text before the PDF.
        context = _builder_context(choices_from_form(request.POST), notices=handout.notices)
        context["values"].update(
            {
                "goals": "\n".join(handout.goals),
                "ladder": "\n".join(handout.ladder),
                **{
                    name: getattr(handout, name)
                    for name in ("work_notes", "clinic_name", "clinic_contact", "advice")
                },
            }
        )
        return render(request, "education/builder.html", context)
    return pdf_response(request, handout)


def guarded_pdf(request: HttpRequest, handout, refused) -> HttpResponse:
    """The handout's PDF, within the per-client rate limit and the per-server render slots.

    `refused(status, message, retry_after)` builds the answer when it cannot be made now: 429
    when this client has asked for too many PDFs, 503 when the server's render slots are all
    taken; both carry Retry-After (seconds). The web page and the API share this.
    """
    key = f"pdf-ip:{ratelimit.client_key(client_ip(request))}"
    if not ratelimit.allow(key, ratelimit.pdf_limit()):
        wait = ratelimit.retry_after(ratelimit.pdf_limit())
        return _with_retry_after(
            refused(429, "Du har lavet mange PDF'er på kort tid. Vent lidt, og prøv igen.", wait),
            wait,
        )
    try:
        with pdf.render_slot():
            body = pdf.render_pdf(handout)
    except pdf.RenderBusy as busy:
        return _with_retry_after(
            refused(
                503, "Der laves mange PDF'er lige nu. Prøv igen om et øjeblik.", busy.retry_after
            ),
            busy.retry_after,
        )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.pdf_filename(handout)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _with_retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(request: HttpRequest, handout) -> HttpResponse:
    """The PDF for the web form; a refusal is a short Danish page with the same status."""

    def refused(status: int, message: str, retry_after: int) -> HttpResponse:
        context = {"message": message, "retry_after": retry_after}
        return render(request, "education/pdf_busy.html", context, status=status)

    return guarded_pdf(request, handout, refused)


@require_GET
@public_page
def guide(request: HttpRequest, version: str = "fuld") -> HttpResponse:
    """GET: the clinician guide in `version` ("fuld" or "pixi"), with the warning signs of
    both regions; a public, cacheable page."""
    full = load_guide()
    context = {
        "guide": full.version(version),
        "version": version,
        "warning_signs": [(name, full.warning_signs[slug]) for slug, name in REGIONS.items()],
        "other_url": reverse("education:guide" if version == "pixi" else "education:guide_pixi"),
    }
    return render(request, "education/guide.html", context)


@require_GET
@public_page
def exercise_library(request: HttpRequest) -> HttpResponse:
    """GET: every exercise with its default dosage and image, grouped by region (an exercise
    for both regions appears under each); a public, cacheable page."""
    exercises: list[dict[str, Any]] = [  # template rows
        {"exercise": e, "dosage_text": e.dosage.as_text(), "image_src": exercise_image_url(e)}
        for e in load_exercises().values()
    ]
    by_region = [
        {
            "slug": slug,
            "name": name,
            "items": [x for x in exercises if slug in x["exercise"].regions],
        }
        for slug, name in REGIONS.items()
    ]
    return render(request, "education/exercises.html", {"by_region": by_region})
