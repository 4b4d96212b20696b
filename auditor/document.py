"""Documents: text read exactly as the contract says, offsets, lines, paragraphs and sentences.

Offsets are Python string indices into the text as `open(path, encoding="utf-8-sig", newline="")`
returns it: a leading byte-order mark dropped, line endings kept.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import cached_property

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class DocumentError(Exception):
    """An input that cannot be read as a document; the message is one line naming the file."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of offsets into a document's text."""

    start: int
    end: int


# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before whitespace.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)")
# Words whose final period does not end a sentence ("Mr. Smith", "т. е.", "A. Sidorov").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt maj st no nos vol art fig approx est etc vs jan feb mar apr jun
    jul aug sep sept oct nov dec inc ltd corp co jr sr e.g i.e u.s u.k u.n a.m p.m г гг т тыс млн млрд руб
    долл им ул пр см стр рис ст п ч кв""".split()
)
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_ENDS_BLOCK = re.compile(r"[.!?…:\"'»”’)\]]\s*$")


@dataclass
class Document:
    """A text with its path, and the derived structure rules need (all computed on first use)."""

    path: str
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset` (columns count characters)."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of 1-based `line` and `column`."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        """The span of 1-based `line`, without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks separated by blank lines, or by a line break after a line that ends a sentence or is
        short (a heading, a comment header): hard-wrapped prose stays one paragraph."""
        spans: list[Span] = []
        text = self.text
        start = 0
        for line_no in range(1, len(self.line_starts) + 1):
            span = self.line_span(line_no)
            line = text[span.start : span.end]
            if not line.strip():
                if span.start > start:
                    self._close_paragraph(spans, start, span.start)
                start = self.line_starts[line_no] if line_no < len(self.line_starts) else len(text)
                continue
            is_last = line_no == len(self.line_starts)
            if is_last or _LINE_ENDS_BLOCK.search(line) or len(line.strip()) < 60:
                self._close_paragraph(spans, start, span.end)
                start = self.line_starts[line_no] if not is_last else len(text)
        return spans

    def _close_paragraph(self, spans: list[Span], start: int, end: int) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences within paragraphs; abbreviations, initials, "(!)" and closing quotes do not split."""
        spans: list[Span] = []
        text = self.text
        for para in self.paragraphs:
            start = para.start
            for m in _SENTENCE_END.finditer(text, para.start, para.end):
                if not _ends_sentence(text, m.start(), m.end(), para.end):
                    continue
                spans.append(Span(start, m.end()))
                start = m.end()
                while start < para.end and text[start].isspace():
                    start += 1
            if start < para.end:
                spans.append(Span(start, para.end))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def sentence_index(self, offset: int) -> int:
        """Index into `sentences` of the sentence containing (or last starting before) `offset`."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def paragraph_index(self, offset: int) -> int:
        """Index into `paragraphs` of the paragraph containing (or last starting before) `offset`."""
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)


def _ends_sentence(text: str, punct_start: int, punct_end: int, limit: int) -> bool:
    if text[punct_start] == "." and punct_end - punct_start == 1:
        word_start = punct_start
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
            word_start -= 1
        word = text[word_start:punct_start].lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and text[punct_start - 1].isupper()):
            return False
        if punct_start > 0 and text[punct_start - 1].isdigit():
            nxt = punct_end
            while nxt < limit and text[nxt] == " ":
                nxt += 1
            if nxt < limit and text[nxt].islower():
                return False
    nxt = punct_end
    while nxt < limit and text[nxt].isspace():
        nxt += 1
    # "(!) military personnel": a lower-case continuation is not a new sentence.
    return nxt >= limit or not text[nxt].islower()


def read_document(path: str | os.PathLike[str], max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read `path` as the contract says, or raise DocumentError with a one-line reason."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise DocumentError(name, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
        with open(name, "rb") as f:
            data = f.read()
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError(name, "is a directory") from None
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    return Document(name, decode_text(name, data))


def decode_text(name: str, data: bytes) -> str:
    """Decode UTF-8 bytes (a leading BOM dropped), rejecting binary data with a clear reason."""
    skip = 3 if data.startswith(_BOM) else 0
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise DocumentError(name, f"looks like a binary file (NUL byte at offset {nul}), not text")
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise DocumentError(
            name, f"is not valid UTF-8 (byte 0x{data[offset]:02x} at byte offset {offset})"
        ) from None
