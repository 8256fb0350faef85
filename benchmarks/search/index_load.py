"""The web search index per process: built in memory versus mapped from the shared on-disk index.

    .venv/bin/python benchmarks/search/index_load.py [--no-docs] [--sizes 1,10]

For each size, the corpus ../shared/corpus/fysfinder-ordbog (1×) or a set generated from it at run
time (10×, as benchmarks/scale/run.py makes it: nothing is committed) is ingested into a fresh
SQLite database in a temporary directory. Then, each in a fresh child process (as a new app-server
worker would start):

- *in memory*: `webindex.build_index()`, what every worker did before;
- *build + save*: the first worker of a generation, building and saving the shared index;
- *load*: every other worker, mapping the saved index (`webindex.obtain_index`).

Reported: the time to get the index, the growth of the process's resident memory (RSS) from
just before (Django loaded) to after 20 searches, the worker's own part of it (anonymous memory,
from /proc/self/smaps_rollup; the rest is file pages, the index's shared by all workers through
the page cache), and the size of the index on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "scale"))
from docs_section import write_section
from run import CHILD as INGEST_CHILD  # benchmarks/scale/run.py
from run import CORPUS, PYTHON, generate

QUERIES = REPO.parent / "shared" / "eval" / "search-content-dev.jsonl"

CHILD = """
import json, sys, time
import django
django.setup()
from nerveguide.content import publication
from nerveguide.search import webindex

def memory():
    found = {}
    with open("/proc/self/smaps_rollup") as source:
        for line in source:
            parts = line.split()
            if parts[0] in ("Rss:", "Anonymous:"):
                found[parts[0]] = int(parts[1]) / 1024
    return found["Rss:"], found["Anonymous:"]

queries = [json.loads(line)["query"] for line in open(sys.argv[2], encoding="utf-8")][:20]
generation = publication.generation()
webindex.index_name(generation)  # the stamp query's imports and connection, outside the timing
rss0, own0 = memory()
start = time.perf_counter()
if sys.argv[1] == "memory":
    index = webindex.build_index()
else:
    index = webindex.obtain_index(generation)
seconds = time.perf_counter() - start
for query in queries:
    index.search(query)
rss1, own1 = memory()
print(json.dumps({"seconds": seconds, "rss_mb": rss1 - rss0, "own_mb": own1 - own0,
                  "entries": len(index.entries)}))
"""


def child_env(workdir: Path, name: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nerveguide.project.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / (name + '.sqlite3')}",
        "SEARCH_INDEX_DIR": str(workdir / "search-index"),
    }
    env.pop("REDIS_URL", None)
    return env


def run_child(code: str, args: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [str(PYTHON), "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def measure(copies: int, workdir: Path) -> dict:
    folder = workdir / f"x{copies}"
    folder.mkdir()
    files = generate(folder, copies)
    env = child_env(workdir, folder.name)
    run_child(INGEST_CHILD, ["ingest", str(folder)], env)
    memory = run_child(CHILD, ["memory", str(QUERIES)], env)
    first = run_child(CHILD, ["disk", str(QUERIES)], env)  # builds and saves
    size = disk_mb(workdir / "search-index")
    loads = [run_child(CHILD, ["disk", str(QUERIES)], env) for _ in range(3)]
    load = min(loads, key=lambda found: found["seconds"])
    return {
        "files": files,
        "entries": memory["entries"],
        "memory": memory,
        "first": first,
        "load": load,
        "disk_mb": size,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "## Search index per process",
        "",
        (
            "`.venv/bin/python benchmarks/search/index_load.py` (the 10× set generated at run time"
            " as in `benchmarks/scale/run.py`). Each column is a fresh child process: the time to"
            " get the index, then the growth of its resident memory (RSS) after 20 searches of the"
            " content dev set, with the worker's own part (anonymous memory) in brackets; the rest"
            " is pages of the index file (and of libraries) that all workers share through the"
            " page cache. *In memory* is what every worker did before;"
            " *build + save* is the first worker of a generation; *load* is every other worker"
            " (best of 3)."
        ),
        "",
        "| articles | passages | in memory | build + save | load | index on disk |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = []
        for key in ("memory", "first", "load"):
            found = row[key]
            cells.append(
                f"{found['seconds']:.2f} s, {found['rss_mb']:.0f} MB ({found['own_mb']:.0f})"
            )
        lines.append(
            f"| {row['files']:,} | {row['entries']:,} | {' | '.join(cells)} "
            f"| {row['disk_mb']:.0f} MB |"
        )
    lines += [
        "",
        (
            "The on-disk index is built once per publication generation under"
            " `SEARCH_INDEX_DIR` (see docs/search.md); searches give the same hits and scores"
            " either way."
        ),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="copies of the corpus per set")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(n) for n in args.sizes.split(",")):
            workdir = Path(tmp) / f"run{copies}"
            workdir.mkdir()
            row = measure(copies, workdir)
            print(json.dumps(row), flush=True)
            rows.append(row)
    text = table(rows)
    print(text)
    if not args.no_docs:
        write_section("searchindex", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
