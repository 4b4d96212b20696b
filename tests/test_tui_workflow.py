"""Walking a queue of findings (issue 13): the table shows where each finding is and fits the width,
verdicts move on to the next unreviewed finding, filters keep the selection, `/` filters the table,
and unreadable inputs are said prominently."""

from __future__ import annotations

import pytest
from test_tui_support import ROOT, SEED_000, SEED_003, copy_seed, make_app, run, settle
from textual.widgets import Input

from auditor.tui.modals import ReasonScreen


@pytest.fixture(autouse=True)
def _project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def table_lines(app) -> list[str]:
    """The findings table as drawn, one string per screen line (borders included)."""
    table = app.table
    return [strip.text for strip in table.render_lines(table.region.reset_offset)]


def line_of(app, row) -> int:
    return app.audit.entries[row.doc].document.line_col(row.finding.spans[0].start)[0]


@pytest.mark.parametrize("size", [(160, 45), (100, 30)])
@run
async def test_table_shows_file_and_line_and_fits_the_width(tmp_path, size):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.table
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert not table.show_horizontal_scrollbar
        lines = table_lines(app)
        ratio = [r for r in table.rows_shown if r.finding.rule == "ratio.implied-count"]
        assert len(ratio) == 3 and len({line_of(app, r) for r in ratio}) == 3  # the identical ones
        for index, row in enumerate(table.rows_shown):
            drawn = lines[2 + index]  # under the top border and the header
            name = app.audit.entries[row.doc].path.rsplit("/", 1)[-1]
            assert f"{name[:3]}" in drawn and f":{line_of(app, row)} " in drawn, drawn
            message = " ".join(row.finding.message.split())
            if message not in drawn:  # cut to the width, with an ellipsis
                cut = drawn.rstrip("│ ").rsplit("  ", 1)[-1]
                assert cut.endswith("…") and message.startswith(cut[:-1]), (cut, message)


@run
async def test_confirm_and_dismiss_move_on_to_the_next_unreviewed_finding(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = list(app.table.rows_shown)
        assert len(rows) == 4 and app.selected.key == rows[0].key
        await pilot.press("c")
        await pilot.pause()
        assert app.verdict_name(rows[0]) == "confirmed"
        assert app.selected.key == rows[1].key and app.table.cursor_row == 1
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.verdict_name(rows[1]) == "dismissed"
        assert app.selected.key == rows[2].key
        await pilot.press("n")  # on the last one: the next unreviewed wraps round to row 2
        await pilot.press("c")
        await pilot.pause()
        assert app.selected.key == rows[2].key
        await pilot.press("u")  # clearing a verdict stays on the finding
        await pilot.pause()
        assert app.selected.key == rows[2].key
        await pilot.press("c")
        await pilot.pause()
        assert all(app.verdict_name(r) for r in rows)
        assert app.selected.key == rows[2].key  # nothing left to review: it stays
        assert any("reviewed" in m for m in app.messages)


@run
async def test_changing_a_filter_keeps_the_selected_finding_when_still_shown(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = list(app.table.rows_shown)
        second = rows[1]  # seed 000's second ratio finding
        app.table.select_key(second.key)
        await pilot.pause()
        # the document list: seed 000 keeps it; seed 003 hides it; all documents shows it again
        app.files.focus()
        for option, doc, selected in ((1, 0, second.key), (4, 3, rows[3].key), (0, None, second.key)):
            app.files.highlighted = option
            await pilot.press("enter")
            await pilot.pause()
            assert app.filters.doc == doc
            assert app.selected.key == selected
        assert app.table.cursor_row == 1
        # severity: error keeps it, warning hides it, back to all shows it again
        await pilot.press("t", "s")
        await pilot.pause()
        assert app.filters.severity == "error" and app.selected.key == second.key
        await pilot.press("s")
        await pilot.pause()
        assert app.filters.severity == "warning" and second.key not in app.table.index_of
        await pilot.press("s", "s")
        await pilot.pause()
        assert app.filters.severity is None and app.selected.key == second.key
        # verdict: unreviewed, after confirming the first finding (which then leaves the table)
        app.table.select_key(rows[0].key)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.selected.key == second.key  # moved on to the next unreviewed one
        await pilot.press("v")
        await pilot.pause()
        assert app.filters.verdict == "unreviewed"
        assert app.selected.key == second.key and app.table.cursor_row == 0
        await pilot.press("a")
        await pilot.pause()
        assert app.selected.key == second.key and app.table.cursor_row == 1


@run
async def test_slash_in_the_table_filters_findings_and_in_the_document_searches(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        total = len(app.table.rows_shown)
        assert app.table.has_focus
        await pilot.press("slash")
        await pilot.pause()
        box = app.query_one("#filter", Input)
        assert box.has_focus and not app.query_one("#search", Input).has_class("open")
        await pilot.press(*"PART-exceeds")  # a rule, any case
        await pilot.pause()
        assert [r.finding.rule for r in app.table.rows_shown] == ["area.part-exceeds-whole"]
        assert app.selected.finding.rule == "area.part-exceeds-whole"
        box.value = "000_cc9"  # a file name
        await pilot.pause()
        assert len(app.table.rows_shown) == 3 and {r.doc for r in app.table.rows_shown} == {0}
        box.value = "ratio gives 1,400"  # the message
        await pilot.pause()
        assert len(app.table.rows_shown) == 3
        box.value = "[/"  # markup is text like any other
        await pilot.pause()
        assert app.table.rows_shown == [] and "No finding" in app.detail.plain_text()
        box.value = "000_cc9"
        await pilot.press("enter")  # keeps the filter, back to the table
        await pilot.pause()
        assert app.table.has_focus and len(app.table.rows_shown) == 3
        assert "000_cc9" in app.table.border_subtitle
        await pilot.press("slash")
        await pilot.press("escape")  # clears it
        await pilot.pause()
        assert len(app.table.rows_shown) == total and not box.has_class("open")
        # in the document view, / searches the text
        await pilot.press("d", "slash")
        await pilot.pause()
        assert app.query_one("#search", Input).has_focus and not box.has_class("open")
        await pilot.press(*"mosul")
        await pilot.pause()
        assert app.view.search_matches and len(app.table.rows_shown) == total


@run
async def test_no_document_readable_is_said_prominently(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    app = make_app([tmp_path / "nosuch.txt", tmp_path / "bad.txt"], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        detail = app.detail.plain_text(200)
        assert "No findings" not in detail and "consistent" not in detail
        assert "0 of 2 documents could be read" in detail
        assert "nosuch.txt: no such file" in detail and "bad.txt:" in detail
        assert any("could not be read" in m for m in app.messages)
        assert "2 unreadable" in app.table.border_subtitle


@run
async def test_some_documents_unreadable_and_no_findings_says_both(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The ministry opened 3 schools this year.\n", encoding="utf-8")
    app = make_app([clean, tmp_path / "nosuch.txt"], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        detail = app.detail.plain_text(200)
        assert "1 of 2 documents could be read" in detail and "nosuch.txt: no such file" in detail
        assert "No findings in the 1 document read" in detail


@run
async def test_unreadable_inputs_with_findings_elsewhere_are_reported_too(tmp_path):
    doc = copy_seed(SEED_003, tmp_path)
    app = make_app([doc, tmp_path / "gone.txt", SEED_000], tmp_path / "review.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.selected is not None
        assert any("1 of 3 documents could not be read" in m and "gone.txt" in m for m in app.messages)
        assert "1 unreadable" in app.table.border_subtitle
