"""A progress bar on standard error for long runs: only on a terminal, and only once a run has taken a
while, so short runs and pipelines stay silent."""

from __future__ import annotations

import time

DELAY = 1.0  # seconds before a bar appears


class Progress:
    """Counts documents done (of `total`, when known) and shows the count and the rate."""

    def __init__(self, stream, total: int | None = None):
        self.stream = stream
        self.total = total
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.count = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __enter__(self) -> "Progress":
        return self

    def advance(self) -> None:
        """One more document done."""
        self.count += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < DELAY or now - self.last < 0.1:
            return
        self.last = now
        rate = self.count / (now - self.start)
        of = f" of {self.total:,}" if self.total is not None else ""
        self.stream.write(f"\r\033[2Kchecked {self.count:,}{of} documents ({rate:,.0f}/s)")
        self.stream.flush()
        self.shown = True

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.stream.write("\r\033[2K")
            self.stream.flush()
