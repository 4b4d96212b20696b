"""Sanity checks for the `auditor check` corpus (tests/check_corpus/*.yaml).

Each file is one short news-style document with the errors planted in it:

    language: en | ru
    topic: elections            # one of TOPICS
    note: "48 + 37 + 22 = 107%"  # optional: the arithmetic behind the expectation
    text: |
      ...
    expect:                     # every planted error must be found ...
      - rule: percent.breakdown # ... by this rule (one of RULES)
        claim: "22%"            # ... with this text as the finding's first span (must occur in text)
    # or `expect: []`: a clean document, on which no error or warning may be reported

File names say what a file is: `<language>_<kind>_<fail|pass>_NN.yaml` or `<language>_clean_NN.yaml`.
A `fail` file plants at least one error; `pass` files (consistent variants of a kind, including
consistent-by-rounding ones) and `clean` files plant none.

Run: python tests/check_corpus/validate.py [FILE...]   (exit status 1 and a list of problems if any)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# kind (as used in file names) -> the rule ids a planted error of that kind may name
KINDS: dict[str, tuple[str, ...]] = {
    "ratio": ("ratio.implied-count",),
    "part": ("part.exceeds-whole",),
    "parts": ("parts.sum-exceeds-total", "parts.sum-mismatch"),
    "pctof": ("percent.of",),
    "breakdown": ("percent.breakdown",),
    "pctchange": ("percent.change",),
    "multiple": ("multiple.change",),
    "conversion": ("unit.conversion",),
    "rate": ("rate.speed",),
    "average": ("average.total",),
    "granularity": ("percent.granularity",),
    "reference": ("reference.area", "reference.population"),
    "conflict": ("conflict.same-count",),
}
RULES = frozenset(r for ids in KINDS.values() for r in ids)
TOPICS = frozenset({"disasters", "budgets", "elections", "health", "war", "sport", "transport", "agriculture",
                    "weather"})
LANGUAGES = frozenset({"en", "ru"})
KEYS = {"language", "topic", "text", "expect"}
OPTIONAL_KEYS = {"note"}
NAME = re.compile(
    r"^(?P<lang>en|ru)_(?:(?P<kind>[a-z]+)_(?P<variant>fail|pass)|(?P<clean>clean))_\d{2}\.yaml$")
# A sentence ends at . ! ? before whitespace or the end (good enough to count 2-8 sentences).
SENTENCE_END = re.compile(r"[.!?](?:[\"'»”)\]]*)(?=\s|$)")

# what the corpus must contain (see the brief in tests/test_check_corpus.py)
MIN_DOCUMENTS = 70
MIN_RUSSIAN = 20
MIN_CLEAN = 20  # files named *_clean_* (dense with numbers, no errors)
MIN_FAIL_PER_KIND = 3
MIN_PASS_PER_KIND = 1
MIN_FAIL_PER_RULE = 3  # each rule id a kind offers is planted at least this often


def corpus_files() -> list[Path]:
    return sorted(HERE.glob("*.yaml"))


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def check_file(path: Path) -> list[str]:
    """Problems with one corpus file (empty when it is well formed)."""
    where = path.name
    try:
        doc = load(path)
    except yaml.YAMLError as exc:
        return [f"{where}: not valid YAML: {exc}"]
    if not isinstance(doc, dict):
        return [f"{where}: top level is not a mapping"]
    problems: list[str] = []
    missing, unknown = KEYS - doc.keys(), doc.keys() - KEYS - OPTIONAL_KEYS
    if missing:
        problems.append(f"{where}: missing keys {sorted(missing)}")
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    if missing:
        return problems
    lang, topic, text, expect = doc["language"], doc["topic"], doc["text"], doc["expect"]
    if lang not in LANGUAGES:
        problems.append(f"{where}: language {lang!r} not in {sorted(LANGUAGES)}")
    if topic not in TOPICS:
        problems.append(f"{where}: topic {topic!r} not in {sorted(TOPICS)}")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text is empty")
        return problems
    sentences = len(SENTENCE_END.findall(text.strip()))
    if not 2 <= sentences <= 8:
        problems.append(f"{where}: {sentences} sentences (want 2-8)")
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    letters = sum(1 for c in text if c.isalpha())
    if lang == "ru" and cyrillic < letters * 0.7 or lang == "en" and cyrillic:
        problems.append(f"{where}: text does not look like language {lang!r}")
    if not isinstance(expect, list):
        problems.append(f"{where}: expect must be a list (use [] for a clean document)")
        return problems
    for i, e in enumerate(expect):
        at = f"{where}: expect[{i}]"
        if not isinstance(e, dict) or set(e) != {"rule", "claim"}:
            problems.append(f"{at}: must have exactly the keys rule and claim")
            continue
        if e["rule"] not in RULES:
            problems.append(f"{at}: unknown rule {e['rule']!r}")
        claim = e["claim"]
        if not isinstance(claim, str) or not claim.strip():
            problems.append(f"{at}: claim must be a non-empty string")
        elif claim not in text:
            problems.append(f"{at}: claim {claim!r} does not occur in the text")
        elif text.count(claim) > 1:
            problems.append(f"{at}: claim {claim!r} occurs {text.count(claim)} times; make it unique")
    m = NAME.match(path.name)
    if not m:
        problems.append(f"{where}: name should be <lang>_<kind>_<fail|pass>_NN.yaml or <lang>_clean_NN.yaml")
        return problems
    if m["lang"] != lang:
        problems.append(f"{where}: file name says {m['lang']}, language says {lang}")
    if m["kind"]:
        if m["kind"] not in KINDS:
            problems.append(f"{where}: unknown kind {m['kind']!r} (one of {sorted(KINDS)})")
        elif m["variant"] == "fail":
            if not expect:
                problems.append(f"{where}: a fail document must plant at least one error")
            for e in expect:
                if isinstance(e, dict) and e.get("rule") not in KINDS[m["kind"]]:
                    problems.append(f"{where}: rule {e.get('rule')!r} is not of kind {m['kind']!r}")
    if (m["clean"] or m["variant"] == "pass") and expect:
        problems.append(f"{where}: pass and clean documents must have expect: []")
    return problems


def check_composition(files: list[Path]) -> list[str]:
    """Problems with the corpus as a whole: size, languages, each kind's failing and passing variants."""
    problems: list[str] = []
    fail, passing, per_rule, langs = Counter(), Counter(), Counter(), Counter()
    clean = 0
    for path in files:
        m = NAME.match(path.name)
        if not m:
            continue
        langs[m["lang"]] += 1
        if m["clean"]:
            clean += 1
        elif m["variant"] == "fail":
            fail[m["kind"]] += 1
            for e in load(path).get("expect") or []:
                per_rule[e.get("rule")] += 1
        else:
            passing[m["kind"]] += 1
    if len(files) < MIN_DOCUMENTS:
        problems.append(f"corpus: {len(files)} documents, want at least {MIN_DOCUMENTS}")
    if langs["ru"] < MIN_RUSSIAN:
        problems.append(f"corpus: {langs['ru']} Russian documents, want at least {MIN_RUSSIAN}")
    if clean < MIN_CLEAN:
        problems.append(f"corpus: {clean} clean documents, want at least {MIN_CLEAN}")
    for kind, rules in KINDS.items():
        if fail[kind] < MIN_FAIL_PER_KIND:
            problems.append(f"corpus: kind {kind}: {fail[kind]} fail documents, want {MIN_FAIL_PER_KIND}")
        if passing[kind] < MIN_PASS_PER_KIND:
            problems.append(f"corpus: kind {kind}: {passing[kind]} pass documents, want {MIN_PASS_PER_KIND}")
        for rule in rules:
            if per_rule[rule] < MIN_FAIL_PER_RULE:
                problems.append(
                    f"corpus: rule {rule}: planted {per_rule[rule]} times, want {MIN_FAIL_PER_RULE}")
    return problems


def summary(files: list[Path]) -> str:
    """Counts per kind (fail/pass), language and clean documents, as a small table."""
    rows: dict[str, Counter] = {}
    langs, clean = Counter(), Counter()
    for path in files:
        m = NAME.match(path.name)
        if not m:
            continue
        langs[m["lang"]] += 1
        if m["clean"]:
            clean[m["lang"]] += 1
            continue
        rows.setdefault(m["kind"], Counter())[f"{m['lang']}_{m['variant']}"] += 1
    lines = [f"{'kind':<12} en_fail ru_fail en_pass ru_pass"]
    for kind in KINDS:
        c = rows.get(kind, Counter())
        lines.append(f"{kind:<12} {c['en_fail']:>7} {c['ru_fail']:>7} {c['en_pass']:>7} {c['ru_pass']:>7}")
    lines.append(f"clean: en {clean['en']}, ru {clean['ru']}; documents: {len(files)} "
                 f"(en {langs['en']}, ru {langs['ru']})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] if argv else corpus_files()
    problems = [p for f in files for p in check_file(f)]
    if not argv:
        problems += check_composition(files)
    for p in problems:
        print(p)
    print(summary(files))
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
