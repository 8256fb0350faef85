"""Moderation in the Django admin: the review queue, approve/reject with a reason, readers' flags."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from nerveguide.clinics import hours, reviews, taxonomy
from nerveguide.clinics.models import Clinic, Postcode, Review, ReviewFlag, Specialty, TreatmentForm
from nerveguide.clinics.widgets import OpeningHoursField


def age_text(moment, now=None) -> str:
    """How long ago, in whole days, as a moderator reads it: "i dag", "1 dag", "12 dage"."""
    days = ((now or timezone.now()) - moment).days
    if days < 1:
        return "i dag"
    return f"{days} dag" if days == 1 else f"{days} dage"


class ModerationActionForm(ActionForm):
    """The admin action bar with a reason field, which the reject action requires."""

    reason = forms.CharField(required=False, label="Grund (ved afvisning)", max_length=300)


class FlagInline(admin.TabularInline):
    """Readers' flags of a review, shown under it; reason and date are read-only."""

    model = ReviewFlag
    extra = 0
    readonly_fields = ["reason", "created_at"]
    fields = ["reason", "created_at", "resolved"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """The moderation queue: oldest waiting review first, with approve/reject (with a reason) and
    resend-confirmation actions. Reviews are read-only here except the clinic's reply.
    """

    # What a moderator needs in the queue: the text itself, the clinic, the status and how long
    # it has waited (issue 14).
    # (The e-mail's state is a filter, not a column: the review text needs the width.)
    list_display = ["short_text", "clinic", "rating", "status", "age", "open_flags", "held_reason"]
    list_display_links = ["short_text"]
    # held_reason: reviews beyond a clinic's daily count, to read with extra care (issue 17)
    list_filter = [
        "status",
        "held_reason",
        "email_status",
        "rating",
        "created_at",
        "clinic__is_demo",
    ]
    search_fields = ["text", "clinic__name", "author_name"]
    search_help_text = "Søg i anmeldelsens tekst, klinikkens navn og anmelderens fornavn."
    list_select_related = ["clinic"]
    readonly_fields = [
        "clinic",
        "rating",
        "text",
        "rating_explanation",
        "rating_effect",
        "rating_waiting",
        "author_name",
        "email",
        "visit_confirmed",
        "status",
        "created_at",
        "confirmed_at",
        "moderated_at",
        "rejection_reason",
        "email_status",
        "email_attempts",
        "email_error",
        "email_sent_at",
        "held_reason",
    ]
    fields = (*readonly_fields, "reply")
    inlines = [FlagInline]
    action_form = ModerationActionForm
    actions = ["approve", "reject", "resend_confirmation"]
    ordering = ["status", "created_at"]  # oldest waiting review first

    @admin.display(description="Anmeldelse")
    def short_text(self, review):
        """The review text cut to 90 characters for the list."""
        return Truncator(review.text).chars(90)

    @admin.display(description="Alder", ordering="created_at")
    def age(self, review):
        """How long ago the review was written ("i dag", "3 dage")."""
        return age_text(review.created_at)

    @admin.display(description="Åbne anmeldelser fra læsere")
    def open_flags(self, review):
        """The number of unresolved reader flags on the review."""
        return review.flags.filter(resolved=False).count()

    @admin.action(description="Godkend og vis de valgte anmeldelser")
    def approve(self, request, queryset):
        """Publish the selected reviews, skipping unconfirmed ones (reviews.approve)."""
        for review in queryset.exclude(status=Review.Status.UNCONFIRMED):
            reviews.approve(review)
        self.message_user(request, "Godkendt. Ubekræftede anmeldelser er sprunget over.")

    @admin.action(description="Afvis de valgte anmeldelser (skriv en grund)")
    def reject(self, request, queryset):
        """Reject the selected reviews with the reason typed in the action bar; without a reason
        nothing changes.
        """
        reason = request.POST.get("reason", "").strip()
        if not reason:
            self.message_user(request, "Skriv en grund for at afvise.", level=messages.ERROR)
            return
        for review in queryset:
            reviews.reject(review, reason)
        self.message_user(request, "Afvist.")

    @admin.action(description="Send bekræftelses-e-mailen igen (kun ubekræftede)")
    def resend_confirmation(self, request, queryset):
        """Queue the confirmation e-mail again for the selected unconfirmed reviews (the link is
        signed anew, so its age starts again); confirmed ones are skipped.
        """
        queued = 0
        for review in queryset.filter(status=Review.Status.UNCONFIRMED, token__isnull=False):
            link = reviews.link_token(review.token)
            url = request.build_absolute_uri(reverse("clinics:review_confirm", args=[link]))
            queued += reviews.queue_confirmation(review, url)
        self.message_user(
            request, f"{queued} e-mails sat i kø. Bekræftede anmeldelser er sprunget over."
        )

    def has_add_permission(self, request):
        """False: reviews come from patients only."""
        return False  # reviews come from patients only


@admin.register(ReviewFlag)
class ReviewFlagAdmin(admin.ModelAdmin):
    """Readers' flags of reviews, unresolved first; read-only except `resolved`."""

    list_display = ["reason_text", "review", "created_at", "resolved"]
    list_filter = ["resolved", "created_at"]
    search_fields = ["reason", "review__text", "review__clinic__name"]
    list_select_related = ["review__clinic"]

    @admin.display(description="Begrundelse")
    def reason_text(self, flag):
        """The flag's reason cut to 90 characters for the list."""
        return Truncator(flag.reason).chars(90)

    readonly_fields = ["review", "reason", "created_at"]

    def has_add_permission(self, request):
        """False: flags come from readers, on a review."""
        return False  # flags come from readers, on a review; the add form had no review to save


class ClinicAdminForm(forms.ModelForm):
    """The clinic as editors change it. The two JSON fields get the same checks as the import and
    the owners' form: an emptied field is "none" (not NULL, which the columns refuse), and a value
    the pages cannot show (a number, unknown codes, unreadable hours) is a form error."""

    # Proper widgets instead of raw JSON (issue 14): a row per weekday with from/to times, and a
    # checkbox per language; the values are still checked by the clean_* methods below.
    opening_hours = OpeningHoursField(label="Åbningstider", required=False)
    languages = forms.MultipleChoiceField(
        label="Sprog", required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Clinic
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = list(taxonomy.languages().items())

    def clean_languages(self):
        """The language codes as a list ([] when empty); ValidationError for unknown codes or a
        value that is not a list.
        """
        value = self.cleaned_data.get("languages")
        if value in (None, ""):
            return []
        known = taxonomy.languages()
        if not isinstance(value, list) or not all(
            isinstance(code, str) and code in known for code in value
        ):
            raise forms.ValidationError(
                f'Skriv en liste af sprogkoder, fx ["da", "en"]. Kendte koder: {", ".join(map(str, known))}.'
            )
        return value

    def clean_opening_hours(self):
        """The hours normalised by hours.normalise ({} when empty); ValidationError (Danish) for
        a value that is not a weekday -> text mapping or hours that cannot be read.
        """
        value = self.cleaned_data.get("opening_hours")
        if value in (None, ""):
            value = {}
        if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
            raise forms.ValidationError(
                'Skriv åbningstiderne som fx {"man": "08:00-16:00", "lor": ""}.'
            )
        try:
            return hours.normalise(value)
        except hours.HoursError as error:
            raise forms.ValidationError(f"{error}.") from None


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    """Editors' clinic list and form; the derived rating and opening flags are read-only."""

    form = ClinicAdminForm
    list_display = ["name", "postcode", "town", "ydernummer", "review_count", "is_demo"]
    list_filter = ["is_demo", "ydernummer", "wheelchair", "video", "specialties"]
    search_fields = ["name", "slug", "town", "postcode"]
    filter_horizontal = ["specialties", "treatments", "owners"]
    readonly_fields = ["review_count", "rating_sum", "open_evenings", "open_weekends"]


admin.site.register([Postcode, Specialty, TreatmentForm])
