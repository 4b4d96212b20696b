"""Shared helpers of the terminal UI tests (no tests here; imported by tests/test_tui*.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.tui.app import AuditorApp

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = "seeds/000_cc9fbfecd2e9dec7.txt"
SEED_003 = "seeds/003_447e080bb3bd39d4.txt"
SIZE = (120, 36)


class RecordingApp(AuditorApp):
    """The app, remembering every notification it showed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.messages: list[str] = []

    def notify(self, message, *args, **kwargs):
        self.messages.append(str(message))
        return super().notify(message, *args, **kwargs)


def make_app(paths, review, rules=None, watch=False, jobs=1) -> RecordingApp:
    """The app on `paths` with the shipped rules (or `rules`) and the review file `review`, checking in
    this process (`jobs` 1) unless told otherwise."""
    return RecordingApp([str(p) for p in paths], [str(rules or ROOT / "rules")], str(review), watch, jobs)


async def settle(pilot, timeout_rounds: int = 400) -> None:
    """Wait until the audit (and anything it queued) has finished and the screen is up to date."""
    app = pilot.app
    for _ in range(timeout_rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.auditing and app.audit_runs:
            break
    await pilot.pause()


def copy_seed(name: str, directory: Path) -> Path:
    """A copy of a seed document in `directory`."""
    target = directory / Path(name).name
    shutil.copy(ROOT / name, target)
    return target


def run(coroutine_function):
    """Run an async test body (pytest-asyncio is not a dependency)."""
    import asyncio
    import functools

    @functools.wraps(coroutine_function)
    def wrapper(*args, **kwargs):
        return asyncio.run(coroutine_function(*args, **kwargs))

    return wrapper
