"""Issue 14: clinic pages and forms as patients and owners use them."""

import re

import pytest

from nerveguide.clinics.models import Clinic


@pytest.fixture
def clinic(make_clinic):
    return make_clinic(
        "solsiden", phone="86 12 34 56", booking_url="https://solsiden.example.dk/book"
    )


# What a browser sends for the untouched form: empty selects and the empty honeypot.
EMPTY_FORM = {"rating_explanation": "", "rating_effect": "", "rating_waiting": "", "homepage": ""}


def test_empty_review_form_says_what_is_missing_next_to_each_field(client, clinic):
    response = client.post(f"/find-fysioterapeut/klinik/{clinic.slug}/anmeld/", EMPTY_FORM)
    html = response.content.decode()
    assert "Dette felt er påkrævet" not in html
    expected = {
        "rating": "Vælg, hvor mange stjerner",
        "text": "Skriv din anmeldelse",
        "author_name": "Skriv dit fornavn",
        "email": "Skriv din e-mailadresse",
        "visit_confirmed": "kun anmelde en klinik, du selv har besøgt",
    }
    for field, message in expected.items():
        assert message in html, field
    # Next to its field: the text field's error sits between its label and its input.
    label, error, field = (
        html.index('for="id_text"'),
        html.index("Skriv din anmeldelse"),
        html.index('id="id_text"'),
    )
    assert label < error < field
    assert (
        'aria-describedby="id_text_helptext id_text_error"' in html
        and 'id="id_text_helptext"' in html
    )


def test_too_short_review_says_how_many_characters(client, clinic):
    response = client.post(
        f"/find-fysioterapeut/klinik/{clinic.slug}/anmeld/", {**EMPTY_FORM, "text": "Godt"}
    )
    assert "mindst 30 tegn (du har skrevet 4)" in response.content.decode()


def test_real_clinic_phone_is_a_tel_link(client, clinic):
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert '<a href="tel:+4586123456">86 12 34 56</a>' in html


def test_demo_clinic_phone_is_visibly_fake_and_not_dialable(client, demo_clinics):
    clinic = Clinic.objects.filter(is_demo=True).exclude(phone="").first()
    assert clinic.phone.startswith("0000")
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "opdigtet demonummer" in html
    assert "tel:" not in html.split("<footer")[0].replace('href="tel:112"', "")
    assert '"telephone"' not in html
    assert all(c.phone.startswith("0000") for c in Clinic.objects.filter(is_demo=True))


def test_demo_data_has_booking_links(demo_clinics):
    assert Clinic.objects.filter(is_demo=True).exclude(booking_url="").exists()
    assert re.match(r"^https://", Clinic.objects.exclude(booking_url="").first().booking_url)


def test_finder_shows_results_before_the_collapsed_filters_with_call_route_and_booking(
    client, clinic
):
    response = client.get(
        "/find-fysioterapeut/",
        {"hvor": "8000", "radius": "10", "speciale": "nerve-rodsmerter", "ydernummer": ""},
    )
    html = response.content.decode()
    assert html.index('id="results-heading"') < html.index('id="finder-form"')
    assert '<details class="finder-filters">' in html  # closed
    assert "(1 valgt)" in html and "Ret søgningen (1 filter valgt)" in html
    item = html[html.index('<ol class="results clinic-results">') :]
    assert '<a class="button" href="tel:+4586123456">Ring 86 12 34 56' in item
    assert (
        "https://www.google.com/maps/dir/?api=1&amp;destination=Testvej+1%2C+8000+Aarhus+C%2C+Danmark"
        in item
    )
    assert 'href="https://solsiden.example.dk/book"' in item and "Book tid" in item


def test_finder_result_without_booking_link_has_no_book_button(client, make_clinic):
    make_clinic("uden-booking", phone="86 00 00 01")
    html = client.get("/find-fysioterapeut/", {"hvor": "8000", "radius": "10"}).content.decode()
    assert "Vis rute" in html and "Book tid" not in html
    assert "valgt)" not in html


@pytest.fixture
def owner(client, clinic, django_user_model):
    user = django_user_model.objects.create_user("ejer", password="hemmelig-kode-123")
    clinic.owners.add(user)
    client.force_login(user)
    return clinic


def profile(**changes):
    data = {"phone": "86 12 34 56", "languages": ["da"], "specialties": [], "treatments": []}
    return {**data, **changes}


def test_owner_returns_to_the_profile_with_a_clear_confirmation(client, owner):
    url = f"/klinik/{owner.slug}/rediger/"
    response = client.post(url, profile(hours_man_fra1="08:00", hours_man_til1="16:00"))
    assert response.status_code == 302 and response.url == f"{url}?gemt=1"
    html = client.get(response.url).content.decode()
    assert "Ændringerne er gemt." in html and 'role="status"' in html
    assert "Ændringerne er gemt." not in client.get(url).content.decode()


