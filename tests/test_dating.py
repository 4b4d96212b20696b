"""The document's date: where it comes from, what it spans, and how the CLI takes and reports it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from auditor.dating import DocumentDate, date_in_name, document_date, latest_date_in, normalise_date
from auditor.document import Document
from cli_runner import run


def test_sources_in_order():
    doc = Document("a.txt", "LONDON, Jan 14, 2005 (Reuters) - Profits rose. Results of 3 March 2004 ...")
    assert document_date(doc, "2003-02").to_json() == {"value": "2003-02", "source": "option"}
    assert document_date(doc).to_json() == {"value": "2005-01-14", "source": "dateline"}
    doc.published = "2001-5-6"  # what an input format with metadata exposes
    assert document_date(doc).to_json() == {"value": "2001-05-06", "source": "metadata"}
    text = Document("b.txt", "Results for the three months to 31 December 2004 and a plan for March 2003.")
    assert document_date(text).to_json() == {"value": "2004-12-31", "source": "text"}
    assert document_date(Document("c.txt", "No dates here, only 2004 as a year.")).source == "unknown"


def test_a_date_in_the_file_name_comes_after_the_dateline_and_before_the_text():
    doc = Document("archive/lenta_0144_20020828.txt", "Profits rose, the firm said on 3 March 2001.")
    assert document_date(doc).to_json() == {"value": "2002-08-28", "source": "filename"}
    assert document_date(doc, "2003").source == "option"
    doc.published = "2001-05-06"
    assert document_date(doc).to_json() == {"value": "2001-05-06", "source": "metadata"}
    # a saved copy's name carries the day it was saved; the dateline says when it was written
    saved = Document("saved_20240105.txt", "LONDON, Jan 14, 2005 (Reuters) - Shares rose.")
    assert document_date(saved).to_json() == {"value": "2005-01-14", "source": "dateline"}


def test_a_rule_example_is_not_dated_by_its_rule_file_name(tmp_path):
    from auditor.engine import Engine
    from auditor.rules.examples import run_example
    from auditor.rules.schema import load_rules

    rules = tmp_path / "fx_20240105.yaml"  # in 2024 a pound bought about $1.27, in 2005 about $1.88
    rules.write_text("""rules:
  - id: fx.dated
    title: a conversion at the market rate
    severity: error
    claim: converted
    roles:
      original: {kind: money, dimension: money}
      converted: {kind: money, dimension: money, position: after, between: '^\\s*\\(\\s*$'}
      rate: {reference: exchange_rate, rate_between: [original, converted]}
    check: converted == original * rate
    message: "{original} is not {converted}"
    examples:
      fail:
        - text: "LONDON, Jan 14, 2005 (Reuters) - The deal is worth $1.13bn (£900m)."
          spans: ["£900m", "$1.13bn"]
      pass:
        - "LONDON, Jan 14, 2005 (Reuters) - The deal is worth $1.13bn (£600m)."
        - "The deal is worth $1.13bn (£600m), the firm said."
