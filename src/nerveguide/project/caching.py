"""Who may keep a copy of a response: the site's one Cache-Control policy.

Two kinds of response, and nothing in between:

- Shared pages (articles, the topic overview, the clinician guide and exercise library, the
  front page): the same bytes for every visitor, no nonce, no cookie, no form with a CSRF token.
  Their views use `public_page` (or `make_public`), which sends
  `public, max-age=N, s-maxage=N` with N = settings.PUBLIC_CACHE_SECONDS (60 by default), so a
  proxy cache (nginx's micro-cache, a CDN) and the browser may keep them for N seconds. After
  `ingest`, a changed article is therefore served fresh within N seconds (plus the 1 s nginx
  micro-cache; the app's own page cache follows the publication generation at once).
- Everything else: `private, no-store` unless the view chose otherwise (static files, robots.txt,
  search suggestions). That covers every personal page, every form step, the self-check, the
  handout builder and PDFs, clinic owners' pages, search results and the API.

`CachePolicyMiddleware` enforces it on the way out: a public response to a request that is not
an anonymous GET/HEAD without a query string (a session cookie, a POST, `?postnummer=...`), or
one that sets a cookie, is turned into `private, no-store`. Put it first in MIDDLEWARE (it must
also see the pages CachedPageMiddleware replays; their stored headers keep the view's value).
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

PRIVATE = "private, no-store"
SAFE_METHODS = ("GET", "HEAD")


def public_value() -> str:
    """The Cache-Control value of a shared page."""
    seconds = settings.PUBLIC_CACHE_SECONDS
    return f"public, max-age={seconds}, s-maxage={seconds}"


def make_public(response):
    """Mark `response` as a shared page (see the module docstring); returns it."""
    response["Cache-Control"] = public_value()
    return response


def public_page(view):
    """View decorator: the view's 200 responses are shared pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            make_public(response)
        return response

    return wrapped


def anonymous(request) -> bool:
    """A request that carries no session (no logged-in clinic owner or editor)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class CachePolicyMiddleware:
    """Default `private, no-store`; public only for anonymous GETs of shared pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = response.get("Cache-Control")
        if value is None:
            response["Cache-Control"] = PRIVATE
        elif "public" in value and not self._may_share(request, response):
            del response["Cache-Control"]
            response["Cache-Control"] = PRIVATE
            if response.has_header("Expires"):
                del response["Expires"]
        if "no-store" in response["Cache-Control"] and "private" not in response["Cache-Control"]:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _may_share(request, response) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True  # WhiteNoise's own headers for our static files
        return (
            request.method in SAFE_METHODS
            and not request.GET
            and anonymous(request)
            and not response.cookies
        )
