"""The web's search index: built from the published articles in the database, kept per process.

Every request compares the publication generation (nerveguide.content.publication, the one owner
of publication state: it moves on every article change, deletions included) with the one the
cached index was built from, so several app-server processes pick up a change made by any of them;
the `content_changed` signal drops the cache at once in the process that ingested. Building the index for the site's articles takes well under a
second, so nothing is persisted: the database is the one source of truth, the same on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import threading

from nerveguide.content import publication
from nerveguide.content.models import Passage
from nerveguide.search.engine import SearchIndex
from nerveguide.search.sources import make_entry

_lock = threading.Lock()
_cached: tuple[int, SearchIndex] | None = None  # (publication generation, index)


def fingerprint() -> int:
    """The publication generation the index must match (see nerveguide.content.publication)."""
    return publication.generation()


def build_index() -> SearchIndex:
    rows = (
        Passage.objects.filter(article__is_published=True)
        .select_related("article")
        .only("heading", "anchor", "kind", "text", "article__slug", "article__title")
        .order_by("article__slug", "position")
    )
    entries = [
        make_entry(row.article.slug, row.article.title, row.article.slug, row) for row in rows
    ]
    return SearchIndex([entry for entry in entries if entry is not None])


def current_index() -> SearchIndex:
    global _cached
    key = fingerprint()
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != key:
            _cached = (key, build_index())
        return _cached[1]


def invalidate(**_kwargs) -> None:
    """Receiver of content.signals.content_changed."""
    global _cached
    _cached = None
