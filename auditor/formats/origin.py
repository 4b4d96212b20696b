"""Where a document's extracted text came from: positions in the source file for every report.

Plain text has no origin (its offsets are positions in the file). A web page or Markdown file has a
`SourceText`: offsets map to characters of the file, with line and column. A Word file or PDF has
`SourceBlocks`: offsets map to the paragraph, table cell or page they were read from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from ..document import Document, display_path
from .textmap import OffsetMap


@dataclass
class SourceText:
    """The source file's text (as read) and the map from extracted offsets into it."""

    format: str  # "html" or "markdown"
    text: str
    offsets: OffsetMap

    @cached_property
    def source_document(self) -> Document:
        """The source file's text as a Document, for its lines and columns."""
        return Document("", self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source range of the extracted range `start:end`."""
        return self.offsets.source_span(start, end)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the source of extracted `offset`."""
        return self.source_document.line_col(self.offsets.source_start(offset) if self.offsets.length else 0)

    def region(self, start: int, end: int) -> dict:
        """The source range of `start:end` as offsets and 1-based line/column of both ends."""
        s, e = self.span(start, end)
        line, col = self.source_document.line_col(s)
        end_line, end_col = self.source_document.line_col(e)
        return {"start": s, "end": e, "line": line, "column": col, "end_line": end_line, "end_column": end_col}

    def json(self, start: int, end: int) -> dict:
        """The keys a JSON span gains: its place in the source file."""
        r = self.region(start, end)
        return {"source_start": r["start"], "source_end": r["end"], "source_line": r["line"],
                "source_column": r["column"]}

    def label(self, offset: int) -> str:
        """`line:column` in the source."""
        line, col = self.line_col(offset)
        return f"{line}:{col}"


@dataclass
class SourceBlocks:
    """The blocks (pages, paragraphs, table cells) an extracted text was read from, in order."""

    format: str  # "docx" or "pdf"
    starts: list[int]  # extracted offset where each block begins
    places: list[dict]  # each block's place: {"page": 3}, {"paragraph": 12}, {"table": 1, "row": 2, "cell": 1}

    @classmethod
    def assemble(cls, format: str, blocks) -> tuple[str, SourceBlocks]:
        """The text of `blocks`, (place, text) pairs, as paragraphs separated by blank lines (blocks with
        no text left out), and the origin that knows each one's place."""
        parts: list[str] = []
        starts: list[int] = []
        places: list[dict] = []
        length = 0
        for place, text in blocks:
            text = text.strip()
            if not text:
                continue
            if parts:
                parts.append("\n\n")
                length += 2
            starts.append(length)
            places.append(place)
            parts.append(text)
            length += len(text)
        return "".join(parts), cls(format, starts, places)

    def place(self, offset: int) -> dict:
        """The place of the block holding extracted `offset`."""
        if not self.starts:
            return {}
        return self.places[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def json(self, start: int, end: int) -> dict:
        """The keys a JSON span gains: the block it is in."""
        return dict(self.place(start))

    def label(self, offset: int) -> str:
        """"page 3", "paragraph 12", "table 1, row 2, cell 1"."""
        return ", ".join(f"{k} {v}" for k, v in self.place(offset).items())


def position(doc: Document, offset: int) -> str:
    """Where extracted `offset` of `doc` is in its file, for people: "line:column" for text, web pages and
    Markdown (the file's own line and column), "page 3" for PDF, "paragraph 12" for Word."""
    if doc.origin is not None:
        return doc.origin.label(offset)
    line, col = doc.line_col(offset)
    return f"{line}:{col}"


def where(doc: Document, offset: int, path: str | None = None) -> str:
    """"path:line:column", or "path, page 3" for PDF and Word; `path` replaces the document's own."""
    shown = display_path(doc.path) if path is None else path
    separator = ", " if isinstance(doc.origin, SourceBlocks) else ":"
    return f"{shown}{separator}{position(doc, offset)}"


def source_keys(doc: Document, start: int, end: int) -> dict:
    """The keys a JSON span of `doc` gains to say where it is in the file: `source_start`,
    `source_end`, `source_line`, `source_column` for web pages and Markdown; `page` for PDF; `paragraph`
    (or `table`, `row`, `column`) for Word. None for plain text, whose offsets are already the file's."""
    return doc.origin.json(start, end) if doc.origin is not None else {}
