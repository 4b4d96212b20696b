"""Web pages: the article's main text, with a map from each of its characters back into the page.

trafilatura (over lxml) decides what the main text is: it leaves out navigation, scripts, styles,
comments, cookie banners, related links and footers. It returns text, not positions, so each block it
keeps is found again in the page: `_page_text` reads the page's text runs with their offsets (entities
decoded, markup, scripts and styles skipped), and each kept block is located in it, in order, near the
line lxml reports for it. The extracted text is made of the page's own characters, so every one of them
maps to its place in the file.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import numpy as np

from ..document import Document, DocumentError
from .dates import iso_date
from .encoding import declared_html_encoding, decode, likely_encoding
from .origin import SourceText
from .textmap import OffsetMap, TextBuilder

MAX_HTML_BYTES = 16 * 1024 * 1024  # lxml needs about 10-20× a page's size in memory

# Tags, comments, declarations and processing instructions; a "<" that opens none of them is text.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>?"
    r"|<(/?)([A-Za-z][A-Za-z0-9:_-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>?",
    re.S,
)
# Elements whose content is not text a reader sees (the page title is in <head>, not the article).
_SKIPPED = frozenset({"script", "style", "noscript", "template", "title", "textarea", "svg", "math",
                      "iframe", "object", "head", "select"})
# Elements that start a new line when rendered, so their texts never run together ("15</td><td>20").
_BLOCK = frozenset("""address article aside blockquote body br dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td
    tfoot th thead tr ul caption option""".split())
_SPACE = " \t\n\r\f"  # HTML's white space
# What is not copied as it stands: white space other than one space, and character references.
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Characters ignored when a kept block is matched against the page: white space and invisible ones.
_IGNORED_CODES = np.array([c for c in range(0x3001) if chr(c).isspace()] + [0xAD, 0x200B, 0x200C, 0x200D, 0x2060,
                                                                            0xFEFF], dtype=np.uint32)
_IGNORED = re.compile("[" + "".join(re.escape(chr(c)) for c in _IGNORED_CODES) + "]+")
CELL_BREAK = " | "  # between the cells of a table row, which are not paragraphs of their own
# trafilatura's elements that make a paragraph of their own
_PARAGRAPH_TAGS = frozenset({"p", "head", "item", "cell", "quote", "code", "list", "table", "row", "div"})


def read_html(name: str, data: bytes, encoding: str | None = None) -> Document:
    """The main text of the web page `data` as a Document whose origin maps it back into the page."""
    if len(data) > MAX_HTML_BYTES:
        raise DocumentError(name, f"is too large for HTML ({len(data):,} bytes; the limit is "
                                  f"{MAX_HTML_BYTES:,}): save the article's text as .txt instead")
    source = _decode_page(name, data, encoding)
    trafilatura = _trafilatura(name)
    tree = trafilatura.load_html(source)
    if tree is None:
        raise DocumentError(name, "is not an HTML page lxml can parse")
    title, published = _metadata(tree)
    extracted = trafilatura.bare_extraction(tree, options=_options())
    blocks = _blocks(extracted.body) if extracted is not None and extracted.body is not None else []
    text, offsets = _locate(source, blocks)
    return Document(name, text, title=title, published=published,
                    origin=SourceText("html", source, offsets))


@lru_cache(maxsize=1)
def _options():
    """trafilatura's settings, made once (reading them costs as much as a small page): no fallback
    extractors (the main text is found in one pass), no comment threads, tables kept."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=True, comments=False, tables=True, with_metadata=False)


def _trafilatura(name: str):
    try:
        import trafilatura
    except ImportError:
        raise DocumentError(name, "reading web pages needs trafilatura: pip install 'auditor[html]'") from None
    return trafilatura


