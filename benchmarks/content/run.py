"""Content benchmark: ingest of the 485-article corpus, and one article page under load.

    .venv/bin/python benchmarks/content/run.py [--no-docs] [--duration 10] [--connections 32]

(a) Ingest: wall time and peak memory (max RSS) of `ingest_directory` over
    ../shared/corpus/fysfinder-ordbog into a fresh SQLite database, in a child process; the
    baseline is a child that only starts Django (so the difference is what ingest costs), and
    the second, unchanged ingest.
(b) Serving: the same article page from the production settings (DEBUG=0, gunicorn, 2 workers)
    and, as the baseline, the page's HTML saved as a static file served by nginx (2 workers),
    each loaded with wrk for the given time on loopback.
Everything runs in a temporary directory (database, static files, nginx config) that is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from docs_section import write_section
from wrk import parse_wrk

SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "fysfinder-ordbog"
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
NGINX = "/usr/sbin/nginx"
WRK = "/usr/bin/wrk"
PAGE = "/iskias/"

INGEST_CHILD = """
import json, os, resource, sys, time
import django
django.setup()
from pathlib import Path
result = {"baseline_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if sys.argv[1] == "ingest":
    from nerveguide.content.ingest import ingest_directory
    for run in ("first", "second"):
        start = time.perf_counter()
        report = ingest_directory(Path(sys.argv[2]))
        result[run] = {"seconds": time.perf_counter() - start, "changes": report.changes,
                       "errors": report.errors, "unchanged": report.unchanged}
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nerveguide.project.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PYTHONPATH": str(REPO / "src"),
        "LOG_LEVEL": "ERROR",
    }


def run_child(env: dict, *args: str) -> dict:
    output = subprocess.run(
        [str(PYTHON), "-c", INGEST_CHILD, *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [str(PYTHON), "-m", "nerveguide.cli", "manage", *args],
        env=env,
        check=True,
        capture_output=True,
    )


def wait_for(url: str, timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def load(url: str, duration: int, connections: int) -> dict:
    # A short warm-up fills every worker's page cache first.
    subprocess.run([WRK, "-t2", f"-c{connections}", "-d2s", url], capture_output=True, check=True)
    output = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def serve_django(env: dict, duration: int, connections: int) -> tuple[dict, bytes]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "nerveguide.project.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html = wait_for(f"http://127.0.0.1:{port}{PAGE}")
        return load(f"http://127.0.0.1:{port}{PAGE}", duration, connections), html
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_nginx(workdir: Path, html: bytes, duration: int, connections: int) -> dict:
    root = workdir / "www"
    (root / PAGE.strip("/")).mkdir(parents=True)
    (root / PAGE.strip("/") / "index.html").write_bytes(html)
    for path in (workdir, root, root / PAGE.strip("/")):
        path.chmod(0o755)  # nginx workers run as an unprivileged user
    port = free_port()
    config = workdir / "nginx.conf"
    config.write_text(f"""
worker_processes 2;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
""")
    server = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}{PAGE}")
        return load(f"http://127.0.0.1:{port}{PAGE}", duration, connections)
    finally:
        server.terminate()
        server.wait(timeout=30)


def table(
    ingest: dict, django: dict, nginx: dict, connections: int, duration: int, load_average: float
) -> str:
    ratio = django["rps"] / nginx["rps"] if nginx["rps"] else 0.0
    return "\n".join(
        [
            (
                f"Machine: {os.cpu_count()} cores, 1-minute load average {load_average:.1f} when the run started "
                "(other work on the machine lowers both servers' numbers)."
            ),
            "",
            f"Ingest of {ingest['first']['changes']} corpus articles (fresh SQLite database, one process):",
            "",
            "| run | time | peak memory (max RSS) |",
            "|---|---:|---:|",
            f"| baseline: start Django only | – | {ingest['baseline_rss_mb']:.0f} MB |",
            (
                f"| first ingest ({ingest['first']['changes']} created, {ingest['first']['errors']} errors) | "
                f"{ingest['first']['seconds']:.1f} s | {ingest['rss_mb']:.0f} MB |"
            ),
            f"| second ingest ({ingest['second']['changes']} changes) | {ingest['second']['seconds']:.1f} s | |",
            "",
            f"Article page `{PAGE}` on loopback, wrk, {connections} connections, {duration} s each:",
            "",
            "| server | requests/s | p50 | p99 | non-2xx |",
            "|---|---:|---:|---:|---:|",
            (
                f"| baseline: nginx, same HTML as a static file (2 workers) | {nginx['rps']:.0f} | "
                f"{nginx['p50']:.2f} ms | {nginx['p99']:.2f} ms | {nginx['bad']} |"
            ),
            (
                f"| nerveguide: gunicorn, 2 sync workers, DEBUG=0 | {django['rps']:.0f} | "
                f"{django['p50']:.2f} ms | {django['p99']:.2f} ms | {django['bad']} |"
            ),
            "",
            f"nerveguide serves {ratio:.2f}× nginx's throughput (aim: ≥ 0.33, p99 < 20 ms).",
            "",
            "How the page is served: the rendered page is cached per slug and content generation, and",
            "`CachedPageMiddleware` (right after SecurityMiddleware) replays it with a fresh CSP nonce",
            "without routing, sessions, CSRF or templates: about 0.4 ms of Python per request, measured",
            "by calling the WSGI application directly, against 0.8 ms for the trivial robots.txt view.",
            "What is left is gunicorn's own per-request work and wrk sharing the same two cores, so the",
            "aim of a third of nginx is not reached on this machine; put nginx (or a CDN) in front for",
            "static files and keep gunicorn for the pages. The numbers vary with other load on the machine.",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    load_average = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="nerveguide-bench-"))
    try:
        env = environment(workdir)
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        baseline = run_child(env, "setup")
        ingest = run_child(env, "ingest", str(CORPUS))
        ingest["baseline_rss_mb"] = baseline["baseline_rss_mb"]
        django, html = serve_django(env, args.duration, args.connections)
        nginx = serve_nginx(workdir, html, args.duration, args.connections)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = table(ingest, django, nginx, args.connections, args.duration, load_average)
    print(text)
    if not args.no_docs:
        write_section("content", "`make bench-content`\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
