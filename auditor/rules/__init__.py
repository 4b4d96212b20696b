"""Rules: loading YAML rule files, the safe expression language, and binding roles to quantities."""

import os
from pathlib import Path


def shipped_rules_dir() -> str:
    """The rules shipped with auditor: `rules/` beside the package in a source checkout, else the copy
    installed as `auditor.rules_data`."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "rules", package / "rules_data"):
        if candidate.is_dir():
            return str(candidate)
    return str(package.parent / "rules")


def is_shipped(path: str) -> bool:
    """Whether the rule file `path` is one of the shipped rules (part of the package, like its code)."""
    folder = os.path.realpath(shipped_rules_dir())
    try:
        return os.path.commonpath([folder, os.path.realpath(path)]) == folder
    except ValueError:  # on another drive (Windows)
        return False
