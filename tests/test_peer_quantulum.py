"""Peer suite: our extractor scored against quantulum3's own English test sentences.

quantulum3 ships its test expectations in its wheel (`quantulum3/_lang/en_US/tests/quantities.json`:
101 sentences, 148 expected quantities, each with `value`, `unit`, `surface` and for ranges an
`uncertainty` around the midpoint). We compare values only (units are named differently: their
"pound sterling" is our "GBP").

An expected quantity *agrees* when we report a quantity whose span overlaps the expected surface and
whose value equals theirs (rel. tol. 1e-6); for our ranges and vague amounts, which have no `value`, the
midpoint of `low`/`high` is compared, as their range value is a midpoint.

Some of their expectations contradict docs/extraction.md (years, designations, identifiers, a lone
"one"/"a", the two amounts of a change, "a dozen", bracketed amounts). Those are listed, with a reason,
in `tests/peer/quantulum_judgements.yaml`; such an entry counts as agreed-by-convention only while our
output over its surface is exactly what the convention says: no quantity at all (it is `ignored` or
absent), or, for an entry with `ours`, quantities with exactly those values. So a judgement call cannot
hide a bug. The test prints the raw agreement, the agreement after
judgement calls, and every remaining disagreement; it fails when the agreement after judgement calls
falls below `BAR_AGREED` (what the extractor reached when the bar was set; raise it as bugs are fixed --
the issue's target is 95%).

Run with `-s` or look at the "quantulum3 peer suite" block in the output: the report is printed even
under pytest's output capture.
"""

from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from auditor.extract import extract_text

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = Path(__file__).resolve().parent / "peer" / "quantulum_judgements.yaml"
DOCS = ROOT / "docs" / "extraction.md"

N_SENTENCES, N_EXPECTED = 101, 148
# Expected quantities agreed (on values, or by an honoured judgement call) when the bar was last set.
# The issue asks for >= 95% (141/148); raise this as extractor bugs get fixed, never lower it to pass.
BAR_AGREED = 148
ISSUE_TARGET = 0.95
REL_TOL = 1e-6

# The docs' words for each convention a judgement may invoke: the judgement stays valid only while
# docs/extraction.md still says so.
CONVENTIONS = {
    "date": "`date`",
    "year": "`year`",
    "time": "`time`",
    "designation": "`designation`",
    "ordinal": "`ordinal`",
    "identifier": "`identifier`",
    "footnote": "`footnote`",
    "list": "`list`",
    "name": "`name`",
    "lone_one": 'A lone "a" is not an amount',
    "change": "## Changes are two amounts",
    "dozen": '"a dozen" is 12',
    "brackets": "A bracketed amount is not negative",
}


@dataclass
class Expected:
    sentence: int
    text: str
    surface: str
    start: int
    end: int
    value: float
    uncertainty: float | None
    unit: str


@dataclass
class Outcome:
    expected: Expected
    agrees: bool  # raw agreement on values
    overlapping: list = field(default_factory=list)  # our quantities over the surface
    ignored: list = field(default_factory=list)  # our ignored numbers over the surface
    judgement: dict | None = None

    @property
    def honoured(self) -> bool:
        """A judgement call holds when our quantities over the surface are exactly what it says: none,
        or (with `ours`) exactly the listed values."""
        if self.judgement is None:
            return False
        ours = sorted(v for v in (_our_value(q) for q in self.overlapping) if v is not None)
        wanted = sorted(float(v) for v in self.judgement.get("ours", []))
        return len(ours) == len(self.overlapping) == len(wanted) and all(map(_same, ours, wanted))

    @property
    def agreed(self) -> bool:
        """Agreement after judgement calls."""
        return self.honoured if self.judgement is not None else self.agrees


def _dataset_path() -> Path:
    spec = importlib.util.find_spec("quantulum3")  # locates the package without importing it (slow)
    if spec is None or spec.origin is None:
        pytest.skip("quantulum3 is not installed: it is a test-only dependency (pip install -e '.[dev]')")
    path = Path(spec.origin).parent / "_lang" / "en_US" / "tests" / "quantities.json"
    if not path.is_file():
        pytest.skip(f"this quantulum3 ({_version()}) ships no {path.relative_to(Path(spec.origin).parent)}")
    return path


def _version() -> str:
    try:
        return metadata.version("quantulum3")
    except metadata.PackageNotFoundError:
        return "unknown version"


