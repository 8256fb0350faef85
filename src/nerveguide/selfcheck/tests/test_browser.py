"""The Symptomtjek in headless Chromium, with and without JavaScript, at 360 px, with axe."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, selector):
    """Click a button of the flow and wait for the next step: a page load without JavaScript,
    the step shown in place (history kept) with it."""
    if page.locator("html[data-selfcheck-js]").count():
        before = page.locator("body").get_attribute("data-selfcheck-step") or "0"
        page.click(selector)
        page.wait_for_function(
            "before => (document.body.getAttribute('data-selfcheck-step') || '0') !== before",
            arg=before,
        )
    else:
        page.click(selector)
        page.wait_for_load_state()


def begin(page, live_server, text=""):
    page.goto(live_server.url + "/symptomtjek/")
    if text:
        page.fill("textarea[name=tekst]", text)
    submit(page, "button[value=start]")


def question_key(page):
    field = page.locator("input[name=sporgsmaal]")
    return field.get_attribute("value") if field.count() else None


def answer_until_done(page, choose):
    for _ in range(30):
        key = question_key(page)
        if key is None:
            return
        page.check(f"input[name=svar][value='{choose(key)}']")
        submit(page, "button[value=svar]")
    raise AssertionError("the questions never ended")


def no_to_all(key, overrides=None):
    overrides = overrides or {}
    if key in overrides:
        return overrides[key]
    return {
        "radiation": "ingen",
        "weakness": "ingen",
        "region": "laend",
        "duration_weeks": "0.5",
        "course": "uaendret",
    }.get(key, "nej")


def test_akut_answer_stops_early_with_javascript(page, live_server):
    page.goto(live_server.url + "/symptomtjek/")
    assert_no_axe_violations(page)  # the start page with the free-text box
    submit(page, "button[value=start]")
    assert_no_axe_violations(page)
    assert page.locator("legend").inner_text().startswith("Har du mistet følelsen i skridtet")
    page.check("input[name=svar][value=ja]")
    submit(page, "button[value=svar]")
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
    submit(page, "button[value=resultat]")
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
    asked, prefilled = [], {}

    def confirm(key):
        # the answers read from the text are pre-selected and marked; the person confirms them
        asked.append(key)
        checked = page.locator("input[name=svar]:checked")
        if checked.count():
            prefilled[key] = checked.get_attribute("value")
            assert page.locator(".prefilled").is_visible()
            return prefilled[key]
        return no_to_all(key)

    answer_until_done(page, confirm)
    assert prefilled.get("fever") == "nej" and prefilled.get("radiation") == "ben"
    assert "region" not in asked and "duration_weeks" not in asked
    submit(page, "button[value=resultat]")
    assert page.locator(".care-card").get_attribute("data-level") == "fysioterapeut"
    assert page.locator("a[href='/find-fysioterapeut/']").first.is_visible()


def test_phone_back_button_returns_to_the_previous_question(mobile_page, live_server):
    # with JavaScript each step is in the history: Back shows the previous question, never a
    # "Confirm Form Resubmission" page
    page = mobile_page
    begin(page, live_server)
    page.check("input[name=svar][value=nej]")
    submit(page, "button[value=svar]")
    assert question_key(page) == "bladder_bowel"
    page.go_back()
    expect(page.locator("input[name=sporgsmaal]")).to_have_value("saddle_anaesthesia")
    assert (
        page.is_checked("input[name=svar][value=nej]")
        or page.locator("input[name=svar]").count() == 3
    )
    page.go_forward()
    expect(page.locator("input[name=sporgsmaal]")).to_have_value("bladder_bowel")
    page.go_back()
    page.go_back()  # back to the start page
    page.wait_for_selector("textarea[name=tekst]")


@pytest.mark.parametrize("javascript", [True, False])
def test_akut_from_text_offers_the_way_back(page, nojs_page, live_server, javascript):
    page = page if javascript else nojs_page
    begin(page, live_server, "Jeg kan ikke mærke noget i skridtet, og ryggen gør ondt.")
    card = page.locator(".care-card")
    card.wait_for()
    assert card.get_attribute("data-level") == "akut"
    assert page.locator("a.call-button[href='tel:112']").is_visible()
    box = page.locator("a.call-button[href='tel:112']").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert "Det kan du gøre imens" not in page.content()
    submit(page, "button[value=opsummering]")
    assert question_key(page) is not None or page.locator("h1").inner_text() == "Dine svar"


def test_keyboard_only(page, live_server):
    begin(page, live_server)
    page.focus("input[name=svar][value=nej]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # Enter submits with the first button, "Næste"
    expect(page.locator("input[name=sporgsmaal]")).to_have_value("bladder_bowel")


def test_no_sideways_scroll_at_360px(mobile_page, live_server):
    page = mobile_page
    begin(page, live_server)
    assert_no_horizontal_scroll(page)
    answer_until_done(page, no_to_all)
    assert_no_horizontal_scroll(page)
    submit(page, "button[value=resultat]")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
