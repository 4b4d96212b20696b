"""Extracted text that remembers where each of its characters came from in the source text.

A web page or a Markdown file is checked as the text a reader sees, but every finding must point back at
the characters of the file itself. `TextBuilder` assembles that text piece by piece, and `OffsetMap`
answers, for any offset of it, the offset in the source it came from. No HTML or Markdown library reports
character offsets of the text it yields (lxml gives a line number at most), so the map is ours.
"""

from __future__ import annotations

import bisect


class OffsetMap:
    """Extracted offsets to source offsets, kept as segments rather than one entry per character.

    Segment i starts at extracted offset `starts[i]`. A copied segment (`ends[i]` is None) was taken from
    the source character for character from `sources[i]` on; any other segment stands, every character
    of it, for the source range `sources[i]:ends[i]` (a decoded `&nbsp;`, collapsed white space, an inserted
    paragraph break).
    """

    __slots__ = ("starts", "sources", "ends", "length")

    def __init__(self, starts: list[int], sources: list[int], ends: list[int | None], length: int):
        self.starts, self.sources, self.ends, self.length = starts, sources, ends, length

    def _segment(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def source_start(self, offset: int) -> int:
        """Source offset of the character at extracted `offset`."""
        i = self._segment(offset)
        if self.ends[i] is None:
            return self.sources[i] + offset - self.starts[i]
        return self.sources[i]

    def source_end(self, offset: int) -> int:
        """Source offset just past the character at extracted `offset`."""
        i = self._segment(offset)
        end = self.ends[i]
        return self.sources[i] + offset - self.starts[i] + 1 if end is None else end

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range the extracted range `start:end` came from (end exclusive)."""
        if not self.starts:
            return 0, 0
        if end <= start:
            s = self.source_start(min(start, self.length - 1)) if self.length else 0
            return s, s
        return self.source_start(start), self.source_end(end - 1)

    def first_at_or_after(self, source_offset: int) -> int:
        """The first extracted offset whose source offset is `source_offset` or later (the length if none)."""
        i = bisect.bisect_left(self.sources, source_offset)
        # the segment before may be a copy that runs past source_offset
        if i > 0 and self.ends[i - 1] is None:
            seg_len = (self.starts[i] if i < len(self.starts) else self.length) - self.starts[i - 1]
            if self.sources[i - 1] + seg_len > source_offset:
                return self.starts[i - 1] + max(0, source_offset - self.sources[i - 1])
        return self.starts[i] if i < len(self.starts) else self.length

    def segments(self, start: int, end: int):
        """(extracted start, extracted end, source start, source end or None) for the segments of
        `start:end`, clipped to it."""
        i = self._segment(start)
        while i < len(self.starts) and self.starts[i] < end:
            seg_end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
            a, b = max(start, self.starts[i]), min(end, seg_end)
            if a < b:
                if self.ends[i] is None:
                    yield a, b, self.sources[i] + a - self.starts[i], None
                else:
                    yield a, b, self.sources[i], self.ends[i]
            i += 1


class TextBuilder:
    """Builds an extracted text and its OffsetMap."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.ends: list[int | None] = []

    @property
    def last_char(self) -> str:
        """The last character appended ('' before any)."""
        return self.parts[-1][-1] if self.parts else ""

    @property
    def source_end(self) -> int:
        """The source offset just past what the last character appended stands for (0 before any)."""
        if not self.starts:
            return 0
        end = self.ends[-1]
        return self.sources[-1] + self.length - self.starts[-1] if end is None else end

    def copy(self, text: str, source_start: int) -> None:
        """Append `text`, found verbatim in the source at `source_start`."""
        if not text:
            return
        if not (self.ends and self.ends[-1] is None and self.source_end == source_start):
            self._segment(source_start, None)  # else it continues the previous copied segment
        self._append(text)

    def put(self, text: str, source_start: int, source_end: int) -> None:
        """Append `text`, which stands for the source range `source_start:source_end` as a whole."""
        if not text:
            return
        self._segment(source_start, source_end)
        self._append(text)

    def copy_from(self, text: str, offsets: OffsetMap, start: int, end: int) -> None:
        """Append `text[start:end]`, where `text` is another extracted text with map `offsets`."""
        for a, b, src, src_end in offsets.segments(start, end):
            if src_end is None:
                self.copy(text[a:b], src)
            else:
                self.put(text[a:b], src, src_end)

    def _segment(self, source_start: int, source_end: int | None) -> None:
        self.starts.append(self.length)
        self.sources.append(source_start)
        self.ends.append(source_end)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        """The text and its map."""
        return "".join(self.parts), OffsetMap(self.starts, self.sources, self.ends, self.length)
