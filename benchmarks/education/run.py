"""Handout PDF benchmark: how long the full and the PIXI handout take to render.

    .venv/bin/python benchmarks/education/run.py [--runs 15] [--no-write]

Measured over --runs renders each (after one cold render), p50 / p95 / max in milliseconds:
- baseline, WeasyPrint floor: a one-line A4 page with the same stylesheet (what any PDF costs)
- baseline, HTML only: the handout templates rendered to HTML, no layout (Django only)
- PIXI and full handout: five exercises with drawings, all seven topics, long-lasting pain,
  goals, a four-step ladder, work notes and advice (the largest realistic handout)
- full handout over HTTP: POST /patientuddannelse/pdf/ through Django's test client
Aim: full handout <= 1 s. Writes the table to docs/benchmarks.md between the education markers.
"""

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "benchmarks.md"
sys.path.insert(0, str(REPO / "src"))
os.environ.update(SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"), TESTING="1",
                  ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nerveguide.project.settings")


def timed(func, runs: int) -> tuple[float, list[float]]:
    """(cold ms, warm ms list)."""
    start = time.perf_counter()
    func()
    cold = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        warm.append((time.perf_counter() - start) * 1000)
    return cold, warm


def row(name: str, cold: float, warm: list[float], pages: str = "") -> str:
    warm = sorted(warm)
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    return f"| {name} | {pages} | {cold:.0f} | {statistics.median(warm):.0f} | {p95:.0f} | {warm[-1]:.0f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()

    import django

    django.setup()
    from django.template.loader import render_to_string
    from django.test import Client
    from weasyprint import HTML

    from nerveguide.education.handout import build_handout
    from nerveguide.education.pdf import handout_context, handout_css, render_document
    from nerveguide.education.tests.helpers import MAXIMAL_CHOICES

    day = dt.date(2026, 10, 12)
    handouts = {v: build_handout({**MAXIMAL_CHOICES, "version": v}, today=day) for v in ("pixi", "fuld")}
    floor_html = f"<html lang='da'><style>{handout_css()}</style><body class='handout'><p>Æble, ø og å.</p></body></html>"
    pages = {v: len(render_document(h).pages) for v, h in handouts.items()}
    form = {"submitted": "1", "version": "fuld", **{k: v for k, v in MAXIMAL_CHOICES.items() if k not in ("goals", "ladder")},
            "goals": "\n".join(MAXIMAL_CHOICES["goals"]), "ladder": "\n".join(MAXIMAL_CHOICES["ladder"]),
            "topics": ["tilstand", "prognose", "egenhaandtering", "smerter", "behandling", "humoer", "job"]}
    client = Client()

    measured = [
        ("baseline: WeasyPrint floor (one line)", lambda: HTML(string=floor_html).write_pdf(), "1"),
        ("baseline: HTML only, full", lambda: render_to_string(
            "education/handout_pdf.html", {**handout_context(handouts["fuld"]), "css": handout_css()}), "–"),
        ("PIXI handout PDF", lambda: render_document(handouts["pixi"]).write_pdf(), str(pages["pixi"])),
        ("Full handout PDF", lambda: render_document(handouts["fuld"]).write_pdf(), str(pages["fuld"])),
        ("Full handout over HTTP (POST /patientuddannelse/pdf/)",
         lambda: client.post("/patientuddannelse/pdf/", form), str(pages["fuld"])),
    ]
    lines = [
        f"`.venv/bin/python benchmarks/education/run.py` — {args.runs} warm runs each after one cold run; "
        f"Python {platform.python_version()}, WeasyPrint {__import__('weasyprint').__version__}, "
        f"{os.cpu_count()} CPUs. Largest realistic handout: 5 exercises with drawings, 7 topics, "
        "long-lasting pain, goals, ladder, notes. Aim: full ≤ 1000 ms.",
        "",
        "| Render | Pages | cold ms | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|",
    ]
    results = {}
    for name, func, page_count in measured:
        cold, warm = timed(func, args.runs)
        results[name] = statistics.median(warm)
        lines.append(row(name, cold, warm, page_count))
        print(lines[-1], flush=True)
    full = results["Full handout PDF"]
    floor = results["baseline: WeasyPrint floor (one line)"]
    lines += ["", f"Full handout p50 {full:.0f} ms = {full / floor:.1f}× the WeasyPrint floor; "
              f"{'within' if full <= 1000 else 'OVER'} the 1 s aim."]
    table = "\n".join(lines)
    print("\n" + table)
    if not args.no_write:
        text = DOCS.read_text(encoding="utf-8")
        start, end = "<!-- education:start -->", "<!-- education:end -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        DOCS.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
