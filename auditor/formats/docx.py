"""Word files (.docx): the text paragraph by paragraph, table cells included, in document order."""

from __future__ import annotations

import io

from ..document import Document, DocumentError
from .dates import iso_date
from .origin import SourceBlocks


def read_docx(name: str, data: bytes) -> Document:
    """The text of the .docx file `data`; each paragraph's place (its number among the body's
    paragraphs, or its table, row and cell) is kept in the origin."""
    try:
        import docx
    except ImportError:
        raise DocumentError(name, "reading Word files needs python-docx: pip install 'auditor[docx]'") from None
    try:
        word = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(word))
    except Exception as exc:  # a zip that is not a Word file fails in many ways inside python-docx
        raise DocumentError(name, f"is not a readable .docx file ({type(exc).__name__}: "
                                  f"{' '.join(str(exc).split())[:120]})") from None
    text, origin = SourceBlocks.assemble("docx", blocks)
    props = word.core_properties
    return Document(name, text, title=props.title or None, published=iso_date(props.created), origin=origin)


def _blocks(word):
    """(place, text) for every paragraph of the body and every cell of its tables, in order."""
    from docx.table import Table

    paragraph = table = 0
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            table += 1
            seen = set()
            for r, row in enumerate(item.rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    yield {"table": table, "row": r, "cell": c}, cell.text
        else:
            paragraph += 1
            yield {"paragraph": paragraph}, item.text
