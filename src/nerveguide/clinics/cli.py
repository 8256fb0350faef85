"""`nerveguide clinics ...`: load-postcodes, demo, import, export.

import prints one JSON object per bad row ({"line", "slug", "errors"}) and a summary line; good rows
still load, and the exit code is 1 when any row was bad. Unknown or missing columns are reported
once for the file ({"file", "errors"}, exit code 2) and nothing is imported. Rows are keyed by slug, so importing the
same file twice updates the clinics instead of duplicating them.
"""

import contextlib
import csv
import io
import json
import sys
from pathlib import Path

from nerveguide import jsonlines
from nerveguide.danish.places import read_postcodes


def add_commands(subparsers) -> None:
    """Add `nerveguide clinics` and its subcommands (load-postcodes, demo, import,
    refresh-ratings, export) to the CLI's argparse subparsers.
    """
    clinics = subparsers.add_parser(
        "clinics", help="clinic finder data: postcodes, demo, import, export"
    )
    commands = clinics.add_subparsers(dest="clinics_command", required=True, metavar="SUBCOMMAND")

    load = commands.add_parser("load-postcodes", help="load Danish postcodes (idempotent)")
    load.add_argument(
        "--file", type=Path, default=None, help="postcode CSV (default: the packaged one)"
    )
    load.set_defaults(func=_load_postcodes)

    demo = commands.add_parser(
        "demo", help="load the fictional demo clinics and reviews (idempotent)"
    )
    demo.add_argument(
        "--count", type=int, default=None, help="number of demo clinics (default 150)"
    )
    demo.set_defaults(func=_demo)

    importer = commands.add_parser("import", help="import clinics from a CSV or JSON file")
    importer.add_argument(
        "file", help="FILE.csv, FILE.json (array) or FILE.jsonl; '-' reads CSV from stdin"
    )
    importer.set_defaults(func=_import)

    refresh = commands.add_parser(
        "refresh-ratings", help="recompute ratings after reviews turn two years old (run daily)"
    )
    refresh.set_defaults(func=_refresh_ratings)

    export = commands.add_parser("export", help="export all clinics in the import format")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument(
        "--output", "-o", default="-", help="file to write (default: standard output)"
    )
    export.set_defaults(func=_export)


def _load_postcodes(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import services

    ranges = read_postcodes(args.file) if args.file else read_postcodes()
    created, updated = services.load_postcodes(ranges)
    services.sync_taxonomy()
    jsonlines.write({"postcodes_created": created, "postcodes_updated": updated})
    return 0


def _refresh_ratings(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import services

    jsonlines.write({"clinics_updated": services.refresh_ratings()})
    return 0


def _demo(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import services

    report, reviews = services.load_demo(args.count) if args.count else services.load_demo()
    jsonlines.write(
        {
            "clinics_created": report.created,
            "clinics_updated": report.updated,
            "reviews_created": reviews,
            "errors": len(report.errors),
        }
    )
    return 1 if report.errors else 0


class RowError(str):
    """A row that could not be read at all (broken JSON): its Danish reason."""


def _read_text(name: str) -> str:
    """The file as text. Bytes that are not UTF-8 become lone surrogates (surrogateescape), so
    they are reported on their own row by `rows.validate_row` instead of stopping the file."""
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return data.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


def read_table(name: str) -> tuple[list[str], list[tuple[int, dict | RowError]]]:
    """(column names, [(line number, row or RowError)]) from a CSV, JSON array or JSON Lines file.

    CSV columns come from the header; JSON columns are every key used by any object."""
    text = _read_text(name)
    if name != "-" and name.lower().endswith(".jsonl"):
        numbered = list(_json_lines(text))
    elif name != "-" and name.lower().endswith(".json"):
        numbered = list(_json_rows(text))
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = list(reader.fieldnames or [])
        return header, [(reader.line_num, row) for row in reader]
    keys: dict[str, None] = {}
    for _, row in numbered:
        if isinstance(row, dict):
            keys.update(dict.fromkeys(str(key) for key in row))
    return list(keys), numbered


def _json_rows(text: str):
    """Objects from a JSON array (or objects one after another), each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = 0
    in_array = text.lstrip().startswith("[")
    if in_array:
        position = text.index("[") + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or (in_array and text[position] == "]"):
            return
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield (
                line,
                RowError(
                    f"ugyldig JSON (linje {error.lineno}): {error.msg}; resten af filen kan ikke læses"
                ),
            )
            return
        except RecursionError:
            yield line, RowError("JSON er indlejret for dybt; resten af filen kan ikke læses")
            return
        yield line, value if isinstance(value, dict) else RowError("forventede et JSON-objekt")


def _json_lines(text: str):
    """JSON Lines: one object a line; a broken line is an error for that line only."""
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as error:
            yield number, RowError(f"ugyldig JSON: {getattr(error, 'msg', 'indlejret for dybt')}")
            continue
        yield number, value if isinstance(value, dict) else RowError("forventede et JSON-objekt")


def _import(args) -> int:
    from nerveguide.cli import setup_django

    try:
        header, numbered = read_table(args.file)
    except OSError as error:
        print(f"nerveguide clinics import: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except csv.Error as error:
        print(
            f"nerveguide clinics import: {args.file}: CSV-filen kan ikke læses: {error}",
            file=sys.stderr,
        )
        return 2
    from nerveguide.clinics import rows

    columns = rows.map_columns(header)
    if columns.problems:
        # Once for the file, not on every row; nothing is imported until the columns are right.
        jsonlines.write({"file": args.file, "errors": columns.problems})
        for problem in columns.problems:
            print(f"nerveguide clinics import: {args.file}: {problem}", file=sys.stderr)
        return 2

    setup_django()
    from nerveguide.clinics import services

    parse_errors = []

    def good_rows():
        for line, row in numbered:
            if isinstance(row, RowError):
                parse_errors.append({"line": line, "slug": None, "errors": [str(row)]})
            else:
                yield line, columns.apply(row)

    report = services.import_rows(good_rows())
    errors = sorted(report.errors + parse_errors, key=lambda e: e["line"])
    for failure in errors:
        jsonlines.write(failure)
    jsonlines.write({"created": report.created, "updated": report.updated, "failed": len(errors)})
    return 1 if errors else 0


def _export(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import rows, services

    target = (
        contextlib.nullcontext(sys.stdout)
        if args.output == "-"
        else open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by `with`)
    )
    with target as out:
        exported = list(services.export_rows())
        if args.format == "json":
            json.dump(exported, out, ensure_ascii=False, indent=1)
            out.write("\n")
        else:
            writer = csv.DictWriter(out, fieldnames=rows.COLUMNS)
            writer.writeheader()
            for row in exported:
                writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return 0


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value):
    """One CSV cell: lists joined with ";", booleans as ja/nej. Text that a spreadsheet would
    run as a formula ("=HYPERLINK(...)") gets a leading apostrophe (OWASP, "CSV Injection")."""
    if isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value
