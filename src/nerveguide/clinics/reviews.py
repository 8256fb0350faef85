"""The review life cycle: submit -> confirm e-mail -> moderation -> published (-> hidden at 2 years)."""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from nerveguide.clinics import ratelimit
from nerveguide.clinics.models import Clinic, Review

DUPLICATE_DAYS = 365


def text_fingerprint(text: str) -> str:
    """The same words in any case or spacing give the same fingerprint."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def client_key(ip: str) -> str:
    """A salted hash, so the rate-limit table never holds an IP address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def within_rate_limit(clinic: Clinic, ip: str) -> bool:
    return (ratelimit.allow(f"review-ip:{client_key(ip)}", ratelimit.PER_IP)
            and ratelimit.allow(f"review-clinic:{clinic.pk}", ratelimit.PER_CLINIC))


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


def submit(review: Review, confirm_url_for) -> Review:
    """Save an unconfirmed review and e-mail the link that sends it on to moderation."""
    review.token = secrets.token_urlsafe(32)
    review.text_hash = text_fingerprint(review.text)
    review.status = Review.Status.UNCONFIRMED
    review.save()
    context = {"review": review, "clinic": review.clinic, "confirm_url": confirm_url_for(review.token)}
    send_mail(
        subject=f"Bekræft din anmeldelse af {review.clinic.name}",
        message=render_to_string("clinics/email/confirm_review.txt", context),
        from_email=None,
        recipient_list=[review.email],
    )
    return review


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
    review.clinic.refresh_rating()


def reject(review: Review, reason: str) -> None:
    if not reason.strip():
        raise ValueError("a rejected review needs a reason")
    review.status = Review.Status.REJECTED
    review.rejection_reason = reason.strip()
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "rejection_reason", "moderated_at"])
    review.clinic.refresh_rating()