def _decode_page(name: str, data: bytes, encoding: str | None) -> str:
    """The page as text: in `encoding` if given, else in the encoding its <meta> declares, else UTF-8."""
    declared = declared_html_encoding(data)
    if encoding is not None or declared in (None, "utf-8") or data.startswith(b"\xef\xbb\xbf"):
        return decode(name, data, encoding)
    try:
        return data.decode(declared)
    except UnicodeDecodeError as exc:
        guess = likely_encoding(data)
        hint = f"; it looks like {guess}: try --encoding {guess}" if guess and guess != declared else ""
        raise DocumentError(name, f"is not valid {declared} as it declares (byte 0x{data[exc.start]:02x} "
                                  f"at byte offset {exc.start}){hint}") from None


# -- the page's text runs -----------------------------------------------------------------------------
def _page_text(source: str) -> tuple[str, OffsetMap]:
    """Every text run of the page outside skipped elements, entities decoded and white space collapsed
    as a browser does, a space where a block element starts or ends; with the map into `source`."""
    out = TextBuilder()
    pos, skip_until = 0, None
    for m in _MARKUP.finditer(source):
        closing, tag = m.group(1), m.group(2)
        if skip_until is not None:
            if tag is not None and closing and tag.lower() == skip_until:
                skip_until = None
                pos = m.end()
            continue
        _add_run(out, source, pos, m.start())
        pos = m.end()
        if tag is None:
            continue
        tag = tag.lower()
        if not closing and tag in _SKIPPED and not m.group().endswith("/>"):
            skip_until = tag
        elif tag in _BLOCK and out.last_char not in ("", " "):
            out.put(" ", m.start(), m.start())
    if skip_until is None:
        _add_run(out, source, pos, len(source))
    return out.build()


def _add_run(out: TextBuilder, source: str, start: int, end: int) -> None:
    """Append the text between two tags: single spaces are copied, other white space collapses to one."""
    if out.last_char in ("", " "):
        while start < end and source[start] in _SPACE:
            start += 1
    pos = start
    for m in _COLLAPSE.finditer(source, start, end):
        out.copy(source[pos : m.start()], pos)
        if m.group()[0] == "&":
            out.put(html.unescape(m.group()), m.start(), m.end())
        elif out.last_char not in ("", " "):
            out.put(" ", m.start(), m.end())
        pos = m.end()
    out.copy(source[pos:end], pos)


# -- the kept blocks ----------------------------------------------------------------------------------
def _blocks(body) -> list[tuple[list[str], int | None, str]]:
    """trafilatura's output as paragraphs: each one's text pieces in order, its line in the page, and what
    separates it from the paragraph before (a blank line, or " | " between two cells of a table row)."""
    blocks: list[tuple[list[str], int | None, str]] = []

    def open_block(el):
        after_cell = el is not None and el.tag == "cell" and el.getprevious() is not None
        blocks.append(([], el.sourceline if el is not None else None, CELL_BREAK if after_cell else "\n\n"))
        return blocks[-1][0]

    def visit(el, pieces):
        if el.tag in _PARAGRAPH_TAGS:
            pieces = open_block(el)
        if el.text:
            pieces.append(el.text)
        for child in el:
            visit(child, pieces)
            if child.tag in _PARAGRAPH_TAGS:  # text after a nested block continues in a new paragraph
                pieces = open_block(el)
            if child.tail:
                pieces.append(child.tail)

    visit(body, open_block(None))
    return [b for b in blocks if any(p.strip() for p in b[0])]


class _Page:
    """The page's text, and the same without white space (the key), for matching blocks whatever their
    spacing; `kept[k]` is the offset in the text of the key's character k."""

    def __init__(self, source: str):
        self.source = source
        self.text, self.offsets = _page_text(source)
        self.key = _IGNORED.sub("", self.text)
        codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
        self.kept = np.flatnonzero(~np.isin(codes, _IGNORED_CODES))
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def text_offset(self, key_offset: int) -> int:
        """Offset in the text of the key's character at `key_offset`."""
        return int(self.kept[key_offset])

    def key_offset_at_line(self, line: int | None) -> int:
        """The first key offset on or after 1-based source `line` (0 if unknown)."""
        if line is None or not 0 < line <= len(self.line_starts) or line >= 65535:  # libxml2 caps lines
            return 0
        text_at = self.offsets.first_at_or_after(self.line_starts[line - 1])
        return int(np.searchsorted(self.kept, text_at))


