"""Cache-Control (shared pages vs. everything else), Referrer-Policy and CSP without a nonce."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from nerveguide.project.caching import PRIVATE, public_value

pytestmark = pytest.mark.django_db

# Pages that are the same for every visitor: public, short-lived.
SHARED = [
    "/",
    "/emner/",
    "/patientuddannelse/guide/",
    "/patientuddannelse/guide/pixi/",
    "/patientuddannelse/oevelser/",
]
# Pages with health data, forms, search text or personal answers: never stored anywhere.
PRIVATE_GETS = [
    "/symptomtjek/",
    "/soeg/?q=iskias",
    "/api/search/?q=iskias",
    "/patientuddannelse/",
    "/find-fysioterapeut/",
    "/klinik/login/",
    "/klinik/glemt-adgangskode/",
    "/?postnummer=8000",
    "/api/selfcheck/questions",
    "/admin/login/",
]


@pytest.mark.parametrize("path", SHARED)
def test_shared_pages_may_be_kept_briefly_by_proxies(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == public_value() == "public, max-age=60, s-maxage=60"
    assert not response.cookies
    assert (
        "nonce" not in response.content.decode()
        and "nonce" not in response["Content-Security-Policy"]
    )


def test_article_is_shared_and_identical_for_every_visitor(client, ingested):
    first, second = client.get("/rodtryk-i-laenden/"), client.get("/rodtryk-i-laenden/")
    assert first["Cache-Control"] == second["Cache-Control"] == public_value()
    assert first.content == second.content
    assert "<script>" not in first.content.decode()  # only JSON-LD data blocks and our own files


@pytest.mark.parametrize("path", PRIVATE_GETS)
def test_personal_pages_are_never_stored(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_logged_in_visitor_never_gets_a_public_answer(client, ingested, django_user_model):
    user = django_user_model.objects.create_user("ejer", password="x")
    client.force_login(user)
    for path in ("/", "/rodtryk-i-laenden/", "/emner/", "/klinik/"):
        assert client.get(path)["Cache-Control"] == PRIVATE, path


def test_form_posts_are_never_stored(client):
    response = client.post("/symptomtjek/", {})
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    response = client.post("/patientuddannelse/udskrift/", {"region": "laend"})
    assert "no-store" in response["Cache-Control"]


def _paths(resolver=None, prefix="/"):
    """One concrete GET path per URL pattern without parameters (admin and API docs aside)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith(("^", "admin")):
            continue
        if isinstance(entry, URLResolver):
            yield from _paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def test_referrer_policy_on_every_page(client, ingested):
    paths = set(_paths()) | {
        "/rodtryk-i-laenden/",
        "/findes-ikke/",
        "/api/search/?q=ryg",
        "/admin/login/",
    }
    assert len(paths) > 15
    for path in sorted(paths):
        response = client.get(path)
        assert response.get("Referrer-Policy") == "same-origin", path
        if response.status_code < 300 and response.get("Content-Type", "").startswith("text/html"):
            assert "nonce" not in response.get("Content-Security-Policy", ""), path
