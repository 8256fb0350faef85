"""Publish a directory of article files into the database (`nerveguide ingest`).

Idempotent: an article whose file, rendering and care-card numbers are unchanged is not touched,
so a second run reports 0 changes. A file with an error is never published; if it used to be
good, the last good version stays online. Articles whose files disappeared are unpublished (not
deleted), so their URLs can come back.
"""

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

from django.db import transaction

from nerveguide.content import pagecache
from nerveguide.content.documents import Document, Finding, read_directory
from nerveguide.content.markdown import care_contacts_html, render_article, render_markdown
from nerveguide.content.models import Article, Passage
from nerveguide.content.signals import content_changed

# Bump when rendering changes, so the next ingest re-renders every article.
RENDER_VERSION = "3"  # 3: "laege-i-dag" care card, laege card labelled "inden for få dage"


@dataclass
class IngestReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # broken file: last good version still online
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unpublished)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.as_dict() for f in self.findings if f.severity == "error"]
        data["changes"], data["errors"] = self.changes, self.errors
        return data

    def summary(self) -> str:
        return (f"{self.changes} changes: {len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unpublished)} unpublished; {self.unchanged} unchanged; "
                f"{self.errors} errors ({len(self.kept)} articles kept at their last good version)")


def content_hash(document: Document) -> str:
    digest = hashlib.sha256()
    meta = json.dumps(document.meta, sort_keys=True, default=str, ensure_ascii=False)
    for part in (RENDER_VERSION, document.source, document.format, meta, document.body, care_contacts_html()):
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _text_html(document: Document) -> str:
    return "\n".join(f"<p>{escape(p.text)}</p>" for p in document.passages)


def article_fields(document: Document, digest: str) -> dict:
    """Everything an Article row holds, rendered from one document."""
    meta = document.meta
    if document.format == "markdown":
        rendered = render_article(document.body, document.tokens)
        body_html, toc = rendered.html, rendered.toc
    else:
        body_html, toc = _text_html(document), []
    faq = [
        {"question": p.heading, "anchor": p.anchor, "answer_html": render_markdown(p.markdown),
         "answer_text": p.text}
        for p in document.passages if p.kind == "faq"
    ]
    return {
        "title": document.title[:300],
        "meta_title": meta.get("metaTitle", "")[:300],
        "description": meta.get("description", ""),
        "audience": meta.get("audience", "patient"),
        "region": meta.get("region", ""),
        "topic": meta.get("topic", ""),
        "body_markdown": document.body,
        "body_html": body_html,
        "toc": toc,
        "faq": faq,
        "related": meta.get("related", []),
        "sources": meta.get("sources", []),
        "date_published": meta.get("datePublished"),
        "last_updated": meta.get("lastUpdated"),
        "last_reviewed": meta.get("lastReviewed"),
        "next_review": meta.get("nextReview"),
        "reviewed_by": meta.get("reviewedBy", "")[:300],
        "source_path": document.source[:500],
        "content_hash": digest,
    }


def _save(article: Article, document: Document, fields: dict) -> None:
    for name, value in fields.items():
        setattr(article, name, value)
    article.is_published = True
    article.save()
    article.passages.all().delete()
    Passage.objects.bulk_create(
        Passage(article=article, position=n, kind=p.kind, heading=p.heading, anchor=p.anchor,
                level=p.level, text=p.text)
        for n, p in enumerate(document.passages)
    )


def ingest_directory(root: Path, today: dt.date | None = None) -> IngestReport:
    root = Path(root)
    # Articles online whose files are still there (perhaps broken now): links to them are fine.
    online = frozenset(Article.objects.filter(is_published=True).values_list("slug", "source_path"))
    known = frozenset(slug for slug, source in online if (root / source).is_file())
    # Near-duplicates are an editor's warning (nerveguide check); they never block publishing.
    documents, findings = read_directory(root, today, known_slugs=known, find_near_duplicates=False)
    broken = {f.path for f in findings if f.severity == "error"}
    report = IngestReport(findings=findings)
    with transaction.atomic():
        existing = {a.slug: a for a in Article.objects.all()}
        for document in documents:
            if document.source in broken:
                continue
            article = existing.get(document.slug)
            digest = content_hash(document)
            if (article is not None and article.is_published and article.content_hash == digest
                    and article.source_path == document.source):
                report.unchanged += 1
                continue
            (report.created if article is None else report.updated).append(document.slug)
            _save(article or Article(slug=document.slug), document, article_fields(document, digest))
        published = {d.slug for d in documents if d.source not in broken}
        for slug, article in existing.items():
            if slug in published or not article.is_published:
                continue
            if article.source_path in broken:
                report.kept.append(slug)
                continue
            article.is_published = False
            article.save(update_fields=["is_published", "updated_at"])
            report.unpublished.append(slug)
    if report.changes:
        pagecache.invalidate()
        content_changed.send(sender=Article, report=report)
    return report
