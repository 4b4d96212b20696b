"""Loading rule files: every problem is reported at file:line:column, bad rules never load, nothing runs.

Rule files are written to tmp_path. The one-line error format `file:line:column: message` is part of the
product, so it is asserted; the rest of a message only where it carries a suggestion.
"""

from __future__ import annotations

import builtins
import os
import re
import subprocess
import textwrap
import time

import pytest

from auditor.rules import shipped_rules_dir
from auditor.rules.schema import RuleError, RuleSet, load_rules

GOOD = """\
rules:
  - id: fixture.part-whole
    severity: error
    title: A part larger than its whole
    description: A held area larger than the total area.
    scope: paragraph
    claim: part
    roles:
      part:
        dimension: area
        words_before: [hold, holds]
      whole:
        dimension: area
        words_before: [total area]
    check: part <= whole
    message: "{part} is more than {whole}"
"""

ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)$")


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def load_one(tmp_path, text: str, name: str = "rule.yaml") -> tuple[str, RuleSet]:
    path = write(tmp_path, name, text)
    return path, load_rules([path])


def only_error(ruleset: RuleSet) -> RuleError:
    assert len(ruleset.errors) == 1, [str(e) for e in ruleset.errors]
    return ruleset.errors[0]


def assert_located(error: RuleError, path: str, line: int, column: int | None = None) -> None:
    """The error names the file, line and column, and its one-line form is `file:line:col: message`."""
    assert error.path == path
    assert error.line == line, str(error)
    if column is not None:
        assert error.column == column, str(error)
    m = ERROR_LINE.match(str(error))
    assert m, str(error)
    assert (m["path"], int(m["line"]), int(m["col"])) == (path, error.line, error.column)
    assert "\n" not in str(error)


def assert_within(error: RuleError, path: str, text: str, quoted: str) -> None:
    """The error is located on the quoted scalar `quoted`, at the character that breaks the rules."""
    line, column = position_of(text, quoted)
    assert_located(error, path, line)
    assert column <= error.column < column + len(quoted), str(error)


def position_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column where `needle` starts in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def test_good_fixture_loads(tmp_path):
    path, ruleset = load_one(tmp_path, GOOD)
    assert ruleset.errors == []
    assert [r.id for r in ruleset.rules] == ["fixture.part-whole"]
    rule = ruleset.rules[0]
    assert (rule.path, rule.line) == (path, 2)
    assert [r.name for r in rule.roles] == ["part", "whole"]
    assert ruleset.files == [path]


# -- YAML syntax -------------------------------------------------------------------------------------------
def test_malformed_yaml_is_located(tmp_path):
    text = GOOD.replace("    title: A part larger than its whole", "    title: A part: larger than its whole")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    line, col = position_of(text, ": larger")
    assert_located(error, path, line, col)
    assert ruleset.rules == []


def test_bad_indentation_is_located(tmp_path):
    text = GOOD.replace("    severity: error", "     severity: error")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.path == path and error.line == 3
    assert ruleset.rules == []


def test_unclosed_flow_sequence_is_reported_with_a_position(tmp_path):
    text = GOOD.replace("words_before: [hold, holds]", "words_before: [hold, holds")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    start_line, _ = position_of(text, "[hold, holds")
    assert error.path == path and error.line >= start_line
    assert ERROR_LINE.match(str(error))


def test_file_that_is_not_a_mapping(tmp_path):
    path, ruleset = load_one(tmp_path, "- just\n- a list\n")
    assert_located(only_error(ruleset), path, 1, 1)


def test_invalid_utf8_rule_file(tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"rules:\n  - id: \xff\xfe\n")
    ruleset = load_rules([str(path)])
    error = only_error(ruleset)
    assert error.path == str(path)
    assert ERROR_LINE.match(str(error))


def test_missing_rule_path(tmp_path):
    missing = str(tmp_path / "nope")
    ruleset = load_rules([missing])
    assert_located(only_error(ruleset), missing, 1, 1)


# -- unknown keys and bad values ----------------------------------------------------------------------------
def test_rule_key_typo_suggests_the_key(tmp_path):
    text = GOOD.replace("    severity: error", "    severty: error")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert_located(error, path, *position_of(text, "severty"))
    assert "'severity'" in error.message and "severty" in error.message
    assert ruleset.rules == []


def test_role_key_typo_suggests_the_key(tmp_path):
    text = GOOD.replace("        dimension: area\n        words_before: [hold",
                        "        kinds: measure\n        dimension: area\n        words_before: [hold")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert_located(error, path, *position_of(text, "kinds"))
    assert "'kind'" in error.message
    assert ruleset.rules == []


