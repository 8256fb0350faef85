"""/soeg/, /soeg/forslag/ and /api/search over articles in the database."""

import pytest

from nerveguide.content.models import Article
from nerveguide.content.signals import content_changed
from nerveguide.search import webindex


def test_results_page_shows_title_heading_snippet_and_anchor(client, published):
    response = client.get("/soeg/", {"q": "hvor lang tid varer iskias"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/iskias/#hvor-lang-tid-varer-iskias">Hvor lang tid varer iskias?</a>' in html
    assert 'Fra artiklen <a href="/iskias/">Iskias</a>' in html
    assert "<mark>" in html
    # the header search box keeps the query
    assert 'id="site-search" name="q" type="search" value="hvor lang tid varer iskias"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["Cache-Control"] == "private, no-store"


def test_did_you_mean_links_to_the_corrected_search(client, published):
    html = client.get("/soeg/", {"q": "iskjas"}).content.decode()
    assert 'Mente du <a href="/soeg/?q=iskias">iskias</a>?' in html


def test_empty_result_page_helps(client, published):
    html = client.get("/soeg/", {"q": "zxqvw"}).content.decode()
    assert "Vi fandt ingen artikler om „zxqvw“." in html
    assert 'href="/symptomtjek/"' in html and 'href="/emner/"' in html


def test_no_query_shows_a_search_form(client, published):
    html = client.get("/soeg/").content.decode()
    assert "<h1>Søg i artiklerne</h1>" in html and 'name="q"' in html


def test_query_is_escaped(client, published):
    html = client.get("/soeg/", {"q": '<script>alert("x")</script> hekseskud'}).content.decode()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query", ["", "x" * 10_000, "\x1f nakke", "' OR 1=1 --", "%", "<b>", "a\u202eb", "isk\u200bias"]
)
def test_bad_input_never_fails(client, published, query):
    assert client.get("/soeg/", {"q": query}).status_code == 200
    assert client.get("/soeg/forslag/", {"q": query}).status_code == 200
    assert client.get("/api/search/", {"q": query}).status_code == 200


def test_nul_in_the_address_is_a_clear_400(client, published):
    # the project's middleware refuses NUL in any URL (8b195c1): a 400 page, never a 500
    assert client.get("/soeg/", {"q": "\x00 nakke"}).status_code == 400
    assert client.get("/api/search/", {"q": "\x00 nakke"}).status_code == 400


def test_repeated_q_and_post_are_handled(client, published):
    assert client.get("/soeg/?q=iskias&q=nakke").status_code == 200
    assert client.post("/soeg/", {"q": "iskias"}).status_code == 405


def test_suggestions_json(client, published):
    response = client.get("/soeg/forslag/", {"q": "isk"})
    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert data["suggestions"][0] == {"text": "Iskias", "url": "/iskias/"}
    assert client.get("/soeg/forslag/", {"q": "i"}).json() == {"suggestions": []}
    assert response["Cache-Control"].startswith("private")


def test_api_search_and_schema(client, published):
    data = client.get("/api/search/", {"q": "lumbago", "limit": 2}).json()
    assert data["results"][0]["slug"] == "hekseskud"
    assert len(data["results"]) <= 2 and data["did_you_mean"] is None
    assert set(data["results"][0]) == {
        "slug",
        "title",
        "heading",
        "url",
        "section_type",
        "snippet",
        "snippet_html",
        "score",
    }
    assert data["warning"] is None
    assert client.get("/api/search/", {"q": "kan ikke mærke skridtet"}).json()["warning"] == "akut"
    assert client.get("/api/search/", {"q": "x", "limit": 500}).status_code == 422
    assert (
        client.get("/api/search/suggest", {"q": "hekse"}).json()["suggestions"][0]["text"]
        == "Hekseskud"
    )
    schema = client.get("/api/openapi.json").json()
    assert "/api/search/" in schema["paths"] and "/api/search/suggest" in schema["paths"]


def test_unpublished_articles_are_not_found(client, published):
    assert client.get("/api/search/", {"q": "hekseskud"}).json()["results"]
    article = Article.objects.get(slug="hekseskud")
    article.is_published = False
    article.save()  # as the admin does: the publication generation moves on, the index is rebuilt
    results = client.get("/api/search/", {"q": "hekseskud"}).json()["results"]
    assert all(r["slug"] != "hekseskud" for r in results)


def test_content_changed_signal_drops_the_index(published):
    first = webindex.current_index()
    assert webindex.current_index() is first
    content_changed.send(sender=Article, report=None)
    assert webindex.current_index() is not first
