"""The text report fits the terminal: excerpts are cut to the width with every underline under its span,
the derivation wraps, and the README's sample is what the tool prints at 100 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor import cli
from auditor.report.excerpt import excerpt

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_sample() -> str:
    section = README.split("## What it finds", 1)[1]
    return section.split("```text\n", 1)[1].split("```", 1)[0]


def _first_finding(out: str) -> str:
    return out.split("\n\n", 1)[0] + "\n"


def test_the_readme_sample_is_what_the_tool_prints_at_100_columns(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    seed = next(iter(sorted(SEEDS.glob("000_*.txt"))))
    assert cli.main(["check", str(seed.relative_to(ROOT)) if Path.cwd() == ROOT else str(seed)]) == 1
    out = capsys.readouterr().out
    shown = _first_finding(out).replace(str(seed), f"seeds/{seed.name}")
    assert shown == _readme_sample()


@pytest.mark.parametrize("width", [72, 100, 160])
def test_every_line_fits_and_every_underline_sits_under_its_span(width, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", str(width))
    assert cli.main(["check", str(SEEDS), "--jobs", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    excerpts = 0
    for above, below in zip(lines, lines[1:]):
        m = re.match(r"(\d+) \| (.*)", above)
        if not m:
            continue
        excerpts += 1
        assert len(above) <= width, above
        marks = re.match(r"\s+\| ([ ^-]*)", below).group(1)
        text = m.group(2)
        for run in re.finditer(r"\^+|-+", marks):
            under = text[run.start() : run.end()]
            assert "…" not in under and under.strip() == under, (above, below)
    assert excerpts >= 7


def test_excerpt_keeps_far_apart_spans_and_marks_them():
    line = "a" * 50 + "FIRST" + "b" * 200 + "SECOND" + "c" * 50
    shown, columns = excerpt(line, [(50, 55), (255, 261)], 60)
    assert len(shown) <= 60 and shown.count("…") == 3
    assert [shown[a:b] for a, b in columns] == ["FIRST", "SECOND"]


def test_excerpt_leaves_a_line_that_fits_alone():
    assert excerpt("short\tline", [(0, 5)], 60) == ("short line", [(0, 5)])
