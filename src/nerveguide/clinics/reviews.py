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
from django.core import signing
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
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


# A confirmation link works for this long (seconds) after the e-mail was queued; a new one comes
# with every resend. Django's signing (TimestampSigner) carries the time; nothing is stored.
CONFIRM_MAX_AGE = 7 * 24 * 3600
_CONFIRM_SALT = "nerveguide.clinics.review-confirm"
# Why a review waits for a second look (Review.held_reason).
HELD_MANY_FOR_CLINIC = "Mange anmeldelser af klinikken inden for et døgn: læs den ekstra grundigt."


def text_fingerprint(text: str) -> str:
    """The same words in any case or spacing give the same fingerprint."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def client_key(ip: str) -> str:
    """A salted hash, so the rate-limit table never holds an IP address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def within_rate_limit(email: str, ip: str) -> bool:
    """One token from the client address's bucket (PER_IP) and then the e-mail address's
    (PER_EMAIL); False when either is empty. The clinic's bucket never refuses: see
    `held_for_clinic`."""
    return ratelimit.allow(f"review-ip:{client_key(ip)}", ratelimit.PER_IP) and ratelimit.allow(
        f"review-email:{client_key(email.strip().lower())}", ratelimit.PER_EMAIL
    )


def held_for_clinic(clinic: Clinic) -> bool:
    """True when the clinic has had more than PER_CLINIC reviews within a day: the review is
    kept, but held for a closer look (a few addresses must not be able to silence a clinic)."""
    return not ratelimit.allow(f"review-clinic:{clinic.pk}", ratelimit.PER_CLINIC)


def duplicate_of(clinic: Clinic, text: str, email: str) -> str | None:
    """Why this review repeats an earlier one, or None: the same text (any case or spacing) as
    a review of the clinic that was not rejected, or a confirmed review of the clinic from the
    same e-mail address. Never shown to the sender (that would tell anyone whether an address
    has reviewed a clinic); it is for logs and tests."""
    earlier = Review.objects.filter(clinic=clinic).exclude(status=Review.Status.REJECTED)
    if earlier.filter(text_hash=text_fingerprint(text)).exists():
        return "Denne tekst er allerede sendt til klinikken."
    confirmed = earlier.exclude(status=Review.Status.UNCONFIRMED)
    if confirmed.filter(Q(email__iexact=email)).exists():
        return "Denne e-mailadresse har allerede anmeldt klinikken."
    return None


class LinkExpired(Exception):
    """A confirmation link older than CONFIRM_MAX_AGE."""


class LinkInvalid(Exception):
    """A confirmation link that was never ours (bad signature or shape)."""


def link_token(token: str) -> str:
    """The signed, timestamped form of a review's token that goes into the e-mailed link."""
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(token)


def token_from_link(signed: str) -> str:
    """The review token in a link made by `link_token`; raises LinkExpired or LinkInvalid."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        return signer.unsign(signed, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired(signed) from None
    except signing.BadSignature:
        raise LinkInvalid(signed) from None


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
        """The outcome as {"outcome", "email_queued", "message"}, without the review itself."""
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

    Checks, in order: the rate limits per client address and per e-mail address (refused:
    "rate_limited"), a resend of the same unconfirmed review, duplicates ("duplicate": nothing
    saved, and the web answers exactly as for "queued", so nobody learns whether an address has
    reviewed the clinic), then the clinic's daily count (over it: saved, but held).
    Never raises for a mail outage: see `Submission.outcome`.
    """
    clinic = review.clinic
    if not within_rate_limit(review.email, ip):
        return Submission("rate_limited")
    twin = unconfirmed_twin(clinic, review.text, review.email)
    if twin is not None and twin.token is not None:  # the query asks for a token; mypy can't tell
        queued = queue_confirmation(twin, confirm_url_for(link_token(twin.token)))
        return Submission("resent" if queued else "not_sent", twin)
    duplicate = duplicate_of(clinic, review.text, review.email)
    if duplicate:
        return Submission("duplicate", message=duplicate)
    if held_for_clinic(clinic):
        review.held_reason = HELD_MANY_FOR_CLINIC
    review, queued = submit(review, lambda token: confirm_url_for(link_token(token)))
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
        logger.warning(
            # The error's text can name the address: it is kept on the review, not in the log.
            "confirmation e-mail of review %s not sent (attempt %s of %s%s): %s",
            review.pk,
            attempt,
            MAX_ATTEMPTS,
            ", retry queued" if retry else "",
            type(error).__name__,
        )
        raise ConfirmationNotSent(f"review {review.pk}, attempt {attempt}: {error}") from error
    Review.objects.filter(pk=review.pk).update(
        email_attempts=attempt,
        email_status=EmailStatus.SENT,
        email_sent_at=timezone.now(),
        email_error="",
    )
    return "sent"


DUPLICATE_AT_CONFIRMATION = "Samme e-mailadresse har allerede en bekræftet anmeldelse af klinikken."


def confirm(token: str) -> Review | None:
    """Confirm the unconfirmed review with this (raw) token: it goes on to moderation (PENDING).

    Returns the review, or None when no unconfirmed review has the token (used, or never ours).
    One review per e-mail address and clinic holds here too, whatever was submitted before the
    first confirmation: when the address already has a confirmed review of the clinic, this one
    is REJECTED with DUPLICATE_AT_CONFIRMATION (the database constraint
    review_one_per_email_and_clinic decides when two confirmations race).
    """
    review = Review.objects.filter(token=token, status=Review.Status.UNCONFIRMED).first()
    if review is None:
        return None
    review.confirmed_at = timezone.now()
    review.token = None
    try:
        with transaction.atomic():
            review.status = Review.Status.PENDING
            review.save(update_fields=["status", "confirmed_at", "token"])
    except IntegrityError:
        review.status = Review.Status.REJECTED
        review.rejection_reason = DUPLICATE_AT_CONFIRMATION
        review.moderated_at = review.confirmed_at
        review.save(
            update_fields=["status", "confirmed_at", "token", "rejection_reason", "moderated_at"]
        )
    return review


def approve(review: Review) -> None:
    """Publish a review and stamp moderated_at; the clinic's rating follows via the post_save
    signal.
    """
    review.status = Review.Status.PUBLISHED
    review.rejection_reason = ""
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "rejection_reason", "moderated_at"])


def reject(review: Review, reason: str) -> None:
    """Reject a review with the reason given (stripped) and stamp moderated_at.

    Raises ValueError when the reason is empty.
    """
    if not reason.strip():
        raise ValueError("a rejected review needs a reason")
    review.status = Review.Status.REJECTED
    review.rejection_reason = reason.strip()
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "rejection_reason", "moderated_at"])
