"""Text from documents and rule files made safe for a terminal and for JSON read in one.

Documents come from anywhere on the web and rule files from shared repositories, so either may hold
terminal control sequences: OSC 52 (`ESC ] 52 ; c ; … BEL`) writes the user's clipboard, OSC 0 sets the
window title, OSC 8 makes hyperlinks, CSI (`ESC [ 2 J`, or the one-character C1 form U+009B) clears the
screen, and bidirectional overrides (U+202E) make a line read differently from what it holds. Every
report that can reach a terminal passes such text through `escape_controls`, which shows each of those
characters as a visible escape (`\\x1b`, `\\x9b`, `\\u202e`) instead of sending it.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls; the bidirectional embeddings, overrides and isolates; the Unicode line
# and paragraph separators (a line break to some terminals, invisible to others).
_CONTROLS = "\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
# Inside JSON strings: what json.dumps(ensure_ascii=False) leaves raw although a terminal would act on it
# (it escapes only the C0 controls). `\uXXXX` keeps the value; the text a parser reads is unchanged.
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every control character shown as a visible escape, except those in `keep` (such as
    "\\n" where a report lays text out over several lines)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)


def escaped_width(char: str) -> int:
    """How many columns `char` takes once escaped by `escape_controls` (1 if it is left as it is)."""
    return len(_escaped(char)) if _CONTROL.fullmatch(char) else 1


def json_safe(serialized: str) -> str:
    """JSON text with the controls that json.dumps leaves raw written as `\\uXXXX` escapes (valid only
    inside strings, which is the only place such characters occur in JSON)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", serialized)
