"""The review file: verdicts on findings, shared by the terminal UI and `auditor check --baseline`.

One JSON file records, per finding fingerprint, a verdict: `baseline` (already known when the baseline
was made), `dismissed` (a fact-checker judged it a false alarm, with an optional reason) or `confirmed`.
`check --baseline` suppresses baselined and dismissed findings; confirmed ones are still reported.
Fingerprints do not depend on offsets, so edits elsewhere in a document keep its verdicts; changing the
numbers of a claim makes it a new finding.

Document paths are written relative to the review file's own folder, so a baseline made inside a
folder works from its parent, and a repository checked out anywhere keeps its verdicts. Writes are
atomic (a temporary file renamed over the old one) and merge: under a lock, the file is read again and
only this process's changes are applied to it, so two writers at once lose no verdict. Only a regular
file of at most MAX_REVIEW_BYTES is read (a named pipe would block, `/dev/zero` would never end).
"""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import stat
import time
from dataclasses import dataclass, field

from .atomic import atomic_writer
from .findings import Finding

FORMAT = "auditor-review"
VERSION = 1
VERDICTS = ("baseline", "dismissed", "confirmed")
SUPPRESSING = frozenset({"baseline", "dismissed"})
MAX_REVIEW_BYTES = 64 * 1024 * 1024

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; writes stay atomic, not merged
    fcntl = None


def document_key(path: str, base: str | None = None) -> str:
    """How a document is named in a review file kept in folder `base` (default: the working directory):
    its path relative to that folder, with "/" separators ("seeds/a.txt" whether given as "./seeds/a.txt"
    or an absolute path; "../other/b.txt" outside it)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, base or os.getcwd())
    except ValueError:  # another drive (Windows): no relative path exists
        return absolute
    return relative.replace(os.sep, "/")


class ReviewError(Exception):
    """A review file that cannot be read or understood; the message names the file."""


class FutureReviewError(ReviewError):
    """A review file written by a newer auditor: valid, perhaps, but not ours to rewrite."""


@dataclass
class Verdict:
    fingerprint: str
    verdict: str
    rule: str = ""
    path: str = ""
    claim: str = ""
    reason: str = ""
    time: str = ""

    def to_json(self) -> dict:
        out = {"fingerprint": self.fingerprint, "verdict": self.verdict, "rule": self.rule, "path": self.path,
               "claim": self.claim}
        if self.reason:
            out["reason"] = self.reason
        if self.time:
            out["time"] = self.time
        return out


@dataclass
class Review:
    """Verdicts by (path, fingerprint); an entry without a path applies to any document. Paths are
    relative to `base`, the folder of the review file (the working directory for a new review).
    `changes` records what `set` and `clear` did since the review was read, for `update_review`."""

    entries: dict[tuple[str, str], Verdict] = field(default_factory=dict)
    base: str = field(default_factory=os.getcwd)
    changes: dict[tuple[str, str], Verdict | None] = field(default_factory=dict, compare=False, repr=False)

    def key(self, path: str) -> str:
        """The name of the document at `path` (as the command line gave it) in this review."""
        return document_key(path, self.base)

    def verdict(self, path: str, fingerprint: str) -> Verdict | None:
        return self.entries.get((self.key(path), fingerprint)) or self.entries.get(("", fingerprint))

    def suppresses(self, path: str, finding: Finding) -> bool:
        v = self.verdict(path, finding.fingerprint)
        return v is not None and v.verdict in SUPPRESSING

    def set(self, path: str, finding: Finding, verdict: str, reason: str = "") -> None:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        key = self.key(path)
        self.entries[(key, finding.fingerprint)] = self.changes[(key, finding.fingerprint)] = Verdict(
            finding.fingerprint, verdict, finding.rule, key, finding.spans[0].text if finding.spans else "",
            reason, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

    def clear(self, path: str, finding: Finding) -> None:
        key = (self.key(path), finding.fingerprint)
        self.entries.pop(key, None)
        self.changes[key] = None

    def rebased(self, base: str) -> "Review":
        """The same verdicts with their paths made relative to folder `base`."""
        if os.path.abspath(base) == os.path.abspath(self.base):
            return self
        out = Review(base=os.path.abspath(base))
        for (path, fingerprint), v in self.entries.items():
            if path:
                path = document_key(os.path.join(self.base, path), out.base)
            out.entries[(path, fingerprint)] = Verdict(fingerprint, v.verdict, v.rule, path, v.claim, v.reason,
                                                       v.time)
        return out

    def record_baseline(self, checked: list[str], findings: list[tuple[str, Finding]]) -> tuple[int, int, int]:
        """Make this review the baseline of a run that checked the documents `checked` and found `findings`
        ((path, finding) pairs). Every verdict already given is kept; findings without one are added as
        `baseline`; `baseline` entries of checked documents whose finding is gone are dropped (confirmed
        and dismissed ones stay: they are someone's judgement). Returns (kept, added, dropped)."""
        found = {(self.key(path), f.fingerprint) for path, f in findings}
        checked_keys = {self.key(path) for path in checked}
        stale = [k for k, v in self.entries.items()
                 if v.verdict == "baseline" and k[0] in checked_keys and k not in found]
        for key in stale:
            del self.entries[key]
        kept = added = 0
        for path, finding in findings:
            if self.verdict(path, finding.fingerprint) is not None:
                kept += 1
            else:
                self.set(path, finding, "baseline")
                added += 1
        return kept, added, len(stale)

    def unmatched(self, checked_keys: set[str]) -> list[tuple[str, str]]:
        """The entries for documents that are not among `checked_keys` (names as `key` gives them)."""
        return sorted(k for k in self.entries if k[0] and k[0] not in checked_keys)

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION,
                "verdicts": [v.to_json() for _, v in sorted(self.entries.items())]}


