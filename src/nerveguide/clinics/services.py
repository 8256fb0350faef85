"""Database work behind the views and commands: postcodes, taxonomy, radius search, import."""

import datetime as dt
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from nerveguide.clinics import demo, geo, places, ranking, rows, taxonomy
from nerveguide.clinics.models import (
    Clinic,
    Postcode,
    Review,
    Specialty,
    TreatmentForm,
    attach_tags,
    forget_tags,
    tag_ids,
)
from nerveguide.danish.places import PostcodeRange, read_postcodes

RADII_KM = (5, 10, 25, 50)
DEFAULT_RADIUS_KM = 10
PAGE_SIZE = 20


# --- Postcodes and taxonomy -------------------------------------------------------------------


def load_postcodes(ranges: Iterable[PostcodeRange]) -> tuple[int, int]:
    """Insert or update every range (keyed by its first postcode); returns (created, updated)."""
    existing = {p.first: p for p in Postcode.objects.all()}
    new, changed = [], []
    for item in ranges:
        values = {
            "last": item.last,
            "town": item.town,
            "lat": item.lat,
            "lon": item.lon,
            "region": item.health_region,
        }
        current = existing.get(item.first)
        if current is None:
            new.append(Postcode(first=item.first, **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            changed.append(current)
    with transaction.atomic():
        Postcode.objects.bulk_create(new)
        Postcode.objects.bulk_update(changed, ["last", "town", "lat", "lon", "region"])
    return len(new), len(changed)


def sync_taxonomy() -> None:
    """Make the Specialty and TreatmentForm tables match data/taxonomy.yaml (names may change)."""
    for model, items in (
        (Specialty, taxonomy.specialties()),
        (TreatmentForm, taxonomy.treatments()),
    ):
        for slug, name in items.items():
            model.objects.update_or_create(slug=slug, defaults={"name": name})
    forget_tags()


def find_postcode(number: int) -> Postcode | None:
    """The Postcode row whose range contains `number` (1050 -> 1000-1499 København K), or None."""
    return Postcode.objects.filter(first__lte=number, last__gte=number).order_by("-first").first()


def resolve_place(text: str) -> tuple[Postcode | None, places.PlaceMatch]:
    """The postcode row to search around, and how the text was understood (see places.resolve:
    postcodes, towns, districts, close misspellings of a whole name; otherwise not found)."""
    towns: dict[str, int] = {}
    if places.parse_postcode(text) is None:  # a postcode needs no town list (the common case)
        for town, first in Postcode.objects.order_by("first").values_list("town", "first"):
            towns.setdefault(town, first)
    match = places.resolve(text, towns)
    if not match.found:
        return None, match
    if match.postcode is not None:
        return find_postcode(match.postcode), match
    return Postcode.objects.filter(town=match.town).order_by("first").first(), match


def find_place(text: str) -> Postcode | None:
    """A postcode ("8000", "DK-8000"), a town or district ("Århus", "Vesterbro"), or a close
    misspelling of one ("Kobenhavn"); None when not found."""
    return resolve_place(text)[0]


def place_lookup() -> dict[str, rows.Place]:
    """Every 4-digit postcode (ranges expanded) -> its town and centre, for import validation."""
    lookup = {}
    for code in Postcode.objects.all():
        for number in range(code.first, code.last + 1):
            lookup[f"{number:04d}"] = rows.Place(code.town, code.lat, code.lon)
    return lookup


# --- Radius search ----------------------------------------------------------------------------


@dataclass
class Query:
    """One radius search: centre (lat, lon in degrees), radius in km, filters and sort order.

    specialties and treatments are taxonomy slugs a clinic must all have (an unknown slug matches
    nothing); the booleans are filters that are off when False; sort is one of ranking.SORTS.
    """

    lat: float
    lon: float
    radius_km: float = DEFAULT_RADIUS_KM
    specialties: list[str] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)
    ydernummer: bool = False
    wheelchair: bool = False
    video: bool = False
    evenings: bool = False
    weekends: bool = False
    sort: str = "distance"


@dataclass
class Result:
    """One clinic found by search, with its great-circle distance from the search centre in km."""

    clinic: Clinic
    distance_km: float

    @property
    def distance_label(self) -> str:
        """The distance in Danish style ("800 m", "2,4 km", "17 km"), via geo.format_km."""
        return geo.format_km(self.distance_km)


def _has_all(queryset, through, column: str, ids: list[int]):
    for item_id in ids:
        queryset = queryset.filter(
            Exists(through.objects.filter(clinic_id=OuterRef("pk"), **{column: item_id}))
        )
    return queryset


def filtered_clinics(query: Query, prefilter: bool = True):
    """Clinics matching the filters; with `prefilter`, only those in the radius' bounding box.

    The box is a range on the (lat, lon) index; the exact circle is cut in Python by
    `search`, so both databases return the same clinics in the same order.
    """
    queryset = (
        Clinic.objects.order_by()
    )  # the order is made in Python; sorting by name here is waste
    if prefilter:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(query.lat, query.lon, query.radius_km)
        queryset = queryset.filter(lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon))
    for flag in ("ydernummer", "wheelchair", "video"):
        if getattr(query, flag):
            queryset = queryset.filter(**{flag: True})
    if query.evenings:
        queryset = queryset.filter(open_evenings=True)
    if query.weekends:
        queryset = queryset.filter(open_weekends=True)
    known_specialties, known_treatments = tag_ids(Specialty), tag_ids(TreatmentForm)
    if not set(query.specialties) <= set(known_specialties) or not set(query.treatments) <= set(
        known_treatments
    ):
        return Clinic.objects.none()  # an unknown slug matches nothing rather than everything
    specialty_ids = sorted({known_specialties[slug] for slug in query.specialties})
    treatment_ids = sorted({known_treatments[slug] for slug in query.treatments})
    queryset = _has_all(queryset, Clinic.specialties.through, "specialty_id", specialty_ids)
    return _has_all(queryset, Clinic.treatments.through, "treatmentform_id", treatment_ids)


