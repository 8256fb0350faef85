"""The PDF endpoint's guards: WeasyPrint fetches only our own static files, one server renders
a bounded number of PDFs at once (503 + Retry-After beyond), and each client is rate-limited."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nerveguide.education import pdf
from nerveguide.education.tests.test_web import FORM


@pytest.fixture
def web_server():
    """A real HTTP server on loopback that counts the requests it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_render_fetches_no_url_and_no_file(web_server, tmp_path):
    base, hits = web_server
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    html = (
        f'<p>x</p><img src="{base}/tracker.svg"><img src="file://{secret}">'
        f'<link rel="stylesheet" href="{base}/style.css"><img src="/etc/passwd">'
    )
    document = pdf.render_html(html)
    assert len(document.pages) == 1
    assert hits == []


def test_fetcher_answers_only_our_static_files():
    fetcher = pdf.url_fetcher()
    drawing = fetcher.fetch(f"{pdf.BASE_URL}exercises/baekkenkip.svg")
    assert drawing.read().lstrip().startswith(b"<")
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/x.svg",
        f"{pdf.STATIC_ORIGIN}/static/../../etc/passwd",
        f"{pdf.STATIC_ORIGIN}/etc/passwd",
        f"{pdf.STATIC_ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{pdf.STATIC_ORIGIN}/static/findes-ikke.css",
        "https://static.nerveguide.invalid.evil.org/static/css/site.css",
    ]:
        with pytest.raises(pdf.FetchRefused):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"


def test_render_slots_bound_concurrent_renders(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PDF_RENDERS_PER_SERVER = 2
    with pdf.render_slot() as first, pdf.render_slot() as second:
        assert {first, second} == {0, 1}
        with pytest.raises(pdf.RenderBusy) as busy, pdf.render_slot():
            pass
        assert busy.value.retry_after == settings.PDF_RETRY_AFTER
    with pdf.render_slot() as again:  # freed when the renders end
        assert again == 0


def test_busy_server_answers_503_with_retry_after(db, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PDF_RENDERS_PER_SERVER = 1
    with pdf.render_slot():
        response = client.post("/patientuddannelse/pdf/", FORM)
        assert response.status_code == 503 and response["Retry-After"] == str(
            settings.PDF_RETRY_AFTER
        )
        assert "Prøv igen om lidt" in response.content.decode()
        api = client.post(
            "/api/handouts/",
            {"region": "laend", "exercises": ["baekkenkip"]},
            content_type="application/json",
        )
        assert api.status_code == 503 and api["Retry-After"] and api.json()["detail"]
    assert client.post("/patientuddannelse/pdf/", FORM).status_code == 200


def test_each_client_is_rate_limited(db, client, settings):
    settings.PDF_PER_CLIENT = 2
    assert (
        client.post("/patientuddannelse/pdf/", FORM, REMOTE_ADDR="203.0.113.5").status_code == 200
    )
    assert (
        client.post("/patientuddannelse/pdf/", FORM, REMOTE_ADDR="203.0.113.5").status_code == 200
    )
    refused = client.post("/patientuddannelse/pdf/", FORM, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "no-store" in refused["Cache-Control"]
    assert (
        client.post("/patientuddannelse/pdf/", FORM, REMOTE_ADDR="198.51.100.6").status_code == 200
    )
