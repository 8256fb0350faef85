"""A clinic's stored rating follows its reviews; reading a page never writes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nerveguide.clinics import reviews, services
from nerveguide.clinics.models import Clinic, Review

pytestmark = pytest.mark.django_db


def make_clinic() -> Clinic:
    return Clinic.objects.create(
        slug="test-klinik",
        name="Testklinik",
        address="Gade 1",
        postcode="8000",
        town="Aarhus C",
        lat=56.15,
        lon=10.2,
    )


def make_review(
    clinic: Clinic, rating: int, status=Review.Status.PENDING, days_ago: int = 0
) -> Review:
    return Review.objects.create(
        clinic=clinic,
        rating=rating,
        text="God behandling og god tid til spørgsmål.",
        author_name="Ida",
        email=f"ida{rating}{days_ago}@example.dk",
        status=status,
        created_at=timezone.now() - dt.timedelta(days=days_ago),
        text_hash=f"h{rating}{days_ago}",
    )


def test_approving_and_rejecting_update_the_rating():
    clinic = make_clinic()
    review = make_review(clinic, 4)
    reviews.approve(review)
    clinic.refresh_from_db()
    assert (clinic.review_count, clinic.rating_sum) == (1, 4)
    reviews.reject(review, "Ikke en patientoplevelse")
    clinic.refresh_from_db()
    assert (clinic.review_count, clinic.rating_sum) == (0, 0)


def test_deleting_a_review_updates_the_rating():
    clinic = make_clinic()
    review = make_review(clinic, 5, status=Review.Status.PUBLISHED)
    review.delete()
    clinic.refresh_from_db()
    assert (clinic.review_count, clinic.rating_sum) == (0, 0)


def test_the_clinic_page_writes_nothing(client):
    clinic = make_clinic()
    make_review(clinic, 5, status=Review.Status.PUBLISHED)
    Clinic.objects.filter(pk=clinic.pk).update(review_count=7, rating_sum=1)  # stale on purpose
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("clinics:clinic", args=[clinic.slug]))
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert writes == []


def test_refresh_ratings_drops_reviews_older_than_two_years():
    clinic = make_clinic()
    make_review(clinic, 5, status=Review.Status.PUBLISHED, days_ago=10)
    old = make_review(clinic, 1, status=Review.Status.PUBLISHED, days_ago=700)
    Review.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=800))
    Clinic.objects.filter(pk=clinic.pk).update(review_count=2, rating_sum=6)
    assert services.refresh_ratings() == 1
    clinic.refresh_from_db()
    assert (clinic.review_count, clinic.rating_sum) == (1, 5)
    assert services.refresh_ratings() == 0
