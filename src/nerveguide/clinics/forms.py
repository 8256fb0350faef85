"""Forms for the finder, reviews, flags and the clinic owners' pages."""

import re

from django import forms

from nerveguide.clinics import hours, rows, taxonomy
from nerveguide.clinics.models import Clinic, Review, ReviewFlag, Specialty, TreatmentForm
from nerveguide.clinics.services import DEFAULT_RADIUS_KM, RADII_KM
from nerveguide.clinics.widgets import DayHoursWidget

HALF_SPAN = re.compile(r"(^|,)\s*-|-\s*(,|$)")

SORT_CHOICES = [("distance", "Afstand"), ("rating", "Bedømmelse"), ("reviews", "Antal anmeldelser")]
STARS = [(n, f"{n} {'stjerne' if n == 1 else 'stjerner'}") for n in range(5, 0, -1)]
REVIEW_TEXT_MIN, REVIEW_TEXT_MAX = 30, 2000


class SearchForm(forms.Form):
    """The finder's GET form (Danish parameter names, shared with the API): a place (hvor) or
    lat/lon in degrees, radius in km (one of RADII_KM), filters, sort order and page (side).
    """

    hvor = forms.CharField(label="Postnummer eller by", max_length=60, required=False)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=54, max_value=58)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=7, max_value=16)
    radius = forms.TypedChoiceField(
        label="Afstand",
        coerce=int,
        required=False,
        choices=[(r, f"{r} km") for r in RADII_KM],
        initial=DEFAULT_RADIUS_KM,
    )
    speciale = forms.MultipleChoiceField(
        label="Speciale", required=False, widget=forms.CheckboxSelectMultiple
    )
    behandling = forms.MultipleChoiceField(
        label="Behandling", required=False, widget=forms.CheckboxSelectMultiple
    )
    ydernummer = forms.BooleanField(label="Ydernummer (tilskud med henvisning)", required=False)
    koerestol = forms.BooleanField(label="Adgang med kørestol", required=False)
    video = forms.BooleanField(label="Video-konsultation", required=False)
    aften = forms.BooleanField(label="Åbent om aftenen (efter kl. 18)", required=False)
    weekend = forms.BooleanField(label="Åbent i weekenden", required=False)
    sorter = forms.ChoiceField(label="Sortér efter", choices=SORT_CHOICES, required=False)
    side = forms.IntegerField(
        required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speciale"].choices = list(taxonomy.specialties().items())
        self.fields["behandling"].choices = list(taxonomy.treatments().items())


def _dimension(label: str) -> forms.TypedChoiceField:
    """An optional 1-5 rating of one side of the visit."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Vil ikke svare"), *STARS],
        coerce=int,
        required=False,
        empty_value=None,
    )


class ReviewForm(forms.ModelForm):
    """A patient's review: 1-5 stars, 30-2000 characters of text, optional sub-ratings, first
    name, e-mail and the "was a patient in the last 12 months" box; `homepage` is a honeypot.
    """

    rating = forms.TypedChoiceField(
        label="Din samlede bedømmelse",
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Vælg, hvor mange stjerner du giver klinikken (1 til 5)."},
    )
    text = forms.CharField(
        label="Din anmeldelse",
        min_length=REVIEW_TEXT_MIN,
        max_length=REVIEW_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Skriv din anmeldelse: fortæl kort om dit forløb på klinikken.",
            "min_length": f"Skriv lidt mere: anmeldelsen skal være mindst {REVIEW_TEXT_MIN} tegn "
            "(du har skrevet %(show_value)d).",
            "max_length": f"Anmeldelsen er for lang: højst {REVIEW_TEXT_MAX} tegn (du har skrevet %(show_value)d).",
        },
        help_text=f"Fortæl om dit forløb. Mindst {REVIEW_TEXT_MIN} og højst {REVIEW_TEXT_MAX} tegn. "
        "Skriv ikke navne på personale eller andre patienter.",
    )
    rating_explanation = _dimension("Fik du en god forklaring?")
    rating_effect = _dimension("Hjalp behandlingen?")
    rating_waiting = _dimension("Var ventetiden i orden?")
    visit_confirmed = forms.BooleanField(
        label="Jeg har været patient på klinikken inden for de sidste 12 måneder.",
        required=True,
        error_messages={
            "required": "Du kan kun anmelde en klinik, du selv har besøgt det seneste år."
        },
    )
    # Honeypot: hidden from people with CSS; robots fill it in. See views.review_create.
    homepage = forms.CharField(label="Lad dette felt stå tomt", required=False, max_length=200)

    class Meta:
        model = Review
        fields = [
            "rating",
            "text",
            "rating_explanation",
            "rating_effect",
            "rating_waiting",
            "author_name",
            "email",
            "visit_confirmed",
        ]
        labels = {
            "author_name": "Dit fornavn (vises ved anmeldelsen)",
            "email": "Din e-mail (vises ikke)",
        }
        help_texts = {
            "email": "Vi sender et link, som du skal klikke på, før vi læser anmeldelsen."
        }
        # Each error says what is missing, next to its field (not Django's "Dette felt er påkrævet.").
        error_messages = {
            "author_name": {
                "required": "Skriv dit fornavn. Det står ved anmeldelsen.",
                "max_length": "Dit fornavn må højst være %(limit_value)d tegn.",
            },
            "email": {
                "required": "Skriv din e-mailadresse, så vi kan sende dig linket. Den bliver ikke vist.",
                "invalid": "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.",
            },
        }


class FlagForm(forms.ModelForm):
    """A reader's reason for reporting a review (at most 1000 characters)."""

    class Meta:
        model = ReviewFlag
        fields = ["reason"]
        labels = {"reason": "Hvad er der galt med anmeldelsen?"}
        widgets = {"reason": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}


class ReplyForm(forms.ModelForm):
    """The clinic owner's public reply to a review."""

    class Meta:
        model = Review
        fields = ["reply"]
        labels = {"reply": "Klinikkens svar"}
        widgets = {"reply": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_reply(self):
        """The reply stripped; ValidationError above 2000 characters. An empty reply removes it."""
        reply = self.cleaned_data["reply"].strip()
        if len(reply) > 2000:
            raise forms.ValidationError("Svaret må højst være 2000 tegn.")
        return reply


class ClinicProfileForm(forms.ModelForm):
    """What a clinic may change itself. Name, address and position are changed by the editors."""

    phone = forms.CharField(label="Telefon (8 cifre)", required=False, max_length=20)
    languages = forms.MultipleChoiceField(
        label="Sprog", required=False, widget=forms.CheckboxSelectMultiple
    )
    specialties = forms.ModelMultipleChoiceField(
        Specialty.objects.all(),
        label="Specialer",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    treatments = forms.ModelMultipleChoiceField(
        TreatmentForm.objects.all(),
        label="Behandlingsformer",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Clinic
        fields = [
            "phone",
            "email",
            "website",
            "booking_url",
            "ydernummer",
            "wheelchair",
            "video",
            "languages",
            "price_first",
            "price_followup",
            "specialties",
            "treatments",
        ]
        labels = {
            "phone": "Telefon (8 cifre)",
            "email": "E-mail",
            "website": "Hjemmeside",
            "booking_url": "Link til online booking",
            "ydernummer": "Ydernummer (overenskomst)",
            "wheelchair": "Adgang med kørestol",
            "video": "Video-konsultation",
            "price_first": "Pris for første konsultation (kr.)",
            "price_followup": "Pris for opfølgende konsultation (kr.)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = list(taxonomy.languages().items())
        for day in hours.WEEKDAYS:
            # A row per weekday with from/to times (widgets.py); posted as the import's text format.
            self.fields[f"hours_{day}"] = forms.CharField(
                label=hours.WEEKDAY_NAMES[day],
                required=False,
                max_length=60,
                initial=self.instance.opening_hours.get(day, ""),
                widget=DayHoursWidget(day),
            )

    def hours_fields(self):
        """The seven weekday rows, for the template's hours table."""
        return [self[f"hours_{day}"] for day in hours.WEEKDAYS]

    def other_fields(self):
        """The form's fields other than the seven weekday hours rows, for the template."""
        return [field for field in self if not field.name.startswith("hours_")]

    def _shared(self, check, name: str, *args) -> str:
        """Run the import's validator (rows.py), so the form and the import accept the same values."""
        try:
            return check(self.cleaned_data.get(name) or "", *args)
        except rows.ValueProblem as problem:
            raise forms.ValidationError(str(problem)[:1].upper() + str(problem)[1:] + ".") from None

    def clean_email(self):
        """The address as the import stores it (rows.clean_email); ValidationError if invalid."""
        return self._shared(rows.clean_email, "email")

    def clean_website(self):
        """An http(s) address as the import stores it ("www.x.dk" -> "https://www.x.dk");
        ValidationError if invalid.
        """
        return self._shared(rows.clean_website, "website", "website")

    def clean_booking_url(self):
        """The booking address, checked like the website (rows.clean_website)."""
        return self._shared(rows.clean_website, "booking_url", "booking_url")

    def clean_phone(self):
        """The phone number as its ASCII digits only ("" when none); ValidationError unless there
        are exactly 8 (so "+45 ..." is refused).
        """
        # ASCII digits only: "²" and Arabic-Indic digits pass isdigit() but are not phone digits.
        digits = "".join(ch for ch in self.cleaned_data["phone"] if ch in "0123456789")
        if digits and len(digits) != 8:
            raise forms.ValidationError("Et dansk telefonnummer har 8 cifre.")
        return digits

    def clean(self):
        """Check each weekday's hours with hours.parse_day; errors go on that day's row."""
        cleaned = super().clean()
        for day in hours.WEEKDAYS:
            try:
                hours.parse_day(cleaned.get(f"hours_{day}", ""))
            except hours.HoursError as error:
                message = str(error)
                if HALF_SPAN.search(
                    cleaned.get(f"hours_{day}", "")
                ):  # a from without a to, or the reverse
                    message = "skriv både et fra- og et til-klokkeslæt, eller lad begge stå tomme for lukket"
                self.add_error(f"hours_{day}", f"{hours.WEEKDAY_NAMES[day]}: {message}.")
        return cleaned

    def save(self, commit=True):
        """Write the seven weekday rows into opening_hours, then save as a ModelForm does."""
        self.instance.opening_hours = {
            day: self.cleaned_data.get(f"hours_{day}", "") for day in hours.WEEKDAYS
        }
        return super().save(commit)
