"""`nerveguide search` follows ../shared/specs/cli-contract.md."""

import json
import subprocess
import sys

import pytest


def run_search(*args, stdin: str | None = None):
    command = [sys.executable, "-m", "nerveguide.cli", "search", *args]
    return subprocess.run(
        command,
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.fixture
def docs(tmp_path):
    root = tmp_path / "docs"
    (root / "emne").mkdir(parents=True)
    (root / "iskias.md").write_text(
        "---\ntitle: Iskias\n---\n\nIskias er smerter fra lænden ned i benet.\n\n"
        "## Hvor længe varer iskias?\n\nDe fleste er raske efter få måneder.\n\n"
        "## Ofte stillede spørgsmål\n\n### Må jeg cykle med iskias?\n\nJa, hvis det ikke gør mere ondt.\n",
        encoding="utf-8",
    )
    (root / "emne" / "nakke.txt").write_text(
        "Ondt i nakken med prikken i fingrene.\n", encoding="utf-8"
    )
    (root / "noter.rst").write_text(
        "---\ntitle: Hekseskud\n---\n\nEt hekseskud i lænden.\n", encoding="utf-8"
    )
    (root / "billede.png").write_bytes(b"\x89PNG\r\n")
    return root


def test_json_lines_with_contract_fields(docs, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("hvor længe varer iskias\nprikken i fingrene\n", encoding="utf-8")
    result = run_search("--content", str(docs), "--queries", str(queries))
    assert result.returncode == 0, result.stderr
    first, second = lines(result.stdout)
    assert first["query"] == "hvor længe varer iskias"
    best = first["results"][0]
    assert set(best) == {"source", "heading", "title", "url", "snippet", "score"}
    assert best["source"] == "iskias.md"
    assert best["heading"] == "Hvor længe varer iskias?"
    assert best["title"] == "Iskias"
    assert best["url"].startswith("/iskias/#")
    assert [r["score"] for r in first["results"]] == sorted(
        (r["score"] for r in first["results"]), reverse=True
    )
    # relative name in a sub-directory; text before any heading has heading null
    assert second["results"][0]["source"] == "emne/nakke.txt"
    assert second["results"][0]["heading"] is None


def test_skipped_files_warn_on_stderr_and_front_matter_makes_markdown(docs):
    result = run_search("--content", str(docs), "--queries", "-", stdin="hekseskud\n")
    assert result.returncode == 0
    assert "billede.png" in result.stderr
    [answer] = lines(result.stdout)
    assert answer["results"][0]["source"] == "noter.rst"


def test_stdin_json_queries_limit_and_bad_lines(docs):
    stdin = '{"query": "iskias"}\n{"query": \n{"query": 5}\n[1]\n\ncykle med iskias\n'
    result = run_search("--content", str(docs), "--queries", "-", "--limit", "1", stdin=stdin)
    assert result.returncode != 0  # some lines were bad ...
    out = lines(result.stdout)
    assert len(out) == 5  # ... but every non-blank line got an answer, in order
    assert out[0]["query"] == "iskias" and len(out[0]["results"]) == 1
    assert "error" in out[1] and out[1]["line"] == 2
    assert "error" in out[2]
    assert out[3] == {"query": "[1]", "results": []}  # plain text, not JSON: an (empty) answer
    assert out[4]["results"][0]["heading"] == "Må jeg cykle med iskias?"
    assert "line 2" in result.stderr


def test_missing_directory_and_bad_limit_are_errors(docs, tmp_path):
    result = run_search("--content", str(tmp_path / "findes-ikke"), "--queries", "-", stdin="x\n")
    assert result.returncode != 0 and "no such directory" in result.stderr and result.stdout == ""
    assert (
        run_search("--content", str(docs), "--queries", "-", "--limit", "-1", stdin="x").returncode
        != 0
    )
    assert (
        run_search("--content", str(docs), "--queries", str(tmp_path / "nope.txt")).returncode != 0
    )


def test_seeds_answer_with_exact_headings(shared_dir, tmp_path):
    result = run_search(
        "--content",
        str(shared_dir / "seeds"),
        "--queries",
        "-",
        stdin="iskjas\nhvad er rodtryk i nakken\n",
    )
    assert result.returncode == 0
    iskias, rodtryk = lines(result.stdout)
    assert iskias["results"][0]["source"] == "004_568332825096d9ec.txt"
    assert rodtryk["results"][0]["source"] == "000_6d338169aae19fd7.txt"
    assert rodtryk["results"][0]["heading"] is None
    assert len(iskias["results"]) == 10


def test_without_content_the_published_articles_are_searched(published, tmp_path, capsys):
    from nerveguide.search.cli import answer_all
    from nerveguide.search.webindex import current_index

    queries = tmp_path / "q.txt"
    queries.write_text("lumbago\n", encoding="utf-8")
    assert answer_all(current_index(), str(queries), 3) == 0
    [answer] = lines(capsys.readouterr().out)
    assert answer["results"][0]["source"] == "hekseskud"  # the slug
    assert answer["results"][0]["url"] == "/hekseskud/"


def test_warning_sign_is_reported_before_the_results(docs):
    result = run_search(
        "--content",
        str(docs),
        "--queries",
        "-",
        stdin="kan ikke mærke skridtet\nhvor længe varer iskias\n",
    )
    assert result.returncode == 0, result.stderr
    warned, ordinary = lines(result.stdout)
    assert list(warned)[:2] == ["query", "warning"] and warned["warning"] == "akut"
    assert "warning" not in ordinary
