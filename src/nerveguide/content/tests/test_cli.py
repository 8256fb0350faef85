import json
import subprocess
import sys
from pathlib import Path

import pytest

from nerveguide.cli import main
from nerveguide.content.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nerveguide.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
        timeout=300,
    )


def test_check_fixture_directory_is_clean():
    result = run_cli("check", str(FIXTURES), "--json", "--strict")
    assert result.returncode == 0, result.stdout
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    # Only the advisory "not reviewed yet" warning, for the two fixtures without reviewedBy.
    assert sorted((f["file"], f["code"]) for f in findings) == [
        ("nerverod-fagligt.md", "reviewer-missing"),
        ("oevelser-for-laenden.md", "reviewer-missing"),
    ]
    assert "3 documents read: 0 errors, 2 warnings" in result.stderr
    assert "2 advisory warnings do not fail --strict" in result.stderr


def test_strict_reports_a_missing_reviewer_but_fails_only_on_other_warnings(tmp_path, capsys):
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\ndescription: Kort.\n---\nTekst.\n", encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--strict"]) == 0
    assert "a.md:1: warning [reviewer-missing]" in capsys.readouterr().out
    (tmp_path / "b.md").write_text(
        "---\ntitle: B\nreviewedBy: Fagperson\n---\nTekst.\n", encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--strict"]) == 1  # description-missing is not advisory
    out = capsys.readouterr().out
    assert (
        "b.md:1: warning [description-missing]" in out
        and "b.md:1: warning [reviewer-missing]" not in out
    )


def test_check_reports_json_lines_and_exit_status(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\ndatePublished: 99/99/2025\n---\nTekst.\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\nTekst.\n")
    result = run_cli("check", str(tmp_path), "--json")
    assert result.returncode == 1
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [f for f in findings if f["severity"] == "error"]
    assert [(f["file"], f["line"], f["code"]) for f in errors] == [("a.md", 3, "date-invalid")]
    assert set(errors[0]) == {"file", "line", "severity", "code", "message"}
    assert {f["code"] for f in findings} >= {"date-invalid", "description-missing"}
    assert "1 errors" in result.stderr


def test_check_strict_fails_on_warnings(tmp_path, capsys):
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\nTekst.\n")
    assert main(["check", str(tmp_path)]) == 0
    assert main(["check", str(tmp_path), "--strict"]) == 1
    assert "b.md:1: warning [description-missing]" in capsys.readouterr().out


def test_check_missing_directory(tmp_path):
    assert main(["check", str(tmp_path / "nope")]) == 2


def test_check_seeds(shared_dir):
    result = run_cli("check", str(shared_dir / "seeds"), "--json")
    assert result.returncode == 0, result.stdout
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert not [f for f in findings if f["severity"] == "error"]
    near = {f["file"] for f in findings if f["code"] == "near-duplicate"}
    assert near == {"001_c88a25c93af427ca.txt", "002_da65c7fc8c0cc9e9.txt"}
    assert {f["file"] for f in findings if f["code"] == "updated-before-published"} == {
        "001_c88a25c93af427ca.txt",
        "002_da65c7fc8c0cc9e9.txt",
    }


def test_check_corpus_has_no_errors(shared_dir):
    result = run_cli("check", str(shared_dir / "corpus" / "fysfinder-ordbog"), "--json")
    assert result.returncode == 0
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert not [f for f in findings if f["severity"] == "error"]
    assert sum(f["code"] == "updated-before-published" for f in findings) == 162
    assert any(f["file"] == "udbraendthed.md" and f["code"] == "key-unknown" for f in findings)


@pytest.mark.django_db
def test_ingest_command(capsys):
    assert main(["ingest", str(FIXTURES)]) == 0
    assert "3 changes: 3 created" in capsys.readouterr().out
    assert main(["ingest", str(FIXTURES), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["changes"] == 0 and summary["unchanged"] == 3
    assert Article.objects.filter(is_published=True).count() == 3
