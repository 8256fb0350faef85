"""The PDF itself: text, Danish letters, page count, and a rendered look (pdftoppm)."""

import datetime as dt
import shutil
import subprocess

import pytest

from nerveguide.education.handout import build_handout
from nerveguide.education.pdf import render_document, render_pdf
from nerveguide.education.tests.helpers import MAXIMAL_CHOICES, pdf_pages, pdf_text

DAY = dt.date(2026, 10, 12)


@pytest.fixture(scope="module")
def maximal_pdfs():
    return {
        version: render_pdf(build_handout({**MAXIMAL_CHOICES, "version": version}, today=DAY))
        for version in ("fuld", "pixi")
    }


@pytest.mark.parametrize("version", ["fuld", "pixi"])
def test_pdf_has_topics_exercises_dosage_goals_and_clinic(maximal_pdfs, version):
    text = pdf_text(maximal_pdfs[version])
    for title in (
        "Viden om tilstanden",
        "Prognose",
        "Egenhåndtering",
        "Smertemekanismer",
        "Behandlingsmuligheder",
        "Humør, oplevelser og følelser",
        "Jobsituation",
    ):
        assert title in text
    for name in ("Bækkenkip", "Knæ til bryst", "Nerveglidning for iskiasnerven", "Gåplan"):
        assert name in text
    assert "2 sæt × 10 gentagelser, 2 gange om dagen" in text
    assert "Gå 10 minutter hver dag" in text and "Cykle 2 km" in text
    assert "Fysioterapi Østerbro" in text and "70 11 31 31" in text
    assert "12. oktober 2026" in text
    assert "sensibilisering" in text  # long-lasting pain
    assert "Ring straks til lægevagten eller 112" in text
    for letter in "æøåÆØÅ–→•×":
        assert letter in text, letter


def test_page_numbers_on_every_page(maximal_pdfs):
    pages = pdf_pages(maximal_pdfs["fuld"])
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {len(pages)}" in page
        assert "Fysioterapi Østerbro" in page


def test_pixi_fits_two_pages_and_is_shorter(maximal_pdfs):
    assert len(pdf_pages(maximal_pdfs["pixi"])) <= 2
    assert len(pdf_text(maximal_pdfs["pixi"])) < len(pdf_text(maximal_pdfs["fuld"]))


def test_neck_pixi_also_fits_two_pages():
    choices = {
        **MAXIMAL_CHOICES,
        "region": "nakke",
        "version": "pixi",
        "exercises": ["gaaplan", "medianus-glider", "hagetraek", "dybe-nakkemuskler", "skulderrul"],
    }
    assert len(render_document(build_handout(choices)).pages) <= 2


def test_no_clinician_background_in_the_patient_pdf(maximal_pdfs):
    text = pdf_text(maximal_pdfs["fuld"]).lower()
    for word in ("nociplastisk", "nociceptorer", "mestringstro", "kun til fysioterapeuten"):
        assert word not in text


def test_html_in_free_text_is_printed_as_text():
    handout = build_handout(
        {"region": "laend", "exercises": ["gaaplan"], "advice": "<b>fed</b> <script>x</script>"}
    )
    assert "<b>fed</b> <script>x</script>" in pdf_text(render_pdf(handout))


def test_same_choices_give_the_same_bytes():
    handout = build_handout({"region": "nakke", "exercises": ["hagetraek"]}, today=DAY)
    assert render_pdf(handout) == render_pdf(handout)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_pages_render_to_png(maximal_pdfs, tmp_path):
    pdf = tmp_path / "pixi.pdf"
    pdf.write_bytes(maximal_pdfs["pixi"])
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "side")], check=True)
    pngs = sorted(tmp_path.glob("side-*.png"))
    assert len(pngs) == len(pdf_pages(maximal_pdfs["pixi"]))
    for png in pngs:
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5000  # a drawn page, not a blank one
