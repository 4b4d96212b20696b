"""Worker pools only where they pay: none for one document, no more workers than documents, the parent's
engine inherited rather than rebuilt, and results that carry only what reporters read."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from pathlib import Path

import pytest

import auditor.batch as batch
from auditor.batch import check_paths
from auditor.engine import Engine
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "rules")
PLANTED = "Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres."
CLEAN = "Officials said 40 people were evacuated from the flooded district on Monday."
FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([RULES]))


def _docs(folder: Path, n: int, planted_every: int = 0) -> list[str]:
    paths = []
    for i in range(n):
        path = folder / f"{i:03d}.txt"
        planted = planted_every and i % planted_every == 0
        path.write_text((PLANTED if planted else CLEAN) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


class _PoolSpy:
    """Stands in for ProcessPoolExecutor: records the worker counts asked for and the size of each chunk
    of documents submitted, and lets the real pool do the work."""

    def __init__(self, real):
        self.real, self.workers, self.chunks = real, [], []

    def __call__(self, max_workers, **kwargs):
        self.workers.append(max_workers)
        pool = self.real(max_workers, **kwargs)
        submit = pool.submit

        def recorded(fn, items, *args):
            self.chunks.append(len(items))
            return submit(fn, items, *args)

        pool.submit = recorded
        return pool


def test_one_document_starts_no_pool(engine, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one document")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    (path,) = _docs(tmp_path, 1, planted_every=1)
    (outcome,) = check_paths([path], engine, [RULES], jobs=2)
    assert [f.rule for f in outcome.result.findings] == ["area.part-exceeds-whole"]
    assert outcome.result.quantities == []  # not kept unless asked for, here as in a worker
    (outcome,) = check_paths([path], engine, [RULES], jobs=2, keep_quantities=True)
    assert outcome.result.quantities


def test_workers_are_capped_at_the_number_of_documents(engine, tmp_path, monkeypatch):
    spy = _PoolSpy(concurrent.futures.ProcessPoolExecutor)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    paths = _docs(tmp_path, 3, planted_every=2)
    outcomes = list(check_paths(paths, engine, [RULES], jobs=8))
    assert spy.workers == [3]
    assert [o.result.document.path for o in outcomes] == paths
    assert [len(o.result.findings) for o in outcomes] == [1, 0, 1]


def test_a_short_run_is_spread_over_every_worker(engine, tmp_path, monkeypatch):
    """Two documents, two workers: one each, not both in one worker's chunk."""
    spy = _PoolSpy(concurrent.futures.ProcessPoolExecutor)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    list(check_paths(_docs(tmp_path, 2), engine, [RULES], jobs=2))
    assert spy.workers == [2] and spy.chunks == [1, 1]


@pytest.mark.skipif(not FORK, reason="workers inherit the engine only where processes fork")
def test_forked_workers_inherit_the_engine(engine, tmp_path, monkeypatch):
    def no_loading(paths):
        raise AssertionError("a worker loaded the rules again")

    monkeypatch.setattr(batch, "load_rules", no_loading)
    outcomes = list(check_paths(_docs(tmp_path, 20, planted_every=5), engine, [RULES], jobs=2))
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes if o.error]
    assert sum(len(o.result.findings) for o in outcomes) == 4


def test_results_from_workers_carry_only_what_reporters_read(engine, tmp_path):
    paths = _docs(tmp_path, 20, planted_every=5)
    outcomes = list(check_paths(paths, engine, [RULES], jobs=2))
    for outcome in outcomes:
        doc = outcome.result.document
        assert outcome.result.quantities == []
        assert not {"sentences", "paragraphs", "line_starts"} & set(vars(doc))
        if outcome.result.findings:  # the text report shows the lines of the findings
            assert doc.text == PLANTED + "\n"
            claim = outcome.result.findings[0].spans[0]
            assert doc.text[claim.start:claim.end] == claim.text and doc.line_col(claim.start) == (1, 13)
        else:
            assert doc.text == ""
    kept = list(check_paths(paths, engine, [RULES], jobs=2, keep_quantities=True))  # the terminal UI
    assert all(o.result.quantities and o.result.document.text for o in kept)


_STOPPED_MID_RESULT = """
import concurrent.futures, multiprocessing, sys, time
from auditor.batch import _stop_pool

def big(_):
    return b"x" * 80_000_000  # sent for longer than the wait below: the kill lands mid-send

if __name__ == "__main__":
    pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
    futures = [pool.submit(big, i) for i in range(8)]
    futures[0].result()
    time.sleep(0.05)
    _stop_pool(pool)
    print("stopped", flush=True)
"""


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_pool_stopped_while_a_worker_sends_a_result_lets_the_process_exit(tmp_path):
    """Killed mid-send, a worker leaves the pool's thread reading a result that never ends; the process
    then waited for that thread at exit for ever (a test run hung after its last test)."""
    import subprocess
    import sys

    script = tmp_path / "stop.py"
    script.write_text(_STOPPED_MID_RESULT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "stopped", run.stderr
