"""Turning command-line paths into documents: files in their formats, directories walked, `-` for
standard input, fsspec URLs and globs (see sources.py)."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .document import MAX_DOCUMENT_BYTES, Document, DocumentError, display_path, read_bytes, read_errors
from .formats import SUFFIXES, format_of, parse
from .sources import expand_url, is_url, read_url

STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be used; `message` is one line naming the path."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class StandardInput:
    """What was read from standard input for the path `-`."""

    data: bytes
    path: str = STDIN_NAME


@dataclass(frozen=True)
class InputOptions:
    """How inputs are chosen and read: `include`/`exclude` globs for directory walks (default: every
    supported format), symbolic links out of a walked directory followed or not, the text encoding
    (default UTF-8) and the format of standard input."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    follow_links: bool = False
    encoding: str | None = None
    stdin_format: str = "text"
    stdin: object = field(default=None, compare=False)  # a binary stream; default sys.stdin.buffer


Input = str | StandardInput


def expand_paths(paths: Iterable[str], options: InputOptions = InputOptions()) -> Iterator[Input | InputError]:
    """Each file path as given, `-` as standard input, a URL as sources.expand_url lists it, each directory as its files in a supported format
    or matching `options.include` (sorted, recursive, hidden ones and `options.exclude` skipped);
    problems as InputError. A directory reached twice through symbolic links is read once, a symbolic
    link back into its own ancestors is reported once, and links that lead out of the directory are
    followed only with `options.follow_links`."""
    stdin_read = False
    for path in paths:
        shown = display_path(path)
        if path == STDIN:
            if stdin_read:
                yield InputError(STDIN_NAME, f"{STDIN_NAME}: standard input given more than once")
            else:
                stdin_read = True
                yield _read_stdin(options)
        elif is_url(path):
            yield from expand_url(path)
        elif os.path.isdir(path):
            walk = _Walk(path, options)
            found = False
            for item in walk:
                found = True
                yield item
            if not found:
                yield InputError(path, f"{shown}: directory has no files to check ({walk.looked_for()})")
        elif os.path.exists(path):
            yield path
        elif os.path.islink(path):
            yield InputError(path, f"{shown}: broken symbolic link")
        else:
            yield InputError(path, f"{shown}: no such file or directory")


def _read_stdin(options: InputOptions) -> StandardInput | InputError:
    stream = options.stdin if options.stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        return InputError(STDIN_NAME, f"{STDIN_NAME}: cannot be read ({exc.strerror or exc})")
    if len(data) > MAX_DOCUMENT_BYTES:
        return InputError(STDIN_NAME, f"{STDIN_NAME}: input is too large (more than {MAX_DOCUMENT_BYTES:,} bytes)")
    return StandardInput(data)


class _Walk:
    """The files under one directory, in sorted order, as `expand_paths` describes."""

    def __init__(self, top: str, options: InputOptions):
        self.top, self.options = top, options
        self.real_top = os.path.realpath(top)
        self.links_skipped = 0

    def looked_for(self) -> str:
        """What the walk looked for, for the message when it found nothing."""
        if self.options.include:
            what = "files matching " + ", ".join(self.options.include)
        else:
            what = "looked for " + ", ".join(SUFFIXES)
        if self.links_skipped:
            what += (f"; {self.links_skipped} symbolic link{'s' * (self.links_skipped != 1)} leading out of it "
                     "skipped, --follow-links follows them")
        return what

    def _wanted(self, relative: str, name: str) -> bool:
        options = self.options
        if options.include:
            if not any(_matches(relative, name, g) for g in options.include):
                return False
        elif not name.lower().endswith(tuple(SUFFIXES)):
            return False
        return not any(_matches(relative, name, g) for g in options.exclude)

    def _leads_out(self, path: str) -> bool:
        """Whether the symbolic link `path` leads out of the directory walked (a broken one does not: it is
        reported as broken)."""
        if not os.path.exists(path):
            return False
        real = os.path.realpath(path)
        return real != self.real_top and not real.startswith(self.real_top.rstrip(os.sep) + os.sep)

    def __iter__(self) -> Iterator[str | InputError]:
        seen: set[tuple[int, int]] = set()
        stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(self.top, frozenset())]
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
                relative = os.path.relpath(entry.path, self.top).replace(os.sep, "/")
                if entry.is_symlink() and not self.options.follow_links and self._leads_out(entry.path):
                    self.links_skipped += 1
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    if not any(_matches(relative, entry.name, g) for g in self.options.exclude):
                        subdirs.append(entry.path)
                elif self._wanted(relative, entry.name):
                    yield entry.path
            inner = ancestors | {key}
            stack.extend((d, inner) for d in reversed(subdirs))


def _matches(relative: str, name: str, glob: str) -> bool:
    """Whether a glob matches a path relative to the walked directory, or its file name alone."""
    return fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(name, glob)


def input_path(item: Input) -> str:
    """The path an expanded input is reported under."""
    return item if isinstance(item, str) else item.path


def input_bytes(item: Input, at: str | None = None) -> bytes:
    """The bytes of one expanded input, read from `at` if given (the same file by another name, such as
    its absolute path for a worker in another directory); DocumentError naming the input if they cannot
    be read."""
    if isinstance(item, StandardInput):
        return item.data
    if is_url(at or item):
        return read_url(item, at)
    with read_errors(item):  # named as the user gave it, wherever it was read from
        return read_bytes(at or item)


def read_input(item: Input, options: InputOptions = InputOptions(), data: bytes | None = None) -> Document:
    """The document for one expanded input whose bytes are `data` (default: read now), parsed in its
    format (standard input in `options.stdin_format`); DocumentError with a one-line reason if it cannot
    be."""
    if data is None:
        data = input_bytes(item)
    if isinstance(item, StandardInput):
        return parse(item.path, data, options.stdin_format, options.encoding)
    return parse(item, data, format_of(item), options.encoding)


def read_or_error(item: Input, options: InputOptions = InputOptions(),
                  data: bytes | None = None) -> Document | InputError:
    """`read_input`, with an InputError for an input that cannot be read, or whose reader failed (a
    bug in a format's reader must cost one document, not the run)."""
    path = input_path(item)
    try:
        return read_input(item, options, data)
    except DocumentError as exc:
        return InputError(path, str(exc))
    except Exception as exc:
        return InputError(path, f"{display_path(path)}: internal error while reading ({type(exc).__name__}: "
                                f"{exc}); please report it")


def load_documents(paths: Iterable[str], options: InputOptions = InputOptions()) -> Iterator[Document | InputError]:
    """Documents for `paths` in order, with an InputError in place of each one that cannot be read."""
    for item in expand_paths(paths, options):
        yield item if isinstance(item, InputError) else read_or_error(item, options)
