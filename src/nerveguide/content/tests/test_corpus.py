"""The third-party corpus (485 real-world articles) and our own articles ingest and render."""

import pytest

from nerveguide.content.documents import read_directory
from nerveguide.content.ingest import ingest_directory
from nerveguide.content.models import Article


@pytest.mark.django_db
def test_corpus_ingests_and_every_article_renders(client, shared_dir):
    report = ingest_directory(shared_dir / "corpus" / "fysfinder-ordbog")
    assert report.errors == 0 and len(report.created) == 485
    slugs = list(Article.objects.filter(is_published=True).values_list("slug", flat=True))
    assert len(slugs) == 485
    for slug in slugs:
        response = client.get(f"/{slug}/")
        assert response.status_code == 200, slug
    assert ingest_directory(shared_dir / "corpus" / "fysfinder-ordbog").changes == 0


@pytest.mark.django_db
def test_seeds_ingest(client, shared_dir):
    report = ingest_directory(shared_dir / "seeds")
    assert report.errors == 0 and len(report.created) == 5
    assert client.get("/003-996d994197bb7848/").status_code == 200  # the plain-text document


def test_built_in_articles_have_no_errors(content_dir):
    if not any(content_dir.glob("*.md")):
        pytest.skip("no built-in articles yet")
    documents, findings = read_directory(content_dir)
    errors = [f"{f.path}:{f.line} {f.code} {f.message}" for f in findings if f.severity == "error"]
    assert errors == []
    assert documents


@pytest.mark.django_db
def test_built_in_articles_ingest_and_render(client, content_dir):
    if not any(content_dir.glob("*.md")):
        pytest.skip("no built-in articles yet")
    report = ingest_directory(content_dir)
    assert report.errors == 0
    for slug in Article.objects.filter(is_published=True).values_list("slug", flat=True):
        assert client.get(f"/{slug}/").status_code == 200, slug
    assert client.get("/emner/").status_code == 200
