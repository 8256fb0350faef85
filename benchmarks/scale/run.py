"""Content at scale: `check` and `ingest` time and peak memory at 485, 2,425 and 4,850 files.

    .venv/bin/python benchmarks/scale/run.py [--no-docs] [--sizes 1,5,10]

The larger sets are generated at run time in a temporary directory from
../shared/corpus/fysfinder-ordbog (nothing is committed): copy k of each article gets its own
slug, and 60 % of its words are replaced by random words of the corpus (fixed seed), so the
copies are new articles rather than near-duplicates of each other. Each measurement runs in a
child process: wall time, and peak memory (max RSS) with the child's start-up memory beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from docs_section import write_section

CORPUS = REPO.parent / "shared" / "corpus" / "fysfinder-ordbog"
PYTHON = REPO / ".venv" / "bin" / "python"
REPLACED = 0.6

CHILD = """
import json, os, resource, sys, time
import django
django.setup()
from pathlib import Path
start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
if sys.argv[1] == "check":
    from nerveguide.content.documents import read_directory
    documents, findings = read_directory(Path(sys.argv[2]))
    result = {"documents": len(documents), "findings": len(findings)}
else:
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    from nerveguide.content.ingest import ingest_directory
    report = ingest_directory(Path(sys.argv[2]))
    result = {"errors": report.errors}
result["seconds"] = time.perf_counter() - start
result["start_rss_mb"] = start_rss
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result, default=str))
"""


def generate(target: Path, copies: int) -> int:
    """Write `copies` versions of every corpus article into `target` (copy 0 is the corpus as
    it is; copy k gets "-v{k}" in its file name and slug); returns the file count."""
    files = sorted(CORPUS.rglob("*.md"))
    rng = random.Random(1)
    vocabulary = [w for f in files[:100] for w in re.findall(r"[^\W\d_]+", f.read_text("utf-8"))]
    for k in range(copies):
        for path in files:
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(CORPUS)
            if k:  # copy 0 is the corpus as it is
                head, sep, body = text.partition("\n---\n")
                head = re.sub(r"(?m)^slug:\s*(\S+)", rf"slug: \g<1>-v{k}", head)
                body = re.sub(
                    r"[^\W\d_]+",
                    lambda m: rng.choice(vocabulary) if rng.random() < REPLACED else m.group(),
                    body,
                )
                text = head + sep + body
                name = name.with_name(f"{name.stem}-v{k}{name.suffix}")
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(text, encoding="utf-8")
    return len(files) * copies


def measure(command: str, folder: Path, workdir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nerveguide.project.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / (folder.name + '.sqlite3')}",
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [str(PYTHON), "-c", CHILD, command, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[int, dict, dict]]) -> str:
    lines = [
        "## Content at scale: check and ingest",
        "",
        (
            "`.venv/bin/python benchmarks/scale/run.py` (sets of 5× and 10× generated at run time"
            " from the corpus; 60 % of each copy's words replaced, so copies are new articles)."
            " Wall time and peak memory of one child process; its start-up memory in brackets."
        ),
        "",
        "| files | check | check peak memory | ingest (fresh SQLite) | ingest peak memory |",
        "|---|---|---|---|---|",
    ]
    for files, check, ingest in rows:
        lines.append(
            f"| {files:,} | {check['seconds']:.1f} s | {check['rss_mb']:.0f} MB "
            f"({check['start_rss_mb']:.0f}) | {ingest['seconds']:.1f} s | {ingest['rss_mb']:.0f} MB "
            f"({ingest['start_rss_mb']:.0f}) |"
        )
    lines.append("")
    lines.append(
        "Near-duplicate detection is one sparse matrix product (see `content/similarity.py`);"
        " before it, `check` took 44.7 s and 2.5 GB at 4,850 files."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10", help="copies of the corpus per set")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for copies in (int(n) for n in args.sizes.split(",")):
            folder = workdir / f"x{copies}"
            folder.mkdir()
            files = generate(folder, copies)
            check = measure("check", folder, workdir)
            ingest = measure("ingest", folder, workdir)
            print(files, json.dumps(check), json.dumps(ingest), flush=True)
            rows.append((files, check, ingest))
    text = table(rows)
    print(text)
    if not args.no_docs:
        write_section("scale", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
