"""Failures confined to the part of a document they happen in.

A number the code cannot handle (a run of 309 digits overflows a float) must not cost the rest of the
document. When extracting the whole text fails, each paragraph is extracted on its own, and each sentence
of a paragraph that still fails; only the sentences that fail are left out, and each is reported as a
`Skipped` region with the reason. The engine does the same for a rule whose arithmetic fails on one
binding (see `auditor.engine`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .document import Document, Span
from .extract import Extraction, extract_text


@dataclass(frozen=True, slots=True)
class Skipped:
    """A region of a document left unchecked, and why (one line, naming the failure)."""

    start: int
    end: int
    reason: str

    def to_json(self, line_col) -> dict:
        line, column = line_col(self.start)
        return {"start": self.start, "end": self.end, "line": line, "column": column, "reason": self.reason}

    def shifted(self, by: int) -> "Skipped":
        """This region with its offsets moved `by` characters."""
        return replace(self, start=self.start + by, end=self.end + by)


def failure(exc: BaseException) -> str:
    """A failure in one line: its type and message."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def extract_document(doc: Document) -> tuple[Extraction, list[Skipped]]:
    """The document's quantities, extracted whole when possible, else paragraph by paragraph and, in a
    paragraph that fails, sentence by sentence; with the regions that could not be extracted."""
    try:
        return _as_written(doc, extract_text(doc.unwrapped_text)), []
    except Exception:  # noqa: BLE001 - any failure: fall back to smaller pieces and name what fails
        pass
    quantities, ignored, skipped = [], [], []
    for paragraph in doc.paragraphs:
        try:
            _add(doc, paragraph, quantities, ignored)
            continue
        except Exception:  # noqa: BLE001
            pass
        for sentence in doc.sentences[doc.sentence_index(paragraph.start):]:
            if sentence.start >= paragraph.end:
                break
            try:
                _add(doc, sentence, quantities, ignored)
            except Exception as exc:  # noqa: BLE001
                skipped.append(Skipped(sentence.start, sentence.end, f"quantities not extracted ({failure(exc)})"))
    return _as_written(doc, Extraction(quantities, ignored)), skipped


def _as_written(doc: Document, extraction: Extraction) -> Extraction:
    """`extraction` of the document's unwrapped text, each span's text as the document has it ("39\npct")."""
    if doc.unwrapped_text is not doc.text:
        text = doc.text
        for item in (*extraction.quantities, *extraction.ignored):
            item.text = text[item.start : item.end]
    return extraction


def _add(doc: Document, span: Span, quantities: list, ignored: list) -> None:
    """Extract `span` of the document on its own and add its findings, with document offsets."""
    part = extract_text(doc.unwrapped_text[span.start : span.end])
    quantities += [q.shifted(span.start) for q in part.quantities]
    ignored += [i.shifted(span.start) for i in part.ignored]