def _folder_of(path: str | os.PathLike[str]) -> str:
    return os.path.dirname(os.path.abspath(path))


def _read_bytes(name: str) -> bytes:
    """The bytes of a regular file of at most MAX_REVIEW_BYTES, or ReviewError. Opened without blocking
    and checked on the open descriptor, so a file swapped for a named pipe cannot stall the read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise ReviewError(f"{name}: no such review file") from None
    except OSError as exc:
        raise ReviewError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReviewError(f"{name}: is a directory, not a review file")
        raise ReviewError(f"{name}: not a regular file (a named pipe, socket or device), not read")
    with os.fdopen(fd, "rb") as f:
        limit = MAX_REVIEW_BYTES
        if st.st_size > limit:
            raise ReviewError(f"{name}: file is too large ({st.st_size:,} bytes; the limit is {limit:,})")
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise ReviewError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ReviewError(f"{name}: file is too large (more than {limit:,} bytes)")
    return data


def load_review(path: str | os.PathLike[str]) -> Review:
    """Read a review or baseline file; raise ReviewError with a one-line reason if it is unusable."""
    name = os.fspath(path)
    data = _read_bytes(name)
    try:
        data = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ReviewError(f"{name}: cannot be read (not UTF-8: byte offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ReviewError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ReviewError(f"{name}: cannot be read ({str(exc).split(':')[0]})") from None
    except RecursionError:
        raise ReviewError(f"{name}: not an auditor review file (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("verdicts"), list):
        raise ReviewError(f"{name}: not an auditor review file (expected \"format\": \"{FORMAT}\")")
    version = data.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ReviewError(f"{name}: \"version\" must be a whole number (this auditor writes {VERSION})")
    if version > VERSION:
        raise FutureReviewError(f"{name}: review file format version {version} is newer than this auditor "
                                f"understands (version {VERSION}); upgrade auditor to use it")
    review = Review(base=_folder_of(name))
    for i, item in enumerate(data["verdicts"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) \
                or item.get("verdict") not in VERDICTS or not isinstance(item.get("path", ""), str):
            raise ReviewError(f"{name}: verdict #{i + 1} needs a fingerprint, a verdict "
                              f"({', '.join(VERDICTS)}) and, if any, a path as text")
        v = Verdict(item["fingerprint"], item["verdict"], str(item.get("rule", "")),
                    _stored_path(item.get("path", ""), review.base),
                    str(item.get("claim", "")), str(item.get("reason", "")), str(item.get("time", "")))
        review.entries[(v.path, v.fingerprint)] = v
    return review


def _stored_path(path: str, base: str) -> str:
    """A path as a review file records it, in the one spelling lookups use."""
    if not path:
        return ""
    if os.path.isabs(path):  # written by an older auditor, or for a document on another drive
        return document_key(path, base)
    return posixpath.normpath(path)


def save_review(review: Review, path: str | os.PathLike[str]) -> None:
    """Write the review file atomically: readers see the old file or the new one, never half of one."""
    with atomic_writer(path) as f:
        json.dump(review.rebased(_folder_of(path)).to_json(), f, ensure_ascii=False, indent=2)
        f.write("\n")


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]):
    """Hold an exclusive lock for reading and rewriting the review file at `path`. The lock is taken on the
    file's folder, not the file, because every save renames a new file over the old one."""
    fd = None
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a folder we cannot open: write unlocked, still atomically
            fd = os.open(os.path.dirname(os.path.realpath(path)), os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def update_review(review: Review, path: str | os.PathLike[str]) -> Review:
    """Save `review`'s changes into the file at `path` as it is now: under the lock, the file is read
    again (another process may have written it), the changes are applied and the result is written.
    Returns the review as saved; raises ReviewError (the file is not touched) if the file is unusable."""
    with locked(path):
        current = load_review(path) if os.path.lexists(path) else Review(base=_folder_of(path))
        for key, change in review.changes.items():
            if key[0]:
                key = (document_key(os.path.join(review.base, key[0]), current.base), key[1])
            if change is None:
                current.entries.pop(key, None)
            else:
                current.entries[key] = Verdict(change.fingerprint, change.verdict, change.rule, key[0],
                                               change.claim, change.reason, change.time)
        save_review(current, path)
    review.changes.clear()
    return current
