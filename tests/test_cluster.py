"""`auditor check --scheduler` on a real Dask cluster on loopback: a `dask scheduler` and two `dask
worker` processes (with nannies, so a worker that dies is restarted), started for this module and stopped
at its end. The cluster's JSON must be byte for byte a local run's, a worker that dies mid-run must cost no
document, a document that kills every worker is reported and the run goes on, and an interrupted run
resumes where it stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cli_runner import ROOT, env, finish, run_all, start
from cli_runner import run_process as run

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

DASK = Path(sys.executable).with_name("dask")
PRELOAD = Path(__file__).with_name("dask_worker_preload.py")
STARTUP_TIMEOUT = 90  # seconds for the scheduler and workers to come up on a busy machine
RUN_TIMEOUT = 240


def write_archive(top: Path) -> dict[str, int]:
    """A few hundred documents (the check corpus's texts and the seeds' paragraphs, some with findings)
    and unreadable files among them; returns how many of each kind."""
    news = top / "news"
    news.mkdir(parents=True)
    count = 0
    for case in sorted((ROOT / "tests" / "check_corpus").glob("*.yaml")):
        text = yaml.safe_load(case.read_text(encoding="utf-8"))["text"]
        (news / f"{case.stem}.txt").write_text(text, encoding="utf-8")
        count += 1
    seeds = top / "seeds"
    seeds.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        chunk = []
        for paragraph in seed.read_text(encoding="utf-8-sig").split("\n\n"):
            chunk.append(paragraph)
            if sum(map(len, chunk)) > 200:
                (seeds / f"{seed.stem}_{count:04d}.txt").write_text("\n\n".join(chunk), encoding="utf-8")
                chunk, count = [], count + 1
    bad = top / "seeds" / "unreadable"
    bad.mkdir()
    (bad / "latin1.txt").write_bytes("Der Preis stieg um 25 % auf 5 \xa3.".encode("latin-1"))
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02 200 of 800")
    (bad / "utf16.txt").write_bytes("200 of 800".encode("utf-16"))
    (bad / "dangling.txt").symlink_to(top / "nowhere.txt")
    os.mkfifo(bad / "pipe.txt")
    return {"readable": count, "unreadable": 5}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    top = tmp_path_factory.mktemp("archive")
    counts = write_archive(top)
    assert counts["readable"] >= 250
    return top, counts


@pytest.fixture(scope="module")
def crash_dir(tmp_path_factory):
    """Where the workers' preload marks the documents that have crashed a worker once."""
    return tmp_path_factory.mktemp("crashes")


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory, crash_dir):
    """The address of a scheduler with two single-threaded workers, all on 127.0.0.1."""
    home = tmp_path_factory.mktemp("cluster")
    scheduler_file = home / "scheduler.json"
    environment = dict(env(), DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1",
                       DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION="1.0",
                       AUDITOR_TEST_CRASH_DIR=str(crash_dir), AUDITOR_TEST_TASK_DELAY="0.01")
    common = dict(cwd=home, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL, start_new_session=True)
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", str(scheduler_file)], **common)]
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert scheduler_file.exists(), "the scheduler did not start"
        for _ in range(2):
            processes.append(subprocess.Popen(
                [str(DASK), "worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1",
                 "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--death-timeout", "60",
                 "--preload", str(PRELOAD)], **common))
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        wait_for_workers(address)
        yield address
    finally:
        for process in reversed(processes):  # workers first, then the scheduler
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def wait_for_workers(address: str, n: int = 2) -> None:
    """Until the scheduler has `n` workers (a nanny restarts a worker that died in a previous test)."""
    with distributed.Client(address, timeout=STARTUP_TIMEOUT) as client:
        client.wait_for_workers(n, timeout=STARTUP_TIMEOUT)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def local_json(archive):
    top, _ = archive
    result = run("check", "news", "seeds", "missing.txt", "--format", "json", "--jobs", "1", cwd=top)
    assert result.returncode == 2  # unreadable inputs
    return result


def test_cluster_json_is_byte_identical_to_a_local_run(archive, scheduler, local_json):
    top, counts = archive
    report = json.loads(local_json.stdout)
    assert report["summary"]["documents"] == counts["readable"]
    assert report["summary"]["error"] > 10
    assert len(report["errors"]) == counts["unreadable"] + 1
    wait_for_workers(scheduler)
    remote = run("check", "news", "seeds", "missing.txt", "--format", "json", "--scheduler", scheduler,
                 cwd=top)
    assert remote.returncode == local_json.returncode
    assert remote.stdout == local_json.stdout
    assert sorted(remote.stderr.splitlines()) == sorted(local_json.stderr.splitlines())


