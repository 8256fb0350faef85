"""Render a Handout as HTML (Django templates) and as PDF (WeasyPrint), from the same templates.

The print page on the site and the PDF share `education/_handout_body.html` and
`static/education/handout.css`; the PDF gets the drawings inlined as data: URIs so WeasyPrint
never fetches anything over the network.
"""

import base64
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from nerveguide.education.handout import Handout
from nerveguide.education.library import Exercise
from nerveguide.danish.formatting import format_date

STATIC_DIR = Path(__file__).resolve().parent / "static" / "education"


@cache
def handout_css() -> str:
    return (STATIC_DIR / "handout.css").read_text(encoding="utf-8")


@cache
def image_data_uri(exercise: Exercise) -> str:
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


def render_document(handout: Handout):
    """The laid-out WeasyPrint document (its .pages, .write_pdf())."""
    from weasyprint import HTML

    stylesheet, fonts = _weasyprint_styles()
    html = render_to_string("education/handout_pdf.html", handout_context(handout))
    return HTML(string=html, base_url=str(STATIC_DIR)).render(
        stylesheets=[stylesheet], font_config=fonts
    )


def render_pdf(handout: Handout) -> bytes:
    return render_document(handout).write_pdf()


def pdf_filename(handout: Handout) -> str:
    return f"patientmateriale-{handout.region}-{handout.version}-{handout.date.isoformat()}.pdf"
