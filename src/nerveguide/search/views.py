"""/soeg/: the results page (works without JavaScript) and /soeg/forslag/ (autocomplete JSON)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nerveguide.danish import contacts
from nerveguide.search.query import clean_query
from nerveguide.search.webindex import current_index

RESULTS_PER_PAGE = 20


@require_GET
def search_page(request):
    """GET /soeg/?q=: up to RESULTS_PER_PAGE results for the cleaned query, with the akut care
    card first when the query describes a warning sign; never cached (private, no-store)."""
    query = clean_query(request.GET.get("q", ""))
    found = current_index().search(query, RESULTS_PER_PAGE) if query else None
    warning = found.warning if found else None
    context = {
        "search_query": query,
        "results": found.hits if found else [],
        "did_you_mean": found.suggestion if found else None,
        "warning": warning,
        "searched": bool(query),
        "limit": RESULTS_PER_PAGE,
    }
    if warning:  # the akut care card opens the page, above the results
        context["emergency"] = contacts.emergency_number()
        context["laegevagt"] = contacts.laegevagt_contacts()
    response = render(request, "search/results.html", context)
    # What people search for can be health information: no shared or stored copies.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def suggestions(request):
    """GET /soeg/forslag/?q=: {"suggestions": [{"text", "url"}]} for autocomplete (none under 2
    characters); cacheable only privately, for 300 seconds."""
    query = clean_query(request.GET.get("q", ""))
    found = current_index().suggest(query) if len(query) >= 2 else []
    response = JsonResponse({"suggestions": found})
    response["Cache-Control"] = "private, max-age=300"  # typed text: not in shared caches
    return response
