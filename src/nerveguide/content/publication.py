"""Publication state, with one owner: the generation counter in the database.

Every save or deletion of an Article (ingest, the admin, a shell) adds one to
`Publication.generation` in the same transaction, through the model signals below. Whatever
depends on what is published keys on `generation()`: the page cache (content.pagecache, used by
CachedPageMiddleware) and the web search index (search.webindex). Nothing else decides whether
cached output is current.

Reading the generation costs one primary-key query; a process trusts its last reading for
GENERATION_TTL seconds. The process that made a change forgets its reading at once (and again
when the transaction commits), so it serves the change immediately; every other process (another
gunicorn worker, the CLI's ingest) sees it within GENERATION_TTL.

Bulk `QuerySet.update()` sends no signals: code that changes articles that way must call
`bump()` itself.
"""

import threading
import time

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nerveguide.content.models import Article, Publication

GENERATION_TTL = 1.0  # seconds a process trusts its last reading of the generation
_ROW = 1  # the one Publication row

_lock = threading.Lock()
_state: dict = {"generation": None, "checked": 0.0}


def generation() -> int:
    """The current publication generation (an integer that only grows, except on rollback)."""
    now = time.monotonic()
    with _lock:
        if _state["generation"] is not None and now - _state["checked"] <= GENERATION_TTL:
            return _state["generation"]
    value = Publication.objects.filter(pk=_ROW).values_list("generation", flat=True).first() or 0
    with _lock:
        _state["generation"], _state["checked"] = value, now
    return value


def forget() -> None:
    """Drop this process's reading; the next `generation()` asks the database."""
    with _lock:
        _state["generation"] = None


def bump() -> None:
    """Move the generation on by one, inside the caller's transaction (if any)."""
    if not Publication.objects.filter(pk=_ROW).update(generation=F("generation") + 1):
        # The row is made by migration 0002; a flushed test database may have lost it.
        Publication.objects.get_or_create(pk=_ROW)
        Publication.objects.filter(pk=_ROW).update(generation=F("generation") + 1)
    forget()
    transaction.on_commit(forget)


@receiver(post_save, sender=Article, dispatch_uid="content.publication.saved")
@receiver(post_delete, sender=Article, dispatch_uid="content.publication.deleted")
def _article_changed(**kwargs) -> None:
    bump()
