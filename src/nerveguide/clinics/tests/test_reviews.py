"""Review submission, e-mail confirmation, moderation, flags, spam defences and owner permissions."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from nerveguide.clinics import ratelimit, reviews
from nerveguide.clinics.models import Clinic, RateBucket, Review, ReviewFlag

GOOD = {
    "rating": "4",
    "text": "God undersøgelse og klare øvelser. Benet har det meget bedre nu.",
    "author_name": "Mette",
    "email": "mette@example.dk",
    "visit_confirmed": "on",
    "rating_effect": "5",
    "homepage": "",
}


@pytest.fixture
def clinic(make_clinic):
    return make_clinic("nerveklinikken")


def form_url(clinic):
    return f"/find-fysioterapeut/klinik/{clinic.slug}/anmeld/"


def submit(client, clinic, **changes):
    return client.post(form_url(clinic), {**GOOD, **changes})


def confirm_link():
    return re.search(r"https?://\S+/bekraeft/\S+/", mail.outbox[-1].body).group(0)


def test_review_appears_only_after_confirmation_and_moderation(client, clinic):
    response = submit(client, clinic)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == Review.Status.UNCONFIRMED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mette@example.dk"]
    page = clinic.get_absolute_url()
    assert GOOD["text"] not in client.get(page).content.decode()

    path = confirm_link().split("testserver", 1)[1]
    assert "Bekræft min anmeldelse" in client.get(path).content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.UNCONFIRMED  # opening the link (GET) confirms nothing
    confirmed = client.post(path)
    assert "bekræftet" in confirmed.content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.PENDING and review.token is None
    assert GOOD["text"] not in client.get(page).content.decode()

    reviews.approve(review)
    html = client.get(page).content.decode()
    assert GOOD["text"] in html
    assert "Effekt: 5/5" in html
    assert Clinic.objects.get(pk=clinic.pk).review_count == 1


def test_confirmation_link_works_once(client, clinic):
    submit(client, clinic)
    path = confirm_link().split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 404
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "changes, field_message",
    [
        ({"visit_confirmed": ""}, "besøgt det seneste år"),
        ({"text": "For kort"}, "mindst 30"),
        ({"text": "x" * 2001}, "højst 2000"),
        ({"rating": "6"}, "gyldig valgmulighed"),
        ({"email": "ikke-en-mail"}, "e-mail"),
    ],
)
def test_bad_fields_are_shown_next_to_the_field(client, clinic, changes, field_message):
    response = submit(client, clinic, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert field_message.lower() in html.lower()
    assert not Review.objects.exists()


def test_honeypot_keeps_nothing(client, clinic):
    response = submit(client, clinic, homepage="http://spam.example")
    assert response.status_code == 302  # looks like success to the robot
    assert not Review.objects.exists() and not mail.outbox


def test_duplicate_text_is_kept_out_with_the_ordinary_answer(client, clinic):
    first = submit(client, clinic)
    response = submit(
        client, clinic, email="other@example.dk", text=GOOD["text"].upper().replace(" ", "  ")
    )
    assert (response.status_code, response["Location"]) == (first.status_code, first["Location"])
    assert Review.objects.count() == 1


def test_same_email_again_is_kept_out_once_confirmed(client, clinic):
    submit(client, clinic)
    reviews.confirm(Review.objects.get().token)
    response = submit(client, clinic, text="En helt anden tekst om det samme forløb på klinikken.")
    assert response.status_code == 302 and Review.objects.count() == 1


def test_rate_limit_per_ip(client, clinic, settings):
    settings.REDIS_URL = None  # the database bucket; the Redis one is tested below
    for n in range(ratelimit.PER_IP.capacity):
        assert (
            submit(
                client, clinic, email=f"p{n}@example.dk", text=f"{GOOD['text']} nummer {n}"
            ).status_code
            == 302
        )
    response = submit(client, clinic, email="last@example.dk", text=f"{GOOD['text']} igen igen")
    assert response.status_code == 429
    assert RateBucket.objects.filter(key__startswith="review-ip:").exists()
    assert not RateBucket.objects.filter(key__contains="127.0.0.1").exists()  # no raw IPs stored


def test_database_bucket_refills(db):
    limit = ratelimit.Limit(capacity=1, per_seconds=60)
    assert ratelimit.allow("t", limit, now=1000)
    assert not ratelimit.allow("t", limit, now=1001)
    assert ratelimit.allow("t", limit, now=1061)


def test_redis_bucket_when_configured(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    ratelimit._redis.cache_clear()
    key = f"test-{id(settings)}"
    limit = ratelimit.Limit(capacity=2, per_seconds=60)
    try:
        assert [ratelimit.allow(key, limit, now=500.0) for _ in range(3)] == [True, True, False]
        assert ratelimit.allow(key, limit, now=531.0)
    finally:
        ratelimit._redis(settings.REDIS_URL)[0].delete(f"nerveguide:ratelimit:{key}")
        ratelimit._redis.cache_clear()


def test_csrf_is_required(clinic):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(form_url(clinic), GOOD)
    assert response.status_code == 403


def test_review_text_is_escaped(client, clinic):
    submit(client, clinic, text="<script>alert('x')</script> en lang nok tekst om behandlingen")
    review = Review.objects.get()
    reviews.confirm(review.token)
    reviews.approve(Review.objects.get())
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


# --- Moderation -------------------------------------------------------------------------------


@pytest.fixture
def pending(client, clinic):
    submit(client, clinic)
    return reviews.confirm(Review.objects.get().token)


@pytest.fixture
def moderator(db):
    return User.objects.create_superuser("moderator", "m@example.dk", "hemmelig-kode-123")


def test_moderation_queue_and_actions(client, pending, moderator):
    client.force_login(moderator)
    queue = client.get("/admin/clinics/review/?status__exact=pending")
    assert queue.status_code == 200 and "nerveklinikken" in queue.content.decode().lower()

    no_reason = client.post(
        "/admin/clinics/review/",
        {"action": "reject", "_selected_action": [pending.pk], "reason": ""},
        follow=True,
    )
    assert "Skriv en grund" in no_reason.content.decode()
    assert Review.objects.get().status == Review.Status.PENDING

    client.post(
        "/admin/clinics/review/",
        {
            "action": "reject",
            "_selected_action": [pending.pk],
            "reason": "Nævner en ansat ved navn",
        },
    )
    rejected = Review.objects.get()
    assert (
        rejected.status == Review.Status.REJECTED
        and rejected.rejection_reason == "Nævner en ansat ved navn"
    )

    client.post(
        "/admin/clinics/review/",
        {"action": "approve", "_selected_action": [pending.pk], "reason": ""},
    )
    assert Review.objects.get().status == Review.Status.PUBLISHED


def test_unconfirmed_reviews_cannot_be_approved(client, clinic, moderator):
    submit(client, clinic)
    client.force_login(moderator)
    client.post(
        "/admin/clinics/review/",
        {"action": "approve", "_selected_action": [Review.objects.get().pk]},
    )
    assert Review.objects.get().status == Review.Status.UNCONFIRMED


def test_reader_flag(client, pending, moderator):
    reviews.approve(pending)
    html = client.get(pending.clinic.get_absolute_url()).content.decode()
    flag_url = f"/find-fysioterapeut/anmeldelse/{pending.pk}/anmeld/"
    assert flag_url in html and "Anmeld anmeldelse" in html
    response = client.post(flag_url, {"reason": "Jeg tror, klinikken selv har skrevet den."})
    assert "Tak" in response.content.decode()
    assert ReviewFlag.objects.get().review == pending
    client.force_login(moderator)
    assert client.get(f"/admin/clinics/review/{pending.pk}/change/").status_code == 200


def test_unpublished_review_cannot_be_flagged(client, pending):
    assert client.get(f"/find-fysioterapeut/anmeldelse/{pending.pk}/anmeld/").status_code == 404


# --- Clinic owners ----------------------------------------------------------------------------


@pytest.fixture
def owners(make_clinic):
    own, other = make_clinic("egen"), make_clinic("anden")
    user = User.objects.create_user("egen-klinik", password="hemmelig-kode-123")
    own.owners.add(user)
    published = []
    for clinic in (own, other):
        published.append(
            Review.objects.create(
                clinic=clinic,
                rating=3,
                text=f"Original tekst om {clinic.slug}",
                author_name="A",
                email="a@example.dk",
                status="published",
                text_hash=clinic.slug,
            )
        )
    return user, own, other, published


def test_owner_login_page_and_redirect(client, db):
    assert client.get("/klinik/").url.startswith("/klinik/login/")
    assert client.get("/klinik/login/").status_code == 200


def test_owner_logs_in_and_edits_own_profile(client, owners):
    _, own, _, _ = owners
    response = client.post(
        "/klinik/login/", {"username": "egen-klinik", "password": "hemmelig-kode-123"}
    )
    assert response.url == "/klinik/"
    assert "egen" in client.get("/klinik/").content.decode().lower()
    response = client.post(
        f"/klinik/{own.slug}/rediger/",
        {
            "phone": "86 11 22 33",
            "email": "ny@example.dk",
            "hours_man": "07-19",
            "hours_lor": "10-12",
            "specialties": [],
            "treatments": [],
            "languages": ["da", "en"],
            "ydernummer": "on",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (
        own.phone == "86112233"
        and own.open_evenings
        and own.open_weekends
        and own.languages == ["da", "en"]
    )


def test_owner_form_reports_bad_hours(client, owners):
    user, own, _, _ = owners
    client.force_login(user)
    response = client.post(
        f"/klinik/{own.slug}/rediger/", {"hours_man": "19-07", "languages": ["da"]}
    )
    assert response.status_code == 200 and "slutter før" in response.content.decode()


def test_owner_cannot_edit_another_clinic(client, owners):
    user, _, other, _ = owners
    client.force_login(user)
    assert client.get(f"/klinik/{other.slug}/rediger/").status_code == 404
    assert client.post(f"/klinik/{other.slug}/rediger/", {"phone": "11111111"}).status_code == 404
    assert client.get(f"/klinik/{other.slug}/anmeldelser/").status_code == 404
    other.refresh_from_db()
    assert other.phone == ""


def test_owner_replies_but_cannot_change_review_text(client, owners):
    user, own, _, (own_review, other_review) = owners
    client.force_login(user)
    client.post(
        f"/klinik/anmeldelse/{own_review.pk}/svar/",
        {
            f"r{own_review.pk}-reply": "Tak for din anmeldelse.",
            f"r{own_review.pk}-text": "Ændret!",
            "text": "Ændret!",
            "rating": "5",
        },
    )
    own_review.refresh_from_db()
    assert own_review.reply == "Tak for din anmeldelse." and own_review.reply_at
    assert own_review.text == "Original tekst om egen" and own_review.rating == 3
    assert "Svar fra klinikken" in client.get(own.get_absolute_url()).content.decode()

    response = client.post(
        f"/klinik/anmeldelse/{other_review.pk}/svar/", {f"r{other_review.pk}-reply": "Hæ"}
    )
    assert response.status_code == 404
    other_review.refresh_from_db()
    assert other_review.reply == ""


def test_owner_has_no_admin_access(client, owners):
    user, *_ = owners
    client.force_login(user)
    assert client.get("/admin/clinics/review/").status_code == 302  # to the admin login
