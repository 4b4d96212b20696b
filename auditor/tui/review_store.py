"""The review file as the terminal UI uses it: loaded once, saved (atomically) after every verdict.

A review file that exists but cannot be understood is never overwritten: it is renamed aside with a
timestamp (`.auditor-review.json.corrupt-20261122T030000`) and a fresh review starts; the UI reports
the rename. A file that cannot even be read (permissions), is not a regular file (a named pipe, a
device) or was written by a newer auditor is left alone and verdicts are not saved. Saving merges: the
file is read again under a lock and only this session's verdicts are applied (see `update_review`).
"""

from __future__ import annotations

import os
import stat
import time

from ..findings import Finding
from ..review import FutureReviewError, Review, ReviewError, Verdict, load_review, update_review


class ReviewStore:
    """Verdicts of one review file, saved at once on every change."""

    def __init__(self, path: str):
        self.path = path
        self.review = self._empty()
        self.read_only = False
        self._mtime: int | None = None
        self._keys: dict[str, str] = {}

    def load(self) -> str | None:
        """(Re)read the file. Returns a message for the user when something was wrong with it, else None."""
        self._keys.clear()
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self.review = self._empty()
            self._mtime = None
            return None
        except OSError as exc:
            return self._leave_alone(f"{self.path}: cannot be used ({exc.strerror or exc})")
        if not stat.S_ISREG(st.st_mode):
            return self._leave_alone(f"{self.path}: not a regular file (a named pipe, socket or device)")
        if not os.access(self.path, os.R_OK):
            return self._leave_alone(f"{self.path}: cannot be read")
        try:
            self.review = load_review(self.path)
            self._mtime = _mtime(self.path)
            self.read_only = False
            return None
        except FutureReviewError as exc:
            return self._leave_alone(str(exc))
        except ReviewError as exc:
            return self._set_aside(str(exc))

    def _empty(self) -> Review:
        return Review(base=os.path.dirname(os.path.abspath(self.path)))

    def _leave_alone(self, problem: str) -> str:
        self.read_only = True
        return f"{problem}; verdicts will not be saved"

    def reload_if_changed(self) -> str | None:
        """Re-read the file if something else wrote it since it was last read or saved."""
        if _mtime(self.path) == self._mtime:
            return None
        return self.load()

    def _set_aside(self, problem: str) -> str:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target = f"{self.path}.corrupt-{stamp}"
        n = 1
        while os.path.exists(target):
            target = f"{self.path}.corrupt-{stamp}-{n}"
            n += 1
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self.read_only = True
            self.review = self._empty()
            return f"{problem}. It could not be set aside ({exc.strerror}); verdicts will not be saved"
        self.review = self._empty()
        self._mtime = None
        self.read_only = False
        return f"{problem}. It was renamed to {target} and a new review file will be started"

    def verdict(self, path: str, finding: Finding) -> Verdict | None:
        """The verdict recorded for `finding` of the document at `path`, if any (the same lookup as
        `Review.verdict`, with the document's key computed once per path: tables ask thousands of times)."""
        key = self._keys.get(path)
        if key is None:
            key = self._keys[path] = self.review.key(path)
        entries = self.review.entries
        return entries.get((key, finding.fingerprint)) or entries.get(("", finding.fingerprint))

    def set(self, path: str, finding: Finding, verdict: str, reason: str = "") -> str | None:
        """Record a verdict and save; returns an error message if the file could not be written."""
        self.review.set(path, finding, verdict, reason)
        return self._save()

    def clear(self, path: str, finding: Finding) -> str | None:
        """Forget the verdict on `finding` and save; returns an error message on failure."""
        self.review.clear(path, finding)
        return self._save()

    def _save(self) -> str | None:
        if self.read_only:
            return f"{self.path}: not saved (the review file could not be used)"
        try:
            self.review = update_review(self.review, self.path)
        except ReviewError as exc:  # someone replaced the file with something unusable since it was read
            return f"not saved: {exc}"
        except OSError as exc:
            return f"{self.path}: could not be saved ({exc.strerror or exc})"
        self._mtime = _mtime(self.path)
        return None


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
