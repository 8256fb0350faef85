"""Clinic finder benchmark: radius search and clinic page with 100,000 clinics and 1,000,000 reviews.

    .venv/bin/python benchmarks/clinics/run.py [--clinics 100000] [--reviews 1000000] [--no-postgres]

Runs once on a temporary SQLite file and once on a temporary PostgreSQL database (created and
dropped here; server from BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
Each database is measured in its own process (Django binds one default database per process).

Measured (p50/p99 over fixed query points, page 1 of 20):
- search: 10 km radius, two filters (specialty "nerve-rodsmerter" + ydernummer), sorted by distance:
  * bbox+index: bounding-box prefilter on the covering index clinic_search_v2 (lat, lon, filter
    columns, rating columns), exact haversine in Python (what the site does)
  * bbox, (lat, lon) index: the same with a plain two-column index (baseline 1)
  * bbox, no index: the same with no index on the position (baseline 2)
  * no prefilter: haversine in Python over every clinic matching the filters (baseline 3)
- finder page: the whole HTTP response for the same search (view + template)
- clinic page: the whole HTTP response for a clinic page (profile, live rating, 10 newest reviews)
Writes the table to docs/benchmarks.md between the clinics markers.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nerveguide.danish.places import read_postcodes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docs_section import write_section

REPO = Path(__file__).resolve().parents[2]
SEED = 7
QUERY_POINTS = 200


# --- Worker: one database ---------------------------------------------------------------------


def setup(database_url: str):
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        TESTING="1",
    )
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _insert(connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Fast bulk insert: COPY on PostgreSQL, executemany on SQLite."""
    if connection.vendor == "postgresql":
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows
        )