def search(
    query: Query, page: int = 1, page_size: int = PAGE_SIZE, prefilter: bool = True
) -> tuple[list[Result], int]:
    """One page of clinics within the radius, sorted; and the total number found."""
    candidates = []
    for pk, lat, lon, rating_sum, review_count in filtered_clinics(query, prefilter).values_list(
        "pk", "lat", "lon", "rating_sum", "review_count"
    ):
        distance = geo.haversine_km(query.lat, query.lon, lat, lon)
        if distance <= query.radius_km:
            candidates.append(ranking.Candidate(pk, distance, rating_sum, review_count))
    ranked = ranking.rank(candidates, query.sort)
    start = (max(1, page) - 1) * page_size
    shown = ranked[start : start + page_size]
    clinics = Clinic.objects.in_bulk([c.id for c in shown])
    attach_tags(list(clinics.values()))
    return [Result(clinics[c.id], c.distance_km) for c in shown], len(ranked)


# --- Import and export ------------------------------------------------------------------------


@dataclass
class ImportReport:
    """Outcome of import_rows: clinics created and updated, and one error per rejected row as
    {"line": int, "slug": str | None, "errors": [Danish reasons]}.
    """

    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def import_rows(
    numbered_rows: Iterable[tuple[int, Mapping[str, Any]]], is_demo: bool = False
) -> ImportReport:
    """Validate and load rows; a bad row is reported with its line and reasons, the rest load.

    Rows are keyed by slug: importing the same file again updates the clinics, never duplicates.
    """
    sync_taxonomy()
    lookup = place_lookup()
    specialties = {s.slug: s for s in Specialty.objects.all()}
    treatments = {t.slug: t for t in TreatmentForm.objects.all()}
    names = (taxonomy.specialties(), taxonomy.treatments(), taxonomy.languages())
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, row in numbered_rows:
        clean, reasons = rows.validate_row(row, lookup, *names)
        if clean and clean["slug"] in seen:
            reasons = [f"slug: {clean['slug']} findes allerede i linje {seen[clean['slug']]}"]
        if reasons or clean is None:  # validate_row: clean values exactly when no reasons
            report.errors.append(
                {
                    "line": line,
                    "slug": (clean or {}).get("slug") or row.get("slug"),
                    "errors": reasons,
                }
            )
            continue
        seen[clean["slug"]] = line
        with transaction.atomic():
            created = save_clinic(clean, specialties, treatments, is_demo)
        report.created += created
        report.updated += not created
    return report


