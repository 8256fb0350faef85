"""Issue 13: article files as editors really write them. Each case is a small file made here,
with the value or message an editor must get (messages are in Danish, see docs/content.md)."""

import datetime as dt
from pathlib import Path

import pytest

from nerveguide.content.documents import date_problem, read_directory, read_document, url_problem
from nerveguide.content.markdown import render_article

TODAY = dt.date(2026, 11, 22)
HEAD = "---\ntitle: {title}\ndescription: d\n{extra}---\n"


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


def article(
    root: Path, name: str, body: str = "Tekst.\n", title: str = "T", extra: str = ""
) -> Path:
    return write(root, name, HEAD.format(title=title, extra=extra) + body)


def errors(findings, path=None):
    return [
        (f.path, f.line, f.code)
        for f in findings
        if f.severity == "error" and path in (None, f.path)
    ]


# --- YAML keeps text as written -----------------------------------------------------------------


@pytest.mark.parametrize(
    "key, written, expected",
    [
        ("title", "3.10", "3.10"),
        ("title", "2025", "2025"),
        ("title", "true", "true"),
        ("reviewedBy", "+45", "+45"),
        ("description", "0.50", "0.50"),
        ("topic", "1e3", "1e3"),
    ],
)
def test_text_keys_keep_the_text_as_written(tmp_path, key, written, expected):
    write(tmp_path, "a.md", f"---\n{key}: {written}\n---\nTekst.\n")
    document, _ = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert document.meta[key] == expected


def test_slug_and_related_numbers_keep_their_digits(tmp_path):
    article(tmp_path, "a.md", extra="slug: 2.50\nrelated: [1.10]\n")
    article(tmp_path, "b.md", extra="slug: 1.10\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    by_source = {d.source: d for d in documents}
    assert by_source["a.md"].slug == "2-50"
    assert by_source["a.md"].meta["related"] == ["1-10"]
    assert by_source["b.md"].slug == "1-10"
    assert errors(findings) == []  # no false link-broken for "1-1"


def test_title_with_a_colon_says_line_and_quotes(tmp_path):
    write(tmp_path, "a.md", "---\ndescription: d\ntitle: Iskias: symptomer\n---\nTekst.\n")
    _, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    (finding,) = [f for f in findings if f.severity == "error"]
    assert (finding.line, finding.code) == (3, "yaml-invalid")
    assert "anførselstegn" in finding.message and "kolon" in finding.message
    assert "mapping values" not in finding.message


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ("31/02/2025", "'31/02/2025': februar 2025 har ikke en 31. dag (kun 28 dage)"),
        ("29/02/2024", None),
        ("30/02/2024", "'30/02/2024': februar 2024 har ikke en 30. dag (kun 29 dage)"),
        ("31/04/2025", "'31/04/2025': april 2025 har ikke en 31. dag (kun 30 dage)"),
        (
            "12/13/2025",
            "'12/13/2025': måned 13 findes ikke (måneden skal være 1-12; skriv dd/mm/åååå)",
        ),
        ("01/01/1066", "'01/01/1066': året 1066 kan ikke passe (skriv fire cifre, fx 2025)"),
        ("i går", "'i går' er ikke en dato; skriv dd/mm/åååå (fx 19/02/2025) eller åååå-mm-dd"),
        (
            "²2/01/2025",
            "'²2/01/2025' er ikke en dato; skriv dd/mm/åååå (fx 19/02/2025) eller åååå-mm-dd",
        ),
        (
            "٠١/٠١/٢٠٢٥",
            "'٠١/٠١/٢٠٢٥' er ikke en dato; skriv dd/mm/åååå (fx 19/02/2025) eller åååå-mm-dd",
        ),
    ],
)
def test_date_messages_say_what_is_wrong(tmp_path, value, message):
    article(tmp_path, "a.md", extra=f"datePublished: '{value}'\n")
    _, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    found = [f.message for f in findings if f.code == "date-invalid"]
    assert found == ([] if message is None else [f"datePublished: {message}"])
    if message:
        assert date_problem(value) == message


