"""Ctrl-C held off until a point the code chooses.

Python raises KeyboardInterrupt between any two bytecodes of the main thread, including inside a
finaliser (`__del__`) or a library's callback, where it is printed as "Exception ignored" and lost: a run
on a Dask cluster could go on after Ctrl-C. While a latch is held, SIGINT is only recorded; it is raised as
KeyboardInterrupt at `check()` or when the latch is released. A second Ctrl-C while it is held is raised at
once, wherever the code is: a user who presses it again does not want to wait for a call that blocks.
Hold a latch around work, never across a `yield`: while a generator is suspended its caller's code runs.
"""

from __future__ import annotations

import signal
import threading


class InterruptLatch:
    """A context manager recording SIGINT in the main thread (elsewhere a signal cannot be handled, and
    the latch does nothing); re-raised as KeyboardInterrupt at `check()` or at the end of the block."""

    def __init__(self) -> None:
        self.received = False
        self._previous = None
        self._installed = False

    def __enter__(self) -> "InterruptLatch":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._record)
            self._installed = True
        return self

    def _record(self, signum, frame) -> None:
        if self.received:
            self._restore()
            raise KeyboardInterrupt
        self.received = True

    def _restore(self) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C arrived since the latch was taken (once per Ctrl-C)."""
        if self.received:
            self.received = False
            raise KeyboardInterrupt

    def __exit__(self, exc_type, *rest) -> None:
        self._restore()
        if exc_type is None:
            self.check()
