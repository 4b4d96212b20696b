#!/usr/bin/env python3
"""Write auditor/unit_facts.json: what pint says about every unit the extractor can write.

For each unit name the extractor's lexicons use (the atoms of its unit strings: "kilometer" of
"kilometer ** 2", "USD" and "month" of "USD / month"): the factor and offset to the base unit of its
dimension, its dimensionality and its short pretty symbol; and the dimensionality of each named dimension.
`auditor.unit_facts` answers from this table without building a pint registry;
tests/test_unit_facts.py fails when the table no longer matches pint, the lexicons or units.txt.

    python tools/unit_facts.py          # rewrite the table
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor import unit_facts  # noqa: E402
from auditor.extract import units  # noqa: E402


def atom_facts(atom: str) -> list:
    """[factor, offset, dimensionality, symbol] of one unit name, from pint."""
    ureg = units.registry()
    factor, offset = units.to_base(atom)
    dims = {str(k): int(v) for k, v in ureg.parse_units(atom).dimensionality.items()}
    return [factor, offset, dims, f"{ureg.Unit(atom):~P}".replace(" ", "")]


def table() -> dict:
    ureg = units.registry()
    names = {name: {str(k): int(v) for k, v in ureg.parse_units(unit).dimensionality.items()}
             for unit, name in units._DIMENSION_REFERENCES.items()}
    return {"atoms": {atom: atom_facts(atom) for atom in sorted(unit_facts.lexicon_atoms())},
            "dimensions": names}


if __name__ == "__main__":
    facts = table()
    lines = [f' "{key}": {{\n' + ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: "
                                             f"{json.dumps(v, ensure_ascii=False)}"
                                             for k, v in sorted(facts[key].items())) + "\n }"
             for key in sorted(facts)]
    unit_facts.TABLE.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {unit_facts.TABLE.relative_to(ROOT)}")