# --- care cards, headings, source links ---------------------------------------------------------


def test_care_card_closed_with_too_few_colons_is_an_error_naming_the_opening_line(tmp_path):
    body = "Intro.\n\n:::: akut\nRing 112\n:::\n\n## Efter kortet\n\nTekst.\n"
    article(tmp_path, "a.md", body=body)  # front matter: lines 1-4, body from line 5
    document, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert document is None
    assert sorted(errors(findings)) == [("a.md", 7, "card-unclosed"), ("a.md", 9, "card-invalid")]
    unclosed = next(f for f in findings if f.code == "card-unclosed")
    assert "linje 7" in unclosed.message and "::::" in unclosed.message


def test_care_card_never_closed_is_an_error(tmp_path):
    article(tmp_path, "a.md", body="::: akut\nRing 112\n\n## Resten\n\nTekst.\n")
    _, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert errors(findings) == [("a.md", 5, "card-unclosed")]


def test_closed_care_card_and_unknown_card_name(tmp_path):
    article(tmp_path, "ok.md", body="::: akut\nRing 112\n:::\n\n## Resten\n\nTekst.\n")
    article(tmp_path, "typo.md", body="::: akutt\nRing 112\n:::\n")
    _, ok = read_document(tmp_path / "ok.md", tmp_path, today=TODAY)
    _, typo = read_document(tmp_path / "typo.md", tmp_path, today=TODAY)
    assert errors(ok) == []
    assert ("typo.md", 5, "card-invalid") in errors(typo)
    assert "'akutt' er ikke et kort" in next(f.message for f in typo if f.code == "card-invalid")


def test_empty_heading_is_a_warning_with_its_line(tmp_path):
    article(tmp_path, "a.md", body="Intro.\n\n###\n\n## Rigtig overskrift\n\nTekst.\n")
    document, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert document is not None
    assert [(f.line, f.code) for f in findings if f.code == "heading-empty"] == [
        (7, "heading-empty")
    ]


@pytest.mark.parametrize(
    "url, unsafe",
    [
        ("https://www.sst.dk/x", False),
        ("http://example.org", False),
        ("javascript:alert(1)", True),
        ("JavaScript:alert(1)", True),
        ("data:text/html;base64,PHNjcmlwdD4=", True),
        ("vbscript:x", True),
        ("//evil.example/x", True),
        ("www.sst.dk", True),
        ("https://", True),
    ],
)
def test_source_links_only_http_and_https(tmp_path, url, unsafe):
    extra = f"sources:\n  - title: Kilde A\n    url: https://a.example/\n  - title: Kilde B\n    url: '{url}'\n"
    article(tmp_path, "a.md", extra=extra)
    _, findings = read_document(tmp_path / "a.md", tmp_path, today=TODAY)
    assert errors(findings) == ([("a.md", 8, "source-url-unsafe")] if unsafe else [])
    assert (url_problem(url) is not None) == unsafe


def test_www_source_says_how_to_fix_it():
    assert (
        url_problem("www.sst.dk")
        == "'www.sst.dk' mangler https:// foran (skriv https://www.sst.dk)"
    )


# --- duplicate slugs and cascading errors -------------------------------------------------------


