"""Search benchmark: quality on ../shared/eval/search-dev.jsonl and speed on the 485-article corpus.

    .venv/bin/python benchmarks/search/run.py [--skip-speed] [--no-docs] [--verbose] [--eval FILE]

Quality: MRR@10, top-1 and top-3 over ../shared/seeds for nerveguide's engine and, in the same
run, for the baseline (textbook BM25 over heading + text with the Danish Snowball stemmer).
Speed: index build time, query latency p50/p99 and index memory over
../shared/corpus/fysfinder-ordbog and over a corpus 10 times larger made from it (each
article copied under nine new names with its passages in a rotated order).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import statistics
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import Stemmer

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from nerveguide.search import analysis
from nerveguide.search.engine import SearchIndex
from nerveguide.search.sources import read_entries

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docs_section import write_section

SHARED = REPO.parent / "shared"
DEV_SET = SHARED / "eval" / "search-dev.jsonl"


class BaselineBM25:
    """Plain BM25 (k1=1.2, b=0.75) over heading + passage text, Snowball Danish stems."""

    def __init__(self, entries):
        self.entries = entries
        stemmer = Stemmer.Stemmer("danish")
        self.stem = lambda text: stemmer.stemWords(analysis.tokenise(text))
        self.tfs = [Counter(self.stem(f"{e.heading or ''} {e.text}")) for e in entries]
        self.lengths = [sum(tf.values()) for tf in self.tfs]
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        self.postings = defaultdict(list)
        for number, tf in enumerate(self.tfs):
            for term, count in tf.items():
                self.postings[term].append((number, count))

    def search(self, query, limit=10):
        total, scores = len(self.entries), defaultdict(float)
        for term in self.stem(query):
            postings = self.postings.get(term, [])
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            for number, count in postings:
                norm = 1.2 * (0.25 + 0.75 * self.lengths[number] / self.average)
                scores[number] += idf * count * 2.2 / (count + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return unique_sections(self.entries[number] for number, _ in ranked)[:limit]


def unique_sections(entries):
    seen, out = set(), []
    for entry in entries:
        key = (entry.source, entry.heading)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def evaluate(search, cases):
    reciprocal, top1, top3, misses = [], 0, 0, []
    for case in cases:
        wanted = {(a["source"], a["heading"]) for a in case["answers"]}
        found = [(e.source, e.heading) for e in search(case["query"])][:10]
        rank = next((i + 1 for i, key in enumerate(found) if key in wanted), None)
        reciprocal.append(1 / rank if rank else 0.0)
        top1 += rank == 1
        top3 += bool(rank and rank <= 3)
        if rank != 1:
            misses.append((case["id"], case["query"], rank, found[:1]))
    n = len(cases)
    return {"mrr10": sum(reciprocal) / n, "top1": top1 / n, "top3": top3 / n, "misses": misses}


def quality(eval_file: Path, verbose: bool):
    cases = [json.loads(line) for line in eval_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    entries, _ = read_entries(SHARED / "seeds")
    index = SearchIndex(entries)
    baseline = BaselineBM25(entries)
    ours = evaluate(lambda q: [hit.entry for hit in index.search(q, 10).hits], cases)
    base = evaluate(baseline.search, cases)
    if verbose:
        for miss in ours["misses"]:
            print("  miss:", miss)
    return len(cases), base, ours


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
                out.append(entry if copy == 0 else replace(entry, source=f"{copy}-{source}", url=f"/{copy}{entry.url}"))
    return out


def speed_queries(eval_file: Path):
    queries = [json.loads(line)["query"] for line in eval_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    extra = ["sovende fornemmelse i foden", "iskjas", "diskosprolaps laenden", "hekseskud", "prikken i fingrene",
             "ondt i knæet når jeg går på trapper", "skulder", "rygsmerter om natten", "MR-scanning", "svimmelhed"]
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
    return {"p50_ms": statistics.median(wall), "p99_ms": percentile(wall, 99), "cpu_p99_ms": percentile(cpu, 99)}


def table(n, base, ours, speed_rows):
    lines = [
        f"Quality on `../shared/eval/search-dev.jsonl` ({n} queries) over `../shared/seeds`:",
        "",
        "| engine | MRR@10 | top-1 | top-3 |",
        "|---|---:|---:|---:|",
        f"| baseline: BM25 + Snowball | {base['mrr10']:.3f} | {base['top1']:.2f} | {base['top3']:.2f} |",
        f"| nerveguide | {ours['mrr10']:.3f} | {ours['top1']:.2f} | {ours['top3']:.2f} |",
    ]
    if speed_rows:
        lines += [
            "",
            "Speed: index build from parsed passages (reading the files with `content.documents` is not",
            "included), memory held by the index (tracemalloc), and query latency over the dev queries",
            "plus ten lay/typo queries, 5 rounds after a warm-up (baseline: 2 rounds), including snippets.",
            f"Machine load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
            "",
            "| corpus | passages | build s | index MB | p50 ms | p99 ms | p99 CPU ms | baseline p50 ms | baseline p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in speed_rows:
            lines.append(
                f"| {r['label']} | {r['entries']} | {r['build_s']:.1f} | {r['memory_mb']:.0f} | {r['p50_ms']:.2f} "
                f"| {r['p99_ms']:.2f} | {r['cpu_p99_ms']:.2f} | {r['baseline_p50_ms']:.2f} | {r['baseline_p99_ms']:.2f} |"
            )
    return "\n".join(lines)



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEV_SET, help="a search eval file (JSON Lines)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--no-docs", action="store_true",
                        help="do not write the table into docs/benchmarks.md (a full run writes it)")
    parser.add_argument("--verbose", action="store_true", help="list the queries not answered at rank 1")
    args = parser.parse_args()

    n, base, ours = quality(args.eval, args.verbose)
    speed_rows = []
    if not args.skip_speed:
        corpus, _skipped = read_entries(SHARED / "corpus" / "fysfinder-ordbog")
        queries = speed_queries(args.eval)
        speed_rows.append(measure_speed(corpus, queries, "fysfinder-ordbog (485 articles)"))
        speed_rows.append(measure_speed(multiplied(corpus, 10), queries, "10× generated (4,850 articles)"))
    text = table(n, base, ours, speed_rows)
    print(text)
    if not (args.no_docs or args.skip_speed or args.eval != DEV_SET):
        write_section("search", "Command: `make bench-search`\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
