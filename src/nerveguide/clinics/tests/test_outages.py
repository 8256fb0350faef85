"""Outages never give a 500 and never lose a review (issue "Never a 500", item 6).

Regressions: with Redis down, article pages, /emner/ and review submission answered 500; with
SMTP down (or a clinic name holding a newline) submitting a review answered 500, left the review
unconfirmed with no e-mail, and sending the form again was refused as a duplicate.

Redis and SMTP are made unreachable for real: their settings point at a local port nobody
listens on. The e-mail tasks run in the database backend (django-tasks-db) and its own worker
command (`db_worker --batch`), as in production.
"""

import logging
import re
import socket

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nerveguide.clinics import reviews
from nerveguide.clinics.models import EmailStatus, Review
from nerveguide.content.ingest import ingest_directory

from .test_reviews import GOOD, confirm_link, submit

THANKS = "Vi har sendt dig en e-mail"


def closed_port() -> int:
    """A local TCP port with nothing listening on it (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def clinic(make_clinic):
    return make_clinic("nerveklinikken")


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "nerveguide.cache"
    return url


@pytest.fixture
def smtp_down(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }


def smtp_back(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks are stored in the database and run by the worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes connections that are not in autocommit mode (as after each task in
# production), so tests that run it need committed data: transactional tests.
worker_test = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0
    )


def let_retries_fall_due() -> None:
    """What waiting for RETRY_DELAYS does: the queued retries become ready to run."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


# --- Redis ------------------------------------------------------------------------------------


def test_pages_are_served_with_redis_down(client, db, redis_down, content_dir, caplog):
    ingest_directory(content_dir)
    with caplog.at_level(logging.WARNING, logger="nerveguide.cache"):
        for _ in range(2):  # the second request would be replayed from the cache
            assert client.get("/iskias/").status_code == 200
            assert client.get("/emner/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "nerveguide.cache"]
    assert warnings and all(r.levelname == "WARNING" and not r.exc_info for r in warnings)
    assert "cache unavailable" in warnings[0].getMessage()


def test_review_submission_works_with_redis_down(client, clinic, redis_down, caplog):
    with caplog.at_level(logging.WARNING):
        response = submit(client, clinic)
    assert response.status_code == 302
    assert Review.objects.get().email_status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert any("rate limit kept in the database" in r.getMessage() for r in caplog.records)


# --- SMTP, tasks in the database (production) -----------------------------------------------


@worker_test
def test_smtp_down_review_saved_queued_and_retried(
    client, clinic, database_tasks, smtp_down, settings
):
    response = submit(client, clinic)
    assert response.status_code == 302  # queued durably: "we sent you an e-mail" is true
    assert THANKS in client.get(response["Location"]).content.decode()
    review = Review.objects.get()
    assert (review.status, review.email_status) == (Review.Status.UNCONFIRMED, EmailStatus.QUEUED)
    assert DBTaskResult.objects.count() == 1

    run_worker()  # SMTP refuses: the attempt fails, a retry is queued for later
    review.refresh_from_db()
    assert review.email_status == EmailStatus.RETRYING and review.email_attempts == 1
    assert "ConnectionRefusedError" in review.email_error
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    later = DBTaskResult.objects.get(status="READY")
    assert later.run_after > timezone.now()
    run_worker()  # not due yet: nothing runs
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    smtp_back(settings)
    let_retries_fall_due()
    run_worker()
    review.refresh_from_db()
    assert review.email_status == EmailStatus.SENT and review.email_attempts == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mette@example.dk"]
    assert client.post(confirm_link().split("testserver", 1)[1]).status_code == 200
    assert Review.objects.get().status == Review.Status.PENDING


@worker_test
def test_retries_stop_after_the_last_attempt_and_editors_see_it(
    client, clinic, database_tasks, smtp_down, settings
):
    submit(client, clinic)
    for _ in range(reviews.MAX_ATTEMPTS):
        let_retries_fall_due()
        run_worker()
    review = Review.objects.get()
    assert review.email_status == EmailStatus.FAILED
    assert review.email_attempts == reviews.MAX_ATTEMPTS
    assert not DBTaskResult.objects.filter(status="READY").exists()

    editor = User.objects.create_superuser("redaktoer", "r@example.dk", "hemmelig-kode-123")
    client.force_login(editor)
    listing = client.get(
        "/admin/clinics/review/", {"email_status__exact": "failed"}
    ).content.decode()
    assert "Fejlede, send igen" in listing and "nerveklinikken" in listing.lower()
    tasks = client.get("/admin/django_tasks_database/dbtaskresult/", {"status__exact": "FAILED"})
    assert tasks.status_code == 200 and "send_review_confirmation" in tasks.content.decode()

    smtp_back(settings)
    client.post(
        "/admin/clinics/review/",
        {"action": "resend_confirmation", "_selected_action": [review.pk], "reason": ""},
    )
    assert Review.objects.get().email_status == EmailStatus.QUEUED
    run_worker()
    assert Review.objects.get().email_status == EmailStatus.SENT and len(mail.outbox) == 1
    client.logout()
    assert client.get(confirm_link().split("testserver", 1)[1]).status_code == 200  # a valid link


@worker_test
def test_clinic_name_with_a_newline(client, clinic, database_tasks):
    clinic.name = "Nerve\nklinikken"
    clinic.save()
    assert submit(client, clinic).status_code == 302
    run_worker()
    assert Review.objects.get().email_status == EmailStatus.SENT
    assert mail.outbox[0].subject == "Bekræft din anmeldelse af Nerve klinikken"


# --- SMTP, tasks run at once (development) ---------------------------------------------------


def test_smtp_down_immediate_tasks_tell_the_truth_and_resend_works(
    client, clinic, smtp_down, settings
):
    response = submit(client, clinic)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Din anmeldelse er gemt" in page and THANKS not in page
    review = Review.objects.get()
    assert review.email_status == EmailStatus.FAILED and review.status == Review.Status.UNCONFIRMED

    smtp_back(settings)
    again = submit(client, clinic)  # the same review again: the e-mail is sent, no duplicate
    assert again.status_code == 302
    assert Review.objects.count() == 1
    assert Review.objects.get().email_status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert re.search(r"/bekraeft/\S+/", mail.outbox[0].body)


def test_same_text_from_another_address_is_still_a_duplicate(client, clinic):
    submit(client, clinic)
    response = submit(client, clinic, email="anden@example.dk")
    # the same answer as for a new review (issue 17: no oracle), but nothing is kept
    assert response.status_code == 302 and response["Location"].endswith("/anmeld/tak/")
    assert Review.objects.count() == 1


def test_submit_review_result(clinic):
    review = Review(
        clinic=clinic, rating=4, text=GOOD["text"], author_name="Mette", email="m@example.dk"
    )
    result = reviews.submit_review(
        review, "127.0.0.1", lambda token: f"https://example.dk/bekraeft/{token}/"
    )
    assert result.as_dict() == {"outcome": "queued", "email_queued": True, "message": ""}
