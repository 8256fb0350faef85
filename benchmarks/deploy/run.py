"""The shipped stack measured (issue 15): one command, table in docs/benchmarks.md ("deploy").

    .venv/bin/python benchmarks/deploy/run.py [--seconds 8] [--write]

Starts deploy/stack.py (nginx -> granian, PostgreSQL + Redis when they answer, else SQLite) and
measures with wrk (32 connections, loopback, HTTPS through nginx as in production):
1. nginx serving the article's exact bytes as a static file (the limit);
2. the shipped stack: nginx with its 1 s micro-cache in front of the page pool;
3. the page pool alone (granian, no nginx, no micro-cache), and gunicorn's sync workers in
   its place (the app-server choice);
4. the article through the stack and from the page pool while 8 handout PDFs are requested at
   once, all the time (they go to the PDF pool).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "clinics"))
import smoke
from review_load import services_up
from stack import Stack
from wrk import parse_wrk

ARTICLE = "/rodtryk-i-laenden/"
CONNECTIONS = 32
PDF_PAYLOAD = {"region": "laend", "version": "fuld", "exercises": ["baekkenkip", "knae-til-bryst"]}


def wrk(url: str, seconds: float, headers: tuple[str, ...] = ()) -> dict:
    """Requests per second and latency percentiles (ms) from one wrk run."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def gunicorn_alone(stack: Stack, seconds: float) -> dict:
    """The same page from gunicorn's sync workers (same environment, same worker count)."""
    from stack import free_port

    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "nerveguide.project.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(stack.page_workers),
        "--worker-class",
        "sync",
        "--preload",
    ]
    server = subprocess.Popen(
        command,
        env=stack.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        from stack import wait_for

        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        url = f"http://127.0.0.1:{port}{ARTICLE}"
        wrk(url, 2, ("X-Forwarded-Proto: https",))
        return wrk(url, seconds, ("X-Forwarded-Proto: https",))
    finally:
        server.terminate()
        server.wait(timeout=20)


def pdf_load(stack: Stack, stop: threading.Event, counts: dict) -> None:
    """Keep one handout PDF request in flight until `stop` (8 of these run at once)."""
    import ssl
    import urllib.request

    context = ssl._create_unverified_context()
    body = json.dumps(PDF_PAYLOAD).encode()
    while not stop.is_set():
        request = urllib.request.Request(
            f"{stack.url}/api/handouts/", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, context=context, timeout=60) as response:
                counts[response.status] = counts.get(response.status, 0) + 1
        except OSError as error:
            key = getattr(error, "code", "error")
            counts[key] = counts.get(key, 0) + 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="nerveguide-deploy-bench-"))
    postgres = services_up()
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "VAR_DIR": str(workdir / "var"),
        "TRUSTED_PROXIES": "127.0.0.1,::1",
        "LOG_LEVEL": "ERROR",
        "STATIC_COMPRESS": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PDF_PER_CLIENT": "1000000",
        "DATABASE_URL": smoke.DATABASE if postgres else f"sqlite:///{workdir}/db.sqlite3",
        "REDIS_URL": smoke.REDIS if postgres else "",
    }
    if postgres:
        smoke.prepare(env)
    cores = os.cpu_count() or 1
    stack = Stack(workdir, env, page_workers=2 * cores, pdf_workers=2)
    stack.manage("manage", "migrate", "--no-input")
    stack.manage("manage", "collectstatic", "--no-input")
    stack.manage("ingest", str(REPO / "content"))
    rows = []
    with stack:
        _, _, page = smoke.Browser(stack.url).request(ARTICLE)
        (stack.static_root / "bench").mkdir(exist_ok=True)
        (stack.static_root / "bench" / "article.html").write_bytes(page)
        app = (f"{stack.app_url}{ARTICLE}", ("X-Forwarded-Proto: https",))
        wrk(f"{stack.url}{ARTICLE}", 2)  # warm up every worker
        wrk(*app[:1], 2, app[1])
        limit = wrk(f"{stack.url}/static/bench/article.html", args.seconds)
        rows.append(("nginx, the article as a static file (the limit)", limit))
        rows.append(
            (
                "shipped stack: nginx micro-cache -> granian",
                wrk(f"{stack.url}{ARTICLE}", args.seconds),
            )
        )
        rows.append(
            (f"granian page pool alone ({2 * cores} workers)", wrk(app[0], args.seconds, app[1]))
        )
        rows.append(
            (
                f"gunicorn in its place ({2 * cores} sync workers)",
                gunicorn_alone(stack, args.seconds),
            )
        )
        stop, counts = threading.Event(), {}
        threads = [threading.Thread(target=pdf_load, args=(stack, stop, counts)) for _ in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        rows.append(("shipped stack, 8 PDFs in flight", wrk(f"{stack.url}{ARTICLE}", args.seconds)))
        rows.append(("page pool alone, 8 PDFs in flight", wrk(app[0], args.seconds, app[1])))
        stop.set()
        for thread in threads:
            thread.join()
    database = "PostgreSQL + Redis" if postgres else "SQLite, no Redis"
    load = os.getloadavg()[0]
    lines = [
        (
            f"wrk, {CONNECTIONS} connections, {args.seconds:.0f} s a row, HTTPS through nginx (HTTP to the "
            f"app server alone), `{ARTICLE}`, {database}, {cores} cores (load average {load:.1f} at the end: the machine "
            "is shared). PDF pool: 2 workers, `PDF_RENDERS_PER_SERVER=2`; during the PDF rows 8 clients "
            f"keep a PDF request in flight (answers: {dict(sorted((str(k), v) for k, v in counts.items()))})."
        ),
        "",
        "| setup | req/s | × limit | p50 ms | p99 ms | non-2xx |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, result in rows:
        lines.append(
            f"| {name} | {result['rps']:,.0f} | {result['rps'] / limit['rps']:.2f} | "
            f"{result['p50']:.2f} | {result['p99']:.2f} | {result['bad']} |"
        )
    lines += [
        "",
        (
            "Read with the load average in mind: other jobs shared the 2 cores, and the same row "
            "varies by a third from run to run."
        ),
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        from docs_section import write_section

        write_section(
            "deploy",
            "### The shipped stack (issue 15)\n\n`.venv/bin/python benchmarks/deploy/run.py --write`\n\n"
            + table,
        )


if __name__ == "__main__":
    main()
