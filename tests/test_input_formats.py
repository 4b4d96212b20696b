"""Markdown, Word and PDF files made by the tests, standard input, encodings, choosing files in
directories, and the bad inputs of each format: what is checked, where its spans are in the file, and one
line per input that cannot be read, the others still checked (docs/contract.md's exit codes)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.document import Document
from auditor.inputs import InputError, InputOptions, expand_paths, load_documents
from cli_runner import AUDITOR, env

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
CONVERSION = "The reservoir covered 350 square kilometres (about 210 square miles) of farmland."
AVERAGE = "Twelve flights, each carrying about 20 tonnes, delivered 400 tonnes."
CLEAN = "The convoy drove 200 km in five hours, averaging 40 km/h."


def check_json(capsys, *args) -> tuple[int, dict, list[str]]:
    rc = main(["check", *map(str, args), "--format", "json", "--jobs", "1"])
    captured = capsys.readouterr()
    return rc, json.loads(captured.out), captured.err.splitlines()


def claims(doc: dict) -> set[tuple[str, str]]:
    return {(f["rule"], " ".join(f["spans"][0]["text"].split())) for f in doc["findings"]}


def run_stdin(args: list[str], data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([str(AUDITOR), *args], input=data, capture_output=True, env=env(), timeout=120)


# -- Markdown ---------------------------------------------------------------------------------------
MARKDOWN = f"""---
title: "Floods: what the numbers say"
date: 2024-03-05
---

# Floods swallow **farmland**

