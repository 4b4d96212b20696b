"""The part of a long line a diagnostic shows: every span it underlines, with as much context as fits.

A line that fits is shown whole. Otherwise one window around all the spans if they fit together, else
a piece around each span with "…" for what is left out, so that underlines always sit under their
spans and no line is wider than asked.
"""

from __future__ import annotations

ELLIPSIS = "…"


def excerpt(line: str, spans: list[tuple[int, int]], width: int) -> tuple[str, list[tuple[int, int]]]:
    """(`line` cut to at most `width` characters, each span's (start, end) columns in it). Spans are
    offsets into `line`; they are kept whole unless one alone is wider than the width."""
    line = line.replace("\t", " ")
    n = len(line)
    spans = [(max(0, min(a, n)), max(0, min(b, n))) for a, b in spans]
    if n <= width:
        return line, spans
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    ranges = [[first, max(last, first + 1)]] if last - first + 2 <= width else _merge(spans)
    return _show(line, _grow(ranges, n, width), spans)


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, max(b, a + 1)])
    return out


def _cost(ranges: list[list[int]], n: int) -> int:
    return sum(b - a for a, b in ranges) + (ranges[0][0] > 0) + (ranges[-1][1] < n) + len(ranges) - 1


def _grow(ranges: list[list[int]], n: int, width: int) -> list[tuple[int, int]]:
    """Widen each piece a character at a time, left and right in turn, while the whole still fits."""
    grown = True
    while grown:
        grown = False
        for i in range(len(ranges)):
            for side in (0, 1):
                if i >= len(ranges):
                    break
                r = ranges[i]
                limit_low = ranges[i - 1][1] if i else 0
                limit_high = ranges[i + 1][0] if i + 1 < len(ranges) else n
                if side == 0 and r[0] > limit_low:
                    r[0] -= 1
                elif side == 1 and r[1] < limit_high:
                    r[1] += 1
                else:
                    continue
                if _cost(ranges, n) > width:
                    r[side] += 1 if side == 0 else -1
                    continue
                grown = True
                if i and ranges[i - 1][1] >= r[0]:  # touching the piece before: one piece, one "…" less
                    ranges[i - 1][1] = r[1]
                    del ranges[i]
                elif i + 1 < len(ranges) and r[1] >= ranges[i + 1][0]:
                    r[1] = ranges[i + 1][1]
                    del ranges[i + 1]
    return [(a, b) for a, b in ranges]


def _show(line: str, ranges: list[tuple[int, int]], spans: list[tuple[int, int]]):
    """The pieces joined with "…" where text is left out, and each span's columns in the result."""
    pieces, shifts, column = [], [], 0
    for a, b in ranges:
        if a > 0:
            pieces.append(ELLIPSIS)
            column += 1
        shifts.append((a, b, column - a))
        pieces.append(line[a:b])
        column += b - a
    if ranges[-1][1] < len(line):
        pieces.append(ELLIPSIS)
    columns = []
    for a, b in spans:
        shift = next(d for lo, hi, d in shifts if lo <= a < hi or a == hi)
        columns.append((a + shift, b + shift))
    return "".join(pieces), columns
