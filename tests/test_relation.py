"""A rule's check as a relation solved for its claim (relation.py), pint's check of every operator
(dimensions.py), and the derivation a finding shows (derivation.py).

Load errors are asserted at file:line:column; solved forms by evaluating them, derivations by their text
(the derivation is what a fact-checker reads, so its wording is the product here).
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.engine import Engine
from auditor.rules.expr import FUNCTIONS, compile_expression
from auditor.rules.interval import Interval, Truth
from auditor.rules.relation import RelationError, evaluate_plan, solve_check
from auditor.rules.schema import load_rules


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    """Solve every check here afresh (the cache has its own tests)."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", "")


def solved(source: str, claim: str, names=(), lists=()):
    names = list(names) or sorted(set(re.findall(r"[a-z_]+", source)) - FUNCTIONS - {"and", "or", "not"}
                                  - set(lists))
    return solve_check(compile_expression(source, names, list_names=lists), claim)


def value(plan, **env) -> float:
    return evaluate_plan(plan, {k: Interval.point(v) if not isinstance(v, list) else [Interval.point(x) for x in v]
                                for k, v in env.items()}).midpoint


# -- solving for each role --------------------------------------------------------------------------------
@pytest.mark.parametrize(("claim", "expected"), [
    ("new", 75.0), ("old", 50.0), ("change", 50.0)])
def test_percent_change_is_solved_for_each_of_its_roles(claim, expected):
    check = solved("new == old * (1 + change / 100)", claim)
    (relation,) = check.parts
    assert relation.op == "=="
    env = {"new": 75.0, "old": 50.0, "change": 50.0}
    del env[claim]
    assert value(relation.solutions[0], **env) == pytest.approx(expected)


def test_an_inequality_turns_when_the_claim_is_on_the_other_side():
    (relation,) = solved("sum(parts) <= total", "total", names=["total"], lists=["parts"]).parts
    assert relation.op == ">="
    assert relation.solutions == (("list", "sum", "parts"),)
    (relation,) = solved("sum(others) + share <= 100", "share", names=["share"], lists=["others"]).parts
    assert relation.op == "<="
    assert value(relation.solutions[0], others=[46.0, 41.0]) == pytest.approx(13.0)


def test_alternatives_of_an_or_are_each_solved():
    check = solved("new == old * multiple or old == new * multiple", "multiple")
    assert check.logic == ("or", ("rel", 0), ("rel", 1))
    assert [value(r.solutions[0], new=360.0, old=120.0) for r in check.parts] == [3.0, pytest.approx(1 / 3)]


def test_a_ratio_read_in_both_directions_is_one_relation():
    forward = solved("claimed == base * ratio", "claimed")
    backward = solved("claimed == base * ratio", "base")
    assert value(forward.parts[0].solutions[0], base=2800.0, ratio=0.5) == 1400.0
    assert value(backward.parts[0].solutions[0], claimed=600.0, ratio=1 / 3) == pytest.approx(1800.0)


def test_the_solved_form_reads_each_role_once_so_intervals_stay_exact():
    (relation,) = solved("new == old * (1 + change / 100)", "change").parts
    plan = json.dumps(relation.solutions[0])
    assert plan.count('"new"') == 1 and plan.count('"old"') == 1
    # 74.5..75.5 over 49.5..50.5 is 47.5%..52.5%, not the wider range a form reading old twice would give
    got = evaluate_plan(relation.solutions[0], {"new": Interval(74.5, 75.5), "old": Interval(49.5, 50.5)})
    assert got.low == pytest.approx(100 * 74.5 / 50.5 - 100) and got.high == pytest.approx(100 * 75.5 / 49.5 - 100)


def test_a_check_that_does_not_name_the_claim_is_refused_with_its_position():
    with pytest.raises(RelationError) as err:
        solved("part <= whole or whole >= 10", "part")
    assert "does not appear in 'whole >= 10'" in err.value.message
    assert err.value.offset == len("part <= whole or ")


def test_a_relation_that_cannot_be_solved_or_turned_is_refused():
    with pytest.raises(RelationError, match="cannot tell which way"):
        solved("(x - y) ** 2 <= z", "x")
    with pytest.raises(RelationError, match="cannot be solved"):
        solved("min(x, y) == z", "x")