The reservoir covered **350 square kilometres** (about *210 square miles*) of farmland, the
[regional authority](https://example.org/report?id=4711&page=2) said &amp; 62&nbsp;per cent agreed.

```python
width, height = 640, 480  # 16:9, not a claim
```

    indented code: 12345 bytes

- {AVERAGE.replace("Twelve flights", "`Twelve` flights")}
- {CLEAN}

| Group   | Share |
|---------|------:|
| for     |  46%  |

![a chart of 99 bars](chart-1920x1080.png)

> The vote split 46% for the governor, 41% for the challenger and 19% for others.
"""


def test_markdown_without_markup_with_spans_in_the_file(tmp_path, capsys):
    path = tmp_path / "floods.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    rc, out, err = check_json(capsys, path)
    assert rc == 1 and err == []
    [doc] = out["documents"]
    assert doc["format"] == "markdown"
    assert claims(doc) == {("unit.conversion", "about 210 square miles"), ("average.total", "400 tonnes"),
                           ("percent.breakdown", "19%")}
    lines = MARKDOWN.splitlines()
    for finding in doc["findings"]:
        for span in finding["spans"]:
            # the span's characters in the file, emphasis marks inside it aside, are its text
            assert re.sub(r"[*_]", "", MARKDOWN[span["source_start"] : span["source_end"]]) == span["text"]
            line = lines[span["source_line"] - 1]
            assert line[span["source_column"] - 1 :].startswith(span["text"].split()[0])


def test_markdown_leaves_out_code_images_and_keeps_the_title_and_date(tmp_path, capsys):
    path = tmp_path / "floods.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    [doc] = load_documents([str(path)])
    assert doc.title == "Floods: what the numbers say" and doc.published == "2024-03-05"
    assert doc.text.startswith("Floods swallow farmland\n\nThe reservoir covered 350 square kilometres (about "
                               "210 square miles) of farmland, the\nregional authority said & 62\xa0per cent")
    assert "for | 46%" in doc.text
    for markup in ("**", "```", "](", "width", "12345", "99 bars", "title:", "---", "#"):
        assert markup not in doc.text
    assert main(["extract", str(path), "--format", "json"]) == 0
    texts = {q["text"] for q in json.loads(capsys.readouterr().out)["documents"][0]["quantities"]}
    assert not texts & {"640", "480", "16:9", "12345", "99", "1920", "4711", "2"}
    assert {"350 square kilometres", "about 210 square miles", "46%"} <= texts


# -- Word -------------------------------------------------------------------------------------------
def make_docx(path: Path) -> None:
    docx = pytest.importorskip("docx", reason="the docx extra is not installed")
    word = docx.Document()
    word.add_heading("Floods swallow farmland", level=1)
    word.add_paragraph("")
    word.add_paragraph(CLEAN)
    p = word.add_paragraph("The reservoir covered ")
    p.add_run("350 square kilometres").bold = True
    p.add_run(" (about 210 square miles) of farmland.")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Flights"
    table.cell(0, 1).text = AVERAGE
    word.core_properties.title = "Flood report"
    word.core_properties.created = dt.datetime(2024, 3, 5, 8, 30)
    word.save(str(path))


def test_docx_by_paragraph_with_table_cells(tmp_path, capsys):
    path = tmp_path / "report.docx"
    make_docx(path)
    rc, out, err = check_json(capsys, path)
    assert rc == 1 and err == []
    [doc] = out["documents"]
    assert doc["format"] == "docx"
    assert claims(doc) == {("unit.conversion", "about 210 square miles"), ("average.total", "400 tonnes")}
    places = {f["rule"]: {k: f["spans"][0][k] for k in ("paragraph", "table", "row", "cell")
                          if k in f["spans"][0]} for f in doc["findings"]}
    assert places == {"unit.conversion": {"paragraph": 4}, "average.total": {"table": 1, "row": 1, "cell": 2}}
    [document] = load_documents([str(path)])
    assert document.title == "Flood report" and document.published == "2024-03-05"
    for finding in doc["findings"]:
        for span in finding["spans"]:
            assert document.text[span["start"] : span["end"]] == span["text"]
    assert main(["check", str(path), "--jobs", "1"]) == 1
    assert f"--> {path}, paragraph 4 (extracted text" in capsys.readouterr().out


# -- PDF --------------------------------------------------------------------------------------------
def make_pdf(path: Path, pages: list[str], text_layer: bool = True) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev extra) is not installed")
    pdf = fpdf.FPDF()
    pdf.set_title("Road report")
    pdf.set_creation_date(dt.datetime(2023, 11, 20, 9, 15, tzinfo=dt.timezone.utc))
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text_layer:
            pdf.multi_cell(0, 8, text)
        else:  # a scan: only pictures of text
            pdf.rect(20, 20, 120, 40, style="F")
    pdf.output(str(path))


def test_pdf_by_page(tmp_path, capsys):
    pytest.importorskip("pypdf", reason="the pdf extra is not installed")
    path = tmp_path / "report.pdf"
    make_pdf(path, [CLEAN, "Second page. " + CONVERSION])
    rc, out, err = check_json(capsys, path)
    assert rc == 1 and err == []
    [doc] = out["documents"]
    assert doc["format"] == "pdf"
    assert claims(doc) == {("unit.conversion", "about 210 square miles")}
    assert [s["page"] for s in doc["findings"][0]["spans"]] == [2, 2]
    [document] = load_documents([str(path)])
    assert document.title == "Road report" and document.published == "2023-11-20"
    assert document.text.startswith(CLEAN)
    assert main(["check", str(path), "--format", "github", "--jobs", "1"]) == 1
    [annotation] = capsys.readouterr().out.splitlines()
    assert annotation.startswith(f"::error file={path},title=unit.conversion::page 2: ")


# -- bad input --------------------------------------------------------------------------------------
def test_bad_inputs_of_every_format_one_line_each_the_others_checked(tmp_path, capsys):
    pytest.importorskip("pypdf", reason="the pdf extra is not installed")
    pytest.importorskip("docx", reason="the docx extra is not installed")
    pytest.importorskip("trafilatura", reason="the html extra is not installed")
    (tmp_path / "good.txt").write_text(CONVERSION, encoding="utf-8")
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    (tmp_path / "notword.docx").write_bytes(b"plain text renamed")
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    make_pdf(tmp_path / "scan.pdf", ["", ""], text_layer=False)
    with open(tmp_path / "huge.html", "wb") as f:  # 50 MB of web page
        block = b"<div class='row'><p>The convoy drove 200 km in five hours.</p></div>\n" * 1024
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            f.write(block)
    names = ["corrupt.docx", "good.txt", "notword.docx", "corrupt.pdf", "scan.pdf", "huge.html"]
    rc, out, err = check_json(capsys, *(tmp_path / n for n in names))
    assert rc == 2  # an input could not be read (even though good.txt has a finding)
    assert [Path(d["path"]).name for d in out["documents"]] == ["good.txt"]
    assert claims(out["documents"][0]) == {("unit.conversion", "about 210 square miles")}
    assert len(err) == 5
    by_name = {Path(line.split(": ")[2]).name: line for line in err}
    assert set(by_name) == set(names) - {"good.txt"}
    assert "is not a readable .docx file" in by_name["corrupt.docx"]
    assert "is not a readable .docx file" in by_name["notword.docx"]
    assert "is not a readable PDF file" in by_name["corrupt.pdf"]
    assert "has no text layer (2 pages of images, a scan?): run OCR" in by_name["scan.pdf"]
    assert "is too large for HTML (52,4" in by_name["huge.html"]
    assert [e["path"] for e in out["errors"]] == [str(tmp_path / n) for n in names if n != "good.txt"]


def test_missing_reader_says_which_extra_to_install(tmp_path, monkeypatch):
    for module in ("trafilatura", "docx", "pypdf"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    for name, extra in (("a.html", "html"), ("b.docx", "docx"), ("c.pdf", "pdf")):
        (tmp_path / name).write_bytes(b"x")
        [item] = load_documents([str(tmp_path / name)])
        assert isinstance(item, InputError)
        assert item.message.endswith(f"pip install 'auditor[{extra}]'")


# -- standard input ---------------------------------------------------------------------------------
def test_standard_input_as_text_and_as_html():
    text = run_stdin(["check", "-", "--format", "json"], (CONVERSION + "\n").encode())
    assert text.returncode == 1, text.stderr
    [doc] = json.loads(text.stdout)["documents"]
    assert doc["path"] == "<stdin>" and "format" not in doc
    assert claims(doc) == {("unit.conversion", "about 210 square miles")}
    page = (PAGES / "news_article.html").read_bytes()
    html = run_stdin(["check", "-", "--stdin-format", "html", "--format", "json"], page)
    assert html.returncode == 1, html.stderr
    [doc] = json.loads(html.stdout)["documents"]
    assert doc["path"] == "<stdin>" and doc["format"] == "html"
    assert len(doc["findings"]) == 3
    span = doc["findings"][0]["spans"][0]
    assert page.decode()[span["source_start"]:].startswith("about 210&nbsp;square miles")
    twice = run_stdin(["check", "-", "-"], b"About 5 km.")
    assert twice.returncode == 2
    assert twice.stderr.decode().splitlines() == ["auditor: error: <stdin>: standard input given more than once"]


# -- encodings --------------------------------------------------------------------------------------
RUSSIAN = ("По словам читателя, освобождённая территория составляет 503 тысячи 223 квадратных километра. "
           "Общая площадь Сирии составляет 185 180 квадратных километров.\n")


def test_a_cp1251_file_is_named_and_read_with_encoding(tmp_path, capsys):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    rc, out, err = check_json(capsys, path)
    assert rc == 2 and out["documents"] == []
    assert err == [f"auditor: error: {path}: is not valid UTF-8 (byte 0xcf at byte offset 0); it looks like "
                   "cp1251: try --encoding cp1251"]
    rc, out, err = check_json(capsys, path, "--encoding", "cp1251")
    assert rc == 1 and err == []
    [doc] = out["documents"]
    assert claims(doc) == {("area.part-exceeds-whole", "503 тысячи 223 квадратных километра")}
    span = doc["findings"][0]["spans"][0]
    assert RUSSIAN[span["start"] : span["end"]] == span["text"]


def test_a_web_page_in_its_declared_encoding_and_a_wrong_encoding_option(tmp_path, capsys):
    pytest.importorskip("trafilatura", reason="the html extra is not installed")
    rc, out, err = check_json(capsys, PAGES / "russian_news_cp1251.html")
    assert rc == 1 and err == []
    assert main(["check", str(tmp_path), "--encoding", "no-such-codec"]) == 2
    assert capsys.readouterr().err.startswith("auditor: error: unknown encoding 'no-such-codec' for --encoding")


# -- choosing files in directories ------------------------------------------------------------------
def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def rel(items, root: Path) -> list[str]:
    return [str(Path(i).relative_to(root)) if isinstance(i, str) else f"error: {i.message}" for i in items]


def test_include_and_exclude(tmp_path):
    make_tree(tmp_path, {"a.txt": "a", "b.html": "<p>b", "c.md": "c", "notes.text2": "n",
                         "drafts/d.txt": "d", "drafts/e.html": "<p>e", "keep/f.txt": "f"})
    walk = lambda **kw: rel(expand_paths([str(tmp_path)], InputOptions(**kw)), tmp_path)  # noqa: E731
    assert walk() == ["a.txt", "b.html", "c.md", "drafts/d.txt", "drafts/e.html", "keep/f.txt"]
    assert walk(include=("*.html",)) == ["b.html", "drafts/e.html"]
    assert walk(exclude=("drafts",)) == ["a.txt", "b.html", "c.md", "keep/f.txt"]
    assert walk(exclude=("drafts/*", "*.md")) == ["a.txt", "b.html", "keep/f.txt"]
    assert walk(include=("*.text2", "keep/*")) == ["notes.text2", "keep/f.txt"]
    [error] = walk(include=("*.rtf",))
    assert error.endswith("directory has no files to check (files matching *.rtf)")


def test_links_out_of_the_directory_are_followed_only_with_follow_links(tmp_path, capsys):
    make_tree(tmp_path, {"outside/far.txt": CONVERSION, "outside/sub/deep.txt": AVERAGE, "inside/own.txt": CLEAN,
                         "inside/real/near.txt": CLEAN})
    inside = tmp_path / "inside"
    (inside / "far.txt").symlink_to(tmp_path / "outside" / "far.txt")
    (inside / "out").symlink_to(tmp_path / "outside" / "sub", target_is_directory=True)
    (inside / "near").symlink_to(inside / "real", target_is_directory=True)  # stays inside: followed
    assert rel(expand_paths([str(inside)]), inside) == ["own.txt", "near/near.txt"]
    assert rel(expand_paths([str(inside)], InputOptions(follow_links=True)), inside) == [
        "far.txt", "own.txt", "near/near.txt", "out/deep.txt"]
    assert main(["check", str(inside), "--jobs", "1", "--format", "json"]) == 0
    assert main(["check", str(inside), "--jobs", "1", "--format", "json", "--follow-links"]) == 1
    capsys.readouterr()
    only_links = tmp_path / "links"
    only_links.mkdir()
    (only_links / "far.txt").symlink_to(tmp_path / "outside" / "far.txt")
    [error] = expand_paths([str(only_links)])
    assert isinstance(error, InputError)
    assert "1 symbolic link leading out of it skipped, --follow-links follows them" in error.message


# -- the terminal UI --------------------------------------------------------------------------------
def test_tui_detail_says_where_in_the_source_each_span_is():
    pytest.importorskip("trafilatura", reason="the html extra is not installed")
    from rich.console import Console
    from rich.style import Style

    from auditor.engine import Engine
    from auditor.rules import shipped_rules_dir
    from auditor.rules.schema import load_rules
    from auditor.tui.detail import finding_details

    [doc] = load_documents([str(PAGES / "news_article.html")])
    assert isinstance(doc, Document)
    result = Engine(load_rules([shipped_rules_dir()])).check(doc)
    finding = next(f for f in result.findings if f.rule == "unit.conversion")
    console = Console(width=160, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(finding_details(finding, doc, "news_article.html", None, None, 0, lambda kind: Style()))
    shown = console.export_text()
    assert "news_article.html:50:36" in shown
    assert "about 210 square miles  (source 50:36)" in shown
    assert "350 square kilometres  (source 50:8)" in shown


def test_front_matter_with_aliases_or_odd_types_gives_no_metadata_and_the_text_is_still_read(tmp_path):
    bomb = "---\n" + "a0: &a0 [lol, lol]\n" + "".join(
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 12)) + "title: *a11\n---\n"
    (tmp_path / "bomb.md").write_text(bomb + CONVERSION + "\n", encoding="utf-8")
    (tmp_path / "odd.md").write_text("---\ntitle: [a, list]\ndate: yesterday\n---\n" + CLEAN, encoding="utf-8")
    bombed, odd = load_documents([str(tmp_path / "bomb.md"), str(tmp_path / "odd.md")])
    assert (bombed.title, bombed.published, bombed.text) == (None, None, CONVERSION)
    assert (odd.title, odd.published, odd.text) == (None, None, CLEAN)
