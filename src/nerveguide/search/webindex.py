"""The web's search index: built from the published articles in the database, once per generation.

Every request compares the publication generation (nerveguide.content.publication, the one owner
of publication state: it moves on every article change, deletions included) with the one the
cached index was built from, so several app-server processes pick up a change made by any of them;
the `content_changed` signal drops the cache at once in the process that ingested.

The index of a generation is built once, by whichever process needs it first (under a file lock),
and saved under settings.SEARCH_INDEX_DIR (search.storage); every other process maps it from
disk, which is fast and shares the memory between processes. The directory's name holds the
generation, a stamp of the published passages (so a re-created database that reaches the same
generation number with other content is not mistaken for it), the database and a digest of the
search code and data files (so a deploy never serves an index built by other rules). Older
indexes of the same database are removed. If the directory cannot be used (missing, read-only,
unreadable, lock timeout) the index is built in this process's memory and a warning is logged:
search keeps working. The database stays the one source of truth, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max
from filelock import FileLock, Timeout

from nerveguide.content import publication
from nerveguide.content.models import Passage
from nerveguide.search import storage
from nerveguide.search.engine import SearchIndex
from nerveguide.search.sources import make_entry

logger = logging.getLogger(__name__)
SEARCH_PACKAGE = Path(__file__).resolve().parent
# Seconds a process waits for another one building the same index (about 10 s at 4,850
# articles) before it builds its own copy in memory.
LOCK_TIMEOUT = 120.0

_lock = threading.Lock()
_cached: tuple[int, SearchIndex] | None = None  # (publication generation, index)


def fingerprint() -> int:
    """The publication generation the index must match (see nerveguide.content.publication)."""
    return publication.generation()


def build_index() -> SearchIndex:
    """A new in-memory index of the passages of every published article, by slug and position
    (seconds at thousands of articles)."""
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
    """This process's index of the current publication generation, obtained again (see
    obtain_index; under a thread lock) when the generation has moved since; database errors
    pass through."""
    global _cached
    key = fingerprint()
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != key:
            _cached = (key, obtain_index(key))
        return _cached[1]


def index_dir() -> Path | None:
    """Where the shared indexes live (settings.SEARCH_INDEX_DIR); None: keep them in memory."""
    folder = getattr(settings, "SEARCH_INDEX_DIR", "")
    return Path(folder) if folder else None


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the search package's code and data files: an index built by other rules is
    never loaded."""
    digest = hashlib.sha256()
    for path in sorted([*SEARCH_PACKAGE.glob("*.py"), *SEARCH_PACKAGE.glob("*.yaml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def database_digest() -> str:
    """A short name for the database in use (engine, host, port, name)."""
    found = connection.settings_dict
    text = "|".join(str(found.get(k, "")) for k in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def index_name(generation: int) -> str:
    """The directory name of the index of `generation`: database, generation, stamp, code.

    The stamp (number, highest id and latest article change of the published passages) is one
    aggregate query, asked only when the generation has moved, not per request.
    """
    stamp = Passage.objects.filter(article__is_published=True).aggregate(
        count=Count("pk"), top=Max("pk"), changed=Max("article__updated_at")
    )
    text = f"{stamp['count']}|{stamp['top']}|{stamp['changed']}|{code_digest()}"
    return f"{database_digest()}-g{generation}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def obtain_index(generation: int) -> SearchIndex:
    """The index of `generation`: mapped from disk, built and saved there first if no process
    has done so yet, or built in memory when the directory cannot be used (logged)."""
    folder = index_dir()
    if folder is None:
        return build_index()
    path = folder / index_name(generation)
    try:
        return storage.load_index(path)
    except storage.IndexFileError:
        pass  # not built yet (or damaged): build it under the lock
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(folder / "build.lock", timeout=LOCK_TIMEOUT):
            if path.exists():
                try:
                    return storage.load_index(path)  # built while this process waited
                except storage.IndexFileError as error:
                    logger.warning("search index %s unreadable, rebuilding: %s", path, error)
                    shutil.rmtree(path)
            storage.save_index(build_index(), path)
            remove_old(folder, keep=path.name)
            return storage.load_index(path)
    except (OSError, Timeout, storage.IndexFileError) as error:
        logger.warning("search index not shared (%s); building it in this process", error)
        return build_index()


def remove_old(folder: Path, keep: str) -> None:
    """Remove the other indexes of this database (and leftovers of interrupted builds).

    Processes that still map an old index keep reading it: on POSIX a removed file lives on
    until its last mapping is closed."""
    prefix = keep.split("-g", 1)[0] + "-g"
    for path in folder.iterdir():
        if path.name.lstrip(".").startswith(prefix) and path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def invalidate(**_kwargs) -> None:
    """Receiver of content.signals.content_changed."""
    global _cached
    _cached = None
