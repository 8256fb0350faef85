from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import cache_control

from nerveguide.danish.contacts import laegevagt_for_postcode
from nerveguide.danish.places import postcode_range
from nerveguide.project.caching import public_page

POSTCODE_FIELD = "postnummer"


@public_page  # without a query string (project.caching); ?postnummer=... is private
def front_page(request):
    """The front page; `?postnummer=8000` narrows the urgent card to that region's lægevagt."""
    context = {"postcode_text": "", "postcode_contact": None, "postcode_unknown": False}
    text = request.GET.get(POSTCODE_FIELD, "").strip()[:20]
    if text:
        row = postcode_range(text)
        context["postcode_text"] = text
        context["postcode_contact"] = laegevagt_for_postcode(row.first) if row else None
        context["postcode_place"] = f"{row.first:04d} {row.town}" if row else ""
        context["postcode_unknown"] = context["postcode_contact"] is None
    return render(request, "web/front_page.html", context)


# The trust pages: plain templates, the same for everyone, no JavaScript.
TRUST_PAGES = {
    "about": "web/about.html",
    "contact": "web/contact.html",
    "privacy": "web/privacy.html",
    "accessibility": "web/accessibility.html",
}


def trust_page(request, page: str):
    """One of TRUST_PAGES ("about", "contact", "privacy", "accessibility")."""
    return render(request, TRUST_PAGES[page])


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and tools ask for /favicon.ico whatever the page says: send them to the SVG."""
    return redirect(static("favicon.svg"), permanent=True)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """/robots.txt: keeps crawlers out of the admin, the API, the self-check and the owners'
    pages; names the sitemap.
    """
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('api:api-root')}",
        f"Disallow: {reverse('selfcheck:start')}",
        f"Disallow: {reverse('clinics:owner_home')}",
        f"Sitemap: {request.build_absolute_uri(reverse('content:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Error pages. Under /api/ they are JSON in the API's documented error shape, {"detail": "..."},
# like django-ninja's own 4xx answers; elsewhere the site's Danish pages.
API_PREFIX = reverse_lazy("api:api-root")  # "/api/"


def is_api_request(request) -> bool:
    """Whether the request is for the JSON API (its path starts with /api/)."""
    return request.path_info.startswith(str(API_PREFIX))


def bad_request(request, exception=None, reason: str = "Bad Request"):
    """400: the URL or request cannot mean anything (e.g. NUL bytes, invalid UTF-8)."""
    if is_api_request(request):
        return JsonResponse({"detail": reason}, status=400)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    """403: JSON {"detail": "Forbidden"} under /api/, else the Danish 403 page."""
    if is_api_request(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    """404: JSON {"detail": "Not Found"} under /api/, else the Danish 404 page."""
    if is_api_request(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    """500: JSON {"detail": "Internal Server Error"} under /api/, else the Danish 500 page."""
    if is_api_request(request):
        return JsonResponse({"detail": "Internal Server Error"}, status=500)
    return render(request, "500.html", status=500)
