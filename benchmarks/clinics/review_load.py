"""Review submissions under load through the shipped stack (issue 17).

    .venv/bin/python benchmarks/clinics/review_load.py [--seconds 30] [--clients 20]

Starts nginx -> granian on loopback (deploy/stack.py) with PostgreSQL and Redis when they answer
(CI's local services), else SQLite. N clients, each with its own address (X-Forwarded-For, the
stack trusting one CDN hop), submit reviews of three clinics as fast as they can: GET the form,
POST it. Every answer is counted as accepted (kept, ordinary), held (kept, but over the clinic's
daily count: `held_reason`), refused (429: the client's or e-mail's rate limit) or lost (any other
answer, a connection error, or an accepted review that is not in the database). Lost must be 0.
Writes the table to docs/benchmarks.md (section review-load) with --write.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "benchmarks"))

import smoke
from stack import Stack

TEXT = "Rolig og grundig undersøgelse, og øvelserne hjalp mig godt videre i hverdagen"


def services_up() -> bool:
    try:
        import psycopg
        import redis

        psycopg.connect(smoke.DATABASE.rsplit("/", 1)[0] + "/postgres", connect_timeout=2).close()
        redis.Redis.from_url(smoke.REDIS, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001 (any failure means: not there, use SQLite)
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="nerveguide-review-load-"))
    postgres = services_up()
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "load-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "VAR_DIR": str(workdir / "var"),
        "TRUSTED_PROXIES": "127.0.0.1,::1",
        "TRUSTED_PROXY_HOPS": "1",
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "ERROR",
        "STATIC_COMPRESS": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": smoke.DATABASE if postgres else f"sqlite:///{workdir}/db.sqlite3",
        "REDIS_URL": smoke.REDIS if postgres else "",
    }
    if postgres:
        smoke.prepare(env)
    stack = Stack(workdir, env, page_workers=4, pdf_workers=1)
    stack.env["CSRF_TRUSTED_ORIGINS"] = stack.url
    stack.manage("manage", "migrate", "--no-input")
    stack.manage("manage", "collectstatic", "--no-input")
    stack.manage("clinics", "demo")
    os.environ.update(stack.env)
    import django

    django.setup()
    from nerveguide.clinics.models import Clinic, Review

    clinics = [c.get_absolute_url() for c in Clinic.objects.order_by("pk")[:3]]
    counts: Counter = Counter()
    sent: list[tuple[str, str]] = []  # (e-mail, answer) of every kept review
    lock = threading.Lock()

    def client(number: int, stop: float) -> None:
        browser = smoke.Browser(stack.url, forwarded_for=f"203.0.113.{number + 1}")
        n = 0
        while time.monotonic() < stop:
            n += 1
            clinic = clinics[n % len(clinics)]
            email = f"load-{number}-{n}@example.dk"
            try:
                fields = browser.form(clinic + "anmeld/")
                status, _headers, _ = browser.request(
                    clinic + "anmeld/",
                    {
                        **fields,
                        "rating": "4",
                        "author_name": "Last",
                        "email": email,
                        "visit_confirmed": "on",
                        "homepage": "",
                        "text": f"{TEXT} ({number}-{n}).",
                    },
                )
            except Exception:  # noqa: BLE001 (no answer at all counts as lost)
                status = None
            with lock:
                if status in (200, 302):
                    sent.append((email, str(status)))
                elif status == 429:
                    counts["refused"] += 1
                else:
                    counts["lost"] += 1

    with stack:
        started = time.monotonic()
        stop = started + args.seconds
        threads = [threading.Thread(target=client, args=(i, stop)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    kept = {r.email: r for r in Review.objects.filter(email__startswith="load-")}
    for email, _ in sent:
        review = kept.get(email)
        if review is None:
            counts["lost"] += 1
        elif review.held_reason:
            counts["held"] += 1
        else:
            counts["accepted"] += 1
    total = sum(counts.values())
    database = "PostgreSQL + Redis" if postgres else "SQLite"
    table = (
        f"{args.clients} clients, {elapsed:.0f} s, through nginx -> granian (4 page workers), {database}; "
        f"{total} submissions ({total / elapsed:.1f}/s)\n\n"
        "| accepted | held for moderation | refused (429) | lost |\n|---:|---:|---:|---:|\n"
        f"| {counts['accepted']} | {counts['held']} | {counts['refused']} | {counts['lost']} |\n"
    )
    print(table)
    if args.write:
        from docs_section import write_section

        write_section(
            "review-load",
            "### Review submissions under load (issue 17)\n\n"
            "`.venv/bin/python benchmarks/clinics/review_load.py --write`\n\n"
            + table
            + "\nEach client may send 5 reviews an hour (its address, named in X-Forwarded-For),"
            " so most of a client's attempts are refused; a clinic's reviews beyond 20 a day"
            " are kept but held. Lost must be 0: every accepted answer has its review in the"
            " database.",
        )
    if counts["lost"]:
        raise SystemExit(f"{counts['lost']} submissions lost")


if __name__ == "__main__":
    main()
