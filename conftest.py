"""Fixtures shared by every app's tests: paths to ../shared, and a headless Chromium page.

Browser tests use Debian's Chromium (/usr/bin/chromium) through Playwright. Locally they skip
with a notice when it is missing; with REQUIRE_BROWSER=1 (CI) a missing browser is a failure.
Tests that read ../shared skip without it, and fail with REQUIRE_SHARED=1 (CI).
"""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis (and schemathesis, which runs on it): random locally, so every run tries new input;
# derandomised when CI is set (.ci/run sets it), so CI gives the same answer run after run. A
# fault found either way is kept as an explicit @example or regression test with the right value.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")

REPO_ROOT = Path(__file__).resolve().parent
SHARED_DIR = Path(os.environ.get("NERVEGUIDE_SHARED", REPO_ROOT.parent / "shared"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: on Redis (CI) entries would outlive the test."""
    from django.core.cache import cache

    from nerveguide.content import pagecache

    cache.clear()
    pagecache.clear_local()  # the per-process page copies (generations repeat across test databases)
    yield


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        message = f"shared data not found at {SHARED_DIR} (set NERVEGUIDE_SHARED)"
        if os.environ.get("REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_DIR


@pytest.fixture(scope="session")
def content_dir() -> Path:
    return REPO_ROOT / "content"


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"no Chromium at {CHROMIUM}: install Debian's 'chromium' to run browser tests"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests still use the DB.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, **options):
    context = browser.new_context(locale="da-DK", **options)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser):
    context, page = _new_page(browser, viewport={"width": 360, "height": 740})
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser):
    """JavaScript off: every page must work without it (axe needs JavaScript, so not here)."""
    context, page = _new_page(browser, java_script_enabled=False)
    yield page
    context.close()


def assert_no_axe_violations(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) on the page and fail with a readable list."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in violations
    )


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (
        f"page scrolls sideways by {overflow}px at {page.viewport_size['width']}px"
    )
