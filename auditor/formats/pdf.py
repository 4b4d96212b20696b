"""PDF files: the text layer page by page (pypdf)."""

from __future__ import annotations

import io
import logging

from ..document import Document, DocumentError
from .dates import iso_date
from .origin import SourceBlocks


def read_pdf(name: str, data: bytes) -> Document:
    """The text of the PDF `data`, page by page; each page's number is kept in the origin. A PDF whose
    pages have no text (scanned images) is refused: it needs OCR first."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise DocumentError(name, "reading PDF files needs pypdf: pip install 'auditor[pdf]'") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(name, "is an encrypted PDF (a password is needed to read it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # a damaged file fails in many ways inside pypdf, not only with PyPdfError
        raise DocumentError(name, f"is not a readable PDF file ({type(exc).__name__}: "
                                  f"{' '.join(str(exc).split())[:120]})") from None
    text, origin = SourceBlocks.assemble("pdf", [({"page": n}, page) for n, page in enumerate(pages, start=1)])
    if not text:
        raise DocumentError(name, f"has no text layer ({len(pages)} page{'s' * (len(pages) != 1)} of images, "
                                  "a scan?): run OCR on it first, e.g. with ocrmypdf")
    title, published = _info(reader)
    return Document(name, text, title=title, published=published, origin=origin)


def _info(reader) -> tuple[str | None, str | None]:
    """Title and creation date from the PDF's document information, when it has them."""
    try:
        info = reader.metadata
        if info is None:
            return None, None
        return (info.title or None), iso_date(info.creation_date)
    except Exception:  # a malformed date or title costs the metadata, not the document
        return None, None