@pytest.mark.parametrize("fmt", ["sarif", "text"])
def test_the_other_ordered_formats_are_byte_identical_too(archive, scheduler, fmt):
    top, _ = archive
    wait_for_workers(scheduler)
    local, remote = run_all(("check", "news", "seeds", "--format", fmt, "--jobs", "1"),
                            ("check", "news", "seeds", "--format", fmt, "--scheduler", scheduler), cwd=top)
    assert remote.returncode == local.returncode == 2
    assert remote.stdout == local.stdout
    assert "ratio.implied-count" in remote.stdout


def test_a_local_cluster_of_worker_processes_gives_the_same_json(archive, local_json):
    top, _ = archive
    result = run("check", "news", "seeds", "missing.txt", "--format", "json", "--scheduler", "local:2",
                 cwd=top)
    assert result.returncode == local_json.returncode
    assert result.stdout == local_json.stdout


def test_file_urls_and_globs_are_read_by_the_workers(archive, scheduler, local_json):
    top, _ = archive
    wait_for_workers(scheduler)
    result = run("check", f"file://{top}/news/*.txt", "--format", "jsonl", "--scheduler", scheduler, cwd=top)
    lines = jsonl(result.stdout)
    expected = {f"file://{top}/news/{d['path'].split('/')[-1]}": d["findings"]
                for d in json.loads(local_json.stdout)["documents"] if d["path"].startswith("news/")}
    assert {line["path"]: line["findings"] for line in lines} == expected


