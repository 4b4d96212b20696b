"""`auditor check --format github`: GitHub Actions workflow commands that parse back into the file, line,
column, end and title of each claim, escaped the way GitHub's runner unescapes them
(data: % CR LF; properties: also : and ,).
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.engine import DocumentResult
from auditor.findings import Finding, SpanRef, assign_fingerprints
from auditor.report import RunSummary
from auditor.report.github import GithubReporter, escape_data, escape_property
from cli_runner import run_all

ROOT = Path(__file__).resolve().parent.parent

PART_WHOLE = ("Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square "
              "kilometres.\n")

COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$")
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


# -- helpers -----------------------------------------------------------------------------------------------

def contract_text(path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def to_offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert 1 <= line <= len(starts), (line, len(starts))
    return starts[line - 1] + column - 1


def unescape_data(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(s: str) -> str:
    return unescape_data(s.replace("%3A", ":").replace("%2C", ","))


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """One workflow command: (command, properties, message), all unescaped."""
    m = COMMAND.match(line)
    assert m, f"not a workflow command: {line!r}"
    props = {}
    if m["props"]:
        for item in m["props"].split(","):
            key, sep, value = item.partition("=")
            assert sep, f"property without a value in {line!r}"
            assert key not in props
            props[key] = unescape_property(value)
    return m["command"], props, unescape_data(m["data"])


def check_annotations(stdout: str, report: dict, cwd: Path) -> list[dict]:
    """Every annotation names the claim of the JSON finding at the same place in the output."""
    lines = [ln for ln in stdout.splitlines() if ln]
    findings = [(doc["path"], f) for doc in report["documents"] for f in doc["findings"]]
    assert len(lines) >= len(findings)
    parsed = []
    for line, (path, finding) in zip(lines, findings):
        command, props, message = parse(line)
        assert command == LEVELS[finding["severity"]]
        assert props["file"] == path
        assert props["title"] == finding["rule"]
        text = contract_text(cwd / props["file"])
        claim = finding["spans"][0]
        start = to_offset(text, int(props["line"]), int(props["col"]))
        end = to_offset(text, int(props["endLine"]), int(props["endColumn"]))
        assert (start, end) == (claim["start"], claim["end"])
        assert text[start:end] == claim["text"]
        assert finding["message"] in message
        assert finding["derivation"] in message
        parsed.append(props)
    return parsed


# -- escaping ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, escaped", [
    ("plain text", "plain text"),
    ("100%", "100%25"),
    ("a\nb", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab"),
    ("1:2 ratio, not 3", "1:2 ratio, not 3"),  # : and , are left alone in data
    ("%0A is not a newline", "%250A is not a newline"),  # % first, so a literal %0A survives
    ("%%", "%25%25"),
])
def test_escape_data(raw, escaped):
    assert escape_data(raw) == escaped
    assert unescape_data(escape_data(raw)) == raw


@pytest.mark.parametrize("raw, escaped", [
    ("seeds/a.txt", "seeds/a.txt"),
    ("a,b:c.txt", "a%2Cb%3Ac.txt"),
    ("100%.txt", "100%25.txt"),
    ("x\ny\rz", "x%0Ay%0Dz"),
    ("%3A", "%253A"),
    ("ratio.implied-count", "ratio.implied-count"),
    ("dir, with: all%\n", "dir%2C with%3A all%25%0A"),
])
def test_escape_property(raw, escaped):
    assert escape_property(raw) == escaped
    assert unescape_property(escape_property(raw)) == raw
    assert not set(",:\r\n") & set(escape_property(raw))


def test_reporter_keeps_each_annotation_on_one_line():
    doc = Document("odd, name: 100%.txt", "line one\nsaid 5 of 3 people\n")
    start = doc.text.index("5 of 3")
    finding = Finding("test.rule", "warning", "multi\nline message with 50% and a, b: c",
                      [SpanRef(start, start + 1, "5", "part"), SpanRef(start + 5, start + 6, "3", "whole")],
                      "5 > 3\r\nso it fails")
    assign_fingerprints([finding])
    result = DocumentResult(doc, [], [finding])
    out = io.StringIO()
    reporter = GithubReporter(out)
    reporter.begin(None)
    reporter.document(result)
    reporter.end(RunSummary())
    (line,) = out.getvalue().splitlines()
    command, props, message = parse(line)
    assert command == "warning"
    assert props == {"file": "odd, name: 100%.txt", "line": "2", "col": "6", "endLine": "2",
                     "endColumn": "7", "title": "test.rule"}
    assert "multi\nline message with 50% and a, b: c" in message
    assert "5 > 3\r\nso it fails" in message


# -- end to end --------------------------------------------------------------------------------------------

def test_seed_annotations_point_at_the_claims():
    github, js = run_all(("check", "seeds", "--format", "github"), ("check", "seeds", "--format", "json"))
    assert github.returncode == js.returncode == 1
    report = json.loads(js.stdout)
    lines = github.stdout.splitlines()
    assert len(lines) == len([f for d in report["documents"] for f in d["findings"]]) == 4
    props = check_annotations(github.stdout, report, ROOT)
    assert {p["title"] for p in props} == {"ratio.implied-count", "area.part-exceeds-whole"}
    assert all(p["file"].startswith("seeds/") for p in props)


@pytest.mark.parametrize("name", ["a,b:c.txt", "report, final: 100%.txt"])
def test_file_name_with_comma_and_colon(tmp_path, name):
    sub = tmp_path / "drafts, v2: x"
    sub.mkdir()
    (sub / name).write_text("Intro line.\n\n" + PART_WHOLE, encoding="utf-8")
    rel = f"{sub.name}/{name}"
    github, js = run_all(("check", rel, "--format", "github"), ("check", rel, "--format", "json"),
                         cwd=tmp_path)
    assert github.returncode == 1, github.stderr
    lines = github.stdout.splitlines()
    assert len(lines) == 1
    raw_props = COMMAND.match(lines[0])["props"]
    assert raw_props.startswith("file=" + escape_property(rel) + ",")
    (props,) = check_annotations(github.stdout, json.loads(js.stdout), tmp_path)
    assert props["file"] == rel
    assert (props["line"], props["col"]) == ("3", "13")
    assert props["title"] == "area.part-exceeds-whole"


def test_crlf_bom_and_astral_characters(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(
        "\ufeffHeadline \U0001F600 here\r\n\r\nIn the \U0001F600 north, rebels hold 52,000 square kilometres "
        "of a province\r\nwhose total area is 48,000 square kilometres.\r\n".encode("utf-8"))
    github, js = run_all(("check", "crlf.txt", "--format", "github"),
                         ("check", "crlf.txt", "--format", "json"), cwd=tmp_path)
    (props,) = check_annotations(github.stdout, json.loads(js.stdout), tmp_path)
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("3", "29", "3", "53")


def test_unreadable_input_is_an_error_annotation(tmp_path):
    (tmp_path / "good.txt").write_text(PART_WHOLE, encoding="utf-8")
    (tmp_path / "bad, one: x.txt").write_bytes(b"caf\xe9 12 people\n")
    (github,) = run_all(("check", ".", "--format", "github"), cwd=tmp_path)
    assert github.returncode == 2
    parsed = [parse(line) for line in github.stdout.splitlines()]
    assert [c for c, _, _ in parsed] == ["error", "error"]
    finding, unreadable = parsed
    assert os.path.normpath(finding[1]["file"]) == "good.txt"
    assert os.path.normpath(unreadable[1]["file"]) == "bad, one: x.txt"
    assert "UTF-8" in unreadable[2]
    assert "bad, one: x.txt" in github.stderr
