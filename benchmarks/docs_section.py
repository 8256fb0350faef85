"""Write one benchmark's results into its own section of docs/benchmarks.md.

Each area owns the text between `<!-- AREA:start -->` and `<!-- AREA:end -->`; the rest of the
file is left as it is, so the benchmarks can run in any order.
"""

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(area: str, text: str) -> None:
    start, end = f"<!-- {area}:start -->", f"<!-- {area}:end -->"
    content = DOCS.read_text(encoding="utf-8")
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    DOCS.write_text(f"{before}{start}\n{text.strip()}\n{end}{after}", encoding="utf-8")
