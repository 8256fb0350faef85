"""`nerveguide check DIR` (no database) and `nerveguide ingest [DIR]` (publishes into the database)."""

import argparse
import sys
from collections import Counter
from pathlib import Path

from nerveguide import jsonlines


def add_commands(subparsers) -> None:
    """Add `nerveguide check` and `nerveguide ingest` to the CLI's argparse subparsers."""
    check = subparsers.add_parser(
        "check",
        help="check article files (front matter, dates, links, readability); no database",
        description="Exit status 1 when a file has an error (or a warning, with --strict).",
    )
    check.add_argument("directory", type=Path)
    check.add_argument(
        "--json", action="store_true", help="one JSON object per finding (JSON Lines)"
    )
    check.add_argument("--strict", action="store_true", help="warnings also give exit status 1")
    check.set_defaults(func=run_check)

    ingest = subparsers.add_parser(
        "ingest",
        help="publish the article files in DIR (default: CONTENT_DIR) into the database",
        description="Prints every change (created, changed, unpublished). Files with errors are not "
        "published; the last good version of their article stays. Refuses, changing "
        "nothing, to unpublish more than a few articles or to replace articles ingested "
        "from another folder unless --prune / --replace is given. Exit status: 0 done, "
        "1 some files had errors (the others were published), 2 no such directory, "
        "3 refused.",
    )
    ingest.add_argument("directory", type=Path, nargs="?")
    ingest.add_argument("--json", action="store_true", help="print the report as one JSON object")
    ingest.add_argument(
        "--dry-run", action="store_true", help="print what would change; change nothing"
    )
    ingest.add_argument(
        "--prune",
        action="store_true",
        help="allow unpublishing more than a few articles whose files are not in DIR",
    )
    ingest.add_argument(
        "--replace",
        action="store_true",
        help="allow replacing articles that were ingested from another folder",
    )
    ingest.set_defaults(func=run_ingest)


def _summary(findings) -> str:
    severities = Counter(f.severity for f in findings)
    codes = Counter(f.code for f in findings)
    detail = ", ".join(f"{code} {n}" for code, n in codes.most_common())
    return f"{severities['error']} errors, {severities['warning']} warnings" + (
        f" ({detail})" if detail else ""
    )


def _site_paths() -> frozenset[str]:
    """The URLconf's reserved first path segments (links to them are not article links). `check`
    needs no database, only the settings; should they be unusable, the reader's built-in list."""
    from django.apps import apps

    from nerveguide.cli import CommandFailed, setup_django
    from nerveguide.content.documents import SITE_PATHS

    try:
        if not apps.ready:  # set up already when called in-process (tests): keep the environment
            setup_django()
    except CommandFailed as error:
        print(f"nerveguide check: {error}; using the built-in list of site paths", file=sys.stderr)
        return SITE_PATHS
    from nerveguide.content.sitepaths import article_prefixes

    return article_prefixes()


def run_check(args: argparse.Namespace) -> int:
    """`nerveguide check DIR`: print every finding (text or JSON Lines) and a summary on stderr;
    no database. Returns 2 if DIR is not a directory, 1 on an error (or a non-advisory warning
    with --strict), else 0.
    """
    from nerveguide.content.documents import ADVISORY_CODES, read_directory

    if not args.directory.is_dir():
        print(f"nerveguide check: {args.directory} is not a directory", file=sys.stderr)
        return 2
    documents, findings = read_directory(args.directory, site_paths=_site_paths())
    from nerveguide.search.sections import check_findings  # the search's section-type patterns

    findings = [*findings, *check_findings()]
    if args.json:
        for f in findings:
            jsonlines.write(f.as_dict())
    else:
        for f in findings:
            print(f"{f.path}:{f.line}: {f.severity} [{f.code}] {f.message}")
    advisory = sum(f.code in ADVISORY_CODES for f in findings)
    note = f"; {advisory} advisory warnings do not fail --strict" if advisory else ""
    print(f"{len(documents)} documents read: {_summary(findings)}{note}", file=sys.stderr)
    has_errors = any(f.severity == "error" for f in findings)
    blocking = [f for f in findings if f.code not in ADVISORY_CODES]
    return 1 if has_errors or (args.strict and blocking) else 0


def run_ingest(args: argparse.Namespace) -> int:
    """`nerveguide ingest [DIR]`: publish DIR (default CONTENT_DIR) via ingest_directory and
    print the changes and the summary (or one JSON object). Returns 2 if DIR is not a
    directory; see the parser's description for the other exit statuses.
    """
    from django.apps import apps

    from nerveguide.cli import setup_django

    if not apps.ready:  # set up already when called in-process (tests): keep the environment
        setup_django()
    from django.conf import settings

    from nerveguide.content.ingest import ingest_directory

    directory = args.directory or settings.CONTENT_DIR
    if not Path(directory).is_dir():
        print(f"nerveguide ingest: {directory} is not a directory", file=sys.stderr)
        return 2
    report = ingest_directory(
        Path(directory), dry_run=args.dry_run, prune=args.prune, replace=args.replace
    )
    if args.json:
        jsonlines.write(report.as_dict())
    else:
        for f in report.findings:
            if f.severity == "error":
                print(f"{f.path}:{f.line}: {f.severity} [{f.code}] {f.message}", file=sys.stderr)
        for line in report.change_lines():
            print(line)
        print(report.summary())
    for reason in report.refused:
        print(f"nerveguide ingest: refused: {reason}", file=sys.stderr)
    if report.refused:
        return 3
    return 1 if report.errors else 0
