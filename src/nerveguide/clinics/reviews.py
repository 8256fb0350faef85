"""The review life cycle: submit -> confirm e-mail -> moderation -> published (-> hidden at 2 years).

The confirmation e-mail is sent outside the request by a background task (clinics.tasks) with
retries. The review and its queued e-mail are written in one transaction, so a review is never
lost to a mail outage, and the patient is told "we sent you an e-mail" only when the e-mail was
queued durably (or, with tasks run at once, actually sent).
"""

import datetime as dt
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.tasks import default_task_backend
from django.template.loader import render_to_string
from django.utils import timezone

from nerveguide.clinics import ratelimit
from nerveguide.clinics.models import Clinic, EmailStatus, Review

logger = logging.getLogger(__name__)

# Seconds to wait before attempt 2, 3, ... of a confirmation e-mail; after the last, it is FAILED
# and an editor can send it again from the admin (about nine hours of retries in all).
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class ConfirmationNotSent(Exception):
    """One attempt to send a confirmation e-mail failed (the task's result shows it as failed)."""


DUPLICATE_DAYS = 365


def text_fingerprint(text: str) -> str:
    """The same words in any case or spacing give the same fingerprint."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def client_key(ip: str) -> str:
    """A salted hash, so the rate-limit table never holds an IP address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def within_rate_limit(clinic: Clinic, ip: str) -> bool:
    return ratelimit.allow(f"review-ip:{client_key(ip)}", ratelimit.PER_IP) and ratelimit.allow(
        f"review-clinic:{clinic.pk}", ratelimit.PER_CLINIC
    )


def duplicate_of(clinic: Clinic, text: str, email: str) -> str | None:
    """Why this review repeats an earlier one, or None."""
    earlier = Review.objects.filter(clinic=clinic).exclude(status=Review.Status.REJECTED)
    if earlier.filter(text_hash=text_fingerprint(text)).exists():
        return "Denne tekst er allerede sendt til klinikken."
    since = timezone.now() - timezone.timedelta(days=DUPLICATE_DAYS)
    confirmed = earlier.exclude(status=Review.Status.UNCONFIRMED)
    if confirmed.filter(Q(email__iexact=email), created_at__gte=since).exists():
        return "Du har allerede anmeldt denne klinik inden for det seneste år."
    return None


@dataclass
class Submission:
    """The outcome of `submit_review`.

    outcome: "queued" (new review saved, e-mail queued), "resent" (the same unconfirmed review
    was sent again: its e-mail is queued again), "not_sent" (review saved, e-mail could not be
    queued or sent now), "duplicate" (nothing saved; `message` is the form error) or
    "rate_limited" (nothing saved).
    """

    outcome: str
    review: Review | None = None
    message: str = ""

    @property
    def email_queued(self) -> bool:
        """True when the patient may be told that an e-mail is on its way."""
        return self.outcome in ("queued", "resent")

    def as_dict(self) -> dict:
        return {"outcome": self.outcome, "email_queued": self.email_queued, "message": self.message}


def unconfirmed_twin(clinic: Clinic, text: str, email: str) -> Review | None:
    """An unconfirmed review of `clinic` with the same text from the same address: sending the
    form again means "send me the e-mail again", not a duplicate."""
    return (
        Review.objects.filter(clinic=clinic, status=Review.Status.UNCONFIRMED, token__isnull=False)
        .filter(text_hash=text_fingerprint(text), email__iexact=email)
        .order_by("-created_at")
        .first()
    )


def submit_review(review: Review, ip: str, confirm_url_for: Callable[[str], str]) -> Submission:
    """Save a patient's review (unsaved, with `clinic` and the form's fields set) and queue the
    e-mail with its confirmation link; `confirm_url_for(token)` gives the link's absolute URL.

    Checks, in order: a resend of the same unconfirmed review, duplicates, the rate limits.
    Never raises for a mail outage: see `Submission.outcome`.
    """
    clinic = review.clinic
    twin = unconfirmed_twin(clinic, review.text, review.email)
    if twin is None:
        duplicate = duplicate_of(clinic, review.text, review.email)
        if duplicate:
            return Submission("duplicate", message=duplicate)
    if not within_rate_limit(clinic, ip):
        return Submission("rate_limited")
    if twin is not None:
        queued = queue_confirmation(twin, confirm_url_for(twin.token))
        return Submission("resent" if queued else "not_sent", twin)
    review, queued = submit(review, confirm_url_for)
    return Submission("queued" if queued else "not_sent", review)


