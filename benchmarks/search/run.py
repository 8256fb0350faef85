"""Search benchmark: quality on both dev sets, red-flag detection, speed on content/ and the corpus.

    .venv/bin/python benchmarks/search/run.py [--skip-speed] [--no-docs] [--verbose]

Quality: MRR@10, top-1 and top-3, overall and per kind, on ../shared/eval/search-dev.jsonl
(over ../shared/seeds) and ../shared/eval/search-content-dev.jsonl (over content/), for
nerveguide's engine and, in the same run, for the baseline: plain BM25 (bm25s, k1=1.5, b=0.75)
over heading + text with the Danish Snowball stemmer (PyStemmer).
Red flags: of the content dev queries tagged "redflag", how many open with the akut card
(`Results.warning == "akut"`), and how many of the others wrongly do.
Speed: index build time, query latency p50/p99 and index memory over content/, over
../shared/corpus/fysfinder-ordbog (read in place) and over a corpus 10 times larger made from
it (each article copied under nine new names with its passages in a rotated order).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import bm25s
import Stemmer

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from nerveguide.search import analysis
from nerveguide.search.engine import SearchIndex
from nerveguide.search.sources import read_entries

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docs_section import write_section

SHARED = REPO.parent / "shared"
DEV_SETS = (
    ("seeds", SHARED / "eval" / "search-dev.jsonl", SHARED / "seeds"),
    ("content", SHARED / "eval" / "search-content-dev.jsonl", REPO / "content"),
)
# Our own lay questions over content/ (not from the dev sets; gold read from the articles): a
# guard against fitting the dev queries. A change is kept only if it helps both.
CHECK_SETS = (("check", Path(__file__).resolve().parent / "check-content.jsonl", REPO / "content"),)


class BaselineBM25:
    """Plain BM25 (bm25s defaults: Lucene variant, k1=1.5, b=0.75) over heading + passage text,
    Snowball Danish stems, no stopwords, no synonyms."""

    def __init__(self, entries):
        self.entries = entries
        stemmer = Stemmer.Stemmer("danish")
        self.stem = lambda text: stemmer.stemWords(analysis.tokenise(text))
        self.retriever = bm25s.BM25()
        self.retriever.index(
            [self.stem(f"{e.heading or ''} {e.text}") or [""] for e in entries], show_progress=False
        )
        self.vocab = self.retriever.vocab_dict

    def search(self, query, limit=10):
        tokens = [t for t in self.stem(query) if t in self.vocab]
        if not tokens:
            return []
        k = min(len(self.entries), limit * 4 + 10)
        documents, scores = self.retriever.retrieve([tokens], k=k, show_progress=False)
        ranked = [int(d) for d, s in zip(documents[0], scores[0]) if s > 0]
        return unique_sections(self.entries[number] for number in ranked)[:limit]


def unique_sections(entries):
    seen, out = set(), []
    for entry in entries:
        key = (entry.source, entry.heading)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def evaluate(search, cases, kinds=None):
    """MRR@10, top-1, top-3 overall and per kind (kinds: case id -> list of kinds)."""
    rows = defaultdict(list)  # kind -> reciprocal ranks
    misses = []
    for case in cases:
        wanted = {(a["source"], a["heading"]) for a in case["answers"]}
        found = [(e.source, e.heading) for e in search(case["query"])][:10]
        rank = next((i + 1 for i, key in enumerate(found) if key in wanted), None)
        for kind in ["all", *(kinds or {}).get(case["id"], [])]:
            rows[kind].append(rank)
        if rank != 1:
            misses.append((case["id"], case["query"], rank, found[:1]))
    out = {kind: _scores(ranks) for kind, ranks in rows.items()}
    out["misses"] = misses
    return out


def _scores(ranks):
    n = len(ranks)
    return {
        "n": n,
        "mrr10": sum(1 / r for r in ranks if r) / n,
        "top1": sum(r == 1 for r in ranks) / n,
        "top3": sum(bool(r and r <= 3) for r in ranks) / n,
    }


def read_jsonl(path: Path):
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def quality(name: str, eval_file: Path, root: Path, verbose: bool):
    cases = read_jsonl(eval_file)
    kinds_file = eval_file.with_suffix(".kinds.jsonl")
    kinds = (
        {row["id"]: row["kinds"] for row in read_jsonl(kinds_file)} if kinds_file.exists() else {}
    )
    entries, _ = read_entries(root)
    index = SearchIndex(entries)
    baseline = BaselineBM25(entries)
    ours = evaluate(lambda q: [hit.entry for hit in index.search(q, 10).hits], cases, kinds)
    base = evaluate(baseline.search, cases, kinds)
    if verbose:
        for miss in ours["misses"]:
            print(f"  {name} miss:", miss)
    flags = red_flags(index, cases, kinds) if kinds else None
    return {
        "name": name,
        "file": _shown_file(eval_file),
        "root": root,
        "n": len(cases),
        "base": base,
        "ours": ours,
        "flags": flags,
    }


def red_flags(index, cases, kinds):
    """(red-flag queries opening with the akut card, red-flag queries, ordinary queries that do, ordinary)."""
    flagged = [c for c in cases if "redflag" in kinds.get(c["id"], [])]
    ordinary = [c for c in cases if "redflag" not in kinds.get(c["id"], [])]

    def warn(case):
        return getattr(index.search(case["query"], 10), "warning", None) == "akut"

    wrong = [c["query"] for c in ordinary if warn(c)]
    missed = [c["query"] for c in flagged if not warn(c)]
    return {
        "hit": len(flagged) - len(missed),
        "flagged": len(flagged),
        "wrong": len(wrong),
        "ordinary": len(ordinary),
        "missed": missed,
        "wrong_queries": wrong,
    }


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def multiplied(entries, times):
    """The corpus `times` over: copies under new source names, passages rotated per copy."""
    by_source = defaultdict(list)
    for entry in entries:
        by_source[entry.source].append(entry)
    out = []
    for copy in range(times):
        for source, passages in by_source.items():
            shift = copy % len(passages)
            for entry in passages[shift:] + passages[:shift]:
                out.append(
                    entry
                    if copy == 0
                    else replace(entry, source=f"{copy}-{source}", url=f"/{copy}{entry.url}")
                )
    return out


def speed_queries():
    queries = [
        case["query"] for _name, eval_file, _root in DEV_SETS for case in read_jsonl(eval_file)
    ]
    extra = [
        "sovende fornemmelse i foden",
        "iskjas",
        "diskosprolaps laenden",
        "hekseskud",
        "prikken i fingrene",
        "ondt i knæet når jeg går på trapper",
        "skulder",
        "rygsmerter om natten",
        "MR-scanning",
        "svimmelhed",
    ]
    return queries + extra


def measure_speed(entries, queries, label):
    gc.collect()
    started = time.perf_counter()
    index = SearchIndex(entries)
    row = {"label": label, "entries": len(entries), "build_s": time.perf_counter() - started}
    row["memory_mb"] = index_memory(entries) / 2**20
    row.update(_latencies(lambda q: index.search(q, 10), queries))
    started = time.perf_counter()
    baseline = BaselineBM25(entries)
    row["baseline_build_s"] = time.perf_counter() - started
    base = _latencies(lambda q: baseline.search(q, 10), queries, rounds=2)
    row["baseline_p50_ms"], row["baseline_p99_ms"] = base["p50_ms"], base["p99_ms"]
    return row


def index_memory(entries) -> int:
    """Bytes allocated by a second build and still held by the index (tracemalloc slows the
    build, so it is not the timed one). The entries themselves are not counted."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = SearchIndex(entries)
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del index
    return used


