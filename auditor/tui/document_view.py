"""The document view: a line-API ScrollView that renders only the rows on screen.

The text is soft-wrapped to the view's width (`wrap.wrap_document`, recomputed when the width changes);
each visible row is rendered to a `Strip` on demand and cached until the highlights, the width or the
theme change. Three layers of highlights are drawn over the text: every extracted quantity (faint),
the selected finding's spans (strong, one style per role: the claim, then up to four other roles), and
search matches; the span `tab` is on is drawn reversed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..document import Document
from ..findings import SpanRef
from .wrap import Wrapped, display_text, wrap_document

ROLE_CLASSES = ("claim", "role-1", "role-2", "role-3", "role-4")
MAX_SEARCH_MATCHES = 100_000


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlighted range of the document: `kind` names its style ("claim", "role-1", ...)."""

    start: int
    end: int
    role: str
    kind: str


def role_kinds(spans: Sequence[SpanRef]) -> list[str]:
    """The style of each span: the first (the claim) is "claim"; every other role gets the next of
    "role-1".."role-4" in order of first appearance (wrapping round), so one role keeps one style."""
    kinds: list[str] = []
    by_role: dict[str, str] = {}
    for i, span in enumerate(spans):
        if i == 0:
            by_role[span.role] = "claim"
        elif span.role not in by_role:
            others = len([k for k in by_role.values() if k != "claim"])
            by_role[span.role] = ROLE_CLASSES[1 + others % (len(ROLE_CLASSES) - 1)]
        kinds.append(by_role[span.role])
    return kinds


