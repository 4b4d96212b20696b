"""Checking corpora: `--jobs` does not change a byte of the output, inputs that cannot be read are reported
(stderr, SARIF notifications, exit code 2) while the rest are checked, no progress bar off a terminal, and
`check_paths` yields in input order without holding the corpus in memory.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import jsonschema
import pytest

from auditor import progress as progress_module
from auditor.batch import Outcome, check_paths
from auditor.engine import Engine
from auditor.progress import Progress
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")
RULES = str(ROOT / "rules")
SCHEMA_PATH = Path(__file__).resolve().parent / "fixtures" / "sarif-schema-2.1.0.json"

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    from corpus_gen import news_documents
except ImportError:  # pragma: no cover - the benchmark helper is optional
    news_documents = None

PLANTED = "Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres."
PLANT_EVERY = 25
N_DOCS = 300


# -- helpers -----------------------------------------------------------------------------------------------

def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "CLICOLOR_FORCE")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _start(args, cwd) -> subprocess.Popen:
    return subprocess.Popen([str(AUDITOR), *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=_env())


def _finish(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=180)
    assert b"Traceback" not in err, err.decode("utf-8", "replace")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run_all(*commands, cwd) -> list[subprocess.CompletedProcess]:
    procs = [_start(args, cwd) for args in commands]
    return [_finish(p) for p in procs]


def _generated(n: int, chars: int, seed: int) -> list[str]:
    if news_documents is not None:
        return news_documents(n, chars, seed=seed)
    import random

    r = random.Random(seed)
    words = "the ministry said on Monday that officials in the capital reported new figures".split()
    out = []
    for _ in range(n):
        paras = []
        while sum(map(len, paras)) < chars:
            paras.append(" ".join(r.choice(words) for _ in range(12)).capitalize()
                         + f", and {r.randint(2, 900)} people were evacuated.")
        out.append("\n\n".join(paras))
    return out


def write_corpus(directory: Path, n: int, chars: int = 700, seed: int = 7,
                 plant_every: int = PLANT_EVERY) -> list[str]:
    """n documents in directory/NNNN.txt (nested in two subfolders); every plant_every-th carries a planted
    part-larger-than-whole error. Returns the names of the planted ones."""
    planted = []
    for i, text in enumerate(_generated(n, chars, seed)):
        sub = directory / ("a" if i % 2 else "b")
        sub.mkdir(parents=True, exist_ok=True)
        name = f"{sub.name}/{i:04d}.txt"
        if plant_every and i % plant_every == 3:
            paras = text.split("\n\n")
            paras.insert(len(paras) // 2, PLANTED)
            text = "\n\n".join(paras)
            planted.append(name)
        (directory / name).write_text(text + "\n", encoding="utf-8")
    return planted


def assert_valid_sarif(log: dict) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    planted = write_corpus(base / "corpus", N_DOCS)
    assert len(planted) >= 10
    return base, planted


# -- --jobs gives the same bytes ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def jobs_runs(corpus):
    base, _ = corpus
    commands = [("check", "corpus", "--format", fmt, "--jobs", jobs)
                for fmt in ("json", "sarif") for jobs in ("1", "2")]
    return dict(zip([(c[3], c[5]) for c in commands], run_all(*commands, cwd=base)))


def test_jobs_1_and_2_give_identical_json(jobs_runs, corpus):
    one, two = jobs_runs["json", "1"], jobs_runs["json", "2"]
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr == b""
    report = json.loads(one.stdout)
    paths = [d["path"] for d in report["documents"]]
    assert len(paths) == N_DOCS
    assert paths == sorted(paths)  # a directory's files in name order, a/ before b/
    _, planted = corpus
    flagged = {d["path"] for d in report["documents"]
               if any(f["rule"] == "area.part-exceeds-whole" for f in d["findings"])}
    assert {f"corpus/{p}" for p in planted} <= flagged
    assert report["summary"]["documents"] == N_DOCS


def test_jobs_1_and_2_give_identical_sarif(jobs_runs):
    one, two = jobs_runs["sarif", "1"], jobs_runs["sarif", "2"]
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    log = json.loads(one.stdout)
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == len({json.dumps(r["partialFingerprints"]) + json.dumps(r["locations"])
                                for r in results})
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_no_progress_output_when_stderr_is_not_a_terminal(jobs_runs):
    for proc in jobs_runs.values():
        assert b"\r" not in proc.stderr
        assert b"checked" not in proc.stderr
        assert b"\x1b[" not in proc.stderr


# -- inputs that cannot be read ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("broken")
    top = base / "corpus"
    write_corpus(top, 40, plant_every=10)
    (top / "a" / "broken-link.txt").symlink_to(base / "does-not-exist.txt")
    (top / "b" / "latin1.txt").write_bytes("Caf\u00e9 au lait: 12 people.\n".encode("latin-1"))
    (top / "b" / "binary.md").write_bytes(b"\x00\x01\x02 not text at all")
    (top / "b" / "loop").symlink_to("..")  # corpus/b/loop -> corpus
    bad = {"a/broken-link.txt", "b/latin1.txt", "b/binary.md", "b/loop"}
    if os.geteuid() != 0:  # root reads a file whatever its mode
        locked = top / "a" / "locked.txt"
        locked.write_text("12 people\n", encoding="utf-8")
        locked.chmod(0)
        bad.add("a/locked.txt")
    procs = run_all(("check", "corpus", "--format", "sarif", "--output", "out.sarif", "--jobs", "2"),
                    ("check", "corpus", "--format", "json", "--jobs", "1"), cwd=base)
    return base, bad, procs


def test_unreadable_inputs_are_reported_and_the_rest_checked(broken_corpus):
    base, bad, (sarif_run, json_run) = broken_corpus
    for proc in (sarif_run, json_run):
        assert proc.returncode == 2
        err = proc.stderr.decode("utf-8")
        lines = err.strip().splitlines()
        assert len(lines) == len(bad), err
        for name in bad:
            assert sum(f"corpus/{name}" in line for line in lines) == 1, (name, err)
        assert all(line.startswith("auditor: error: ") for line in lines)
        assert "\r" not in err
    report = json.loads(json_run.stdout)
    assert report["summary"]["documents"] == 40
    assert len(report["errors"]) == len(bad)
    assert {e["path"] for e in report["errors"]} == {f"corpus/{n}" for n in bad}
    assert report["summary"]["error"] >= 4  # the planted errors were still found
    text = sarif_run.stdout.decode("utf-8")
    assert text.rstrip().endswith(f"{len(bad)} inputs could not be read")
    assert "error[area.part-exceeds-whole]" in text


def test_unreadable_inputs_in_sarif(broken_corpus):
    base, bad, _ = broken_corpus
    log = json.loads((base / "out.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == len(bad)
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert sorted(uris) == sorted(f"corpus/{n}" for n in bad)
    assert all(n["level"] == "error" and n["message"]["text"] for n in notes)
    assert log["runs"][0]["results"], "the readable documents' findings are missing"


def test_a_fifo_does_not_hang_the_run(tmp_path):
    """A named pipe called x.txt in a corpus must be reported or read, not wait for a writer forever."""
    (tmp_path / "doc.txt").write_text(PLANTED + "\n", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    engine = Engine(load_rules([RULES]))
    outcomes: list[Outcome] = []
    worker = threading.Thread(
        target=lambda: outcomes.extend(check_paths([str(tmp_path)], engine, [RULES], 1)), daemon=True)
    worker.start()
    worker.join(timeout=2)
    hung = worker.is_alive()
    if hung:  # unblock the reader so the thread ends
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(timeout=10)
    assert not hung, "reading a FIFO blocked the run"
    assert len(outcomes) == 2


# -- check_paths -------------------------------------------------------------------------------------------

def test_check_paths_keeps_input_order_with_errors_between(corpus, tmp_path):
    base, _ = corpus
    docs = sorted(str(p) for p in (base / "corpus").rglob("*.txt"))[:30]
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd")
    missing, bad = str(tmp_path / "missing.txt"), str(tmp_path / "bad.txt")
    inputs = docs[:10] + [missing] + docs[10:20] + [bad] + docs[20:]
    engine = Engine(load_rules([RULES]))
    seen = {}
    for jobs in (1, 2):
        outcomes = list(check_paths(inputs, engine, [RULES], jobs))
        assert len(outcomes) == len(inputs)
        names = [o.error.path if o.error else o.result.document.path for o in outcomes]
        assert names == inputs
        assert [o.error is not None for o in outcomes] == [p.startswith(str(tmp_path)) for p in inputs]
        seen[jobs] = [[f.to_json() for f in o.result.findings] if o.result else o.error.message
                      for o in outcomes]
    assert seen[1] == seen[2]


def test_check_paths_is_lazy(tmp_path):
    """One job: the first outcome arrives after reading only the first input path."""
    write_corpus(tmp_path, 5, chars=300, plant_every=0)
    paths = sorted(str(p) for p in tmp_path.rglob("*.txt"))
    taken = []

    def feed():
        for p in paths:
            taken.append(p)
            yield p

    engine = Engine(load_rules([RULES]))
    outcomes = check_paths(feed(), engine, [RULES], 1)
    first = next(outcomes)
    assert first.result is not None and first.result.document.path == paths[0]
    assert len(taken) <= 2
    assert len(list(outcomes)) == len(paths) - 1


def test_check_paths_memory_stays_bounded(tmp_path, monkeypatch):
    """2,000 documents with two workers: the parent's peak allocation stays far below the corpus's results."""
    import auditor.batch as batch

    write_corpus(tmp_path, 2000, chars=300, seed=11, plant_every=100)
    engine = Engine(load_rules([RULES]))
    real_init = batch._init_worker

    def init_untraced(*args):  # workers inherit tracing through fork; they need not pay for it
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        real_init(*args)

    monkeypatch.setattr(batch, "_init_worker", init_untraced)
    count = findings = 0
    tracemalloc.start()
    try:
        for outcome in check_paths([str(tmp_path)], engine, [RULES], 2):
            assert outcome.error is None, outcome.error
            count += 1
            findings += len(outcome.result.findings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert findings >= 20
    assert peak < 150 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


# -- the progress bar --------------------------------------------------------------------------------------

class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [False, True])
def test_progress_bar_only_on_a_terminal(tty, monkeypatch):
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    stream = _Stream(tty)
    with Progress(stream, total=3) as bar:
        for _ in range(3):
            bar.advance()
    if tty:
        assert "checked 3 of 3 documents" in stream.getvalue()
        assert "━" in stream.getvalue()  # rich's bar
    else:
        assert stream.getvalue() == ""


def test_rate_and_time_left_read_plainly():
    from auditor.progress import _rate_and_time_left

    assert _rate_and_time_left(273.4, 12.6) == "273/s, 13 s left"
    assert _rate_and_time_left(1489.0, 125) == "1,489/s, 2 min 05 s left"
    assert _rate_and_time_left(None, None) == ""
    assert _rate_and_time_left(50.0, None) == "50/s"
