"""`nerveguide clinics ...`: load-postcodes, demo, import, export.

import prints one JSON object per bad row ({"line", "slug", "errors"}) and a summary line; good rows
still load, and the exit code is 1 when any row was bad. Rows are keyed by slug, so importing the
same file twice updates the clinics instead of duplicating them.
"""

import contextlib
import csv
import json
import sys
from pathlib import Path

from nerveguide import jsonlines


def add_commands(subparsers) -> None:
    clinics = subparsers.add_parser("clinics", help="clinic finder data: postcodes, demo, import, export")
    commands = clinics.add_subparsers(dest="clinics_command", required=True, metavar="SUBCOMMAND")

    load = commands.add_parser("load-postcodes", help="load Danish postcodes (idempotent)")
    load.add_argument("--file", type=Path, default=None, help="postcode CSV (default: the packaged one)")
    load.set_defaults(func=_load_postcodes)

    demo = commands.add_parser("demo", help="load the fictional demo clinics and reviews (idempotent)")
    demo.add_argument("--count", type=int, default=None, help="number of demo clinics (default 150)")
    demo.set_defaults(func=_demo)

    importer = commands.add_parser("import", help="import clinics from a CSV or JSON file")
    importer.add_argument("file", help="FILE.csv, FILE.json (array) or FILE.jsonl; '-' reads CSV from stdin")
    importer.set_defaults(func=_import)

    export = commands.add_parser("export", help="export all clinics in the import format")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")
    export.set_defaults(func=_export)


def _load_postcodes(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import places, services

    ranges = places.read_postcodes(args.file) if args.file else places.read_postcodes()
    created, updated = services.load_postcodes(ranges)
    services.sync_taxonomy()
    jsonlines.write({"postcodes_created": created, "postcodes_updated": updated})
    return 0


def _demo(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import services

    report, reviews = services.load_demo(args.count) if args.count else services.load_demo()
    jsonlines.write({"clinics_created": report.created, "clinics_updated": report.updated,
                     "reviews_created": reviews, "errors": len(report.errors)})
    return 1 if report.errors else 0


def read_rows(name: str):
    """(line number, row) pairs from a CSV, JSON array or JSON Lines file."""
    if name != "-" and name.lower().endswith((".json", ".jsonl")):
        return _json_rows(Path(name).read_text(encoding="utf-8-sig"))
    stream = jsonlines.open_input(name) if name == "-" else open(name, encoding="utf-8-sig", newline="")
    return _csv_rows(stream)


def _csv_rows(stream):
    with stream:
        reader = csv.DictReader(stream)
        for row in reader:
            yield reader.line_num, row


def _json_rows(text: str):
    """Objects from a JSON array or JSON Lines, each with the line it starts on."""
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
            yield line, {"_error": f"ugyldig JSON: {error.msg}"}
            return
        yield line, value if isinstance(value, dict) else {"_error": "forventede et JSON-objekt"}


def _import(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import services

    parse_errors = []

    def good_rows():
        for line, row in read_rows(args.file):
            if "_error" in row:
                parse_errors.append({"line": line, "slug": None, "errors": [row["_error"]]})
            else:
                yield line, row

    try:
        report = services.import_rows(good_rows())
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        print(f"nerveguide clinics import: {error}", file=sys.stderr)
        return 2
    errors = sorted(report.errors + parse_errors, key=lambda e: e["line"])
    for error in errors:
        jsonlines.write(error)
    jsonlines.write({"created": report.created, "updated": report.updated, "failed": len(errors)})
    return 1 if errors else 0


def _export(args) -> int:
    from nerveguide.cli import setup_django

    setup_django()
    from nerveguide.clinics import rows, services

    target = contextlib.nullcontext(sys.stdout) if args.output == "-" else open(
        args.output, "w", encoding="utf-8", newline="")
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


def _csv_value(value):
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return "" if value is None else value

