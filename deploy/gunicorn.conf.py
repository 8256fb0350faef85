"""gunicorn settings for nerveguide's two app-server pools (README "Production").

NERVEGUIDE_POOL=pages (default): the page workers, behind nginx's micro-cache.
NERVEGUIDE_POOL=pdf: a small pool that only renders handout PDFs; nginx sends
/patientuddannelse/pdf/ and /api/handouts/ here, so PDFs queue here and pages stay fast.

Overrides: GUNICORN_BIND (host:port), GUNICORN_WORKERS. The app's own settings come from the
environment as usual (systemd EnvironmentFile). gunicorn's sync workers: each handles one
request at a time, which is what a CPU-bound Django app on a few cores wants behind nginx
(nginx buffers slow clients).
"""

import multiprocessing
import os

pool = os.environ.get("NERVEGUIDE_POOL", "pages")
if pool not in ("pages", "pdf"):
    raise SystemExit(f"NERVEGUIDE_POOL={pool!r}: use 'pages' or 'pdf'")
cores = multiprocessing.cpu_count()

wsgi_app = "nerveguide.project.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001" if pool == "pages" else "127.0.0.1:8002")
# Pages: two workers a core. PDFs: as many as PDF_RENDERS_PER_SERVER allows to render at once.
default_workers = (
    2 * cores if pool == "pages" else int(os.environ.get("PDF_RENDERS_PER_SERVER", "2"))
)
workers = int(os.environ.get("GUNICORN_WORKERS", default_workers))
worker_class = "sync"
timeout = 30 if pool == "pages" else 60
graceful_timeout = 20
keepalive = 5
max_requests = 5000  # recycle workers now and then; jitter so they do not restart together
max_requests_jitter = 500
preload_app = True  # load Django once, fork the workers (faster start, shared memory)
proc_name = f"nerveguide-{pool}"
# Only nginx on this host may set X-Forwarded-Proto; the client address is taken by the app
# itself (TRUSTED_PROXIES), so gunicorn's own forwarding trust stays at loopback.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = None  # nginx writes the access log (without query strings)
errorlog = "-"
