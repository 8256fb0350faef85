"""Serve cached article pages before URL routing and the rest of the middleware.

Put it right after SecurityMiddleware in MIDDLEWARE (so HTTPS redirects and HSTS still apply):

    "django.middleware.security.SecurityMiddleware",
    "nerveguide.content.middleware.CachedPageMiddleware",

The first request for a page goes the normal way; if the view marked the response as a shared
page (`response.shared_page = True`: the same for every visitor, no cookies), its body and
headers are stored as they are (pages carry no CSP nonce: see settings). Later GETs for that path
get the stored response, without routing, sessions, CSRF or templates. This is the
site's only page cache. Entries are keyed by the publication generation (content.publication),
read once before the view runs: a stored page is never older than the generation in its key, and
any change to an article (a deletion too) moves every key on.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from nerveguide.content import pagecache, publication

# Only paths the content app serves (/<slug>/ and /emner/, as the URLconf says); others never
# reach the cache nor read the generation.
CACHEABLE_PATH = re.compile(r"^/[a-z0-9][a-z0-9-]*/$")
SKIPPED_HEADERS = {"set-cookie", "content-length", "date"}
# Paths this process has seen a shared page for; other apps' pages are never looked up (and
# never cost a cache or database round trip).
_shared_paths: set[str] = set()


@lru_cache(maxsize=4096)
def is_content_path(path: str) -> bool:
    """Whether the URLconf routes `path` ("/iskias/") to the content app (remembered per path)."""
    if not CACHEABLE_PATH.match(path):
        return False
    try:
        return resolve(path).namespace == "content"
    except Resolver404:
        return False


@receiver(setting_changed, dispatch_uid="content.middleware.urlconf")
def _urlconf_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        is_content_path.cache_clear()


class CachedPageMiddleware:
    """Serve and store shared content pages by publication generation (see the module docstring).

    Only GETs without a query string for content-app paths are looked up; other requests pass
    through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not (request.method == "GET" and not request.GET and is_content_path(path)):
            return self.get_response(request)
        # Read before the view runs, so what is stored under it is at least this new.
        generation = publication.generation()
        if path in _shared_paths:
            entry = pagecache.get(generation, path)
            if entry is not None:
                return self._replay(entry)
        response = self.get_response(request)
        if (
            getattr(response, "shared_page", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            self._store(request, response, generation)
        return response

    @staticmethod
    def _store(request, response, generation: int) -> None:
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
        ]
        body = response.content.decode(response.charset)
        pagecache.put(generation, request.path_info, {"headers": headers, "body": body})
        _shared_paths.add(request.path_info)

    @staticmethod
    def _replay(entry: dict) -> HttpResponse:
        body = entry["body"].encode("utf-8")
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        return response
