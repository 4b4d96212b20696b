"""Huge numbers and huge lines (issue 12): a number the code cannot handle costs only its own sentence or
binding, reported as skipped with the reason; a SARIF report grows with its findings, not with the
length of a line; a rule's regular expressions have a budget per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import resilient
from auditor.document import Document
from auditor.engine import Engine
from auditor.extract import extract_text
from auditor.rules import matcher as matcher_module
from auditor.rules import shipped_rules_dir
from auditor.rules.schema import load_rules
from cli_runner import run_all

PART_WHOLE = "Rebels hold 52,000 square kilometres of a province whose total area is 48,000 square kilometres."
PERCENT_OF = "Of the 800 detainees, 200, about 40%, were released."
HUGE = "The debt is " + "9" * 309 + " dollars."
GROUPS = "They counted " + " ".join(["123"] * 110) + " people."


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([shipped_rules_dir()]))


@pytest.mark.parametrize("number", [HUGE, GROUPS], ids=["309 digits", "110 groups"])
def test_a_huge_number_never_costs_the_other_findings(tmp_path, number):
    doc = tmp_path / "doc.txt"
    doc.write_text(f"{PART_WHOLE} {number} {PERCENT_OF}\n\nA second paragraph. {PART_WHOLE}\n", encoding="utf-8")
    checked, extracted, extracted_text = run_all(("check", doc, "--format", "json"),
                                                 ("extract", doc, "--format", "json"), ("extract", doc))
    assert "internal error" not in checked.stderr
    assert checked.returncode == 1, checked.stderr
    rules = [f["rule"] for f in json.loads(checked.stdout)["documents"][0]["findings"]]
    assert rules.count("area.part-exceeds-whole") == 2 and "percent.of" in rules
    assert extracted.returncode == 0 and extracted_text.returncode == 0, extracted.stderr
    data = json.loads(extracted.stdout)["documents"][0]
    text = doc.read_text(encoding="utf-8")
    assert {"52,000 square kilometres", "about 40%"} <= {q["text"] for q in data["quantities"]}
    for q in data["quantities"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_extraction_falls_back_to_sentences_and_names_what_it_skipped(poisoned_extraction, engine):
    text = f"{PART_WHOLE} The poison figure is 12. {PERCENT_OF}\n\n{PART_WHOLE}\n"
    result = engine.check(Document("doc", text))
    (skipped,) = result.skipped
    assert text[skipped.start : skipped.end] == "The poison figure is 12."
    assert "OverflowError" in skipped.reason
    assert [f.rule for f in result.findings].count("area.part-exceeds-whole") == 2
    assert "percent.of" in [f.rule for f in result.findings]
    for q in result.quantities:
        assert text[q.start : q.end] == q.text
    assert [q.text for q in result.quantities] == [q.text for q in extract_text(text.replace("poison figure "
                                                                                               "is 12", "x"))
                                                   .quantities]


def test_a_binding_whose_arithmetic_fails_is_skipped_not_the_document(monkeypatch, engine):
    real = resilient.extract_text

    def absurd(text):
        out = real(text)
        for q in out.quantities:
            if q.text.startswith("48,000"):
                q.value = q.low = q.high = 10 ** 400  # no float holds it
        return out

    monkeypatch.setattr(resilient, "extract_text", absurd)
    result = engine.check(Document("doc", f"{PART_WHOLE} {PERCENT_OF}\n"))
    assert [f.rule for f in result.findings] == ["percent.of"]
    assert result.skipped and all("could not check" in s.reason for s in result.skipped)
    assert any("area.part-exceeds-whole" in s.reason for s in result.skipped)


def test_sarif_grows_with_findings_not_with_the_line(tmp_path):
    filler = "Nothing to count here, only words and more words. " * 10_000  # ~0.5 MB on one line
    line = " ".join([PART_WHOLE] * 40) + " " + filler + " " + PART_WHOLE
    doc = tmp_path / "one-line.txt"
    doc.write_text(line + "\n", encoding="utf-8")
    assert len(line) > 500_000
    sarif, text = run_all(("check", doc, "--format", "sarif"), ("check", doc, "--format", "text"))
    data = json.loads(sarif.stdout)
    results = data["runs"][0]["results"]
    assert len(results) >= 20
    # (the run's rule catalogue is the same size whatever the text: only the results are measured)
    assert len(json.dumps(results)) < 5_000 * len(results), len(json.dumps(results))
    assert len(text.stdout) < 2_000 * len(results)
    location = results[0]["locations"][0]["physicalLocation"]
    region, context = location["region"], location["contextRegion"]
    assert region["snippet"]["text"] == line[region["charOffset"] : region["charOffset"] + region["charLength"]]
    assert context["snippet"]["text"] == line[context["charOffset"] : context["charOffset"] + context["charLength"]]
    assert context["charOffset"] <= region["charOffset"]
    assert context["charOffset"] + context["charLength"] >= region["charOffset"] + region["charLength"]


def test_a_rules_regex_budget_per_document_disables_it_with_a_message(monkeypatch, engine, tmp_path):
    # the shipped units rules copied into a folder of the user's: a rule author's patterns, with their budget
    own = tmp_path / "units.yaml"
    own.write_bytes((Path(shipped_rules_dir()) / "units.yaml").read_bytes())
    monkeypatch.setattr(matcher_module, "REGEX_BUDGET", 0.0)
    doc = Document("budget.txt", f"a 15-mile (15 km) stretch of road. {PART_WHOLE}\n")
    fresh = Engine(load_rules([str(own), str(Path(shipped_rules_dir()) / "part_whole.yaml")]))
    result = fresh.check(doc)
    assert any("budget" in m and "units." in m for m in fresh.runtime_errors), fresh.runtime_errors
    assert "area.part-exceeds-whole" in [f.rule for f in result.findings]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_extract_reports_a_value_beyond_any_float_as_skipped(monkeypatch, fmt, capsys):
    from auditor import cli

    real = resilient.extract_text

    def absurd(text):
        out = real(text)
        out.quantities[0].value = out.quantities[0].low = out.quantities[0].high = 10 ** 5000
        return out

    monkeypatch.setattr(resilient, "extract_text", absurd)
    path = Path(__file__).resolve().parent.parent / "seeds" / "000_cc9fbfecd2e9dec7.txt"
    assert cli.main(["extract", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        doc = json.loads(out)["documents"][0]
        assert doc["skipped"] and "cannot be shown" in doc["skipped"][0]["reason"]
        assert len(doc["quantities"]) == len(real(path.read_text(encoding="utf-8-sig")).quantities) - 1
    else:
        assert "skipped" in out and "cannot be shown" in out
