"""The site-wide parts: front page, robots.txt, 404, security headers."""

import pytest
from django.core.cache import cache


@pytest.mark.django_db
def test_front_page_shows_the_three_main_paths(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    for href in ('href="/emner/"', 'href="/symptomtjek/"', 'href="/find-fysioterapeut/"'):
        assert href in html
    assert 'role="search"' in html


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp and "nonce" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_danish_404(client):
    response = client.get("/denne-side-findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /symptomtjek/" in text


def test_cache_backend_round_trip():
    # In CI this runs once on the local-memory cache and once on Redis (REDIS_URL).
    cache.set("nerveguide-test-key", {"æøå": 1}, 30)
    assert cache.get("nerveguide-test-key") == {"æøå": 1}
    cache.delete("nerveguide-test-key")
    assert cache.get("nerveguide-test-key") is None


@pytest.mark.django_db
def test_api_errors_django_makes_itself_are_json_too(client, settings):
    """Regression: 405s (and DEBUG's 404 pages) under /api/ were HTML."""
    response = client.delete("/api/selfcheck/")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"} and "POST" in response["Allow"]
    settings.DEBUG = True
    assert client.get("/api/findes-ikke/").json() == {"detail": "Not Found"}


@pytest.mark.django_db
def test_an_oversized_api_body_is_a_json_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/selfcheck/text",
        data='{"text": "' + "a" * 5000 + '"}',
        content_type="application/json",
    )
    assert response.status_code == 400 and "detail" in response.json()


@pytest.mark.django_db
def test_a_form_step_opened_again_is_a_page_with_a_way_on(client):
    """Regression: GET of a self-check step (a restored tab) was an empty 405."""
    response = client.get("/symptomtjek/trin/")
    assert response.status_code == 405
    assert "Start symptomtjekket forfra" in response.content.decode()
