"""The command line where it meets the system: `--jobs` values, repeated inputs, actions left out, outputs
that must not replace what they point at or what the run reads, a closed standard output, and signals."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from auditor import cli
from cli_runner import AUDITOR, env, run, run_process

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED0 = next(iter(sorted(SEEDS.glob("000_*.txt"))))


# -- options ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-3", "-1", "x"])
def test_bad_job_counts_are_usage_errors(value, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["check", str(SEED0), "--jobs", value])
    assert stop.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "100000"])
def test_job_counts_zero_and_huge_use_the_cores(value, monkeypatch):
    import auditor.batch as batch

    seen = []
    real = batch.check_items

    def spy(items, engine, rule_paths, jobs=1, *rest, **options):
        seen.append(jobs)
        return real(items, engine, rule_paths, 1, *rest, **options)

    monkeypatch.setattr(batch, "check_items", spy)
    assert cli.main(["check", str(SEED0), "--jobs", value, "--format", "json"]) == 1
    assert seen == [batch.default_jobs()]


def test_a_file_given_three_times_is_checked_once(capsys):
    rel = os.path.relpath(SEED0)
    code = cli.main(["check", str(SEED0), rel, "./" + rel, "--format", "json", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert len(report["documents"]) == 1
    assert report["summary"]["documents"] == 1


@pytest.mark.parametrize("command", [["rules"], ["baseline"]])
def test_a_command_without_its_action_prints_usage_and_exits_2(command):
    proc = run(*command)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "usage: auditor " + command[0] in proc.stderr


# -- outputs ----------------------------------------------------------------------------------------------

def test_an_output_that_is_an_input_is_refused(tmp_path):
    doc = tmp_path / "in.txt"
    shutil.copy(SEED0, doc)
    before = doc.read_bytes()
    for output in (doc, tmp_path / "in.txt"):
        proc = run("check", doc, "--format", "json", "--output", output)
        assert proc.returncode == 2 and "one of the inputs" in proc.stderr
    proc = run("check", tmp_path, "--format", "json", "--output", doc)
    assert proc.returncode == 2 and "one of the inputs" in proc.stderr
    assert doc.read_bytes() == before


def test_an_output_that_is_the_baseline_or_a_rule_file_is_refused(tmp_path):
    baseline = tmp_path / "b.json"
    assert run("baseline", "create", SEED0, "-o", baseline).returncode == 0
    before = baseline.read_bytes()
    proc = run("check", SEED0, "--baseline", baseline, "--format", "json", "-o", baseline)
    assert proc.returncode == 2 and "the baseline" in proc.stderr
    assert baseline.read_bytes() == before
    rules = tmp_path / "rules.yaml"
    shutil.copy(ROOT / "rules" / "ratio.yaml", rules)
    for argv in (["check", SEED0, "--rules", rules, "-o", rules],
                 ["baseline", "create", SEED0, "--rules", tmp_path, "-o", rules]):
        proc = run(*argv)
        assert proc.returncode == 2 and "a rule file" in proc.stderr, proc.stderr
    assert rules.read_bytes() == (ROOT / "rules" / "ratio.yaml").read_bytes()


def test_a_review_file_that_is_an_input_is_refused(tmp_path):
    doc = tmp_path / "in.txt"
    shutil.copy(SEED0, doc)
    proc = run("tui", doc, "--review", doc)
    assert proc.returncode == 2 and "one of the inputs" in proc.stderr and "review file" in proc.stderr
    assert doc.read_bytes() == SEED0.read_bytes()


def test_an_output_that_is_not_a_regular_file_is_written_in_place(tmp_path):
    # through a link in a scratch folder: code with the defect replaces the link, never the system's
    # /dev/null (running `--output /dev/null` itself against such code would destroy the device node)
    null = tmp_path / "null.json"
    null.symlink_to(os.devnull)
    proc = run_process("check", SEED0, "--format", "json", "--output", null)
    assert proc.returncode == 1, proc.stderr
    assert null.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    # a symbolic link to standard output: the report goes down the pipe, the link stays a link
    link = tmp_path / "stdout.json"
    link.symlink_to("/proc/self/fd/1")
    proc = run_process("check", SEED0, "--format", "json", "--output", link)
    assert proc.returncode == 1
    assert link.is_symlink()
    report, _ = json.JSONDecoder().raw_decode(proc.stdout, proc.stdout.index('{\n  "documents"'))
    assert "error[ratio.implied-count]" in proc.stdout
    assert len(report["documents"][0]["findings"]) == 3
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_output_through_a_link_replaces_the_file_it_leads_to(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    proc = run("check", SEED0, "--format", "json", "--output", link)
    assert proc.returncode == 1
    assert link.is_symlink() and json.loads(real.read_text())["summary"]["error"] == 3
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


# -- a closed standard output and signals ------------------------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    for i in range(120):
        shutil.copy(SEED0, folder / f"{i:03}.txt")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_stdout_ends_quietly(big, jobs):
    proc = subprocess.Popen([str(AUDITOR), "check", str(big), "--jobs", jobs], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env())
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 1, 141)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err == ""


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_during_a_parallel_run_ends_cleanly(big, tmp_path, sig, code):
    out = tmp_path / "report.json"
    out.write_text("previous\n")
    proc = subprocess.Popen([str(AUDITOR), "check", str(big), "--jobs", "2", "--format", "json", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), start_new_session=True)
    proc.stdout.readline()  # the run is under way
    os.killpg(proc.pid, sig)  # the whole group, as a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=120)
    err = err.decode()
    assert proc.returncode == code, err
    assert "Traceback" not in err, err
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_sigterm_to_the_parent_alone_ends_cleanly(big, tmp_path):
    out = tmp_path / "report.json"
    proc = subprocess.Popen([str(AUDITOR), "check", str(big), "--jobs", "2", "--format", "json", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    proc.stdout.readline()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143
    assert b"Traceback" not in err, err.decode()
    assert not out.exists() and list(tmp_path.iterdir()) == []
