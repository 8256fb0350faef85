"""Render a Handout as HTML (Django templates) and as PDF (WeasyPrint), from the same templates.

The print page on the site and the PDF share `education/_handout_body.html` and
`static/education/handout.css`; the PDF gets the drawings inlined as data: URIs so WeasyPrint
never fetches anything over the network. As defence in depth (escaping is the first guard),
WeasyPrint's every fetch goes through `StaticOnlyFetcher`: our own static files and data: URIs,
nothing else (no http(s), no file: path).

Rendering is CPU-heavy (about 0.1-0.5 s a handout), so `render_slot` bounds how many PDFs one
server renders at once, across all its worker processes (settings.PDF_RENDERS_PER_SERVER); a
request that finds every slot taken gets RenderBusy, which the views answer with 503 and
Retry-After, instead of queueing behind the renders and taking the page workers with it.
"""

import base64
import posixpath
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from nerveguide.danish.formatting import format_date
from nerveguide.education.handout import Handout
from nerveguide.education.library import Exercise

STATIC_DIR = Path(__file__).resolve().parent / "static" / "education"
# The base URL of the PDF's HTML: relative URLs resolve to our static files under this made-up
# origin (.invalid never resolves), which only StaticOnlyFetcher answers.
STATIC_ORIGIN = "https://static.nerveguide.invalid"
BASE_URL = f"{STATIC_ORIGIN}/static/education/"


@cache
def handout_css() -> str:
    """static/education/handout.css as text, read once per process (print page and PDF)."""
    return (STATIC_DIR / "handout.css").read_text(encoding="utf-8")


@cache
def image_data_uri(exercise: Exercise) -> str:
    """The exercise's drawing as a base64 data: URI (image/svg+xml), cached; OSError when the
    image file is missing."""
    data = base64.b64encode(exercise.image_path.read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"


def handout_context(handout: Handout, image_src=image_data_uri) -> dict:
    """What the handout templates need; `image_src(exercise)` gives each drawing's URL."""
    return {
        "handout": handout,
        "date_text": format_date(handout.date),
        "exercises": [
            {
                "exercise": c.exercise,
                "dosage_text": c.dosage.as_text(),
                "image_src": image_src(c.exercise),
            }
            for c in handout.exercises
        ],
    }


@cache
def _weasyprint_styles():
    """The stylesheet parsed once per process, with the font configuration it was parsed for
    (parsing it on every PDF cost about a fifth of the render time)."""
    from weasyprint import CSS  # heavy import, only when a PDF is asked for
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return CSS(string=handout_css(), font_config=fonts), fonts


class FetchRefused(ValueError):
    """WeasyPrint asked for a URL that is not one of our static files (the render goes on
    without it, and WeasyPrint logs a warning)."""


def static_file_for(url: str) -> Path | None:
    """The file of one of our static files named by `url` (STATIC_ORIGIN + STATIC_URL + path),
    or None for every other URL: other schemes (file:, http:, ftp:), hosts, paths outside
    STATIC_URL, "..", or names no static finder knows."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != tuple(urlsplit(STATIC_ORIGIN)[:2]):
        return None
    path = unquote(parts.path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix) or "\\" in path or "\0" in path:
        return None
    name = path[len(prefix) :]
    if not name or posixpath.normpath(name) != name or name.startswith(("/", "..")):
        return None
    found = finders.find(name)
    return Path(found) if found else None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's URL fetcher for handouts: data: URIs and our own static files only."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_file_for(url)
            if found is None:
                raise FetchRefused(f"not one of our static files: {url[:200]}")
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": _mime(found)})

    return StaticOnlyFetcher


def _mime(path: Path) -> str:
    import mimetypes

    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def url_fetcher():
    """A new StaticOnlyFetcher (WeasyPrint's `url_fetcher` argument)."""
    return _fetcher_class()()


def render_html(html: str):
    """Lay out `html` (a handout page) with the handout stylesheet and the static-only fetcher."""
    from weasyprint import HTML

    stylesheet, fonts = _weasyprint_styles()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).render(
        stylesheets=[stylesheet], font_config=fonts
    )


def render_document(handout: Handout):
    """The laid-out WeasyPrint document (its .pages, .write_pdf())."""
    return render_html(render_to_string("education/handout_pdf.html", handout_context(handout)))


class RenderBusy(Exception):
    """Every PDF render slot of this server is taken; try again in `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"all PDF render slots busy, retry after {retry_after} s")
        self.retry_after = retry_after


@contextmanager
def render_slot():
    """Hold one of settings.PDF_RENDERS_PER_SERVER render slots for the `with` block, or raise
    RenderBusy at once. The slots are lock files in VAR_DIR/pdf-slots (filelock: flock on Unix),
    so they bound renders across every worker process and thread on this server, and a crashed
    worker's slot is freed by the kernel."""
    from filelock import FileLock, Timeout

    folder = Path(settings.VAR_DIR) / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(settings.PDF_RENDERS_PER_SERVER):
        lock = FileLock(folder / f"slot-{number}.lock", blocking=False, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            continue
        try:
            yield number
        finally:
            lock.release()
        return
    raise RenderBusy(settings.PDF_RETRY_AFTER)


# Tagged PDF (PDF/UA-1): headings, lists, figures with their alt text and the reading order are
# in the structure tree, so screen readers can read the handout; the document language comes
# from <html lang="da"> (issue 14).
PDF_VARIANT = "pdf/ua-1"


def write_pdf(document) -> bytes:
    """The PDF bytes of a laid-out handout (render_document), tagged as PDF/UA-1."""
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(handout: Handout) -> bytes:
    """The handout as PDF/UA-1 bytes. CPU-heavy (about 0.1-0.5 s): callers serving requests
    hold a render_slot around it."""
    return write_pdf(render_document(handout))


def pdf_filename(handout: Handout) -> str:
    """The download name, "patientmateriale-<region>-<version>-<YYYY-MM-DD>.pdf"."""
    return f"patientmateriale-{handout.region}-{handout.version}-{handout.date.isoformat()}.pdf"
