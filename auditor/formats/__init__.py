"""The formats documents come in: plain text, Markdown, web pages, Word and PDF files.

`parse` turns a file's bytes into a Document of the text a reader sees. For every format but plain text
the document's `origin` maps that text back to the file (see origin.py), so reports point at the source.
"""

from __future__ import annotations

import os

from ..document import Document
from .encoding import decode

SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
FORMAT_NAMES = ("text", "markdown", "html", "docx", "pdf")


def format_of(path: str) -> str:
    """The format of a file by its suffix; plain text when the suffix is not one of SUFFIXES."""
    return SUFFIXES.get(os.path.splitext(path)[1].lower(), "text")


def parse(name: str, data: bytes, fmt: str, encoding: str | None = None) -> Document:
    """The document in `data` read as format `fmt`; DocumentError with a one-line reason if it cannot be."""
    if fmt == "html":
        from .html import read_html

        return read_html(name, data, encoding)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(name, data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(name, data)
    text = decode(name, data, encoding)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(name, text)
    return Document(name, text)
