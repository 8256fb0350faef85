"""Publication state has one owner: the generation that the page cache and the search index key on.

Regression (issue "Never a 500", item 9): deleting an article in the admin left its page served
with 200 from the page cache, because the generation was the newest `updated_at`, which a
deletion does not move.
"""

import socket

import pytest
from django.core.cache import cache

from nerveguide.content import pagecache, publication
from nerveguide.content.models import Article, Publication
from nerveguide.search import webindex


def _redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(params=["configured", "redis"])
def any_cache(request, settings):
    """The configured cache (local memory, or Redis when REDIS_URL is set) and Redis itself."""
    if request.param == "redis":
        if not _redis_reachable():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/15",
                "KEY_PREFIX": "nerveguide-test",
            }
        }
        cache.clear()
    yield request.param
    cache.clear()


def test_deleting_an_article_moves_the_generation(ingested):
    before = publication.generation()
    Article.objects.get(slug="oevelser-for-laenden").delete()
    assert publication.generation() == before + 1
    assert Publication.objects.get().generation == before + 1


def test_deleted_article_is_404_at_once(client, ingested, any_cache):
    assert client.get("/oevelser-for-laenden/").status_code == 200
    assert client.get("/emner/").status_code == 200
    generation = publication.generation()
    # The page is in the cache: the next request would be replayed from it.
    assert pagecache.get(generation, "/oevelser-for-laenden/") is not None
    assert "Øvelser for lænden" in client.get("/emner/").content.decode()

    Article.objects.get(slug="oevelser-for-laenden").delete()

    assert client.get("/oevelser-for-laenden/").status_code == 404
    assert "Øvelser for lænden" not in client.get("/emner/").content.decode()
    assert client.get("/rodtryk-i-laenden/").status_code == 200


def test_article_deleted_in_the_admin_is_404_at_once(admin_client, client, ingested, any_cache):
    article = Article.objects.get(slug="oevelser-for-laenden")
    assert client.get("/oevelser-for-laenden/").status_code == 200
    assert client.get("/oevelser-for-laenden/").status_code == 200  # replayed from the page cache
    response = admin_client.post(f"/admin/content/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(slug="oevelser-for-laenden").exists()
    assert client.get("/oevelser-for-laenden/").status_code == 404


def test_unpublishing_is_404_at_once(client, ingested):
    article = Article.objects.get(slug="oevelser-for-laenden")
    assert client.get("/oevelser-for-laenden/").status_code == 200
    article.is_published = False
    article.save()  # what the admin's "is published" box does
    assert client.get("/oevelser-for-laenden/").status_code == 404


def test_search_index_follows_the_same_generation(ingested):
    webindex.invalidate()
    first = webindex.current_index()
    assert webindex.current_index() is first
    assert webindex.fingerprint() == publication.generation()
    Article.objects.get(slug="oevelser-for-laenden").delete()
    second = webindex.current_index()
    assert second is not first
    assert webindex.current_index() is second


def test_a_change_made_by_another_process_is_read_from_the_database(client, ingested):
    """Another process (the CLI's ingest, another worker) moves the row without our signals."""
    assert client.get("/oevelser-for-laenden/").status_code == 200
    generation = publication.generation()
    Article.objects.filter(slug="oevelser-for-laenden").update(is_published=False)  # no signal
    Publication.objects.update(generation=generation + 1)  # what that process's save did
    publication.forget()  # as GENERATION_TTL running out does
    assert publication.generation() == generation + 1
    assert client.get("/oevelser-for-laenden/").status_code == 404


def test_views_do_not_cache_pages_themselves(rf, ingested):
    """One page cache: the middleware. The views render and only mark the response shareable."""
    from nerveguide.content.views import article_page

    cache.clear()
    request = rf.get("/oevelser-for-laenden/")
    response = article_page(request, "oevelser-for-laenden")
    assert response.shared_page is True
    assert pagecache.get(publication.generation(), "/oevelser-for-laenden/") is None
