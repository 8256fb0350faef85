"""Start one of nerveguide's two app-server pools with granian (WSGI). README "Production".

    NERVEGUIDE_POOL=pages python deploy/appserver.py   # the page workers (default)
    NERVEGUIDE_POOL=pdf   python deploy/appserver.py   # a small pool that only renders PDFs

nginx sends /patientuddannelse/pdf/ and /api/handouts/ to the PDF pool, so PDFs queue there and
pages stay fast. Overrides: APP_BIND (host:port; pages 127.0.0.1:8001, PDFs 127.0.0.1:8002),
APP_WORKERS (pages: 2 a core; PDFs: PDF_RENDERS_PER_SERVER), APP_ACCESS_LOG=1 (tests only: nginx
writes the real access log, without query strings). The app's own settings come from the
environment as usual (systemd EnvironmentFile).

Why granian and not gunicorn: measured on the article page, 4 workers, 32 connections, the
page pool alone answered about 5x as many requests with granian (WSGI, one blocking thread a
worker) as with gunicorn's sync workers, which close every connection (docs/benchmarks.md,
"deploy"). Each worker still runs one request at a time, as Django expects.
"""

import os
import sys
from pathlib import Path

pool = os.environ.get("NERVEGUIDE_POOL", "pages")
if pool not in ("pages", "pdf"):
    raise SystemExit(f"NERVEGUIDE_POOL={pool!r}: use 'pages' or 'pdf'")
cores = os.cpu_count() or 1
bind = os.environ.get("APP_BIND", "127.0.0.1:8001" if pool == "pages" else "127.0.0.1:8002")
host, port = bind.rsplit(":", 1)
default_workers = (
    2 * cores if pool == "pages" else int(os.environ.get("PDF_RENDERS_PER_SERVER", "2"))
)
workers = int(os.environ.get("APP_WORKERS", default_workers))

granian = Path(sys.executable).parent / "granian"
arguments = [
    str(granian),
    "--interface",
    "wsgi",
    "--host",
    host.strip("[]"),
    "--port",
    port,
    "--workers",
    str(workers),
    "--blocking-threads",
    "1",
    "--no-ws",
    "--backlog",
    "1024",
    "--respawn-failed-workers",
    "--workers-lifetime",
    "24h",  # recycle workers once a day
]
if os.environ.get("APP_ACCESS_LOG") == "1":
    arguments.append("--access-log")
arguments.append("nerveguide.project.wsgi:application")
os.execv(arguments[0], arguments)
