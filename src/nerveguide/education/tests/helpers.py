"""Shared bits of the education tests: a full set of choices and PDF text extraction."""

import io
import re

from pypdf import PdfReader

MAXIMAL_CHOICES = {
    # The largest realistic handout: five exercises, every topic, long-lasting pain, all texts.
    "region": "laend",
    "duration": "langvarig",
    "exercises": ["baekkenkip", "knae-til-bryst", "iskiasnerve-glider", "arm-ben-loeft", "gaaplan"],
    "goals": ["Gå 10 minutter hver dag", "Cykle til arbejde om fire uger"],
    "ladder": ["Gå 5 minutter", "Gå 10 minutter", "Gå 20 minutter → cykle", "Cykle 2 km"],
    "work_notes": "Start på halv tid i to uger, og skift mellem at sidde og stå.",
    "advice": "Æbler • Åndedræt: husk små pauser, når du sidder ved computeren.",
    "clinic_name": "Fysioterapi Østerbro",
    "clinic_contact": "Tlf. 70 11 31 31 · kontakt@example.dk",
}


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


HYPHENATION_BREAK = re.compile("\u2010\n")  # WeasyPrint's hyphenate-character at a line end


def pdf_text(data: bytes) -> str:
    """All text, with words hyphenated at a line end joined again (the handout CSS hyphenates
    Danish words) and other line breaks turned into single spaces."""
    return " ".join(HYPHENATION_BREAK.sub("", "\n".join(pdf_pages(data))).split())
