"""The shared pint registry, with the project's news units (currencies, per-person rates).

Extraction never needs pint: the unit lexicon maps words straight to pint unit strings. The registry is
built on first use (rules converting units, tests validating the lexicon) and cached on disk by pint.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DEFINITIONS = Path(__file__).with_name("units.txt")


@lru_cache(maxsize=1)
def registry():
    """The one pint UnitRegistry of the process, with `units.txt` loaded."""
    import pint

    try:
        ureg = pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # an unwritable cache folder must not stop the program
        ureg = pint.UnitRegistry()
    ureg.load_definitions(str(DEFINITIONS))
    return ureg


def parse_unit(unit: str):
    """The pint Unit for a unit string the extractor produced (or a rule author wrote)."""
    return registry().parse_units(unit)
