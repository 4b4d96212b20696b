"""Soft-wrapping a document into screen rows, keeping every row tied to document offsets.

A row is a half-open range of offsets `[start, end)` of one source line (line endings excluded). Rows
break after a space where one fits, else hard at the width; a space that would overflow the width by
one cell stays at the end of its row (it is cropped from view), so no row begins with the space it was
broken at. Wide characters (CJK, emoji) count two cells. Offsets map to rows with `bisect`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size

# Control characters (C0, DEL, C1) shown as one visible cell each, so a row's text keeps its offsets: a
# terminal must never get them raw (ESC and U+009B open escape sequences, U+009D an OSC...).
_CONTROL = {c: "\ufffd" for c in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROL[9] = " "
del _CONTROL[10], _CONTROL[13]  # line breaks end rows: never drawn


def display_text(text: str) -> str:
    """`text` with tabs as one space and other control characters but line breaks as U+FFFD "�" (same
    length)."""
    return text.translate(_CONTROL)


@dataclass
class Wrapped:
    """The rows of a document at one width: `starts[i]:ends[i]` are the offsets of row `i`, and `lines[i]`
    the 0-based source line it belongs to (`first[i]` tells whether it is the line's first row)."""

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    first: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def row_of(self, offset: int) -> int:
        """The row holding `offset` (an offset on a line break belongs to the line's last row)."""
        if not self.starts:
            return 0
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def wrap_document(text: str, line_starts: list[int], width: int) -> Wrapped:
    """Every row of `text` (whose lines start at `line_starts`) wrapped at `width` cells."""
    width = max(1, width)
    text = display_text(text)  # measured as drawn: a control character takes one cell, as "�" does
    out = Wrapped(width)
    starts, ends, lines, first = out.starts, out.ends, out.lines, out.first
    n = len(text)
    for index, line_start in enumerate(line_starts):
        line_end = line_starts[index + 1] if index + 1 < len(line_starts) else n
        while line_end > line_start and text[line_end - 1] in "\r\n":
            line_end -= 1
        before = len(starts)
        for row_start, row_end in _wrap_line(text, line_start, line_end, width):
            starts.append(row_start)
            ends.append(row_end)
            lines.append(index)
            first.append(len(starts) - 1 == before)
    return out


def _wrap_line(text: str, start: int, end: int, width: int):
    """Rows of the line `text[start:end]`."""
    line = text[start:end]
    narrow = line.isascii() or cell_len(line) == len(line)
    if not narrow:
        if cell_len(line) <= width:
            yield start, end
        else:
            yield from _wrap_wide(text, start, end, width)
        return
    pos = start
    while end - pos > width:
        limit = pos + width
        if text[limit] == " ":  # the row is full and the next character is the break
            yield pos, limit + 1
            pos = limit + 1
            continue
        space = text.rfind(" ", pos, limit)
        cut = space + 1 if space > pos else limit
        yield pos, cut
        pos = cut
    yield pos, end


def _wrap_wide(text: str, start: int, end: int, width: int):
    """Rows of a line holding double-width characters, measured cell by cell."""
    pos = start
    cells = 0
    last_space = -1
    i = start
    while i < end:
        c = text[i]
        size = get_character_cell_size(c)
        if cells + size > width and i > pos:
            if c == " ":
                yield pos, i + 1
                pos = i + 1
                i += 1
            elif last_space > pos:
                yield pos, last_space + 1
                pos = last_space + 1
                i = pos
            else:
                yield pos, i
                pos = i
            cells = 0
            last_space = -1
            continue
        if c == " ":
            last_space = i
        cells += size
        i += 1
    yield pos, end
