"""Self-check benchmark: rules on structured cases, the free-text reader on vignettes, latency.

    .venv/bin/python benchmarks/selfcheck/run.py [--no-docs] [--structured FILE] [--text FILE ...]

Measures, against a naive keyword matcher without negation handling run on the same texts:
exact level agreement, under- and over-triage, per-key precision/recall of the extracted
answers, results per kind of difficulty (from a `.kinds.jsonl` file beside a set), the p50/p99
latency of one free-text analysis and the CLI's start-up time. By default both free-text dev
sets in ../shared/eval plus this project's own vignettes (own_cases.py, own_hard_cases.py);
held-out files of the same form can be given with --text / --structured. The table goes into docs/benchmarks.md unless --no-docs.
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from own_cases import CASES as OWN_CASES
from own_hard_cases import BLIND as OWN_BLIND
from own_hard_cases import BLIND3 as OWN_BLIND3
from own_hard_cases import BLIND4 as OWN_BLIND4
from own_hard_cases import BLIND5 as OWN_BLIND5
from own_hard_cases import BLIND6 as OWN_BLIND6
from own_hard_cases import CASES as OWN_HARD

from nerveguide.selfcheck import engine, freetext

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from docs_section import write_section

SHARED = REPO.parent / "shared"
RULES = engine.ruleset()
KEYS = list(RULES.keys)
DEFAULTS = {name: key.default for name, key in RULES.keys.items()}


# --- the baseline: keywords anywhere in the text, no negation, no sides ---------------------
NAIVE_BOOLS = {
    "saddle_anaesthesia": ["skridt", "endetarm", "inderside"],
    "bladder_bowel": ["tisse", "vandet", "vandlad", "afføring", "urin", "blære"],
    "sexual_dysfunction": ["rejsning", "erektion", "sædafgang"],
    "fever": ["feber"],
    "major_trauma": ["faldt", "ulykke", "fald ", "styrt"],
    "cancer_history": ["kræft", "cancer"],
    "weight_loss": ["tabt", "vægttab"],
    "night_pain": ["natten"],
    "myelopathy_signs": ["usikker", "klodse", "balance"],
    "pain_uncontrolled": ["hjælper ikke", "uudholdelig"],
    "paresthesia": ["prik", "snur", "myrekryb", "sovende", "følelsesløs"],
}
NAIVE_NUMBERS = {
    "en": 1,
    "et": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
}
NAIVE_UNITS = {"dag": 1 / 7, "uge": 1, "måned": 4.35, "år": 52}


INTRO = (
    "Command: `.venv/bin/python benchmarks/selfcheck/run.py` (`make bench-selfcheck`). The reader "
    "(`nerveguide.selfcheck.freetext.read_text`) matches concepts from `danish/data/concepts.yaml` and "
    "`selfcheck/lexicon.yaml` on folded, typo-corrected tokens (Jutlandic, English and SMS forms mapped "
    "to standard Danish) and decides negation, uncertainty, history, hypotheticals and other persons "
    "with ConText (`danish/context.py`, triggers in `danish/data/context.yaml`). The naive baseline "
    "matches keywords anywhere in the text, without negation, sides or word forms. Under-triage means "
    "a lower level than expected (must be 0 for akut cases); over-triage a higher one. A far-scoped, "
    'hedged or doubly negated warning sign is read as "ved ikke" by design (issue 18), which costs '
    "some over-triage (e.g. h06). Own vignettes: o01–o46 (own_cases.py) were written for the first "
    "reader; own hard vignettes (own_hard_cases.py `CASES`) were written for issue 18 in other words "
    "than the hard dev set and scored 30/42 on first run before the reader was tuned on them; batch 2 "
    "(`BLIND`) was written after that tuning and scored 23/30 (4 under-triaged, 3 of them akut; 3 "
    "over) on its first run; batch 3 (`BLIND3`), written after batch 2 was used, scored 26/30 (3 "
    "under-triaged, 2 of them akut; 1 over) on its first run; batch 4 (`BLIND4`, 20 texts) scored "
    "13/20 (6 under-triaged, all 6 akut; 1 over) on its first run; batch 5 (`BLIND5`, 20 texts) "
    "14/20 (5 under-triaged, 4 of them akut; 1 over); batch 6 (`BLIND6`, 15 texts) 10/15 (4 "
    "under-triaged, 3 of them akut; 1 over). Those first runs are the honest "
    "estimate for unseen texts: roughly 65–87 % exact, and the reader still misses new phrasings of "
    "emergencies, which is why the web flow asks every warning sign the text did not establish. All "
    "batches were then used for tuning, so the figures below are not blind. Short stress lists in "
    "test_freetext.py, first runs: emergencies in other words 13/20 akut; everyday back-pain "
    "sentences 5/25 falsely raised (4 remain above physiotherapist, each defensible by the rules: "
    "postpartum leaking, 3 months or many years of pain, a fall called minor is 'ved ikke'); general "
    "versus own questions 8/10; typos of warning words 9/10. "
    "Wall-clock latency includes noise from other processes on the shared 2-core machine; CPU time "
    "is the cost of the analysis itself."
)


def naive(text: str) -> dict:
    t = text.lower()
    answers = {key: any(word in t for word in words) for key, words in NAIVE_BOOLS.items()}
    answers["region"] = (
        "nakke" if "nakke" in t else "laend" if ("ryg" in t or "lænd" in t) else "andet"
    )
    answers["radiation"] = (
        "begge_ben"
        if "begge ben" in t
        else "begge_arme"
        if "begge hænder" in t or "begge arme" in t
        else "ben"
        if " ben" in t
        else "arm"
        if " arm" in t
        else "ingen"
    )
    answers["weakness"] = (
        "pludselig_kraftig"
        if "løfte" in t
        else "tiltagende"
        if "svagere" in t
        else "let"
        if "svag" in t or "kraft" in t
        else "ingen"
    )
    answers["course"] = "vaerre" if "værre" in t else "bedre" if "bedre" in t else "uaendret"
    match = re.search(r"(\d+|" + "|".join(NAIVE_NUMBERS) + r") (dag|uge|måned|år)", t)
    answers["duration_weeks"] = (
        (int(match.group(1)) if match.group(1).isdigit() else NAIVE_NUMBERS[match.group(1)])
        * NAIVE_UNITS[match.group(2)]
        if match
        else 0
    )
    return answers


def ours(text: str) -> dict:
    return freetext.read_text(text).answers


# --- scoring ---------------------------------------------------------------------------------
def same_value(key: str, got, want) -> bool:
    if key == "duration_weeks":
        return abs((got or 0) - (want or 0)) <= max(0.15, 0.15 * (want or 0))
    return got == want


def positive(key: str, value) -> bool:
    if key == "duration_weeks":
        return (value or 0) > 0
    return value != DEFAULTS[key]


def score_text(cases: list[dict], reader) -> dict:
    counts = {key: {"tp": 0, "fp": 0, "fn": 0} for key in KEYS}
    exact = under = over = under_akut = 0
    for case in cases:
        got = reader(case["text"])
        level = engine.evaluate(got).level
        want_rank, got_rank = RULES.rank(case["level"]), RULES.rank(level)
        exact += level == case["level"]
        under += got_rank < want_rank
        over += got_rank > want_rank
        under_akut += case["level"] == "akut" and level != "akut"
        want_answers = DEFAULTS | case.get("answers", {})
        for key in KEYS:
            g, w = got.get(key, DEFAULTS[key]), want_answers[key]
            if positive(key, w) and same_value(key, g, w):
                counts[key]["tp"] += 1
            else:
                counts[key]["fn"] += positive(key, w)
                counts[key]["fp"] += positive(key, g) and not same_value(key, g, w)
    return {
        "n": len(cases),
        "exact": exact,
        "under": under,
        "under_akut": under_akut,
        "over": over,
        "keys": counts,
    }


def precision_recall(c: dict) -> tuple[float | None, float | None]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
    return p, r


def latency(texts: list[str], rounds: int = 30) -> dict[str, tuple[float, float]]:
    """p50 and p99 in ms of wall-clock and CPU time (CPU time is robust to a busy machine)."""
    freetext.read_text("opvarmning")  # load and compile the lexicon outside the timing
    wall, cpu = [], []
    for _ in range(rounds):
        for text in texts:
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            freetext.read_text(text)
            cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - start) / 1e6)
    return {
        name: (statistics.median(s), sorted(s)[int(len(s) * 0.99) - 1])
        for name, s in (("wall", wall), ("cpu", cpu))
    }


def cli_start_up(runs: int = 5) -> float:
    """Median wall time in ms of `nerveguide selfcheck --text -` on one short line (process
    start, imports, lexicon and word list loading, one analysis)."""
    command = [sys.executable, "-m", "nerveguide.cli", "selfcheck", "--text", "-"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command,
            input="Ondt i lænden i to uger.\n",
            capture_output=True,
            text=True,
            cwd=REPO,
            env={"PYTHONPATH": str(REPO / "src")},
            check=False,
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cli_agrees(path: Path, cases: list[dict]) -> bool:
    """The `nerveguide selfcheck --text` command gives the same levels as the library."""
    command = [sys.executable, "-m", "nerveguide.cli", "selfcheck", "--text", str(path)]
    output = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    levels = [json.loads(line)["level"] for line in output.stdout.splitlines()]
    return levels == [engine.evaluate(ours(c["text"])).level for c in cases]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_kinds(path: Path) -> dict[str, list[str]]:
    """id -> kinds from the `.kinds.jsonl` file beside a set, if there is one."""
    kinds = path.with_name(path.name.removesuffix(".jsonl") + ".kinds.jsonl")
    if not kinds.exists():
        return {}
    return {row["id"]: row["kinds"] for row in load(kinds)}


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:.1f} % ({a}/{n})" if n else "–"


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def kind_table(name: str, cases: list[dict], kinds: dict[str, list[str]]) -> str:
    """Exact / under (akut) / over per kind of difficulty, reader beside the baseline."""
    names = sorted({kind for case in cases for kind in kinds.get(case["id"], [])})
    lines = [
        f"Per kind on {name} (a case counts under each of its kinds):",
        "",
        "| Kind | n | exact | under (akut) | over | naive exact | naive under (akut) |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in names:
        subset = [c for c in cases if kind in kinds.get(c["id"], [])]
        mine, base = score_text(subset, ours), score_text(subset, naive)
        lines.append(
            f"| {kind} | {len(subset)} | {pct(mine['exact'], mine['n'])} | {mine['under']} ({mine['under_akut']}) "
            f"| {mine['over']} | {pct(base['exact'], base['n'])} | {base['under']} ({base['under_akut']}) |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--structured", type=Path, default=SHARED / "eval" / "selfcheck-structured-dev.jsonl"
    )
    parser.add_argument(
        "--text", type=Path, action="append", help="free-text set(s); default: both dev sets"
    )
    parser.add_argument(
        "--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args = parser.parse_args(argv)
    text_paths = args.text or [
        SHARED / "eval" / "selfcheck-dev.jsonl",
        SHARED / "eval" / "selfcheck-hard-dev.jsonl",
    ]

    lines = []
    structured = load(args.structured)
    agree = sum(engine.evaluate(c["answers"]).level == c["level"] for c in structured)
    lines += ["| Set | Measure | nerveguide | Naive keywords |", "|---|---|---|---|"]
    lines.append(
        f"| {args.structured.name} | exact level (rules) | {pct(agree, len(structured))} | – |"
    )

    text_sets = [(p.name, load(p), p, load_kinds(p)) for p in text_paths]
    own = [{"id": i, "text": t, "level": lvl, "answers": a} for i, t, lvl, a in OWN_CASES]
    text_sets.append(("own vignettes (own_cases.py)", own, None, {}))
    own_groups = (
        ("own hard vignettes (own_hard_cases.py CASES)", OWN_HARD),
        ("own batch 2 (own_hard_cases.py BLIND)", OWN_BLIND),
        ("own batch 3 (own_hard_cases.py BLIND3)", OWN_BLIND3),
        ("own batch 4 (own_hard_cases.py BLIND4)", OWN_BLIND4),
        ("own batch 5 (own_hard_cases.py BLIND5)", OWN_BLIND5),
        ("own batch 6 (own_hard_cases.py BLIND6)", OWN_BLIND6),
    )
    for label, group in own_groups:
        cases = [{"id": i, "text": t, "level": lvl, "answers": a} for i, _, t, lvl, a in group]
        text_sets.append((label, cases, None, {i: k for i, k, _, _, _ in group}))
    key_tables, kind_tables = [], []
    for name, cases, path, kinds in text_sets:
        mine, base = score_text(cases, ours), score_text(cases, naive)
        provisional = sum(freetext.read_text(c["text"]).provisional for c in cases)
        lines.append(
            f"| {name} | exact level | {pct(mine['exact'], mine['n'])} | {pct(base['exact'], base['n'])} |"
        )
        lines.append(
            f"| {name} | under-triage (all / akut cases) | {mine['under']} / {mine['under_akut']} | {base['under']} / {base['under_akut']} |"
        )
        lines.append(
            f"| {name} | over-triage | {pct(mine['over'], mine['n'])} | {pct(base['over'], base['n'])} |"
        )
        lines.append(
            f"| {name} | results marked provisional (a warning sign unasked or unclear) | {pct(provisional, len(cases))} | – |"
        )
        if path is not None:
            lines.append(
                f"| {name} | CLI `selfcheck --text` gives the same levels | {'yes' if cli_agrees(path, cases) else 'NO'} | – |"
            )
        if kinds:
            kind_tables.append(kind_table(name, cases, kinds))
        table = [
            f"Per-key precision / recall on {name} (positives = answers other than the default):",
            "",
            "| Key | positives | nerveguide P | nerveguide R | naive P | naive R |",
            "|---|---|---|---|---|---|",
        ]
        for key in KEYS:
            c, b = mine["keys"][key], base["keys"][key]
            support = c["tp"] + c["fn"]
            (p, r), (bp, br) = precision_recall(c), precision_recall(b)
            warning = " (warning sign)" if key in freetext.WARNING_KEYS else ""
            table.append(
                f"| `{key}`{warning} | {support} | {fmt(p)} | {fmt(r)} | {fmt(bp)} | {fmt(br)} |"
            )
        key_tables.append("\n".join(table))

    all_texts = [c["text"] for _, cases, _, _ in text_sets for c in cases]
    for clock, (p50, p99) in latency(all_texts).items():
        lines.append(
            f"| all free texts | latency of one analysis ({clock} time), p50 / p99 | {p50:.2f} / {p99:.2f} ms | – |"
        )
    lines.append(
        f"| – | CLI start-up: `nerveguide selfcheck --text -` on one line, median of 5 | {cli_start_up():.0f} ms | – |"
    )

    report = "\n".join(lines) + "\n\n" + "\n\n".join(kind_tables + key_tables)
    print(report)
    if not args.no_docs:
        write_section("selfcheck", f"{INTRO}\n\n{report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
