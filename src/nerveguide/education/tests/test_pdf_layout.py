"""Issue 13: the longest text a clinician may type stays inside its column in the PDF.

A long Danish compound in a goal or ladder step used to run over the next column (a 59-letter
word reached x = 454 px against a column edge of 379.5 px). The handout CSS hyphenates (lang="da")
and lets an unbreakable word wrap anywhere; this test walks WeasyPrint's layout boxes and checks
that every piece of text ends inside the block that contains it.
"""

import datetime as dt

import pytest

from nerveguide.education.handout import LADDER_STEPS, MAX_GOALS, TEXT_LIMITS, build_handout
from nerveguide.education.pdf import render_document
from nerveguide.education.tests.helpers import MAXIMAL_CHOICES

DAY = dt.date(2026, 10, 12)
TOLERANCE_PX = 0.5  # rounding in WeasyPrint's layout


def long_word(length: int) -> str:
    """One Danish-looking compound of exactly `length` letters, no spaces (made here)."""
    parts = (
        "nerverods",
        "kompressions",
        "genoptrænings",
        "øvelses",
        "program",
        "opfølgnings",
        "samtale",
    )
    word = ""
    while len(word) < length:
        word += parts[len(word) % len(parts)]
    return word[:length].capitalize()


def longest_choices(version: str) -> dict:
    goal, step = long_word(TEXT_LIMITS["goals"]), long_word(TEXT_LIMITS["ladder"])
    return {
        **MAXIMAL_CHOICES,
        "version": version,
        "goals": [goal] * MAX_GOALS,
        "ladder": [step] * LADDER_STEPS[1],
        "clinic_name": long_word(TEXT_LIMITS["clinic_name"]),
        "clinic_contact": long_word(TEXT_LIMITS["clinic_contact"]),
        "work_notes": long_word(TEXT_LIMITS["work_notes"]),
        "advice": long_word(TEXT_LIMITS["advice"]),
    }


def overflowing_text(document) -> list[tuple[int, str, float, float]]:
    """(page, text, right edge of the text, right edge of its block) for every text box that
    ends outside the content box of the nearest block container around it."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box, block, page_number):
        if isinstance(box, boxes.BlockContainerBox):
            block = box
        if isinstance(box, boxes.TextBox) and box.text.strip():
            right = box.position_x + box.width
            limit = block.content_box_x() + block.width
            if right > limit + TOLERANCE_PX:
                found.append((page_number, box.text[:30], round(right, 1), round(limit, 1)))
        for child in getattr(box, "children", ()):
            walk(child, block, page_number)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, page._page_box, number)
    return found


@pytest.mark.parametrize("version", ["fuld", "pixi"])
def test_longest_allowed_input_stays_inside_its_column(version):
    handout = build_handout(longest_choices(version), today=DAY)
    assert handout.goals[0] == long_word(TEXT_LIMITS["goals"])  # nothing was cut before layout
    document = render_document(handout)
    assert overflowing_text(document) == []


def test_the_check_finds_overflow_when_wrapping_is_off():
    """The walk above is not an assert-nothing: with hyphenation and wrapping switched off again,
    the same input runs over the column edge."""
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    from nerveguide.education.pdf import BASE_URL, _weasyprint_styles, handout_context, url_fetcher

    handout = build_handout(longest_choices("pixi"), today=DAY)
    source = render_to_string("education/handout_pdf.html", handout_context(handout))
    stylesheet, fonts = _weasyprint_styles()
    off = CSS(
        string=".handout, .handout * { hyphens: manual !important; overflow-wrap: normal !important; }",
        font_config=fonts,
    )
    unwrapped = HTML(string=source, base_url=BASE_URL, url_fetcher=url_fetcher()).render(
        stylesheets=[stylesheet, off], font_config=fonts
    )
    assert overflowing_text(unwrapped) != []
