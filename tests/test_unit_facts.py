"""The unit table answers as pint does, for every unit the extractor can write, without building pint."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import unit_facts
from auditor.extract import lexicon, russian
from auditor.extract import units as pint_units

ROOT = Path(__file__).resolve().parent.parent
ATOMS = sorted(unit_facts.lexicon_atoms())
DENOMINATORS = sorted({*lexicon.PER_WORDS.values(), *russian.PER_WORDS.values()})


def _compounds() -> list[str]:
    """The shapes the extractor writes: a name, its powers, a rate over each denominator, two levels."""
    out = []
    for atom in ATOMS:
        out += [atom, f"{atom} ** 2", f"{atom} ** 3", f"1 / {atom}"]
        out += [f"{atom} / {den}" for den in DENOMINATORS if den != atom]
    out += ["kilogram / meter ** 2 / year", "joule / meter ** 2 / year", "USD / month / person",
            "meter / second / second", "kilometer ** 2 / person"]
    return out


def _pint_dims(unit: str) -> dict:
    return {str(k): int(v) for k, v in pint_units.registry().parse_units(unit).dimensionality.items()}


def test_the_table_is_what_the_tool_writes_today():
    sys.path.insert(0, str(ROOT / "tools"))
    from unit_facts import table  # tools/unit_facts.py

    assert table() == json.loads(unit_facts.TABLE.read_text(encoding="utf-8")), \
        "auditor/unit_facts.json is stale: run python tools/unit_facts.py"


@pytest.mark.parametrize("unit", _compounds())
def test_composed_facts_match_pint(unit):
    facts = unit_facts.facts(unit)
    if facts is None:  # an offset unit (°C, and pint's logarithmic "decade") in a compound: pint answers
        assert any(unit_facts.facts(term.partition(" ** ")[0]).offset for term in unit.split(" / ")
                   if term != "1")
        return
    factor, offset = pint_units.to_base(unit)
    assert math.isclose(facts.factor, factor, rel_tol=1e-9) and math.isclose(facts.offset, offset, abs_tol=1e-9)
    assert facts.dims == _pint_dims(unit)
    assert unit_facts.dimension_of_unit(unit) == pint_units.dimension_of_unit(unit)
    assert unit_facts.symbol(unit) == f"{pint_units.registry().Unit(unit):~P}".replace(" ", "")
    if unit_facts.dimension_of_unit(unit) == "money":
        assert unit_facts.currency_of(unit) == str(pint_units.registry().parse_units(unit).dimensionality)


def test_other_units_go_to_pint():
    assert unit_facts.facts("furlong / fortnight") is None
    assert unit_facts.dimension_of_unit("furlong / fortnight") == "speed"
    assert unit_facts.to_base("degree_Fahrenheit")[1] == pytest.approx(255.3722, abs=1e-3)
    assert unit_facts.facts("kilometer ** x") is None


def test_a_check_with_extracted_units_builds_no_pint_registry(tmp_path):
    """`auditor check` on measures, rates and money (a finding with a derivation in km/h) imports no pint
    once the rules are compiled."""
    doc = tmp_path / "doc.txt"
    doc.write_text("The convoy drove 200 km in five hours, averaging 60 km/h. A 15-mile (15 km) stretch of "
                   "road was closed. Bread rose from 50 to 75 cents, a 25% increase. Rent is £1,265 a month.\n",
                   encoding="utf-8")
    code = ("import sys, io, contextlib\nfrom auditor.cli import main\nout = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n    code = main(['check', sys.argv[1], '--jobs', '1'])\n"
            "assert 'pint' not in sys.modules, 'pint was imported'\nprint(code, out.getvalue())")
    # the first run may compile the rules (their units are checked with pint, once); the rule cache then
    # holds them, and a run from it builds no registry for what the extractor wrote
    subprocess.run([sys.executable, "-m", "auditor", "rules", "validate"], capture_output=True, cwd=ROOT)
    run = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("1 ") and "km/h" in run.stdout
