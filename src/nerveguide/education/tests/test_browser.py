"""End to end in headless Chromium: build a handout with and without JavaScript, accessibility."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll

from nerveguide.education.tests.helpers import pdf_text

pytestmark = pytest.mark.browser

PAGES = [
    "/patientuddannelse/",
    "/patientuddannelse/guide/",
    "/patientuddannelse/guide/pixi/",
    "/patientuddannelse/oevelser/",
]


def fill_basic_form(page):
    page.check('input[name="region"][value="laend"]')
    page.check('input[name="version"][value="pixi"]')
    page.check('input[name="exercises"][value="baekkenkip"]')
    page.check('input[name="exercises"][value="knae-til-bryst"]')
    page.fill('input[name="dose-baekkenkip-reps"]', "12")
    page.fill("#id-goals", "Gå 10 minutter hver dag")
    page.fill("#id-clinic_name", "Fysioterapi Østerbro")


def test_build_print_and_download_with_javascript(page, live_server, tmp_path):
    page.goto(live_server.url + "/")
    page.click("text=Lav et patientmateriale")
    fill_basic_form(page)
    assert "2 øvelser" in page.text_content("#exercise-count")

    for slug in ("gaaplan", "iskiasnerve-glider", "arm-ben-loeft", "rund-og-svaj"):
        page.check(f'input[name="exercises"][value="{slug}"]')
    assert "højst 5" in page.text_content("#exercise-count")
    for slug in ("gaaplan", "iskiasnerve-glider", "arm-ben-loeft", "rund-og-svaj"):
        page.uncheck(f'input[name="exercises"][value="{slug}"]')

    # a template and a share link hold the choices, never the goals
    page.fill("#template-name", "Lænd, kort")
    page.click("#template-save")
    assert page.eval_on_selector("#template-list", "el => el.value") == "Lænd, kort"
    stored = page.evaluate("localStorage.getItem('nerveguide.handoutTemplates')")
    assert "baekkenkip" in stored and "minutter" not in stored
    page.click("#share-make")
    link = page.input_value("#share-link")
    assert "exercises=baekkenkip" in link and "goals" not in link
    assert "dose-hagetraek" not in link  # only the chosen exercises' dosage

    page.click("text=Vis og udskriv")
    assert page.is_visible("#print-button")
    assert "Gå 10 minutter hver dag" in page.text_content("article.handout")
    with page.expect_download() as download:
        page.click("text=Hent PDF")
    path = tmp_path / "h.pdf"
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "Bækkenkip" in text and "12 gentagelser" in text and "Fysioterapi Østerbro" in text

    # the saved template brings the choices back on a fresh form
    page.goto(live_server.url + "/patientuddannelse/")
    page.select_option("#template-list", "Lænd, kort")
    page.click("#template-use")
    page.wait_for_url("**/patientuddannelse/?*")
    assert page.is_checked('input[name="exercises"][value="knae-til-bryst"]')
    assert page.input_value('input[name="dose-baekkenkip-reps"]') == "12"
    assert page.input_value("#id-goals") == ""


def test_form_without_javascript_returns_a_pdf(nojs_page, live_server, tmp_path):
    page = nojs_page
    page.goto(live_server.url + "/patientuddannelse/")
    assert page.is_hidden("#handout-templates")
    fill_basic_form(page)
    with page.expect_download() as download:
        page.click("text=Hent PDF")
    path = tmp_path / "h.pdf"
    download.value.save_as(path)
    assert "Gå 10 minutter hver dag" in pdf_text(path.read_bytes())


def test_errors_without_javascript_are_shown_next_to_the_field(nojs_page, live_server):
    page = nojs_page
    page.goto(live_server.url + "/patientuddannelse/")
    page.click("text=Vis og udskriv")  # no exercise chosen
    assert "Vælg mindst én øvelse" in page.text_content("#felt-exercises")


def test_form_with_errors_is_accessible(page, live_server):
    page.goto(live_server.url + "/patientuddannelse/")
    page.click("text=Vis og udskriv")
    assert page.is_visible("#form-errors")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_accessible(page, live_server, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)


def test_print_page_is_accessible(page, live_server):
    page.goto(live_server.url + "/patientuddannelse/")
    fill_basic_form(page)
    page.click("text=Vis og udskriv")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_on_a_phone(mobile_page, live_server, path):
    mobile_page.goto(live_server.url + path)
    assert_no_horizontal_scroll(mobile_page)


def test_print_page_fits_a_phone(mobile_page, live_server):
    mobile_page.goto(live_server.url + "/patientuddannelse/")
    fill_basic_form(mobile_page)
    mobile_page.click("text=Vis og udskriv")
    assert_no_horizontal_scroll(mobile_page)