def generate(n_clinics: int, n_reviews: int) -> dict:
    """Bulk-load clinics (spread over all postcodes, within ~3 km of the centre) and reviews.

    Reviews are drawn first, so each clinic is inserted with its published count and rating sum.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from nerveguide.clinics import hours, services
    from nerveguide.clinics.demo import HOURS_PATTERNS
    from nerveguide.clinics.models import Clinic, Review, Specialty, TreatmentForm

    started = time.perf_counter()
    codes = read_postcodes()
    services.load_postcodes(codes)
    services.sync_taxonomy()
    specialty_ids = list(Specialty.objects.values_list("id", flat=True))
    treatment_ids = list(TreatmentForm.objects.values_list("id", flat=True))
    rng = random.Random(SEED)
    now = timezone.now()
    dates = [now - timezone.timedelta(days=days) for days in range(1, 701)]
    reviews = list(
        zip(  # (clinic index, rating, status, created_at)
            [rng.randrange(n_clinics) for _ in range(n_reviews)],
            rng.choices((5, 4, 3, 2, 1), weights=(45, 30, 12, 8, 5), k=n_reviews),
            rng.choices(("published", "pending", "rejected"), weights=(90, 5, 5), k=n_reviews),
            rng.choices(dates, k=n_reviews),
        )
    )
    counts = [[0, 0] for _ in range(n_clinics)]
    for index, rating, status, _ in reviews:
        if status == "published":
            counts[index][0] += 1
            counts[index][1] += rating
    weeks = [hours.normalise(pattern) for pattern in HOURS_PATTERNS]
    with transaction.atomic():
        clinics = []
        for number in range(n_clinics):
            code = rng.choice(codes)
            week = rng.choice(weeks)
            clinics.append(
                Clinic(
                    slug=f"bench-{number}",
                    name=f"Klinik {number}",
                    address=f"Vej {number % 200}",
                    postcode=f"{code.first:04d}",
                    town=code.town,
                    lat=code.lat + rng.uniform(-0.025, 0.025),
                    lon=code.lon + rng.uniform(-0.04, 0.04),
                    opening_hours=week,
                    open_evenings=hours.open_evenings(week),
                    open_weekends=hours.open_weekends(week),
                    ydernummer=rng.random() < 0.7,
                    wheelchair=rng.random() < 0.5,
                    video=rng.random() < 0.25,
                    languages=["da"],
                    review_count=counts[number][0],
                    rating_sum=counts[number][1],
                )
            )
        Clinic.objects.bulk_create(clinics, batch_size=2000)
        ids = dict(Clinic.objects.values_list("slug", "id"))
        ids = [ids[f"bench-{number}"] for number in range(n_clinics)]
        for model_field, column, choices in (
            ("specialties", "specialty_id", specialty_ids),
            ("treatments", "treatmentform_id", treatment_ids),
        ):
            table = getattr(Clinic, model_field).through._meta.db_table
            links = [(cid, item) for cid in ids for item in rng.sample(choices, rng.randint(2, 5))]
            _insert(connection, table, ("clinic_id", column), links)
        columns = (
            "clinic_id",
            "rating",
            "text",
            "author_name",
            "email",
            "visit_confirmed",
            "status",
            "rejection_reason",
            "text_hash",
            "created_at",
            "reply",
        )
        for s in range(0, n_reviews, 100_000):
            _insert(
                connection,
                Review._meta.db_table,
                columns,
                [
                    (
                        ids[index],
                        rating,
                        f"Anmeldelse nummer {s + n} af klinikken.",
                        "Navn",
                        "x@example.invalid",
                        True,
                        status,
                        "",
                        f"h{s + n}",
                        created,
                        "",
                    )
                    for n, (index, rating, status, created) in enumerate(reviews[s : s + 100_000])
                ],
            )
    with connection.cursor() as cursor:
        # VACUUM also fills PostgreSQL's visibility map, which index-only scans need.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"load_seconds": round(time.perf_counter() - started, 1)}


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p99": round(p99 * 1000, 2),
        "n": len(ordered),
    }


def timed(function, arguments, repeat: int = 3) -> list[float]:
    """One sample per argument: the fastest of `repeat` runs, so that other processes on a shared
    machine (which only ever add time) disturb the figures less."""
    function(arguments[0])  # warm caches and connections
    samples = []
    for argument in arguments:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            function(argument)
            best = min(best, time.perf_counter() - start)
        samples.append(best)
    return samples


def measure() -> dict:
    from django.db import connection
    from django.test import Client

    from nerveguide.clinics import services
    from nerveguide.clinics.models import Clinic

    rng = random.Random(SEED + 1)
    codes = read_postcodes()
    points = [rng.choice(codes) for _ in range(QUERY_POINTS)]

    def query(code):
        return services.Query(
            lat=code.lat,
            lon=code.lon,
            radius_km=10,
            specialties=["nerve-rodsmerter"],
            ydernummer=True,
        )

    found = [services.search(query(code))[1] for code in points]
    results = {
        "vendor": connection.vendor,
        "found_median": statistics.median(found),
        "found_max": max(found),
    }
    # Same answers with and without the prefilter (checked on a sample, not timed).
    for code in points[:10]:
        with_box = [r.clinic.pk for r in services.search(query(code))[0]]
        without = [r.clinic.pk for r in services.search(query(code), prefilter=False)[0]]
        assert with_box == without, "prefilter changed the result"
    results["search bbox+index"] = percentiles(timed(lambda c: services.search(query(c)), points))
    client = Client()
    results["finder page"] = percentiles(
        timed(
            lambda c: client.get(
                "/find-fysioterapeut/",
                {
                    "hvor": f"{c.first:04d}",
                    "radius": 10,
                    "speciale": "nerve-rodsmerter",
                    "ydernummer": "on",
                },
            ),
            points,
        )
    )
    slugs = [f"bench-{rng.randrange(Clinic.objects.count())}" for _ in range(QUERY_POINTS)]
    results["clinic page"] = percentiles(
        timed(lambda slug: client.get(f"/find-fysioterapeut/klinik/{slug}/"), slugs)
    )
    results["search no prefilter"] = percentiles(
        timed(lambda c: services.search(query(c), prefilter=False), points[:30])
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX clinic_search_v2")
        cursor.execute("CREATE INDEX bench_lat_lon ON clinics_clinic (lat, lon)")
        cursor.execute("ANALYZE")
    results["search bbox, (lat, lon) index"] = percentiles(
        timed(lambda c: services.search(query(c)), points[:60])
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX bench_lat_lon")
        cursor.execute("ANALYZE")
    results["search bbox, no index"] = percentiles(
        timed(lambda c: services.search(query(c)), points[:60])
    )
    return results


def worker(args) -> None:
    """Load, say so, wait for the go-ahead on stdin (so only one database is measured at a time
    while both load in parallel), then measure and print the results as one JSON line."""
    setup(args.database_url)
    loaded = generate(args.clinics, args.reviews)
    print("LOADED", flush=True)
    sys.stdin.readline()
    print(json.dumps({**loaded, **measure()}), flush=True)


# --- Orchestrator -----------------------------------------------------------------------------


def start_worker(database_url: str, args) -> subprocess.Popen:
    command = [
        sys.executable,
        __file__,
        "--worker",
        database_url,
        "--clinics",
        str(args.clinics),
        "--reviews",
        str(args.reviews),
    ]
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO
    )


def wait_loaded(process: subprocess.Popen) -> None:
    line = process.stdout.readline()
    if line.strip() != "LOADED":
        raise RuntimeError(f"benchmark worker failed while loading (exit {process.wait()})")


def measure_worker(process: subprocess.Popen) -> dict:
    process.stdin.write("go\n")
    process.stdin.flush()
    output = process.stdout.read()
    if process.wait() != 0:
        raise RuntimeError(f"benchmark worker failed (exit {process.returncode})")
    return json.loads(output.strip().splitlines()[-1])


def postgres_database():
    """(url of a new empty database, function that drops it), or None without a server."""
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"nerveguide_bench_clinics_{os.getpid()}"
    try:
        admin = psycopg.connect(server, autocommit=True)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable ({error}); skipping", file=sys.stderr)
        return None
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return server.rsplit("/", 1)[0] + f"/{name}", drop


ROWS = (
    "search bbox+index",
    "search bbox, (lat, lon) index",
    "search bbox, no index",
    "search no prefilter",
    "finder page",
    "clinic page",
)


def table(runs: dict, args) -> str:
    names = list(runs)
    lines = [
        (
            f"{args.clinics:,} clinics, {args.reviews:,} reviews (generated; clinics within ~3 km of a random "
            f"postcode centre). Search: 10 km radius, specialty *nerve- og rodsmerter* + ydernummer, distance "
            f"sort, page 1 of 20, from {QUERY_POINTS} postcode centres (baselines: fewer points). Times in ms; "
            f"each sample is the fastest of 3 runs of the same request."
        ),
        "",
        "| measurement | " + " | ".join(f"{n} p50 | {n} p99" for n in names) + " |",
        "|---|" + "---:|---:|" * len(names),
    ]
    for row in ROWS:
        cells = []
        for name in names:
            value = runs[name][row]
            cells += [f"{value['p50']:.1f}", f"{value['p99']:.1f}"]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    lines.append("")
    for name, run in runs.items():
        lines.append(
            f"- {name}: data load {run['load_seconds']} s; clinics found per search: median "
            f"{run['found_median']:.0f}, max {run['found_max']}."
        )
    lines += [
        "",
        (
            "How: the search puts the circle's bounding box into SQL as ranges on `lat` and `lon`. The "
            "index `clinic_search_v2 (lat, lon, ydernummer, wheelchair, video, open_evenings, "
            "open_weekends, review_count, rating_sum, id)` serves the `lat` range, checks `lon` and the yes/no filters inside "
            "the index and holds everything the ranking needs, so no table row is read (an index-only scan; "
            "on PostgreSQL after VACUUM). Each specialty/treatment filter is an `EXISTS` probe on the "
            "many-to-many table's unique `(clinic_id, specialty_id)` index. The exact haversine distance, "
            "the radius cut and the sort run in Python (identical on both databases); only the 20 clinics "
            "of the page are then loaded, and their tags with one `clinic_id IN (...)` query per tag type. "
            "The clinic page counts its visible reviews through `review_clinic_status (clinic, status, "
            "created_at)` and reads its 10 newest reviews from the same index."
        ),
        (
            "Baselines in the same run: the same search with a plain `(lat, lon)` index (each candidate's "
            "row is read from the table), with no position index, and without the bounding box (haversine "
            "over every clinic that matches the filters)."
        ),
        "",
        "Command: `.venv/bin/python benchmarks/clinics/run.py`",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    parser.add_argument("--worker", dest="database_url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database_url:
        worker(args)
        return
    runs = {}
    postgres = None if args.no_postgres else postgres_database()
    with tempfile.TemporaryDirectory() as tmp:
        workers = {"SQLite": start_worker(f"sqlite:///{tmp}/bench.sqlite3", args)}
        try:
            if postgres:
                workers["PostgreSQL"] = start_worker(postgres[0], args)
            for process in workers.values():  # both load at the same time ...
                wait_loaded(process)
            for name, process in workers.items():  # ... but are measured one after the other
                runs[name] = measure_worker(process)
        finally:
            for process in workers.values():
                if process.poll() is None:
                    process.kill()
                    process.wait()
            if postgres:
                postgres[1]()
    text = table(runs, args)
    print(text)
    if not args.no_docs:
        write_section("clinics", text)


if __name__ == "__main__":
    main()
