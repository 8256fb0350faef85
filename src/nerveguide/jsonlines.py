"""JSON Lines input and output shared by the CLI commands (see shared specs/cli-contract.md)."""

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO


def open_input(name: str) -> TextIO:
    """A text stream for a file name, or standard input for "-"; read as UTF-8, undecodable
    bytes replaced rather than fatal. OSError (e.g. FileNotFoundError) for a file that cannot
    be opened."""
    if name == "-":
        if isinstance(sys.stdin, io.TextIOWrapper):  # the real stdin; a replaced one is left as is
            sys.stdin.reconfigure(encoding="utf-8", errors="replace")
        return sys.stdin
    return Path(name).open(encoding="utf-8", errors="replace")


def read_records(
    name: str, text_field: str
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, record, error) for each non-blank line.

    A line is a JSON object, or plain text that becomes {text_field: line}.
    A line that looks like JSON but does not parse yields an error instead of a record.
    """
    with open_input(name) as stream:
        for number, raw in enumerate(stream, start=1):
            line = raw.strip().lstrip("\ufeff")
            if not line:
                continue
            if line.startswith("{"):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield number, None, f"line {number}: invalid JSON: {error.msg}"
                    continue
                if not isinstance(record, dict):
                    yield number, None, f"line {number}: expected a JSON object"
                    continue
                yield number, record, None
            else:
                yield number, {text_field: line}, None


def write(record: dict[str, Any], stream: TextIO | None = None) -> None:
    """Write one record as a JSON line (non-ASCII letters kept as is) to `stream`, default
    standard output, and flush; TypeError for a value JSON cannot hold.

    A string that cannot be written as UTF-8 (a lone surrogate read from a JSON "\\ud800"
    escape) is written escaped, so the line stays valid JSON and the batch goes on.
    """
    out = stream or sys.stdout
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True)
    out.write(line + "\n")
    out.flush()
