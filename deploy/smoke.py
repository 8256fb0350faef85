"""CI's smoke test of the shipped stack: nginx -> granian on loopback, with PostgreSQL and Redis.

    .venv/bin/python deploy/smoke.py   (DATABASE_URL / REDIS_URL default to CI's local services)

Checks, through nginx over TLS: an article (micro-cache MISS then HIT, the same bytes, no nonce),
a search (never cached), a self-check step (never cached), a handout PDF (served by the PDF
pool), and review POSTs whose rate-limit key is the client named in X-Forwarded-For. Exits 1
with the reason and the servers' logs when a check fails.
"""

import html
import os
import re
import ssl
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stack import Stack

DATABASE = os.environ.get(
    "SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nerveguide_smoke"
)
REDIS = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/14")


class Browser:
    """A tiny HTTPS client with cookies (the stack's certificate is self-signed)."""

    def __init__(self, base: str, forwarded_for: str | None = None):
        self.base = base
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.jar),
            NoRedirect(),
        )
        self.forwarded_for = forwarded_for

    def request(self, path: str, data: dict | None = None):
        headers = {"Origin": self.base, "Referer": self.base + path}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, response.headers, response.read()  # case-insensitive

    def form(self, path: str) -> dict:
        """The hidden fields (CSRF token included) of the first POST form on the page."""
        _, _, body = self.request(path)
        page = body.decode()
        form = re.search(r'<form[^>]*method="post".*?</form>', page, re.DOTALL)[0]
        return {
            html.unescape(n): html.unescape(v)
            for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    print(f"  ok  {message}")


def prepare(env: dict) -> None:
    """A fresh database with the articles and demo clinics, and collected static files."""
    import psycopg

    name = urllib.parse.urlsplit(DATABASE).path.lstrip("/")
    admin = DATABASE.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def run(workdir: Path) -> None:
    var = workdir / "var"
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "smoke-test-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": DATABASE,
        "REDIS_URL": REDIS,
        "VAR_DIR": str(var),
        "TRUSTED_PROXIES": "127.0.0.1,::1",
        # The smoke client plays a CDN in front of nginx: it names the visitor in X-Forwarded-For.
        "TRUSTED_PROXY_HOPS": "1",
        "TASKS_BACKEND": "immediate",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",  # no mail server: the review is kept, e-mail fails
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "STATIC_COMPRESS": "0",
    }
    prepare(env)
    stack = Stack(workdir, env, page_workers=2, pdf_workers=1)
    stack.env["CSRF_TRUSTED_ORIGINS"] = stack.url
    started = time.monotonic()
    stack.manage("manage", "migrate", "--no-input")
    stack.manage("manage", "collectstatic", "--no-input")
    stack.manage("ingest", str(Path(__file__).resolve().parent.parent / "content"))
    stack.manage("clinics", "load-postcodes")
    stack.manage("clinics", "demo")
    print(f"prepared in {time.monotonic() - started:.1f} s")
    with stack:
        try:
            checks(stack)
        except AssertionError as failure:
            print(f"FAILED: {failure}\n{stack.logs()}")
            raise SystemExit(1) from None


