"""Turning command-line paths into documents: directories expand to their .txt and .md files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .document import Document, DocumentError, display_path, read_document

DOCUMENT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be used; `message` is one line naming the path."""

    path: str
    message: str


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Each file path as given, each directory as its .txt/.md files (sorted, recursive, hidden ones
    skipped); problems as InputError. A directory reached twice through symbolic links is read once, and
    a symbolic link back into its own ancestors is reported once, not followed forever."""
    for path in paths:
        shown = display_path(path)
        if os.path.isdir(path):
            found = False
            for item in _walk(path):
                found = True
                yield item
            if not found:
                yield InputError(path, f"{shown}: directory has no .txt or .md files")
        elif os.path.exists(path):
            yield path
        elif os.path.islink(path):
            yield InputError(path, f"{shown}: broken symbolic link")
        else:
            yield InputError(path, f"{shown}: no such file or directory")


def _walk(top: str) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(top, frozenset())]
    while stack:
        directory, ancestors = stack.pop()
        shown = display_path(directory)
        try:
            st = os.stat(directory)
        except OSError as exc:
            yield InputError(directory, f"{shown}: cannot be read ({exc.strerror})")
            continue
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            yield InputError(directory, f"{shown}: directory loop through a symbolic link, skipped")
            continue
        if key in seen:  # the same directory again, through another symbolic link: read it once
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(directory, f"{shown}: cannot be listed ({exc.strerror})")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.path)
            elif entry.name.lower().endswith(DOCUMENT_SUFFIXES):
                yield entry.path
        inner = ancestors | {key}
        stack.extend((d, inner) for d in reversed(subdirs))


def load_documents(paths: Iterable[str]) -> Iterator[Document | InputError]:
    """Documents for `paths` in order, with an InputError in place of each one that cannot be read."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield read_document(item)
        except DocumentError as exc:
            yield InputError(item, str(exc))
