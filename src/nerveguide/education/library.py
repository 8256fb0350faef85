"""The guide and the exercise library, read from data/*.yaml. Pure: no Django.

The guide is one source for two versions: `version="pixi"` keeps only paragraphs marked
`pixi: true`. The patient handout keeps only the patient-facing paragraphs.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from nerveguide.danish.regions import BODY_REGIONS
from nerveguide.datafiles import load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
IMAGE_DIR = Path(__file__).resolve().parent / "static" / "education" / "exercises"

REGIONS = BODY_REGIONS  # key -> label, from the Danish layer
VERSIONS = {"fuld": "Fuld udgave", "pixi": "PIXI (kort udgave)"}
DURATIONS = {"akut": "Akut (kortvarige smerter)", "langvarig": "Langvarig (smerter i længere tid)"}
DOSAGE_KEYS = ("sets", "reps", "seconds", "minutes", "times")
PERIODS = {"dag": "om dagen", "uge": "om ugen"}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of guide.yaml: `text` or a bullet list `items`, an optional bold
    `heading`, and the flags that select it (field meanings in the file's header)."""

    text: str = ""
    items: tuple[str, ...] = ()
    heading: str = ""
    pixi: bool = False
    look_for: bool = False
    clinician_only: bool = False
    region: str | None = None
    duration: str | None = None

    @property
    def for_patient(self) -> bool:
        """Whether a patient may read it: neither `look_for` nor `clinician_only`."""
        return not (self.look_for or self.clinician_only)

    def applies(self, region: str | None, duration: str | None) -> bool:
        """None means "show for every region / duration" (the clinician guide)."""
        return (region is None or self.region in (None, region)) and (
            duration is None or self.duration in (None, duration)
        )


@dataclass(frozen=True)
class Topic:
    """One topic of the guide (e.g. "tilstand"): its Danish title and paragraphs in order."""

    slug: str
    title: str
    paragraphs: tuple[Paragraph, ...]

    def select(self, *, version: str, region=None, duration=None, patient_only=False) -> "Topic":
        """A copy keeping the paragraphs of `version` ("pixi": only `pixi` ones; any other:
        all) that apply to `region`/`duration` (see Paragraph.applies), and only the
        patient-facing ones when `patient_only`."""
        kept = tuple(
            p
            for p in self.paragraphs
            if (version != "pixi" or p.pixi)
            and p.applies(region, duration)
            and (p.for_patient or not patient_only)
        )
        return Topic(self.slug, self.title, kept)

    @property
    def say(self):
        """The patient-facing paragraphs (what to tell the patient), in order."""
        return [p for p in self.paragraphs if p.for_patient]

    @property
    def look_for(self):
        """The paragraphs on what the physiotherapist should look for or ask about."""
        return [p for p in self.paragraphs if p.look_for]

    @property
    def background(self):
        """The clinician-only background paragraphs."""
        return [p for p in self.paragraphs if p.clinician_only]


@dataclass(frozen=True)
class Guide:
    """The clinician guide of guide.yaml: title, topics, the akut warning signs per region
    ("laend", "nakke"; always printed on the handout, kept in line with selfcheck/rules.yaml)
    and the sources it is written from."""

    title: str
    topics: tuple[Topic, ...]
    warning_signs: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]

    def topic_slugs(self) -> list[str]:
        """The topics' slugs in guide order."""
        return [t.slug for t in self.topics]

    def version(self, version: str) -> "Guide":
        """The guide in one version ("pixi" = the short PIXI version, "fuld" = everything)."""
        topics = tuple(t.select(version=version) for t in self.topics)
        return Guide(self.title, topics, self.warning_signs, self.sources)


@dataclass(frozen=True)
class Dosage:
    """How much of an exercise: sets, repetitions, hold in seconds, duration in minutes and
    how many times `per` "dag" (day) or "uge" (week); None = not part of this exercise."""

    sets: int | None = None
    reps: int | None = None
    seconds: int | None = None
    minutes: int | None = None
    times: int | None = None
    per: str = "dag"

    def editable_keys(self) -> list[str]:
        """The dosage keys this exercise uses (not None), in DOSAGE_KEYS order: the ones the
        handout builder lets the physiotherapist change."""
        return [k for k in DOSAGE_KEYS if getattr(self, k) is not None]

    def as_text(self) -> str:
        """ "2 sæt × 10 gentagelser, hold 5 sekunder, 2 gange om dagen"."""
        parts = []
        amount = []
        if self.sets:
            amount.append(f"{self.sets} sæt")
        if self.reps:
            amount.append(_count(self.reps, "gentagelse", "gentagelser"))
        if amount:
            parts.append(" × ".join(amount))
        if self.seconds:
            parts.append("hold " + _count(self.seconds, "sekund", "sekunder"))
        if self.minutes:
            parts.append(_count(self.minutes, "minut", "minutter"))
        if self.times:
            parts.append(f"{_count(self.times, 'gang', 'gange')} {PERIODS[self.per]}")
        return ", ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Exercise:
    """One exercise of exercises.yaml: Danish name, regions ("laend"/"nakke"), purpose, steps,
    default dosage, cautions, image file name (under IMAGE_DIR) with its alt text, and its
    sources (common source keys expanded to their full names)."""

    slug: str
    name: str
    regions: tuple[str, ...]
    purpose: str
    steps: tuple[str, ...]
    dosage: Dosage
    cautions: tuple[str, ...]
    image: str
    alt: str
    sources: tuple[str, ...] = field(default=())

    @property
    def image_path(self) -> Path:
        """The image file on disk (IMAGE_DIR / image); not checked to exist."""
        return IMAGE_DIR / self.image

    @property
    def region_names(self) -> str:
        """The regions in Danish, joined with "og" ("Lænd og Nakke")."""
        return " og ".join(REGIONS[r] for r in self.regions)


def _paragraph(raw: dict) -> Paragraph:
    return Paragraph(
        text=" ".join(str(raw.get("text", "")).split()),
        items=tuple(" ".join(str(i).split()) for i in raw.get("items", ())),
        heading=raw.get("heading", ""),
        pixi=bool(raw.get("pixi")),
        look_for=bool(raw.get("look_for")),
        clinician_only=bool(raw.get("clinician_only")),
        region=raw.get("region"),
        duration=raw.get("duration"),
    )


@cache
def load_guide() -> Guide:
    """data/guide.yaml, loaded once per process; KeyError for a missing required field,
    OSError or yaml.YAMLError for an unreadable file."""
    raw = load_yaml(DATA_DIR / "guide.yaml")
    topics = tuple(
        Topic(t["slug"], t["title"], tuple(_paragraph(p) for p in t["paragraphs"]))
        for t in raw["topics"]
    )
    signs = {region: tuple(items) for region, items in raw["warning_signs"].items()}
    return Guide(raw["title"], topics, signs, tuple(raw.get("sources", ())))


@cache
def load_exercises() -> dict[str, Exercise]:
    """Exercises by slug, in library order."""
    raw = load_yaml(DATA_DIR / "exercises.yaml")
    sources = raw.get("common_sources", {})
    exercises = {}
    for e in raw["exercises"]:
        exercises[e["slug"]] = Exercise(
            slug=e["slug"],
            name=e["name"],
            regions=tuple(e["regions"]),
            purpose=e["purpose"],
            steps=tuple(e["steps"]),
            dosage=Dosage(**e["dosage"]),
            cautions=tuple(e["cautions"]),
            image=e["image"],
            alt=e["alt"],
            sources=tuple(sources.get(s, s) for s in e.get("sources", ())),
        )
    return exercises
