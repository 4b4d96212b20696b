"""The terminal UI's parts that need no terminal: wrapping, role styles, filters, the review store, the
watch list, and the documentation of the keys."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from test_tui_support import ROOT

from auditor.document import Document
from auditor.findings import Finding, SpanRef
from auditor.tui.document_view import role_kinds
from auditor.tui.keys import KEYS, OTHER_KEYS
from auditor.tui.model import (SEVERITY_FILTERS, VERDICT_FILTERS, Filters, Row, cycle, filter_rows,
                               verdict_matches, watched_files)
from auditor.tui.review_store import ReviewStore
from auditor.tui.wrap import display_text, wrap_document


def rows_of(text: str, width: int):
    doc = Document("x", text)
    w = wrap_document(text, doc.line_starts, width)
    return w, [text[s:e] for s, e in zip(w.starts, w.ends)]


@pytest.mark.parametrize("width", [1, 5, 12, 40, 200])
def test_wrapped_rows_cover_every_line_exactly(width):
    text = ("The coalition lost at least 1,500 soldiers, a figure nobody checked.\r\n\r\n"
            "x" * 100 + " short\nСвобождённая площадь — 503 тысячи 223 кв. км\n\n"
            "終わり 2,800 人\n")
    doc = Document("x", text)
    w, rows = rows_of(text, width)
    for line in range(len(doc.line_starts)):
        span = doc.line_span(line + 1)
        pieces = [r for r, ln in zip(rows, w.lines) if ln == line]
        assert "".join(pieces) == text[span.start : span.end]
        assert [f for f, ln in zip(w.first, w.lines) if ln == line][0] is True
    for row in rows:
        # a row fits, except for the one space it was broken at (cropped from view)
        assert cell_len(row.rstrip(" ")) <= max(width, 2)
    assert w.starts == sorted(w.starts)


def test_wrap_breaks_at_spaces_and_maps_offsets_to_rows():
    text = "one two three four five six"
    w, rows = rows_of(text, 10)
    assert rows == ["one two ", "three four ", "five six"]  # "three four" fills the row exactly
    assert w.row_of(text.index("four")) == 1
    assert w.row_of(len(text)) == 2
    w, rows = rows_of("abcdefghijklmnop", 5)
    assert rows == ["abcde", "fghij", "klmno", "p"]


def test_wide_characters_take_two_cells():
    w, rows = rows_of("漢字漢字漢字 漢字", 4)
    assert all(cell_len(r.rstrip()) <= 4 for r in rows)
    assert "".join(rows) == "漢字漢字漢字 漢字"


def test_control_characters_keep_their_offsets():
    shown = display_text("a\tb\x00c")
    assert len(shown) == 5 and shown[1] == " " and shown.isprintable()


def test_role_kinds_claim_first_one_style_per_role():
    spans = [SpanRef(0, 1, "a", "total"), SpanRef(2, 3, "b", "parts"), SpanRef(4, 5, "c", "parts"),
             SpanRef(6, 7, "d", "other")]
    assert role_kinds(spans) == ["claim", "role-1", "role-1", "role-2"]
    many = [SpanRef(i, i + 1, "x", f"r{i}") for i in range(7)]
    kinds = role_kinds(many)
    assert kinds[0] == "claim" and "claim" not in kinds[1:] and kinds[5] == "role-1"


def finding(rule, severity, fp):
    return Finding(rule, severity, "m", [SpanRef(0, 1, "1", "claimed")], "", fingerprint=fp)


def test_filters_and_cycles():
    rows = [Row(0, finding("a", "error", "1")), Row(0, finding("b", "warning", "2")),
            Row(1, finding("a", "info", "3"))]
    verdicts = {"1": "dismissed", "3": "confirmed"}

    def verdict_of(r):
        return verdicts.get(r.finding.fingerprint)

    assert filter_rows(rows, Filters(), verdict_of) == rows
    assert [r.finding.fingerprint for r in filter_rows(rows, Filters(severity="error"), verdict_of)] == ["1"]
    assert [r.finding.fingerprint for r in filter_rows(rows, Filters(rule="a", doc=1), verdict_of)] == ["3"]
    unreviewed = filter_rows(rows, Filters(verdict="unreviewed"), verdict_of)
    assert [r.finding.fingerprint for r in unreviewed] == ["2"]
    assert verdict_matches(None, "dismissed") and not verdict_matches("confirmed", None)
    assert [cycle(SEVERITY_FILTERS, s) for s in SEVERITY_FILTERS] == ["error", "warning", "info", None]
    assert cycle(VERDICT_FILTERS, "baseline") is None
    assert Filters(severity="error", rule="x").describe() == "error · rule x"


def test_review_store_sets_aside_a_corrupt_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    store = ReviewStore(str(path))
    message = store.load()
    assert message and "renamed" in message
    [aside] = tmp_path.glob("r.json.corrupt-*")
    assert re.fullmatch(r"r\.json\.corrupt-\d{8}T\d{6}", aside.name)
    assert store.set("doc.txt", finding("a", "error", "f1"), "dismissed", "why") is None
    assert json.loads(path.read_text())["verdicts"][0]["reason"] == "why"
    assert store.verdict("doc.txt", finding("a", "error", "f1")).verdict == "dismissed"
    assert store.verdict("./doc.txt", finding("a", "error", "f1")).verdict == "dismissed"
    # a second corrupt file the same second gets its own name
    path.write_text("[", encoding="utf-8")
    assert ReviewStore(str(path)).load()
    assert len(list(tmp_path.glob("r.json.corrupt-*"))) == 2


def test_review_store_missing_file_is_created_on_first_verdict(tmp_path):
    path = tmp_path / "new.json"
    store = ReviewStore(str(path))
    assert store.load() is None and not path.exists()
    assert store.clear("d.txt", finding("a", "error", "f")) is None
    assert json.loads(path.read_text())["verdicts"] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_review_store_unreadable_file_is_left_alone(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    store = ReviewStore(str(path))
    assert "cannot be read" in store.load()
    assert store.set("d.txt", finding("a", "error", "f"), "confirmed")
    path.chmod(0o600)
    assert path.read_text() == "{}"


def test_watched_files_notice_documents_and_rules(tmp_path):
    docs, rules = tmp_path / "docs", tmp_path / "rules"
    docs.mkdir()
    rules.mkdir()
    (docs / "a.txt").write_text("1", encoding="utf-8")
    (rules / "r.yaml").write_text("rules: []", encoding="utf-8")
    before = watched_files([str(docs)], [str(rules)])
    assert set(before) == {str(docs / "a.txt"), str(rules / "r.yaml")}
    assert watched_files([str(docs)], [str(rules)]) == before
    (rules / "r.yaml").write_text("rules: []\n", encoding="utf-8")
    assert watched_files([str(docs)], [str(rules)]) != before
    (docs / "b.md").write_text("2", encoding="utf-8")
    assert str(docs / "b.md") in watched_files([str(docs)], [str(rules)])


def test_docs_list_every_key():
    doc = (ROOT / "docs" / "tui.md").read_text(encoding="utf-8")
    for key in KEYS:
        for shown in key.shown.split():
            assert f"`{shown}`" in doc, shown
    for shown, _ in OTHER_KEYS:
        assert f"`{shown.split()[0]}`" in doc, shown