def _at_boundary(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _locate(text: str, surface: str, cursor: int) -> int:
    """Where `surface` stands in `text`: the first whole-token occurrence from `cursor` (their results
    are in reading order), else the first anywhere; -1 if absent."""
    for origin in (cursor, 0):
        pos = text.find(surface, origin)
        first = pos
        while pos != -1 and not _at_boundary(text, pos, pos + len(surface)):
            pos = text.find(surface, pos + 1)
        if pos != -1:
            return pos
        if first != -1:
            return first
    return -1


def _expected(dataset: list[dict]) -> list[Expected]:
    out = []
    for i, case in enumerate(dataset):
        text, cursor = case["req"], 0
        for res in case["res"]:
            surface = res["surface"]
            start = _locate(text, surface, cursor)
            assert start != -1, f"sentence {i}: surface {surface!r} not in {text!r}"
            cursor = start + 1
            out.append(Expected(i, text, surface, start, start + len(surface), float(res["value"]),
                                res.get("uncertainty"), res["unit"]))
    return out


def _our_value(q) -> float | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None and math.isfinite(q.low) and math.isfinite(q.high):
        return (q.low + q.high) / 2
    return None


def _same(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _load_judgements() -> list[dict]:
    data = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{JUDGEMENTS}: expected a list of judgement calls"
    return data


def _score(dataset: list[dict], judgements: list[dict]) -> list[Outcome]:
    by_key = {(j["sentence"], j["surface"]): j for j in judgements}
    extractions = {}
    outcomes = []
    for exp in _expected(dataset):
        if exp.sentence not in extractions:
            extractions[exp.sentence] = extract_text(exp.text)
        ours = extractions[exp.sentence]
        overlapping = [q for q in ours.quantities if _overlaps(q.start, q.end, exp.start, exp.end)]
        ignored = [g for g in ours.ignored if _overlaps(g.start, g.end, exp.start, exp.end)]
        agrees = any(_same(_our_value(q), exp.value) for q in overlapping)
        outcomes.append(Outcome(exp, agrees, overlapping, ignored, by_key.get((exp.sentence, exp.surface))))
    return outcomes


def _fmt_value(x: float | None) -> str:
    if x is None:
        return "None"
    return f"{x:g}" if abs(x) < 1e15 else f"{x:.6g}"


def _describe_ours(o: Outcome) -> str:
    parts = []
    for q in o.overlapping:
        bounds = f"[{_fmt_value(q.low)}, {_fmt_value(q.high)}]"
        parts.append(f"{q.text!r} value={_fmt_value(q.value)} {bounds} {q.qualifier} unit={q.unit} kind={q.kind}")
    parts += [f"{g.text!r} ignored as {g.reason}" for g in o.ignored]
    return "; ".join(parts) if parts else "nothing"


def _describe_expected(e: Expected) -> str:
    unc = f" ± {_fmt_value(e.uncertainty)}" if e.uncertainty else ""
    return f"{e.surface!r} = {_fmt_value(e.value)}{unc} ({e.unit})"


def _report(outcomes: list[Outcome], judgements: list[dict], n_sentences: int) -> str:
    n = len(outcomes)
    raw = sum(o.agrees for o in outcomes)
    agreed = sum(o.agreed for o in outcomes)
    judged = [o for o in outcomes if o.judgement is not None]
    honoured = sum(o.honoured for o in judged)
    lines = [
        f"quantulum3 peer suite ({_version()}): {n_sentences} sentences, "
        f"{n} expected quantities",
        f"  raw agreement on values:          {raw}/{n} = {raw / n:.1%}",
        f"  judgement calls ({JUDGEMENTS.relative_to(ROOT)}): {len(judgements)}, "
        f"{honoured} honoured, {len(judged) - honoured} contradicted by our output",
        f"  agreement after judgement calls:  {agreed}/{n} = {agreed / n:.1%}"
        f"   (bar {BAR_AGREED}/{n} = {BAR_AGREED / n:.1%}; issue target {ISSUE_TARGET:.0%})",
    ]
    bad = [o for o in outcomes if o.judgement is None and not o.agrees]
    lines.append(f"  disagreements that are not judgement calls: {len(bad)}")
    for o in bad:
        e = o.expected
        lines.append(f"    [{e.sentence}] {e.text!r}")
        lines.append(f"        expected {_describe_expected(e)}; ours: {_describe_ours(o)}")
    broken = [o for o in judged if not o.honoured]
    lines.append(f"  judgement calls our output contradicts (extractor breaks its own docs): {len(broken)}")
    for o in broken:
        e = o.expected
        lines.append(f"    [{e.sentence}] {e.text!r}")
        lines.append(f"        judgement {o.judgement['convention']}: {o.judgement['reason']}"
                     + (f" (ours: {o.judgement['ours']})" if "ours" in o.judgement else ""))
        lines.append(f"        ours: {_describe_ours(o)}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def dataset() -> list[dict]:
    return json.loads(_dataset_path().read_text(encoding="utf-8"))


def test_dataset_is_the_one_scored(dataset):
    assert len(dataset) == N_SENTENCES
    assert sum(len(case["res"]) for case in dataset) == N_EXPECTED


def test_judgement_calls_are_well_formed(dataset):
    """Every judgement names an expected quantity of theirs exactly, once, and a convention the docs
    still state."""
    judgements = _load_judgements()
    docs = DOCS.read_text(encoding="utf-8")
    expected = {(e.sentence, e.surface): e for e in _expected(dataset)}
    seen = set()
    for j in judgements:
        assert set(j) - {"ours"} == {"sentence", "surface", "their_value", "convention", "reason"}, j
        assert isinstance(j.get("ours", []), list), j
        key = (j["sentence"], j["surface"])
        assert key not in seen, f"duplicate judgement {key}"
        seen.add(key)
        assert key in expected, f"judgement {key} matches no expected quantity of quantulum3"
        assert _same(float(j["their_value"]), expected[key].value), (
            f"judgement {key}: their_value {j['their_value']} but quantities.json says {expected[key].value}")
        assert j["convention"] in CONVENTIONS, f"judgement {key}: unknown convention {j['convention']!r}"
        assert CONVENTIONS[j["convention"]] in docs, (
            f"judgement {key}: docs/extraction.md no longer states {CONVENTIONS[j['convention']]}")
        assert isinstance(j["reason"], str) and j["reason"].strip() and "\n" not in j["reason"].strip()


def test_agreement_with_quantulum3(dataset, capsys):
    judgements = _load_judgements()
    outcomes = _score(dataset, judgements)
    report = _report(outcomes, judgements, len(dataset))
    with capsys.disabled():
        print("\n" + report)
    agreed = sum(o.agreed for o in outcomes)
    assert agreed >= BAR_AGREED, (
        f"agreement with quantulum3 after judgement calls fell to {agreed}/{len(outcomes)} "
        f"(bar {BAR_AGREED})\n{report}")
