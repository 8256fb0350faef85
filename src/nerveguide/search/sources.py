"""Turn articles into search entries: from a directory (CLI) or from parsed documents.

Pure module: reads files through nerveguide.content.documents, the project's one Markdown
reader. Every file is indexed under its own name, even when two files would get the same
slug; the cross-document checks of `read_directory` (links, near-duplicates) are the
`check` command's business, not search's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nerveguide.content.documents import Document, Finding, candidate_files, read_document
from nerveguide.search.engine import Entry


def passage_url(slug: str, anchor: str | None, kind: str) -> str:
    return f"/{slug}/" if kind == "intro" or not anchor else f"/{slug}/#{anchor}"


def entries_from_documents(documents: Iterable[Document], key: str = "source") -> list[Entry]:
    """One entry per passage with text; `key` names the Document field used as `source`."""
    entries = []
    for document in documents:
        for passage in document.passages:
            if not passage.text.strip():
                continue  # a heading with only sub-headings under it answers nothing itself
            entries.append(Entry(
                source=getattr(document, key),
                title=document.title,
                heading=passage.heading,
                kind=passage.kind,
                text=passage.text,
                url=passage_url(document.slug, passage.anchor, passage.kind),
            ))
    return entries


def read_entries(root: Path) -> tuple[list[Entry], list[Finding]]:
    """Entries of every readable document under root, and the findings for skipped files."""
    documents, skipped = [], []
    for path in candidate_files(Path(root)):
        document, findings = read_document(path, Path(root))
        if document is None:
            skipped.extend(f for f in findings if f.severity == "error" or f.code == "file-skipped")
        else:
            documents.append(document)
    return entries_from_documents(documents), skipped
