"""The resume file of `auditor check --resume FILE`: which documents a run has finished, so that the next
run with the same rules skips them.

The file is JSON Lines: a header naming the rules' identity, then one record per finished document,
appended (and flushed) only after the document's result was written out:

    {"auditor_resume": 1, "rules": "<identity>"}
    {"path": "archive/2017/a.txt", "sha256": "<hash of the document's bytes>"}

A document is skipped when its path is recorded with the same content hash; a changed document is checked
again. A file recorded with other rules (or another auditor version) is started afresh. A last line torn
by a crash is dropped, so the file is always a prefix of whole records.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path

from . import __version__
from .atomic import atomic_writer
from .rules.schema import RuleSet

FORMAT_VERSION = 1


class ResumeError(Exception):
    """A resume file that cannot be used; the message is one line naming it."""


# the package's own files that decide a result: its code and its data (reference tables, word lists)
_CODE_SUFFIXES = (".py", ".csv", ".json", ".yaml", ".txt")


def rules_identity(ruleset: RuleSet, date: str | None = None, encoding: str | None = None) -> str:
    """A hash of what decides whether a recorded result still holds: the rule files' contents (in load
    order), the auditor version and its code (a development install keeps its version across edits), the
    document date the run was given and the text encoding documents are read with."""
    h = hashlib.sha256(f"auditor {__version__}\n{_code_digest()}\ndate {date}\nencoding {encoding}\n".encode())
    for path in ruleset.files:
        h.update(Path(path).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A hash of the package's code and data files (a few milliseconds, once per process)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class ResumeLog:
    """An open resume file: `done` maps each recorded path to its content hash; `record` adds one."""

    def __init__(self, path: str, identity: str):
        self.path = path
        self.identity = identity
        self.done: dict[str, str] = {}
        self.restarted = False  # the file held another rules' records, now discarded
        self._header_ok = False
        self._file = None

    @classmethod
    def open(cls, path: str, identity: str) -> "ResumeLog":
        """Read `path` (if it exists) and open it for appending records; ResumeError if it cannot be."""
        log = cls(path, identity)
        try:
            log._load()
            if not log._header_ok:
                with atomic_writer(path) as out:
                    out.write(json.dumps({"auditor_resume": FORMAT_VERSION, "rules": identity}) + "\n")
            log._file = open(path, "a", encoding="utf-8")
        except OSError as exc:
            raise ResumeError(f"{path}: cannot be used as a resume file ({exc.strerror or exc})") from None
        return log

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return
        whole = data[: data.rfind(b"\n") + 1]
        lines = whole.decode("utf-8", "replace").splitlines()
        try:
            header = json.loads(lines[0]) if lines else None
        except json.JSONDecodeError:
            header = None
        if not isinstance(header, dict) or "auditor_resume" not in header:
            if data.strip():
                raise ResumeError(f"{self.path}: is not an auditor resume file (refusing to overwrite it)")
            return
        if header.get("rules") != self.identity or header.get("auditor_resume") != FORMAT_VERSION:
            self.restarted = True
            return
        self._header_ok = True
        for line in lines[1:]:
            try:
                record = json.loads(line)
                self.done[record["path"]] = record["sha256"]
            except (json.JSONDecodeError, KeyError, TypeError):
                continue
        if len(whole) < len(data):  # a record torn by a crash: cut it off before appending
            os.truncate(self.path, len(whole))

    def record(self, path: str, digest: str) -> None:
        """Record `path` (with content hash `digest`) as finished."""
        self._file.write(json.dumps({"path": path, "sha256": digest}, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                os.fsync(self._file.fileno())
            self._file.close()
            self._file = None

    def __enter__(self) -> "ResumeLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