def save_clinic(
    clean: dict[str, Any],
    specialties: Mapping[str, Specialty],
    treatments: Mapping[str, TreatmentForm],
    is_demo: bool = False,
) -> bool:
    """Create or update the clinic keyed by clean["slug"] and set its specialties and treatments.

    `clean` is a row from rows.validate_row; the mappings give slug -> tag row and must contain
    every slug in it (KeyError otherwise). Returns True if the clinic was created, False if
    updated.
    """
    values = {k: v for k, v in clean.items() if k not in ("slug", "specialties", "treatments")}
    clinic, created = Clinic.objects.update_or_create(
        slug=clean["slug"], defaults={**values, "is_demo": is_demo}
    )
    clinic.specialties.set([specialties[s] for s in clean["specialties"]])
    clinic.treatments.set([treatments[t] for t in clean["treatments"]])
    return created


def export_rows() -> Iterable[dict[str, Any]]:
    """Every clinic as an import row (same columns), so export -> import round-trips."""
    for clinic in Clinic.objects.order_by("slug").prefetch_related("specialties", "treatments"):
        row = {column: getattr(clinic, column, "") for column in rows.COLUMNS}
        row.update(clinic.opening_hours)
        row["specialties"] = sorted(s.slug for s in clinic.specialties.all())
        row["treatments"] = sorted(t.slug for t in clinic.treatments.all())
        yield row


# --- Demo data --------------------------------------------------------------------------------


def load_demo(count: int = demo.DEMO_CLINICS) -> tuple[ImportReport, int]:
    """Load the fictional demo clinics and their reviews; running it again changes nothing."""
    if not Postcode.objects.exists():
        load_postcodes(read_postcodes())
    clinic_rows = demo.clinic_rows(
        read_postcodes(), count, list(taxonomy.specialties()), list(taxonomy.treatments())
    )
    report = import_rows(enumerate(clinic_rows, start=1), is_demo=True)
    now = timezone.now()
    added = 0
    for clinic in Clinic.objects.filter(is_demo=True, reviews__isnull=True):
        rng = random.Random(f"{demo.SEED}-{clinic.slug}")
        new = [
            # One e-mail address per demo review: one review per address and clinic (a constraint).
            Review(
                clinic=clinic,
                rating=r["rating"],
                text=r["text"],
                author_name=r["author_name"],
                email=f"demo-{r['number']}@example.invalid",
                visit_confirmed=True,
                status=Review.Status.PUBLISHED,
                text_hash=f"demo-{clinic.pk}-{r['number']}",
                created_at=now - dt.timedelta(days=r["days_ago"]),
                rating_explanation=r["dimensions"][0],
                rating_effect=r["dimensions"][1],
                rating_waiting=r["dimensions"][2],
                reply=r["reply"],
                reply_at=now - dt.timedelta(days=max(0, r["days_ago"] - 2)) if r["reply"] else None,
            )
            for r in demo.review_rows(rng, rng.randint(0, 14))
        ]
        Review.objects.bulk_create(new)
        clinic.refresh_rating()
        added += len(new)
    return report, added


def refresh_ratings() -> int:
    """Recompute the stored rating of every clinic whose visible reviews no longer match it
    (reviews leave the rating when they turn two years old). Returns the number updated."""
    from django.db.models import Count, Q, Sum

    from nerveguide.clinics.models import REVIEW_VISIBLE_DAYS, Clinic, Review

    cutoff = timezone.now() - dt.timedelta(days=REVIEW_VISIBLE_DAYS)
    visible = Q(reviews__status=Review.Status.PUBLISHED, reviews__created_at__gte=cutoff)
    stale = [
        clinic
        for clinic in Clinic.objects.annotate(
            n=Count("reviews", filter=visible), total=Sum("reviews__rating", filter=visible)
        )
        if (clinic.n, clinic.total or 0) != (clinic.review_count, clinic.rating_sum)
    ]
    for clinic in stale:
        clinic.refresh_rating()
    return len(stale)
