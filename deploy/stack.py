"""Run the shipped stack on loopback: nginx (deploy/nginx/nerveguide.conf, rendered with test
paths and ports) in front of the two app-server pools (deploy/appserver.py, granian).

Used by CI's smoke test (deploy/smoke.py), the end-to-end proxy test
(tests/test_deploy_stack.py) and the deployment benchmark (benchmarks/deploy/run.py). Only
what differs on a test machine is replaced in the shipped files: file paths, ports, the TLS
certificate (a fresh self-signed one), the server name. `nginx -t` runs on the result.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NGINX_CONF = REPO / "deploy" / "nginx" / "nerveguide.conf"
APPSERVER = REPO / "deploy" / "appserver.py"
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_available() -> bool:
    return Path(NGINX).exists() and shutil.which("openssl") is not None


def render_nginx(
    workdir: Path, http_port: int, https_port: int, pages: int, pdf: int, static_root: Path
) -> Path:
    """Write nginx.conf (a minimal main file) and the rendered site file into `workdir`."""
    site = NGINX_CONF.read_text()
    replacements = {
        "/var/cache/nginx/nerveguide": str(workdir / "cache"),
        "127.0.0.1:8001": f"127.0.0.1:{pages}",
        "127.0.0.1:8002": f"127.0.0.1:{pdf}",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server_name nerveguide.dk;": "server_name localhost;",
        "/etc/ssl/nerveguide/": f"{workdir}/tls/",
        "/var/log/nginx/nerveguide.access.log": str(workdir / "access.log"),
        "/srv/nerveguide/var/static/": f"{static_root}/",
    }
    for old, new in replacements.items():
        if old not in site:
            raise RuntimeError(f"deploy/nginx/nerveguide.conf no longer contains {old!r}")
        site = site.replace(old, new)
    # nginx started as root runs its workers as "nobody": they must reach the cache and files.
    workdir.chmod(0o755)
    (workdir / "cache").mkdir(parents=True, exist_ok=True)
    (workdir / "cache").chmod(0o777)
    (workdir / "tls").mkdir(exist_ok=True)
    (workdir / "nerveguide.conf").write_text(site)
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(workdir / "tls" / "privkey.pem"),
            "-out",
            str(workdir / "tls" / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )
    # As root (CI), nginx's workers would run as "nobody", which cannot enter pytest's private
    # temporary folders; this throwaway test server keeps root's rights instead.
    user = "user root;" if os.geteuid() == 0 else ""
    main = f"""
{user}
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {workdir}/tmp-body;
    proxy_temp_path {workdir}/tmp-proxy;
    fastcgi_temp_path {workdir}/tmp-fastcgi;
    uwsgi_temp_path {workdir}/tmp-uwsgi;
    scgi_temp_path {workdir}/tmp-scgi;
    include {workdir}/nerveguide.conf;
}}
"""
    path = workdir / "nginx.conf"
    path.write_text(main)
    return path


def nginx_test(conf: Path) -> None:
    """`nginx -t` on the rendered configuration; raises with nginx's message when it fails."""
    result = subprocess.run(
        [NGINX, "-t", "-q", "-c", str(conf), "-p", str(conf.parent)],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"nginx -t failed:\n{result.stderr}")


def wait_for(url: str, seconds: float = 30.0) -> None:
    """Wait until `url` (plain http) gives any HTTP answer (a redirect to https counts)."""
    parts = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            connection.request("GET", parts.path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds} s") from None
            time.sleep(0.1)


class Stack:
    """nginx + the app-server pools on loopback. `env`: the app's environment (DATABASE_URL, ...)."""

    def __init__(self, workdir: Path, env: dict, page_workers: int = 2, pdf_workers: int = 1):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        # The production settings module, whatever the caller (pytest) has set.
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nerveguide.project.settings", **env}
        self.page_workers, self.pdf_workers = page_workers, pdf_workers
        self.pages_port, self.pdf_port = free_port(), free_port()
        self.http_port, self.https_port = free_port(), free_port()
        self.processes: list[subprocess.Popen] = []
        self.static_root = Path(self.env.get("VAR_DIR", self.workdir / "var")) / "static"
        self.conf = render_nginx(
            self.workdir,
            self.http_port,
            self.https_port,
            self.pages_port,
            self.pdf_port,
            self.static_root,
        )

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    @property
    def app_url(self) -> str:
        """The page pool directly, without nginx."""
        return f"http://127.0.0.1:{self.pages_port}"

    def manage(self, *args: str) -> None:
        subprocess.run(
            [str(BIN / "nerveguide"), *args], env=self.env, check=True, stdout=subprocess.DEVNULL
        )

    def start(self) -> "Stack":
        nginx_test(self.conf)
        for pool, port, workers in (
            ("pages", self.pages_port, self.page_workers),
            ("pdf", self.pdf_port, self.pdf_workers),
        ):
            env = {
                **self.env,
                "NERVEGUIDE_POOL": pool,
                "APP_BIND": f"127.0.0.1:{port}",
                "APP_WORKERS": str(workers),
                "APP_ACCESS_LOG": "1",  # the pool's own log tells which pool answered
            }
            log = open(self.workdir / f"app-{pool}.log", "w")  # noqa: SIM115 (the server's)
            self.processes.append(
                subprocess.Popen(
                    [str(BIN / "python"), str(APPSERVER)],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        self.processes.append(
            subprocess.Popen(
                [NGINX, "-c", str(self.conf), "-p", str(self.workdir), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=open(self.workdir / "nginx.stderr", "w"),  # noqa: SIM115 (the server's)
                start_new_session=True,
            )
        )
        try:
            wait_for(f"{self.app_url}/robots.txt")
            wait_for(f"http://127.0.0.1:{self.pdf_port}/robots.txt")
            wait_for(f"http://127.0.0.1:{self.http_port}/")
        except RuntimeError as error:
            self.stop()
            raise RuntimeError(f"{error}\n{self.logs()}") from None
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def logs(self) -> str:
        parts = []
        for name in ("app-pages.log", "app-pdf.log", "error.log", "nginx.stderr"):
            path = self.workdir / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text()[-3000:]}")
        return "\n".join(parts)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
