from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control


def front_page(request):
    return render(request, "web/front_page.html")


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /symptomtjek/",
        "Disallow: /klinik/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Error pages. Under /api/ they are JSON in the API's documented error shape, {"detail": "..."},
# like django-ninja's own 4xx answers; elsewhere the site's Danish pages.
API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def bad_request(request, exception=None, reason: str = "Bad Request"):
    """400: the URL or request cannot mean anything (e.g. NUL bytes, invalid UTF-8)."""
    if _is_api(request):
        return JsonResponse({"detail": reason}, status=400)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Internal Server Error"}, status=500)
    return render(request, "500.html", status=500)
