"""Clinics, their specialties and treatment forms, reviews, flags, owners and rate-limit buckets."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from nerveguide.clinics import hours, ranking

REVIEW_VISIBLE_DAYS = 2 * 365  # reviews older than two years are hidden automatically


class Postcode(models.Model):
    """A postcode or a range of them (København K is 1000-1499) with the town's centre."""

    first = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField()
    town = models.CharField(max_length=60, db_index=True)
    lat = models.FloatField()
    lon = models.FloatField()
    region = models.CharField(max_length=40)

    class Meta:
        ordering = ["first"]

    def __str__(self):
        code = f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
        return f"{code} {self.town}"


class Specialty(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self):
        return self.name


class TreatmentForm(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Clinic(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text="Stable key for import/export.")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=200)
    postcode = models.CharField(max_length=4)
    town = models.CharField(max_length=60)
    lat = models.FloatField()
    lon = models.FloatField()
    phone = models.CharField(max_length=8, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=300, blank=True)
    booking_url = models.URLField(max_length=300, blank=True)
    opening_hours = models.JSONField(default=dict, blank=True)
    ydernummer = models.BooleanField(
        default=False, help_text="Overenskomst med regionen: tilskud med henvisning fra lægen.")
    wheelchair = models.BooleanField(default=False)
    video = models.BooleanField(default=False)
    languages = models.JSONField(default=list, blank=True)
    price_first = models.PositiveIntegerField(null=True, blank=True)
    price_followup = models.PositiveIntegerField(null=True, blank=True)
    specialties = models.ManyToManyField(Specialty, blank=True, related_name="clinics")
    treatments = models.ManyToManyField(TreatmentForm, blank=True, related_name="clinics")
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="clinics")
    is_demo = models.BooleanField(default=False, help_text="Fictional clinic from the demo data set.")
    # Derived from opening_hours on save, so the filters run in SQL.
    open_evenings = models.BooleanField(default=False, editable=False)
    open_weekends = models.BooleanField(default=False, editable=False)
    # Derived from published, visible reviews (refresh_rating); sorting reads them without a join.
    review_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            # The radius search's bounding-box prefilter: a range on lat, lon checked inside the index.
            # The other columns make it covering: the search reads no table rows at all (see
            # docs/benchmarks.md). "id" is listed for PostgreSQL (SQLite indexes hold the rowid anyway);
            # without it PostgreSQL must visit the table for every candidate.
            models.Index(fields=["lat", "lon", "ydernummer", "wheelchair", "video", "open_evenings",
                                 "open_weekends", "review_count", "rating_sum", "id"], name="clinic_search_v2"),
        ]

    def __str__(self):
        return f"{self.name}, {self.town}"

    def get_absolute_url(self):
        return reverse("clinics:clinic", args=[self.slug])

    def save(self, *args, **kwargs):
        self.opening_hours = hours.normalise(self.opening_hours or {})
        self.open_evenings = hours.open_evenings(self.opening_hours)
        self.open_weekends = hours.open_weekends(self.opening_hours)
        super().save(*args, **kwargs)

    @property
    def mean_rating(self):
        return ranking.mean_rating(self.rating_sum, self.review_count)

    def tags(self) -> dict[str, list[str]]:
        """Specialty and treatment names; set in bulk by services.attach_tags for result lists."""
        if not hasattr(self, "_tags"):
            attach_tags([self])
        return self._tags

    def refresh_rating(self):
        stats = Review.objects.visible().filter(clinic=self).aggregate(n=Count("id"), total=Sum("rating"))
        Clinic.objects.filter(pk=self.pk).update(review_count=stats["n"], rating_sum=stats["total"] or 0)
        self.review_count, self.rating_sum = stats["n"], stats["total"] or 0


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """Published and not older than two years: what patients see and what ratings count."""
        cutoff = timezone.now() - dt.timedelta(days=REVIEW_VISIBLE_DAYS)
        return self.filter(status=Review.Status.PUBLISHED, created_at__gte=cutoff)


class EmailStatus(models.TextChoices):
    """Where a review's confirmation e-mail is ("" for reviews that never needed one)."""

    QUEUED = "queued", "I kø"
    SENT = "sent", "Sendt"
    RETRYING = "retrying", "Fejlede, prøver igen"
    FAILED = "failed", "Fejlede, send igen"


