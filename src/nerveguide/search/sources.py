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
    """The site URL of a passage: "/<slug>/" for an introduction or a passage without an
    anchor, else "/<slug>/#<anchor>"."""
    return f"/{slug}/" if kind == "intro" or not anchor else f"/{slug}/#{anchor}"


def make_entry(source: str, title: str, slug: str, passage) -> Entry | None:
    """An entry for one passage (a content.documents.Passage or a content.models.Passage);
    None for a heading with no text of its own (only sub-headings under it)."""
    if not (passage.text or "").strip():
        return None
    return Entry(
        source=source,
        title=title,
        heading=passage.heading,
        kind=passage.kind,
        text=passage.text,
        url=passage_url(slug, passage.anchor, passage.kind),
    )


def entries_from_documents(documents: Iterable[Document]) -> list[Entry]:
    """One entry per passage with text, keyed by the document's file name."""
    found = (
        make_entry(d.source, d.title, d.slug, passage) for d in documents for passage in d.passages
    )
    return [entry for entry in found if entry is not None]


def read_entries(root: Path) -> tuple[list[Entry], list[Finding]]:
    """Entries of every readable document under root, and the findings for skipped files."""
    documents: list[Document] = []
    skipped: list[Finding] = []
    for path in candidate_files(Path(root)):
        document, findings = read_document(path, Path(root))
        if document is None:
            skipped.extend(f for f in findings if f.severity == "error" or f.code == "file-skipped")
        else:
            documents.append(document)
    return entries_from_documents(documents), skipped