def test_top_level_key_typo(tmp_path):
    text = GOOD.replace("rules:", "rulez:")
    path, ruleset = load_one(tmp_path, text)
    assert any(e.line == 1 and e.column == 1 and "'rules'" in e.message for e in ruleset.errors), \
        [str(e) for e in ruleset.errors]
    assert ruleset.rules == []


@pytest.mark.parametrize(("old", "new", "bad"), [
    ("severity: error", "severity: fatal", "fatal"),
    ("scope: paragraph", "scope: chapter", "chapter"),
    ("dimension: area\n        words_before: [hold", "dimension: areal\n        words_before: [hold", "areal"),
    ("words_before: [total area]", "words_before: [total area]\n        within: chapter", "chapter"),
    ("words_before: [total area]", "words_before: [total area]\n        position: later", "later"),
])
def test_bad_values_are_located_at_the_value(tmp_path, old, new, bad):
    text = GOOD.replace(old, new)
    assert text != GOOD
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert_located(error, path, *position_of(text, ": " + bad)[:1])  # the value's line...
    assert error.column == position_of(text, ": " + bad)[1] + 2  # ...and the value's column
    assert bad in error.message
    assert ruleset.rules == []


def test_area_typo_suggests_area(tmp_path):
    text = GOOD.replace("dimension: area\n        words_before: [hold", "dimension: aera\n        words_before: [hold")
    _, ruleset = load_one(tmp_path, text)
    assert "'area'" in only_error(ruleset).message


