"""How the terminal UI looks, compared with accepted SVG snapshots in tests/__snapshots__/.

Regenerate after an intended change with
    .venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update
and look at the SVGs before committing them. Everything shown is deterministic: relative paths (the
tests run from the project root), no clock, a review file in a temporary directory.
"""

from __future__ import annotations

import pytest
from test_tui_support import ROOT, SIZE, make_app, settle


@pytest.fixture(autouse=True)
def _project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


async def _ready(pilot) -> None:
    await settle(pilot)


def test_main_screen(snap_compare, tmp_path):
    assert snap_compare(make_app(["seeds"], tmp_path / "review.json"), terminal_size=SIZE, run_before=_ready)


def test_detail_panel_of_a_dismissed_finding(snap_compare, tmp_path):
    async def dismiss_the_area_finding(pilot):
        await settle(pilot)
        await pilot.press("N", "tab")  # the last finding (seed 003, part larger than whole), its 2nd span
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"the freed area includes Iraq", "enter")
        await pilot.pause()
        await pilot.press("N", "tab")  # the dismissal moved on to the next unreviewed finding: back to it
        await pilot.pause()

    assert snap_compare(make_app(["seeds"], tmp_path / "review.json"), terminal_size=SIZE,
                        run_before=dismiss_the_area_finding)


def test_help_screen(snap_compare, tmp_path):
    assert snap_compare(make_app(["seeds"], tmp_path / "review.json"), terminal_size=SIZE, run_before=_ready,
                        press=["f1"])


def test_small_terminal(snap_compare, tmp_path):
    assert snap_compare(make_app(["seeds"], tmp_path / "review.json"), terminal_size=(80, 24),
                        run_before=_ready)


def test_light_theme(snap_compare, tmp_path):
    async def light(pilot):
        await settle(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(make_app(["seeds"], tmp_path / "review.json"), terminal_size=SIZE, run_before=light)
