"""Documents: text read exactly as the contract says, offsets, lines, paragraphs and sentences.

Offsets are Python string indices into the text as `open(path, encoding="utf-8-sig", newline="")`
returns it: a leading byte-order mark dropped, line endings kept.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class DocumentError(Exception):
    """An input that cannot be read as a document; the message is one line naming the file."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{display_path(path)}: {problem}")
        self.path = path
        self.problem = problem


def display_path(path: str | os.PathLike[str]) -> str:
    """`path` fit for a one-line message: bytes that are not UTF-8 and control characters escaped."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    try:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "backslashreplace").decode("utf-8")
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of offsets into a document's text."""

    start: int
    end: int


# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before whitespace, or at
# a full stop between a word and a capitalised one with no space, as pasted text has it ("which includes
# infants.On May 12"; not "St.Petersburg", "U.S.A", "e.g.The").
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|(?<=[a-zа-яё]{2})\.(?=[A-ZА-ЯЁ][a-zа-яё ])")
# Words whose final period does not end a sentence ("Mr. Smith", "т. е.", "A. Sidorov", "p. 5").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt maj st no nos vol art fig figs approx est etc vs jan feb mar apr
    jun jul aug sep sept oct nov dec inc ltd corp co jr sr e.g i.e u.s u.k u.n a.m p.m p pp cf ch sec para
    г гг т тыс млн млрд руб долл им ул пр см стр рис ст п ч кв""".split()
)
# A list number opening a paragraph ("1. NEXUS", "  2. Same lech") is not a sentence of its own.
_LIST_NUMBER = re.compile(r"\d{1,3}\.")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
HEADLINE_LENGTH = 200  # the most characters of a first line that reads as a headline
_LINE_ENDS_BLOCK = re.compile(r"[.!?…:\"'»”’)\]]\s*$")
# A line that opens a list item or a numbered comment: "1. NEXUS", "    3. Nyrobsky", "• item", "2) x".
_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[•*▪●◦‣])[ \t]+\S")
# A line that ends with one of these runs on into the next one.
_RUNS_ON = tuple(",;(-–—/&+")
_OPENING = tuple("\"'«“„‘([")
_CLOSING = "”»’)]"
SHORT_LINE = 60  # in text not hard-wrapped, a line shorter than this (a heading, a header) is a block


@dataclass(frozen=True, slots=True)
class FormatOnly:
    """The origin of a document sent without its text: only the format it was extracted from."""

    format: str


@dataclass
class Document:
    """A text with its path, and the derived structure rules need (all computed on first use).

    For a web page, Markdown, Word or PDF file, `text` is the extracted text (what a reader sees) and
    `origin` maps its offsets back to the file."""

    path: str
    text: str
    title: str | None = None  # from the format's metadata (HTML, front matter, DOCX, PDF), if it says
    published: str | None = None  # the metadata's publication date, 'YYYY[-MM[-DD]]'
    origin: object = None  # formats.origin.SourceText/SourceBlocks: where extracted text came from
    named_file: bool = True  # False for a text with no file of its own (a rule's example): `path` is a label

    @property
    def format(self) -> str:
        """"text", or the format the text was extracted from ("html", "markdown", "docx", "pdf")."""
        return self.origin.format if self.origin is not None else "text"

    def without_text(self) -> "Document":
        """This document without its text, for a result without findings sent back by a worker: the
        reports read only its path, format and metadata then."""
        return Document(self.path, "", self.title, self.published,
                        None if self.origin is None else FormatOnly(self.origin.format), self.named_file)

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
    def wrap_width(self) -> int | None:
        """The width hard-wrapped text was wrapped at, or None when each line was written as it stands.

        Text counts as hard-wrapped when most lines that run on into another line have about the same
        length, 40 to 120 characters."""
        lines = (self.text[s.start : s.end] for s in map(self.line_span, range(1, len(self.line_starts) + 1)))
        # one line at a time: a list of every line would copy the whole text
        inner = sorted(len(a.rstrip().expandtabs())
                       for a, b in itertools.pairwise(lines) if a.strip() and b.strip())
        if len(inner) < 2:
            return None
        width = inner[-(-9 * len(inner) // 10) - 1]  # the 90th percentile: a few long lines are noise
        if not 40 <= width <= 120:
            return None
        slack = max(15, width // 4)
        near = sum(1 for n in inner if width - slack <= n <= width + 8)
        return width if near >= 0.7 * len(inner) else None

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks separated by blank lines. Within a block, a line break also separates paragraphs before a
        list item ("  3. Nyrobsky") and, in hard-wrapped text, where the next word would have fitted on
        the line; in text that is not hard-wrapped, after a line that ends a sentence or is short (a
        heading, a comment header), or before a capitalised line. Hard-wrapped prose stays one paragraph."""
        spans: list[Span] = []
        text = self.text
        wrap = self.wrap_width
        n_lines = len(self.line_starts)
        start = 0
        prev: str | None = None  # the previous line when it was not blank
        for line_no in range(1, n_lines + 1):
            span = self.line_span(line_no)
            line = text[span.start : span.end]
            if not line.strip():
                if prev is not None:
                    self._close_paragraph(spans, start, self.line_starts[line_no - 1])
                prev = None
                start = self.line_starts[line_no] if line_no < n_lines else len(text)
                continue
            if prev is not None and _breaks_between(prev, line, wrap):
                line_start = self.line_starts[line_no - 1]
                self._close_paragraph(spans, start, line_start)
                start = line_start
            prev = line
        self._close_paragraph(spans, start, len(text))
        return spans

    @cached_property
    def unwrapped_text(self) -> str:
        """The text with every line break inside a paragraph read as spaces (the same length, so every
        offset holds): in hard-wrapped text ("the support of 39\npct of the voters") a figure and its unit
        may lie on two lines. The text itself when no paragraph runs over a line break."""
        text = self.text
        if "\n" not in text and "\r" not in text:
            return text
        pieces, last = [], 0
        for paragraph in self.paragraphs:
            inner = text[paragraph.start : paragraph.end]
            if "\n" in inner or "\r" in inner:
                pieces += [text[last : paragraph.start], _LINE_BREAK.sub(_spaces, inner)]
                last = paragraph.end
        return text if not pieces else "".join(pieces) + text[last:]

    def windows(self, size: int) -> list[Span]:
        """The text cut into consecutive spans of whole paragraphs, each at most `size` characters where
        it can be: a longer paragraph is cut between sentences, and a longer sentence is a span of its
        own. One span covers a text of at most `size` characters."""
        if len(self.text) <= size:
            return [Span(0, len(self.text))]
        cuts = [0]
        for paragraph in self.paragraphs:
            if paragraph.end - paragraph.start <= size:
                units = [paragraph]
            else:
                units = [Span(paragraph.start + s.start, paragraph.start + s.end)
                         for s in self.part(paragraph).sentences]
            for unit in units:
                if unit.end - cuts[-1] > size and unit.start > cuts[-1]:
                    cuts.append(unit.start)
        return [Span(a, b) for a, b in zip(cuts, cuts[1:] + [len(self.text)])]

    def part(self, span: Span) -> "Document":
        """The text of `span` as a document of its own (offsets count from the span's start), split into
        paragraphs as this whole document is."""
        part = Document(self.path, self.text[span.start : span.end], self.title, self.published,
                        named_file=self.named_file)
        # whether text is hard-wrapped is a property of the whole: a part must not judge it again; nor
        # whether it opens with a headline (only the part at the document's start can)
        part.__dict__["wrap_width"] = self.wrap_width
        part.__dict__["headline"] = self.headline if span.start == 0 else None
        return part

    @cached_property
    def headline(self) -> Span | None:
        """The first paragraph when it reads as a headline: one line of at most HEADLINE_LENGTH characters
        that does not end in a full stop, colon or comma, with more text after it; else None."""
        paragraphs = self.paragraphs
        if len(paragraphs) < 2:
            return None
        first = paragraphs[0]
        line = self.text[first.start : first.end]
        if "\n" in line or "\r" in line or len(line) > HEADLINE_LENGTH or line.endswith((".", ":", ",", ";")):
            return None
        return first

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
        """Sentences within paragraphs; abbreviations, initials, "(!)", closing quotes and a list number
        opening the paragraph do not split; a run of bare punctuation (".. ..") joins the sentence before."""
        spans: list[Span] = []
        text = self.text
        for para in self.paragraphs:
            pieces: list[tuple[int, int]] = []
            start = para.start
            for m in _SENTENCE_END.finditer(text, para.start, para.end):
                if start == para.start and _LIST_NUMBER.fullmatch(text, para.start, m.end()):
                    continue
                if not _ends_sentence(text, m.start(), m.end(), para.end):
                    continue
                end = _closing_after(text, m.end(), para.end)
                pieces.append((start, end))
                start = end
                while start < para.end and text[start].isspace():
                    start += 1
            if start < para.end:
                pieces.append((start, para.end))
            spans.extend(_join_bare_punctuation(text, pieces))
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


