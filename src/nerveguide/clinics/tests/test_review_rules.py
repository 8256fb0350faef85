"""Reviews that cannot be gamed (issue 17): limits per client and per e-mail, a clinic's excess
held instead of refused, one review per e-mail and clinic at confirmation and in the database,
links that expire and confirm only by POST, and no answer that reveals an earlier review."""

import re
import time

import pytest
from django.core import mail, signing
from django.db import IntegrityError, transaction

from nerveguide.clinics import ratelimit, reviews
from nerveguide.clinics.models import Review

TEXT = "Grundig undersøgelse, gode øvelser og en plan jeg kunne følge. Meget tilfreds."


@pytest.fixture
def clinic(make_clinic):
    return make_clinic("nerveklinikken")


@pytest.fixture(autouse=True)
def database_buckets(settings):
    settings.REDIS_URL = None  # one store for every test here (Redis buckets: test_reviews.py)


def post(client, clinic, n, email=None, **extra):
    data = {
        "rating": "4",
        "text": f"{TEXT} Besøg nummer {n}.",
        "author_name": "Lis",
        "email": email or f"p{n}@example.dk",
        "visit_confirmed": "on",
        "homepage": "",
    }
    return client.post(f"/find-fysioterapeut/klinik/{clinic.slug}/anmeld/", data, **extra)


def link_path():
    return re.search(r"https?://[^/]+(/\S+/bekraeft/\S+/)", mail.outbox[-1].body)[1]


def test_clients_behind_the_proxy_have_their_own_buckets(client, clinic, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(ratelimit.PER_IP.capacity):
        assert (
            post(client, clinic, n, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 302
        )
    assert post(client, clinic, 50, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 429
    # another patient behind the same proxy is not affected
    assert post(client, clinic, 51, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 302
    # a spoofed header from an untrusted peer does not get a fresh bucket
    for n in range(ratelimit.PER_IP.capacity):
        post(client, clinic, 60 + n, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert (
        post(
            client, clinic, 70, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="10.9.9.9"
        ).status_code
        == 429
    )


def test_one_email_address_is_limited_across_addresses(client, make_clinic):
    clinics = [make_clinic(f"klinik-{n}") for n in range(ratelimit.PER_EMAIL.capacity + 1)]
    answers = [
        post(client, c, n, email="samme@example.dk", REMOTE_ADDR=f"203.0.113.{n + 1}").status_code
        for n, c in enumerate(clinics)
    ]
    assert answers == [302] * int(ratelimit.PER_EMAIL.capacity) + [429]


def test_a_clinics_excess_reviews_are_held_not_refused(client, clinic):
    count = int(ratelimit.PER_CLINIC.capacity) + 3
    for n in range(count):
        assert post(client, clinic, n, REMOTE_ADDR=f"203.0.113.{n + 1}").status_code == 302
    assert Review.objects.filter(clinic=clinic).count() == count
    held = Review.objects.exclude(held_reason="")
    assert held.count() == 3 and held.first().held_reason == reviews.HELD_MANY_FOR_CLINIC


def test_one_review_per_email_and_clinic_holds_at_confirmation(client, clinic):
    post(client, clinic, 1, email="mette@example.dk")
    first = link_path()
    post(client, clinic, 2, email="Mette@Example.dk")  # a second text before confirming the first
    second = link_path()
    assert first != second and Review.objects.count() == 2
    assert client.post(first).status_code == 200
    page = client.post(second).content.decode()
    assert "Du har allerede anmeldt klinikken" in page
    statuses = sorted(Review.objects.values_list("status", flat=True))
    assert statuses == ["pending", "rejected"]
    assert (
        Review.objects.get(status="rejected").rejection_reason == reviews.DUPLICATE_AT_CONFIRMATION
    )


def test_the_database_refuses_a_second_confirmed_review(clinic):
    Review.objects.create(
        clinic=clinic,
        rating=4,
        text="a",
        text_hash="a",
        author_name="A",
        email="a@example.dk",
        status="published",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            clinic=clinic,
            rating=2,
            text="b",
            text_hash="b",
            author_name="A",
            email="A@EXAMPLE.DK",
            status="pending",
        )
    # unconfirmed and rejected ones do not count
    Review.objects.create(
        clinic=clinic,
        rating=2,
        text="c",
        text_hash="c",
        author_name="A",
        email="a@example.dk",
        status="unconfirmed",
    )


def test_opening_the_link_confirms_nothing_the_button_does(client, clinic):
    post(client, clinic, 1)
    path = link_path()
    for _ in range(3):  # a mail scanner or link preview
        assert client.get(path).status_code == 200
    assert Review.objects.get().status == "unconfirmed"
    assert client.post(path).status_code == 200
    assert Review.objects.get().status == "pending"


def old_link(token: str, days: int) -> str:
    """A link signed `days` ago: Django's own signature over a timestamp from then."""
    signer = signing.TimestampSigner(salt=reviews._CONFIRM_SALT)
    stamp = signing.b62_encode(int(time.time()) - days * 86400)
    return signing.Signer.sign(signer, f"{token}{signer.sep}{stamp}")


def test_links_expire_after_seven_days(client, clinic):
    post(client, clinic, 1)
    token = Review.objects.get().token
    fresh = old_link(token, 6)
    stale = old_link(token, 8)
    assert client.get(f"/find-fysioterapeut/anmeldelse/bekraeft/{stale}/").status_code == 410
    assert client.post(f"/find-fysioterapeut/anmeldelse/bekraeft/{stale}/").status_code == 410
    assert Review.objects.get().status == "unconfirmed"
    assert client.post(f"/find-fysioterapeut/anmeldelse/bekraeft/{fresh}/").status_code == 200
    assert Review.objects.get().status == "pending"
    # the raw token alone (the old link form) or a forged signature is no link at all
    assert client.post(f"/find-fysioterapeut/anmeldelse/bekraeft/{token}/").status_code == 404
    forged = fresh[:-3] + ("aaa" if not fresh.endswith("aaa") else "bbb")
    assert client.get(f"/find-fysioterapeut/anmeldelse/bekraeft/{forged}/").status_code == 404


def test_the_answer_does_not_tell_whether_an_address_has_reviewed(client, clinic, make_clinic):
    reviewed = "patient@example.dk"
    post(client, clinic, 1, email=reviewed, REMOTE_ADDR="203.0.113.1")
    client.post(link_path())
    other = make_clinic("andenklinik")
    probes = []
    for n, (target, email) in enumerate(
        [(clinic, reviewed), (clinic, "aldrig@example.dk"), (other, reviewed)]
    ):
        response = post(client, target, 10 + n, email=email, REMOTE_ADDR=f"198.51.100.{n + 1}")
        probes.append((response.status_code, response["Location"].replace(target.slug, "X")))
    assert len(set(probes)) == 1, probes
    # and once the prober is rate-limited, every probe gets the same 429
    limited = [
        post(client, clinic, 30 + n, email=e, REMOTE_ADDR="198.51.100.1").status_code
        for n, e in enumerate([reviewed] * 5 + ["ny@example.dk"])
    ]
    assert limited[-2:] == [429, 429]
