"""`auditor check` and `auditor rules` as a CI job sees them: exit codes, JSON, text, colour (docs/contract.md).

Everything runs the venv's console script in a subprocess; no stderr may ever hold a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import cli_runner

from auditor.document import Document
from auditor.rules.schema import load_rules

ROOT = Path(__file__).resolve().parent.parent
AUDITOR = Path(sys.executable).with_name("auditor")
SEEDS = ROOT / "seeds"
RULES_DIR = ROOT / "rules"
MIXED_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "mixed"

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ERROR_LINE = re.compile(r"(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): ")

CLEAN = "Rebels hold 12,000 square kilometres of a province whose total area is 48,000 square kilometres.\n"
PART_WHOLE = "Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres.\n"
# Rounding of "1,500" to the hundred only just fails to explain it: a warning, not an error.
NEAR_MISS = ("About 2,800 ISIS fighters were destroyed. Losses were 1,500 military personnel "
             "(1 military to 2 militants).\n")


def seed(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return str(path.relative_to(ROOT))


def contract_text(path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def _raw_run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "CLICOLOR_FORCE")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([str(AUDITOR), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=60, stdin=subprocess.DEVNULL)


def _no_traceback(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return _no_traceback(cli_runner.run(*args, cwd=cwd))


_CACHE: dict[tuple[str, ...], subprocess.CompletedProcess] = {}
# Commands several tests read; run side by side once per module to keep the suite quick.
COMMON = [
    ("check", "seeds"),
    ("check", "seeds", "--format", "json"),
    ("check", "seeds", "--color", "auto"),
    ("check", "seeds", "--color", "never"),
    ("check", "seeds", "--color", "always"),
    ("check", "seeds", "--format", "json", "--color", "always"),
    ("check", "seeds", "--fail-on", "never"),
    ("check", "seeds", "--fail-on", "warning"),
]


def run_cached(*args: str) -> subprocess.CompletedProcess:
    if args not in _CACHE:
        _CACHE[args] = _raw_run(*args)
    return _no_traceback(_CACHE[args])


@pytest.fixture(scope="module", autouse=True)
def _prefetch():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        for args, proc in zip(COMMON, pool.map(lambda a: _raw_run(*a), COMMON)):
            _CACHE[args] = proc
    yield
    _CACHE.clear()


def json_of(proc: subprocess.CompletedProcess) -> dict:
    assert not ANSI.search(proc.stdout)
    return json.loads(proc.stdout)


@pytest.fixture
def doc(tmp_path):
    def make(text: str, name: str = "doc.txt") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        return str(path)
    return make


def test_console_script_exists():
    assert AUDITOR.exists(), "the venv's console script `auditor` is missing"


# -- exit codes ------------------------------------------------------------------------------------------
def test_clean_document_exits_0(doc):
    proc = run("check", doc(CLEAN), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert [d["findings"] for d in json_of(proc)["documents"]] == [[]]
    assert run("check", doc(CLEAN)).returncode == 0


def test_seeds_exit_1():
    proc = run_cached("check", "seeds")
    assert proc.returncode == 1, proc.stderr
    assert run("check", seed("003")).returncode == 1


def test_fail_on_never_exits_0():
    proc = run_cached("check", "seeds", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert "ratio.implied-count" in proc.stdout  # still reported


@pytest.mark.parametrize(("fail_on", "code"), [(None, 0), ("error", 0), ("warning", 1), ("info", 1),
                                               ("never", 0)])
def test_fail_on_with_only_a_warning(doc, fail_on, code):
    path = doc(NEAR_MISS)
    args = ["check", path, "--format", "json"] + (["--fail-on", fail_on] if fail_on else [])
    proc = run(*args)
    findings = json_of(proc)["documents"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("ratio.implied-count", "warning")]
    assert proc.returncode == code, proc.stderr


def test_fail_on_warning_with_errors_exits_1():
    assert run_cached("check", "seeds", "--fail-on", "warning").returncode == 1


def test_missing_input_exits_2_and_the_others_are_reported(tmp_path):
    missing = str(tmp_path / "no-such-file.txt")
    proc = run("check", seed("000"), missing, "--format", "json")
    assert proc.returncode == 2
    out = json_of(proc)
    assert [d["path"] for d in out["documents"]] == [seed("000")]
    assert [f["rule"] for f in out["documents"][0]["findings"]] == ["ratio.implied-count"] * 3
    assert "no-such-file.txt" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_input_in_text_mode_exits_2(tmp_path):
    proc = run("check", seed("003"), str(tmp_path / "gone.txt"))
    assert proc.returncode == 2
    assert "area.part-exceeds-whole" in proc.stdout
    assert "gone.txt" in proc.stderr


@pytest.mark.parametrize("args", [
    ["check"],
    ["check", "seeds", "--format", "xml"],
    ["check", "seeds", "--fail-on", "sometimes"],
    ["check", "seeds", "--color", "sometimes"],
    [],
    ["rules", "frobnicate"],
])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip()


def test_invalid_rule_file_exits_3_and_valid_rules_still_run(doc):
    path = doc(PART_WHOLE)
    proc = run("check", path, "--rules", str(MIXED_RULES), "--no-default-rules", "--format", "json")
    assert proc.returncode == 3
    findings = json_of(proc)["documents"][0]["findings"]
    assert [(f["rule"], f["spans"][0]["text"]) for f in findings] == \
           [("fixture.area-part-whole", "52,000 square kilometres")]
    located = [m.groupdict() for m in ERROR_LINE.finditer(proc.stderr)]
    assert {(Path(m["path"]).name, m["line"], m["col"]) for m in located} == {("invalid.yaml", "4", "5")}
    assert str(MIXED_RULES / "invalid.yaml") in proc.stderr


def test_invalid_rule_file_exit_3_beats_findings_in_text_mode(doc):
    proc = run("check", doc(PART_WHOLE), "--rules", str(MIXED_RULES), "--fail-on", "never")
    assert proc.returncode == 3
    assert "fixture.area-part-whole" in proc.stdout


def test_repeated_rules_option(doc):
    proc = run("check", doc(PART_WHOLE), "--rules", str(MIXED_RULES / "good.yaml"), "--rules", str(RULES_DIR),
               "--format", "json")
    assert proc.returncode == 1, proc.stderr
    rules = {f["rule"] for f in json_of(proc)["documents"][0]["findings"]}
    assert {"fixture.area-part-whole", "area.part-exceeds-whole"} <= rules


# -- JSON --------------------------------------------------------------------------------------------------
def test_json_has_the_contract_keys():
    proc = run_cached("check", "seeds", "--format", "json")
    assert proc.returncode == 1
    out = json_of(proc)
    assert set(out) >= {"documents"}
    paths = [d["path"] for d in out["documents"]]
    assert paths == sorted(str(p.relative_to(ROOT)) for p in SEEDS.glob("*.txt"))
    total = 0
    for d in out["documents"]:
        assert set(d) >= {"path", "findings"}
        text = contract_text(ROOT / d["path"])
        for f in d["findings"]:
            total += 1
            assert set(f) >= {"rule", "severity", "message", "spans", "derivation", "fingerprint"}
            assert f["severity"] in ("error", "warning", "info")
            assert isinstance(f["message"], str) and f["message"]
            assert isinstance(f["derivation"], str) and f["derivation"]
            assert isinstance(f["fingerprint"], str) and f["fingerprint"]
            assert f["spans"]
            for s in f["spans"]:
                assert set(s) >= {"start", "end", "text", "role"}
                assert isinstance(s["start"], int) and isinstance(s["end"], int)
                assert text[s["start"] : s["end"]] == s["text"]
    assert total == 4
    fps = [f["fingerprint"] for d in out["documents"] for f in d["findings"]]
    assert len(set(fps)) == len(fps)


def test_json_seed_findings():
    out = json_of(run_cached("check", "seeds", "--format", "json"))
    by_path = {d["path"]: d["findings"] for d in out["documents"]}
    ratio = by_path[seed("000")]
    assert [(f["rule"], f["severity"], f["spans"][0]["role"], f["spans"][0]["text"]) for f in ratio] == \
           [("ratio.implied-count", "error", "claimed", "at least 1,500")] * 3
    assert all("1,400" in f["derivation"] for f in ratio)
    area = by_path[seed("003")]
    assert [[(s["role"], s["text"]) for s in f["spans"]] for f in area] == \
           [[("part", "503 thousand 223 square kilometers"), ("whole", "185 180 square kilometers")]]
    assert by_path[seed("001")] == [] and by_path[seed("002")] == []


def test_json_fingerprints_are_stable_across_runs():
    a = json_of(run_cached("check", "seeds", "--format", "json"))
    b = json_of(run("check", "seeds", "--format", "json"))
    assert a == b


def test_json_path_is_as_given(doc, tmp_path):
    doc(PART_WHOLE, "article.txt")
    proc = run("check", "article.txt", "--format", "json", cwd=tmp_path)
    assert [d["path"] for d in json_of(proc)["documents"]] == ["article.txt"]
    assert proc.returncode == 1


def test_json_spans_with_bom_and_crlf(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ("Intro line.\r\n\r\n" + PART_WHOLE.replace("\n", "\r\n")).encode())
    proc = run("check", str(path), "--format", "json")
    assert proc.returncode == 1
    text = contract_text(path)
    findings = json_of(proc)["documents"][0]["findings"]
    assert findings
    for f in findings:
        for s in f["spans"]:
            assert text[s["start"] : s["end"]] == s["text"]


# -- text output ------------------------------------------------------------------------------------------
def test_text_output_has_claim_location_and_derivation():
    proc = run_cached("check", "seeds")
    out = json_of(run_cached("check", "seeds", "--format", "json"))
    for d in out["documents"]:
        document = Document(d["path"], contract_text(ROOT / d["path"]))
        for f in d["findings"]:
            line, col = document.line_col(f["spans"][0]["start"])
            assert f"{d['path']}:{line}:{col}" in proc.stdout
            assert f["derivation"] in " ".join(proc.stdout.split())  # wrapped to the width
            assert f"[{f['rule']}]" in proc.stdout or f["rule"] in proc.stdout


def test_text_location_of_the_seed_000_claims():
    text = contract_text(ROOT / seed("000"))
    document = Document(seed("000"), text)
    proc = run_cached("check", "seeds")
    start = 0
    for _ in range(3):
        start = text.index("at least 1,500", start + 1)
        line, col = document.line_col(start)
        assert f"{seed('000')}:{line}:{col}" in proc.stdout


def test_no_ansi_when_stdout_is_not_a_terminal():
    for args in (("check", "seeds"), ("check", "seeds", "--color", "auto"), ("check", "seeds", "--color", "never"),
                 ("check", "seeds", "--format", "json", "--color", "always")):
        proc = run_cached(*args)
        assert not ANSI.search(proc.stdout), args
        assert not ANSI.search(proc.stderr), args


def test_color_always_has_ansi():
    proc = run_cached("check", "seeds", "--color", "always")
    assert proc.returncode == 1
    assert ANSI.search(proc.stdout)
    assert ANSI.sub("", proc.stdout) == run_cached("check", "seeds").stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_color_auto_on_a_terminal(tmp_path):
    import pty

    path = tmp_path / "doc.txt"
    path.write_text(PART_WHOLE, encoding="utf-8")
    main, child = pty.openpty()
    try:
        proc = subprocess.run([str(AUDITOR), "check", str(path)], stdout=child, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=60, cwd=ROOT)
        os.close(child)
        child = -1
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(main)
        if child != -1:
            os.close(child)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert ANSI.search(b"".join(chunks).decode("utf-8", "replace"))


# -- auditor rules ----------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def shipped_rules():
    return load_rules([str(RULES_DIR)]).rules


def test_rules_list_lists_every_shipped_rule():
    proc = run("rules", "list")
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.strip()}
    assert {r.id for r in shipped_rules()} <= listed


def test_rules_show_has_examples():
    proc = run("rules", "show", "ratio.implied-count")
    assert proc.returncode == 0, proc.stderr
    flat = " ".join(proc.stdout.split())
    rule = next(r for r in shipped_rules() if r.id == "ratio.implied-count")
    assert "ratio.implied-count" in flat
    assert rule.check.source in flat
    for ex in rule.fail_examples + rule.pass_examples:
        assert " ".join(ex.text.split()) in flat


def test_rules_show_says_what_a_rule_defers_to():
    proc = run("rules", "show", "money.conversion-later-in-bracket")
    assert proc.returncode == 0, proc.stderr
    assert "defers to: money.conversion (no second finding on a claim they report on)" in proc.stdout
    assert "defers to" not in run("rules", "show", "money.conversion").stdout


def test_rules_show_typo_suggests_the_id():
    proc = run("rules", "show", "ratio.implid-count")
    assert proc.returncode == 2
    assert "'ratio.implied-count'" in proc.stderr
    assert proc.stdout == ""


def test_rules_test_passes():
    proc = run("rules", "test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    n_examples = sum(len(r.fail_examples) + len(r.pass_examples) for r in shipped_rules())
    assert proc.stdout.strip().splitlines()[-1] == f"{n_examples} passed, 0 failed"


def test_rules_test_reports_a_failing_example(tmp_path):
    text = (MIXED_RULES / "good.yaml").read_text(encoding="utf-8").replace(
        "Rebels hold 12,000 square kilometres", "Rebels hold 62,000 square kilometres")
    path = tmp_path / "broken_example.yaml"
    path.write_text(text, encoding="utf-8")
    proc = run("rules", "test", str(path))
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines()[-1] == "1 passed, 1 failed"
    pass_line = text.splitlines().index(next(l for l in text.splitlines() if "62,000" in l)) + 1
    assert f"{path}:{pass_line}:" in proc.stdout
    assert "fixture.area-part-whole" in proc.stdout


def test_rules_validate_shipped_exits_0():
    proc = run("rules", "validate")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_rules_validate_bad_dir_exits_3():
    proc = run("rules", "validate", str(MIXED_RULES))
    assert proc.returncode == 3
    located = {(Path(m["path"]).name, m["line"], m["col"]) for m in ERROR_LINE.finditer(proc.stderr)}
    assert located == {("invalid.yaml", "4", "5")}


def test_rules_test_on_bad_dir_exits_3_after_running_the_good_rule():
    proc = run("rules", "test", str(MIXED_RULES))
    assert proc.returncode == 3
    assert proc.stdout.strip().splitlines()[-1] == "2 passed, 0 failed"
    assert "invalid.yaml:4:5:" in proc.stderr
