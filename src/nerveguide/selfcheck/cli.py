"""`nerveguide selfcheck --answers FILE|-` and `--text FILE|-` (shared specs/cli-contract.md).

No database: the rules engine and the free-text reader are pure Python.
"""

import sys
from typing import Any

from nerveguide import jsonlines


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser(
        "selfcheck",
        help="self-check: urgency level from answers or Danish free text (JSON Lines)",
        description="Read answers (JSON objects) or Danish descriptions (JSON objects with `text`, or "
        "plain lines) and print one JSON object per line with the level and its reasons.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--answers", metavar="FILE", help="JSON Lines with answer keys, or - for stdin")
    source.add_argument("--text", metavar="FILE", help="JSON Lines with a `text` field or plain lines, or -")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.answers is not None:
        return _batch(args.answers, "answers", check_answers)
    return _batch(args.text, "text", check_text)


def _batch(name: str, text_field: str, handle) -> int:
    failures = 0
    for number, record, error in jsonlines.read_records(name, text_field):
        record_id = record.get("id") if record else None
        if error is None:
            try:
                jsonlines.write(handle(record))
                continue
            except ValueError as problem:
                error = f"line {number}: {problem}"
        failures += 1
        print(error, file=sys.stderr)
        jsonlines.write({"id": record_id, "line": number, "error": error})
    return 1 if failures else 0


def check_answers(record: dict[str, Any]) -> dict[str, Any]:
    """One answers line -> {"id", "level", "reasons"}.

    The answer keys sit at the top level; a line shaped like the evaluation files
    ({"id", "answers": {...}, "level"}) is read from its `answers` object.
    """
    from nerveguide.selfcheck import engine

    if "answers" in record and not isinstance(record["answers"], dict):
        raise ValueError("expected a JSON object with answer keys")
    if isinstance(record.get("answers"), dict):
        answers = record["answers"]
    else:
        answers = {key: value for key, value in record.items() if key != "id"}
    result = engine.evaluate(answers)
    return {"id": record.get("id"), "level": result.level, "reasons": list(result.reasons)}


def check_text(record: dict[str, Any]) -> dict[str, Any]:
    """One text line -> {"id", "level", "answers", "unasked", "reasons", "findings"}."""
    from nerveguide.selfcheck import engine, freetext

    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("expected a non-empty `text` field")
    analysis = freetext.analyse(text)
    result = engine.evaluate(analysis.answers)
    return {
        "id": record.get("id"),
        "level": result.level,
        "answers": analysis.answers,
        "unasked": list(analysis.unasked),
        "reasons": list(result.reasons),
        "findings": [{"key": f.key, "value": f.value, "evidence": f.evidence} for f in analysis.findings],
    }
