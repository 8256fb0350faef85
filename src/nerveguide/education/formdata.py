"""The handout builder's web form and share links: HTML field names <-> handout choices.

The adapter between the builder page (and its share and print links) and the pure core in
`handout.py`, which knows nothing of field names: `choices_from_form` reads a posted or linked
form into the choices `build_handout` takes; `share_params` and `form_params` write a Handout
back as form fields. Field names: region, version, duration, topics, exercises,
dose-<exercise>-<sets|reps|seconds|minutes|times|per>, goals, ladder, work_notes, clinic_name,
clinic_contact, advice, and submitted=1 on a posted form.
"""

from typing import Any

from nerveguide.education.handout import SHARED_TEXT_FIELDS, Handout
from nerveguide.education.library import DOSAGE_KEYS, load_exercises


def choices_from_form(data) -> dict[str, Any]:
    """Choices from a posted or linked form (anything with .get and .getlist, e.g. a QueryDict).

    Missing topics mean "all topics" only when the form was not submitted (a share link).
    """
    library = load_exercises()
    exercises = data.getlist("exercises")
    dosage = {
        slug: {key: data.get(f"dose-{slug}-{key}", "") for key in (*DOSAGE_KEYS, "per")}
        for slug in exercises
        if slug in library
    }
    submitted = data.get("submitted") == "1"
    topics = data.getlist("topics")
    return {
        "region": data.get("region", ""),
        "version": data.get("version", ""),
        "duration": data.get("duration", ""),
        "topics": topics if (topics or submitted) else None,
        "exercises": exercises,
        "dosage": dosage,
        **{
            name: data.get(name, "")
            for name in ("goals", "ladder", "work_notes", "clinic_name", "clinic_contact", "advice")
        },
    }


def share_params(handout: Handout) -> list[tuple[str, str]]:
    """The choices a link may carry: nothing the clinician wrote about the patient."""
    params = [
        ("region", handout.region),
        ("version", handout.version),
        ("duration", handout.duration),
    ]
    params += [("topics", slug) for slug in handout.topic_slugs]
    for chosen in handout.exercises:
        slug = chosen.exercise.slug
        params.append(("exercises", slug))
        params += [
            (f"dose-{slug}-{key}", str(getattr(chosen.dosage, key)))
            for key in chosen.dosage.editable_keys()
        ]
        if chosen.dosage.times:
            params.append((f"dose-{slug}-per", chosen.dosage.per))
    params += [
        (name, getattr(handout, name)) for name in SHARED_TEXT_FIELDS if getattr(handout, name)
    ]
    return params


def form_params(handout: Handout) -> list[tuple[str, str]]:
    """Every choice, to post the same handout again (print page → PDF)."""
    params = share_params(handout)
    params += [("goals", "\n".join(handout.goals)), ("ladder", "\n".join(handout.ladder))]
    params += [("work_notes", handout.work_notes), ("advice", handout.advice)]
    return [(name, value) for name, value in params if value]
