"""Amounts read the same everywhere: one formatter for messages, derivations and `extract`'s table."""

from __future__ import annotations

import json

import pytest

from auditor.amounts import format_amount, format_unit
from cli_runner import run


@pytest.mark.parametrize("value, unit, text", [
    (624e6, "USD", "$624m"),
    (1.324e9, "USD", "$1.324bn"),
    (2e9, "EUR", "€2bn"),
    (62.5, "cent", "62.5¢"),
    (5.2e9, None, "5.2 billion"),
    (6e9, None, "6 billion"),
    (1_200_000_001, None, "1,200,000,001"),
    (1400, None, "1,400"),
    (2.7, None, "2.7"),
    (52_000, "kilometer ** 2", "52,000 km²"),
    (40, "kilometer / hour", "40 km/h"),
    (240, "metric_ton", "240 t"),
    (25, "percent", "25%"),
    (3, "year", "3 years"),
    (1, "year", "1 year"),
    (1_500_000, "kilometer ** 2", "1.5 million km²"),
    (-624e6, "USD", "-$624m"),
    (300, "CHF", "300 CHF"),
])
def test_format_amount(value, unit, text):
    assert format_amount(value, unit) == text


def test_format_unit():
    assert format_unit("kilometer ** 2") == "km²"
    assert format_unit("USD") == "$"
    assert format_unit(None) == ""


TEXT = """\
The budget of $1.2 billion was split into $624 million for roads and $700 million for schools.

The country's population of 5.2 billion people includes 3.1 billion in cities and 2.9 billion in villages.

Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres.

Bread rose from 50 to 75 cents, a 25% increase.

Jordan, with an area of 300,000 square kilometres, borders Syria.
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("amounts")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    check = run("check", "a.txt", "--format", "json", cwd=folder)
    text = run("check", "a.txt", cwd=folder)
    extract = run("extract", "a.txt", cwd=folder)
    extract_json = run("extract", "a.txt", "--format", "json", cwd=folder)
    return json.loads(check.stdout), text.stdout, extract.stdout, json.loads(extract_json.stdout)


def _by_rule(report) -> dict:
    return {f["rule"]: f for d in report["documents"] for f in d["findings"]}


def test_messages_and_derivations_write_amounts_once(runs):
    findings = _by_rule(runs[0])
    money = findings["parts.sum-mismatch"]
    assert money["message"] == "the parts add up to $1.324bn, not $1.2 billion"
    assert money["derivation"].startswith("$624m + $700m = $1.324bn, but the text says $1.2bn")
    people = findings["parts.sum-exceeds-total"]
    assert "add up to 6 billion" in people["message"]
    assert people["derivation"].startswith("at least 3.1 billion + 2.9 billion = 6 billion, but the text says "
                                           "5.2 billion")
    # the claim is the percentage: the message disputes it, and the arithmetic is in cents, not dollars
    assert findings["percent.change"]["message"] == "50 → 75 cents is a 50% rise, not 25%"
    assert findings["percent.change"]["derivation"].startswith("100 × 75¢ / 50¢ − 100 = 50%, but the text says 25%")
    assert "km²" in findings["reference.area"]["message"] and "km² km²" not in findings["reference.area"]["message"]
    for f in findings.values():
        for text in (f["message"], f["derivation"]):
            assert "US_dollar" not in text and "kilometer" not in text and "%%" not in text, text


def test_extract_text_shows_amounts_and_json_keeps_pint_units(runs):
    _, _, table, data = runs
    assert "$624m" in table and "52,000 km²" in table
    assert "kilometer ** 2" not in table and "USD" not in table
    units = {q["text"]: q["unit"] for q in data["documents"][0]["quantities"]}
    assert units["52,000 square kilometres"] == "kilometer ** 2"
    assert units["$624 million"] == "USD"
