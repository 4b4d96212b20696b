"""Baseline and review files kept safe: a failed run writes nothing, `baseline create` merges the verdicts
already in the file, paths are relative to the file's own folder, malformed files are refused by name,
only regular files of bounded size are read, modes survive a save, and concurrent writers lose nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor import cli
from auditor.findings import Finding, SpanRef
from auditor.review import MAX_REVIEW_BYTES, Review, ReviewError, load_review, save_review
from auditor.tui.review_store import ReviewStore
from cli_runner import run

ROOT = Path(__file__).resolve().parent.parent
SEED0 = next(iter(sorted((ROOT / "seeds").glob("000_*.txt"))))


def _finding(fingerprint: str) -> Finding:
    return Finding("ratio.implied-count", "error", "m", [SpanRef(0, 1, "1", "claimed")], "d",
                   fingerprint=fingerprint)


def _verdicts(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["verdicts"]


@pytest.fixture()
def folder(tmp_path):
    """A folder with seed 000 as doc.txt (three findings) and its baseline made from inside the folder."""
    shutil.copy(SEED0, tmp_path / "doc.txt")
    made = run("baseline", "create", "doc.txt", "-o", "bl.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path


# -- baseline create: a failed run writes nothing ----------------------------------------------------------

def test_a_failed_baseline_run_keeps_the_existing_file(folder):
    before = (folder / "bl.json").read_bytes()
    proc = run("baseline", "create", "articls/", "-o", "bl.json", cwd=folder)
    assert proc.returncode == 2
    assert (folder / "bl.json").read_bytes() == before
    assert "not written" in proc.stderr and "bl.json" in proc.stderr
    # one readable input and one missing: still nothing written
    proc = run("baseline", "create", "doc.txt", "missing.txt", "-o", "new.json", cwd=folder)
    assert proc.returncode == 2
    assert not (folder / "new.json").exists()


def test_invalid_rules_keep_the_existing_baseline(folder):
    (folder / "bad.yaml").write_text("rules: [{id: x}]\n", encoding="utf-8")
    before = (folder / "bl.json").read_bytes()
    proc = run("baseline", "create", "doc.txt", "-o", "bl.json", "--rules", "bad.yaml", cwd=folder)
    assert proc.returncode == 3
    assert (folder / "bl.json").read_bytes() == before


# -- baseline create merges --------------------------------------------------------------------------------

def test_baseline_create_keeps_every_verdict_and_counts(folder):
    path = folder / "bl.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    first, second, third = data["verdicts"]
    first["verdict"], first["reason"] = "confirmed", "checked with the ministry"
    second["verdict"] = "dismissed"
    data["verdicts"] = [first, second,
                        {"fingerprint": "gone", "verdict": "baseline", "path": "doc.txt"},
                        {"fingerprint": "elsewhere", "verdict": "dismissed", "path": "other.txt"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = run("baseline", "create", "doc.txt", "-o", "bl.json", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert "2 kept" in proc.stderr and "1 added" in proc.stderr and "1 dropped" in proc.stderr, proc.stderr
    after = {v["fingerprint"]: v for v in _verdicts(path)}
    assert after[first["fingerprint"]]["verdict"] == "confirmed"
    assert after[first["fingerprint"]]["reason"] == "checked with the ministry"
    assert after[second["fingerprint"]]["verdict"] == "dismissed"
    assert after[third["fingerprint"]]["verdict"] == "baseline"
    assert "gone" not in after  # a baseline entry whose finding is no longer there
    assert after["elsewhere"]["verdict"] == "dismissed"  # a document this run did not check
    # the confirmed finding is still reported by check
    checked = run("check", "doc.txt", "--baseline", "bl.json", "--format", "json", cwd=folder)
    assert checked.returncode == 1
    [reported] = [f for d in json.loads(checked.stdout)["documents"] for f in d["findings"]]
    assert reported["fingerprint"] == first["fingerprint"]


# -- paths are relative to the baseline file's folder ------------------------------------------------------

def test_a_baseline_made_inside_a_folder_works_from_its_parent(folder):
    assert [v["path"] for v in _verdicts(folder / "bl.json")] == ["doc.txt"] * 3
    proc = run("check", f"{folder.name}/doc.txt", "--baseline", f"{folder.name}/bl.json", "--format", "json",
               cwd=folder.parent)
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["summary"]["suppressed"] == 3
    assert "matched" not in proc.stderr


def test_entries_matching_no_document_are_noted(folder):
    (folder / "doc.txt").rename(folder / "renamed.txt")
    proc = run("check", "renamed.txt", "--baseline", "bl.json", cwd=folder)
    assert proc.returncode == 1
    assert "3 of 3 baseline entries matched no document" in proc.stderr, proc.stderr
    assert "doc.txt" in proc.stderr


def test_saving_elsewhere_rewrites_the_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    review = Review()
    review.set("sub/doc.txt", _finding("f1"), "confirmed")
    save_review(review, "sub/r.json")
    assert [v["path"] for v in _verdicts(tmp_path / "sub" / "r.json")] == ["doc.txt"]
    again = load_review("sub/r.json")
    assert again.verdict("sub/doc.txt", "f1").verdict == "confirmed"
    assert again.verdict(str(tmp_path / "sub" / "doc.txt"), "f1").verdict == "confirmed"


# -- malformed files ---------------------------------------------------------------------------------------

def _review_json(**extra) -> dict:
    return {"format": "auditor-review", "version": 1, "verdicts": [], **extra}


@pytest.mark.parametrize("content, words", [
    ('{"format": "auditor-review", "version": 1, "verdicts": [], "n": ' + "9" * 5000 + "}", "cannot be read"),
    ('{"format": "auditor-review", "version": ' + "9" * 5000 + ', "verdicts": []}', "cannot be read"),
    (json.dumps(_review_json(version=99)), "version 99"),
    (json.dumps(_review_json(version="1")), "version"),
])
def test_malformed_review_files_are_refused_by_name(tmp_path, capsys, content, words):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewError) as caught:
        load_review(path)
    assert str(path) in str(caught.value) and words in str(caught.value)
    code = cli.main(["check", str(SEED0), "--baseline", str(path)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "b.json" in err[0], err


def test_the_tui_store_sets_a_huge_integer_file_aside(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"format": "auditor-review", "version": 1, "verdicts": [' + "1" * 5000 + "]}")
    message = ReviewStore(str(path)).load()
    assert message and "renamed" in message
    assert list(tmp_path.glob("r.json.corrupt-*"))


def test_the_tui_store_refuses_a_version_from_the_future(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_review_json(version=2)))
    store = ReviewStore(str(path))
    message = store.load()
    assert "version 2" in message
    # a newer file is not ours to rename or overwrite
    assert path.exists() and store.set("d.txt", _finding("f"), "confirmed") is not None
    assert json.loads(path.read_text())["version"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_fifo_baseline_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "b.json"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(SEED0), "--baseline", str(fifo)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert "b.json" in proc.stderr and "not a regular file" in proc.stderr
    store = ReviewStore(str(fifo))
    assert "not a regular file" in store.load()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # left where it is


def test_a_device_baseline_is_refused(capsys):
    code = cli.main(["check", str(SEED0), "--baseline", "/dev/zero"])
    assert code == 2
    assert "/dev/zero" in capsys.readouterr().err


def test_an_oversized_review_file_is_refused(tmp_path, monkeypatch):
    import auditor.review as review_module

    monkeypatch.setattr(review_module, "MAX_REVIEW_BYTES", 100)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_review_json(pad="x" * 200)))
    with pytest.raises(ReviewError, match="too large"):
        load_review(path)
    assert MAX_REVIEW_BYTES >= 16 * 1024 * 1024


# -- saving ------------------------------------------------------------------------------------------------

def test_a_private_review_file_stays_private(tmp_path):
    path = tmp_path / "r.json"
    save_review(Review(), path)
    path.chmod(0o600)
    store = ReviewStore(str(path))
    assert store.load() is None
    assert store.set("d.txt", _finding("f"), "confirmed") is None
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_symlinked_review_file_stays_a_link(tmp_path):
    real = tmp_path / "real.json"
    save_review(Review(), real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = ReviewStore(str(link))
    assert store.load() is None
    assert store.set("d.txt", _finding("f"), "confirmed") is None
    assert link.is_symlink()
    assert len(_verdicts(real)) == 1


WRITER = textwrap.dedent("""
    import sys
    from auditor.findings import Finding, SpanRef
    from auditor.tui.review_store import ReviewStore
    path, name = sys.argv[1], sys.argv[2]
    store = ReviewStore(path)
    assert store.load() is None
    for i in range(50):
        finding = Finding("r", "error", "m", [SpanRef(0, 1, "1", "claimed")], "d", fingerprint=f"{name}{i}")
        assert store.set("doc.txt", finding, "confirmed") is None
""")


def test_two_processes_writing_the_review_file_lose_nothing(tmp_path):
    path = tmp_path / "r.json"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    procs = [subprocess.Popen([sys.executable, str(script), str(path), name], cwd=ROOT) for name in "ab"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    fingerprints = {v["fingerprint"] for v in _verdicts(path)}
    assert fingerprints == {f"{n}{i}" for n in "ab" for i in range(50)}
