"""The terminal UI, driven with Textual's Pilot: spans, triage, the review file, several documents, re-runs,
filters, search and the help screen. Tests compare rule ids and spans, never message text."""

from __future__ import annotations

import json
import os

import pytest
from test_tui_support import ROOT, SEED_000, SEED_003, SIZE, copy_seed, make_app, run, settle
from textual.widgets import Input, OptionList

from auditor.tui.document_view import DocumentView
from auditor.tui.modals import HelpScreen, ReasonScreen, RuleFilterScreen


@pytest.fixture(autouse=True)
def _project_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths, as a user at /work/main would type them


def ratio_rows(app, path=SEED_000):
    return [r for r in app.table.rows_shown
            if r.finding.rule == "ratio.implied-count" and app.audit.entries[r.doc].path.endswith(
                os.path.basename(path))]


def assert_span_drawn(view: DocumentView, start: int, end: int, kind: str) -> None:
    """The rendered row holding `start` has a piece of the span's text in the role's background."""
    row = view.row_of(start)
    text = view.document.text
    role_bg = view.role_style(kind).bgcolor
    pieces = [(t, s) for t, s in view.styled_ranges(row) if t.strip() and t.strip() in text[start:end]]
    assert pieces, f"span {text[start:end]!r} not drawn on row {row}"
    assert any(s.bgcolor == role_bg for _, s in pieces), (kind, pieces)


