"""`nerveguide manage search_index`: build the current generation's shared search index now.

Run after `nerveguide ingest` on deploy, so no app-server worker has to build it on its first
search (docs/search.md). Idempotent: an index that is already there is only checked.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from nerveguide.content import publication
from nerveguide.search import storage, webindex


class Command(BaseCommand):
    """Build (or check) the on-disk search index of the current publication generation."""

    help = "Build the shared search index of the current publication generation (after ingest)."

    def handle(self, *args, **options) -> None:
        """Print where the index is and whether it was built; CommandError if it cannot be."""
        folder = webindex.index_dir()
        if folder is None:
            raise CommandError("SEARCH_INDEX_DIR is empty: every process keeps its own index")
        publication.forget()
        generation = publication.generation()
        path = folder / webindex.index_name(generation)
        existed = path.is_dir()
        started = time.perf_counter()
        index = webindex.obtain_index(generation)
        if not isinstance(index.entries, storage.EntryTable):
            raise CommandError(f"could not save the search index in {folder} (see the warning)")
        state = "already there" if existed else f"built in {time.perf_counter() - started:.1f} s"
        self.stdout.write(
            f"search index of generation {generation} ({len(index.entries)} passages): "
            f"{path} ({state})"
        )
