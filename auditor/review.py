"""The review file: verdicts on findings, shared by the terminal UI and `auditor check --baseline`.

One JSON file records, per finding fingerprint, a verdict: `baseline` (already known when the baseline
was made), `dismissed` (a fact-checker judged it a false alarm, with an optional reason) or `confirmed`.
`check --baseline` suppresses baselined and dismissed findings; confirmed ones are still reported.
Fingerprints do not depend on offsets, so edits elsewhere in a document keep its verdicts; changing the
numbers of a claim makes it a new finding. Writes are atomic (a temporary file renamed over the old one).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_writer
from .findings import Finding

FORMAT = "auditor-review"
VERSION = 1
VERDICTS = ("baseline", "dismissed", "confirmed")
SUPPRESSING = frozenset({"baseline", "dismissed"})


def document_key(path: str) -> str:
    """How a document is named in a review file: relative to the working directory when it is inside
    it ("seeds/a.txt" whether given as "./seeds/a.txt" or an absolute path), else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative.replace(os.sep, "/")


class ReviewError(Exception):
    """A review file that cannot be read or understood; the message names the file."""


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
    """Verdicts by (path, fingerprint); an entry without a path applies to any document."""

    entries: dict[tuple[str, str], Verdict] = field(default_factory=dict)

    def verdict(self, path: str, fingerprint: str) -> Verdict | None:
        return self.entries.get((document_key(path), fingerprint)) or self.entries.get(("", fingerprint))

    def suppresses(self, path: str, finding: Finding) -> bool:
        v = self.verdict(path, finding.fingerprint)
        return v is not None and v.verdict in SUPPRESSING

    def set(self, path: str, finding: Finding, verdict: str, reason: str = "") -> None:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        path = document_key(path)
        self.entries[(path, finding.fingerprint)] = Verdict(
            finding.fingerprint, verdict, finding.rule, path, finding.spans[0].text if finding.spans else "",
            reason, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

    def clear(self, path: str, finding: Finding) -> None:
        self.entries.pop((document_key(path), finding.fingerprint), None)

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION,
                "verdicts": [v.to_json() for _, v in sorted(self.entries.items())]}


def load_review(path: str | os.PathLike[str]) -> Review:
    """Read a review or baseline file; raise ReviewError with a one-line reason if it is unusable."""
    name = os.fspath(path)
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReviewError(f"{name}: no such review file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{name}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReviewError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ReviewError(f"{name}: not an auditor review file (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("verdicts"), list):
        raise ReviewError(f"{name}: not an auditor review file (expected \"format\": \"{FORMAT}\")")
    review = Review()
    for i, item in enumerate(data["verdicts"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) \
                or item.get("verdict") not in VERDICTS or not isinstance(item.get("path", ""), str):
            raise ReviewError(f"{name}: verdict #{i + 1} needs a fingerprint, a verdict "
                              f"({', '.join(VERDICTS)}) and, if any, a path as text")
        v = Verdict(item["fingerprint"], item["verdict"], str(item.get("rule", "")),
                    document_key(item["path"]) if item.get("path") else "",
                    str(item.get("claim", "")), str(item.get("reason", "")), str(item.get("time", "")))
        review.entries[(v.path, v.fingerprint)] = v
    return review


def save_review(review: Review, path: str | os.PathLike[str]) -> None:
    """Write the review file atomically: readers see the old file or the new one, never half of one."""
    with atomic_writer(path) as f:
        json.dump(review.to_json(), f, ensure_ascii=False, indent=2)
        f.write("\n")