class DocumentView(ScrollView, can_focus=True):
    """Shows one document, wrapped, with quantities, a finding's spans and search matches highlighted."""

    COMPONENT_CLASSES = {
        "document-view--gutter",
        "document-view--quantity",
        "document-view--search",
        "document-view--current",
        *(f"document-view--{k}" for k in ROLE_CLASSES),
    }
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.wrapped: Wrapped | None = None
        self.highlights: list[Highlight] = []
        self.current: int | None = None
        self.search_query = ""
        self.search_matches: list[tuple[int, int]] = []
        self.search_index: int | None = None
        self._q_starts: list[int] = []
        self._q_ends: list[int] = []
        self._q_longest = 0
        self._m_starts: list[int] = []
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._pending_offset: int | None = None

    # -- scrolling: immediate, not animated (a page of text should be there at once) ------------------
    def action_scroll_down(self) -> None:
        """One row down."""
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        """One row up."""
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        """One screen down."""
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """One screen up."""
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        """The top of the document."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """The end of the document."""
        self.scroll_end(animate=False)

    # -- content ----------------------------------------------------------------------------------
    def show_document(self, document: Document | None, quantities: Iterable = ()) -> None:
        """Show `document` (None: nothing) from its top, with `quantities` (anything with .start/.end)
        highlighted faintly; the finding and search highlights are cleared."""
        same = document is self.document
        self.document = document
        self.highlights, self.current = [], None
        self.search_matches, self.search_index, self._m_starts = [], None, []
        self.set_quantities(quantities)
        if not same:
            self.wrapped = None
            self._pending_offset = None
            self._rewrap()
            self.scroll_to(0, 0, animate=False, immediate=True)
        if self.search_query:
            self.search(self.search_query)
        self._invalidate()

    def set_quantities(self, quantities: Iterable) -> None:
        """Highlight these ranges faintly (the extracted quantities)."""
        ranges = sorted((q.start, q.end) for q in quantities)
        self._q_starts = [s for s, _ in ranges]
        self._q_ends = [e for _, e in ranges]
        self._q_longest = max((e - s for s, e in ranges), default=0)
        self._invalidate()

    def set_spans(self, spans: Sequence[SpanRef]) -> None:
        """Highlight a finding's spans, one style per role; `current` is reset to the claim."""
        self.highlights = [Highlight(s.start, s.end, s.role, k) for s, k in zip(spans, role_kinds(spans))]
        self.current = 0 if spans else None
        self._invalidate()

    def set_current(self, index: int | None) -> None:
        """Mark span `index` of the highlighted ones as the one in focus."""
        self.current = index
        self._invalidate()

    def role_style(self, kind: str) -> Style:
        """The Rich style spans of `kind` are drawn in (for legends elsewhere)."""
        return self.get_component_rich_style(f"document-view--{kind}")

    # -- geometry ---------------------------------------------------------------------------------
    @property
    def gutter_width(self) -> int:
        """Cells taken by line numbers (and one space) at the left."""
        if self.document is None:
            return 0
        return len(str(len(self.document.line_starts))) + 1

    @property
    def text_width(self) -> int:
        """Cells available to the text of a row."""
        return max(0, self.scrollable_content_region.width - self.gutter_width)

    @property
    def visible_rows(self) -> range:
        """The rows currently on screen."""
        top = round(self.scroll_y)
        return range(top, top + self.scrollable_content_region.height)

    def row_of(self, offset: int) -> int:
        """The screen row (in the whole wrapped document) holding `offset`."""
        self._ensure_wrapped()
        return self.wrapped.row_of(offset) if self.wrapped else 0

    def is_offset_visible(self, offset: int) -> bool:
        """Whether `offset` is on a row currently on screen."""
        return self.row_of(offset) in self.visible_rows

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Scroll so that `offset` is on screen (a third of the way down when it must move, or always
        when `center`)."""
        self._ensure_wrapped()
        if self.wrapped is None:
            self._pending_offset = offset
            return
        row = self.wrapped.row_of(offset)
        if not center and row in self.visible_rows:
            return
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    def _ensure_wrapped(self) -> None:
        if self.document is not None and (self.wrapped is None or self.wrapped.width != self.text_width):
            self._rewrap()

    def _rewrap(self) -> None:
        width = self.text_width
        if self.document is None or width <= 0:
            self.wrapped = None
            self.virtual_size = Size(0, 0)
            return
        top = self.wrapped.starts[self.visible_rows.start] if self.wrapped and len(self.wrapped) else None
        self.wrapped = wrap_document(self.document.text, self.document.line_starts, width)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.wrapped))
        self._cache.clear()
        if self._pending_offset is not None:
            offset, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(offset, center=True)
        elif top is not None:
            self.scroll_to(y=self.wrapped.row_of(top), animate=False, immediate=True)

    def on_resize(self) -> None:
        """Wrap again at the new width."""
        if self.wrapped is None or self.wrapped.width != self.text_width:
            self._rewrap()
        self._invalidate()

    def notify_style_update(self) -> None:
        """Styles (the theme) changed: drop rendered rows."""
        super().notify_style_update()
        self._cache.clear()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- search -----------------------------------------------------------------------------------
    def search(self, query: str) -> int:
        """Highlight every case-insensitive occurrence of `query`; returns how many there are."""
        self.search_query = query
        self.search_index = None
        self.search_matches = []
        if query and self.document is not None:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for i, m in enumerate(pattern.finditer(self.document.text)):
                if i >= MAX_SEARCH_MATCHES:
                    break
                self.search_matches.append(m.span())
        self._m_starts = [s for s, _ in self.search_matches]
        self._invalidate()
        return len(self.search_matches)

    def next_match(self, forward: bool = True) -> int | None:
        """Move to the next (or previous) search match, scroll it into view; returns its offset.
        The first move goes to the first match from the top of the view."""
        if not self.search_matches:
            return None
        n = len(self.search_matches)
        if self.search_index is None:
            self._ensure_wrapped()
            top = 0
            if self.wrapped:
                top = self.wrapped.starts[min(self.visible_rows.start, len(self.wrapped) - 1)]
            i = bisect.bisect_left(self._m_starts, top)
            self.search_index = i % n if forward else (i - 1) % n
        else:
            self.search_index = (self.search_index + (1 if forward else -1)) % n
        offset = self.search_matches[self.search_index][0]
        self.scroll_to_offset(offset)
        self._invalidate()
        return offset

    # -- rendering --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Row `y` of the view (the rows above it scrolled away)."""
        self._ensure_wrapped()
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if self.wrapped is None or row >= len(self.wrapped):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[row] = strip
        return strip

    def _layers(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """The highlights touching `[start, end)`, lowest layer first, clipped to it."""
        layers: list[tuple[int, int, Style]] = []
        get = self.get_component_rich_style
        if self._q_starts:
            style = get("document-view--quantity")
            i = bisect.bisect_left(self._q_starts, start - self._q_longest)
            while i < len(self._q_starts) and self._q_starts[i] < end:
                s, e = self._q_starts[i], self._q_ends[i]
                if e > start:
                    layers.append((max(s, start), min(e, end), style))
                i += 1
        for h in self.highlights:
            if h.start < end and h.end > start:
                layers.append((max(h.start, start), min(h.end, end), get(f"document-view--{h.kind}")))
        if self.current is not None and self.current < len(self.highlights):
            h = self.highlights[self.current]
            if h.start < end and h.end > start:
                current = get("document-view--current", partial=True)
                layers.append((max(h.start, start), min(h.end, end), current))
        if self._m_starts:
            style = get("document-view--search")
            i = bisect.bisect_left(self._m_starts, start - len(self.search_query) - 1)
            while i < len(self._m_starts) and self._m_starts[i] < end:
                s, e = self.search_matches[i]
                if e > start:
                    layers.append((max(s, start), min(e, end), style))
                i += 1
        return layers

    def _render_row(self, row: int, width: int) -> Strip:
        wrapped, text = self.wrapped, self.document.text
        start, end = wrapped.starts[row], wrapped.ends[row]
        base = self.rich_style
        segments: list[Segment] = []
        gutter = self.gutter_width
        if gutter:
            label = str(wrapped.lines[row] + 1) if wrapped.first[row] else ""
            segments.append(Segment(label.rjust(gutter - 1) + " ", self.get_component_rich_style(
                "document-view--gutter")))
        shown = display_text(text[start:end])
        layers = self._layers(start, end)
        if not layers:
            segments.append(Segment(shown, base))
        else:
            cuts = sorted({start, end, *(s for s, _, _ in layers), *(e for _, e, _ in layers)})
            for a, b in zip(cuts, cuts[1:]):
                style = base
                for s, e, layer in layers:
                    if s <= a and b <= e:
                        style = style + layer
                segments.append(Segment(shown[a - start : b - start], style))
        return Strip(segments).crop_extend(0, width, base)

    def styled_ranges(self, row: int) -> list[tuple[str, Style]]:
        """The text and style of each piece of `row` as rendered (for tests and debugging)."""
        self._ensure_wrapped()
        strip = self._render_row(row, self.scrollable_content_region.width)
        return [(seg.text, seg.style) for seg in strip]
