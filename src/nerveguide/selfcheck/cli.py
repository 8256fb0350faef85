"""`nerveguide selfcheck --answers FILE|-` and `--text FILE|-` (shared specs/cli-contract.md).

No database: the rules engine and the free-text reader are pure Python.
"""

import json
import sys
from typing import Any

from nerveguide import jsonlines

DUPLICATES = "\0duplicates"  # set on a record whose JSON names a key twice


def add_commands(subparsers) -> None:
    """Add the `selfcheck` subcommand (--answers FILE|- or --text FILE|-) to the parser."""
    parser = subparsers.add_parser(
        "selfcheck",
        help="self-check: urgency level from answers or Danish free text (JSON Lines)",
        description="Read answers (JSON objects) or Danish descriptions (JSON objects with `text`, or "
        "plain lines) and print one JSON object per line with the level and its reasons.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--answers", metavar="FILE", help="JSON Lines with answer keys, or - for stdin"
    )
    source.add_argument(
        "--text", metavar="FILE", help="JSON Lines with a `text` field or plain lines, or -"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    """Print one JSON line per input line (a result, or {"id", "line", "error"} with the error
    also on stderr); return 1 when any line was rejected, else 0."""
    if args.answers is not None:
        return _batch(_answer_records(args.answers), check_answers)
    return _batch(jsonlines.read_records(args.text, "text"), check_text)


def _answer_records(name: str):
    """(line number, record, error) per non-blank line, like jsonlines.read_records, except that
    an object naming a key twice is marked (json keeps only the last value, so a red flag
    could be lost silently)."""
    with jsonlines.open_input(name) as stream:
        for number, raw in enumerate(stream, start=1):
            line = raw.strip().lstrip("\ufeff")
            if not line:
                continue
            duplicates: list[str] = []

            def pairs(items, duplicates=duplicates):
                keys = [key for key, _ in items]
                duplicates.extend(sorted({key for key in keys if keys.count(key) > 1}))
                return dict(items)

            try:
                record = json.loads(line, object_pairs_hook=pairs)
            except ValueError as error:
                yield number, None, f"line {number}: invalid JSON: {getattr(error, 'msg', error)}"
                continue
            if not isinstance(record, dict):
                yield number, None, f"line {number}: expected a JSON object with answer keys"
                continue
            if duplicates:
                record[DUPLICATES] = duplicates
            yield number, record, None


def _batch(records, handle) -> int:
    failures = 0
    for number, record, error in records:
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

    duplicates = record.pop(DUPLICATES, None)
    if duplicates:
        raise ValueError(f"duplicate key {', '.join(duplicates)}; give each answer once")
    if "answers" in record:
        if not isinstance(record["answers"], dict):
            raise ValueError("expected a JSON object with answer keys")
        beside = sorted(set(record) - {"id", "answers", "level"})
        if beside:
            # {"answers": {...}, "fever": true} once dropped the fever silently
            raise ValueError(
                f"keys beside `answers`: {', '.join(beside)}; put every answer key inside `answers`"
            )
        answers = record["answers"]
    else:
        answers = {key: value for key, value in record.items() if key != "id"}
    result = engine.evaluate_input(answers)
    return {"id": record.get("id"), "level": result.level, "reasons": list(result.reasons)}


def check_text(record: dict[str, Any]) -> dict[str, Any]:
    """One text line -> {"id", "level", "answers", "unasked", "reasons", "findings"}."""
    from nerveguide.selfcheck import engine, freetext

    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("expected a non-empty `text` field")
    reading = freetext.read_text(text)
    result = engine.evaluate(reading.answers)
    shown = reading.as_dict()
    return {
        "id": record.get("id"),
        "level": result.level,
        "answers": shown["answers"],
        "unasked": shown["unasked"],
        "provisional": shown["provisional"],
        "reasons": list(result.reasons),
        "findings": shown["findings"],
    }