def test_the_solved_check_agrees_with_the_check_as_written():
    """Over intervals, the solved form says what the check itself says (each role read once)."""
    source = "part == whole * share / 100"
    expression = compile_expression(source, ["part", "whole", "share"])
    check = solve_check(expression, "share")
    for part, whole, share in [((190, 210), (790, 810), (24, 26)), ((190, 210), (790, 810), (39, 41)),
                               ((200, 200), (800, 800), (25, 25))]:
        env = {"part": Interval(*part), "whole": Interval(*whole), "share": Interval(*share)}
        assert check.truth(env) is expression.evaluate(env)
    assert check.truth({"part": Interval(200, 200), "whole": Interval(800, 800), "share": Interval(40, 40)}) \
        is Truth.NEVER


# -- the cache of compiled checks --------------------------------------------------------------------------
def test_a_compiled_check_is_cached_and_read_back_without_pint_or_sympy(tmp_path, monkeypatch):
    from auditor.rules import compiled
    from auditor.rules.schema import Role

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(compiled, "_shipped", lambda: {})  # the shipped rate rule's check is this very one
    expression = compile_expression("daily == total / days", ["daily", "total", "days"])
    roles = [Role("daily", kind=frozenset({"count"})), Role("total", kind=frozenset({"count"})),
             Role("days", dimension=frozenset({"duration"}))]
    first = compiled.compile_check(expression, roles, {"daily": "a day"}, ("daily",))
    assert first[0]["daily"].pint == "1 / day" and first[0]["daily"].label == "a day"
    (cached,) = (tmp_path / "relations").glob("*.json")
    with monkeypatch.context() as m:  # compiling again would fail: the result must come from the cache
        m.setattr(compiled, "solve_check", None)
        m.setattr(compiled, "check_dimensions", None)
        assert compiled.compile_check(expression, roles, {"daily": "a day"}, ("daily",)) == first
    # another unit, or another declared dimension, is another entry
    assert compiled._key(expression, roles, {"daily": "per week"}, ("daily",)) != cached.stem
    cached.write_text('{"units": {}, "solved": {"daily": {"claim": "daily", "logic": ["rel", 0], "parts": '
                      '[{"source": "x", "op": "exec", "solutions": [], "left": ["num", 1], "right": ["num", 1]}]}}}')
    assert compiled.compile_check(expression, roles, {"daily": "a day"}, ("daily",)) == first  # solved again


# -- load errors at file:line:col ---------------------------------------------------------------------------
def rule_file(tmp_path, check: str, roles: str, claim: str = "a", extra: str = "") -> str:
    text = textwrap.dedent("""\
        rules:
          - id: test.rule
            claim: {claim}
        {extra}    roles:
        {roles}
            check: {check}
            message: "{{a}} is wrong"
        """).format(claim=claim, extra=extra, check=check, roles=textwrap.indent(textwrap.dedent(roles), "      "))
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def load_error(path: str) -> str:
    ruleset = load_rules([path])
    assert not ruleset.rules and len(ruleset.errors) == 1, [str(e) for e in ruleset.errors]
    return str(ruleset.errors[0])


SPEED_ROLES = """\
a:
  dimension: speed
distance:
  dimension: length
duration:
  dimension: duration
"""


def test_compiled_checks_are_keyed_by_the_installed_sympy_and_pint():
    from importlib import metadata

    from auditor.rules import compiled

    assert compiled._versions() == [metadata.version("sympy"), metadata.version("pint")]


def test_speed_as_distance_times_duration_is_an_error_at_the_product(tmp_path):
    path = rule_file(tmp_path, "a == distance * duration", SPEED_ROLES)
    line = next(i for i, l in enumerate(open(path), 1) if "check:" in l)
    column = open(path).read().splitlines()[line - 1].index("distance") + 1
    assert load_error(path) == (f"{path}:{line}:{column}: in check: cannot compare a speed and length × time "
                                "('distance * duration' is length × time)")


def test_speed_as_distance_over_duration_loads(tmp_path):
    ruleset = load_rules([rule_file(tmp_path, "a == distance / duration", SPEED_ROLES)])
    assert not ruleset.errors and ruleset.rules[0].solved["a"].parts[0].op == "=="


