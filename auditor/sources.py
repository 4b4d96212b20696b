"""Where documents come from: local paths, or fsspec URLs and globs (`s3://bucket/2017/**/*.txt`).

A source is named by a string: a local path as the user gave it, or a URL. `expand_sources` turns the
command line's PATHs into such names (listing only: nothing is read), and whoever checks a document,
this process or a Dask worker, reads its bytes with `read_source` and makes its Document with
`document_from_bytes`, so a remote document never passes through the client.

fsspec (the `auditor[dask]` extra, with s3fs, gcsfs, ... for their schemes) is imported only when a URL
is given.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator

from .document import MAX_DOCUMENT_BYTES, Document, DocumentError, decode_text
from .inputs import DOCUMENT_SUFFIXES, InputError, expand_paths

_GLOB_CHARACTERS = frozenset("*?[")


def is_url(name: str) -> bool:
    """Whether `name` is an fsspec URL (`scheme://...`) rather than a local path."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum()


def expand_sources(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Each PATH as document names in order: local paths as `inputs.expand_paths` does; a URL to a file as
    itself, to a directory as its document files (recursive, sorted, hidden ones skipped), a glob as the
    files it matches (sorted, dot files only if the pattern names them); problems as InputError."""
    for path in paths:
        if is_url(path):
            yield from _expand_url(path)
        else:
            yield from expand_paths([path])


def _filesystem(url: str):
    try:
        import fsspec
    except ImportError:
        raise DocumentError(url, "reading URLs needs fsspec (pip install 'auditor[dask]')") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # a scheme whose package is missing ("Install s3fs ...")
        raise DocumentError(url, f"cannot be opened ({exc})") from None


def _expand_url(url: str) -> Iterator[str | InputError]:
    try:
        fs, path = _filesystem(url)
        if _GLOB_CHARACTERS & set(path):
            found = fs.glob(path, detail=True)
            hidden_ok = path.rsplit("/", 1)[-1].startswith(".")  # as in a shell, `*` skips dot files
            names = sorted(name for name, info in found.items() if info.get("type") == "file"
                           and (hidden_ok or not name.rsplit("/", 1)[-1].startswith(".")))
            empty = "no file matches"
        elif fs.isdir(path):
            top = path.rstrip("/") + "/"
            names = sorted(name for name in fs.find(path)
                           if name.lower().endswith(DOCUMENT_SUFFIXES)
                           and not any(part.startswith(".") for part in name[len(top):].split("/")))
            empty = "directory has no " + " or ".join(DOCUMENT_SUFFIXES) + " files"
        elif fs.exists(path):
            names, empty = [path], ""
        else:
            names, empty = [], "no such file or directory"
    except DocumentError as exc:
        yield InputError(url, str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - a store's own errors (credentials, network) vary by backend
        yield InputError(url, f"{url}: cannot be listed ({type(exc).__name__}: {exc})")
        return
    if not names:
        yield InputError(url, f"{url}: {empty}")
    for name in names:
        yield fs.unstrip_protocol(name)


def read_source(name: str, at: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of document `name` (a local path or a URL), read from `at` if given (the same file by
    another name, such as its absolute path for a worker in another directory), or DocumentError with a
    one-line reason, worded as `document.read_document` words it so that every way of running reports
    the same."""
    at = at or name
    try:
        if is_url(at):
            fs, path = _filesystem(at)
            info = fs.info(path)
            kind, size = info.get("type"), info.get("size") or 0
            opener = fs.open
        else:
            path = at
            st = os.stat(at)
            kind = ("directory" if stat.S_ISDIR(st.st_mode)
                    else "other" if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode) else "file")
            size, opener = st.st_size, open
        if kind == "directory":
            raise DocumentError(name, "is a directory")
        if kind == "other":
            # opening a named pipe blocks until someone writes to it: one such file would stall a corpus
            raise DocumentError(name, "is a named pipe or socket, not a file")
        if size > max_bytes:
            raise DocumentError(name, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
        with opener(path, "rb") as f:
            # at most one byte more than the limit: a device or pipe ("/dev/zero") may never end
            data = f.read(max_bytes + 1)
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError(name, "is a directory") from None
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    except (ValueError, OverflowError) as exc:  # an embedded NUL in the name, an absurd limit
        raise DocumentError(name, f"cannot be read ({exc})") from None
    if len(data) > max_bytes:
        raise DocumentError(name, f"file is too large (more than {max_bytes:,} bytes)")
    return data


def document_from_bytes(name: str, data: bytes) -> Document:
    """The Document of source `name` whose content is `data` (DocumentError if it is not text). The one
    place a checked document is made from its bytes, locally and on workers alike."""
    return Document(name, decode_text(name, data))


def content_hash(data: bytes) -> str:
    """A hash of a document's bytes, so a resumed run re-checks a document whose content changed."""
    return hashlib.sha256(data).hexdigest()
