"""Benchmark: checking a web page against checking the same text as a plain-text file.

    .venv/bin/python benchmarks/web_pages.py [--repeat 25] [--json]

For each page, two CPU times (the best of --repeat runs, as timeit reports, so that other processes on a
shared machine count as little as they can; one pinned core; start-up excluded):
  plain  the page's extracted text checked as a .txt document would be (decoded, extracted, every rule);
  html   the page's bytes read as HTML (decoding, trafilatura's main-text decision, the offset map back
         into the page) and then checked the same way.
The target is html ≤ 3 × plain: extracting the text of a page costs at most twice checking it. The pages
are the saved layouts of tests/fixtures/pages and two built here from generated news text: a modern page
(one article inside 100 KB of navigation, inline scripts, styles, widgets and comments) and a long read
(50,000 characters of article in a light page). Targets are reported as PASS/FAIL, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from benchutil import pin_one_core  # noqa: E402
from corpus_gen import news_corpus_documents  # noqa: E402

from auditor.document import Document  # noqa: E402
from auditor.engine import Engine  # noqa: E402
from auditor.formats.html import read_html  # noqa: E402
from auditor.rules import shipped_rules_dir  # noqa: E402
from auditor.rules.schema import load_rules  # noqa: E402

TARGET_RATIO = 3.0
PAGES = ROOT / "tests" / "fixtures" / "pages"
CLOCK = time.process_time


def _article_html(text: str) -> str:
    return "\n".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def modern_page(article: str) -> bytes:
    """One article inside the boilerplate of a large news site (about 100 KB of markup)."""
    nav = "".join(f'<li class="nav-item"><a href="/section/{i}">Section {i} ({i * 7} new)</a></li>' for i in range(80))
    script = "var cfg = {" + ", ".join(f'"slot{i}": {{"w": {300 + i}, "h": {250 + i}, "r": "16:9"}}'
                                      for i in range(600)) + "};"
    style = " ".join(f".c{i} {{ margin: {i % 40}px; width: {i * 3}px; }}" for i in range(700))
    related = "".join(f'<div class="card"><a href="/a/{i}"><h3>Story {i}: {i * 11} reasons</h3></a>'
                      f"<p>Teaser with {i * 3} figures and {i}% more.</p></div>" for i in range(60))
    comments = "".join(f'<li class="comment"><p>Reader {i}: I counted {i * 13} of them.</p></li>' for i in range(40))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Article</title>
<style>{style}</style><script>{script}</script></head><body>
<div class="cookie-banner"><p>We and our 842 partners use cookies.</p></div>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>Generated article</h1>{_article_html(article)}</article>
<aside class="related">{related}</aside><section class="comments"><ol>{comments}</ol></section></main>
<footer><p>&copy; 2024 Example Media. Registered No. 1234567.</p></footer><script>{script}</script>
</body></html>"""
    return page.encode("utf-8")


def long_read(article: str) -> bytes:
    """A long article in a light page."""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Long read</title></head><body>'
            f'<header><a href="/">Home</a></header><main><article><h1>Long read</h1>{_article_html(article)}'
            f"</article></main><footer>Footer</footer></body></html>").encode("utf-8")


def pages() -> list[tuple[str, bytes]]:
    saved = [(p.name, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]
    docs = news_corpus_documents(60_000, seed=11, with_seeds=False)
    one = next(d for d in docs if 4_000 <= len(d) <= 7_000)
    long_text, size = [], 0
    for d in docs:
        long_text.append(d)
        size += len(d)
        if size >= 50_000:
            break
    return saved + [("modern_page (generated)", modern_page(one)),
                    ("long_read (generated)", long_read("\n\n".join(long_text)))]


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = CLOCK()
        fn()
        times.append(CLOCK() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    cpu = pin_one_core()
    engine = Engine(load_rules([shipped_rules_dir()]))
    rows = []
    for name, data in pages():
        doc = read_html(name, data)  # warm-up: imports, caches
        text = doc.text
        encoded = text.encode("utf-8")
        engine.check(doc)
        plain = best_time(lambda: engine.check(Document("page.txt", encoded.decode("utf-8"))), args.repeat)
        extract = best_time(lambda: read_html(name, data), args.repeat)
        whole = best_time(lambda: engine.check(read_html(name, data)), args.repeat)
        rows.append({"page": name, "html_bytes": len(data), "text_chars": len(text),
                     "plain_ms": plain * 1e3, "extract_ms": extract * 1e3, "html_ms": whole * 1e3,
                     "ratio": whole / plain})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"CPU {cpu}, best of {args.repeat} runs, CPU time\n")
    print(f"{'page':<28} {'HTML bytes':>10} {'text chars':>10} {'plain ms':>9} {'extract ms':>10} "
          f"{'html ms':>8} {'html/plain':>10}")
    for r in rows:
        verdict = "PASS" if r["ratio"] <= TARGET_RATIO else "FAIL"
        print(f"{r['page']:<28} {r['html_bytes']:>10,} {r['text_chars']:>10,} {r['plain_ms']:>9.1f} "
              f"{r['extract_ms']:>10.1f} {r['html_ms']:>8.1f} {r['ratio']:>9.2f}× {verdict}")
    worst = max(r["ratio"] for r in rows)
    print(f"\nworst html/plain: {worst:.2f}× (target ≤ {TARGET_RATIO:g}×): "
          f"{'PASS' if worst <= TARGET_RATIO else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
