"""Brute-force limits (django-axes) on the admin and clinic-owner logins, password reset by
e-mail for clinic owners, and the client address behind a trusted proxy."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory

from nerveguide.project.clientip import client_ip

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        "ejer", email="ejer@klinik.dk", password="rigtig-kode-123"
    )


@pytest.mark.parametrize("url", ["/klinik/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_client_out_even_with_the_right_one(client, owner, url, settings):
    owner.is_staff = True
    owner.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "ejer", "password": "forkert"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post(url, {"username": "ejer", "password": "forkert"})
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.content.decode()
    response = client.post(url, {"username": "ejer", "password": "rigtig-kode-123"})
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lock_is_per_client_address(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/klinik/login/", {"username": "ejer", "password": "forkert"}, REMOTE_ADDR="203.0.113.9"
        )
    response = client.post(
        "/klinik/login/",
        {"username": "ejer", "password": "rigtig-kode-123"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302 and response["Location"] == "/klinik/"


def test_behind_the_proxy_the_lock_keys_on_the_forwarded_client(client, owner, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/klinik/login/",
            {"username": "ejer", "password": "forkert"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    response = client.post(
        "/klinik/login/",
        {"username": "ejer", "password": "rigtig-kode-123"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


def test_owner_password_reset_by_email(client, owner):
    page = client.get("/klinik/login/").content.decode()
    assert 'href="/klinik/glemt-adgangskode/"' in page and 'href="/kontakt/"' in page
    assert 'href="/klinik/login/"' in client.get("/kontakt/").content.decode()
    response = client.post("/klinik/glemt-adgangskode/", {"email": "ejer@klinik.dk"})
    assert (
        response.status_code == 302 and response["Location"] == "/klinik/glemt-adgangskode/sendt/"
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ejer@klinik.dk"]
    link = re.search(r"http://testserver(/klinik/ny-adgangskode/\S+/\S+/)", mail.outbox[0].body)[1]
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    response = client.post(
        form_url, {"new_password1": "ny-og-lang-kode-42", "new_password2": "ny-og-lang-kode-42"}
    )
    assert response["Location"] == "/klinik/ny-adgangskode/faerdig/"
    owner.refresh_from_db()
    assert owner.check_password("ny-og-lang-kode-42")
    assert (
        client.get(link).status_code == 200
        and "Linket virker ikke" in client.get(link).content.decode()
    )


def test_unknown_address_gets_the_same_answer_and_no_mail(client, owner):
    response = client.post("/klinik/glemt-adgangskode/", {"email": "ukendt@eksempel.dk"})
    assert response["Location"] == "/klinik/glemt-adgangskode/sendt/" and not mail.outbox


def test_clinic_pages_link_to_the_owner_login(client, make_clinic):
    clinic = make_clinic("solo")
    assert 'href="/klinik/login/"' in client.get(clinic.get_absolute_url()).content.decode()


# --- Client address ----------------------------------------------------------------------------


def _request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_forwarded_for_is_ignored_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_trusted_proxy_names_the_client_and_spoofed_entries_are_ignored(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # nginx appends the address it saw: what the client wrote to the left does not count
    assert client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("::1", "junk, 2001:db8::7")) == "2001:db8::7"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


def test_a_cdn_hop_in_front_of_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(_request("127.0.0.1", "6.6.6.6, 203.0.113.9, 198.51.100.1")) == "203.0.113.9"


def test_no_trusted_proxies_by_default(settings):
    assert settings.TRUSTED_PROXIES == []
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "127.0.0.1"