def _latencies(search, queries, rounds=5):
    """Wall-clock p50/p99 and CPU-time p99 per query. CPU time is shown too because on a busy
    shared machine the wall clock also counts time spent waiting for a core."""
    for query in queries:  # warm caches (lemmas, corrections) as a running server would be
        search(query)
    wall, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            search(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "p50_ms": statistics.median(wall),
        "p99_ms": percentile(wall, 99),
        "cpu_p99_ms": percentile(cpu, 99),
    }


def table(quality_rows, speed_rows):
    lines = []
    for q in quality_rows:
        base, ours = q["base"], q["ours"]
        lines += [
            f"Quality on `{q['file']}` ({q['n']} queries) over `{_shown(q['root'])}`:",
            "",
            "| kind | n | BM25 MRR@10 | BM25 top-1 | BM25 top-3 | nerveguide MRR@10 | top-1 | top-3 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for kind in ["all", *sorted(k for k in ours if k not in ("all", "misses"))]:
            b, o = base[kind], ours[kind]
            label = "**all**" if kind == "all" else kind
            lines.append(
                f"| {label} | {o['n']} | {b['mrr10']:.3f} | {b['top1']:.2f} | {b['top3']:.2f} "
                f"| {o['mrr10']:.3f} | {o['top1']:.2f} | {o['top3']:.2f} |"
            )
        lines.append("")
        if q["flags"]:
            f = q["flags"]
            lines += [
                (
                    f"Red flags: {f['hit']} of {f['flagged']} red-flag queries open with the akut card; "
                    f"{f['wrong']} of {f['ordinary']} other queries wrongly do."
                ),
                "",
            ]
    if speed_rows:
        lines += [
            "Speed: index build from parsed passages (reading the files with `content.documents` is not",
            "included), memory held by the index (tracemalloc), and query latency over the dev queries of",
            "both sets plus ten lay/typo queries, 5 rounds after a warm-up (baseline: 2 rounds), including",
            "snippets and the red-flag reading.",
            f"Machine load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
            "",
            "| corpus | passages | build s | index MB | p50 ms | p99 ms | p99 CPU ms | BM25 p50 ms | BM25 p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in speed_rows:
            lines.append(
                f"| {r['label']} | {r['entries']} | {r['build_s']:.2f} | {r['memory_mb']:.1f} | {r['p50_ms']:.2f} "
                f"| {r['p99_ms']:.2f} | {r['cpu_p99_ms']:.2f} | {r['baseline_p50_ms']:.2f} | {r['baseline_p99_ms']:.2f} |"
            )
    return "\n".join(lines)


def _shown_file(path: Path) -> str:
    return f"../shared/eval/{path.name}" if SHARED in path.parents else str(path.relative_to(REPO))


def _shown(root: Path) -> str:
    return "content/" if root == REPO / "content" else f"../shared/{root.relative_to(SHARED)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--no-docs",
        action="store_true",
        help="do not write the tables into docs/benchmarks.md (a full run writes them)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list the queries not answered at rank 1"
    )
    args = parser.parse_args()

    quality_rows = [
        quality(name, eval_file, root, args.verbose)
        for name, eval_file, root in DEV_SETS + CHECK_SETS
    ]
    if args.verbose:
        for q in quality_rows:
            if q["flags"]:
                print(
                    "  red flags missed:",
                    q["flags"]["missed"],
                    "wrongly flagged:",
                    q["flags"]["wrong_queries"],
                )
    speed_rows = []
    if not args.skip_speed:
        queries = speed_queries()
        content, _ = read_entries(REPO / "content")
        speed_rows.append(measure_speed(content, queries, "content/ (the site's articles)"))
        corpus, _skipped = read_entries(SHARED / "corpus" / "fysfinder-ordbog")
        speed_rows.append(measure_speed(corpus, queries, "fysfinder-ordbog (485 articles)"))
        speed_rows.append(
            measure_speed(multiplied(corpus, 10), queries, "10× generated (4,850 articles)")
        )
    text = table(quality_rows, speed_rows)
    print(text)
    if not (args.no_docs or args.skip_speed):
        write_section("search", "Command: `make bench-search`\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
