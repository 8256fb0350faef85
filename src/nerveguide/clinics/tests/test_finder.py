"""The finder and clinic pages through the test client, on whichever database DATABASE_URL names."""

import json
import re

import pytest

from nerveguide.clinics import services
from nerveguide.clinics.models import Clinic, Review

FINDER = "/find-fysioterapeut/"


def result_slugs(response):
    return re.findall(
        r'<h3><a href="/find-fysioterapeut/klinik/([^/]+)/">', response.content.decode()
    )


@pytest.fixture
def aarhus(make_clinic):
    """Clinics at known distances from Aarhus C (8000: 56.15, 10.2): 0, ~3, ~8 and ~40 km."""
    make_clinic(
        "centrum", lat="56.150", lon="10.200", ydernummer="ja", wheelchair="ja", man="08-20"
    )
    make_clinic(
        "viby", lat="56.125", lon="10.170", ydernummer="nej", specialties="ryg", lor="09-12"
    )
    make_clinic("hoejbjerg", lat="56.100", lon="10.080", ydernummer="ja", video="ja")
    make_clinic("randers", lat="56.46", lon="10.04", ydernummer="ja")


def test_empty_finder_shows_form(client, postcodes):
    response = client.get(FINDER)
    assert response.status_code == 200
    assert 'name="hvor"' in response.content.decode()
    assert "Sådan sorterer vi" in response.content.decode()


def test_radius_and_distance_sort(client, aarhus):
    assert result_slugs(client.get(FINDER, {"hvor": "8000", "radius": 10})) == [
        "centrum",
        "viby",
        "hoejbjerg",
    ]
    assert result_slugs(client.get(FINDER, {"hvor": "8000", "radius": 5})) == ["centrum", "viby"]
    assert "randers" in result_slugs(client.get(FINDER, {"hvor": "8000", "radius": 50}))


def test_distance_is_shown(client, aarhus):
    html = client.get(FINDER, {"hvor": "8000", "radius": 10}).content.decode()
    distances = re.findall(r"<strong>([\d,]+ k?m)</strong> væk", html)
    assert len(distances) == 3
    assert distances[-1].endswith(" km") and "," in distances[-1]


def test_town_with_typo(client, aarhus):
    assert result_slugs(client.get(FINDER, {"hvor": "Arhus C", "radius": 5})) == ["centrum", "viby"]


def test_unknown_place_is_reported_next_to_the_field(client, aarhus):
    html = client.get(FINDER, {"hvor": "Atlantis"}).content.decode()
    assert "Vi kan ikke finde stedet" in html
    assert 'class="errorlist' in html


def test_position_from_browser(client, aarhus):
    assert (
        result_slugs(client.get(FINDER, {"lat": "56.125", "lon": "10.170", "radius": 5}))[0]
        == "viby"
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"ydernummer": "on"}, ["centrum", "hoejbjerg"]),
        ({"koerestol": "on"}, ["centrum"]),
        ({"video": "on"}, ["hoejbjerg"]),
        ({"aften": "on"}, ["centrum"]),
        ({"weekend": "on"}, ["viby"]),
        ({"speciale": "ryg"}, ["viby"]),
        ({"speciale": "nerve-rodsmerter", "ydernummer": "on"}, ["centrum", "hoejbjerg"]),
        ({"behandling": "manuel-terapi", "speciale": ["nerve-rodsmerter", "ryg"]}, []),
        ({"speciale": "findes-ikke"}, None),  # an invalid choice is a form error, not "everything"
    ],
)
def test_filters(client, aarhus, params, expected):
    response = client.get(FINDER, {"hvor": "8000", "radius": 10, **params})
    if expected is None:
        assert "errorlist" in response.content.decode()
        assert result_slugs(response) == []
    else:
        assert result_slugs(response) == expected


def test_sort_by_rating_needs_minimum_reviews(client, aarhus):
    viby, hoejbjerg = Clinic.objects.get(slug="viby"), Clinic.objects.get(slug="hoejbjerg")
    Review.objects.create(
        clinic=viby,
        rating=5,
        text="x" * 40,
        author_name="A",
        email="a@example.dk",
        status=Review.Status.PUBLISHED,
        text_hash="1",
    )
    for n, rating in enumerate([5, 4, 5, 4, 5]):
        Review.objects.create(
            clinic=hoejbjerg,
            rating=rating,
            text=f"tekst {n}" * 8,
            author_name="B",
            email=f"b{n}@example.dk",
            status=Review.Status.PUBLISHED,
            text_hash=f"h{n}",
        )
    viby.refresh_rating()
    hoejbjerg.refresh_rating()
    assert (
        result_slugs(client.get(FINDER, {"hvor": "8000", "radius": 10, "sorter": "rating"}))[0]
        == "hoejbjerg"
    )
    assert result_slugs(
        client.get(FINDER, {"hvor": "8000", "radius": 10, "sorter": "reviews"})
    ) == ["hoejbjerg", "viby", "centrum"]


