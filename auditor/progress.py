"""A progress bar on standard error for long runs: only on a terminal, and only once a run has taken a
while, so short runs and pipelines stay silent. It shows how many documents of how many are checked,
the rate and an estimate of the time left ("checked 1,489 of 5,000 documents ━━━━━╺━━━ 273/s, 13 s left"),
drawn by rich."""

from __future__ import annotations

import time

DELAY = 1.0  # seconds before a bar appears


class Progress:
    """Counts finished documents; draws the bar when `stream` is a terminal. `total` may be None (unknown)."""

    def __init__(self, stream, total: int | None = None):
        self.stream = stream
        self.total = total
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.count = 0
        self.start = time.monotonic()
        self._bar = None
        self._task = None

    def __enter__(self) -> "Progress":
        return self

    def advance(self) -> None:
        """One more document done."""
        self.count += 1
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.start < DELAY:
                return
            self._open()
        self._bar.update(self._task, completed=self.count)

    def _open(self) -> None:
        from rich.console import Console  # rich is imported only for a bar that is shown
        from rich.progress import BarColumn, Progress as Bar, TextColumn

        console = Console(file=self.stream, force_terminal=True)
        label = "checked {task.completed:,} of {task.total:,} documents" if self.total else \
            "checked {task.completed:,} documents"
        self._bar = Bar(TextColumn(label), BarColumn(), _rate_column(), console=console, transient=True)
        self._task = self._bar.add_task("check", total=self.total, completed=self.count)
        self._bar.start()

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


def _rate_and_time_left(speed: float | None, remaining: float | None) -> str:
    """"273/s, 13 s left"; the estimate only once there is a rate and a total."""
    if not speed:
        return ""
    text = f"{speed:,.0f}/s"
    if remaining is not None:
        minutes, seconds = divmod(int(remaining + 0.5), 60)
        text += f", {minutes} min {seconds:02} s left" if minutes else f", {seconds} s left"
    return text


def _rate_column():
    """A rich column of documents per second and the time left."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(_rate_and_time_left(task.speed, task.time_remaining))

    return RateColumn()
