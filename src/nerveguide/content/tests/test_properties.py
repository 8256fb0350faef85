"""Whatever is in a file, reading it never raises, and every problem comes with a line."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nerveguide.content.documents import read_directory, read_document
from nerveguide.content.markdown import render_markdown

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_ish = st.lists(
    st.sampled_from(
        [
            "title: ",
            "date: ",
            "- ",
            "  ",
            ": ",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a ",
            "!!python/object ",
            "'",
            '"',
            "\n",
            "---",
            "19/02/2025",
            "no",
            "1:20",
            "\t",
            "?",
            "|",
            ">",
            "#",
            "æøå",
            "\ufeff",
        ]
    ),
    max_size=40,
).map("".join)


def check(path: Path, root: Path) -> None:
    document, findings = read_document(path, root)
    assert document is not None or findings
    for finding in findings:
        assert (
            finding.line >= 1
            and finding.severity in ("error", "warning")
            and finding.code
            and finding.message
        )


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash(tmp_path, data):
    path = tmp_path / "x.md"
    path.write_bytes(data)
    check(path, tmp_path)


@SETTINGS
@given(front=yaml_ish, body=st.text(max_size=300))
def test_broken_front_matter_never_crashes(tmp_path, front, body):
    path = tmp_path / "x.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    check(path, tmp_path)


@SETTINGS
@given(text=st.text(max_size=500), bom=st.booleans(), crlf=st.booleans())
def test_any_text_with_bom_and_crlf(tmp_path, text, bom, crlf):
    content = ("\ufeff" if bom else "") + "---\ntitle: T\n---\n" + text
    if crlf:
        content = content.replace("\n", "\r\n")
    path = tmp_path / "x.txt"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    check(path, tmp_path)


@SETTINGS
@given(text=st.text(max_size=500))
def test_render_markdown_never_crashes_or_emits_script(text):
    html = render_markdown(text)
    assert "<script" not in html.lower()


def test_deeply_nested_yaml_is_a_finding(tmp_path):
    (tmp_path / "deep.md").write_text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\nTekst\n")
    (tmp_path / "deepmap.md").write_text(
        "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(3000)) + "---\nT\n"
    )
    (tmp_path / "quotes.md").write_text("> " * 5000 + "tekst\n")
    (tmp_path / "lists.md").write_text("".join("  " * i + "- x\n" for i in range(2000)))
    _documents, findings = read_directory(tmp_path)
    assert {f.path for f in findings if f.severity == "error"} >= {"deep.md"}
    assert all(f.line >= 1 for f in findings)


def test_large_file_reads(tmp_path):
    paragraph = "Det gør ondt i ryggen, og det stråler ned i benet. " * 20 + "\n\n"
    (tmp_path / "big.md").write_text(
        "---\ntitle: Stor\n---\n" + ("## Afsnit\n\n" + paragraph * 20) * 500
    )
    assert (tmp_path / "big.md").stat().st_size > 10_000_000
    document, _findings = read_document(tmp_path / "big.md", tmp_path)
    assert document is not None and len(document.passages) == 500


def test_too_large_file_is_an_error_not_a_crash(tmp_path, monkeypatch):
    from nerveguide.content import documents

    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 100)
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\n" + "x" * 200)
    document, findings = read_document(tmp_path / "a.md", tmp_path)
    assert document is None and [f.code for f in findings] == ["file-too-large"]
