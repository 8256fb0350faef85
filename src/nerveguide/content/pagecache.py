"""Whole rendered pages in the Django cache, keyed by path and publication generation.

Used only by CachedPageMiddleware: it is the one page cache. The generation comes from
nerveguide.content.publication (the one owner of publication state), so any change to an
article, a deletion included, moves every key on; old entries are never read again and expire.
Pages carry no per-visitor data (no CSP nonce, no CSRF token), so every visitor gets the same bytes.

The cache is an optimisation: with Redis unreachable the configured backend answers "not cached"
and logs a warning (django-redis IGNORE_EXCEPTIONS, see settings), and pages are rendered.

In front of the shared cache sits a small per-process copy (`LocalPages`, issue 15: a Redis
round trip per cached page was 43 % of a worker's time). It holds only entries the shared cache
holds (what `put` stored or `get` fetched), of one generation only: the newest this process has
asked for. A request with any other generation empties it first, so once this process knows a
newer generation (publication.generation(), trusted for GENERATION_TTL seconds like everywhere
else) no older page is served from it. It is bounded by settings.PAGECACHE_LOCAL_BYTES (bytes of
body and headers, default 32 MiB; 0 turns it off) and PAGECACHE_LOCAL_PAGES (default 1000),
evicting the least recently used page (sizes: `entry_size`).
"""

import logging
import sys
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

PAGE_TIMEOUT = 24 * 3600  # seconds; entries of an old generation are dead weight until then
LOCAL_BYTES = 32 * 1024 * 1024  # default of settings.PAGECACHE_LOCAL_BYTES
LOCAL_PAGES = 1000  # default of settings.PAGECACHE_LOCAL_PAGES


def entry_size(entry: dict) -> int:
    """Bytes of memory an entry's body and header strings take (sys.getsizeof: a page with one
    character beyond Latin-1, such as "–", takes two bytes per character)."""
    return sys.getsizeof(entry["body"]) + sum(
        sys.getsizeof(name) + sys.getsizeof(value) for name, value in entry["headers"]
    )


class LocalPages:
    """This process's copy of some shared-cache entries, all of one publication generation.

    Written by hand around an OrderedDict (about 30 lines): the generation rule and the byte
    bound are the point, and a library LRU (cachetools) would still need both and a lock.
    Thread-safe (gunicorn gthread, runserver). Sizes: see `entry_size`."""

    def __init__(self, max_bytes: int, max_pages: int):
        self.max_bytes, self.max_pages = max_bytes, max_pages
        self.generation: int | None = None
        self.bytes = 0
        self._pages: OrderedDict[str, tuple[dict, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def _follow(self, generation: int) -> None:
        if generation != self.generation:  # a newer page set (or a rolled-back reading): start over
            self._pages.clear()
            self.bytes, self.generation = 0, generation

    def get(self, generation: int, path: str) -> dict | None:
        """The entry stored for `path` in exactly `generation`, or None."""
        with self._lock:
            self._follow(generation)
            found = self._pages.get(path)
            if found is None:
                return None
            self._pages.move_to_end(path)
            return found[0]

    def put(self, generation: int, path: str, entry: dict) -> None:
        """Keep `entry` (unless it alone exceeds the byte bound), evicting the least recent."""
        size = entry_size(entry)
        with self._lock:
            self._follow(generation)
            old = self._pages.pop(path, None)
            if old is not None:
                self.bytes -= old[1]
            if size > self.max_bytes or self.max_pages < 1:
                return
            self._pages[path] = (entry, size)
            self.bytes += size
            while self.bytes > self.max_bytes or len(self._pages) > self.max_pages:
                _, (_, evicted) = self._pages.popitem(last=False)
                self.bytes -= evicted

    def clear(self) -> None:
        """Drop every entry and forget the generation."""
        with self._lock:
            self._pages.clear()
            self.bytes, self.generation = 0, None


_local: LocalPages | None = None
_local_lock = threading.Lock()


def local() -> LocalPages | None:
    """This process's LocalPages (made on first use from the settings), or None when turned off."""
    global _local
    max_bytes = getattr(settings, "PAGECACHE_LOCAL_BYTES", LOCAL_BYTES)
    max_pages = getattr(settings, "PAGECACHE_LOCAL_PAGES", LOCAL_PAGES)
    if max_bytes <= 0 or max_pages <= 0:
        return None
    with _local_lock:
        if _local is None or (_local.max_bytes, _local.max_pages) != (max_bytes, max_pages):
            _local = LocalPages(max_bytes, max_pages)
        return _local


def key(generation: int, path: str) -> str:
    """Cache key of the page at `path` ("/iskias/") as published in `generation`."""
    return f"content:page:{generation}:{path}"


def get(generation: int, path: str) -> dict | None:
    """The stored response ({"headers": [(name, value)], "body": str}) or None: from this
    process's copy when it has one, else from the shared cache (and then kept locally)."""
    pages = local()
    if pages is not None:
        entry = pages.get(generation, path)
        if entry is not None:
            return entry
    entry = cache.get(key(generation, path))
    if entry is not None and pages is not None:
        pages.put(generation, path, entry)
    return entry


def put(generation: int, path: str, entry: dict) -> None:
    """Store a response (see `get`) for PAGE_TIMEOUT seconds, shared and in this process."""
    cache.set(key(generation, path), entry, PAGE_TIMEOUT)
    pages = local()
    if pages is not None:
        pages.put(generation, path, entry)


def clear_local() -> None:
    """Forget this process's copies (tests; the shared cache is untouched)."""
    pages = local()
    if pages is not None:
        pages.clear()


class OutageWarning(logging.Filter):
    """Logging filter for "nerveguide.cache": django-redis logs every ignored connection error as
    an ERROR with a traceback; an unreachable cache is an expected outage the site serves through,
    so it becomes a one-line WARNING naming the error."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Turn the record into a one-line WARNING (no traceback); always lets it through."""
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            cause = error.__cause__ or error
            record.msg = "cache unavailable, serving without it: %s: %s"
            record.args = (type(cause).__name__, cause)
            record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
