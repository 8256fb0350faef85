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
