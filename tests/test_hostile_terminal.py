"""Hostile text never reaches the terminal raw (issue 12).

Documents and rule files may hold terminal control sequences: OSC 52 writes the clipboard, OSC 0 sets
the window title, OSC 8 makes hyperlinks, CSI (ESC [ or the C1 form U+009B) clears the screen. Every
report that can reach a terminal shows them escaped; JSON keeps their value but writes them as escapes.
"""

from __future__ import annotations

import json
import re

import pytest

from auditor.document import Document
from auditor.engine import Engine
from auditor.report.check_text import TextReporter
from auditor.rules.schema import load_rules
from auditor.safe_text import escape_controls
from cli_runner import run, run_all

ESCAPES = ("\x1b]52;c;aGVsbG8=\x07", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
           "\x9b2J", "\x9d0;title\x9c", "\x1b[2J", "\u202e")
HOSTILE = "".join(ESCAPES)
# a raw control character other than a line break, as a terminal would receive it
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PART_WHOLE = ("Rebels hold 52,000 square kilometres" + HOSTILE + " of a province whose total area is "
              "48,000 square kilometres.\n")

RULE_FILE = f"""rules:
  - id: area.hostile
    title: "Title {HOSTILE.encode('unicode_escape').decode()}"
    description: "Described {HOSTILE.encode('unicode_escape').decode()}"
    roles:
      part: {{kind: measure, dimension: area}}
      whole: {{kind: measure, dimension: area, position: after}}
    check: part <= whole
    message: "part {{part}} exceeds {HOSTILE.encode('unicode_escape').decode()} {{whole}}"
    examples:
      fail: ["Rebels hold 52,000 square kilometres of a province of 48,000 square kilometres. {HOSTILE.encode('unicode_escape').decode()}"]
"""


@pytest.fixture
def hostile(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(PART_WHOLE, encoding="utf-8")
    rules = tmp_path / "hostile.yaml"
    rules.write_text(RULE_FILE, encoding="utf-8")
    return doc, rules


def test_escape_controls_shows_every_control_and_keeps_the_rest():
    assert escape_controls("a\x1b]0;t\x07b\x9bc\u202ed\n", keep="\n") == "a\\x1b]0;t\\x07b\\x9bc\\u202ed\n"
    assert escape_controls("2 800 км², «цитата»\t") == "2 800 км², «цитата»\\x09"


def test_text_report_escapes_document_and_rule_text(hostile):
    doc, rules = hostile
    result = run("check", doc, "--rules", rules, "--color", "never")
    assert result.returncode == 1, result.stderr
    assert not RAW.search(result.stdout), ascii(result.stdout)
    assert "\\x1b]52;c;" in result.stdout and "\\x9b2J" in result.stdout
    assert not RAW.search(result.stderr), ascii(result.stderr)


def test_text_report_underlines_the_spans_after_escaping(hostile):
    doc, rules = hostile
    ruleset = load_rules([str(rules)])
    result = Engine(ruleset).check(Document(str(doc), PART_WHOLE))
    import io

    out = io.StringIO()
    TextReporter(out).document(result)
    lines = out.getvalue().splitlines()
    source = next(i for i, line in enumerate(lines) if "Rebels hold" in line)
    shown, marks = lines[source], lines[source + 1]
    for span in result.findings[0].spans:
        column = shown.index(span.text)
        assert set(marks[column : column + len(span.text)]) <= {"^", "-"}, (shown, marks, span)
        after = column + len(span.text)  # the underline stops with the span (the line may end there)
        assert after >= len(marks) or marks[after] not in "^-" or span.role == "part"


def test_json_keeps_values_but_never_a_raw_c1_control(hostile):
    doc, rules = hostile
    result = run("check", doc, "--rules", rules, "--format", "json")
    assert not RAW.search(result.stdout), ascii(result.stdout)
    finding = json.loads(result.stdout)["documents"][0]["findings"][0]
    assert HOSTILE in finding["message"]


def test_sarif_and_github_never_carry_a_raw_control(hostile):
    doc, rules = hostile
    sarif, github = run_all(("check", doc, "--rules", rules, "--format", "sarif"),
                            ("check", doc, "--rules", rules, "--format", "github"))
    for result in (sarif, github):
        assert result.returncode == 1, result.stderr
        assert not RAW.search(result.stdout), ascii(result.stdout)
    assert HOSTILE in json.loads(sarif.stdout)["runs"][0]["results"][0]["message"]["text"]


def test_rules_list_show_and_test_escape_rule_text(hostile):
    _, rules = hostile
    listed, shown, tested = run_all(("rules", "list", rules), ("rules", "show", "area.hostile", "--rules", rules),
                                    ("rules", "test", rules))
    assert "area.hostile" in listed.stdout and "Title \\x1b]52;c;" in listed.stdout
    assert "Described \\x1b]52;c;" in shown.stdout
    for result in (listed, shown, tested):
        assert not RAW.search(result.stdout + result.stderr), ascii(result.stdout + result.stderr)


def test_rule_file_errors_escape_what_the_file_wrote(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('rules:\n  - id: a.b\n    "\\x1b]0;pwned\\x07": 1\n', encoding="utf-8")
    result = run("rules", "validate", bad)
    assert result.returncode == 3
    assert "\\x1b]0;pwned\\x07" in result.stderr and not RAW.search(result.stderr), ascii(result.stderr)


def test_extract_text_report_escapes_document_text(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("About 2,800\x9b2J fighters\x1b]0;t\x07 and 40\u202e% of 1,500 people.\n", encoding="utf-8")
    result = run("extract", doc)
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout), ascii(result.stdout)
    data = run("extract", doc, "--format", "json")
    assert not RAW.search(data.stdout)
    json.loads(data.stdout)


def test_no_number_is_read_from_inside_a_control_sequence():
    from auditor.extract import extract_text

    text = "Only 7 people came. " + HOSTILE + " Then 12 more arrived."
    ex = extract_text(text)
    assert [q.text for q in ex.quantities] == ["7", "12"]  # not the 52 of OSC 52, the 0 of OSC 0, the 2 of CSI 2J
    controls = [i for i in ex.ignored if i.reason == "control sequence"]
    assert {text[i.start : i.end] for i in controls} >= {"\x1b]52;c;aGVsbG8=\x07", "\x9b2J", "\x1b[2J"}


def test_a_number_of_hundreds_of_digits_is_ignored_with_a_reason():
    from auditor.extract import extract_text

    for number in ("9" * 309, " ".join(["123"] * 110)):
        ex = extract_text(f"The debt is {number} dollars, and 12 banks lent it.")
        assert [q.text for q in ex.quantities] == ["12"]
        assert [(i.text, i.reason) for i in ex.ignored] == [(number, "long number")]
