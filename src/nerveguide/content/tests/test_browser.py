"""Article page, topic overview, 404 and front page in headless Chromium: axe, keyboard, 360 px, no JS."""

import pytest
from conftest import assert_no_axe_violations, assert_no_horizontal_scroll

from nerveguide.content.ingest import ingest_directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
          shadow: style.boxShadow !== 'none'};
}"""


@pytest.fixture
def site(live_server, articles_dir):
    assert ingest_directory(articles_dir).errors == 0
    return live_server.url


@pytest.mark.parametrize(
    "path", ["/rodtryk-i-laenden/", "/oevelser-for-laenden/", "/emner/", "/findes-ikke/", "/"]
)
def test_pages_pass_axe(page, site, path):
    response = page.goto(site + path)
    assert response.status == (404 if path == "/findes-ikke/" else 200)
    assert_no_axe_violations(page)


def test_keyboard_focus_is_visible_and_toc_links_work(page, site):
    page.goto(site + "/rodtryk-i-laenden/")
    for _ in range(3):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert focus["tag"] == "A" and (focus["outline"] or focus["shadow"]), focus
    page.click(".toc a[href='#ofte-stillede-spoergsmaal']")
    assert page.url.endswith("#ofte-stillede-spoergsmaal")
    assert page.locator("#ofte-stillede-spoergsmaal").is_visible()


@pytest.mark.parametrize("path", ["/rodtryk-i-laenden/", "/emner/", "/nerverod-fagligt/"])
def test_no_horizontal_scroll_at_360px(mobile_page, site, path):
    mobile_page.goto(site + path)
    assert_no_horizontal_scroll(mobile_page)


def test_article_works_without_javascript(nojs_page, site):
    nojs_page.goto(site + "/rodtryk-i-laenden/")
    assert nojs_page.locator("h1").inner_text() == "Rodtryk i lænden"
    card = nojs_page.locator(".care-card--akut")
    assert card.is_visible() and card.locator("a[href='tel:112']").is_visible()
    nojs_page.click("a[href='/oevelser-for-laenden/']")
    assert nojs_page.locator("h1").inner_text() == "Øvelser for lænden"
