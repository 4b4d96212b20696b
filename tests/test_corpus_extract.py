"""The extractor on a varied corpus of English and Russian sentences beyond the seeds
(tests/corpus/extract_*.yaml: disasters, budgets, elections, health, science, sport, weather, war)."""

from pathlib import Path

import pytest
import yaml

from extraction_scoring import Score, amounts, overlaps, score

CORPUS = Path(__file__).resolve().parent / "corpus"
BARS = {"extract_en.yaml": (0.98, 0.98), "extract_ru.yaml": (0.98, 0.98)}


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


def expected_spans(text: str, quantities: list[dict]) -> list[dict]:
    """Locate each expected span in order (the same text may occur twice in a sentence)."""
    out, pos = [], 0
    for q in quantities:
        start = text.find(q["text"], pos)
        assert start >= 0, f"{q['text']!r} not in {text!r}"
        out.append({**q, "start": start, "end": start + len(q["text"])})
        pos = start + 1
    return out


@pytest.mark.parametrize("name", sorted(BARS))
def test_corpus(name, capsys):
    total = Score()
    trap_hits, counted_misses = [], []
    for i, case in enumerate(load_cases(name)):
        text = case["text"]
        found = amounts(text)
        expected = expected_spans(text, case.get("quantities") or [])
        total.add(score(text, expected, found, f"#{i}"))
        for trap in case.get("ignored") or []:
            t = text.find(trap)
            for q in found:
                if overlaps(t, t + len(trap), q.start, q.end):
                    trap_hits.append(f"#{i} trap {trap!r} reported as {q.text!r}")
        for exp in expected:
            if exp.get("counted"):
                q = next((q for q in found if (q.start, q.end) == (exp["start"], exp["end"])), None)
                head = exp["counted"].split()[-1].lower()
                if q is not None and (q.counted is None or head not in q.counted.lower()):
                    counted_misses.append(f"#{i} {exp['text']!r}: counted {q.counted!r}, "
                                          f"expected {exp['counted']!r}")
    report = total.report(name)
    with capsys.disabled():
        print(f"\n{report.splitlines()[0]}; traps hit {len(trap_hits)}; counted misses {len(counted_misses)}")
    recall_bar, precision_bar = BARS[name]
    assert total.recall >= recall_bar, report
    assert total.precision >= precision_bar, report
    assert len(trap_hits) <= 0.02 * len(load_cases(name)), "\n".join(trap_hits)
