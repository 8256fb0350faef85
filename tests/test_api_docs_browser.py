"""/api/docs in Chromium under the site's Content-Security-Policy (issue 10 item 12).

It was blank: django-ninja loaded Swagger UI from a CDN, which `script-src 'self'` blocks. With
"ninja" in INSTALLED_APPS it comes from django-ninja's own static files.
"""

import pytest

pytestmark = pytest.mark.browser


def test_api_docs_render_under_our_csp(live_server, page, transactional_db):
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "nerveguide API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() >= 5  # the operations are listed
    assert not refused, refused