def test_a_density_with_mismatched_dimensions_is_an_error(tmp_path):
    roles = "a:\n  kind: count\npopulation:\n  kind: count\narea:\n  dimension: area\n"
    path = rule_file(tmp_path, "a == population * area", roles, extra="    units: {a: per km²}\n")
    assert "cannot compare a count per area and an area ('population * area' is an area)" in load_error(path)
    # without the unit, a count compared with people per area: the message says how to name the unit
    path = rule_file(tmp_path, "a == population / area", roles)
    assert "name the unit with `units:`" in load_error(path)
    ruleset = load_rules([rule_file(tmp_path, "a == population / area", roles,
                                    extra="    units: {a: per km²}\n")])
    assert not ruleset.errors


def test_adding_an_area_to_a_length_is_an_error_at_its_column(tmp_path):
    roles = "a:\n  dimension: area\nb:\n  dimension: length\nc:\n  dimension: area\n"
    path = rule_file(tmp_path, "a == c + b", roles)
    line = next(i for i, l in enumerate(open(path), 1) if "check:" in l)
    column = open(path).read().splitlines()[line - 1].index("b") + 1
    assert load_error(path) == f"{path}:{line}:{column}: in check: cannot add an area and a length ('b' is a length)"


def test_a_claim_missing_from_the_relation_is_an_error_at_its_column(tmp_path):
    roles = "a:\n  kind: count\nb:\n  kind: count\nc:\n  kind: count\n"
    path = rule_file(tmp_path, "a <= b or c <= b", roles)
    line = next(i for i, l in enumerate(open(path), 1) if "check:" in l)
    column = open(path).read().splitlines()[line - 1].index("c <= b") + 1
    error = load_error(path)
    assert error.startswith(f"{path}:{line}:{column}: in check: the claim 'a' does not appear in 'c <= b'")


def test_an_unsolvable_relation_is_an_error_at_its_column(tmp_path):
    roles = "a:\n  kind: count\nb:\n  kind: count\nc:\n  kind: count\n"
    path = rule_file(tmp_path, "(a - b) ** 2 <= c", roles)
    line = next(i for i, l in enumerate(open(path), 1) if "check:" in l)
    column = open(path).read().splitlines()[line - 1].index("(a - b)") + 1
    assert load_error(path).startswith(f"{path}:{line}:{column}: in check: cannot tell which way")


def test_an_unknown_unit_is_an_error_at_its_value(tmp_path):
    roles = "a:\n  kind: count\nb:\n  kind: count\n"
    path = rule_file(tmp_path, "a == b", roles, extra="    units: {a: per fortnightly blob}\n")
    line = next(i for i, l in enumerate(open(path), 1) if "units:" in l)
    error = load_error(path)
    assert error.startswith(f"{path}:{line}:") and "unit of 'a'" in error


# -- derivations: the claim disputed, in the text's units ---------------------------------------------------
@pytest.fixture(scope="module")
def engine():
    import os

    os.environ.setdefault("AUDITOR_CACHE_DIR", "")
    return Engine(load_rules(["rules"]))


def finding(engine, text: str, rule_id: str):
    rule = engine.ruleset.get(rule_id)
    (found,) = engine.check(Document("t.txt", text), [rule]).findings
    return found


def test_percent_change_disputes_the_percentage(engine):
    f = finding(engine, "Bread rose from 50 to 75 cents, a 25% increase.", "percent.change")
    assert f.spans[0].text == "25%"
    assert f.message == "50 → 75 cents is a 50% rise, not 25%"
    assert f.derivation.startswith("100 × 75¢ / 50¢ − 100 = 50%, but the text says 25%")


def test_the_ratio_derivation_reads_as_the_design_notes_write_it(engine):
    f = finding(engine, "About 2,800 ISIS fighters were destroyed. The coalition's losses should be at least "
                        "1,500 military personnel (at the rate of 1 military to 2 militants).", "ratio.implied-count")
    assert f.derivation.startswith("2,800 × 1/2 = 1,400, but the text says at least 1,500")
    assert f.message == "a 1:2 ratio gives 1,400, not at least 1,500"


def test_the_second_direction_of_a_ratio_is_solved_for_the_count_stated_last(engine):
    f = finding(engine, "Analysts put losses at one dead soldier for every four wounded. With 250 soldiers "
                        "dead, the number of wounded must be at least 1,500.", "ratio.implied-count")
    assert (f.spans[0].role, f.spans[0].text) == ("base", "at least 1,500")
    assert f.derivation.startswith("250 / (1/4) = 1,000, but the text says at least 1,500")


