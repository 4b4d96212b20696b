"""Benchmark of the terminal UI, headless (`App.run_test()`), on a 1 MB document.

    .venv/bin/python benchmarks/tui.py [--size-mb 1] [--findings 5000] [--presses 20] [--docs 5000]
                                       [--jobs 1,2] [--json]

Measured, in wall time on this machine:

1. open: a 1 MB document (benchmarks/check.py's planted stream: news-like text with an inconsistency
   planted every few paragraphs; corpus_gen's text if check.py is missing) from the start of the app to
   (a) the first screen showing the document and (b) the findings in the table, the first one selected
   and highlighted. Checking runs in a worker thread, so (a) does not wait for it.
2. page down in the document view and `n` (next finding) on that document: per key, the key handled and
   a full frame rendered (`Compositor.render_update(full=True)`, what a terminal would be sent).
3. 5,000 findings in the table: the same document with 5,000 findings made directly (pairs of its
   quantities, so the checker's speed does not count), time until the table holds them all and the
   first is selected; then per `n`, per page down in the table, and per filter change (`s`, which
   refills the table).

4. filling the table from many documents: `--docs` generated documents of about 3,000 characters
   (benchmarks/corpus.py's corpus, an inconsistency planted in every 25th), checked with each `--jobs`
   count: `--jobs 1` is the old sequential way (in the UI's process, one document after another),
   `--jobs 2` two worker processes (what `auditor check` does). Time to the first row and to every
   document checked, side by side, and how long `n` takes while the checking goes on (median and max
   over presses every 0.2 s): the UI stays responsive.

Targets (printed as PASS/FAIL, never asserted; the exit code is 0 whenever the benchmark ran):
first screen < 1 s, page down and `n` < 50 ms, 5,000 findings in the table < 2 s with `n` < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

import auditor.tui.app as tui_app  # noqa: E402
from auditor.document import Document  # noqa: E402
from auditor.engine import DocumentResult  # noqa: E402
from auditor.extract import extract_text  # noqa: E402
from auditor.findings import Finding, SpanRef, assign_fingerprints  # noqa: E402

SIZE = (120, 36)
TARGET_FIRST_SCREEN = 1.0
TARGET_KEY = 0.050
TARGET_TABLE = 2.0


def make_text(n_chars: int) -> tuple[str, str]:
    """About `n_chars` of news-like text with planted inconsistencies, and where it came from."""
    try:
        from check import planted_stream, prefix

        text, _ = planted_stream(n_chars, 0, True)
        return prefix(text, n_chars), "benchmarks/check.py planted stream"
    except ImportError:
        from corpus_gen import news_corpus

        return news_corpus(n_chars)[:n_chars], "benchmarks/corpus_gen.py news corpus"


def frame(app) -> None:
    """Render one full frame of the screen, as a terminal would get it."""
    app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


async def settle_frame(pilot) -> None:
    """Let every widget handle what is queued, lay the screen out and render a full frame. (Pilot's
    own `pause` also waits for the CPU to go idle, which a busy checker thread delays: not used here.)"""
    app = pilot.app
    await pilot._wait_for_screen()
    await app._animator.wait_until_complete()
    app.screen._on_timer_update()
    frame(app)


async def wait_for(pilot, condition, timeout: float = 120.0) -> None:
    """Poll `condition` every millisecond, then settle and render."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.001)
    await settle_frame(pilot)


async def keys(pilot, key: str, n: int) -> list[float]:
    """Seconds per press of `key`: the key event sent as the terminal driver sends it, handled by the
    app and its widgets (and any animation finished), and a full frame rendered."""
    app = pilot.app
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
        await settle_frame(pilot)
        times.append(time.perf_counter() - t0)
    return times


