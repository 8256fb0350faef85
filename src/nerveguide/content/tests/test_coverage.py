"""docs/content-coverage.md: every required fact is listed, and every place it names exists."""

import re
from pathlib import Path

import pytest

from nerveguide.content.documents import read_directory

REPO_ROOT = Path(__file__).resolve().parents[4]
COVERAGE = REPO_ROOT / "docs" / "content-coverage.md"
ROW = re.compile(r"^\|\s*(F\d\d)\s*\|\s*([a-z0-9-]+)\s*\|\s*([a-z0-9-]*)\s*\|\s*$")


def coverage_rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in COVERAGE.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.append(match.groups())
    return rows


def required_fact_ids(shared_dir: Path) -> set[str]:
    """F01–F51 and F60 of the spec; F52–F59 are the clinician guide (education app)."""
    spec = (shared_dir / "specs" / "content-facts.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"^- (F\d\d) ", spec, flags=re.MULTILINE))
    return {fact for fact in ids if not 52 <= int(fact[1:]) <= 59}


def test_every_required_fact_is_listed(shared_dir):
    required = required_fact_ids(shared_dir)
    assert len(required) == 52
    listed = {fact for fact, _, _ in coverage_rows()}
    assert not required - listed, (
        f"facts without a place in the coverage table: {sorted(required - listed)}"
    )


def test_every_listed_article_and_section_exists(content_dir):
    documents, _ = read_directory(content_dir)
    anchors = {doc.slug: {passage.anchor for passage in doc.passages} for doc in documents}
    rows = coverage_rows()
    assert rows, "the coverage table has no rows"
    missing = [
        f"{fact} → {slug}#{section}"
        for fact, slug, section in rows
        if slug not in anchors or (section and section not in anchors[slug])
    ]
    assert not missing, "coverage rows pointing at nothing:\n" + "\n".join(missing)


@pytest.mark.parametrize("line", ["| F07 | iskias | hvad-er-iskias |", "| F60 | x |  |"])
def test_row_format_is_read(line):
    assert ROW.match(line)
