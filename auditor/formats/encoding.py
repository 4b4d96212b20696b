"""Turning a file's bytes into text: UTF-8 by default, another encoding when asked, a hint when it fails."""

from __future__ import annotations

import codecs
import re

from ..document import DocumentError, decode_text

# A web page may declare its encoding in its first bytes: <meta charset="windows-1251"> or
# <meta http-equiv="Content-Type" content="text/html; charset=koi8-r">.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def known_encoding(name: str) -> str | None:
    """The codec's canonical name for `name`, or None if Python has no such encoding."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(name: str, data: bytes, encoding: str | None = None) -> str:
    """`data` as text: in `encoding` if given, else as UTF-8 (a leading BOM dropped). Raises
    DocumentError with a one-line reason, naming the likely encoding when the bytes are not UTF-8."""
    if encoding is None:
        return decode_text(name, data)
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig"):
        return decode_text(name, data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(name, f"is not valid {encoding} (byte 0x{data[exc.start]:02x} at byte offset "
                                  f"{exc.start})") from None


def declared_html_encoding(data: bytes) -> str | None:
    """The encoding a web page declares in a <meta> tag of its first 2 KB, if Python knows it."""
    m = _META_CHARSET.search(data, 0, 2048)
    return known_encoding(m.group(1).decode("ascii")) if m else None


def likely_encoding(data: bytes) -> str | None:
    """The encoding `data` most probably is in (charset-normalizer's best guess), or None."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # a core dependency, but a hint is not worth failing for
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None
