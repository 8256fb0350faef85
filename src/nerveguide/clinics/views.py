"""Plain views for the clinic finder, clinic pages, reviews and the clinic owners' pages."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from nerveguide.clinics import hours, ranking, ratelimit, reviews, services, taxonomy
from nerveguide.clinics.forms import ClinicProfileForm, FlagForm, ReplyForm, ReviewForm, SearchForm
from nerveguide.clinics.models import Clinic, Review
from nerveguide.project.clientip import client_ip

REVIEWS_PER_PAGE = 10


# --- Finder -----------------------------------------------------------------------------------


def _query_from(form: SearchForm):
    """(services.Query, place label) from a valid search form, or (None, None) with form errors."""
    data = form.cleaned_data
    if data.get("lat") is not None and data.get("lon") is not None:
        lat, lon, label = data["lat"], data["lon"], "din position"
    elif data.get("hvor"):
        place, match = services.resolve_place(data["hvor"])
        if place is None:
            form.add_error(
                "hvor",
                "Vi kan ikke finde stedet. Skriv et postnummer (fx 8000) eller et bynavn."
                + match.did_you_mean,
            )
            return None, None
        lat, lon, label = place.lat, place.lon, match.describe(str(place))
    else:
        return None, None
    query = services.Query(
        lat=lat,
        lon=lon,
        radius_km=data.get("radius") or services.DEFAULT_RADIUS_KM,
        specialties=data["speciale"],
        treatments=data["behandling"],
        ydernummer=data["ydernummer"],
        wheelchair=data["koerestol"],
        video=data["video"],
        evenings=data["aften"],
        weekends=data["weekend"],
        sort=data.get("sorter") or "distance",
    )
    return query, label


def _page_url(request, page: int) -> str:
    params = request.GET.copy()
    params["side"] = page
    return "?" + params.urlencode()


def finder(request):
    """The clinic finder page (/find-fysioterapeut/): reads the GET search form and shows one
    page of results; writes nothing.
    """
    form = SearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        query, label = _query_from(form)
        if query:
            page = form.cleaned_data.get("side") or 1
            results, total = services.search(query, page=page)
            pages = max(1, -(-total // services.PAGE_SIZE))
            data = form.cleaned_data
            active_filters = (
                len(data["speciale"])
                + len(data["behandling"])
                + sum(
                    bool(data[name])
                    for name in ("ydernummer", "koerestol", "video", "aften", "weekend")
                )
            )
            context.update(
                searched=True,
                results=results,
                total=total,
                place_label=label,
                query=query,
                active_filters=active_filters,
                page=page,
                pages=pages,
                show_demo=any(r.clinic.is_demo for r in results),
                previous_url=_page_url(request, page - 1) if page > 1 else None,
                next_url=_page_url(request, page + 1) if page < pages else None,
            )
    return render(request, "clinics/finder.html", context)


def ranking_info(request):
    """The "Sådan sorterer vi" page, filled with the ranking constants; writes nothing."""
    return render(
        request,
        "clinics/ranking_info.html",
        {
            "min_reviews": ranking.MIN_REVIEWS,
            "prior_mean": str(ranking.PRIOR_MEAN).replace(".", ","),
            "prior_weight": ranking.PRIOR_WEIGHT,
            "radii": services.RADII_KM,
        },
    )


def review_policy(request):
    """The static page on how reviews are checked and moderated; writes nothing."""
    return render(request, "clinics/review_policy.html")


# --- Clinic page ------------------------------------------------------------------------------


def _json_ld(request, clinic: Clinic, count: int, total: int) -> str:
    """schema.org description of the clinic; the rating counts published, visible reviews only."""
    data = {
        "@context": "https://schema.org",
        "@type": ["MedicalClinic", "Physiotherapy"],
        "name": clinic.name,
        "url": request.build_absolute_uri(clinic.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.address,
            "postalCode": clinic.postcode,
            "addressLocality": clinic.town,
            "addressCountry": "DK",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": clinic.lat, "longitude": clinic.lon},
        "medicalSpecialty": "Physiotherapy",
        "availableService": [
            {"@type": "MedicalTherapy", "name": name} for name in clinic.tags()["treatments"]
        ],
    }
    if clinic.phone and not clinic.is_demo:  # demo numbers are fake: no machine should dial them
        data["telephone"] = f"+45{clinic.phone}"
    if count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(total / count, 1),
            "reviewCount": count,
            "bestRating": 5,
            "worstRating": 1,
        }
    # Escape "<" so review or clinic text can never close the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def clinic_detail(request, slug):
    """A clinic's page: details, opening hours, visible reviews paginated, and JSON-LD; 404 for an
    unknown slug.
    """
    clinic = get_object_or_404(Clinic, slug=slug)
    visible = Review.objects.visible().filter(clinic=clinic)
    stats = visible.aggregate(n=Count("id"), total=Sum("rating"))
    count, total = stats["n"], stats["total"] or 0
    page = Paginator(visible.order_by("-created_at"), REVIEWS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "clinics/clinic.html",
        {
            "clinic": clinic,
            "reviews": page,
            "review_count": count,
            "mean_rating": ranking.mean_rating(total, count),
            "hours": hours.display_rows(clinic.opening_hours),
            "languages": [taxonomy.languages().get(code, code) for code in clinic.languages],
            "map_url": f"https://www.openstreetmap.org/?mlat={clinic.lat}&mlon={clinic.lon}#map=16/{clinic.lat}/{clinic.lon}",
            "json_ld": _json_ld(request, clinic, count, total),
        },
    )


# --- Reviews ----------------------------------------------------------------------------------


def _client_ip(request) -> str:
    # Right behind the reverse proxy too: project.clientip (TRUSTED_PROXIES).
    return client_ip(request)


@require_http_methods(["GET", "POST"])
def review_create(request, slug):
    """The review form for a clinic; a valid POST saves an unconfirmed review and queues the
    e-mail with the confirmation link (reviews.submit_review). Answers 429 when rate-limited;
    a filled honeypot field stores nothing.
    """
    clinic = get_object_or_404(Clinic, slug=slug)
    form = ReviewForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["homepage"]:
            # A robot filled in the hidden field: answer as usual, keep nothing.
            return redirect("clinics:review_thanks", slug=clinic.slug)
        review = form.save(commit=False)
        review.clinic = clinic
        submission = reviews.submit_review(
            review,
            _client_ip(request),
            lambda token: request.build_absolute_uri(
                reverse("clinics:review_confirm", args=[token])
            ),
        )
        if submission.outcome == "rate_limited":
            limited = True
        elif submission.email_queued or submission.outcome == "duplicate":
            # A duplicate gets the same answer as a new review: no one may learn from the
            # answer whether an e-mail address has reviewed this clinic (was a patient there).
            return redirect("clinics:review_thanks", slug=clinic.slug)
        else:  # saved, but the e-mail could not be sent now: say so, never "we sent you an e-mail"
            return render(request, "clinics/review_saved.html", {"clinic": clinic})
    response = render(
        request, "clinics/review_form.html", {"clinic": clinic, "form": form, "limited": limited}
    )
    if limited:
        response.status_code = 429
    return response


def review_thanks(request, slug):
    """The page after a review is submitted (confirm it by e-mail); writes nothing."""
    clinic = get_object_or_404(Clinic, slug=slug)
    return render(request, "clinics/review_thanks.html", {"clinic": clinic})


@require_http_methods(["GET", "POST"])
def review_confirm(request, token):
    """The e-mailed link opens a page with a button; only its POST confirms (mail scanners and
    link previews fetch links with GET). Links expire after reviews.CONFIRM_MAX_AGE."""
    try:
        raw = reviews.token_from_link(token)
    except reviews.LinkExpired:
        return render(request, "clinics/review_confirmed.html", {"expired": True}, status=410)
    except reviews.LinkInvalid:
        raw = None
    waiting = (
        Review.objects.filter(token=raw, status=Review.Status.UNCONFIRMED)
        .select_related("clinic")
        .first()
        if raw
        else None
    )
    if waiting is None:
        return render(request, "clinics/review_confirmed.html", {}, status=404)
    if request.method == "GET":
        return render(request, "clinics/review_confirm.html", {"review": waiting})
    review = reviews.confirm(raw)
    if review is None:  # confirmed a moment ago, from another tab
        return render(request, "clinics/review_confirmed.html", {}, status=404)
    return render(request, "clinics/review_confirmed.html", {"review": review})


@require_http_methods(["GET", "POST"])
def review_flag(request, pk):
    """The form to report a visible review; a valid POST stores a ReviewFlag (429: rate-limited)."""
    review = get_object_or_404(Review.objects.visible().select_related("clinic"), pk=pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(
            f"flag-ip:{reviews.client_key(_client_ip(request))}", ratelimit.PER_IP
        ):
            return render(
                request,
                "clinics/review_flag.html",
                {"review": review, "form": form, "limited": True},
                status=429,
            )
        flag = form.save(commit=False)
        flag.review = review
        flag.save()
        return render(request, "clinics/review_flag.html", {"review": review, "done": True})
    return render(request, "clinics/review_flag.html", {"review": review, "form": form})


# --- Clinic owners (/klinik/) -----------------------------------------------------------------


def _owned_clinic(request, slug) -> Clinic:
    """The clinic if the logged-in user owns it; otherwise 404 (do not reveal that it exists)."""
    return get_object_or_404(Clinic, slug=slug, owners=request.user)


@login_required
def owner_home(request):
    """A logged-in clinic owner's start page: the clinics they own; writes nothing."""
    return render(
        request, "clinics/owner/home.html", {"clinics": request.user.clinics.order_by("name")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def owner_edit(request, slug):
    """An owner edits their clinic's profile; a valid POST saves it and redirects with ?gemt=1.
    404 if the clinic is not theirs.
    """
    clinic = _owned_clinic(request, slug)
    form = ClinicProfileForm(request.POST or None, instance=clinic)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Back to the profile they just saved, with a clear confirmation (issue 14).
        return redirect(reverse("clinics:owner_edit", args=[clinic.slug]) + "?gemt=1")
    return render(
        request,
        "clinics/owner/edit.html",
        {
            "clinic": clinic,
            "form": form,
            "saved": request.method == "GET" and "gemt" in request.GET,
        },
    )


@login_required
def owner_reviews(request, slug):
    """An owner's list of their clinic's visible reviews, each with a reply form; writes nothing."""
    clinic = _owned_clinic(request, slug)
    published = Review.objects.visible().filter(clinic=clinic).order_by("-created_at")
    page = Paginator(published, REVIEWS_PER_PAGE).get_page(request.GET.get("side"))
    for review in page:
        review.reply_form = ReplyForm(instance=review, prefix=f"r{review.pk}")
    return render(
        request,
        "clinics/owner/reviews.html",
        {"clinic": clinic, "reviews": page, "saved": "gemt" in request.GET},
    )


@login_required
@require_http_methods(["POST"])
def owner_reply(request, pk):
    """POST only: save (or clear, when empty) the owner's reply to a visible review of their clinic;
    400 if too long.
    """
    review = get_object_or_404(Review.objects.visible(), pk=pk, clinic__owners=request.user)
    form = ReplyForm(request.POST, instance=review, prefix=f"r{review.pk}")
    if not form.is_valid():
        return HttpResponseBadRequest("Svaret må højst være 2000 tegn.")
    reply = form.save(commit=False)
    reply.reply_at = timezone.now() if reply.reply else None
    reply.save(update_fields=["reply", "reply_at"])
    return redirect(reverse("clinics:owner_reviews", args=[review.clinic.slug]) + "?gemt=1")
