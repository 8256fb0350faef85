"""`nerveguide handout`: the same handout as the web form, written to a PDF file.

Errors go to standard error as one JSON object and the exit code is 2; notes about shortened
text go to standard error as {"notice": ...} lines; on success one JSON line on standard output
says where the PDF went and how many pages it has.
"""

import argparse
import datetime as dt
import json
import sys


def add_commands(subparsers) -> None:
    """Add the `handout` subcommand (the web form's choices as options, -o FILE|-)."""
    parser = subparsers.add_parser(
        "handout",
        help="build a patient handout PDF (same as /patientuddannelse/)",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument("--region", required=True, help="laend or nakke")
    parser.add_argument("--version", default="fuld", help="fuld or pixi (default fuld)")
    parser.add_argument("--duration", default="akut", help="akut or langvarig (default akut)")
    parser.add_argument("--topics", help="comma-separated topic slugs (default: all seven)")
    parser.add_argument("--exercises", required=True, help="comma-separated exercise slugs, 1-5")
    parser.add_argument(
        "--dose",
        action="append",
        default=[],
        metavar="SLUG:KEY=N,...",
        help="change a dosage, e.g. baekkenkip:sets=3,reps=12,times=2,per=dag (repeatable)",
    )
    parser.add_argument(
        "--goal", action="append", default=[], help="a goal of the patient's (repeatable, max 5)"
    )
    parser.add_argument(
        "--step", action="append", default=[], help="a progression-ladder step (repeatable, 3-5)"
    )
    parser.add_argument("--work-notes", default="", help="notes about work")
    parser.add_argument("--advice", default="", help="other advice")
    parser.add_argument("--clinic", default="", help="the clinic's name")
    parser.add_argument("--contact", default="", help="the clinic's contact line")
    parser.add_argument(
        "--date", type=dt.date.fromisoformat, help="date on the handout, YYYY-MM-DD (default today)"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="PDF file to write, or - for standard output"
    )
    parser.set_defaults(func=run)


def parse_doses(values: list[str]) -> dict[str, dict[str, str]]:
    """["baekkenkip:sets=3,reps=12"] -> {"baekkenkip": {"sets": "3", "reps": "12"}}."""
    doses: dict[str, dict[str, str]] = {}
    for value in values:
        slug, _, settings = value.partition(":")
        for pair in settings.split(","):
            key, _, number = pair.partition("=")
            if key.strip():
                doses.setdefault(slug.strip(), {})[key.strip()] = number.strip()
    return doses


def run(args: argparse.Namespace) -> int:
    """Build the handout and write its PDF to --output; returns 2 (errors as one JSON object
    on stderr) for invalid choices, else 0. An unwritable output file raises OSError, which
    the `nerveguide` entry point reports with exit code 2."""
    from nerveguide.cli import setup_django

    setup_django()  # templates need settings; the database is never touched
    from nerveguide.education.handout import HandoutError, build_handout
    from nerveguide.education.pdf import render_document, write_pdf

    choices = {
        "region": args.region,
        "version": args.version,
        "duration": args.duration,
        "topics": args.topics,
        "exercises": args.exercises,
        "dosage": parse_doses(args.dose),
        "goals": args.goal,
        "ladder": args.step,
        "work_notes": args.work_notes,
        "advice": args.advice,
        "clinic_name": args.clinic,
        "clinic_contact": args.contact,
    }
    try:
        handout = build_handout(choices, today=args.date)
    except HandoutError as error:
        print(
            json.dumps({"error": str(error), "errors": error.errors}, ensure_ascii=False),
            file=sys.stderr,
        )
        return 2
    for notice in handout.notices:
        print(json.dumps({"notice": notice}, ensure_ascii=False), file=sys.stderr)
    document = render_document(handout)
    data = write_pdf(document)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    with open(args.output, "wb") as out:
        out.write(data)
    print(
        json.dumps(
            {"output": args.output, "pages": len(document.pages), "bytes": len(data)},
            ensure_ascii=False,
        )
    )
    return 0
