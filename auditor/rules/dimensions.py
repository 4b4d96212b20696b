"""Units of a rule: the units a rule names for its roles (`units:`), and pint's check of every operator.

A rule may name the unit a role's figure is read in when the text gives the figure without one ("350
people per square kilometre" is the count 350 to the extractor): ``units: {density: per km²}``. The unit is
written as pint reads it, with "per X" and "a X" for 1/X and "²", "³" for powers; the rule's words are
what a derivation shows ("350 per km²", "80 a day").

When the rule loads, the dimension of every role (its `dimension`, its `kind`, its reference figure, or
the unit the rule names) is carried through the check with pint's dimension algebra: `+`, `-` and
comparisons must join equal dimensions, `*`, `/` and `**` combine them, so `speed == distance * duration`
is refused at the column of its offending side.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .expr import Expression

__all__ = ["RuleUnit", "DimensionError", "parse_rule_unit", "check_dimensions"]


@dataclass(frozen=True)
class RuleUnit:
    """A unit a rule names for a role: `pint` is the unit string pint parses, `label` the rule's words."""

    pint: str
    label: str


class DimensionError(ValueError):
    """Dimensions that do not fit; `offset` is the position in the check's source."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset


_SUPERSCRIPTS = str.maketrans({"²": "**2", "³": "**3"})
MAX_UNIT_LENGTH = 60  # characters of a unit a rule names (pint's own parser reads it: nothing is evaluated)
_LONG_EXPONENT = re.compile(r"(?:\*\*|\^)\s*[-+]?\d{2,}")


def parse_rule_unit(text: str) -> RuleUnit:
    """The unit a rule names: "per km²" → 1 / km ** 2, "a day" → 1 / day, "km/h"; ValueError if pint
    cannot read it."""
    words = " ".join(str(text).split())
    if len(words) > MAX_UNIT_LENGTH:
        raise ValueError(f"a unit is at most {MAX_UNIT_LENGTH} characters")
    if _LONG_EXPONENT.search(words):
        raise ValueError("a unit's exponent is a single digit, like km**2")
    spelled = re.sub(r"^(?:per|an?)\s+", "1 / ", words).translate(_SUPERSCRIPTS)
    spelled = re.sub(r"\s+per\s+", " / ", spelled)
    if not spelled or spelled.startswith("_"):
        raise ValueError(f"'{text}' is not a unit")
    try:
        unit = _registry().parse_units(spelled)
    except Exception as exc:  # pint's errors for an unknown or malformed unit have no common base class
        raise ValueError(f"'{text}' is not a unit pint knows ({exc})") from None
    return RuleUnit(str(unit), words)


def _registry():
    from ..extract.units import registry  # here: importing the extractor package is not free

    return registry()


# -- dimensions ------------------------------------------------------------------------------------------
_NAMED_UNITS = {"length": "meter", "area": "meter ** 2", "volume": "meter ** 3", "mass": "kilogram",
                "duration": "second", "speed": "meter / second", "temperature": "kelvin", "power": "watt",
                "energy": "joule"}
_PLAIN = ("count", "percent", "ratio", "fraction", "multiplier")  # plain numbers to pint
_REFERENCE_DIMENSIONS = {"area": "area", "population": "count"}


def _dims(name: str):
    """pint's dimensionality for a dimension or kind the rule language names (None: not known)."""
    from pint.util import UnitsContainer

    if name in _PLAIN:
        return UnitsContainer()
    if name == "money":
        return UnitsContainer({"[money]": 1})  # one dimension for every currency: a rule names no currency
    if name in _NAMED_UNITS:
        return _registry().parse_units(_NAMED_UNITS[name]).dimensionality
    return None


def role_dimensions(role, unit: RuleUnit | None):
    """The dimensionality of a role: the unit the rule names, its one dimension, reference or kind."""
    if unit is not None:
        return _registry().parse_units(unit.pint).dimensionality
    if role.reference in _REFERENCE_DIMENSIONS:
        return _dims(_REFERENCE_DIMENSIONS[role.reference])
    if role.reference is not None:
        return None
    if len(role.dimension) == 1:
        return _dims(next(iter(role.dimension)))
    if len(role.kind) == 1:
        return _dims(next(iter(role.kind)))
    return None


_DESCRIBED = {"": "a plain number", "[length]": "a length", "[length] ** 2": "an area",
              "[length] ** 3": "a volume", "[mass]": "a mass", "[time]": "a duration",
              "[length] / [time]": "a speed", "[money]": "money", "[temperature]": "a temperature"}


_BASE_WORDS = {"[length]": "length", "[time]": "time", "[mass]": "mass", "[money]": "money",
               "[temperature]": "temperature", "[population]": "people"}


def describe(dims) -> str:
    """Words for a dimensionality: "an area", "a speed", "a count per area", "length × time"."""
    text = str(dims) if dims else ""
    if text in _DESCRIBED:
        return _DESCRIBED[text]

    def word(base: str, power: int) -> str:
        name = _BASE_WORDS.get(base, base.strip("[]"))
        if name == "length" and power in (2, 3):
            return "area" if power == 2 else "volume"
        return name if power == 1 else f"{name}^{power}"

    above = [word(b, p) for b, p in dims.items() if p > 0]
    below = [word(b, -p) for b, p in dims.items() if p < 0]
    shown = " × ".join(above) or "a count"
    return f"{shown} per {' × '.join(below)}" if below else shown


def check_dimensions(check: Expression, roles: list, units: dict[str, RuleUnit]) -> None:
    """Raise DimensionError where the check joins two dimensions that differ (`+`, `-`, comparisons,
    min/max of several figures). Roles of no known dimension are not checked."""
    from pint.util import UnitsContainer

    of_role = {r.name: role_dimensions(r, units.get(r.name)) for r in roles}
    plain = UnitsContainer()

    def walk(node):
        if isinstance(node, ast.Constant):
            return plain if not isinstance(node.value, bool) else None
        if isinstance(node, ast.Name):
            return of_role.get(node.id)
        if isinstance(node, ast.UnaryOp):
            walk(node.operand)
            return None if isinstance(node.op, ast.Not) else walk(node.operand)
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                walk(value)
            return None
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Pow):
                return left ** node.right.value if left is not None else None
            if isinstance(node.op, (ast.Add, ast.Sub)):
                same(left, right, node.right, f"cannot {'add' if isinstance(node.op, ast.Add) else 'subtract'}")
                return left if left is not None else right
            if left is None or right is None:
                return None
            return left * right if isinstance(node.op, ast.Mult) else left / right
        if isinstance(node, ast.Compare):
            sides = [walk(n) for n in (node.left, *node.comparators)]
            for a, b, n in zip(sides, sides[1:], node.comparators):
                same(a, b, n, "cannot compare")
            return None
        if isinstance(node, ast.Call):
            name = node.func.id
            args = [walk(a) for a in node.args]
            if name == "len":
                return plain
            if name == "is_whole":
                return None
            for a, b, n in zip(args, args[1:], node.args[1:]):
                same(a, b, n, f"{name}() cannot join")
            return args[0] if args else None
        return None

    def same(a, b, node, verb: str) -> None:
        if a is None or b is None or a == b:
            return
        hint = ""
        if not a or not b:
            hint = "; if the text gives a figure without its unit, name the unit with `units:` " \
                   "(e.g. units: {daily: a day})"
        raise DimensionError(f"{verb} {describe(a)} and {describe(b)} ('{check.segment(node)}' is "
                             f"{describe(b)}){hint}", check.offset(node))

    walk(check.tree)
