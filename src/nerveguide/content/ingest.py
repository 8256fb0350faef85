"""Publish a directory of article files into the database (`nerveguide ingest`).

Idempotent: an article whose file, rendering and care-card numbers are unchanged is not touched,
so a second run reports 0 changes. A file with an error is never published; if it used to be
good, the last good version stays online. Articles whose files disappeared are unpublished (not
deleted), so their URLs can come back.

Safe against the wrong folder: every run first works out what it would change (created, changed,
unpublished, and which of the changed articles came from another folder) and refuses, changing
nothing, when it would unpublish more than MAX_UNPUBLISH articles (without `prune`) or replace
an article ingested from another folder (without `replace`). `dry_run` reports and writes nothing.
"""

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

from django.conf import settings
from django.db import transaction

from nerveguide.content.documents import Document, Finding, read_directory
from nerveguide.content.markdown import (
    CARDS_WITH_NUMBERS,
    care_contacts_html,
    render_article,
    render_markdown,
)
from nerveguide.content.models import Article, Passage
from nerveguide.content.signals import content_changed
from nerveguide.content.sitepaths import article_prefixes

# Bump when rendering changes, so the next ingest re-renders every article.
RENDER_VERSION = (
    "4"  # 3: "laege-i-dag" care card, laege card labelled "inden for få dage"; 4: care numbers
)
# in text are tel: links, each card level says how soon to call (issue 14)

# More unpublished articles than this in one run needs `prune`: a folder that lacks most of the
# site's articles is more likely the wrong folder than a deliberate clean-up.
MAX_UNPUBLISH = 3


