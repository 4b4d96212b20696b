"""Documents named by fsspec URLs and globs (`s3://bucket/2017/**/*.html`, `gs://...`, `file://...`).

`inputs.expand_paths` hands a URL to `expand_url`, which lists its documents (nothing is read), and
whoever checks a document, this process or a Dask worker, reads its bytes with `read_url`, so a remote
document never passes through the client.

fsspec (the `auditor[dask]` extra, with s3fs, gcsfs, ... for their schemes) is imported only when a URL
is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from .document import MAX_DOCUMENT_BYTES, DocumentError, read_errors, read_limited
from .formats import SUFFIXES

_GLOB_CHARACTERS = frozenset("*?[")


def is_url(name: str) -> bool:
    """Whether `name` is an fsspec URL (`scheme://...`) rather than a local path."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum()


def _filesystem(url: str):
    try:
        import fsspec
    except ImportError:
        raise DocumentError(url, "reading URLs needs fsspec (pip install 'auditor[dask]')") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # a scheme whose package is missing ("Install s3fs ...")
        raise DocumentError(url, f"cannot be opened ({exc})") from None


def expand_url(url: str) -> Iterator:
    """The documents a URL names, as URLs: a file as itself, a directory as its files in a supported format
    (recursive, sorted, hidden ones skipped), a glob as the files it matches (sorted, dot files only if the
    pattern names them); a problem as an `inputs.InputError`."""
    from .inputs import InputError

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
                           if name.lower().endswith(tuple(SUFFIXES))
                           and not any(part.startswith(".") for part in name[len(top):].split("/")))
            empty = "directory has no files to check (looked for " + ", ".join(SUFFIXES) + ")"
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


def read_url(name: str, at: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of the document at URL `at` (default `name`), or DocumentError naming `name` with the
    one-line reason a local file would get."""
    with read_errors(name):
        fs, path = _filesystem(at or name)
        info = fs.info(path)
        kind = {"file": "file", None: "file", "directory": "directory"}.get(info.get("type"), "other")
        return read_limited(name, kind, info.get("size") or 0, lambda: fs.open(path, "rb"), max_bytes)


def content_hash(data: bytes) -> str:
    """A hash of a document's bytes, so a resumed run re-checks a document whose content changed."""
    return hashlib.sha256(data).hexdigest()