def test_times_less_shows_every_reading_of_the_multiple(engine):
    f = finding(engine, "The freed area is 503,223 square kilometers. The area of Syria is 185,180 square "
                        "kilometers, which is 5 times less.", "multiple.times-less")
    assert f.spans[0].text == "5 times less"
    assert f.derivation.startswith("503,223 km² / 185,180 km² = 2.72, or 185,180 km² / 503,223 km² = 0.368, "
                                   "or 503,223 km² / 185,180 km² − 1 = 1.72, but the text says 5 times less")


def test_figures_that_run_against_the_claims_words_still_show_every_reading(engine):
    # both readings of "20% more" come out negative: they are shown, not dropped to an empty derivation
    f = finding(engine, "Tickets cost £40, 20% more than last season's £50.", "percent.compared-more")
    assert f.message == "£40 and £50 differ by -20% or -25%, not 20%"
    assert f.derivation.startswith("100 × £40 / £50 − 100 = -20%, or 100 − 100 × £50 / £40 = -25%, but the "
                                   "text says 20%")


def test_density_is_shown_per_km2_never_per_square_metre(engine):
    f = finding(engine, "The region's 1.4 million people live on 4,000 square kilometres, a density of 500 "
                        "people per square kilometre.", "rate.density")
    assert f.message == "1.4 million on 4,000 square kilometres is 350 per km², not 500"
    assert f.derivation.startswith("1.4 million / 4,000 km² = 350 per km², but the text says 500 per km²")
    assert "m²" not in f.derivation.replace("km²", "")


def test_a_daily_average_is_shown_a_day_never_per_second(engine):
    f = finding(engine, "За 30 дней погибли 2400 человек, в среднем 120 человек в день.", "rate.daily-average")
    assert f.derivation.startswith("2,400 / 30 days = 80 a day, but the text says 120 a day")
    assert "/s" not in f.derivation and "second" not in f.derivation


def test_a_range_of_rates_gives_a_range_in_the_claims_currency(engine):
    f = finding(engine, "The studio earned $10m (£19.2m) from the film.", "money.conversion")
    assert f.derivation.startswith("$10m × (0.475–0.944) = £4.75m–£9.44m, but the text says £19.2m"), f.derivation


def test_the_claim_of_a_rule_with_several_claims_sits_in_the_anchors_paragraph(engine):
    """The count stated last is the claim, and it must be in the ratio's paragraph (the rule's scope): a
    count of the other side in a later paragraph is another story, not the ratio's conclusion."""
    rule = engine.ruleset.get("ratio.implied-count")
    together = ("Analysts put losses at one dead soldier for every four wounded. With 250 soldiers dead, the "
                "number of wounded must be at least 1,500.")
    assert [f.spans[0].text for f in engine.check(Document("t.txt", together), [rule]).findings] == ["at least 1,500"]
    apart = ("Analysts put losses at one dead soldier for every four wounded. 250 soldiers are dead.\n\n"
             "Elsewhere, at least 1,500 wounded were counted in the city's hospitals.")
    assert engine.check(Document("t.txt", apart), [rule]).findings == []


def test_the_shipped_checks_table_is_what_the_tool_writes_today():
    import json
    import sys

    from auditor.rules import compiled

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from shipped_checks import table  # tools/shipped_checks.py

    assert table() == json.loads(compiled.SHIPPED.read_text(encoding="utf-8")), \
        "auditor/rules/shipped_checks.json is stale: run python tools/shipped_checks.py"


def test_a_first_run_solves_nothing_for_the_shipped_rules(tmp_path):
    # an empty cache folder, as on a fresh machine: the shipped checks come compiled with the package
    import subprocess
    import sys

    code = ("import sys\nfrom auditor.rules.schema import load_rules\nfrom auditor.rules import shipped_rules_dir\n"
            "ruleset = load_rules([shipped_rules_dir()])\nassert not ruleset.errors, ruleset.errors\n"
            "print(len(ruleset.rules), sorted(m for m in ('sympy', 'pint') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    count, imported = run.stdout.split(" ", 1)
    assert int(count) > 40 and imported.strip() == "[]"
