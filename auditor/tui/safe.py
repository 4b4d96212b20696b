"""Text from documents, paths, rules and the user, made safe to show: never parsed as markup, and no
control character (C0, DEL, C1) reaching the terminal raw.

Everything the UI shows that it did not write itself goes through `plain` (a Rich `Text`, which Textual
never parses as markup) or `content` (a Textual `Content`, for border titles), after `printable`.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ..safe_text import escape_controls

# The common escapes read better than their codes in a table cell or a title.
_NAMED = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r"})


def printable(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\x9b`, `\\t`, `\\n`), as the
    reports write them (`auditor.safe_text`)."""
    return escape_controls(text.translate(_NAMED))


def one_line(text: str) -> str:
    """`text` on one line: runs of whitespace as one space, then `printable`."""
    return printable(" ".join(text.split()))


def plain(text: str, style: str = "", **options) -> Text:
    """A Rich Text of `text` as written (no markup), controls escaped."""
    return Text(printable(text), style=style, **options)


def content(text: str) -> Content:
    """A Textual Content of `text` as written (no markup), controls escaped: for titles and subtitles."""
    return Content(printable(text))