@dataclass
class IngestReport:
    """What one ingest did, or (dry run, refused) would have done. Lists hold slugs.

    `updated` are changed articles; `replaced` are those of them whose current version came from
    another folder (`replaced_from`: slug -> that folder, "" when unknown).
    `refused` holds the reasons the run wrote nothing (empty when it was applied or a dry run).
    """

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # broken file: last good version still online
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    replaced_from: dict[str, str] = field(default_factory=dict)
    folder: str = ""
    dry_run: bool = False
    refused: list[str] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        """True when the changes were written to the database."""
        return not self.dry_run and not self.refused

    @property
    def errors(self) -> int:
        """The number of error findings (warnings not counted)."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def changes(self) -> int:
        """Articles created + changed + unpublished (0 on a second run over the same folder)."""
        return len(self.created) + len(self.updated) + len(self.unpublished)

    def as_dict(self) -> dict:
        """The report as JSON-ready data (`ingest --json`): all fields, only the error findings,
        plus changes, errors and applied.
        """
        data = asdict(self)
        data["findings"] = [f.as_dict() for f in self.findings if f.severity == "error"]
        data["changes"], data["errors"], data["applied"] = self.changes, self.errors, self.applied
        return data

    def change_lines(self) -> list[str]:
        """One line per change, e.g. "changed      iskias (replaces the article from content)"."""
        lines = [f"created      {slug}" for slug in self.created]
        for slug in self.updated:
            origin = self.replaced_from.get(slug)
            note = (
                f" (replaces the article from {origin or 'an unknown folder'})"
                if slug in self.replaced
                else ""
            )
            lines.append(f"changed      {slug}{note}")
        lines += [f"unpublished  {slug}" for slug in self.unpublished]
        return lines

    def summary(self) -> str:
        """One English line of counts, prefixed with "refused" or "dry run" when nothing was
        written.
        """
        counts = (
            f"{len(self.created)} created, {len(self.updated)} changed "
            f"({len(self.replaced)} from another folder), {len(self.unpublished)} unpublished; "
            f"{self.unchanged} unchanged; {self.errors} errors "
            f"({len(self.kept)} articles kept at their last good version)"
        )
        if self.refused:
            return f"refused, nothing changed: {self.changes} changes would be {counts}"
        if self.dry_run:
            return f"dry run, nothing changed: {self.changes} changes would be {counts}"
        return f"{self.changes} changes: {counts}"


def content_hash(document: Document) -> str:
    """SHA-256 hex digest over everything that decides an article's stored form: RENDER_VERSION,
    source path, format, front matter, body and the care-card contact HTML.

    Ingest leaves an article untouched when its hash is unchanged.
    """
    digest = hashlib.sha256()
    meta = json.dumps(document.meta, sort_keys=True, default=str, ensure_ascii=False)
    for part in (
        RENDER_VERSION,
        document.source,
        document.format,
        meta,
        document.body,
        *(care_contacts_html(level) for level in CARDS_WITH_NUMBERS),
    ):
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
        {
            "question": p.heading,
            "anchor": p.anchor,
            "answer_html": render_markdown(p.markdown),
            "answer_text": p.text,
        }
        for p in document.passages
        if p.kind == "faq"
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
        Passage(
            article=article,
            position=n,
            kind=p.kind,
            heading=p.heading,
            anchor=p.anchor,
            level=p.level,
            text=p.text,
        )
        for n, p in enumerate(document.passages)
    )


def folder_label(root: Path) -> str:
    """How an ingest folder is recorded on its articles: relative to the checkout (BASE_DIR) when
    inside it ("content"), so moving the checkout changes nothing; otherwise absolute."""
    resolved = Path(root).resolve()
    try:
        return resolved.relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return str(resolved)


def ingest_directory(
    root: Path,
    today: dt.date | None = None,
    *,
    dry_run: bool = False,
    prune: bool = False,
    replace: bool = False,
) -> IngestReport:
    """Publish the article files under `root`; returns what changed (or would, or was refused).

    dry_run: work out and report the changes, write nothing.
    prune: allow unpublishing more than MAX_UNPUBLISH articles.
    replace: allow changing articles whose current version was ingested from another folder.
    A refused run writes nothing and lists its reasons in `report.refused`. Errors in files are
    findings (the file is skipped), never exceptions.
    """
    root = Path(root)
    folder = folder_label(root)
    # Articles online whose files are still there (perhaps broken now): links to them are fine.
    online = frozenset(Article.objects.filter(is_published=True).values_list("slug", "source_path"))
    known = frozenset(slug for slug, source in online if (root / source).is_file())
    # Near-duplicates are an editor's warning (nerveguide check); they never block publishing.
    documents, findings = read_directory(
        root, today, known_slugs=known, find_near_duplicates=False, site_paths=article_prefixes()
    )
    broken = {f.path for f in findings if f.severity == "error"}
    report = IngestReport(findings=findings, folder=folder, dry_run=dry_run)
    with transaction.atomic():
        existing = {a.slug: a for a in Article.objects.all()}
        # 1. The plan: nothing is written until it has been checked.
        to_save: list[tuple[Article | None, Document, str]] = []
        for document in documents:
            if document.source in broken:
                continue
            article = existing.get(document.slug)
            digest = content_hash(document)
            if (
                article is not None
                and article.is_published
                and article.content_hash == digest
                and article.source_path == document.source
                and article.source_dir == folder
            ):
                report.unchanged += 1
                continue
            if article is None:
                report.created.append(document.slug)
            else:
                report.updated.append(document.slug)
                if article.source_dir != folder:
                    report.replaced.append(document.slug)
                    report.replaced_from[document.slug] = article.source_dir
            to_save.append((article, document, digest))
        published = {d.slug for d in documents if d.source not in broken}
        to_unpublish = []
        for slug, article in existing.items():
            if slug in published or not article.is_published:
                continue
            if article.source_path in broken and article.source_dir == folder:
                report.kept.append(slug)
                continue
            to_unpublish.append(article)
            report.unpublished.append(slug)
        # 2. The checks against ingesting the wrong folder.
        if len(report.unpublished) > MAX_UNPUBLISH and not prune:
            report.refused.append(
                f"would unpublish {len(report.unpublished)} articles (more than {MAX_UNPUBLISH}): "
                "is this the right folder? Use --prune to unpublish them"
            )
        if report.replaced and not replace:
            origins = sorted(
                {report.replaced_from[slug] or "an unknown folder" for slug in report.replaced}
            )
            report.refused.append(
                f"would replace {len(report.replaced)} articles ingested from another folder "
                f"({', '.join(origins)}) with files from {folder}: use --replace to replace them"
            )
        if not report.applied:
            return report
        # 3. Apply.
        for article, document, digest in to_save:
            fields = article_fields(document, digest)
            fields["source_dir"] = folder
            _save(article or Article(slug=document.slug), document, fields)
        for article in to_unpublish:
            article.is_published = False
            article.save(update_fields=["is_published", "updated_at"])
    if report.changes:
        # The publication generation moved on with every save (content.publication).
        content_changed.send(sender=Article, report=report)
    return report
