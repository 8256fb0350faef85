"""Issue 14: the handout PDF is tagged for screen readers (PDF/UA-1, language Danish), and a
full handout does not end on a near-blank page."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from nerveguide.education.handout import build_handout
from nerveguide.education.pdf import render_document, render_pdf
from nerveguide.education.tests.helpers import MAXIMAL_CHOICES

DAY = dt.date(2026, 10, 12)
EXERCISES = MAXIMAL_CHOICES["exercises"]
EXTRAS = {
    key: MAXIMAL_CHOICES[key] for key in ("goals", "ladder", "work_notes", "advice", "clinic_name")
}


def structure(node, found: list) -> list:
    """(role, alt text) of every element of the PDF's structure tree, in reading order."""
    node = node.get_object()
    if "/S" in node:
        found.append((str(node["/S"]), str(node.get("/Alt", ""))))
    kids = node.get("/K")
    if kids is not None:
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                structure(kid, found)
    return found


def pdf_root(data: bytes):
    return PdfReader(io.BytesIO(data)).trailer["/Root"]


@pytest.mark.parametrize("version", ["fuld", "pixi"])
def test_handout_pdf_is_tagged_and_its_language_is_danish(version):
    data = render_pdf(build_handout({**MAXIMAL_CHOICES, "version": version}, today=DAY))
    root = pdf_root(data)
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    roles = {role for role, _ in structure(root["/StructTreeRoot"], [])}
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/P", "/Figure"} <= roles
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()  # PDF/UA identification (XMP)


def test_figures_carry_their_alt_text():
    data = render_pdf(build_handout({**MAXIMAL_CHOICES, "version": "fuld"}, today=DAY))
    figures = [
        alt for role, alt in structure(pdf_root(data)["/StructTreeRoot"], []) if role == "/Figure"
    ]
    assert len(figures) == len(MAXIMAL_CHOICES["exercises"])
    assert all(len(alt) > 10 for alt in figures), figures


def last_page_fill(document) -> float:
    """How much of the last page's content area is used, 0..1 (margin boxes not counted)."""
    page = document.pages[-1]._page_box

    def bottom(box):
        children = [
            c for c in getattr(box, "children", None) or () if type(c).__name__ != "MarginBox"
        ]
        if not children:
            return box.position_y + box.height if getattr(box, "height", 0) else None
        return max((b for b in map(bottom, children) if b is not None), default=None)

    top = page.margin_top + page.padding_top
    return (bottom(page) - top) / page.height


@pytest.mark.parametrize(
    ("exercises", "extras"),
    [
        (1, True),
        (2, True),
        (3, False),
        (4, False),
        (5, True),
    ],  # 1-2 with extras used to end at 4-10 %
)
def test_a_full_handout_does_not_end_on_a_near_blank_page(exercises, extras):
    choices = {
        "region": "laend",
        "duration": "akut",
        "exercises": EXERCISES[:exercises],
        "version": "fuld",
    }
    document = render_document(build_handout({**choices, **(EXTRAS if extras else {})}, today=DAY))
    if len(document.pages) > 1:
        assert last_page_fill(document) >= 0.15
