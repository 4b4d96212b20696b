"""Regenerate the README's screenshot of the main screen:

    .venv/bin/python -m auditor.tui.screenshot [OUT.svg] [PATH...]

Run from the project root (paths in the picture are shown as given; default: `seeds`, written to
docs/screenshot.svg). The app runs headless at 120×36 with an empty review file in a temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile

from .app import AuditorApp

SIZE = (120, 36)


async def settle(pilot) -> None:
    """Wait until the app's audit has finished and the screen shows its result."""
    app = pilot.app
    for _ in range(1000):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.audit_runs and not app.auditing:
            break
    await pilot.pause()


async def _shoot(out: str, paths: list[str], rule_paths: list[str], size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = AuditorApp(paths, rule_paths, os.path.join(tmp, "review.json"))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            folder, name = os.path.split(os.path.abspath(out))
            app.save_screenshot(name, folder)


def save_screenshot(out: str = "docs/screenshot.svg", paths: list[str] | None = None,
                    rule_paths: list[str] | None = None, size: tuple[int, int] = SIZE) -> str:
    """Write an SVG screenshot of the main screen on `paths` (default: seeds) to `out`; returns `out`."""
    if rule_paths is None:
        from ..rules import shipped_rules_dir

        rule_paths = [shipped_rules_dir()]
    asyncio.run(_shoot(out, paths or ["seeds"], rule_paths, size))
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    print(save_screenshot(args[0] if args else "docs/screenshot.svg", args[1:] or None))
