"""End-to-end tests in headless Chromium: search with and without JavaScript, review submission,
accessibility (axe) and no sideways scrolling at 360 px."""

import re
from urllib.parse import urlsplit

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from django.core import mail

from nerveguide.clinics import services
from nerveguide.clinics.models import Clinic, Review
from nerveguide.danish.places import read_postcodes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server, transactional_db):

    services.load_postcodes(read_postcodes())
    services.sync_taxonomy()
    services.load_demo(150)
    return live_server.url


def search_aarhus(page, base):
    page.goto(f"{base}/find-fysioterapeut/")
    page.fill("#id_hvor", "Aarhus C")
    page.select_option("#id_radius", "50")
    page.click("summary")
    page.check("text=Nerve- og rodsmerter")
    page.click("button:has-text('Find klinikker')")
    page.wait_for_selector("#results-heading")


def test_search_without_javascript(nojs_page, demo_site):
    search_aarhus(nojs_page, demo_site)
    heading = nojs_page.text_content("#results-heading")
    assert "inden for 50 km fra 8000 Aarhus C" in heading
    assert nojs_page.locator(".clinic-results > li").count() > 0
    assert nojs_page.is_visible(".demo-banner")
    assert not nojs_page.is_visible("#use-position")  # the geolocation button needs JavaScript
    nojs_page.click(".clinic-results h3 a >> nth=0")
    assert nojs_page.is_visible("h1")
    assert "Nerve- og rodsmerter" in nojs_page.text_content("main")


def test_search_with_javascript_and_position(page, demo_site):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 55.6761, "longitude": 12.5683})
    page.goto(f"{demo_site}/find-fysioterapeut/")
    page.select_option("#id_radius", "25")
    page.click("#use-position")
    page.wait_for_selector("#results-heading")
    assert "fra din position" in page.text_content("#results-heading")
    distances = page.locator(".clinic-results .clinic-meta strong").all_text_contents()
    assert distances, "no results near Copenhagen"


def test_review_submission_in_browser(page, demo_site):
    clinic = Clinic.objects.filter(is_demo=True).order_by("slug").first()
    page.goto(f"{demo_site}{clinic.get_absolute_url()}")
    page.click("text=Skriv en anmeldelse")
    page.check("#id_rating_0")  # 5 stjerner
    page.fill("#id_text", "Grundig undersøgelse, gode øvelser og en klar plan for mit forløb.")
    page.fill("#id_author_name", "Karen")
    page.fill("#id_email", "karen@example.dk")
    page.click("button:has-text('Send anmeldelse')")
    assert page.locator("#id_visit_confirmed_error, .errorlist").count() > 0  # visit not confirmed
    page.check("#id_visit_confirmed")
    page.click("button:has-text('Send anmeldelse')")
    page.wait_for_selector("text=Tak for din anmeldelse")
    link = re.search(r"https?://\S+/bekraeft/\S+/", mail.outbox[-1].body).group(0)
    page.goto(demo_site + urlsplit(link).path)
    assert (
        Review.objects.get(author_name="Karen").status == Review.Status.UNCONFIRMED
    )  # GET: nothing
    page.click("button:has-text('Bekræft min anmeldelse')")
    assert "bekræftet" in page.text_content("h1")
    assert Review.objects.get(author_name="Karen").status == Review.Status.PENDING


def test_accessibility_of_finder_pages(page, demo_site):
    clinic = Clinic.objects.filter(is_demo=True, review_count__gt=0).first()
    urls = [
        "/find-fysioterapeut/",
        "/find-fysioterapeut/?hvor=8000&radius=50&speciale=nerve-rodsmerter",
        clinic.get_absolute_url(),
        f"{clinic.get_absolute_url()}anmeld/",
        "/find-fysioterapeut/saadan-sorterer-vi/",
        "/find-fysioterapeut/anmeldelser/",
    ]
    for url in urls:
        page.goto(demo_site + url)
        assert_no_axe_violations(page)


def test_no_sideways_scroll_at_360px(mobile_page, demo_site):
    clinic = Clinic.objects.filter(is_demo=True, review_count__gt=0).first()
    for url in [
        "/find-fysioterapeut/?hvor=8000&radius=50",
        clinic.get_absolute_url(),
        f"{clinic.get_absolute_url()}anmeld/",
    ]:
        mobile_page.goto(demo_site + url)
        assert_no_horizontal_scroll(mobile_page)
