"""The extractor on public test sets nobody in this project wrote (`../shared/extraction`: half of
NewsQuant, the CQE paper's news set, and the Microsoft Recognizers-Text sets), scored by the shared scorer
`../shared/tools/newsquant.py` (one-to-one value matching per sentence).

The data is third-party and stays outside the project: the test is skipped, saying so, when `../shared`
is not beside the checkout. The bars are the issue's (NewsQuant dev >= 0.92 value F1, every
Recognizers-Text set >= 0.90); the figures are printed on every run.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from cli_runner import AUDITOR, ROOT, env

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "newsquant.py"
BARS = {
    "newsquant_dev.json": 0.92,
    "recognizers_currency.json": 0.90,
    "recognizers_dimension.json": 0.90,
    "recognizers_temperature.json": 0.90,
    "recognizers_age.json": 0.90,
}
_SUMMARY = re.compile(r"P (?P<p>[0-9.]+) R (?P<r>[0-9.]+) value F1 (?P<f1>[0-9.]+)")


@pytest.mark.parametrize("name", sorted(BARS))
def test_value_f1_on_public_sets(name, capsys):
    data = SHARED / "extraction" / name
    if not (SCORER.is_file() and data.is_file()):
        pytest.skip(f"{data} or {SCORER} is not there: the public extraction sets are not beside this checkout")
    result = subprocess.run([sys.executable, str(SCORER), str(AUDITOR), str(data)], capture_output=True,
                            text=True, encoding="utf-8", env=env(), timeout=300)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:]
    with capsys.disabled():
        print(f"\n{summary}")
    m = _SUMMARY.search(summary)
    assert m, summary
    assert float(m.group("f1")) >= BARS[name], summary