async def bench_document(path: str, review: str, presses: int) -> dict:
    app = tui_app.AuditorApp([path], [str(ROOT / "rules")], review)
    t0 = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.view.document is not None)
        frame(app)
        first_screen = time.perf_counter() - t0
        await wait_for(pilot, lambda: app.audit_runs >= 1 and app.selected is not None, timeout=600)
        frame(app)
        findings_ready = time.perf_counter() - t0
        n_findings = len(app.table.rows_shown)
        rows = len(app.view.wrapped)
        app.view.focus()
        await settle_frame(pilot)
        page_down = await keys(pilot, "pagedown", presses)
        next_finding = await keys(pilot, "n", presses)
        tab = await keys(pilot, "tab", presses)
    return {"first_screen_s": first_screen, "findings_ready_s": findings_ready, "findings": n_findings,
            "wrapped_rows": rows, "page_down_ms": ms(page_down), "next_finding_ms": ms(next_finding),
            "tab_ms": ms(tab)}


def synthetic_findings(document: Document, n: int) -> DocumentResult:
    """`n` findings over `document`: each pairs two neighbouring quantities, as a real rule would."""
    quantities = extract_text(document.text).quantities
    findings = []
    for i in range(n):
        a = quantities[(2 * i) % (len(quantities) - 1)]
        b = quantities[(2 * i) % (len(quantities) - 1) + 1]
        severity = ("error", "warning", "info")[i % 3]
        findings.append(Finding(f"bench.rule-{i % 7}", severity, f"{a.text} does not follow from {b.text}",
                                [SpanRef(a.start, a.end, a.text, "claimed"),
                                 SpanRef(b.start, b.end, b.text, "base")],
                                f"{b.text} × 1 ≠ {a.text}"))
    findings.sort(key=lambda f: f.spans[0].start)
    assign_fingerprints(findings)
    return DocumentResult(document, quantities, findings)


async def bench_table(path: str, review: str, n: int, presses: int) -> dict:
    from auditor.document import read_document

    result = synthetic_findings(read_document(path), n)

    def fake_check(engine, entries, rule_paths, jobs=1, on_results=None, cancelled=lambda: False):
        for i, entry in enumerate(entries):
            if entry.document is not None:
                entry.result = DocumentResult(entry.document, result.quantities, result.findings)
                if on_results is not None:
                    on_results([i])
        return True

    real = tui_app.check_documents
    tui_app.check_documents = fake_check
    try:
        app = tui_app.AuditorApp([path], [str(ROOT / "rules")], review)
        t0 = time.perf_counter()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.audit_runs >= 1 and app.selected is not None)
            frame(app)
            filled = time.perf_counter() - t0
            rows = len(app.table.rows_shown)
            next_finding = await keys(pilot, "n", presses)
            app.table.focus()
            await settle_frame(pilot)
            page_down = await keys(pilot, "pagedown", presses)
            filters = await keys(pilot, "s", 4)
    finally:
        tui_app.check_documents = real
    return {"table_filled_s": filled, "rows": rows, "next_finding_ms": ms(next_finding),
            "table_page_down_ms": ms(page_down), "filter_change_ms": ms(filters)}


async def bench_fill(folder: str, review: str, jobs: int) -> dict:
    """Start the app on `folder` with `jobs` worker processes; time the first row and the whole audit, and
    `n` pressed every 0.2 s while it runs."""
    app = tui_app.AuditorApp([folder], [str(ROOT / "rules")], review, jobs=jobs)
    t0 = time.perf_counter()
    first_row = None
    presses: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        next_press = 0.0
        while not app.audit_runs:
            await asyncio.sleep(0.005)
            now = time.perf_counter() - t0
            if first_row is None and app.table.rows_shown:
                first_row = now
            if first_row is not None and now >= next_press:
                presses += await keys(pilot, "n", 1)
                next_press = time.perf_counter() - t0 + 0.2
            if now > 1200:
                raise TimeoutError("the audit did not finish in 20 minutes")
        filled = time.perf_counter() - t0
        await settle_frame(pilot)
        rows = len(app.table.rows_shown)
        checked = sum(1 for e in app.audit.entries if e.result is not None)
    return {"jobs": jobs, "first_row_s": first_row, "filled_s": filled, "documents": checked, "rows": rows,
            "n_while_checking_ms": ms(presses) if presses else None, "presses": len(presses)}


