"""Web pages of four real layouts (a news site, a WordPress blog with comments and widgets, a div-built
magazine page, an old table-laid Russian site in windows-1251), saved in tests/fixtures/pages: the planted
errors are found, no quantity comes from markup, scripts, navigation, banners or footers, and every
finding and quantity points at its own characters in the HTML file (JSON source keys, SARIF regions,
GitHub annotations)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.formats.encoding import declared_html_encoding

pytest.importorskip("trafilatura", reason="the html extra is not installed")

from auditor.formats.html import read_html  # noqa: E402

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"

# page: planted findings (rule, claim text), the source text that opens and closes the article's body
# (every quantity must lie between them), numbers that must never be extracted, title, date
EXPECTED = {
    "news_article.html": {
        "findings": {("unit.conversion", "about 210 square miles"), ("average.total", "400 tonnes"),
                     ("percent.breakdown", "19%")},
        "body": ('<h1 class="headline">', "</article>"),
        "never": ["12345", "640", "480", "16:9", "842", "12 purposes", "17 °C", "3 new", "90 million", "5 things",
                  "3%", "60,000", "1234567", "250 ms", "250px", "4321", "30000"],
        "title": "Floods swallow farmland in the north",
        "published": "2024-03-05",
    },
    "blog_post.html": {
        "findings": {("percent.of", "about 40%"), ("rate.speed", "60 km/h"), ("percent.change", "25%")},
        "body": ('<div class="entry-content">', '<footer class="entry-footer">'),
        "never": ["14 years", "312", "7 Comments", "45 trucks", "90%", "15-mile", "15 km", "1,024", "13px",
                  "36px", "1.5"],
        "title": "Counting the convoy – Field Notes",
        "published": "2023-11-20",
    },
    "magazine_longform.html": {
        "findings": {("area.part-exceeds-whole", "52,000 square kilometres"), ("parts.sum-mismatch", "9,000"),
                     ("reference.area", "300,000 square kilometres")},
        "body": ('<div class="article-text"', '<div class="share-bar">'),
        "never": ["27", "1920", "1080", "3 annexes", "82.40", "1.2%", "2,031", "0.4%", "24", "2 networks",
                  "1,337", "Top 10", "0958"],
        "title": "The province that grew on paper",
        "published": "2022-06-14",
    },
    "russian_news_cp1251.html": {
        "findings": {("area.part-exceeds-whole", "503 тысячи 223 квадратных километра"),
                     ("percent.of", "около 40%")},
        "body": ('<div class="text">', '<div class="tags">'),
        "never": ["44556677", "728", "90", "15", "58,83", "69,51", "-5 °C", "100 процентов", "77-12345", "18+"],
        "title": "Новости Востока — Освобождённые территории",
        "published": "2017-12-07",
    },
}


def page_source(name: str) -> str:
    data = (PAGES / name).read_bytes()
    return data.decode(declared_html_encoding(data) or "utf-8")


def flat(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def line_col(source: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def run_json(capsys, *args) -> tuple[int, dict]:
    rc = main([*map(str, args), "--jobs", "1", "--format", "json"] if args[0] == "check"
              else [*map(str, args), "--format", "json"])
    return rc, json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """`auditor check --format json` over all the pages at once, as a CI job runs it."""
    import io
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["check", *(str(PAGES / n) for n in EXPECTED), "--format", "json", "--jobs", "1"])
    return rc, {Path(d["path"]).name: d for d in json.loads(out.getvalue())["documents"]}


@pytest.mark.parametrize("name", EXPECTED)
def test_planted_errors_are_found_and_point_into_the_html(checked, name):
    rc, documents = checked
    assert rc == 1
    doc = documents[name]
    assert doc["format"] == "html"
    found = {(f["rule"], " ".join(f["spans"][0]["text"].split())) for f in doc["findings"]}
    assert found == EXPECTED[name]["findings"]
    source = page_source(name)
    for finding in doc["findings"]:
        for span in finding["spans"]:
            start, end = span["source_start"], span["source_end"]
            # the span's characters in the file, entities decoded, are the span's text
            assert flat(source[start:end]) == " ".join(span["text"].split())
            assert not source[start].isspace() and source[start] != "<"
            assert (span["source_line"], span["source_column"]) == line_col(source, start)


@pytest.mark.parametrize("name", EXPECTED)
def test_no_quantity_from_markup_scripts_or_boilerplate(capsys, name):
    rc, out = run_json(capsys, "extract", PAGES / name)
    assert rc == 0
    [doc] = out["documents"]
    source = page_source(name)
    opening, closing = EXPECTED[name]["body"]
    body_start, body_end = source.index(opening), source.index(closing)
    texts = [" ".join(q["text"].split()) for q in doc["quantities"]]
    assert texts, "the article's own quantities are extracted"
    for q in doc["quantities"]:
        assert body_start <= q["source_start"] < q["source_end"] <= body_end, q
        assert flat(source[q["source_start"] : q["source_end"]]) == " ".join(q["text"].split())
    for never in EXPECTED[name]["never"]:
        assert not any(never == t or never in t.split() for t in texts), (never, texts)


@pytest.mark.parametrize("name", EXPECTED)
def test_title_and_publication_date_from_the_metadata(name):
    doc = read_html(name, (PAGES / name).read_bytes())
    assert doc.title == EXPECTED[name]["title"]
    assert doc.published == EXPECTED[name]["published"]


@pytest.mark.parametrize("name", EXPECTED)
def test_every_extracted_character_maps_to_its_source_character(name):
    source = page_source(name)
    doc = read_html(name, (PAGES / name).read_bytes())
    offsets = doc.origin.offsets
    assert doc.text.strip()
    for i, ch in enumerate(doc.text):
        s, e = offsets.source_start(i), offsets.source_end(i)
        assert 0 <= s <= e <= len(source)
        if ch.isspace():
            continue  # white space stands for the page's (collapsed) white space or a block boundary
        piece = source[s:e]
        if s == e:  # inserted: only the separator between the cells of a table row
            assert ch == "|" and doc.text[i - 1 : i + 2] == " | ", (i, ch)
            continue
        assert piece == ch or (piece.startswith("&") and html.unescape(piece) == ch), (i, ch, piece)
    starts = [offsets.source_start(i) for i in range(len(doc.text))]
    assert starts == sorted(starts), "the text keeps the page's order"


def test_entities_are_decoded_and_blocks_are_paragraphs():
    doc = read_html("p.html", (PAGES / "news_article.html").read_bytes())
    assert "350\xa0square kilometres (about 210\xa0square miles)" in doc.text
    assert "62\xa0per cent" in doc.text
    paragraphs = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert paragraphs[0] == "Floods swallow farmland in the north"
    assert paragraphs[-1].startswith("The convoy drove 200 km")
    table = read_html("m.html", (PAGES / "magazine_longform.html").read_bytes())
    assert "North | 120\xa0km" in table.text and "South | 85\xa0km" in table.text


def test_sarif_regions_and_github_annotations_point_into_the_html(capsys):
    name = "news_article.html"
    source = page_source(name)
    assert main(["check", str(PAGES / name), "--format", "sarif", "--jobs", "1"]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert len(results) == 3
    lines = source.splitlines()
    for result in results:
        for location in [result["locations"][0]] + result.get("relatedLocations", []):
            region = location["physicalLocation"]["region"]
            text = flat(source[region["charOffset"] : region["charOffset"] + region["charLength"]])
            assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(text.split()[0])
            assert region["snippet"]["text"] == source[region["charOffset"] : region["charOffset"] + region["charLength"]]
    assert main(["check", str(PAGES / name), "--format", "github", "--jobs", "1"]) == 1
    annotations = capsys.readouterr().out.splitlines()
    claims = {"unit.conversion": "about", "average.total": "400", "percent.breakdown": "19%"}
    for line in annotations:
        m = re.match(r"::error file=[^,]+,line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]+)::", line)
        assert m, line
        row, col = int(m.group(1)), int(m.group(2))
        assert lines[row - 1][col - 1 :].startswith(claims[m.group(5)])


def test_a_block_trafilatura_changed_is_located_word_by_word():
    from auditor.formats.html import _locate

    source = "<p>Rebels hold <sup>[1]</sup> 52,000&nbsp;square kilometres.</p><p>Other 15 km.</p>"
    # trafilatura kept the paragraph but not the footnote marker, and spelled one word its own way
    text, offsets = _locate(source, [(["Rebels hold 52,000 square kilometres", "ZZZ."], 1, "\n\n")])
    assert text == "Rebels hold 52,000\xa0square kilometres"
    for word in ("Rebels", "52,000", "kilometres"):
        i = text.index(word)
        s, e = offsets.source_span(i, i + len(word))
        assert source[s:e] == word
    assert "[1]" not in text and "15" not in text