def _spaces(m: re.Match) -> str:
    return " " * len(m.group(0))


def _join_bare_punctuation(text: str, pieces: list[tuple[int, int]]) -> list[Span]:
    """Sentence spans for `pieces`, a piece with no letter or digit (".." after "supporters ..") joined to
    the one before."""
    out: list[Span] = []
    for start, end in pieces:
        if out and not any(c.isalnum() for c in text[start:end]):
            out[-1] = Span(out[-1].start, end)
        else:
            out.append(Span(start, end))
    return out


def _closing_after(text: str, end: int, limit: int) -> int:
    """`end`, moved past a closing quote or bracket set off by a space ("terrorists. ” The same")."""
    j = end
    while j < limit and text[j] in " \u00a0":
        j += 1
    k = j
    while k < limit and text[k] in _CLOSING:
        k += 1
    return k if k > j and (k == limit or text[k].isspace()) else end


def _breaks_between(line: str, nxt: str, wrap: int | None) -> bool:
    """Whether the line break between `line` and the next line `nxt` (neither blank) ends a paragraph."""
    body = line.rstrip()
    first_word = nxt.split(None, 1)[0]
    fits = wrap is not None and len(body.expandtabs()) + 1 + len(first_word) <= wrap
    if _LIST_ITEM.match(nxt) and (wrap is None or fits or nxt[0] in " \t"):
        return True
    if wrap is not None:
        return fits
    if _LINE_ENDS_BLOCK.search(body) or len(body.strip()) < SHORT_LINE:
        return True
    if body.endswith(_RUNS_ON):
        return False
    return first_word[0].isupper() or first_word.startswith(_OPENING)


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
    return Document(name, decode_text(name, read_bytes(name, max_bytes)))