def _locate(source: str, blocks: list[tuple[list[str], int | None, str]]) -> tuple[str, OffsetMap]:
    """The extracted text: each block as the page's own characters, blocks separated by blank lines."""
    page = _Page(source)
    out = TextBuilder()
    cursor = 0
    for pieces, line, separator in blocks:
        ranges, cursor = _match_block(page, pieces, line, cursor)
        if not ranges:
            continue
        if out.length:
            end = page.offsets.source_end(ranges[0][0] - 1) if ranges[0][0] else 0
            out.put(separator, end, end)
        for i, (a, b) in enumerate(ranges):
            if i:
                gap = page.offsets.source_start(a)
                out.put(" ", gap, gap)
            out.copy_from(page.text, page.offsets, a, b)
    return out.build()


def _match_block(page: _Page, pieces: list[str], line: int | None, cursor: int):
    """Ranges of page.text holding the block's text, and the key offset after them. The whole block is
    looked for first (from its line in the page, then from the cursor); failing that, word by word."""
    key = _IGNORED.sub("", "".join(pieces))
    if not key:
        return [], cursor
    hint = max(cursor, page.key_offset_at_line(line))
    found = page.key.find(key, hint)
    if found < 0 and hint > cursor:
        found = page.key.find(key, cursor)
    if found >= 0:
        return [_text_range(page, found, found + len(key))], found + len(key)
    ranges: list[tuple[int, int]] = []
    window = cursor + 4 * len(key) + 2000  # a word far ahead is another block's, not this one's
    for word in " ".join(pieces).split():
        word = _IGNORED.sub("", word)
        at = page.key.find(word, cursor, window + len(word))
        if not word or at < 0:
            continue
        a, b = _text_range(page, at, at + len(word))
        if ranges and at == cursor:
            ranges[-1] = (ranges[-1][0], b)
        elif ranges and page.text[ranges[-1][1] : a].isspace():
            ranges[-1] = (ranges[-1][0], b)
        else:
            ranges.append((a, b))
        cursor = at + len(word)
    return ranges, cursor


def _text_range(page: _Page, key_start: int, key_end: int) -> tuple[int, int]:
    return page.text_offset(key_start), page.text_offset(key_end - 1) + 1


# -- metadata -----------------------------------------------------------------------------------------
def _metadata(tree) -> tuple[str | None, str | None]:
    """The page's title and publication date from its metadata: Open Graph's title, else <title>;
    article:published_time (or schema.org's datePublished), else JSON-LD's, else the first <time>."""
    found: dict[str, list[str]] = {"og": [], "title": [], "meta": [], "ld": [], "time": []}
    for el in tree.xpath('//meta[@property="og:title" or @property="article:published_time" or '
                         '@itemprop="datePublished"] | //title | //script[@type="application/ld+json"]'
                         " | //time[@datetime]"):  # one walk over the page
        if el.tag == "meta":
            found["og" if el.get("property") == "og:title" else "meta"].append(el.get("content") or "")
        elif el.tag == "title":
            found["title"].append(el.text_content())
        elif el.tag == "script":
            found["ld"].append(el.text or "")
        else:
            found["time"].append(el.get("datetime"))
    title = next((" ".join(t.split()) for t in found["og"] + found["title"] if t.strip()), None)
    dates = found["meta"] + [_json_ld_date(script) for script in found["ld"]] + found["time"]
    return title, next((d for d in map(iso_date, dates) if d), None)


def _json_ld_date(script: str) -> str | None:
    """The first datePublished in a JSON-LD script (an object, its @graph, or a list of objects)."""
    try:
        return _date_published(json.loads(script))
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
        return None


def _date_published(data) -> str | None:
    if isinstance(data, list):
        return next((d for d in map(_date_published, data) if d), None)
    if isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            return data["datePublished"]
        return _date_published(data.get("@graph"))
    return None
