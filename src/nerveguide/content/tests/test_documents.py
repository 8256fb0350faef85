import datetime as dt
from pathlib import Path

import pytest

from nerveguide.content.documents import parse_date, read_directory, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
TODAY = dt.date(2026, 11, 22)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def codes(findings):
    return sorted(f.code for f in findings)


def test_fixture_directory_reads_without_errors():
    documents, findings = read_directory(FIXTURES, today=TODAY)
    assert [f for f in findings if f.severity == "error"] == []
    assert {d.slug for d in documents} == {
        "rodtryk-i-laenden",
        "oevelser-for-laenden",
        "nerverod-fagligt",
    }


def test_passages_headings_anchors_and_faq():
    document, _ = read_document(FIXTURES / "rodtryk-i-laenden.md", FIXTURES, today=TODAY)
    intro, *rest = document.passages
    assert (intro.heading, intro.anchor, intro.level, intro.kind) == (None, "", 0, "intro")
    assert intro.text.startswith("Rodtryk betyder")
    assert [(p.heading, p.anchor, p.level, p.kind) for p in rest] == [
        ("Hvordan føles det?", "hvordan-foeles-det", 2, "section"),
        ("Ofte stillede spørgsmål", "ofte-stillede-spoergsmaal", 2, "section"),
        ("Går det over af sig selv?", "gaar-det-over-af-sig-selv", 3, "faq"),
        ("Må jeg gå tur?", "maa-jeg-gaa-tur", 3, "faq"),
    ]
    assert "[" not in rest[0].text and "øvelser" in rest[0].text  # link markup stripped
    assert "ikke kan tisse" in rest[0].text  # care card text belongs to its section


def test_front_matter_normalised():
    document, findings = read_document(FIXTURES / "rodtryk-i-laenden.md", FIXTURES, today=TODAY)
    meta = document.meta
    assert meta["datePublished"] == dt.date(2026, 10, 1)
    assert meta["lastUpdated"] == dt.date(2026, 11, 2)
    assert meta["nextReview"] == dt.date(2029, 11, 2)  # lastReviewed + 3 years
    assert meta["related"] == ["oevelser-for-laenden"]
    assert meta["sources"][0]["url"] == "https://example.org/kilde"
    assert document.line_offset == 17
    assert "review-overdue" not in codes(findings)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("19/02/2025", dt.date(2025, 2, 19)),
        ("2025-02-19", dt.date(2025, 2, 19)),
        ("1/2/2025", dt.date(2025, 2, 1)),
        ("31/02/2025", None),
        ("i går", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_yaml_11_traps_stay_text(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: no\ntopic: 1:20\nslug: 0755\ndatePublished: 2025-02-19\n---\nTekst.\n",
    )
    document, _findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert document.title == "no"
    assert document.meta["topic"] == "1:20"
    assert document.slug == "0755"
    assert document.meta["datePublished"] == dt.date(2025, 2, 19)


def test_title_from_meta_title_and_unknown_keys(tmp_path):
    write(tmp_path, "x.md", "---\nmetaTitle: Iskias – Hvad er det?\nKORT: ja\n---\nTekst her.\n")
    document, findings = read_document(tmp_path / "x.md", tmp_path, today=TODAY)
    assert document.title == "Iskias"
    assert document.meta["KORT"] == "ja"
    unknown = [f for f in findings if f.code == "key-unknown"]
    assert unknown and unknown[0].line == 3


def test_capitalised_title_key_is_used_and_warned(tmp_path):
    write(tmp_path, "x.md", "---\nTitle: Udbrændthed\n---\nTekst.\n")
    document, findings = read_document(tmp_path / "x.md", tmp_path, today=TODAY)
    assert document.title == "Udbrændthed"
    assert "key-unknown" in codes(findings)


def test_plain_text_file_is_a_plain_document(tmp_path):
    write(tmp_path, "pdf.txt", " Første linje\nfortsat her\n\nAndet afsnit\n")
    document, _findings = read_document(tmp_path / "pdf.txt", tmp_path, today=TODAY)
    assert document.format == "text"
    assert [p.text for p in document.passages] == ["Første linje fortsat her", "Andet afsnit"]
    assert all(p.heading is None for p in document.passages)
    assert document.title == "Første linje fortsat her"


def test_txt_with_front_matter_is_markdown(tmp_path):
    write(tmp_path, "a.txt", "---\ntitle: A\n---\n## Hej\n\nTekst.\n")
    document, _ = read_document(tmp_path / "a.txt", tmp_path, today=TODAY)
    assert document.format == "markdown" and document.passages[0].heading == "Hej"


def test_other_files_skipped_with_warning(tmp_path):
    write(tmp_path, "a.html", "<p>hej</p>")
    document, findings = read_document(tmp_path / "a.html", tmp_path, today=TODAY)
    assert document is None and codes(findings) == ["file-skipped"]


@pytest.mark.parametrize(
    "content, code, line",
    [
        ("---\ntitle: [unclosed\n---\nTekst\n", "yaml-invalid", 2),
        ("---\ntitle: a\ndatePublished: 32/13/2025\n---\nTekst\n", "date-invalid", 3),
        ("---\ntitle: a\n---\n\n  \n", "body-empty", 4),
        (b"---\ntitle: a\n---\n\xff\xfe bad\n", "not-utf8", 4),
        ("---\ntitle: a\n", "yaml-invalid", 1),
        ("---\n- a\n- b\n---\nTekst\n", "yaml-invalid", 2),
        ("---\na: &x [1]\nb: *x\n---\nTekst\n", "yaml-invalid", 3),
    ],
)
def test_file_errors_have_code_and_line(tmp_path, content, code, line):
    write(tmp_path, "bad.md", content)
    document, findings = read_document(tmp_path / "bad.md", tmp_path, today=TODAY)
    assert document is None
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.code, f.line) for f in errors] == [(code, line)]


