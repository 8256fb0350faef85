"""Whole rendered pages in the Django cache, keyed by path and publication generation.

Used only by CachedPageMiddleware: it is the one page cache. The generation comes from
nerveguide.content.publication (the one owner of publication state), so any change to an
article, a deletion included, moves every key on; old entries are never read again and expire.
The stored HTML holds a placeholder instead of the CSP nonce; each response gets its own nonce.

The cache is an optimisation: with Redis unreachable the configured backend answers "not cached"
and logs a warning (django-redis IGNORE_EXCEPTIONS, see settings), and pages are rendered.
"""

import logging

from django.core.cache import cache

NONCE_PLACEHOLDER = "__nerveguide_csp_nonce__"
PAGE_TIMEOUT = 24 * 3600  # seconds; entries of an old generation are dead weight until then


def key(generation: int, path: str) -> str:
    """Cache key of the page at `path` ("/iskias/") as published in `generation`."""
    return f"content:page:{generation}:{path}"


def get(generation: int, path: str) -> dict | None:
    """The stored response ({"headers": [(name, value)], "body": str}) or None."""
    return cache.get(key(generation, path))


def put(generation: int, path: str, entry: dict) -> None:
    """Store a response (see `get`) for PAGE_TIMEOUT seconds."""
    cache.set(key(generation, path), entry, PAGE_TIMEOUT)


class OutageWarning(logging.Filter):
    """Logging filter for "nerveguide.cache": django-redis logs every ignored connection error as
    an ERROR with a traceback; an unreachable cache is an expected outage the site serves through,
    so it becomes a one-line WARNING naming the error."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            cause = error.__cause__ or error
            record.msg = "cache unavailable, serving without it: %s: %s"
            record.args = (type(cause).__name__, cause)
            record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
