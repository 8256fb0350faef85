"""`nerveguide search`: answer queries as JSON Lines (../shared/specs/cli-contract.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from nerveguide import jsonlines


def add_commands(subparsers) -> None:
    """Add the `search` subcommand (--queries FILE|-, --content DIR, --limit 0..1000)."""
    parser = subparsers.add_parser(
        "search",
        help="search the articles (or a directory of documents) for each query",
        description="Answer one query per line (plain text or JSON with a 'query' field) as JSON Lines.",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="index the .md/.markdown/.txt files in DIR instead of the published articles",
    )
    parser.add_argument(
        "--queries", required=True, metavar="FILE|-", help="queries, one per line ('-' = stdin)"
    )
    parser.add_argument("--limit", type=_limit, default=10, help="results per query (default 10)")
    parser.set_defaults(func=run)


def _limit(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 1000:
        raise argparse.ArgumentTypeError("must be between 0 and 1000")
    return number


def run(args: argparse.Namespace) -> int:
    """Index --content DIR (problems with its files reported on stderr) or the published
    articles (needs the database), then answer every query line as JSON Lines. Returns 2 for a
    missing directory or queries file, 1 when any line failed, else 0."""
    if args.content is not None:
        if not args.content.is_dir():
            print(
                f"nerveguide search: --content {args.content}: no such directory", file=sys.stderr
            )
            return 2
        from nerveguide.search.engine import SearchIndex
        from nerveguide.search.sources import read_entries

        entries, skipped = read_entries(args.content)
        for finding in skipped:
            print(
                f"{finding.path}:{finding.line}: {finding.severity}: {finding.message} [{finding.code}]",
                file=sys.stderr,
            )
        index = SearchIndex(entries)
    else:
        from nerveguide.cli import setup_django

        setup_django()
        from nerveguide.search.webindex import current_index

        index = current_index()
    if args.queries != "-" and not Path(args.queries).is_file():
        print(f"nerveguide search: --queries {args.queries}: no such file", file=sys.stderr)
        return 2
    failures = answer_all(index, args.queries, args.limit)
    return 1 if failures else 0


def answer_all(index, queries: str, limit: int) -> int:
    """Write one output line per input line; returns the number of lines that failed."""
    failures = 0
    for number, record, error in jsonlines.read_records(queries, "query"):
        query = record.get("query") if record is not None else None
        if error is not None or not isinstance(query, str):
            if error is None:
                error = f"line {number}: 'query' must be a string"
            failures += 1
            jsonlines.write({"line": number, "error": error})
            print(f"nerveguide search: {error}", file=sys.stderr)
            continue
        results = index.search(query, limit)
        line: dict[str, Any] = {"query": query}
        if results.warning:  # the contract: a warning sign's level, before the results
            line["warning"] = results.warning
        line["results"] = [hit.as_json() for hit in results.hits]
        jsonlines.write(line)
    return failures
