"""The terminal UI checks documents as `auditor check` does (issue 13): in worker processes, filling the
table as results come; `e` edits a document and re-checks it; `w` exports the findings shown."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import shutil
import sys

import pytest
from test_tui_support import ROOT, SEED_000, SEED_003, copy_seed, make_app, run, settle
from textual.widgets import Input

from auditor.batch import check_paths
from auditor.engine import Engine
from auditor.rules.schema import load_rules
from auditor.tui.modals import ExportScreen

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def corpus(folder, n: int):
    """`n` copies of the four seeds under `folder`, named apart."""
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        shutil.copy(seeds[i % len(seeds)], folder / f"doc{i:03}_{seeds[i % len(seeds)].name}")
    return folder


@run
async def test_documents_are_checked_in_worker_processes_filling_the_table(tmp_path):
    folder = corpus(tmp_path / "docs", 60)
    app = make_app([folder], tmp_path / "review.json", jobs=2)
    workers_seen, counts = 0, []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3000):
            await asyncio.sleep(0.01)
            workers_seen = max(workers_seen, len(multiprocessing.active_children()))
            counts.append(len(app.table.rows_shown))
            if app.audit_runs:
                break
        await settle(pilot)
        # the same findings as the command line's sequential run
        rules = [str(ROOT / "rules")]
        expected = {(o.result.document.path, f.fingerprint) for o in check_paths([str(folder)], Engine(
            load_rules(rules)), rules, 1) for f in o.result.findings}
        shown = {(app.audit.entries[r.doc].path, r.finding.fingerprint) for r in app.table.rows_shown}
        assert shown == expected and len(shown) == 60 // 4 * 4
        assert app.view._q_starts  # the quantities came back too: they are drawn faintly
    assert workers_seen == 2
    partial = {c for c in counts if 0 < c < len(expected)}
    assert len(partial) >= 2, counts  # rows came in while the others were being checked


@run
async def test_quitting_while_checking_stops_the_workers(tmp_path):
    folder = corpus(tmp_path / "docs", 200)
    app = make_app([folder], tmp_path / "review.json", jobs=2)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3000):
            await asyncio.sleep(0.01)
            if app.table.rows_shown:
                break
        assert not app.audit_runs
        await pilot.press("q")
    for _ in range(500):
        if not multiprocessing.active_children():
            break
        await asyncio.sleep(0.01)
    assert not multiprocessing.active_children()


FAKE_EDITOR = '''
import json, sys
args = sys.argv[1:]
with open(sys.argv[0] + ".calls", "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
path = args[-1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace("2,800", "3,000"))
'''


@run
async def test_e_opens_the_editor_at_the_claims_line_and_rechecks(tmp_path, monkeypatch):
    editor = tmp_path / "fake editor.py"
    editor.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} '{editor}'")
    monkeypatch.setenv("EDITOR", "false")
    doc = copy_seed(SEED_000, tmp_path)
    other = copy_seed(SEED_003, tmp_path)
    app = make_app([doc, other], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ratio = [r for r in app.table.rows_shown if r.finding.rule == "ratio.implied-count"]
        assert len(ratio) == 3
        app.table.select_key(ratio[1].key)
        await pilot.pause()
        line = app.audit.entries[0].document.line_col(ratio[1].finding.spans[0].start)[0]
        await pilot.press("e")
        await settle(pilot)
        for _ in range(200):
            if "3,000" in app.audit.entries[0].document.text:
                break
            await pilot.pause(0.02)
        assert [json.loads(x) for x in (tmp_path / "fake editor.py.calls").read_text().splitlines()] == [
            [f"+{line}", str(doc)]]
        # re-checked: 3,000 × 1/2 = 1,500, so the ratio findings are gone; the other document's stay
        assert "3,000" in app.audit.entries[0].document.text
        assert any("0 finding(s), 3 before" in m for m in app.messages)
        assert not [r for r in app.table.rows_shown if r.finding.rule == "ratio.implied-count"]
        assert [r.finding.rule for r in app.table.rows_shown] == ["area.part-exceeds-whole"]
        assert app.files.prompt_text(0).split()[0] == "0"


@run
async def test_e_without_an_editor_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app([SEED_003], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any("$VISUAL" in m and "$EDITOR" in m for m in app.messages)


async def export(pilot, path: str) -> None:
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    box = pilot.app.screen.query_one(Input)
    box.value = path
    await pilot.press("enter")
    await pilot.pause()


@run
async def test_w_exports_the_findings_under_the_filter_as_json_and_markdown(tmp_path):
    app = make_app(["seeds"], tmp_path / "review.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", *"the same sentence, repeated", "enter")  # dismiss the first
        await pilot.pause()
        await pilot.press("slash", *"000_cc9", "enter")  # the findings of seed 000
        await pilot.pause()
        shown = list(app.table.rows_shown)
        assert len(shown) == 3
        await export(pilot, str(tmp_path / "report.json"))
        data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        [document] = data["documents"]
        assert document["path"] == "seeds/000_cc9fbfecd2e9dec7.txt"
        assert [f["fingerprint"] for f in document["findings"]] == [r.finding.fingerprint for r in shown]
        first = document["findings"][0]
        assert first["verdict"] == "dismissed" and first["reason"] == "the same sentence, repeated"
        assert "verdict" not in document["findings"][1]
        assert first["spans"][0]["text"] == shown[0].finding.spans[0].text
        assert first["spans"][0]["line"] == 21
        assert data["filter"] == "“000_cc9”" and data["summary"]["findings"] == 3

        await export(pilot, str(tmp_path / "report.md"))
        md = (tmp_path / "report.md").read_text(encoding="utf-8")
        assert md.startswith("# Fact-check report")
        assert md.count("\n### ") == 3 and "seeds/000\\_cc9fbfecd2e9dec7.txt" in md
        assert "dismissed: the same sentence, repeated" in md
        assert "line 21" in md and shown[0].finding.derivation.split()[0] in md
        assert any("3 findings" in m and "report.md" in m for m in app.messages)


@run
async def test_export_refuses_an_input_or_the_review_file_and_asks_before_replacing(tmp_path):
    doc = copy_seed(SEED_003, tmp_path)
    review = tmp_path / "review.json"
    app = make_app([doc], review)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = doc.read_text(encoding="utf-8")
        await export(pilot, str(doc.with_suffix(".md")))  # not an input: written
        assert (tmp_path / "003_447e080bb3bd39d4.md").exists()
        await pilot.press("c")
        for target in (str(review), str(doc)):
            await export(pilot, target)
            assert isinstance(app.screen, ExportScreen)  # refused, the dialog stays open
            assert "refused" in app.screen.problem
            await pilot.press("escape")
            await pilot.pause()
        assert doc.read_text(encoding="utf-8") == before
        assert json.loads(review.read_text())["verdicts"]
        # an existing file: enter once more to replace it
        old = tmp_path / "old.json"
        old.write_text("keep me", encoding="utf-8")
        await export(pilot, str(old))
        assert isinstance(app.screen, ExportScreen) and old.read_text() == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        assert json.loads(old.read_text())["documents"]
        await export(pilot, str(tmp_path / "report.txt"))
        assert isinstance(app.screen, ExportScreen) and ".json" in app.screen.problem
