"""The Symptomtjek in headless Chromium, with and without JavaScript, at 360 px, with axe."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def begin(page, live_server, text=""):
    page.goto(live_server.url + "/symptomtjek/")
    if text:
        page.fill("textarea[name=tekst]", text)
    page.click("button[value=start]")


def question_key(page):
    field = page.locator("input[name=sporgsmaal]")
    return field.get_attribute("value") if field.count() else None


def answer_until_done(page, choose):
    for _ in range(30):
        key = question_key(page)
        if key is None:
            return
        page.check(f"input[name=svar][value='{choose(key)}']")
        page.click("button[value=svar]")
    raise AssertionError("the questions never ended")


def no_to_all(key, overrides=None):
    overrides = overrides or {}
    if key in overrides:
        return overrides[key]
    return {"radiation": "ingen", "weakness": "ingen", "region": "laend", "duration_weeks": "0.5", "course": "uaendret"}.get(key, "nej")


def test_akut_answer_stops_early_with_javascript(page, live_server):
    page.goto(live_server.url + "/symptomtjek/")
    assert_no_axe_violations(page)  # the start page with the free-text box
    page.click("button[value=start]")
    assert_no_axe_violations(page)
    assert page.locator("legend").inner_text().startswith("Har du mistet følelsen i skridtet")
    page.check("input[name=svar][value=ja]")
    page.click("button[value=svar]")
    card = page.locator(".care-card")
    assert card.get_attribute("data-level") == "akut"
    assert "Søg hjælp nu" in card.inner_text()
    assert page.locator("a[href='tel:112']").first.is_visible()
    assert page.locator(".js-print").is_visible()  # the print button appears only with JavaScript
    assert_no_axe_violations(page)


def ved_ikke_path(page, live_server, check_axe):
    begin(page, live_server)
    answer_until_done(page, lambda key: no_to_all(key, {"fever": "ved_ikke"}))
    assert page.locator("h1").inner_text() == "Dine svar"
    if check_axe:
        assert_no_axe_violations(page)
    page.fill("input[name=postnummer]", "2100")
    page.click("button[value=resultat]")
    card = page.locator(".care-card")
    assert card.get_attribute("data-level") == "laege_i_dag"
    assert "1813" in card.inner_text()
    assert "Du ved ikke, om du har feber" in page.content()
    if check_axe:
        assert_no_axe_violations(page)


def test_ved_ikke_path_without_javascript(nojs_page, live_server):
    # axe needs JavaScript in the page, so it runs in the test below
    ved_ikke_path(nojs_page, live_server, check_axe=False)
    assert not nojs_page.locator(".js-print").is_visible()


def test_ved_ikke_path_with_javascript_is_axe_clean(page, live_server):
    ved_ikke_path(page, live_server, check_axe=True)


def test_back_and_change_answer_without_javascript(nojs_page, live_server):
    page = nojs_page
    begin(page, live_server)
    page.check("input[name=svar][value=nej]")
    page.click("button[value=svar]")
    page.click("button[value=tilbage]")
    assert question_key(page) == "saddle_anaesthesia"
    assert page.is_checked("input[name=svar][value=nej]")
    page.click("button[value=svar]")
    answer_until_done(page, no_to_all)
    page.click("button[value='ret:night_pain']")
    page.check("input[name=svar][value=ja]")
    page.click("button[value=svar]")
    page.click("button[value=resultat]")
    assert page.locator(".care-card").get_attribute("data-level") == "laege"


def test_free_text_prefills_and_asks_the_rest(page, live_server):
    begin(page, live_server, "Ondt i lænden med udstråling ned i højre ben i 3 uger. Ingen feber.")
    asked = []
    answer_until_done(page, lambda key: asked.append(key) or no_to_all(key))
    assert "fever" in asked and "radiation" not in asked
    page.click("button[value=resultat]")
    assert page.locator(".care-card").get_attribute("data-level") == "fysioterapeut"
    assert page.locator("a[href='/find-fysioterapeut/']").first.is_visible()


def test_keyboard_only(page, live_server):
    begin(page, live_server)
    page.focus("input[name=svar][value=nej]")
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter submits with the first button, "Næste"
    assert question_key(page) == "bladder_bowel"


def test_no_sideways_scroll_at_360px(mobile_page, live_server):
    page = mobile_page
    begin(page, live_server)
    assert_no_horizontal_scroll(page)
    answer_until_done(page, no_to_all)
    assert_no_horizontal_scroll(page)
    page.click("button[value=resultat]")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
