"""Whole rendered article pages in the Django cache, keyed by a content generation.

The generation is the newest Article.updated_at, read from the database at most once a second
per process, so an ingest from the command line (another process) reaches every gunicorn worker
within a second, with or without a shared cache. The cached HTML holds a placeholder instead of
the CSP nonce; each response gets its own nonce.
"""

import threading
import time

from django.core.cache import cache
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nerveguide.content.models import Article

NONCE_PLACEHOLDER = "__nerveguide_csp_nonce__"
GENERATION_TTL = 1.0  # seconds a process trusts its last look at the generation
PAGE_TIMEOUT = 24 * 3600

_lock = threading.Lock()
_state = {"generation": None, "checked": 0.0}


def generation() -> str:
    now = time.monotonic()
    if _state["generation"] is None or now - _state["checked"] > GENERATION_TTL:
        newest = Article.objects.aggregate(newest=Max("updated_at"))["newest"]
        with _lock:
            _state["generation"] = newest.isoformat() if newest else "empty"
            _state["checked"] = now
    return _state["generation"]


def invalidate() -> None:
    """Forget the generation: the next request reads it again (keys move on; old entries expire)."""
    with _lock:
        _state["generation"] = None


def _key(name: str) -> str:
    return f"content:page:{generation()}:{name}"


def get(name: str) -> str | None:
    return cache.get(_key(name))


def put(name: str, html: str) -> None:
    cache.set(_key(name), html, PAGE_TIMEOUT)


def with_nonce(html: str, nonce) -> str:
    return html.replace(NONCE_PLACEHOLDER, str(nonce)) if nonce is not None else html


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def _article_changed(**kwargs) -> None:
    invalidate()