def test_bom_and_crlf(tmp_path):
    write(tmp_path, "a.md", "\ufeff---\r\ntitle: Ø\r\n---\r\n## Hej\r\n\r\nTekst.\r\n".encode())
    document, _findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert document.title == "Ø" and document.passages[0].heading == "Hej"


def test_warnings(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: A\ndatePublished: 2025-02-19\nlastUpdated: 2024-02-19\n"
        "lastReviewed: 2020-01-01\n---\nTekst.\n",
    )
    _, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert {"updated-before-published", "description-missing", "review-overdue"} <= set(
        codes(findings)
    )
    assert next(f.line for f in findings if f.code == "updated-before-published") == 4


def test_cross_file_checks(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: A\nslug: same\ndescription: d\n---\nSe [b](/findes-ikke/) og [c](/emner/).\n",
    )
    write(tmp_path, "b.md", "---\ntitle: B\nslug: same\ndescription: d\n---\nTekst.\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert documents == []  # a duplicate slug blocks both files (see test_editor_files.py)
    assert ("a.md", "link-broken", 6) in {(f.path, f.code, f.line) for f in findings}
    assert {("a.md", "slug-duplicate", 3), ("b.md", "slug-duplicate", 3)} <= {
        (f.path, f.code, f.line) for f in findings
    }


def test_one_bad_file_does_not_stop_the_rest(tmp_path):
    write(tmp_path, "good.md", "---\ntitle: God\n---\nTekst.\n")
    write(tmp_path, "bad.md", b"\x00\x01\x02")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert [d.slug for d in documents] == ["good"]
    assert any(f.path == "bad.md" and f.severity == "error" for f in findings)


TEMPLATE = """---
title: {title}
description: d
---

{title} er en tilstand, hvor en nerve bliver trykket eller irriteret, og det kan give smerter.

## Hvad er symptomerne på {low}?

Mange mærker smerter, prikken og nedsat kraft, og nogle får svært ved at sove om natten.

## Hvordan behandles {low}?

Behandlingen starter næsten altid med bevægelse, gode råd og træning hos en fysioterapeut.
"""


def test_near_duplicates_found_despite_different_subjects(tmp_path):
    write(tmp_path, "a.md", TEMPLATE.format(title="Klemt nerve i armen", low="klemt nerve i armen"))
    write(tmp_path, "b.md", TEMPLATE.format(title="Klemt nerve i benet", low="klemt nerve i benet"))
    write(
        tmp_path,
        "c.md",
        "---\ntitle: Søvn\ndescription: d\n---\nSov godt om natten med en pude "
        "under knæene, og stå op på samme tid hver morgen.\n",
    )
    _, findings = read_directory(tmp_path, today=TODAY)
    near = [(f.path, f.code) for f in findings if f.code == "near-duplicate"]
    assert near == [("b.md", "near-duplicate")]


def test_a_link_out_of_the_folder_is_never_read(tmp_path):
    """Regression: content/leak.md -> /etc/passwd was read, checked, ingested and searchable."""
    secret = tmp_path / "outside.txt"
    secret.write_text("root:x:0:0:hemmelig", encoding="utf-8")
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "leak.md").symlink_to(secret)
    documents, findings = read_directory(folder)
    assert documents == []
    assert [(f.path, f.code, f.severity) for f in findings] == [
        ("leak.md", "link-outside-folder", "error")
    ]
