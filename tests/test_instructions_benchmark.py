"""benchmarks/instructions.py: its workload runs against a tree of the package, and it explains itself
where valgrind is missing (the counting itself needs valgrind, and minutes: the benchmark's own job)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import instructions


@pytest.mark.parametrize("phase", instructions.PHASES)
def test_the_workload_runs_on_the_working_tree(phase, monkeypatch):
    from auditor import resilient

    # the workload replays its extraction by replacing this function, and puts folders on the path
    monkeypatch.setattr(resilient, "extract_text", resilient.extract_text)
    monkeypatch.setattr(sys, "path", list(sys.path))
    instructions._child(str(ROOT), phase, docs=2, runs=1)


def test_without_valgrind_it_says_so(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main(["--base", "HEAD"]) == 0
    assert "valgrind is not installed" in capsys.readouterr().out


def test_a_phase_it_does_not_know_is_refused(capsys):
    with pytest.raises(SystemExit):
        instructions.main(["--phase", "startup"])
    assert "--phase takes rules, extract, paragraphs" in capsys.readouterr().err
