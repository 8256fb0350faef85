import shutil
from pathlib import Path

import pytest

from nerveguide.content.ingest import ingest_directory

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    """A writable copy of the fixture articles."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def ingested(db, articles_dir):
    report = ingest_directory(articles_dir)
    assert report.errors == 0
    return articles_dir
