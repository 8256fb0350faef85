"""Site search in headless Chromium: axe, no JavaScript, autocomplete with the keyboard, 360 px."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db, published):
    return live_server.url


@pytest.mark.parametrize("query", ["hvor lang tid varer iskias", "iskjas", "zxqvw"])
def test_results_did_you_mean_and_empty_pages_pass_axe(page, site, query):
    response = page.goto(f"{site}/soeg/?q={query}")
    assert response.status == 200
    assert_no_axe_violations(page)


def test_search_works_without_javascript(nojs_page, site):
    nojs_page.goto(site + "/")
    nojs_page.fill("#site-search", "myrekryb i foden")
    nojs_page.press("#site-search", "Enter")
    nojs_page.wait_for_url("**/soeg/?q=*")
    first = nojs_page.locator(".search-results li").first
    assert first.locator("h2").inner_text() == "Hvordan føles iskias?"
    assert nojs_page.locator("#site-search").input_value() == "myrekryb i foden"
    first.locator("h2 a").click()
    nojs_page.wait_for_url("**/iskias/**")


def test_autocomplete_with_the_keyboard(page, site):
    page.goto(site + "/emner/")
    page.locator("#site-search").press_sequentially("isk", delay=30)
    listbox = page.locator("#site-search-suggestions")
    listbox.locator("li").first.wait_for()
    assert page.locator("#site-search").get_attribute("aria-expanded") == "true"
    assert listbox.locator("li").first.inner_text() == "Iskias"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = listbox.locator("li[aria-selected='true']").inner_text()
    assert page.locator("#site-search").get_attribute("aria-activedescendant") == "suggestion-1"
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?q=*")
    assert page.locator("#site-search").input_value() == chosen
    assert page.locator(".search-results li").count() >= 1


def test_escape_closes_suggestions(page, site):
    page.goto(site + "/soeg/")
    page.locator("#site-search").press_sequentially("hekse", delay=30)
    page.locator("#site-search-suggestions li").first.wait_for()
    page.keyboard.press("Escape")
    assert page.locator("#site-search-suggestions").is_hidden()


@pytest.mark.parametrize("query", ["skuldrene", "zxqvw"])
def test_no_horizontal_scroll_at_360px(mobile_page, site, query):
    mobile_page.goto(f"{site}/soeg/?q={query}")
    assert_no_horizontal_scroll(mobile_page)


def test_red_flag_query_opens_with_the_akut_card(page, site):
    response = page.goto(f"{site}/soeg/?q=kan ikke mærke skridtet")
    assert response.status == 200
    card = page.locator("section.care-card--akut")
    assert card.is_visible()
    # the card comes before the results, with 112 as a tap-to-call link
    assert page.locator("section.care-card--akut ~ ol.search-results").count() == 1
    assert card.locator("a[href='tel:112']").inner_text() == "112"
    assert card.locator("a.phone[href^='tel:']").count() >= 2  # 112 and the lægevagt numbers
    assert (
        page.locator(".search-results li").first.locator("h2").inner_text()
        == "Hvornår skal jeg til lægen?"
    )
    assert_no_axe_violations(page)
    page.goto(f"{site}/soeg/?q=hvor lang tid varer iskias")
    assert page.locator("section.care-card--akut").count() == 0
