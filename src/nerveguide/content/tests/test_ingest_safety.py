"""`nerveguide ingest` of the wrong folder must not lose the site (issue "Never a 500", item 8).

Regression: ingesting a folder of glossary articles overwrote the site's articles that share a
slug and unpublished the others, silently. Now every run lists its changes, refuses to
unpublish more than MAX_UNPUBLISH articles without --prune or to replace an article from another
folder without --replace, and --dry-run writes nothing.
"""

import json
from pathlib import Path

import pytest

from nerveguide.cli import main
from nerveguide.content import publication
from nerveguide.content.ingest import MAX_UNPUBLISH, folder_label, ingest_directory
from nerveguide.content.models import Article

SITE_SLUGS = ["arbejde-med-ondt", "hvile-og-soevn", "kulde-eller-varme", "stol-og-bord", "trappen"]


def _article(folder: Path, slug: str, title: str, sentence: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.md").write_text(
        f"---\ntitle: {title}\ndescription: {sentence}\ndatePublished: 2026-09-01\n"
        f"lastUpdated: 2026-09-01\naudience: patient\nregion: laend\ntopic: egenomsorg\n---\n\n"
        f"{sentence} Tal med din fysioterapeut om det.\n",
        encoding="utf-8",
    )


@pytest.fixture
def site(db, tmp_path) -> Path:
    """A site folder of five short articles, ingested."""
    folder = tmp_path / "site"
    for n, slug in enumerate(SITE_SLUGS):
        _article(
            folder, slug, f"Råd nummer {n + 1}", f"Her er et kort råd om {slug.replace('-', ' ')}."
        )
    report = ingest_directory(folder)
    assert report.applied and len(report.created) == 5 and report.errors == 0
    return folder


@pytest.fixture
def other_folder(tmp_path) -> Path:
    """Another folder: one article shares a slug with the site, one is new, the rest are missing."""
    folder = tmp_path / "ordbog"
    _article(folder, "trappen", "Trappen i ordbogen", "En helt anden tekst om trapper.")
    _article(folder, "ordbog-ord", "Et ord", "Et ord forklaret kort.")
    return folder


def _state() -> list[tuple]:
    return sorted(
        Article.objects.values_list("slug", "title", "is_published", "source_dir", "content_hash")
    )


def test_folder_is_recorded_on_every_article(site):
    assert set(Article.objects.values_list("source_dir", flat=True)) == {folder_label(site)}
    assert folder_label(site) == str(site.resolve())  # outside the checkout: absolute


def test_dry_run_changes_nothing(site, other_folder):
    before, generation = _state(), publication.generation()
    report = ingest_directory(other_folder, dry_run=True, prune=True, replace=True)
    assert report.dry_run and not report.applied and not report.refused
    assert report.created == ["ordbog-ord"]
    assert report.updated == ["trappen"] and report.replaced == ["trappen"]
    assert sorted(report.unpublished) == SITE_SLUGS[:4]
    assert _state() == before and publication.generation() == generation


def test_wrong_folder_is_refused_and_nothing_changes(site, other_folder):
    before = _state()
    report = ingest_directory(other_folder)
    assert not report.applied and len(report.refused) == 2
    assert "--prune" in report.refused[0] and "--replace" in report.refused[1]
    assert report.replaced_from == {"trappen": folder_label(site)}
    assert _state() == before


def test_replace_alone_is_still_refused_for_the_unpublishing(site, other_folder):
    before = _state()
    report = ingest_directory(other_folder, replace=True)
    assert report.refused and all("--prune" in reason for reason in report.refused)
    assert _state() == before


def test_both_flags_apply_the_changes(client, site, other_folder):
    report = ingest_directory(other_folder, prune=True, replace=True)
    assert report.applied and not report.refused
    assert Article.objects.get(slug="trappen").title == "Trappen i ordbogen"
    assert Article.objects.get(slug="trappen").source_dir == folder_label(other_folder)
    assert set(Article.objects.filter(is_published=False).values_list("slug", flat=True)) == set(
        SITE_SLUGS[:4]
    )
    assert client.get("/arbejde-med-ondt/").status_code == 404
    assert client.get("/ordbog-ord/").status_code == 200
    # Going back to the site's folder is the same kind of change: it needs the flags again.
    back = ingest_directory(site)
    assert back.refused and back.replaced == ["trappen"]
    assert ingest_directory(site, prune=True, replace=True).applied
    assert client.get("/arbejde-med-ondt/").status_code == 200


def test_a_few_removed_files_need_no_flag(site):
    for slug in SITE_SLUGS[:MAX_UNPUBLISH]:
        (site / f"{slug}.md").unlink()
    report = ingest_directory(site)
    assert report.applied and sorted(report.unpublished) == SITE_SLUGS[:MAX_UNPUBLISH]


def test_more_removed_files_need_prune(site):
    for slug in SITE_SLUGS[: MAX_UNPUBLISH + 1]:
        (site / f"{slug}.md").unlink()
    assert ingest_directory(site).refused
    assert Article.objects.filter(is_published=True).count() == 5
    assert ingest_directory(site, prune=True).applied
    assert Article.objects.filter(is_published=True).count() == 5 - MAX_UNPUBLISH - 1


def test_cli_lists_changes_and_refuses_with_exit_status_3(site, other_folder, capsys):
    before = _state()
    assert main(["ingest", str(other_folder)]) == 3
    out, err = capsys.readouterr()
    assert "created      ordbog-ord" in out
    assert f"changed      trappen (replaces the article from {folder_label(site)})" in out
    assert "unpublished  arbejde-med-ondt" in out
    assert out.strip().splitlines()[-1].startswith("refused, nothing changed: 6 changes")
    assert "refused:" in err and "--prune" in err and "--replace" in err
    assert _state() == before

    assert main(["ingest", str(other_folder), "--dry-run", "--prune", "--replace"]) == 0
    assert "dry run, nothing changed" in capsys.readouterr().out
    assert _state() == before

    assert main(["ingest", str(other_folder), "--prune", "--replace", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["applied"] and report["replaced"] == ["trappen"] and report["changes"] == 6
    assert Article.objects.get(slug="trappen").title == "Trappen i ordbogen"


def test_corpus_over_the_built_in_articles_is_refused(db, shared_dir, content_dir):
    """The incident itself: the glossary corpus ingested over the site's own articles."""
    assert ingest_directory(content_dir).applied
    before = _state()
    report = ingest_directory(shared_dir / "corpus" / "fysfinder-ordbog", dry_run=False)
    assert report.refused and report.replaced and report.unpublished
    assert len(report.created) > 400
    assert _state() == before