def test_copied_file_with_same_slug_blocks_both_and_names_both(tmp_path):
    article(tmp_path, "iskias.md", title="Iskias", extra="slug: iskias\n")
    article(tmp_path, "iskias-ny.md", title="Iskias ny", extra="slug: iskias\n")
    article(tmp_path, "andet.md", title="Andet", body="Se [iskias](/iskias/).\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert [d.source for d in documents] == ["andet.md"]  # the link to /iskias/ is not broken
    duplicates = [f for f in findings if f.code == "slug-duplicate"]
    assert {(f.path, f.line) for f in duplicates} == {("iskias.md", 4), ("iskias-ny.md", 4)}
    for finding in duplicates:
        assert "iskias-ny.md og iskias.md" in finding.message


def test_bad_date_does_not_cascade_into_link_errors(tmp_path):
    article(
        tmp_path, "broken.md", extra="datePublished: 31/02/2025\n", body="Se [x](/findes-ikke/).\n"
    )
    for n in range(3):
        article(tmp_path, f"user{n}.md", extra="related: [broken]\n", body="Se [b](/broken/).\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert sorted(d.source for d in documents) == ["user0.md", "user1.md", "user2.md"]
    # The broken file's own body is still checked: its broken link is reported too.
    assert errors(findings) == [("broken.md", 4, "date-invalid"), ("broken.md", 6, "link-broken")]


def test_invalid_yaml_file_keeps_its_slug_and_body_checks(tmp_path):
    write(tmp_path, "a.md", "---\nslug: rodtryk\ntitle: Rodtryk: hvad nu\n---\n:::: akut\nRing\n")
    article(tmp_path, "b.md", body="Se [r](/rodtryk/).\n", extra="related: rodtryk\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert [d.source for d in documents] == ["b.md"]
    assert errors(findings) == [("a.md", 3, "yaml-invalid"), ("a.md", 5, "card-unclosed")]


def test_empty_body_still_claims_its_slug(tmp_path):
    write(tmp_path, "tom.md", "---\ntitle: Tom\n---\n")
    article(tmp_path, "b.md", body="Se [t](/tom/).\n")
    _documents, findings = read_directory(tmp_path, today=TODAY)
    assert errors(findings) == [("tom.md", 4, "body-empty")]


def test_broken_link_typed_with_ae_is_shown_as_typed_with_nearest_slug(tmp_path):
    article(tmp_path, "rygsmaerter.md")
    article(tmp_path, "a.md", body="Læs om [ryggen](/rygsmærter/) og [nakken](/nakkesmerter/).\n")
    article(tmp_path, "nakkesmerte.md")
    _, findings = read_directory(tmp_path, today=TODAY)
    messages = [f.message for f in findings if f.code == "link-broken"]
    assert messages == [
        (
            "linket /rygsmærter/ peger ikke på en artikel: ingen artikel har slug 'rygsmærter'; mente du "
            "/rygsmaerter/? (i adresser skrives æ, ø og å som ae, oe og aa)"
        ),
        (
            "linket /nakkesmerter/ peger ikke på en artikel: ingen artikel har slug 'nakkesmerter'; mente du "
            "/nakkesmerte/?"
        ),
    ]
    assert "%C3%A6" not in " ".join(messages)


def test_related_typo_suggests_nearest_slug(tmp_path):
    article(tmp_path, "iskias.md")
    article(tmp_path, "a.md", extra="related: [iskas]\n")
    _, findings = read_directory(tmp_path, today=TODAY)
    assert [f.message for f in findings if f.code == "link-broken"] == [
        "related: der er ingen artikel med slug 'iskas'; mente du 'iskias'?"
    ]


# --- hostile text (issue 10) ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ['"a\\0b"', '"a\\ud800b"', '"a\\x07b"'])
def test_control_characters_in_front_matter_are_an_error_for_that_file_only(tmp_path, value):
    write(tmp_path, "bad.md", f"---\ndescription: d\ntitle: {value}\n---\nTekst.\n")
    article(tmp_path, "good.md")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert [d.source for d in documents] == ["good.md"]
    assert errors(findings) == [("bad.md", 3, "text-invalid")]


def test_check_and_ingest_share_the_verdict_in_one_run(tmp_path):
    """The CLI prints the same errors whatever the order of files (no first-file-wins)."""
    article(tmp_path, "b.md", extra="slug: same\n")
    article(tmp_path, "a.md", extra="slug: same\n")
    documents, findings = read_directory(tmp_path, today=TODAY)
    assert documents == []
    assert {f.path for f in findings if f.code == "slug-duplicate"} == {"a.md", "b.md"}


def test_unclosed_card_would_have_emptied_the_table_of_contents(tmp_path):
    """Why card-unclosed is an error: the rendered article loses its headings from the contents."""
    body = ":::: akut\nRing 112\n:::\n\n## Efter kortet\n"
    assert render_article(body).toc == []
    assert [t["text"] for t in render_article(body.replace(":::\n", "::::\n")).toc] == [
        "Efter kortet"
    ]


# --- ingest obeys the same verdict ---------------------------------------------------------------


@pytest.mark.django_db
def test_ingest_keeps_the_published_article_when_a_copy_reuses_its_slug(tmp_path):
    from nerveguide.content.ingest import ingest_directory
    from nerveguide.content.models import Article

    article(tmp_path, "iskias.md", title="Iskias", extra="slug: iskias\nreviewedBy: Fagperson\n")
    ingest_directory(tmp_path, today=TODAY)
    original = Article.objects.get(slug="iskias")
    assert (original.source_path, original.title, original.is_published) == (
        "iskias.md",
        "Iskias",
        True,
    )

    article(
        tmp_path, "iskias-ny.md", title="Iskias kopi", extra="slug: iskias\nreviewedBy: Fagperson\n"
    )
    report = ingest_directory(tmp_path, today=TODAY)
    assert {f.path for f in report.findings if f.code == "slug-duplicate"} == {
        "iskias.md",
        "iskias-ny.md",
    }
    kept = Article.objects.get(slug="iskias")
    assert (kept.source_path, kept.title, kept.is_published) == ("iskias.md", "Iskias", True)
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_check_and_ingest_report_the_same_errors_for_one_folder(tmp_path):
    from nerveguide.content.ingest import ingest_directory

    article(tmp_path, "broken.md", extra="datePublished: 31/02/2025\n")
    article(tmp_path, "user.md", extra="related: [broken]\n", body="Se [b](/broken/).\n")
    _, checked = read_directory(tmp_path, today=TODAY)
    report = ingest_directory(tmp_path, today=TODAY)
    assert errors(checked) == errors(report.findings) == [("broken.md", 4, "date-invalid")]


def test_check_cli_with_hostile_files_and_no_environment(tmp_path):
    """Issue 10: run as a subprocess without DEBUG/SECRET_KEY; one finding per bad file, no
    traceback, the good file still read."""
    import json
    import os
    import subprocess
    import sys

    write(tmp_path, "nul.md", '---\ntitle: "a\\0b"\n---\nTekst.\n')
    write(tmp_path, "surrogat.md", '---\ntitle: "a\\ud800"\n---\nTekst.\n')
    (tmp_path / "binary.md").write_bytes(b"---\ntitle: x\x00\n---\n")
    write(tmp_path, "digits.md", "---\ntitle: T\ndatePublished: ²1/01/2025\n---\nTekst.\n")
    article(tmp_path, "good.md", extra="reviewedBy: Fagperson\n")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp")}
    result = subprocess.run(
        [sys.executable, "-m", "nerveguide.cli", "check", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    found = {
        (f["file"], f["code"])
        for f in map(json.loads, result.stdout.splitlines())
        if f["severity"] == "error"
    }
    assert found == {
        ("nul.md", "text-invalid"),
        ("surrogat.md", "text-invalid"),
        ("binary.md", "not-utf8"),
        ("digits.md", "date-invalid"),
    }
    assert "1 documents read" in result.stderr


@pytest.mark.django_db
def test_ingest_publishes_the_other_files_when_one_has_a_nul_in_front_matter(tmp_path):
    from nerveguide.content.ingest import ingest_directory
    from nerveguide.content.models import Article

    write(tmp_path, "nul.md", '---\ntitle: "a\\0b"\ndescription: "x\\0"\n---\nTekst.\n')
    article(tmp_path, "good.md", title="God", extra="reviewedBy: Fagperson\n")
    report = ingest_directory(tmp_path, today=TODAY)
    assert report.created == ["good"]
    assert errors(report.findings) == [("nul.md", 2, "text-invalid"), ("nul.md", 3, "text-invalid")]
    assert list(Article.objects.values_list("slug", flat=True)) == ["good"]