def test_owner_hours_are_a_row_per_weekday_with_from_and_to(client, owner):
    url = f"/klinik/{owner.slug}/rediger/"
    client.post(
        url,
        profile(
            hours_man_fra1="08:00",
            hours_man_til1="12:00",
            hours_man_fra2="13:00",
            hours_man_til2="19:30",
            hours_lor_fra1="09:00",
            hours_lor_til1="12:00",
        ),
    )
    owner.refresh_from_db()
    assert owner.opening_hours["man"] == "08:00-12:00, 13:00-19:30"
    assert owner.opening_hours["tir"] == "" and owner.open_evenings and owner.open_weekends
    html = client.get(url).content.decode()
    assert html.count('type="time"') == 7 * 4
    assert 'name="hours_man_fra2" id="id_hours_man_fra2" value="13:00"' in html
    assert 'aria-label="Lørdag fra"' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours_tir_fra1": "08:00"}, "Tirsdag: skriv både et fra- og et til-klokkeslæt"),
        ({"hours_tir_til1": "16:00"}, "Tirsdag: skriv både et fra- og et til-klokkeslæt"),
        ({"hours_ons_fra1": "16:00", "hours_ons_til1": "08:00"}, "Onsdag: åbningstiden"),
        ({"hours_fre": "hele dagen"}, "Fredag: kan ikke læse åbningstiden"),
    ],
)
def test_owner_hours_are_checked_like_the_import(client, owner, changes, message):
    response = client.post(f"/klinik/{owner.slug}/rediger/", profile(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    owner.refresh_from_db()
    assert owner.opening_hours.get("tir", "") == ""


def test_a_day_with_more_spans_than_the_row_keeps_them_in_a_text_field(client, owner):
    owner.opening_hours = {"man": "07-09, 10-12, 13-18"}
    owner.save()
    html = client.get(f"/klinik/{owner.slug}/rediger/").content.decode()
    assert (
        'name="hours_man" id="id_hours_man" value="07:00-09:00, 10:00-12:00, 13:00-18:00"' in html
    )
    client.post(
        f"/klinik/{owner.slug}/rediger/", profile(hours_man="07:00-09:00, 10:00-12:00, 13:00-18:00")
    )
    owner.refresh_from_db()
    assert owner.opening_hours["man"] == "07:00-09:00, 10:00-12:00, 13:00-18:00"


def test_admin_clinic_form_has_hour_rows_and_language_checkboxes(client, clinic, django_user_model):
    from django.forms.models import model_to_dict

    from nerveguide.clinics.admin import ClinicAdminForm

    editor = django_user_model.objects.create_superuser("redaktoer", password="hemmelig-kode-123")
    client.force_login(editor)
    html = client.get(f"/admin/clinics/clinic/{clinic.pk}/change/").content.decode()
    assert html.count('type="time"') == 7 * 4
    assert 'type="checkbox" name="languages" value="da"' in html
    assert "<textarea" not in html.split('name="opening_hours')[0][-300:]

    data = {k: v for k, v in model_to_dict(clinic).items() if v is not None}
    data.update(
        specialties=[s.pk for s in data["specialties"]],
        treatments=[t.pk for t in data["treatments"]],
        owners=[],
        languages=["da", "en"],
        opening_hours_man_fra1="07:30",
        opening_hours_man_til1="18:30",
    )
    data.pop("opening_hours")
    form = ClinicAdminForm(data, instance=clinic)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opening_hours"]["man"] == "07:30-18:30"
    assert form.cleaned_data["languages"] == ["da", "en"]
    bad = ClinicAdminForm({**data, "opening_hours_tir_fra1": "08:00"}, instance=clinic)
    assert not bad.is_valid() and "Tirsdag" in str(bad.errors["opening_hours"])


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktoer", password="hemmelig-kode-123")
    client.force_login(user)
    return user


ENGLISH_LEFTOVERS = (
    "Django administration",
    "Ret clinic",
    "Valgte owners",
    "Is demo",
    "Specialtys",
    "Booking url",
    "Treatment forms",
    "Rate buckets",
    "Review flags",
)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/clinics/clinic/",
        "/admin/clinics/review/",
        "/admin/clinics/reviewflag/",
        "/admin/content/article/",
    ],
)
def test_admin_pages_are_in_danish(client, editor, clinic, path):
    html = client.get(path).content.decode()
    assert "nerveguide – redaktion" in html
    for english in ENGLISH_LEFTOVERS:
        assert english not in html, english


def test_admin_clinic_change_page_labels_are_danish(client, editor, clinic):
    html = client.get(f"/admin/clinics/clinic/{clinic.pk}/change/").content.decode()
    for label in (
        "Ret klinik",
        "Link til online booking:",
        "Demoklinik",
        "Ejere (login)",
        "Åbningstider:",
        "Sprog:",
    ):
        assert label in html, label


def test_moderation_queue_shows_text_clinic_status_and_age(client, editor, clinic):
    import datetime as dt

    from django.utils import timezone

    from nerveguide.clinics.models import Review

    Review.objects.create(
        clinic=clinic,
        rating=4,
        text="Grundig undersøgelse og gode øvelser til ryggen. " * 4,
        author_name="Anne",
        email="anne@example.dk",
        status="pending",
        text_hash="x",
        created_at=timezone.now() - dt.timedelta(days=3),
    )
    html = client.get("/admin/clinics/review/", {"status__exact": "pending"}).content.decode()
    for column in ("Anmeldelse", "Klinik", "Status", "Alder"):
        assert f">{column}<" in html or f">{column}</a>" in html, column
    assert "Grundig undersøgelse og gode øvelser" in html and "Klinik solsiden" in html
    assert "3 dage" in html and "Venter på moderation" in html
    assert (
        client.get("/admin/clinics/review/", {"q": "gode øvelser"}).content.decode().count("3 dage")
        == 1
    )
    assert 'name="q"' in html and "Søg i anmeldelsens tekst" in html