def read_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of the regular file `path`, or DocumentError with a one-line reason (a directory, a named
    pipe, a file over `max_bytes`, one that cannot be opened)."""
    name = os.fspath(path)
    with read_errors(name):
        st = os.stat(name)
        kind = ("directory" if stat.S_ISDIR(st.st_mode)
                else "other" if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode) else "file")
        return read_limited(name, kind, st.st_size, lambda: open(name, "rb"), max_bytes)


@contextlib.contextmanager
def read_errors(name: str):
    """Within the block, whatever reading document `name` raises becomes a DocumentError naming `name`,
    worded the same whatever the store (a local file here, an fsspec URL in sources.py)."""
    try:
        yield
    except DocumentError as exc:
        raise DocumentError(name, exc.problem) from None
    except IsADirectoryError:
        raise DocumentError(name, "is a directory") from None
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    except (ValueError, OverflowError) as exc:  # an embedded NUL in the name, an absurd limit
        raise DocumentError(name, f"cannot be read ({exc})") from None


def read_limited(name: str, kind: str, size: int, open_binary, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of document `name`, which its store says is of `kind` ("file", "directory", or "other":
    a named pipe or socket) and `size` bytes, read with `open_binary()`; DocumentError if it is not a file
    or holds more than `max_bytes`."""
    if kind == "directory":
        raise DocumentError(name, "is a directory")
    if kind == "other":
        # opening a named pipe blocks until someone writes to it: one such file would stall a corpus
        raise DocumentError(name, "is a named pipe or socket, not a file (- reads standard input)")
    if size > max_bytes:
        raise DocumentError(name, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
    with open_binary() as f:
        # at most one byte more than the limit: a device or pipe ("/dev/zero") may never end
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(name, f"file is too large (more than {max_bytes:,} bytes)")
    return data


_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode_text(name: str, data: bytes) -> str:
    """Decode UTF-8 bytes (a leading BOM dropped), rejecting binary data with a clear reason."""
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise DocumentError(name, f"is {encoding} text (it starts with a {encoding} byte-order mark), "
                                      "not UTF-8")
    skip = 3 if data.startswith(_BOM) else 0
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise DocumentError(name, f"looks like a binary file (NUL byte at offset {nul}), not text")
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        problem = f"is not valid UTF-8 (byte 0x{data[offset]:02x} at byte offset {offset})"
        from .formats.encoding import likely_encoding

        guess = likely_encoding(data)
        if guess and guess not in ("utf_8", "ascii"):
            problem += f"; it looks like {guess}: try --encoding {guess}"
        raise DocumentError(name, problem) from None