class Review(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Venter på bekræftelse af e-mail"
        PENDING = "pending", "Venter på moderation"
        PUBLISHED = "published", "Offentliggjort"
        REJECTED = "rejected", "Afvist"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField()
    text = models.TextField()
    rating_explanation = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_effect = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_waiting = models.PositiveSmallIntegerField(null=True, blank=True)
    author_name = models.CharField(max_length=60)
    email = models.EmailField(help_text="Only for the confirmation link; never shown.")
    visit_confirmed = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.UNCONFIRMED)
    rejection_reason = models.CharField(max_length=300, blank=True)
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    text_hash = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(blank=True)
    reply_at = models.DateTimeField(null=True, blank=True)
    # The confirmation e-mail, sent by a background task (clinics.tasks) with retries; editors
    # see its state in the admin and can send it again.
    email_status = models.CharField(max_length=10, choices=EmailStatus, blank=True, default="")
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True, help_text="The last failed attempt.")
    email_sent_at = models.DateTimeField(null=True, blank=True)
    # Why a moderator must look twice (clinics.reviews.HELD_*); "" for the ordinary review.
    held_reason = models.CharField(max_length=200, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["clinic", "status", "created_at"], name="review_clinic_status")]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_5"),
            # One confirmed review per e-mail address (any case) and clinic: confirming a second
            # one fails here even when two confirmations race (clinics.reviews.confirm).
            models.UniqueConstraint(
                Lower("email"), F("clinic"),
                condition=Q(status__in=["pending", "published"]),
                name="review_one_per_email_and_clinic",
            ),
        ]

    def __str__(self):
        return f"{self.rating}★ {self.clinic.name} ({self.get_status_display()})"

    def dimensions(self):
        return [(label, value) for label, value in (
            ("Forklaring", self.rating_explanation),
            ("Effekt", self.rating_effect),
            ("Ventetid", self.rating_waiting),
        ) if value]


class ReviewFlag(models.Model):
    """A reader's report of a review ("Anmeld anmeldelse"); handled in the admin."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["resolved", "-created_at"]

    def __str__(self):
        return f"Anmeldelse af #{self.review_id}"


class RateBucket(models.Model):
    """A token bucket for the database rate limiter (see ratelimit.py)."""

    key = models.CharField(max_length=200, unique=True)
    tokens = models.FloatField()
    updated = models.FloatField(help_text="Unix time of the last update.")


_TAG_CACHE: dict[str, dict] = {}


def tag_ids(model) -> dict[str, int]:
    """slug -> id of a taxonomy table, cached per process (the tables change only on deploy)."""
    return {slug: pk for pk, (slug, _) in _tag_table(model).items()}


def _tag_table(model) -> dict[int, tuple[str, str]]:
    key = model._meta.label
    if key not in _TAG_CACHE:
        _TAG_CACHE[key] = {pk: (slug, name) for pk, slug, name in model.objects.values_list("id", "slug", "name")}
    return _TAG_CACHE[key]


def forget_tags() -> None:
    _TAG_CACHE.clear()


def attach_tags(clinics) -> None:
    """Give each clinic its specialty and treatment names with one small indexed query per kind.

    (A prefetch joins the tag table first and can scan the whole link table on SQLite.)
    """
    by_id = {clinic.pk: clinic for clinic in clinics}
    for clinic in clinics:
        clinic._tags = {"specialties": [], "treatments": []}
    for key, model, column in (("specialties", Specialty, "specialty_id"),
                               ("treatments", TreatmentForm, "treatmentform_id")):
        table = _tag_table(model)
        through = getattr(Clinic, key).through
        links = through.objects.filter(clinic_id__in=list(by_id)).order_by().values_list("clinic_id", column)
        for clinic_id, item_id in links:
            if item_id not in table:  # added since the cache was filled
                forget_tags()
                table = _tag_table(model)
            by_id[clinic_id]._tags[key].append(table[item_id][1])
    for clinic in clinics:
        for names in clinic._tags.values():
            names.sort()
