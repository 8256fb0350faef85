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
