"""A rule's check compiled once: its units checked by pint and its relation solved by sympy, cached on disk.

Both cost far more than reading a rule (pint's registry about a second on a busy machine, sympy's import
about 0.4 s and each solve a few milliseconds), and both depend only on the check's text, its claims, what
each role declares and the units the rule names. The result is kept as a small JSON file per check in the
user's cache folder (`relations/` in the folder cache.py names; an empty
`AUDITOR_CACHE_DIR=` turns the cache off), so a run whose rules were compiled before imports neither.
A cached entry is read back only if it holds the relation language's whitelisted operations alone; anything
else is compiled again. Errors are never cached: a rule with a mistake is checked afresh on every load.

The shipped rules' checks come compiled with the package (`shipped_checks.json`, written by
`tools/shipped_checks.py`), so even a first run, with an empty cache, solves nothing for them. Their keys
name the sympy and pint versions they were compiled with: with other versions they are compiled again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path

from .dimensions import RuleUnit, check_dimensions, parse_rule_unit
from .expr import Expression
from .relation import SolvedCheck, from_json, solve_check, to_json

__all__ = ["UnitError", "compile_check"]

VERSION = 1  # bump when what is cached, or how it is computed, changes: entries of other versions are ignored
SHIPPED = Path(__file__).with_name("shipped_checks.json")


class UnitError(ValueError):
    """A unit a rule names (`units: {role: ...}`) that pint cannot read."""

    def __init__(self, role: str, message: str) -> None:
        super().__init__(message)
        self.role, self.message = role, message


def compile_check(check: Expression, roles: list, units: dict[str, str], claims: tuple[str, ...]
                  ) -> tuple[dict[str, RuleUnit], dict[str, SolvedCheck]]:
    """(the units the rule names, parsed; the check solved for each claim role). Raises UnitError,
    dimensions.DimensionError or relation.RelationError, each with what locates it."""
    key = _key(check, roles, units, claims)
    cached = _read(key)
    if cached is not None:
        return cached
    parsed = {}
    for role, text in units.items():
        try:
            parsed[role] = parse_rule_unit(text)
        except ValueError as exc:
            raise UnitError(role, f"unit of '{role}': {exc}") from None
    check_dimensions(check, roles, parsed)
    solved = {claim: solve_check(check, claim) for claim in claims}
    _write(key, parsed, solved)
    return parsed, solved


def _folder() -> Path | None:
    from .cache import cache_dir  # here: cache.py imports schema, which imports this module

    folder = cache_dir()
    return None if folder is None else folder / "relations"


@lru_cache(maxsize=1)
def _versions() -> list[str]:
    """The installed versions of sympy and pint, read from the names of their `*.dist-info` folders
    beside the packages: importlib.metadata would cost a run that compiles a check more to import than
    the lookup, and importing sympy to ask it would cost far more."""
    found = []
    for package in ("sympy", "pint"):
        spec = importlib.util.find_spec(package)
        folder = Path(spec.origin).parent.parent if spec is not None and spec.origin else None
        names = sorted(p.name for p in folder.glob(f"{package}-*.dist-info")) if folder is not None else []
        found.append(names[-1].removeprefix(f"{package}-").removesuffix(".dist-info") if names
                     else _metadata_version(package))
    return found


def _metadata_version(package: str) -> str:
    """The version of `package` as importlib.metadata finds it (an installation without a dist-info
    folder beside the package), or "?"."""
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # pragma: no cover - declared dependencies
        return "?"


def _key(check: Expression, roles: list, units: dict[str, str], claims: tuple[str, ...]) -> str:
    declared = [[r.name, r.reference, sorted(r.dimension), sorted(r.kind), r.many] for r in roles]
    text = json.dumps([VERSION, _versions(), check.source, list(claims), declared, sorted(units.items())])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _shipped() -> dict:
    try:
        return json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def entry(key: str) -> dict | None:
    """The compiled form stored for `key`: shipped with the package, or in the user's cache folder."""
    if key in _shipped():
        return _shipped()[key]
    folder = _folder()
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read(key: str):
    data = entry(key)
    if data is None:
        return None
    try:
        units = {str(role): RuleUnit(str(pint), str(label)) for role, (pint, label) in data["units"].items()}
        return units, {str(claim): from_json(solved) for claim, solved in data["solved"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):  # absent or not ours
        return None


def _write(key: str, units: dict[str, RuleUnit], solved: dict[str, SolvedCheck]) -> None:
    folder = _folder()
    if folder is None:
        return
    data = _json(units, solved)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, folder / f"{key}.json")  # atomic: a concurrent reader sees the old entry or this one
    except OSError:  # a read-only or full cache folder costs the next run a compile, nothing else
        pass


def _json(units: dict[str, RuleUnit], solved: dict[str, SolvedCheck]) -> dict:
    return {"units": {role: [u.pint, u.label] for role, u in units.items()},
            "solved": {claim: to_json(s) for claim, s in solved.items()}}