def test_paging(client, make_clinic):
    for n in range(services.PAGE_SIZE + 5):
        make_clinic(f"k{n:02d}", lat=f"{56.15 + n * 0.001:.3f}", lon="10.2")
    first = client.get(FINDER, {"hvor": "8000", "radius": 25})
    html = first.content.decode()
    assert len(result_slugs(first)) == services.PAGE_SIZE
    assert "Side 1 af 2" in html
    next_url = re.search(r'href="(\?[^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    second = client.get(FINDER + next_url)
    assert len(result_slugs(second)) == 5
    assert set(result_slugs(first)).isdisjoint(result_slugs(second))


def test_demo_clinics_are_marked(client, demo_clinics):
    response = client.get(FINDER, {"hvor": "København K", "radius": 50})
    assert result_slugs(response)
    assert "demo-banner" in response.content.decode()
    clinic = Clinic.objects.filter(is_demo=True).first()
    assert "demo-banner" in client.get(clinic.get_absolute_url()).content.decode()
    assert "demo-banner" in client.get(f"{clinic.get_absolute_url()}anmeld/").content.decode()


def test_demo_load_is_idempotent(demo_clinics):
    clinics, reviews = Clinic.objects.count(), Review.objects.count()
    services.load_demo(60)
    assert (Clinic.objects.count(), Review.objects.count()) == (clinics, reviews)


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(block.group(1))


def test_clinic_page_json_ld_counts_only_published_reviews(client, make_clinic):
    clinic = make_clinic("solo", phone="86 12 34 56")
    for status, rating in [("published", 4), ("published", 2), ("pending", 5), ("rejected", 1)]:
        Review.objects.create(
            clinic=clinic,
            rating=rating,
            text=f"Anmeldelse med {status} {rating}",
            author_name="A",
            email=f"{status}{rating}@example.dk",
            status=status,
            text_hash=status + str(rating),
        )
    html = client.get(clinic.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert "MedicalClinic" in data["@type"]
    assert data["aggregateRating"]["reviewCount"] == 2
    assert data["aggregateRating"]["ratingValue"] == 3.0
    assert "Anmeldelse med pending" not in html
    assert "86 12 34 56" in html
    assert "openstreetmap.org" in html


def test_reviews_older_than_two_years_are_hidden(client, make_clinic):
    from django.utils import timezone

    clinic = make_clinic("gammel")
    Review.objects.create(
        clinic=clinic,
        rating=1,
        text="Meget gammel anmeldelse her",
        author_name="A",
        email="a@example.dk",
        status="published",
        text_hash="old",
        created_at=timezone.now() - timezone.timedelta(days=800),
    )
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "Meget gammel anmeldelse" not in html
    assert "aggregateRating" not in html


def test_json_ld_cannot_be_broken_out_of(client, make_clinic):
    clinic = make_clinic("x", name="</script><script>alert(1)</script>")
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_info_pages(client, db):
    assert (
        "Ingen kan betale" in client.get("/find-fysioterapeut/saadan-sorterer-vi/").content.decode()
    )
    assert (
        "Vi læser alle anmeldelser først"
        in client.get("/find-fysioterapeut/anmeldelser/").content.decode()
    )


def test_same_results_from_both_code_paths(aarhus):
    """The bounding-box prefilter must not change the answer (the benchmark's baseline path)."""
    query = services.Query(lat=56.15, lon=10.2, radius_km=25, sort="distance")
    with_box, total = services.search(query)
    without_box, total_all = services.search(query, prefilter=False)
    assert [r.clinic.slug for r in with_box] == [r.clinic.slug for r in without_box]
    assert total == total_all == 3


def test_api_search(client, aarhus):
    data = client.get("/api/clinics/", {"hvor": "8000", "radius": 10, "ydernummer": "true"}).json()
    assert data["total"] == 2
    assert [r["slug"] for r in data["results"]] == ["centrum", "hoejbjerg"]
    assert data["results"][0]["distance_km"] < data["results"][1]["distance_km"]
    assert client.get("/api/clinics/", {"hvor": "Atlantis"}).status_code == 400
    assert client.get("/api/clinics/", {"hvor": "8000", "radius": 7}).status_code == 400
