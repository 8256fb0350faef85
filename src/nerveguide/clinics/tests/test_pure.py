"""Unit and property tests for the Django-free parts: distance, box, hours, ranking, rows, buckets."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nerveguide.clinics import demo, geo, hours, places, ranking, rows, taxonomy, tokenbucket
from nerveguide.danish.places import parse_postcode, parse_postcode_csv, read_postcodes

danish_lat = st.floats(54.5, 57.8)
danish_lon = st.floats(8.0, 15.2)
radius = st.floats(0.5, 50)


def test_haversine_known_distance():
    # Copenhagen city hall square to Aarhus cathedral: about 157 km as the crow flies.
    assert geo.haversine_km(55.6761, 12.5683, 56.1567, 10.2108) == pytest.approx(157, abs=2)


@given(danish_lat, danish_lon, danish_lat, danish_lon)
def test_haversine_is_symmetric_and_non_negative(lat1, lon1, lat2, lon2):
    d = geo.haversine_km(lat1, lon1, lat2, lon2)
    assert 0 <= d <= 600  # Denmark's box is about 560 km corner to corner
    assert geo.haversine_km(lat1, lon1, lat1, lon1) == 0
    assert d == pytest.approx(geo.haversine_km(lat2, lon2, lat1, lon1))


@given(danish_lat, danish_lon, radius, st.floats(0, 2 * math.pi), st.floats(0, 1))
def test_bounding_box_contains_every_point_in_the_circle(lat, lon, r, bearing, fraction):
    # Walk `fraction * r` km from the centre in direction `bearing`; the point must be in the box.
    distance = fraction * r / geo.EARTH_RADIUS_KM
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(distance)
        + math.cos(phi1) * math.sin(distance) * math.cos(bearing)
    )
    lambda2 = lambda1 + math.atan2(
        math.sin(bearing) * math.sin(distance) * math.cos(phi1),
        math.cos(distance) - math.sin(phi1) * math.sin(phi2),
    )
    lat2, lon2 = math.degrees(phi2), math.degrees(lambda2)
    assert geo.haversine_km(lat, lon, lat2, lon2) <= r + 1e-6
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, r)
    assert min_lat <= lat2 <= max_lat
    assert min_lon <= lon2 <= max_lon


def test_format_km():
    assert geo.format_km(0.34) == "300 m"
    assert geo.format_km(2.44) == "2,4 km"
    assert geo.format_km(17.2) == "17 km"


def test_hours_parse_and_filters():
    week = hours.normalise({"man": "8-16", "tir": "08.00-12, 13-19:30", "lor": "lukket"})
    assert week["man"] == "08:00-16:00"
    assert week["tir"] == "08:00-12:00, 13:00-19:30"
    assert hours.open_evenings(week)
    assert not hours.open_weekends(week)
    assert hours.open_weekends({"son": "10-12"})
    assert not hours.open_evenings({"man": "08-18"})  # closing at 18 is not an evening


@pytest.mark.parametrize("text", ["16-08", "8 til 16", "25-26", "08:61-09"])
def test_hours_reject_nonsense(text):
    with pytest.raises(hours.HoursError):
        hours.parse_day(text)


def test_one_five_star_review_does_not_beat_many_good_ones():
    lone = ranking.Candidate(1, 1.0, 5, 1)
    popular = ranking.Candidate(2, 5.0, 46 * 5 - 20, 46)  # mean 4.57 over 46 reviews
    few_but_ranked = ranking.Candidate(3, 2.0, 15, 3)  # three 5-star reviews
    order = [c.id for c in ranking.rank([lone, popular, few_but_ranked], "rating")]
    assert order == [2, 3, 1]


@given(
    st.lists(st.tuples(st.floats(0, 50), st.integers(0, 40), st.integers(1, 5)), max_size=30),
    st.sampled_from(ranking.SORTS),
)
def test_rank_is_a_permutation_and_distance_sort_is_sorted(items, sort):
    candidates = [ranking.Candidate(i, d, n * r, n) for i, (d, n, r) in enumerate(items)]
    ranked = ranking.rank(candidates, sort)
    assert sorted(c.id for c in ranked) == list(range(len(items)))
    if sort == "distance":
        assert [c.distance_km for c in ranked] == sorted(c.distance_km for c in candidates)


def test_token_bucket_refills_over_time():
    limit = tokenbucket.Limit(capacity=2, per_seconds=10)
    tokens, now = 2.0, 0.0
    allowed = []
    for _ in range(3):
        ok, tokens = tokenbucket.take(tokens, now, now, limit)
        allowed.append(ok)
    assert allowed == [True, True, False]
    ok, tokens = tokenbucket.take(tokens, 0.0, 5.0, limit)  # half the period gives one token back
    assert ok


@given(st.floats(0, 10), st.floats(0, 1e6), st.floats(0, 1e6))
def test_token_bucket_never_exceeds_capacity(tokens, updated, now):
    limit = tokenbucket.Limit(capacity=5, per_seconds=60)
    _, left = tokenbucket.take(min(tokens, 5), updated, now, limit)
    assert 0 <= left <= 5


# --- Import rows ------------------------------------------------------------------------------

PLACES = {
    "8000": rows.Place("Aarhus C", 56.15, 10.2),
    "1050": rows.Place("København K", 55.68, 12.58),
}
NAMES = (taxonomy.specialties(), taxonomy.treatments(), taxonomy.languages())


def check(row):
    return rows.validate_row(row, PLACES, *NAMES)


def test_valid_row_gets_defaults_from_postcode():
    clean, errors = check(
        {
            "name": "Ryg & Nerve",
            "address": "Vej 1",
            "postcode": "8000",
            "specialties": "Iskias; nerve-rodsmerter",
            "ydernummer": "ja",
            "phone": "+45 86 12 34 56",
            "man": "8-16",
        }
    )
    assert errors == []
    assert clean["town"] == "Aarhus C"
    assert (clean["lat"], clean["lon"]) == (56.15, 10.2)
    assert clean["specialties"] == ["iskias", "nerve-rodsmerter"]
    assert clean["ydernummer"] is True
    assert clean["phone"] == "86123456"
    assert clean["slug"] == "ryg-nerve-8000"
    assert clean["opening_hours"]["man"] == "08:00-16:00"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"name": ""}, "name"),
        ({"postcode": "80"}, "postcode"),
        ({"postcode": "0999"}, "postcode"),
        ({"lat": "55.1"}, "lat/lon"),
        ({"lat": "40", "lon": "2"}, "lat/lon"),
        ({"email": "ikke-en-mail"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"phone": "1234"}, "phone"),
        ({"ydernummer": "måske"}, "ydernummer"),
        ({"specialties": "hekseri"}, "specialties"),
        ({"price_first": "gratis"}, "price_first"),
        ({"man": "16-08"}, "hours"),
        ({"slug": "Æ Ø"}, "slug"),
    ],
)
def test_bad_rows_name_the_field(change, field):
    clean, errors = check({"name": "K", "address": "Vej 1", "postcode": "8000", **change})
    assert clean is None
    assert any(error.startswith(f"{field}:") for error in errors), errors


@given(
    st.dictionaries(
        st.sampled_from(rows.COLUMNS),
        st.one_of(
            st.text(max_size=30),
            st.integers(),
            st.floats(allow_nan=True),
            st.booleans(),
            st.none(),
            st.lists(st.text(max_size=10), max_size=3),
        ),
    )
)
def test_validate_row_never_crashes_and_returns_one_outcome(row):
    clean, errors = check(row)
    assert (clean is None) == bool(errors)
    if clean:
        assert clean["slug"] and clean["name"] and clean["postcode"] in PLACES
        assert geo.in_denmark(clean["lat"], clean["lon"])


def test_slugify_danish_letters():
    assert rows.slugify("Ærø Fysioterapi & Søgård") == "aeroe-fysioterapi-soegaard"


# --- Places and demo --------------------------------------------------------------------------


def test_postcode_csv_ranges():
    ranges = list(
        parse_postcode_csv(
            ["postnr,bynavn,lat,lon,region", "1000-1499,København K,55.6,12.5,Region Hovedstaden"]
        )
    )
    assert (ranges[0].first, ranges[0].last) == (1000, 1499)


def test_town_match_tolerates_typos_and_spellings():
    towns = [p.town for p in read_postcodes()]
    assert places.match_town("Arhus C", towns) == "Aarhus C"
    assert places.match_town("odense c", towns) == "Odense C"
    assert places.match_town("Kobenhavn K", towns) == "København K"
    assert places.match_town("Silkebrog", towns) == "Silkeborg"
    assert places.match_town("qqqqzz", towns) is None


def test_postcode_in():
    assert parse_postcode("8000") == 8000
    assert parse_postcode("8000 Aarhus C") == 8000
    assert parse_postcode("Aarhus") is None


def test_demo_rows_are_deterministic_and_valid():
    codes = read_postcodes()
    spec, treat = list(taxonomy.specialties()), list(taxonomy.treatments())
    first = list(demo.clinic_rows(codes, 40, spec, treat))
    assert first == list(demo.clinic_rows(codes, 40, spec, treat))
    lookup = {
        f"{n:04d}": rows.Place(c.town, c.lat, c.lon)
        for c in codes
        for n in range(c.first, c.last + 1)
    }
    for row in first:
        _clean, errors = rows.validate_row(row, lookup, *NAMES)
        assert errors == [], (row, errors)
