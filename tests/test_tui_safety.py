"""Hostile text in the terminal UI (issue 12): paths, documents, rules and what the user types are never
parsed as markup, and control characters (C0, DEL and C1) never reach the terminal raw."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from test_tui_support import ROOT, SEED_003, SIZE, copy_seed, make_app, run, settle
from textual.widgets import Input

from auditor.document import Document
from auditor.findings import Finding, SpanRef
from auditor.rules.schema import Rule
from auditor.tui.detail import finding_details
from auditor.tui.modals import ReasonScreen
from auditor.tui.safe import printable

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(autouse=True)
def _project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def title(widget) -> str:
    """A widget's border title as drawn (the top line of its border)."""
    return rendered_text(widget).split("\n")[0]


def subtitle(widget) -> str:
    """A widget's border subtitle as drawn (the bottom line of its border)."""
    return rendered_text(widget).split("\n")[-1]


def rendered_text(widget) -> str:
    """Every visible line of a widget, as the terminal would get it."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


@run
async def test_paths_that_look_like_markup_are_shown_as_written(tmp_path, monkeypatch):
    folder = tmp_path / "b["
    folder.mkdir()
    copy_seed(SEED_003, folder).rename(folder / "].txt")
    copy_seed(SEED_003, tmp_path).rename(tmp_path / "[bold red]RED[-].txt")
    monkeypatch.chdir(tmp_path)
    closing, styled = "b[/].txt", "[bold red]RED[-].txt"
    app = make_app([closing, styled], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.audit.entries[0].findings and app.audit.entries[1].findings
        for doc, path in ((0, closing), (1, styled)):
            row = next(r for r in app.table.rows_shown if r.doc == doc)
            app.table.select_key(row.key)
            await pilot.pause()
            assert app.selected.key == row.key  # selecting it did not crash the app
            assert f" {path} " in title(app.view)
            assert str(path) in app.detail.plain_text(200)
            assert str(path) in app.files.prompt_text(doc)
        where = app.table.get_row(row.key)[2]
        assert where.plain.startswith("[bold red]RED[-].txt:")
        shown = rendered_text(app.table)
        # the brackets kept, the names cut to fit
        assert "│    error  ].txt:141 " in shown and "│    error  [bold…ED[-]:141 " in shown


@run
async def test_markup_typed_in_the_search_box_is_searched_for(tmp_path):
    doc = tmp_path / "brackets.txt"
    doc.write_text("Costs [/ rose ] to 12 million [bold]dollars[/bold] in 2015.\n", encoding="utf-8")
    app = make_app([doc], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.view.focus()
        await pilot.press("slash")
        await pilot.pause()
        assert app.query_one("#search", Input).has_focus
        await pilot.press("left_square_bracket", "slash")
        await pilot.pause()
        assert app.view.search_matches == [(6, 8), (43, 45)]
        assert " “[/”: 1 of 2 " in subtitle(app.view)
        await pilot.press(*"bold]")
        await pilot.pause()
        assert " “[/bold]”: 1 of 1 " in subtitle(app.view)


@run
async def test_control_characters_in_a_document_are_never_drawn_raw(tmp_path):
    doc = tmp_path / "escapes.txt"
    doc.write_text("Title\x1b]0;owned\x07 and \x9b2J here \x9d52;c;aGk=\x9c: the 2 ministers of 3 met"
                   " \x1b[2J.\n", encoding="utf-8")
    app = make_app([doc], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.view
        rows = [r for r in range(len(view.wrapped)) if view.wrapped.lines[r] == 0]
        gutter = view.gutter_width
        shown = "".join("".join(t for t, _ in view.styled_ranges(r))[gutter:].rstrip() + " " for r in rows)
        assert not RAW_CONTROL.search(shown), repr(shown)
        text = doc.read_text(encoding="utf-8").rstrip("\n")
        assert len(shown.replace(" ", "")) == len(text.replace(" ", ""))  # one cell per character
        assert "\ufffd" in shown  # the controls are marked, not dropped
        assert not RAW_CONTROL.search(rendered_text(view))


def test_finding_details_escape_controls_and_keep_brackets():
    text = "The [red]army[/] lost 1,500\x9b of 2,800\x1b[2J soldiers."
    document = Document("[x].txt", text)
    claim = SpanRef(text.index("1,500"), text.index("1,500") + 6, "1,500\x9b", "claimed")
    base = SpanRef(text.index("2,800"), text.index("2,800") + 9, "2,800\x1b[2J", "base")
    finding = Finding("ratio.[/]", "error", "1,500\x9b does not follow from 2,800\x1b[2J [bold]x[/]",
                      [claim, base], "2,800 × 1/2 = 1,400\x07", "fp")
    rule = Rule("ratio.[/]", "error", "Ratio [/] check\x9d", "A [b]ratio[/b] \x1b]52;c;aGk=\x07 rule",
                None, [], "", "rules/x.yaml", 1)
    grid = finding_details(finding, document, "[x].txt", rule, None, 0, lambda kind: None)
    console = Console(width=200, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(grid)
    out = console.export_text()
    assert not RAW_CONTROL.search(out), repr(out)
    for visible in ("[x].txt", "ratio.[/]", "[bold]x[/]", "Ratio [/] check", "A [b]ratio[/b]", "\\x9b",
                    "\\x1b[2J"):
        assert visible in out


def test_printable_escapes_c0_del_and_c1_only():
    assert printable("a\x1b[2Jb\x7fc\x9bd\x85e") == "a\\x1b[2Jb\\x7fc\\x9bd\\x85e"
    assert printable("Свободно 漢字 [/] ½ €") == "Свободно 漢字 [/] ½ €"
    assert printable("one\ttwo\nthree") == "one\\ttwo\\nthree"


@run
async def test_table_and_dialog_cells_carry_no_raw_controls(tmp_path, monkeypatch):
    (tmp_path / "ctl\x9b.txt").write_text((ROOT / SEED_003).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    app = make_app(["ctl\x9b.txt"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.table.rows_shown
        assert not RAW_CONTROL.search(rendered_text(app.table))
        assert not RAW_CONTROL.search(app.files.prompt_text(0))
        assert "\\x9b" in app.files.prompt_text(0)
        assert not RAW_CONTROL.search(title(app.view)) and "\\x9b" in title(app.view)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("escape")
