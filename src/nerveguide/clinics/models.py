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

    first = models.PositiveIntegerField(verbose_name="første postnummer", unique=True)
    last = models.PositiveIntegerField(verbose_name="sidste postnummer")
    town = models.CharField(verbose_name="by", max_length=60, db_index=True)
    lat = models.FloatField(verbose_name="breddegrad")
    lon = models.FloatField(verbose_name="længdegrad")
    region = models.CharField(verbose_name="region", max_length=40)

    class Meta:
        verbose_name = "postnummer"
        verbose_name_plural = "postnumre"
        ordering = ["first"]

    def __str__(self):
        code = f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
        return f"{code} {self.town}"


class Specialty(models.Model):
    """A physiotherapy specialty a clinic can have (rows kept in sync with data/taxonomy.yaml)."""

    slug = models.SlugField(verbose_name="nøgle", unique=True)
    name = models.CharField(verbose_name="navn", max_length=80)

    class Meta:
        verbose_name = "speciale"
        verbose_name_plural = "specialer"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TreatmentForm(models.Model):
    """A treatment form a clinic offers (rows kept in sync with data/taxonomy.yaml)."""

    slug = models.SlugField(verbose_name="nøgle", unique=True)
    name = models.CharField(verbose_name="navn", max_length=80)

    class Meta:
        verbose_name = "behandlingsform"
        verbose_name_plural = "behandlingsformer"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Clinic(models.Model):
    """One physiotherapy clinic in the finder, imported by slug or edited by its owners.

    lat/lon are degrees (WGS84); prices are whole kroner; phone is 8 digits without +45;
    opening_hours is {"man": "08:00-16:00", ...} (see hours.py). open_evenings/open_weekends are
    derived from it on save; review_count/rating_sum are derived from visible reviews by
    refresh_rating.
    """

    slug = models.SlugField(
        verbose_name="nøgle",
        max_length=80,
        unique=True,
        help_text="Fast nøgle til import og eksport.",
    )
    name = models.CharField(verbose_name="navn", max_length=120)
    address = models.CharField(verbose_name="adresse", max_length=200)
    postcode = models.CharField(verbose_name="postnummer", max_length=4)
    town = models.CharField(verbose_name="by", max_length=60)
    lat = models.FloatField(verbose_name="breddegrad")
    lon = models.FloatField(verbose_name="længdegrad")
    phone = models.CharField(verbose_name="telefon", max_length=8, blank=True)
    email = models.EmailField(verbose_name="e-mail", blank=True)
    website = models.URLField(verbose_name="hjemmeside", max_length=300, blank=True)
    booking_url = models.URLField(
        verbose_name="link til online booking", max_length=300, blank=True
    )
    opening_hours = models.JSONField(verbose_name="åbningstider", default=dict, blank=True)
    ydernummer = models.BooleanField(
        verbose_name="ydernummer",
        default=False,
        help_text="Overenskomst med regionen: tilskud med henvisning fra lægen.",
    )
    wheelchair = models.BooleanField(verbose_name="adgang med kørestol", default=False)
    video = models.BooleanField(verbose_name="video-konsultation", default=False)
    languages = models.JSONField(verbose_name="sprog", default=list, blank=True)
    price_first = models.PositiveIntegerField(
        verbose_name="pris for første konsultation (kr.)", null=True, blank=True
    )
    price_followup = models.PositiveIntegerField(
        verbose_name="pris for opfølgende konsultation (kr.)", null=True, blank=True
    )
    specialties = models.ManyToManyField(
        Specialty, verbose_name="specialer", blank=True, related_name="clinics"
    )
    treatments = models.ManyToManyField(
        TreatmentForm, verbose_name="behandlingsformer", blank=True, related_name="clinics"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="ejere (login)", blank=True, related_name="clinics"
    )
    is_demo = models.BooleanField(
        verbose_name="demoklinik", default=False, help_text="Opdigtet klinik fra demodata."
    )
    # Derived from opening_hours on save, so the filters run in SQL.
    open_evenings = models.BooleanField(
        verbose_name="åbent om aftenen", default=False, editable=False
    )
    open_weekends = models.BooleanField(
        verbose_name="åbent i weekenden", default=False, editable=False
    )
    # Derived from published, visible reviews (refresh_rating); sorting reads them without a join.
    review_count = models.PositiveIntegerField(
        verbose_name="antal anmeldelser", default=0, editable=False
    )
    rating_sum = models.PositiveIntegerField(
        verbose_name="sum af stjerner", default=0, editable=False
    )
    updated_at = models.DateTimeField(verbose_name="opdateret", auto_now=True)
    # Set per instance by attach_tags (a declaration only: tags() checks hasattr).
    _tags: dict[str, list[str]]

    class Meta:
        verbose_name = "klinik"
        verbose_name_plural = "klinikker"
        ordering = ["name"]
        indexes = [
            # The radius search's bounding-box prefilter: a range on lat, lon checked inside the index.
            # The other columns make it covering: the search reads no table rows at all (see
            # docs/benchmarks.md). "id" is listed for PostgreSQL (SQLite indexes hold the rowid anyway);
            # without it PostgreSQL must visit the table for every candidate.
            models.Index(
                fields=[
                    "lat",
                    "lon",
                    "ydernummer",
                    "wheelchair",
                    "video",
                    "open_evenings",
                    "open_weekends",
                    "review_count",
                    "rating_sum",
                    "id",
                ],
                name="clinic_search_v2",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.town}"

    def get_absolute_url(self):
        """The public clinic page, /find-fysioterapeut/klinik/<slug>/ (URL name clinics:clinic)."""
        return reverse("clinics:clinic", args=[self.slug])

    def save(self, *args, **kwargs):
        """Normalise opening_hours and derive the evening/weekend flags, then save.

        Raises hours.HoursError if the opening hours cannot be read.
        """
        self.opening_hours = hours.normalise(self.opening_hours or {})
        self.open_evenings = hours.open_evenings(self.opening_hours)
        self.open_weekends = hours.open_weekends(self.opening_hours)
        super().save(*args, **kwargs)

    @property
    def mean_rating(self):
        """Mean stars (stored rating_sum / review_count) to one decimal, or None without reviews."""
        return ranking.mean_rating(self.rating_sum, self.review_count)

    def tags(self) -> dict[str, list[str]]:
        """Specialty and treatment names; set in bulk by services.attach_tags for result lists."""
        if not hasattr(self, "_tags"):
            attach_tags([self])
        return self._tags

    def refresh_rating(self):
        """Recount review_count and rating_sum from the visible reviews and store both."""
        stats = (
            Review.objects.visible()
            .filter(clinic=self)
            .aggregate(n=Count("id"), total=Sum("rating"))
        )
        Clinic.objects.filter(pk=self.pk).update(
            review_count=stats["n"], rating_sum=stats["total"] or 0
        )
        self.review_count, self.rating_sum = stats["n"], stats["total"] or 0


class ReviewQuerySet(models.QuerySet):
    """Review queries; adds visible()."""

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
    """A patient's review of a clinic: 1-5 stars overall, optional 1-5 stars for explanation, effect
    and waiting time, a text and the clinic's reply.

    It is shown only when PUBLISHED and under two years old (ReviewQuerySet.visible); the e-mail
    address is never shown: it receives the confirmation link and allows one review per address
    and clinic.
    """

    class Status(models.TextChoices):
        """A review's life: unconfirmed (waiting for the e-mail link) -> pending (moderation) ->
        published or rejected.
        """

        UNCONFIRMED = "unconfirmed", "Venter på bekræftelse af e-mail"
        PENDING = "pending", "Venter på moderation"
        PUBLISHED = "published", "Offentliggjort"
        REJECTED = "rejected", "Afvist"

    clinic = models.ForeignKey(
        Clinic, verbose_name="klinik", on_delete=models.CASCADE, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(verbose_name="stjerner")
    text = models.TextField(verbose_name="anmeldelse")
    rating_explanation = models.PositiveSmallIntegerField(
        verbose_name="forklaring (stjerner)", null=True, blank=True
    )
    rating_effect = models.PositiveSmallIntegerField(
        verbose_name="effekt (stjerner)", null=True, blank=True
    )
    rating_waiting = models.PositiveSmallIntegerField(
        verbose_name="ventetid (stjerner)", null=True, blank=True
    )
    author_name = models.CharField(verbose_name="fornavn", max_length=60)
    email = models.EmailField(
        verbose_name="e-mail", help_text="Kun til bekræftelseslinket; vises aldrig."
    )
    visit_confirmed = models.BooleanField(verbose_name="har været patient", default=False)
    status = models.CharField(
        verbose_name="status", max_length=12, choices=Status, default=Status.UNCONFIRMED
    )
    rejection_reason = models.CharField(
        verbose_name="grund til afvisning", max_length=300, blank=True
    )
    token = models.CharField(
        verbose_name="bekræftelsesnøgle", max_length=64, unique=True, null=True, blank=True
    )
    text_hash = models.CharField(
        verbose_name="tekstens fingeraftryk", max_length=64, db_index=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name="skrevet", default=timezone.now)
    confirmed_at = models.DateTimeField(verbose_name="bekræftet", null=True, blank=True)
    moderated_at = models.DateTimeField(verbose_name="modereret", null=True, blank=True)
    reply = models.TextField(verbose_name="klinikkens svar", blank=True)
    reply_at = models.DateTimeField(verbose_name="svaret", null=True, blank=True)
    # The confirmation e-mail, sent by a background task (clinics.tasks) with retries; editors
    # see its state in the admin and can send it again.
    email_status = models.CharField(
        verbose_name="e-mailens status", max_length=10, choices=EmailStatus, blank=True, default=""
    )
    email_attempts = models.PositiveSmallIntegerField(
        verbose_name="forsøg på at sende e-mail", default=0
    )
    email_error = models.CharField(
        verbose_name="fejl ved e-mail",
        max_length=300,
        blank=True,
        help_text="Det seneste mislykkede forsøg.",
    )
    email_sent_at = models.DateTimeField(verbose_name="e-mail sendt", null=True, blank=True)
    # Why a moderator must look twice (clinics.reviews.HELD_*); "" for the ordinary review.
    held_reason = models.CharField(verbose_name="holdt tilbage fordi", max_length=200, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "anmeldelse"
        verbose_name_plural = "anmeldelser"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["clinic", "status", "created_at"], name="review_clinic_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_5"
            ),
            # One confirmed review per e-mail address (any case) and clinic: confirming a second
            # one fails here even when two confirmations race (clinics.reviews.confirm).
            models.UniqueConstraint(
                Lower("email"),
                F("clinic"),
                condition=Q(status__in=["pending", "published"]),
                name="review_one_per_email_and_clinic",
            ),
        ]

    def __str__(self):
        return f"{self.rating}★ {self.clinic.name} ({self.get_status_display()})"

    def dimensions(self):
        """The sub-ratings given, as [(Danish label, stars 1-5)]; ratings left out are omitted."""
        return [
            (label, value)
            for label, value in (
                ("Forklaring", self.rating_explanation),
                ("Effekt", self.rating_effect),
                ("Ventetid", self.rating_waiting),
            )
            if value
        ]


class ReviewFlag(models.Model):
    """A reader's report of a review ("Anmeld anmeldelse"); handled in the admin."""

    review = models.ForeignKey(
        Review, verbose_name="anmeldelse", on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.TextField(verbose_name="begrundelse", max_length=1000)
    created_at = models.DateTimeField(verbose_name="indberettet", default=timezone.now)
    resolved = models.BooleanField(verbose_name="behandlet", default=False)

    class Meta:
        verbose_name = "indberetning af anmeldelse"
        verbose_name_plural = "indberetninger af anmeldelser"
        ordering = ["resolved", "-created_at"]

    def __str__(self):
        return f"Anmeldelse af #{self.review_id}"


class RateBucket(models.Model):
    """A token bucket for the database rate limiter (see ratelimit.py)."""

    key = models.CharField(verbose_name="nøgle", max_length=200, unique=True)
    tokens = models.FloatField(verbose_name="tilbage")
    updated = models.FloatField(
        verbose_name="opdateret", help_text="Unix-tid for seneste opdatering."
    )

    class Meta:
        verbose_name = "hastighedsgrænse"
        verbose_name_plural = "hastighedsgrænser"


_TAG_CACHE: dict[str, dict] = {}


def tag_ids(model) -> dict[str, int]:
    """slug -> id of a taxonomy table, cached per process (the tables change only on deploy)."""
    return {slug: pk for pk, (slug, _) in _tag_table(model).items()}


def _tag_table(model) -> dict[int, tuple[str, str]]:
    key = model._meta.label
    if key not in _TAG_CACHE:
        _TAG_CACHE[key] = {
            pk: (slug, name) for pk, slug, name in model.objects.values_list("id", "slug", "name")
        }
    return _TAG_CACHE[key]


def forget_tags() -> None:
    """Empty the per-process taxonomy cache (after the Specialty/TreatmentForm tables change)."""
    _TAG_CACHE.clear()


def attach_tags(clinics) -> None:
    """Give each clinic its specialty and treatment names with one small indexed query per kind.

    (A prefetch joins the tag table first and can scan the whole link table on SQLite.)
    """
    by_id = {clinic.pk: clinic for clinic in clinics}
    for clinic in clinics:
        clinic._tags = {"specialties": [], "treatments": []}
    for key, model, column in (
        ("specialties", Specialty, "specialty_id"),
        ("treatments", TreatmentForm, "treatmentform_id"),
    ):
        table = _tag_table(model)
        through = getattr(Clinic, key).through
        links = (
            through.objects.filter(clinic_id__in=list(by_id))
            .order_by()
            .values_list("clinic_id", column)
        )
        for clinic_id, item_id in links:
            if item_id not in table:  # added since the cache was filled
                forget_tags()
                table = _tag_table(model)
            by_id[clinic_id]._tags[key].append(table[item_id][1])
    for clinic in clinics:
        for names in clinic._tags.values():
            names.sort()