""", encoding="utf-8")
    ruleset = load_rules([str(rules)])
    assert not ruleset.errors, ruleset.errors
    rule = next(r for r in ruleset.rules if r.id == "fx.dated")
    engine = Engine(ruleset)
    for example in rule.pass_examples:
        assert run_example(engine, rule, example) == [], example.text
    assert [f.rule for f in run_example(engine, rule, rule.fail_examples[0])] == ["fx.dated"]


@pytest.mark.parametrize("path, expected", [
    ("ru/lenta_0144_20020828.txt", "2002-08-28"),
    ("posts/2019-03-12-budget.md", "2019-03-12"),
    ("IMG_20190312_123456.txt", "2019-03-12"),
    (r"C:\news\2005_01_14.txt", "2005-01-14"),
    ("статья_20190312.txt", "2019-03-12"),
    ("2005.01.14/report.txt", None),  # a folder's name is not the file's
    ("a_20191332.txt", None),  # no 13th month
    ("20190230_20190301.txt", None),  # an impossible date: these digits are something else
    ("id_123201903120.txt", None),  # digits of a longer number
    ("3fa8b20150612cde91.txt", None),  # a hash
    ("report20190312.txt", None),
    ("2019-03-12_to_2019-03-14.txt", None),  # two dates: which one?
    ("2019-0312.txt", None),  # separators must agree
    ("https://example.com/story?d=20190312", None),  # a URL's query is not its name
    ("-", None),
])
def test_date_in_name(path, expected):
    assert date_in_name(path) == expected


@pytest.mark.parametrize("text, expected", [
    ("signed on January 5, 2005, and", "2005-01-05"),
    ("вступит в силу 14 января 2007 года", "2007-01-14"),
    ("в марте 2008 года", "2008-03"),
    ("from 3.12.2004 to 2004-11-30", "2004-12-03"),
    ("the 25 February\n\n2000 line break is no date", None),
    ("31 February 2005: the impossible day is dropped", "2005-02"),
])
def test_full_dates_in_text(text, expected):
    assert latest_date_in(text) == expected


def test_spans_of_days_months_years_and_ranges():
    assert DocumentDate("2005-01-14", "option").span() == (date(2005, 1, 14), date(2005, 1, 14))
    assert DocumentDate("2004-02", "option").span() == (date(2004, 2, 1), date(2004, 2, 29))
    assert DocumentDate("2004..2005", "option").span() == (date(2004, 1, 1), date(2005, 12, 31))
    assert DocumentDate(None, "unknown").span() is None
    assert normalise_date("2005-1-4") == "2005-01-04"
    for bad in ("2005-13", "05", "2005..2004", "2005-02-30"):
        with pytest.raises(ValueError):
            normalise_date(bad)


def test_cli_takes_and_reports_the_date(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The studio earned $10m (£5.3m) from the film.", encoding="utf-8")
    out = run("check", doc, "--format", "json", "--date", "2005-01-14")
    assert out.returncode == 0
    assert json.loads(out.stdout)["documents"][0]["date"] == {"value": "2005-01-14", "source": "option"}
    out = run("check", doc, "--format", "json")
    assert json.loads(out.stdout)["documents"][0]["date"] == {"value": None, "source": "unknown"}
    bad = run("check", doc, "--date", "yesterday")
    assert bad.returncode == 2 and "--date" in bad.stderr


def test_the_date_is_worked_out_only_when_a_report_or_a_rule_asks():
    """A report that shows no date (text, SARIF, GitHub) leaves it unknown where no rule needed it; a
    conversion between currencies needs it, and JSON shows it for every document."""
    from auditor.engine import Engine
    from auditor.rules import shipped_rules_dir
    from auditor.rules.schema import load_rules

    engine = Engine(load_rules([shipped_rules_dir()]))
    engine.dated_results = False
    plain = Document("a.txt", "Of the 800 detainees, 900 were released on 5 March 2005.")
    assert engine.check(plain).date is None
    converted = engine.check(Document("b.txt", "On 14 January 2005 the firm said it earned $10m (£19.2m)."))
    assert converted.date == DocumentDate("2005-01-14", "text")
    assert [f.rule for f in converted.findings] == ["money.conversion"]
    engine.dated_results = True
    assert engine.check(plain).date == DocumentDate("2005-03-05", "text")


def test_a_text_report_of_a_document_with_no_conversion_never_imports_the_dating(tmp_path):
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("Of the 800 detainees, 900 were released on 5 March 2005.\n", encoding="utf-8")
    imported = {}
    for fmt in ("text", "json"):
        run_ = subprocess.run([sys.executable, "-X", "importtime", "-m", "auditor", "check", str(doc),
                               "--format", fmt], capture_output=True, text=True, cwd=tmp_path, check=False)
        assert run_.returncode == 1 and "count.part-exceeds-whole" in run_.stdout
        imported[fmt] = "auditor.dating" in run_.stderr
    assert imported == {"text": False, "json": True}
