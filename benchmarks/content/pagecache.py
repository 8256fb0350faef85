"""Page-cache benchmark: a cached article page with and without the per-process copy (issue 15).

    .venv/bin/python benchmarks/content/pagecache.py [--no-docs] [--requests 3000] [--rounds 5]
        [--duration 10] [--connections 32]

Needs Redis on 127.0.0.1:6379 (the shared cache, database 14 with its own key prefix) and the
corpus in ../shared/corpus/fysfinder-ordbog (the fixture articles without it). A child process
with the production settings (DEBUG=0) ingests the corpus into a temporary SQLite database, then
requests article pages straight through Django's WSGI handler (no server, no network besides
Redis) in one thread: every page once to fill the shared cache, then `--requests` cached
requests cycling over 50 articles, once with the per-process copy (PAGECACHE_LOCAL_BYTES at its
default) and once without it (0: every hit is a Redis GET), alternating for `--rounds` rounds.
Reported: median time per request, requests per second of one worker, and Redis commands the
server counted per request. Then the same through a server: gunicorn (2 sync workers, as in
benchmarks/content/run.py) loaded with wrk on /iskias/ for `--duration` seconds, with and without
the copy (PAGECACHE_LOCAL_BYTES=0). The table goes into docs/benchmarks.md between the
`pagecache` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from docs_section import write_section

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import serve_django  # gunicorn + wrk, as the content benchmark runs them

PYTHON = REPO / ".venv" / "bin" / "python"
CORPUS = REPO.parent / "shared" / "corpus" / "fysfinder-ordbog"
FIXTURES = REPO / "src" / "nerveguide" / "content" / "tests" / "fixtures" / "articles"
REDIS_URL = "redis://127.0.0.1:6379/14"
PAGES = 50


def child(articles: str, requests: int, rounds: int) -> dict:
    import io
    import time

    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django_redis import get_redis_connection

    from nerveguide.content import pagecache
    from nerveguide.content.ingest import ingest_directory
    from nerveguide.content.models import Article

    call_command("migrate", verbosity=0)
    ingest_directory(Path(articles))
    paths = [
        a.get_absolute_url()
        for a in Article.objects.filter(is_published=True).order_by("slug")[:PAGES]
    ]
    app = WSGIHandler()
    redis = get_redis_connection("default")
    statuses: set[str] = set()

    def start_response(status, headers, exc_info=None):
        statuses.add(status)

    def get(path: str) -> int:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
        }  # fmt: skip
        response = app(environ, start_response)
        size = sum(len(chunk) for chunk in response)
        response.close()
        return size

    def commands() -> int:
        return sum(v["calls"] for k, v in redis.info("commandstats").items() if k != "cmdstat_info")

    default_bytes = pagecache.LOCAL_BYTES
    sizes = [get(path) for path in paths]  # renders and fills the shared cache
    results: dict[str, list] = {"local": [], "redis": []}
    calls: dict[str, list] = {"local": [], "redis": []}
    for _ in range(rounds):
        for mode in ("local", "redis"):
            settings.PAGECACHE_LOCAL_BYTES = default_bytes if mode == "local" else 0
            pagecache.clear_local()
            for path in paths:  # warm: the local copy fetched once from Redis
                get(path)
            before, start = commands(), time.perf_counter()
            for i in range(requests):
                get(paths[i % len(paths)])
            results[mode].append((time.perf_counter() - start) / requests)
            calls[mode].append((commands() - before) / requests)
    return {
        "pages": len(paths),
        "mean_page_kb": statistics.mean(sizes) / 1024,
        "statuses": sorted(statuses),
        "seconds": {mode: statistics.median(values) for mode, values in results.items()},
        "redis_calls": {mode: statistics.median(values) for mode, values in calls.items()},
        "local_bytes": default_bytes,
    }


def run(requests: int, rounds: int, duration: int, connections: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="nerveguide-pagecache-"))
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "nerveguide.project.settings",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-key-0123456789",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "VAR_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "REDIS_URL": REDIS_URL,
            "PYTHONPATH": str(REPO / "src"),
            "LOG_LEVEL": "ERROR",
            "STATIC_COMPRESS": "0",
        }
        subprocess.run([str(PYTHON), "-m", "nerveguide.cli", "manage", "collectstatic", "--noinput", "-v0"],
                       env=env, check=True, capture_output=True)  # fmt: skip
        articles = CORPUS if CORPUS.is_dir() else FIXTURES
        output = subprocess.run(
            [str(PYTHON), __file__, "--child", str(articles), str(requests), str(rounds)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["articles"] = articles.name
        if articles == CORPUS:  # the child's database holds /iskias/ now
            for mode, local_bytes in (("redis", "0"), ("local", str(result["local_bytes"]))):
                served, _ = serve_django(
                    {**env, "PAGECACHE_LOCAL_BYTES": local_bytes}, duration, connections
                )
                result.setdefault("server", {})[mode] = served
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def table(result: dict, requests: int, rounds: int, duration: int, connections: int) -> str:
    local, redis = result["seconds"]["local"], result["seconds"]["redis"]
    lines = [
        ("Command: `.venv/bin/python benchmarks/content/pagecache.py` (needs Redis on 127.0.0.1:6379). "
        f"One process, production settings, {result['pages']} cached article pages of the "
        f"`{result['articles']}` corpus (mean {result['mean_page_kb']:.0f} KB) requested through Django's "
        f"WSGI handler without a server; {requests} requests per measurement, median of {rounds} "
        f"alternating rounds; load average {os.getloadavg()[0]:.1f} at the end."),
        "",
        "| cached page served from | time per request | requests/s (one worker) | Redis commands per request |",
        "|---|---:|---:|---:|",
        (f"| shared cache only (Redis GET each time; `PAGECACHE_LOCAL_BYTES=0`) | {redis * 1e6:.0f} µs | "
        f"{1 / redis:.0f} | {result['redis_calls']['redis']:.2f} |"),
        (f"| per-process copy ({result['local_bytes'] // 2**20} MiB LRU, keyed by the generation) | "
        f"{local * 1e6:.0f} µs | {1 / local:.0f} | {result['redis_calls']['local']:.2f} |"),
        "",
        (f"The copy takes {100 * (1 - local / redis):.0f} % of the time off a cached page "
        f"({redis / local:.2f}× the requests per worker). Statuses seen: {', '.join(result['statuses'])}."),
    ]  # fmt: skip
    if "server" in result:
        server = result["server"]
        lines += [
            "",
            (f"Through a server: gunicorn, 2 sync workers, SQLite database, Redis cache; wrk, "
             f"{connections} connections, {duration} s on `/iskias/`:"),
            "",
            "| cached page served from | requests/s | p50 | p99 | non-2xx |",
            "|---|---:|---:|---:|---:|",
            *(f"| {label} | {server[mode]['rps']:.0f} | {server[mode]['p50']:.1f} ms | "
              f"{server[mode]['p99']:.1f} ms | {server[mode]['bad']} |"
              for mode, label in (("redis", "shared cache only (Redis)"), ("local", "per-process copy"))),
            "",
            f"Ratio: {server['local']['rps'] / server['redis']['rps']:.2f}× the requests per second.",
        ]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of wrk load per server run"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-docs", action="store_true", help="print the table only")
    args = parser.parse_args()
    result = run(args.requests, args.rounds, args.duration, args.connections)
    text = table(result, args.requests, args.rounds, args.duration, args.connections)
    print(text)
    if not args.no_docs:
        write_section("pagecache", text)


if __name__ == "__main__":
    main()