def submit(review: Review, confirm_url_for: Callable[[str], str]) -> tuple[Review, bool]:
    """Save an unconfirmed review and queue the e-mail with the link that sends it on to
    moderation. Returns the review and whether the e-mail was queued (see queue_confirmation)."""
    review.token = secrets.token_urlsafe(32)
    review.text_hash = text_fingerprint(review.text)
    review.status = Review.Status.UNCONFIRMED
    review.email_status = EmailStatus.QUEUED
    with transaction.atomic():
        review.save()
        queued = queue_confirmation(review, confirm_url_for(review.token))
    return review, queued


def queue_confirmation(review: Review, confirm_url: str) -> bool:
    """Queue (again) the confirmation e-mail of an unconfirmed review, in one transaction with
    its state. True when it is queued durably, or was sent at once (ImmediateBackend); False
    when it could not be queued or the immediate attempt failed (the review itself is kept)."""
    try:
        with transaction.atomic():
            Review.objects.filter(pk=review.pk).update(
                email_status=EmailStatus.QUEUED, email_attempts=0, email_error=""
            )
            # In the same transaction: the task row (database backend) commits with the review.
            from nerveguide.clinics.tasks import send_review_confirmation

            send_review_confirmation.enqueue(review.pk, confirm_url)
    except DatabaseError as error:
        logger.warning("confirmation e-mail of review %s not queued: %s", review.pk, error)
        Review.objects.filter(pk=review.pk).update(
            email_status=EmailStatus.FAILED, email_error=f"not queued: {error}"[:300]
        )
        review.refresh_from_db()
        return False
    review.refresh_from_db()
    return review.email_status in (EmailStatus.QUEUED, EmailStatus.SENT)


def confirmation_subject(clinic_name: str) -> str:
    """The e-mail subject, on one line whatever the clinic's name holds (a newline in a header
    is refused by Django's mail code, and import accepts names with line breaks)."""
    return " ".join(f"Bekræft din anmeldelse af {clinic_name}".split())


def deliver_confirmation(review_id: int, confirm_url: str) -> str:
    """One attempt to send a review's confirmation e-mail (run by the background task).

    Returns "sent", or "skipped" when there is nothing to send (review gone, confirmed already,
    or e-mail sent already). On failure the attempt and error are recorded on the review, a
    retry is queued after RETRY_DELAYS while attempts remain (status RETRYING, else FAILED),
    and ConfirmationNotSent is raised so the task result shows the failure.
    """
    review = Review.objects.select_related("clinic").filter(pk=review_id).first()
    if (
        review is None
        or review.status != Review.Status.UNCONFIRMED
        or review.email_status == EmailStatus.SENT
    ):
        return "skipped"
    attempt = review.email_attempts + 1
    context = {"review": review, "clinic": review.clinic, "confirm_url": confirm_url}
    try:
        send_mail(
            subject=confirmation_subject(review.clinic.name),
            message=render_to_string("clinics/email/confirm_review.txt", context),
            from_email=None,
            recipient_list=[review.email],
        )
    except Exception as error:  # any failure of the mail backend: SMTP, network, bad header
        retry = attempt < MAX_ATTEMPTS and default_task_backend.supports_defer
        Review.objects.filter(pk=review.pk).update(
            email_attempts=attempt,
            email_status=EmailStatus.RETRYING if retry else EmailStatus.FAILED,
            email_error=f"{type(error).__name__}: {error}"[:300],
        )
        if retry:
            from nerveguide.clinics.tasks import send_review_confirmation

            run_after = timezone.now() + dt.timedelta(seconds=RETRY_DELAYS[attempt - 1])
            send_review_confirmation.using(run_after=run_after).enqueue(review.pk, confirm_url)
        raise ConfirmationNotSent(f"review {review.pk}, attempt {attempt}: {error}") from error
    Review.objects.filter(pk=review.pk).update(
        email_attempts=attempt,
        email_status=EmailStatus.SENT,
        email_sent_at=timezone.now(),
        email_error="",
    )
    return "sent"


def confirm(token: str) -> Review | None:
    review = Review.objects.filter(token=token, status=Review.Status.UNCONFIRMED).first()
    if review:
        review.status = Review.Status.PENDING
        review.confirmed_at = timezone.now()
        review.token = None
        review.save(update_fields=["status", "confirmed_at", "token"])
    return review


def approve(review: Review) -> None:
    review.status = Review.Status.PUBLISHED
    review.rejection_reason = ""
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "rejection_reason", "moderated_at"])


def reject(review: Review, reason: str) -> None:
    if not reason.strip():
        raise ValueError("a rejected review needs a reason")
    review.status = Review.Status.REJECTED
    review.rejection_reason = reason.strip()
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "rejection_reason", "moderated_at"])
