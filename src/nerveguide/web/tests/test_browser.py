"""Issue 14 in headless Chromium at 360 px: tap-to-call targets, the finder on a phone, trust pages."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll

from nerveguide.clinics import services
from nerveguide.danish.places import read_postcodes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRUST_PAGES = ["/om-nerveguide/", "/kontakt/", "/privatlivspolitik/", "/tilgaengelighed/"]


@pytest.fixture
def clinic_site(live_server, transactional_db):
    services.load_postcodes(read_postcodes())
    services.sync_taxonomy()
    services.load_demo(150)
    row = {
        "slug": "solsiden",
        "name": "Solsiden Fysioterapi",
        "address": "Testvej 1",
        "postcode": "8000",
        "phone": "86123456",
        "booking_url": "https://solsiden.example.dk/book",
        "specialties": "nerve-rodsmerter",
        "treatments": "manuel-terapi",
    }
    report = services.import_rows([(2, row)])
    assert not report.errors, report.errors
    return live_server.url


def tel_link_sizes(page) -> list[tuple[str, float, float]]:
    return page.eval_on_selector_all(
        'a[href^="tel:"]',
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [a.href, r.width, r.height]; })",
    )


@pytest.mark.parametrize("path", ["/", "/?postnummer=8000", "/kontakt/"])
def test_every_tel_link_is_a_44px_target_on_a_phone(mobile_page, live_server, path):
    mobile_page.goto(live_server.url + path)
    sizes = tel_link_sizes(mobile_page)
    assert len(sizes) >= 2
    small = [(href, w, h) for href, w, h in sizes if w < 44 or h < 44]
    assert not small, small
    assert_no_horizontal_scroll(mobile_page)


def test_front_page_postcode_shows_one_number_without_javascript(nojs_page, live_server):
    nojs_page.goto(live_server.url + "/")
    nojs_page.fill("#postnummer", "8000")
    nojs_page.click("button:has-text('Vis nummeret')")
    card = nojs_page.locator("#akut-hjaelp").locator("xpath=..")
    hrefs = card.locator('a[href^="tel:"]').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs == ["tel:112", "tel:+4570113131"]
    assert "Region Midtjylland" in card.inner_text()


def test_clinic_page_and_finder_have_tap_to_call_of_44px(mobile_page, clinic_site):
    mobile_page.goto(f"{clinic_site}/find-fysioterapeut/klinik/solsiden/")
    sizes = [s for s in tel_link_sizes(mobile_page) if "86123456" in s[0]]
    assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes)
    mobile_page.goto(f"{clinic_site}/find-fysioterapeut/?hvor=8000&radius=10")
    ring = mobile_page.locator('.clinic-actions a[href="tel:+4586123456"]')
    box = ring.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    assert "Ring" in ring.inner_text()


def test_demo_clinics_have_no_dialable_numbers(mobile_page, clinic_site):
    mobile_page.goto(f"{clinic_site}/find-fysioterapeut/?hvor=8000&radius=50")
    demo_results = mobile_page.locator(
        ".clinic-results > li", has=mobile_page.locator(".demo-phone")
    )
    assert demo_results.count() > 0
    assert demo_results.locator('a[href^="tel:"]').count() == 0
    assert "ikke et rigtigt nummer" in demo_results.first.inner_text()


def test_finder_on_a_phone_shows_results_first_and_filters_collapsed(mobile_page, clinic_site):
    page = mobile_page
    page.goto(f"{clinic_site}/find-fysioterapeut/")
    page.fill("#id_hvor", "8000")
    page.click("summary")
    page.check("text=Nerve- og rodsmerter")
    page.click("button:has-text('Find klinikker')")
    page.wait_for_selector("#results-heading")
    first_result = page.locator(".clinic-results > li").first.bounding_box()
    form = page.locator("#finder-form").bounding_box()
    assert first_result["y"] < form["y"]
    assert first_result["y"] < page.viewport_size["height"], (
        "the first result is not on the first screen"
    )
    assert page.locator("details.finder-filters").get_attribute("open") is None
    assert "(1 valgt)" in page.locator("details.finder-filters summary").inner_text()
    distances = page.locator(".clinic-results .clinic-meta strong").all_text_contents()
    km = [
        float(d.split()[0].replace(",", ".")) / (1000 if d.endswith(" m") else 1) for d in distances
    ]
    assert km == sorted(km)
    actions = page.locator(".clinic-results > li").first.locator(".clinic-actions")
    assert actions.locator("text=Vis rute").count() == 1
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("path", TRUST_PAGES)
def test_trust_pages_pass_axe_on_a_phone_and_a_desktop(page, mobile_page, live_server, path):
    for p in (page, mobile_page):
        p.goto(live_server.url + path)
        assert_no_axe_violations(p)
    assert_no_horizontal_scroll(mobile_page)


@pytest.mark.parametrize("path", TRUST_PAGES)
def test_trust_pages_need_no_javascript(nojs_page, live_server, path):
    response = nojs_page.goto(live_server.url + path)
    assert response.status == 200
    assert nojs_page.locator("h1").inner_text()
    assert nojs_page.locator("footer a[href='/privatlivspolitik/']").count() == 1


def test_front_page_passes_axe_with_the_postcode_error(page, live_server):
    page.goto(live_server.url + "/?postnummer=9999")
    assert_no_axe_violations(page)


def test_admin_is_in_danish_for_an_editor(page, clinic_site, django_user_model):
    django_user_model.objects.create_superuser("redaktoer", password="hemmelig-kode-123")
    page.goto(f"{clinic_site}/admin/login/")
    page.fill("#id_username", "redaktoer")
    page.fill("#id_password", "hemmelig-kode-123")
    page.click("input[type=submit]")
    assert page.locator("#site-name").inner_text() == "nerveguide – redaktion"
    index = page.locator("#content-main").inner_text().lower()  # captions are upper-cased by CSS
    for name in ("Klinikker og anmeldelser", "Anmeldelser", "Klinikker", "Specialer", "Artikler"):
        assert name.lower() in index
    from nerveguide.clinics.models import Clinic

    page.goto(
        f"{clinic_site}/admin/clinics/clinic/{Clinic.objects.get(slug='solsiden').pk}/change/"
    )
    form_text = page.locator("#clinic_form").inner_text()
    for label in (
        "Navn",
        "Telefon",
        "Link til online booking",
        "Demoklinik",
        "Åbningstider",
        "Sprog",
    ):
        assert label in form_text, label
    assert "Booking url" not in form_text and "Is demo" not in form_text
    assert page.locator("input[type=time]").count() == 28
    page.goto(f"{clinic_site}/admin/clinics/review/")
    # Upper-cased by the admin's CSS; sorted columns carry a sort-priority number.
    headers = [
        " ".join(h.split()).lower() for h in page.locator("#result_list thead th").all_inner_texts()
    ]
    for column in ("Anmeldelse", "Klinik", "Status", "Alder"):
        assert any(h == column.lower() or h.endswith(" " + column.lower()) for h in headers), (
            column,
            headers,
        )


def test_owner_profile_hours_fit_a_phone_and_saving_returns_to_the_profile(
    mobile_page, clinic_site, django_user_model
):
    from nerveguide.clinics.models import Clinic

    user = django_user_model.objects.create_user("ejer", password="hemmelig-kode-123")
    Clinic.objects.get(slug="solsiden").owners.add(user)
    page = mobile_page
    page.goto(f"{clinic_site}/klinik/login/")
    page.fill("#id_username", "ejer")
    page.fill("#id_password", "hemmelig-kode-123")
    page.click("button:has-text('Log ind')")
    page.goto(f"{clinic_site}/klinik/solsiden/rediger/")
    assert page.locator("input[type=time]").count() == 28
    assert_no_horizontal_scroll(page)
    page.fill("#id_hours_man_fra1", "08:00")
    page.fill("#id_hours_man_til1", "16:00")
    page.click("button:has-text('Gem')")
    assert page.url.endswith("/klinik/solsiden/rediger/?gemt=1")
    assert "Ændringerne er gemt." in page.locator("[role=status]").inner_text()
    assert Clinic.objects.get(slug="solsiden").opening_hours["man"] == "08:00-16:00"