@run
async def test_ratio_finding_spans_highlighted_and_tab_scrolls_to_each(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = ratio_rows(app)[0]
        app.table.select_key(row.key)
        await pilot.pause()
        assert app.selected.key == row.key
        view = app.view
        spans = row.finding.spans
        assert len(spans) == 3
        assert [h.role for h in view.highlights] == [s.role for s in spans]
        assert [(h.start, h.end) for h in view.highlights] == [(s.start, s.end) for s in spans]
        kinds = [h.kind for h in view.highlights]
        assert kinds[0] == "claim" and len(set(kinds)) == 3  # a distinct style per role
        for h in view.highlights:
            assert_span_drawn(view, h.start, h.end, h.kind)
        assert view.is_offset_visible(spans[0].start)  # scrolled to the claim
        # every quantity is highlighted faintly
        quantities = app.audit.entries[row.doc].result.quantities
        assert len(view._q_starts) == len(quantities) > 10

        for step in (1, 2, 0):
            view.scroll_end(animate=False, immediate=True)  # far away from every span
            await pilot.pause()
            assert not view.is_offset_visible(spans[step].start)
            await pilot.press("tab")
            await pilot.pause()
            assert view.current == step
            line = view.row_of(spans[step].start)
            assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        await pilot.press("shift+tab")
        await pilot.pause()
        assert view.current == 2


@run
async def test_dismiss_survives_restart_and_edits_elsewhere(tmp_path):
    review = tmp_path / "review.json"
    doc = copy_seed(SEED_000, tmp_path)
    app = make_app([doc], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = ratio_rows(app, doc)[1]  # the second of three identical paragraphs' findings
        app.table.select_key(target.key)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"dup")
        await pilot.press("enter")
        await pilot.pause()
        assert app.verdict_name(target) == "dismissed"
        assert app.table.get_row(target.key)[0].plain == "✗"
        assert app.selected.key != target.key  # moved on to the next unreviewed finding
        app.table.select_key(target.key)
        await pilot.pause()
        assert "dismissed: dup" in app.detail.plain_text()
        await pilot.press("q")
    assert app.return_code == 0
    saved = json.loads(review.read_text())
    [entry] = saved["verdicts"]
    assert entry["verdict"] == "dismissed" and entry["reason"] == "dup"
    assert entry["fingerprint"] == target.finding.fingerprint

    def verdicts(app):
        return [(r.finding.spans[0].text, app.verdict_name(r)) for r in ratio_rows(app, doc)]

    app = make_app([doc], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [v for _, v in verdicts(app)] == [None, "dismissed", None]

    # another paragraph edited, a new one inserted at the top: every offset moves
    text = doc.read_text(encoding="utf-8")
    first_para_end = text.index("\n\n")
    text = ("Editor's note: this copy was updated on Tuesday with 3 corrections.\n\n"
            + text[:first_para_end].replace("Military pensioners", "Retired officers")
            + text[first_para_end:])
    doc.write_text(text, encoding="utf-8")
    app = make_app([doc], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = ratio_rows(app, doc)
        assert rows[1].finding.spans[0].start != target.finding.spans[0].start
        assert [v for _, v in verdicts(app)] == [None, "dismissed", None]
        # u clears it, c confirms it
        app.table.select_key(rows[1].key)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.verdict_name(rows[1]) == "confirmed"
        app.table.select_key(rows[1].key)  # c moved on to the next unreviewed finding
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert app.verdict_name(rows[1]) is None
    assert json.loads(review.read_text())["verdicts"] == []


@run
async def test_escape_cancels_a_dismissal(tmp_path):
    review = tmp_path / "review.json"
    app = make_app([SEED_003], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReasonScreen)
        assert app.verdict_name(app.selected) is None
    assert not review.exists()


@run
async def test_corrupt_review_file_is_set_aside_and_reported(tmp_path):
    review = tmp_path / "review.json"
    review.write_text("{ not json", encoding="utf-8")
    app = make_app([SEED_003], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        aside = list(tmp_path.glob("review.json.corrupt-*"))
        assert len(aside) == 1 and aside[0].read_text() == "{ not json"
        assert any("renamed" in m and aside[0].name in m for m in app.messages)
        assert not review.exists()
        await pilot.press("c")
        await pilot.pause()
    assert json.loads(review.read_text())["verdicts"][0]["verdict"] == "confirmed"
    assert aside[0].read_text() == "{ not json"  # never overwritten


@run
async def test_unreadable_file_among_several_shows_its_error(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    copy_seed(SEED_003, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    app = make_app([folder, tmp_path / "missing.txt"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = app.audit.entries
        assert [os.path.basename(e.path) for e in entries] == ["003_447e080bb3bd39d4.txt", "broken.txt",
                                                               "missing.txt"]
        assert entries[0].document is not None and entries[0].findings
        assert "binary" in app.files.prompt_text(1)
        assert "no such file" in app.files.prompt_text(2)
        assert app.files.prompt_text(0).split()[0] == str(len(entries[0].findings))
        assert app.selected is not None and app.selected.doc == 0
        # selecting the broken one shows its error in the detail panel
        app.files.focus()
        app.files.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert app.filters.doc == 1 and not app.table.rows_shown
        assert "binary" in app.detail.plain_text()


@run
async def test_rerun_keeps_the_selection_after_an_edit(tmp_path):
    doc = copy_seed(SEED_000, tmp_path)
    app = make_app([doc, SEED_003], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")  # third row: the third ratio finding of the copy
        await pilot.pause()
        before = app.selected
        assert before.finding.rule == "ratio.implied-count"
        doc.write_text("A new first paragraph about 12 ministers.\n\n" + doc.read_text(encoding="utf-8"),
                       encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert app.audit_runs == 2
        after = app.selected
        assert after.finding.fingerprint == before.finding.fingerprint
        assert after.finding.spans[0].start == before.finding.spans[0].start + len(
            "A new first paragraph about 12 ministers.\n\n")
        assert app.table.cursor_row == 2
        assert app.view.is_offset_visible(after.finding.spans[0].start)
        assert app.view.document.text.startswith("A new first paragraph")


@run
async def test_watch_reruns_when_a_rule_file_changes(tmp_path):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    app = make_app([SEED_000], tmp_path / "review.json", rules=rules, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {r.finding.severity for r in app.table.rows_shown} == {"error"}
        ratio = rules / "ratio.yaml"
        text = ratio.read_text(encoding="utf-8")
        ratio.write_text(text.replace("severity: error", "severity: warning", 1), encoding="utf-8")
        for _ in range(60):  # the 1 s timer notices the change
            await pilot.pause(0.1)
            if app.audit_runs >= 2 and not app.auditing:
                break
        await settle(pilot)
        assert app.audit_runs >= 2
        assert {r.finding.severity for r in app.table.rows_shown} == {"warning"}
        assert app.poll_changes() is False  # nothing changed since


@run
async def test_filters_reduce_the_table(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        total = len(table.rows_shown)
        assert total == sum(len(e.findings) for e in app.audit.entries) >= 2
        # severity: all → error → warning → info → all
        await pilot.press("s")
        assert app.filters.severity == "error"
        assert len(table.rows_shown) == sum(1 for e in app.audit.entries for f in e.findings
                                            if f.severity == "error")
        await pilot.press("s")
        assert all(r.finding.severity == "warning" for r in table.rows_shown)
        await pilot.press("s", "s")
        assert app.filters.severity is None and len(table.rows_shown) == total
        # verdict: confirm one, then show the unreviewed, then the confirmed
        await pilot.press("c")
        await pilot.press("v")
        assert app.filters.verdict == "unreviewed" and len(table.rows_shown) == total - 1
        await pilot.press("v")
        assert app.filters.verdict == "confirmed" and len(table.rows_shown) == 1
        await pilot.press("a")
        assert len(table.rows_shown) == total
        # rule: the picker
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, RuleFilterScreen)
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("area.part-exceeds-whole")
        await pilot.press("enter")
        await pilot.pause()
        assert app.filters.rule == "area.part-exceeds-whole"
        assert [r.finding.rule for r in table.rows_shown] == ["area.part-exceeds-whole"]
        assert app.selected.finding.rule == "area.part-exceeds-whole"
        assert {s.role for s in app.selected.finding.spans} == {"part", "whole"}
        # the file list filters by document
        await pilot.press("a")
        app.files.focus()
        app.files.highlighted = 1  # seeds/000_…
        await pilot.press("enter")
        await pilot.pause()
        assert {r.doc for r in table.rows_shown} == {0}
        assert table.border_title.startswith(f"Findings {len(table.rows_shown)} of {total}")


@run
async def test_next_and_previous_finding_wrap_round(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.table.rows_shown
        assert app.selected.key == rows[0].key
        await pilot.press("n")
        assert app.selected.key == rows[1].key
        await pilot.press("N", "N")
        assert app.selected.key == rows[-1].key
        assert app.view.document is app.audit.entries[rows[-1].doc].document
        assert app.view.is_offset_visible(rows[-1].finding.spans[0].start)


@run
async def test_search_highlights_matches_and_moves_between_them(tmp_path):
    app = make_app([SEED_000], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d", "slash")  # in the document view, / searches the text
        await pilot.pause()
        search = app.query_one("#search", Input)
        assert search.has_focus
        await pilot.press(*"mosul")
        await pilot.pause()
        view = app.view
        text = view.document.text
        assert len(view.search_matches) == text.lower().count("mosul") > 3
        first = view.search_index
        await pilot.press("enter")
        await pilot.pause()
        assert view.search_index == (first + 1) % len(view.search_matches)
        start, end = view.search_matches[view.search_index]
        assert view.is_offset_visible(start)
        search_bg = view.get_component_rich_style("document-view--search").bgcolor
        assert any(s.bgcolor == search_bg for t, s in view.styled_ranges(view.row_of(start))
                   if t.lower() == "mosul")
        await pilot.press("escape")
        await pilot.pause()
        assert not view.search_matches and not search.has_focus
        # escape also closes it when the focus went elsewhere
        await pilot.press("d", "slash", *"isis")
        view.focus()
        await pilot.pause()
        assert view.search_matches
        await pilot.press("escape")
        await pilot.pause()
        assert not view.search_matches and not search.has_class("open")


@run
async def test_help_and_command_palette(tmp_path):
    app = make_app([SEED_003], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Confirm the finding", "Dismiss the finding (asks for a reason)", "Re-run the audit",
                       "Filter by severity (cycles)", "Filter by rule: ratio.implied-count", "Quit"):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.is_modal
        await pilot.press(*"confirm the")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.verdict_name(app.selected) == "confirmed"


@run
async def test_small_terminal_keeps_every_pane(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for pane in ("#files", "#findings", "#document", "#detail"):
            region = app.query_one(pane).region
            assert region.width > 10 and region.height >= 4, (pane, region)
        assert app.table.scrollable_content_region.height >= 6  # header and at least 5 rows
        assert app.view.is_offset_visible(app.selected.finding.spans[0].start)


@run
async def test_detail_panel_names_the_reference_source(tmp_path):
    doc = tmp_path / "jordan.txt"
    doc.write_text("Refugees keep arriving.\n\nJordan, with an area of 300,000 square kilometres, borders Iraq.\n",
                   encoding="utf-8")
    app = make_app([doc], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        f = app.selected.finding
        assert f.rule == "reference.area" and f.reference
        text = app.detail.plain_text(110)
        assert "Reference" in text and f.reference.split(":")[0] in text
        for span in f.spans:
            assert span.role in text and span.text in text
        assert "line 3" in text
