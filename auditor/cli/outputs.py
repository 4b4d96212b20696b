"""Checks made before a run writes a file, so that a run never destroys what the user wrote before."""

from __future__ import annotations

import os

from ..rules import shipped_rules_dir


def unwritable(path: str) -> str | None:
    """Why `path` cannot receive an output file, checked before a long run rather than after it."""
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return "is a directory"
    if not os.path.isdir(directory):
        return f"directory {directory} does not exist"
    if not os.access(directory, os.W_OK):
        return f"directory {directory} is not writable"
    return None


def read_by_this_run(output: str, inputs: list[str], rule_paths: list[str] | None,
                      others: list[str | None]) -> str | None:
    """Why writing `output` would destroy something this run reads (an input, a rule file, the baseline),
    or None. Checked before the run: afterwards the damage would be done."""
    from ..formats import SUFFIXES

    if not os.path.isfile(output):
        return None
    groups = (("one of the inputs", inputs, tuple(SUFFIXES)),
              ("a rule file", rule_paths or [shipped_rules_dir()], (".yaml", ".yml")),
              ("the baseline", [p for p in others if p], ()))
    real = os.path.realpath(output)
    for what, paths, suffixes in groups:
        for path in paths:
            if os.path.isdir(path):
                inside = real.startswith(os.path.join(os.path.realpath(path), ""))
                if inside and real.lower().endswith(suffixes):
                    return f"is {what} (under {path}); choose another output file"
            elif os.path.exists(path) and os.path.samefile(path, output):
                return f"is {what}; choose another output file"
    return None
