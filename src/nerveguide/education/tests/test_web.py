"""The builder, print page, PDF download, guide and exercise library through Django's test client."""

import logging

import pytest

from nerveguide.education.tests.helpers import pdf_text

FORM = {
    "submitted": "1",
    "region": "laend",
    "version": "pixi",
    "duration": "akut",
    "topics": ["tilstand", "prognose", "egenhaandtering"],
    "exercises": ["baekkenkip", "knae-til-bryst"],
    "dose-baekkenkip-reps": "12",
    "goals": "Gå 10 minutter hver dag",
    "ladder": "Gå 5 min\nGå 10 min\nGå 15 min",
    "clinic_name": "Fysioterapi Østerbro",
    "clinic_contact": "70 11 31 31",
}


def test_builder_page(client):
    response = client.get("/patientuddannelse/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in html
    assert (
        'name="patient' not in html and 'name="navn' not in html
    )  # no field for the patient's name
    for slug in ("baekkenkip", "medianus-glider", "hagetraek"):
        assert f'value="{slug}"' in html
    assert html.count('name="topics"') == 7


def test_share_link_prefills_choices_but_never_personal_text(client):
    url = (
        "/patientuddannelse/?region=nakke&version=pixi&topics=prognose&exercises=hagetraek"
        "&dose-hagetraek-reps=12&goals=hemmeligt&work_notes=hemmeligt&clinic_name=Klinik+A"
    )
    html = client.get(url).content.decode()
    assert 'value="nakke" checked' in html and 'value="pixi" checked' in html
    assert 'value="hagetraek" checked' in html and 'value="12"' in html
    assert 'value="prognose" checked' in html and 'value="job" checked' not in html
    assert "Klinik A" in html and "hemmeligt" not in html


def test_print_page_shows_the_handout_with_escaped_text(client):
    response = client.post(
        "/patientuddannelse/udskrift/", {**FORM, "advice": "<script>alert(1)</script>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Bækkenkip" in html and "2 sæt × 12 gentagelser" in html
    assert "Gå 10 minutter hver dag" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "/static/education/exercises/baekkenkip.svg" in html
    assert 'alt="Streg-tegning' in html
    # the PDF button re-posts the same choices; the "same choices" link carries none of the personal text
    assert 'name="goals" value="Gå 10 minutter hver dag"' in html
    link = html.split('class="button button--secondary" href="')[1].split('"')[0]
    assert "exercises=baekkenkip" in link and "goals" not in link


def test_pdf_download(db, client):
    response = client.post("/patientuddannelse/pdf/", FORM)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="patientmateriale-laend-pixi-'
    )
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Bækkenkip" in text and "12 gentagelser" in text and "Gå 10 minutter hver dag" in text


@pytest.mark.parametrize("url", ["/patientuddannelse/udskrift/", "/patientuddannelse/pdf/"])
def test_bad_choices_come_back_as_the_form_with_errors_next_to_the_fields(client, url):
    bad = {
        **FORM,
        "region": "hals",
        "exercises": ["baekkenkip", "ukendt"],
        "dose-baekkenkip-reps": "999",
        "ladder": "kun et trin",
    }
    response = client.post(url, bad)
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("region", "exercises", "dose-baekkenkip", "ladder"):
        block = html.split(f'id="felt-{field}"')[1][:1500]
        assert 'class="errorlist"' in block, field
    assert "laend, nakke" in html and "gaaplan" in html
    assert "Gå 10 minutter hver dag" in html  # what was typed is kept


def test_six_exercises_are_refused_with_the_reason(client):
    six = [
        "gaaplan",
        "baekkenkip",
        "knae-til-bryst",
        "iskiasnerve-glider",
        "arm-ben-loeft",
        "rund-og-svaj",
    ]
    html = client.post("/patientuddannelse/pdf/", {**FORM, "exercises": six}).content.decode()
    assert "højst 5" in html


def test_overlong_text_in_pdf_request_shows_the_shortened_text_first(db, client):
    response = client.post("/patientuddannelse/pdf/", {**FORM, "goals": "gå " * 100})
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "forkortet" in html
    again = client.post(
        "/patientuddannelse/pdf/",
        {**FORM, "goals": html.split('id="id-goals"')[1].split(">", 1)[1].split("</textarea>")[0]},
    )
    assert again["Content-Type"] == "application/pdf"


def test_nothing_typed_is_logged(db, client, caplog):
    secret = "Hemmeligt-mål-7731"
    with caplog.at_level(logging.DEBUG):
        client.post("/patientuddannelse/pdf/", {**FORM, "goals": secret, "work_notes": secret})
        client.post("/patientuddannelse/udskrift/", {**FORM, "region": "x", "goals": secret})
    assert secret not in caplog.text


def test_get_on_post_only_pages_is_refused(client):
    assert client.get("/patientuddannelse/pdf/").status_code == 405
    assert client.get("/patientuddannelse/udskrift/").status_code == 405


def test_guide_full_and_pixi(client):
    full = client.get("/patientuddannelse/guide/").content.decode()
    pixi = client.get("/patientuddannelse/guide/pixi/").content.decode()
    for html in (full, pixi):
        assert "Jobsituation" in html and "Det kan du sige til patienten" in html
        assert "Det skal du være opmærksom på" in html
    assert "kun til fysioterapeuten" in full and "nociplastisk" in full.lower()
    assert "Nociceptiv smerte" not in pixi
    assert len(pixi) < len(full)


def test_exercise_library(client):
    html = client.get("/patientuddannelse/oevelser/").content.decode()
    for name in (
        "Gåplan",
        "Bækkenkip",
        "Knæ til bryst",
        "Hagetræk",
        "Nerveglidning for armens nerve",
    ):
        assert name in html
    assert html.count("<img") >= 10 and "Kilde:" in html
    assert 'style="' not in html


def test_exercise_drawings_are_served(client):
    response = client.get("/static/education/exercises/baekkenkip.svg")
    assert response.status_code == 200
    assert b"<title>" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