def checks(stack: Stack) -> None:
    visitor = Browser(stack.url)
    status, first_headers, first = visitor.request("/rodtryk-i-laenden/")
    check(status == 200, "article answers 200 through nginx")
    check(
        first_headers.get("X-Cache-Status") in ("MISS", "EXPIRED"),
        f"first article request is a cache MISS ({first_headers.get('X-Cache-Status')})",
    )
    status, headers, second = Browser(stack.url).request("/rodtryk-i-laenden/")
    check(
        headers.get("X-Cache-Status") == "HIT",
        f"second request within 1 s is a HIT ({headers.get('X-Cache-Status')})",
    )
    check(second == first, "the cached article is the same bytes")
    check(
        b"nonce" not in first and "nonce" not in headers.get("Content-Security-Policy", ""),
        "no CSP nonce in page or header",
    )
    check(
        headers.get("Cache-Control", "").startswith("public, max-age=60"),
        "article Cache-Control is public, max-age=60",
    )

    statuses = set()
    for _ in range(2):
        status, headers, body = visitor.request("/soeg/?q=iskias")
        statuses.add(headers.get("X-Cache-Status"))
    check(status == 200 and "iskias" in body.decode().lower(), "search answers")
    check(
        "HIT" not in statuses and "no-store" in headers.get("Cache-Control", ""),
        f"search is never cached ({statuses})",
    )

    checker = Browser(stack.url)
    statuses = set()
    for _ in range(2):
        status, headers, _ = checker.request("/symptomtjek/")
        statuses.add(headers.get("X-Cache-Status"))
    fields = checker.form("/symptomtjek/")
    status, headers, body = checker.request("/symptomtjek/trin/", {**fields, "handling": "svar"})
    statuses.add(headers.get("X-Cache-Status"))
    check(
        status in (200, 302) and "no-store" in headers.get("Cache-Control", ""),
        f"self-check step answers {status}, no-store",
    )
    check("HIT" not in statuses, f"self-check steps are never cached ({statuses})")

    maker = Browser(stack.url)
    fields = maker.form("/patientuddannelse/")
    status, headers, body = maker.request(
        "/patientuddannelse/pdf/",
        {
            **fields,
            "submitted": "1",
            "region": "laend",
            "version": "pixi",
            "duration": "akut",
            "topics": ["tilstand", "prognose"],
            "exercises": ["baekkenkip"],
        },
    )
    check(status == 200 and body.startswith(b"%PDF"), f"handout PDF through nginx ({status})")
    pdf_log = (stack.workdir / "app-pdf.log").read_text()
    check("/patientuddannelse/pdf/" in pdf_log, "the PDF was rendered by the PDF pool")

    check_client_address(stack)
    log = (stack.workdir / "access.log").read_text()
    check("?q=" not in log and "iskias" not in log, "the access log holds no query strings")


def check_client_address(stack: Stack) -> None:
    """Review POSTs through nginx: the rate limit keys on the client named in X-Forwarded-For
    (the smoke client plays a CDN: TRUSTED_PROXY_HOPS=1), and a spoofed entry changes nothing."""
    status, _, body = Browser(stack.url).request("/find-fysioterapeut/?hvor=8000")
    found = re.search(r'href="(/find-fysioterapeut/klinik/[^/"]+/)"', body.decode())
    check(found is not None, f"the clinic finder lists a demo clinic ({status})")
    clinic = found[1]

    def review(who: str, n: int) -> int:
        client = Browser(stack.url, forwarded_for=who)
        fields = client.form(clinic + "anmeld/")
        return client.request(
            clinic + "anmeld/",
            {
                **fields,
                "rating": "4",
                "author_name": "Smoke",
                "email": f"smoke{n}@example.dk",
                "visit_confirmed": "on",
                "homepage": "",
                "text": f"En grundig og venlig behandling med gode øvelser, forløb nummer {n}.",
            },
        )[0]

    # 200: kept, the e-mail could not be sent (no mail server here); 302: kept and e-mail queued
    answers = [review("203.0.113.7", n) for n in range(6)]
    check(
        all(a in (200, 302) for a in answers[:5]),
        f"five reviews from one client are taken ({answers[:5]})",
    )
    check(
        answers[5] == 429, "the sixth review from the same X-Forwarded-For client is refused (429)"
    )
    check(
        review("203.0.113.8", 99) in (200, 302),
        "another client behind the same proxy is not limited",
    )
    check(
        review("6.6.6.6, 203.0.113.7", 100) == 429,
        "a spoofed X-Forwarded-For entry does not give a fresh bucket",
    )


if __name__ == "__main__":
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nerveguide-smoke-") as folder:
        run(Path(folder))
    print(f"smoke test passed in {time.monotonic() - started:.1f} s")
