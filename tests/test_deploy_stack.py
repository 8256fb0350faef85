"""End to end behind the shipped proxy (issue 17): a real nginx (deploy/nginx/nerveguide.conf)
in front of gunicorn (deploy/gunicorn.conf.py) on loopback; review rate limits key on the client
address the proxy reports, not on the proxy's own address.

Skips without nginx locally; with REQUIRE_NGINX=1 (CI) a missing nginx is a failure. The full
smoke test with PostgreSQL and Redis is deploy/smoke.py (its own CI step).
"""

import os
import sys
import time
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
sys.path.insert(0, str(DEPLOY))

import smoke
import stack


@pytest.fixture(scope="module")
def running_stack(tmp_path_factory):
    if not stack.nginx_available():
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(f"nginx not found at {stack.NGINX} (REQUIRE_NGINX=1)")
        pytest.skip(f"nginx not found at {stack.NGINX}")
    workdir = tmp_path_factory.mktemp("stack")
    env = {
        "DEBUG": "0",
        "TESTING": "1",
        "SECRET_KEY": "e2e-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
        "REDIS_URL": "",
        "VAR_DIR": str(workdir / "var"),
        "TRUSTED_PROXIES": "127.0.0.1,::1",
        "TRUSTED_PROXY_HOPS": "1",
        "TASKS_BACKEND": "immediate",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
        "LOG_LEVEL": "WARNING",
        "SECURE_HSTS_SECONDS": "0",
    }
    running = stack.Stack(workdir, env, page_workers=1, pdf_workers=1)
    running.env["CSRF_TRUSTED_ORIGINS"] = running.url
    running.manage("manage", "migrate", "--no-input")
    running.manage("clinics", "demo")
    with running:
        yield running


def test_shipped_nginx_config_passes_nginx_t(running_stack):
    stack.nginx_test(running_stack.conf)  # raises with nginx's message otherwise


def test_review_limits_key_on_the_forwarded_client(running_stack):
    try:
        smoke.check_client_address(running_stack)
    except AssertionError as failure:
        pytest.fail(f"{failure}\n{running_stack.logs()}")


def test_access_log_has_no_query_strings(running_stack):
    smoke.Browser(running_stack.url).request("/soeg/?q=rygsmerter+og+blod+i+urinen")
    # nginx writes the log line after it has answered: wait for it (at most 10 s).
    deadline = time.monotonic() + 10
    log = ""
    while "/soeg/" not in log and time.monotonic() < deadline:
        time.sleep(0.1)
        log = (running_stack.workdir / "access.log").read_text()
    assert "/soeg/" in log and "rygsmerter" not in log and "?q=" not in log
