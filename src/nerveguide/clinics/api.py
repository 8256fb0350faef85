"""/api/clinics: the clinic finder as JSON (same search, ranking and rules as the web page)."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from nerveguide.clinics import services

router = Router(tags=["clinics"])


class FinderParams(Schema):
    """Query parameters of GET /api/clinics/ (Danish names, as on the web page).

    Give either hvor (postcode or town) or both lat and lon (degrees, inside Denmark); radius in
    km.
    """

    hvor: str = Field("", max_length=60, description="postcode or town (typos tolerated)")
    lat: float | None = Field(None, ge=54, le=58)
    lon: float | None = Field(None, ge=7, le=16)
    radius: int = Field(services.DEFAULT_RADIUS_KM, description="km: 5, 10, 25 or 50")
    speciale: list[str] = Field([], description="specialty slugs; a clinic must have all")
    behandling: list[str] = Field([], description="treatment-form slugs; a clinic must have all")
    ydernummer: bool = False
    koerestol: bool = False
    video: bool = False
    aften: bool = False
    weekend: bool = False
    sorter: str = Field("distance", pattern="^(distance|rating|reviews)$")
    side: int = Field(1, ge=1, le=10_000)


class ClinicOut(Schema):
    """One clinic in the finder's answer; distance_km is rounded to 0.01 km and mean_rating is stars
    rounded to one decimal (null without visible reviews); demo marks a fictional clinic.
    """

    slug: str
    name: str
    address: str
    postcode: str
    town: str
    url: str
    distance_km: float
    review_count: int
    mean_rating: float | None
    ydernummer: bool
    demo: bool


class Problem(Schema):
    """The body of a 400 answer: a short English explanation in detail."""

    detail: str


class FinderResponse(Schema):
    """One page of finder results: total clinics found, the page number and the place understood."""

    total: int
    page: int
    place: str | None = Field(
        None,
        description="the place searched around, as understood from hvor "
        '(e.g. "Vesterbro (1500-1799 København V)"); null when lat/lon were given',
    )
    results: list[ClinicOut]


# 400: well-formed parameters that make no search (unknown place, a radius we do not offer);
# malformed ones get django-ninja's documented 422.
@router.get(
    "/",
    response={200: FinderResponse, 400: Problem},
    summary="Clinics within a radius, filtered and sorted",
)
def find(request: HttpRequest, params: Query[FinderParams]):
    """Clinics within the radius, filtered and sorted; one page of PAGE_SIZE (20).

    Answers 400 for a radius not in RADII_KM or a place that cannot be found (with suggestions);
    malformed parameters get 422. Reads only; writes nothing.
    """
    if params.radius not in services.RADII_KM:
        raise HttpError(400, f"radius must be one of {services.RADII_KM}")
    label = None
    if params.lat is not None and params.lon is not None:
        lat, lon = params.lat, params.lon
    else:
        place, match = services.resolve_place(params.hvor) if params.hvor.strip() else (None, None)
        if place is None or match is None:  # match is None only when no place was given
            hint = (
                f" (did you mean: {', '.join(match.suggestions)}?)"
                if match and match.suggestions
                else ""
            )
            raise HttpError(
                400, f"unknown place: give a Danish postcode, a town, or lat and lon{hint}"
            )
        lat, lon, label = place.lat, place.lon, match.describe(str(place))
    query = services.Query(
        lat=lat,
        lon=lon,
        radius_km=params.radius,
        specialties=params.speciale,
        treatments=params.behandling,
        ydernummer=params.ydernummer,
        wheelchair=params.koerestol,
        video=params.video,
        evenings=params.aften,
        weekends=params.weekend,
        sort=params.sorter,
    )
    results, total = services.search(query, page=params.side)
    return {
        "total": total,
        "page": params.side,
        "place": label,
        "results": [
            {
                "slug": r.clinic.slug,
                "name": r.clinic.name,
                "address": r.clinic.address,
                "postcode": r.clinic.postcode,
                "town": r.clinic.town,
                "url": r.clinic.get_absolute_url(),
                "distance_km": round(r.distance_km, 2),
                "review_count": r.clinic.review_count,
                "mean_rating": r.clinic.mean_rating,
                "ydernummer": r.clinic.ydernummer,
                "demo": r.clinic.is_demo,
            }
            for r in results
        ],
    }
