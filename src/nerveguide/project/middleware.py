"""Reject URLs no page can mean: NUL bytes or invalid UTF-8 in the path or the query string.

A NUL byte cannot be stored in PostgreSQL text ("PostgreSQL text fields cannot contain NUL (0x00)
bytes"), and bytes that are not UTF-8 (a lone surrogate is one such sequence) cannot be any
Danish word: no view, admin filter or API parameter has a use for either. Checking here, once, for
every URL means no view has to remember it: the answer is 400 (JSON under /api/, the site's error
page elsewhere) before any view runs. Request bodies are left to the forms (Django's CharField
already refuses NUL) and the API's JSON parser (`nerveguide.project.api.StrictJSONParser`).

Place it last in MIDDLEWARE: the middleware above it only pass the path and query string along,
and being last gives the 400 page the site's session, user and CSP headers.

Cookies are the other way in: a quoted cookie value may spell NUL as "\\000", and the session
cookie is looked up in the database. UnusableCookieMiddleware, placed before SessionMiddleware,
forgets such cookies, as if the browser had not sent them (a 400 would lock that browser out until
its cookies expire); the visitor gets a new session.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from nerveguide.web.views import bad_request, is_api_request


def _wsgi_bytes(value: str) -> bytes:
    """The bytes a WSGI server put in a str environ value (PEP 3333: decoded as ISO-8859-1)."""
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:  # not from a WSGI server (e.g. a test client given text)
        return value.encode("utf-8", "surrogatepass")


def problem(decoded: bytes) -> str | None:
    """Why these URL bytes (percent-decoded) are refused, or None when they are fine."""
    if b"\x00" in decoded:
        return "The address contains a NUL character."
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return "The address is not valid UTF-8."
    return None


class UnusableCookieMiddleware:
    """Drop cookies whose name or value holds a NUL character (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookies = request.COOKIES  # parsed once per request; later readers see this dict
        for name in [name for name, value in cookies.items() if "\x00" in name or "\x00" in value]:
            del cookies[name]
        return self.get_response(request)


class HostileURLMiddleware:
    """400 for a path or query string with NUL bytes or invalid UTF-8 (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The server has percent-decoded PATH_INFO already; QUERY_STRING is still encoded.
        path = _wsgi_bytes(request.META.get("PATH_INFO", ""))
        query = unquote_to_bytes(_wsgi_bytes(request.META.get("QUERY_STRING", "")))
        reason = problem(path) or problem(query)
        if reason:
            return bad_request(request, reason=reason)
        return self.get_response(request)


class ErrorShapeMiddleware:
    """Every error answer in the shape its reader expects, whatever produced it.

    - Under /api/: JSON `{"detail": "..."}` (the documented shape) also for the answers Django
      makes without our error views: 405 from `require_POST`, and the technical 404/500 pages
      with DEBUG on. A request body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 400 there too.
    - Elsewhere: a 405 (a page opened with GET that only takes a form post, e.g. a self-check
      step restored from the history) is a Danish page with a way on, not a blank page.
    Headers such as Allow and Retry-After are kept. Place it near the top of MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except RequestDataTooBig:
            response = HttpResponse(status=400)
        if response.status_code < 400 or getattr(response, "streaming", False):
            return response
        if is_api_request(request):
            if response.get("Content-Type", "").startswith("application/json"):
                return response
            shaped: HttpResponse = JsonResponse(
                {"detail": response.reason_phrase}, status=response.status_code
            )
        elif response.status_code == 405 and not response.content:
            shaped = render(request, "405.html", status=405)
        else:
            return response
        for header in ("Allow", "Retry-After", "Cache-Control", "Vary"):
            if header in response:
                shaped[header] = response[header]
        return shaped