def _fault_archive(archive_top: Path, top: Path, names: list[str]) -> Path:
    """The archive's news documents copied to `top`/faults, the first ones renamed to `names`."""
    faults = top / "faults"
    faults.mkdir()
    sources = sorted((archive_top / "news").glob("*.txt"))
    for i, source in enumerate(sources):
        name = names[i] if i < len(names) else source.name
        (faults / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return faults


def test_a_worker_that_dies_mid_run_loses_no_document(archive, scheduler, crash_dir, local_json, tmp_path):
    top, _ = archive
    wait_for_workers(scheduler)
    # these documents kill the first worker that checks them, early and in the middle of the run
    crashing = {"040-crash-once.txt", "100-crash-once.txt"}
    faults = _fault_archive(top, tmp_path, [f"{i:03d}.txt" for i in range(40)] + ["040-crash-once.txt"]
                            + [f"{i:03d}.txt" for i in range(41, 100)] + ["100-crash-once.txt"])
    result = run("check", faults, "--format", "jsonl", "--scheduler", scheduler)
    lines = jsonl(result.stdout)
    assert len(lines) == len(list(faults.iterdir()))
    assert not [line for line in lines if "error" in line]
    assert {Path(line["path"]).name for line in lines} >= crashing
    assert {p.name for p in crash_dir.iterdir()} == crashing  # each did kill a worker
    by_text = {(top / d["path"]).read_text(encoding="utf-8"): d["findings"]
               for d in json.loads(local_json.stdout)["documents"]}
    for line in lines:
        assert line["findings"] == by_text[(faults / Path(line["path"]).name).read_text(encoding="utf-8")]


def test_a_document_that_kills_every_worker_is_reported_and_the_run_goes_on(archive, scheduler, tmp_path):
    wait_for_workers(scheduler)
    faults = _fault_archive(archive[0], tmp_path, [f"{i:03d}.txt" for i in range(60)] + ["060-poison.txt"])
    result = run("check", faults, "--format", "json", "--scheduler", scheduler)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["summary"]["documents"] == len(list(faults.iterdir())) - 1
    [error] = report["errors"]
    assert error["path"] == f"{faults}/060-poison.txt"
    assert "2 workers died while checking it" in error["message"]
    assert f"{faults}/060-poison.txt: 2 workers died" in result.stderr


def test_an_interrupted_run_resumes_where_it_stopped(archive, scheduler, local_json, tmp_path):
    top, counts = archive
    wait_for_workers(scheduler)
    state, out = tmp_path / "state.jsonl", tmp_path / "out.jsonl"
    command = ["check", "news", "seeds", "--format", "jsonl", "--scheduler", scheduler,
               "--resume", state, "--output", out]
    proc = start(command, cwd=top)
    deadline = time.monotonic() + RUN_TIMEOUT
    while (not out.exists() or out.read_text().count("\n") < 40) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    first = finish(proc)
    assert first.returncode == 130, first.stderr
    assert "Traceback" not in first.stderr and "Exception ignored" not in first.stderr  # raised, not lost
    written = [line["path"] for line in jsonl(out.read_text()) if "findings" in line]
    recorded = [json.loads(line)["path"] for line in state.read_text().splitlines()[1:]]
    assert written == recorded  # every result written is recorded, and nothing else
    assert 40 <= len(written) < counts["readable"]

    second = finish(start(command, cwd=top))
    assert second.returncode == 2, second.stderr  # the unreadable documents again
    assert f"{len(written):,} documents skipped, already checked" in second.stderr
    lines = jsonl(out.read_text())
    documents = [line for line in lines if "findings" in line]
    assert len(documents) == len({d["path"] for d in documents}) == counts["readable"]
    expected = {d["path"]: d["findings"] for d in json.loads(local_json.stdout)["documents"]}
    assert {d["path"]: d["findings"] for d in documents} == expected
    assert sorted(line["path"] for line in lines if "error" in line) == sorted(
        e["path"] for e in json.loads(local_json.stdout)["errors"] if e["path"] != "missing.txt")

    third = finish(start(command, cwd=top))
    assert f"{counts['readable']:,} documents skipped" in third.stderr
    assert [line for line in jsonl(out.read_text()) if "findings" in line] == documents


def test_a_rule_error_stops_the_run_before_the_cluster_is_asked(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    severity: fatal\n", encoding="utf-8")
    result = run("check", ROOT / "seeds", "--rules", bad, "--format", "json",
                 "--scheduler", "tcp://127.0.0.1:9")  # nothing listens there: asking it would fail
    assert result.returncode == 3
    assert result.stdout == ""
    assert f"{bad}:2:5: rule is missing 'check'" in result.stderr
    assert "nothing was sent to the cluster" in result.stderr
    assert "cannot reach" not in result.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2():
    result = run("check", ROOT / "seeds", "--format", "json", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("auditor: error: --scheduler tcp://127.0.0.1:9: cannot reach the scheduler")


def test_local_cluster_specs():
    from auditor.cluster import parse_scheduler

    assert parse_scheduler("local") == (None, None)
    assert parse_scheduler("local:3") == (None, 3)
    assert parse_scheduler("tcp://127.0.0.1:8786") == ("tcp://127.0.0.1:8786", None)
    for bad in ("local:0", "local:two"):
        with pytest.raises(ValueError, match="needs a positive number of workers"):
            parse_scheduler(bad)
    result = run("check", ROOT / "seeds", "--scheduler", "local:0")
    assert result.returncode == 2
    assert result.stderr == ("auditor: error: --scheduler local:0: local:N needs a positive number of "
                             "workers, not '0'\n")


class _Callback:
    def __init__(self):
        self.running = True

    def stop(self):
        self.running = False

    def start(self):
        self.running = True


class _Worker:
    def __init__(self):
        self.periodic_callbacks = {"profile": _Callback(), "profile-cycle": _Callback(), "heartbeat": _Callback()}


def test_the_rules_plugin_builds_an_engine_and_pauses_only_the_profiler():
    import pickle

    from auditor.cluster import RulesPlugin
    from auditor.rules import shipped_rules_dir
    from auditor.rules.schema import load_rules

    plugin = pickle.loads(pickle.dumps(RulesPlugin(load_rules([shipped_rules_dir()]), "0" * 64)))
    worker = _Worker()
    callbacks = dict(worker.periodic_callbacks)
    plugin.setup(worker)
    assert len(plugin.engine.ruleset.rules) == len(load_rules([shipped_rules_dir()]).rules)
    assert list(worker.periodic_callbacks) == ["heartbeat"] and callbacks["heartbeat"].running
    assert not callbacks["profile"].running and not callbacks["profile-cycle"].running
    plugin.teardown(worker)
    assert all(c.running for c in worker.periodic_callbacks.values()) and len(worker.periodic_callbacks) == 3


def test_a_worker_of_another_version_refuses_the_rules():
    from auditor import __version__
    from auditor.cluster import RulesPlugin
    from auditor.rules.schema import RuleSet

    plugin = RulesPlugin(RuleSet(), "0" * 64)
    plugin.version = "0.0.1"
    with pytest.raises(RuntimeError, match=f"this worker runs auditor {__version__}, the client 0.0.1"):
        plugin.setup(_Worker())


def test_formats_dates_and_input_options_reach_the_workers(tmp_path, scheduler):
    # a Markdown and a web page are read in their formats on the workers, with the run's --date and
    # --include, exactly as a local run reads them
    (tmp_path / "notes.md").write_text("# Prices\n\nBread rose from **50** to 75 cents, a 25% increase.\n",
                                       encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><body><nav>Home 1 2 3</nav><article><p>Of the 800 detainees, 900 were released on "
        "Monday, officials said, and the rest stay in custody.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "skipped.txt").write_text("Of the 10 ministers, 12 resigned.\n", encoding="utf-8")
    args = ("check", ".", "--format", "json", "--date", "2005-01-14", "--include", "*.md", "--include", "*.html")
    wait_for_workers(scheduler)
    local, remote = run_all((*args, "--jobs", "1"), (*args, "--scheduler", scheduler), cwd=tmp_path)
    assert remote.stdout == local.stdout and remote.returncode == local.returncode == 1
    report = json.loads(remote.stdout)
    assert [d["path"] for d in report["documents"]] == ["./notes.md", "./page.html"]
    assert {d["format"] for d in report["documents"]} == {"markdown", "html"}
    assert {d["date"]["source"] for d in report["documents"]} == {"option"}
    assert [f["rule"] for f in report["documents"][0]["findings"]] == ["percent.change"]