@pytest.mark.parametrize("missing", ["id", "check", "roles", "message"])
def test_missing_required_key(tmp_path, missing):
    lines = GOOD.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.lstrip(" -").startswith(missing + ":"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    if lines[start].startswith("  - "):
        lines[end] = "  - " + lines[end][4:]
    text = "".join(lines[:start] + lines[end:])
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.path == path and error.line == 2
    assert f"'{missing}'" in error.message
    assert ruleset.rules == []


def test_unknown_placeholder_in_message(tmp_path):
    text = GOOD.replace('"{part} is more than {whole}"', '"{part} is more than {hole}"')
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.line == position_of(text, "{hole}")[0]
    assert "'whole'" in error.message


def test_example_span_not_in_text(tmp_path):
    text = GOOD + textwrap.indent(textwrap.dedent("""\
        examples:
          fail:
            - text: Rebels hold 52,000 sq km of a province whose total area is 48,000 sq km.
              spans: ["52,000 sq km", "49,000 sq km"]
        """), "    ")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.line == position_of(text, "spans:")[0]
    assert "49,000 sq km" in error.message


# -- the check expression: data, never code -----------------------------------------------------------------
UNSAFE = [
    "__import__('os').system('x')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "9**9**9**9",
    "open('f')",
    "part.value <= whole",
    "exec('import os')",
    "eval('1')",
    "[x for x in (1, 2)]",
    "part <= whole; import os",
    "part <= whole if True else 0",
]


@pytest.fixture
def nothing_runs(monkeypatch):
    """Fail the test if a rule's text ever reaches os.system, eval, exec or open('f')."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"rule text was executed: {args!r}")

    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if file in ("f", b"f"):
            refuse(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "open", guarded_open)


@pytest.mark.parametrize("source", UNSAFE)
def test_unsafe_check_is_rejected_at_load(tmp_path, nothing_runs, source):
    quoted = '"' + source.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = GOOD.replace("    check: part <= whole", f"    check: {quoted}")
    other = GOOD.replace("fixture.part-whole", "fixture.other").replace("rules:\n", "")
    text += other
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    line, col = position_of(text, "check: " + quoted)
    assert error.path == path and error.line == line
    value_col = col + len("check: ")
    assert value_col <= error.column <= value_col + len(quoted), str(error)
    assert ERROR_LINE.match(str(error))
    assert [r.id for r in ruleset.rules] == ["fixture.other"]  # the bad rule is not loaded, the next one is


def test_huge_exponent_is_rejected_quickly(tmp_path):
    text = GOOD.replace("    check: part <= whole", "    check: part <= whole * 9**9**9**9")
    started = time.perf_counter()
    _, ruleset = load_one(tmp_path, text)
    assert time.perf_counter() - started < 2
    assert only_error(ruleset).line == position_of(text, "9**9")[0]
    assert ruleset.rules == []


@pytest.mark.parametrize(("check", "offending"), [
    ("part <= whole ** 9", "9"),
    ("part.value <= whole", "part.value"),
    ("part <= open(whole)", "open(whole)"),
])
def test_plain_check_error_column_points_at_the_offending_part(tmp_path, check, offending):
    text = GOOD.replace("    check: part <= whole", f"    check: {check}")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    lines = text.splitlines()
    assert lines[error.line - 1][error.column - 1 :].startswith(offending), str(error)


@pytest.mark.parametrize(("check", "offending"), [
    ('"part <= whole ** 9"', "9"),
    ("'part.value <= whole'", "part.value"),
])
def test_quoted_check_error_column_points_at_the_offending_part(tmp_path, check, offending):
    text = GOOD.replace("    check: part <= whole", f"    check: {check}")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    lines = text.splitlines()
    assert lines[error.line - 1][error.column - 1 :].startswith(offending), str(error)


def test_block_check_error_points_into_the_file(tmp_path):
    text = GOOD.replace("    check: part <= whole", "    check: >\n      part <=\n      whole.x")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    line, col = position_of(text, "whole.x")
    assert error.line == line and col <= error.column <= col + len("whole.x"), str(error)


def test_non_comparison_check_is_rejected(tmp_path):
    text = GOOD.replace("    check: part <= whole", "    check: part + whole")
    path, ruleset = load_one(tmp_path, text)
    assert only_error(ruleset).line == position_of(text, "check:")[0]
    assert ruleset.rules == []


def test_a_first_role_with_many_is_rejected_at_its_value(tmp_path):
    # the first role is the anchor every binding starts from: one quantity, never a list
    text = GOOD.replace("        dimension: area\n        words_before: [hold, holds]",
                        "        dimension: area\n        many: true\n        words_before: [hold, holds]")
    text = text.replace("check: part <= whole", "check: sum(part) <= whole")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    line, column = position_of(text, "many: true")
    assert_located(error, path, line, column + len("many: "))
    assert "anchor" in error.message and ruleset.rules == []


def test_unknown_name_in_check_suggests_a_role(tmp_path):
    text = GOOD.replace("    check: part <= whole", "    check: part <= hole")
    _, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.line == position_of(text, "check:")[0]
    assert "'whole'" in error.message


# -- user regular expressions ---------------------------------------------------------------------------------
def _with_regex(key: str, pattern: str) -> str:
    return GOOD.replace("        words_before: [total area]",
                        f"        words_before: [total area]\n        {key}: '{pattern}'")


CATASTROPHIC = [
    pytest.param("(a|a)+$", id="alternation"),
    pytest.param("(a+)+$", id="nested-plus"),
    pytest.param("(x+x+)+y", id="x-x-y"),
    pytest.param(r"(\w+\s?)+$", id="words"),
]


@pytest.mark.parametrize("key", ["between", "text"])
@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_regex_is_rejected_at_load(tmp_path, key, pattern):
    text = _with_regex(key, pattern)
    path, ruleset = load_one(tmp_path, text)
    assert ruleset.rules == [], f"{pattern!r} loaded"
    error = only_error(ruleset)
    assert_within(error, path, text, f"'{pattern}'")  # at the pattern itself
    assert pattern in error.message


def test_catastrophic_regex_rejection_is_quick(tmp_path):
    started = time.perf_counter()
    load_one(tmp_path, _with_regex("between", "(a|a)+$"))
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("key", ["between", "text"])
def test_invalid_regex_is_located(tmp_path, key):
    text = _with_regex(key, "(unclosed")
    path, ruleset = load_one(tmp_path, text)
    assert_within(only_error(ruleset), path, text, "'(unclosed'")
    assert ruleset.rules == []


@pytest.mark.parametrize("key", ["between", "text"])
def test_ordinary_regex_loads(tmp_path, key):
    _, ruleset = load_one(tmp_path, _with_regex(key, "^\\s*\\(\\s*$"))
    assert ruleset.errors == []
    assert len(ruleset.rules) == 1


# -- dimensions -----------------------------------------------------------------------------------------
def test_dimension_mismatch_is_rejected_at_load(tmp_path):
    text = GOOD.replace("      whole:\n        dimension: area", "      whole:\n        dimension: length")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert_located(error, path, position_of(text, "check:")[0])
    assert "area" in error.message and "length" in error.message
    assert ruleset.rules == []


def test_dimension_mismatch_in_a_sum_is_rejected(tmp_path):
    text = GOOD.replace("      whole:\n        dimension: area", "      whole:\n        dimension: mass")
    text = text.replace("    check: part <= whole", "    check: part + whole <= 10")
    _, ruleset = load_one(tmp_path, text)
    assert only_error(ruleset).line == position_of(text, "check:")[0]
    assert ruleset.rules == []


# -- duplicates and partial loading ------------------------------------------------------------------------
def test_duplicate_rule_id_across_files(tmp_path):
    first = write(tmp_path, "a.yaml", GOOD)
    second_text = "# the same rule again\n" + GOOD
    second = write(tmp_path, "b.yaml", second_text)
    ruleset = load_rules([first, second])
    error = only_error(ruleset)
    assert_located(error, second, *position_of(second_text, "fixture.part-whole"))
    assert f"{first}:2" in error.message
    assert [r.path for r in ruleset.rules] == [first]


def test_duplicate_rule_id_in_one_file(tmp_path):
    text = GOOD + GOOD.replace("rules:\n", "")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert_located(error, path, *position_of(text, "fixture.part-whole", nth=1))
    assert len(ruleset.rules) == 1


def test_duplicate_yaml_key_is_located(tmp_path):
    text = GOOD.replace("    severity: error\n", "    severity: error\n    severity: warning\n")
    path, ruleset = load_one(tmp_path, text)
    assert_located(only_error(ruleset), path, *position_of(text, "severity", nth=1))


def test_one_bad_file_among_good_ones(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "a_good.yaml").write_text(GOOD, encoding="utf-8")
    bad_text = GOOD.replace("fixture.part-whole", "fixture.bad").replace("severity: error", "severty: error")
    (rules_dir / "b_bad.yaml").write_text(bad_text, encoding="utf-8")
    (rules_dir / "c_good.yaml").write_text(GOOD.replace("fixture.part-whole", "fixture.third"), encoding="utf-8")
    (rules_dir / "d_broken.yaml").write_text("rules: [\n", encoding="utf-8")
    (rules_dir / "notes.txt").write_text("not a rule file", encoding="utf-8")
    ruleset = load_rules([str(rules_dir)])
    assert sorted(r.id for r in ruleset.rules) == ["fixture.part-whole", "fixture.third"]
    assert sorted(os.path.basename(e.path) for e in ruleset.errors) == ["b_bad.yaml", "d_broken.yaml"]
    bad = next(e for e in ruleset.errors if e.path.endswith("b_bad.yaml"))
    assert (bad.line, bad.column) == position_of(bad_text, "severty")
    assert len(ruleset.files) == 4


def test_one_bad_rule_among_good_ones_in_a_file(tmp_path):
    text = (GOOD
            + GOOD.replace("rules:\n", "").replace("fixture.part-whole", "fixture.bad")
                  .replace("check: part <= whole", "check: part <= whole.x")
            + GOOD.replace("rules:\n", "").replace("fixture.part-whole", "fixture.last"))
    path, ruleset = load_one(tmp_path, text)
    assert [r.id for r in ruleset.rules] == ["fixture.part-whole", "fixture.last"]
    error = only_error(ruleset)
    assert error.line == position_of(text, "whole.x")[0]


def test_shipped_classes_are_available_to_user_rules(tmp_path):
    from pathlib import Path

    shipped = Path(__file__).resolve().parent.parent / "rules"
    text = GOOD.replace("words_before: [hold, holds]", "words_before: [class:militants]")
    path = write(tmp_path, "mine.yaml", text)
    ruleset = load_rules([str(shipped), path])
    assert ruleset.errors == []
    assert ruleset.get("fixture.part-whole") is not None


def test_unknown_class_is_located(tmp_path):
    text = GOOD.replace("words_before: [hold, holds]", "words_before: [class:militans]")
    path, ruleset = load_one(tmp_path, text)
    error = only_error(ruleset)
    assert error.line == position_of(text, "class:militans")[0]


def test_a_word_spelled_in_two_scripts_is_a_warning_at_its_position(tmp_path):
    """"sаid" with a Cyrillic "а", "mирный" with a Latin "m": a look-alike typed on the other keyboard
    never matches a word of a text, so the author is told where it is; the rule still loads."""
    text = GOOD.replace("words_before: [hold, holds]", "words_before: [hold, hоlds]") + textwrap.dedent("""\
        classes:
          civilians: [civilian, mирный, житель]
        """)
    path, ruleset = load_one(tmp_path, text)
    assert not ruleset.errors and [r.id for r in ruleset.rules] == ["fixture.part-whole"]
    found = sorted((w.line, w.column, w.message) for w in ruleset.warnings)
    assert found == [
        (11, 30, "'hоlds' mixes Latin and Cyrillic letters ('о' is Cyrillic): no word of a text is spelled so"),
        (18, 25, "'mирный' mixes Latin and Cyrillic letters ('m' is Latin): no word of a text is spelled so"),
    ]
    assert all(w.path == path for w in ruleset.warnings)


def test_no_shipped_word_is_spelled_in_two_scripts():
    ruleset = load_rules([shipped_rules_dir()])
    assert [str(w) for w in ruleset.warnings if "Latin and Cyrillic" in w.message] == []


_DEFERRING = """\
rules:
  - id: fixture.first
    roles:
      part: {kind: count}
      whole: {kind: count, position: after, words_before: [of]}
    check: part <= whole
    message: "{part} of {whole}"
  - id: fixture.second
    defers_to: DEFERS
    roles:
      part: {kind: count}
      whole: {kind: count, position: after}
    check: part <= whole
    message: "{part} over {whole}"
"""


def test_defers_to_leaves_out_a_finding_on_a_claim_another_rule_reports(tmp_path):
    from auditor.document import Document
    from auditor.engine import Engine

    text = "Police said 900 of 800 detainees were released."
    _, alone = load_one(tmp_path, _DEFERRING.replace("DEFERS", "[]"))
    _, deferring = load_one(tmp_path, _DEFERRING.replace("DEFERS", "[fixture.first]"), "deferring.yaml")
    assert deferring.errors == [] and deferring.warnings == []
    assert deferring.get("fixture.second").defers_to == ("fixture.first",)
    assert sorted(f.rule for f in Engine(alone).check(Document("a.txt", text)).findings) == \
        ["fixture.first", "fixture.second"]
    assert [f.rule for f in Engine(deferring).check(Document("a.txt", text)).findings] == ["fixture.first"]
    # a rule run alone (its examples) still finds what it finds
    rule = deferring.get("fixture.second")
    assert [f.rule for f in Engine(deferring).check(Document("a.txt", text), [rule]).findings] == ["fixture.second"]


def test_defers_to_an_unknown_rule_is_a_warning_and_a_non_list_an_error(tmp_path):
    path, ruleset = load_one(tmp_path, _DEFERRING.replace("DEFERS", "[fixture.thrid]"))
    assert ruleset.errors == []
    [warning] = ruleset.warnings
    assert (warning.line, warning.message) == (9, "defers to rule 'fixture.thrid', which is not loaded")
    path, ruleset = load_one(tmp_path, _DEFERRING.replace("DEFERS", "5"), "bad.yaml")
    error = only_error(ruleset)
    assert_located(error, path, 9)


def test_a_rule_that_defers_to_itself_or_back_through_another_is_refused(tmp_path):
    path, ruleset = load_one(tmp_path, _DEFERRING.replace("DEFERS", "[fixture.second]"))
    error = only_error(ruleset)
    assert_located(error, path, 9)
    assert "defers to itself" in error.message and ruleset.get("fixture.second") is None
    both = _DEFERRING.replace("DEFERS", "[fixture.first]").replace(
        "  - id: fixture.first\n", "  - id: fixture.first\n    defers_to: [fixture.second]\n")
    path, ruleset = load_one(tmp_path, both, "both.yaml")
    assert sorted(e.message.split("'")[1] for e in ruleset.errors) == ["fixture.first", "fixture.second"]
    assert all("defers back to it" in e.message for e in ruleset.errors) and ruleset.rules == []


def test_a_shipped_pattern_that_only_the_regex_module_reads_is_compiled_with_it(tmp_path, monkeypatch):
    from auditor.rules import vocabulary

    monkeypatch.setattr(vocabulary, "is_shipped", lambda path: True)
    _, ruleset = load_one(tmp_path, _with_regex("between", r"^\s*\p{Zs}*\(\s*$"))
    assert ruleset.errors == []
    [pattern] = [r.between for r in ruleset.rules[0].roles if r.between is not None]
    assert not pattern.trusted and pattern.search("  (") is not None
    _, ruleset = load_one(tmp_path, _with_regex("between", r"^\s*\(\s*$"), "plain.yaml")
    [pattern] = [r.between for r in ruleset.rules[0].roles if r.between is not None]
    assert pattern.trusted and pattern.search("  (") is not None


def test_alternatives_belong_to_the_last_role(tmp_path):
    path, ruleset = load_one(tmp_path, """\
        rules:
          - id: fixture.alternatives
            roles:
              part:
                kind: count
              whole:
                kind: count
                alternatives: 3
              other:
                kind: count
            check: part <= whole + other
            message: m
        """)
    error = only_error(ruleset)
    assert_located(error, path, 8, 23)
    assert "'alternatives' is for the last role" in str(error)
