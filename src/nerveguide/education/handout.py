"""Validate a physiotherapist's choices into a Handout. Pure: no Django.

The web form, the API and the CLI all call `build_handout` (the web form's field names live in
the adapter, `education/formdata.py`), and `pdf.render_pdf` turns the
result into the same PDF whichever door the choices came through. Nothing here keeps or logs
the free text; it lives only as long as the request.
"""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from nerveguide.education.library import (
    DURATIONS,
    PERIODS,
    REGIONS,
    VERSIONS,
    Dosage,
    Exercise,
    Topic,
    load_exercises,
    load_guide,
)

MAX_EXERCISES = 5  # more than this and patients do fewer of them
MAX_GOALS = 5
LADDER_STEPS = (3, 5)
TEXT_LIMITS = {  # characters, per line for goals and ladder steps
    "goals": 120,
    "ladder": 120,
    "work_notes": 600,
    "clinic_name": 80,
    "clinic_contact": 120,
    "advice": 1000,
}
FIELD_LABELS = {
    "goals": "Et mål",
    "ladder": "Et trin på stigen",
    "work_notes": "Noterne om arbejde",
    "clinic_name": "Klinikkens navn",
    "clinic_contact": "Kontaktlinjen",
    "advice": "De ekstra råd",
}
DOSAGE_RANGES = {
    "sets": (1, 10),
    "reps": (1, 50),
    "seconds": (1, 120),
    "minutes": (1, 180),
    "times": (1, 14),
}
DOSAGE_LABELS = {
    "sets": "Sæt",
    "reps": "Gentagelser",
    "seconds": "Sekunder",
    "minutes": "Minutter",
    "times": "Gange",
}
SHARED_TEXT_FIELDS = ("clinic_name", "clinic_contact")  # about the clinic, never the patient
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class HandoutError(ValueError):
    """Choices that cannot make a handout; `errors` maps each form field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(" ".join(m for messages in errors.values() for m in messages))


@dataclass(frozen=True)
class ChosenExercise:
    """An exercise from the library with the dosage the physiotherapist set (defaults for
    the keys left blank)."""

    exercise: Exercise
    dosage: Dosage


@dataclass(frozen=True)
class Handout:
    """A validated patient handout (made by build_handout): region, version and duration
    keys, the chosen topics with only patient-facing paragraphs, 1 to MAX_EXERCISES exercises,
    up to MAX_GOALS goals, 0 or 3 to 5 ladder steps, the free texts (trimmed to TEXT_LIMITS
    characters), the date, the region's akut warning signs and notices about what was cut."""

    region: str
    version: str
    duration: str
    topic_slugs: tuple[str, ...]
    topics: tuple[Topic, ...]  # only the paragraphs the patient should read
    exercises: tuple[ChosenExercise, ...]
    goals: tuple[str, ...]
    ladder: tuple[str, ...]
    work_notes: str
    clinic_name: str
    clinic_contact: str
    advice: str
    date: dt.date
    warning_signs: tuple[str, ...]
    notices: tuple[str, ...] = ()

    @property
    def region_name(self) -> str:
        """The region in Danish ("Lænd" or "Nakke")."""
        return REGIONS[self.region]

    @property
    def clinic_line(self) -> str:
        """Clinic name and contact line joined with " · " ("" when both are empty)."""
        return " · ".join(part for part in (self.clinic_name, self.clinic_contact) if part)


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """Strip control characters and squeeze spaces; keep line breaks only when multiline."""
    text = _CONTROL.sub(" ", str(value or "").replace("\r\n", "\n").replace("\r", "\n"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    if multiline:
        return "\n".join(line for line in lines if line)
    return " ".join(line for line in lines if line)


def trim(text: str, limit: int) -> tuple[str, bool]:
    """Cut to `limit` characters, at a word boundary when one is near; say whether we cut."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…", True


def whole_number(text: str) -> int | None:
    """The whole number `text` spells in decimal digits, or None.

    Read by int() itself, so it accepts exactly the digits int() reads (ASCII and other scripts'
    decimal digits, "١٢" is 12, as Django's IntegerField does). Not "²" or "½" (str.isdigit() says
    yes, int() says no), signs, "1_000", spaces, or more digits than int() will convert.
    """
    if not text.isdecimal():
        return None
    try:
        return int(text)
    except ValueError:  # more than sys.get_int_max_str_digits() digits
        return None


def _as_list(value: Any) -> list[str]:
    """A list from a list, or from a comma/newline separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,\n]", value) if part.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split("\n")
    return [line for line in (clean_text(v) for v in value) if line]


def _choice(value: Any, valid: Mapping[str, str], what: str, errors: dict, field: str) -> str:
    value = clean_text(value)
    if value in valid:
        return value
    shown = f' "{trim(value, 40)[0]}"' if value else ""
    errors.setdefault(field, []).append(f"Ukendt {what}{shown}. Vælg mellem: {', '.join(valid)}.")
    return next(iter(valid))


def _dosage(exercise: Exercise, given: Mapping[str, Any], errors: dict) -> Dosage:
    dosage = exercise.dosage
    field = f"dose-{exercise.slug}"
    for key in dosage.editable_keys():
        value = given.get(key)
        raw = clean_text("" if value is None else str(value))  # 0 from the API is a value
        if not raw:
            continue  # blank: keep the default
        low, high = DOSAGE_RANGES[key]
        number = whole_number(raw)
        if number is None or not low <= number <= high:
            errors.setdefault(field, []).append(
                f"{DOSAGE_LABELS[key]} for {exercise.name} skal være et helt tal fra {low} til {high}."
            )
            continue
        # key is one of DOSAGE_KEYS, all int | None fields; mypy cannot tie a runtime key to a field.
        change: dict[str, Any] = {key: number}
        dosage = replace(dosage, **change)
    per = clean_text(given.get("per", ""))
    if per and dosage.times:
        if per in PERIODS:
            dosage = replace(dosage, per=per)
        else:
            errors.setdefault(field, []).append(f"Vælg mellem: {', '.join(PERIODS)}.")
    return dosage


def _exercises(choices: Mapping, errors: dict) -> tuple[ChosenExercise, ...]:
    library = load_exercises()
    slugs = list(dict.fromkeys(_as_list(choices.get("exercises"))))
    unknown = [s for s in slugs if s not in library]
    if unknown:
        shown = ", ".join(f'"{trim(clean_text(s), 40)[0]}"' for s in unknown[:3])
        errors.setdefault("exercises", []).append(
            f"Ukendt øvelse: {shown}. Vælg mellem: {', '.join(library)}."
        )
    slugs = [s for s in slugs if s in library]
    if not slugs and not unknown:
        errors.setdefault("exercises", []).append("Vælg mindst én øvelse.")
    if len(slugs) > MAX_EXERCISES:
        errors.setdefault("exercises", []).append(
            f"Vælg højst {MAX_EXERCISES} øvelser. Patienter holder bedre fast i få øvelser end i mange."
        )
    dosages = choices.get("dosage") or {}
    return tuple(
        ChosenExercise(library[s], _dosage(library[s], dosages.get(s) or {}, errors)) for s in slugs
    )


def _text_fields(choices: Mapping, errors: dict, notices: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in ("work_notes", "clinic_name", "clinic_contact", "advice"):
        text, cut = trim(
            clean_text(choices.get(name), multiline=name in ("work_notes", "advice")),
            TEXT_LIMITS[name],
        )
        if cut:
            notices.append(f"{FIELD_LABELS[name]} er forkortet til {TEXT_LIMITS[name]} tegn.")
        fields[name] = text
    for name, most in (("goals", MAX_GOALS), ("ladder", LADDER_STEPS[1])):
        lines = _lines(choices.get(name))
        if len(lines) > most:
            notices.append(
                f"Kun de første {most} linjer i {'målene' if name == 'goals' else 'stigen'} er taget med."
            )
            lines = lines[:most]
        trimmed = [trim(line, TEXT_LIMITS[name]) for line in lines]
        if any(cut for _, cut in trimmed):
            notices.append(f"{FIELD_LABELS[name]} er forkortet til {TEXT_LIMITS[name]} tegn.")
        fields[name] = tuple(text for text, _ in trimmed)
    if 0 < len(fields["ladder"]) < LADDER_STEPS[0]:
        errors.setdefault("ladder", []).append(
            f"En progressionsstige skal have {LADDER_STEPS[0]}–{LADDER_STEPS[1]} trin, ét på hver linje (eller ingen)."
        )
    return fields


def _check_exercise_regions(
    exercises: tuple[ChosenExercise, ...], region: str, errors: dict
) -> None:
    """An exercise for another region (a neck exercise on a low-back handout) is an error."""
    area = {"laend": "lænden", "nakke": "nakken"}
    for chosen in exercises:
        exercise = chosen.exercise
        if region not in exercise.regions:
            errors.setdefault("exercises", []).append(
                f"{exercise.name} er en øvelse til {exercise.region_names.lower()}, men materialet handler "
                f"om {area[region]}. Fjern øvelsen, eller vælg det andet område."
            )


def build_handout(choices: Mapping[str, Any], *, today: dt.date | None = None) -> Handout:
    """Validate the choices; raise HandoutError with every problem at once."""
    errors: dict[str, list[str]] = {}
    notices: list[str] = []
    guide = load_guide()
    region = _choice(choices.get("region"), REGIONS, "område", errors, "region")
    version = _choice(choices.get("version") or "fuld", VERSIONS, "udgave", errors, "version")
    duration = _choice(choices.get("duration") or "akut", DURATIONS, "varighed", errors, "duration")
    topic_choice = choices.get("topics")
    wanted = (
        guide.topic_slugs() if topic_choice is None else list(dict.fromkeys(_as_list(topic_choice)))
    )
    unknown = [t for t in wanted if t not in guide.topic_slugs()]
    if unknown:
        errors.setdefault("topics", []).append(
            f'Ukendt emne: "{trim(clean_text(unknown[0]), 40)[0]}". Vælg mellem: {", ".join(guide.topic_slugs())}.'
        )
    elif not wanted:
        errors.setdefault("topics", []).append("Vælg mindst ét emne.")
    exercises = _exercises(choices, errors)
    if "region" not in errors:
        _check_exercise_regions(exercises, region, errors)
    texts = _text_fields(choices, errors, notices)
    if errors:
        raise HandoutError(errors)
    topics = tuple(
        t.select(version=version, region=region, duration=duration, patient_only=True)
        for t in guide.topics
        if t.slug in wanted
    )
    return Handout(
        region=region,
        version=version,
        duration=duration,
        topic_slugs=tuple(t.slug for t in topics),
        topics=topics,
        exercises=exercises,
        date=today or dt.date.today(),
        warning_signs=guide.warning_signs[region],
        notices=tuple(notices),
        **texts,
    )
