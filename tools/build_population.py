#!/usr/bin/env python3
"""Build ``auditor/reference/data/population_by_year.csv`` from the World Bank's population table.

The source is the World Bank indicator SP.POP.TOTL (population, total), 1960-2024, as packaged by
`datasets/population` (data/population.csv), licensed PDDL 1.0 (public domain; the World Bank is cited
as the source). Only countries are kept (regions and income groups are dropped), keyed by the ISO 3166-1
alpha-2 code the rest of the reference data uses, one row per country and one column per year::

    python tools/build_population.py ../shared/reference/population_worldbank.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "auditor" / "reference" / "data" / "population_by_year.csv"
# World Bank names that the place index does not know by that spelling (ISO3 -> ISO2).
ISO2_OF = {
    "BHS": "BS", "COD": "CD", "COG": "CG", "EGY": "EG", "GMB": "GM", "HKG": "HK", "IRN": "IR", "PRK": "KP",
    "KOR": "KR", "MAC": "MO", "FSM": "FM", "PRI": "PR", "SXM": "SX", "SVK": "SK", "SOM": "SO", "KNA": "KN",
    "LCA": "LC", "MAF": "MF", "VCT": "VC", "VEN": "VE", "VIR": "VI", "PSE": "PS", "YEM": "YE", "CHI": None,
}


def main(source: str) -> None:
    sys.path.insert(0, str(ROOT))
    from auditor import reference

    by_country: dict[str, dict[int, int]] = {}
    with open(source, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    codes: dict[str, str | None] = {}
    for r in rows:
        code = r["Country Code"]
        if code not in codes:
            if code in ISO2_OF:
                codes[code] = ISO2_OF[code]
            else:
                fig = reference.lookup(r["Country Name"], "population", kind="country")
                codes[code] = fig.key if fig else None
        iso2 = codes[code]
        if iso2 and r["Value"]:
            by_country.setdefault(iso2, {})[int(r["Year"])] = int(float(r["Value"]))
    years = sorted({y for v in by_country.values() for y in v})
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["iso2", *years])
        for iso2 in sorted(by_country):
            out.writerow([iso2, *(by_country[iso2].get(y, "") for y in years)])
    print(f"{len(by_country)} countries, {years[0]}-{years[-1]} -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "reference" / "population_worldbank.csv"))