def fill_benchmark(docs: int, jobs_list: list[int]) -> dict:
    """The fill benchmark over a generated corpus of `docs` documents, once per jobs count."""
    from corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        chars = write_corpus(folder, docs, 3000)
        runs = [asyncio.run(bench_fill(str(folder), os.path.join(tmp, "review.json"), j)) for j in jobs_list]
    for r in runs:
        r["speedup"] = runs[0]["filled_s"] / r["filled_s"]
    return {"docs": docs, "characters": chars, "runs": runs}


def ms(times: list[float]) -> dict:
    return {"median": 1000 * statistics.median(times), "max": 1000 * max(times)}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--docs", type=int, default=5000,
                        help="documents for the fill benchmark (0: skip it)")
    parser.add_argument("--jobs", default="1,2", help="worker process counts for the fill benchmark")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    text, source = make_text(int(args.size_mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.txt")
        Path(path).write_text(text, encoding="utf-8")
        review = os.path.join(tmp, "review.json")
        doc = asyncio.run(bench_document(path, review, args.presses))
        table = asyncio.run(bench_table(path, review, args.findings, args.presses))
    results = {"document_chars": len(text), "source": source, "terminal": list(SIZE), "document": doc,
               "table": table}
    if args.docs:
        results["fill"] = fill_benchmark(args.docs, [int(j) for j in args.jobs.split(",")])
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"auditor tui, headless at {SIZE[0]}x{SIZE[1]}: {len(text):,} characters ({source}), "
          f"{doc['wrapped_rows']:,} wrapped rows, {doc['findings']:,} findings")
    def per_key(name: str, figures: dict) -> tuple:
        value = f"{figures['median']:.1f} ms (max {figures['max']:.1f})"
        return name, value, "< 50 ms", figures["median"] < 1000 * TARGET_KEY

    n = f"{table['rows']:,} findings"
    rows = [
        ("first screen (document shown)", f"{doc['first_screen_s']:.2f} s", "< 1 s",
         doc["first_screen_s"] < TARGET_FIRST_SCREEN),
        ("findings checked and shown", f"{doc['findings_ready_s']:.2f} s", "(checker speed)", None),
        per_key("page down, document view", doc["page_down_ms"]),
        per_key("n, next finding", doc["next_finding_ms"]),
        per_key("tab, next span", doc["tab_ms"]),
        (f"{n}: table filled", f"{table['table_filled_s']:.2f} s", "< 2 s",
         table["table_filled_s"] < TARGET_TABLE),
        per_key(f"{n}: n", table["next_finding_ms"]),
        per_key(f"{n}: page down", table["table_page_down_ms"]),
        (f"{n}: filter change (s)", f"{table['filter_change_ms']['median']:.0f} ms "
         f"(max {table['filter_change_ms']['max']:.0f})", "(refills the table)", None),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target, ok in rows:
        mark = "" if ok is None else verdict(ok)
        print(f"  {name:<{width}}  {value:<26} {target:<20} {mark}")
    if "fill" in results:
        fill = results["fill"]
        print(f"filling the table from {fill['docs']:,} documents ({fill['characters']:,} characters):")
        for r in fill["runs"]:
            n = r["n_while_checking_ms"]
            keys_ = (f"n while checking {n['median']:.0f} ms (max {n['max']:.0f}, {r['presses']} presses)"
                     if n else "")
            print(f"  --jobs {r['jobs']}: first row {r['first_row_s']:.2f} s, all {r['documents']:,} checked "
                  f"in {r['filled_s']:.1f} s ({r['rows']:,} findings), {r['speedup']:.2f}x; {keys_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
