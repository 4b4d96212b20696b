"""The exchange rate a conversion between currencies is checked against: the market's range of the
document's date (ECB reference rates), and the rate the conversion implies, in words for the message.

"$1.13bn (£600m)" in a document of 2005-01-14 implies $1.88 to the pound; the ECB's rates of the days
around that date ran from 1.86 to 1.93. The window of days follows what is known of the date: a day, a
month, a year or a range of them as given; from a year before the latest date a text mentions on; for an
unknown date, every day since 1999. A year before the window named in the sentence ("331bn yen ($2.7bn)
profit in 2001") is added to it: the writer may have converted at that year's rate. A later year ("would
contribute 6bn euros ($8bn; £6bn) by 2014") is not: nobody converts at a rate that is still to come.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..extract.currency import SUBUNITS
from ..reference import rates

# The latest date a text mentions says little of when it was written: mostly some time after it (an
# article on 2005 results recalls "November 1998"), sometimes before it ("due in March 2006"). So it only
# bounds the window from below, a year early; the window runs on to the last day with rates.
_TEXT_DATE_LEAD = timedelta(days=365)
_YEAR_IN_SENTENCE = re.compile(r"(?<![\d.,])(19[5-9]\d|20[0-4]\d)(?![\d.,]\d)")
_NAMES = {"USD": "dollar", "EUR": "euro", "GBP": "pound", "RUB": "rouble", "JPY": "yen", "CNY": "yuan",
          "INR": "rupee", "CHF": "Swiss franc", "TRY": "lira", "UAH": "hryvnia", "SEK": "Swedish krona",
          "KZT": "tenge", "CZK": "koruna", "ESP": "peseta"}
_PLURALS = {"yen": "yen", "yuan": "yuan", "lira": "lire", "hryvnia": "hryvnias", "Swedish krona": "Swedish kronor",
            "tenge": "tenge", "koruna": "koruny"}
_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def currency_of(unit: str | None) -> str | None:
    """The ISO code of a money unit ("USD", "cent" → "USD", "penny" → "GBP"), or None for a price rate or
    no money."""
    if not unit or " " in unit:
        return None
    return SUBUNITS.get(unit, unit)


def exchange_rate(ix, original, converted):
    """The ReferenceValue of the rate from `original`'s currency to `converted`'s for the document of
    `ix`, or None when both are in one currency (not a conversion)."""
    from ..unit_facts import to_base
    from .matcher import ReferenceValue

    base, quote = currency_of(original.unit), currency_of(converted.unit)
    if base is None or quote is None or base == quote:
        return None
    first, last, when = _window(ix, original)
    unavailable = None
    market = None
    if not (rates.known(base) and rates.known(quote)):
        unavailable = f"the ECB publishes no rate for {base if not rates.known(base) else quote}"
    else:
        market = rates.rate_range(base, quote, first, last)
        if market is None:
            unavailable = f"no ECB rate between {base} and {quote} {when}" + \
                (" (the ECB's rates start in 1999)" if last < rates.whole_history()[0] else "")
    implied = None
    if original.value and converted.value:
        implied = converted.value * to_base(converted.unit)[0] / (original.value * to_base(original.unit)[0])
    details = {"when": when}
    if unavailable is not None:
        if implied is not None:
            details["implied"] = _quote(*rates.quoted_pair(base, quote, implied))
        return ReferenceValue(None, None, "exchange rate", 0.0, None, rates.SOURCE, 0.0, float("inf"),
                              unavailable=unavailable, details=details)
    # the implied rate and the market's are quoted the same way round, the way the market's reads best
    unit_ccy, priced, _ = rates.quoted_pair(base, quote, (market.low + market.high) / 2)
    flip = unit_ccy != base
    low, high = (1 / market.high, 1 / market.low) if flip else (market.low, market.high)
    if implied is not None:
        details["implied"] = _quote(unit_ccy, priced, 1 / implied if flip else implied)
    details["market"] = _amount(priced, low) + (f"-{_number(high)}" if _number(low) != _number(high) else "")
    source = f"{rates.SOURCE}, {market.first.isoformat()} to {market.last.isoformat()}"
    return ReferenceValue(None, None, "exchange rate", (market.low + market.high) / 2, None, source,
                          market.low, market.high, details=details)


def _window(ix, quantity) -> tuple[date, date, str]:
    """The days whose rates a conversion in `ix`'s document may have used, and how to say when."""
    doc_date = ix.date
    span = doc_date.span()
    if span is None:
        first, last = rates.whole_history()
        when = "at any date since 1999 (the document's date is unknown)"
    elif doc_date.source == "text":
        first = max(span[0] - _TEXT_DATE_LEAD, rates.whole_history()[0])
        last = rates.whole_history()[1]
        when = f"at any date since {first.year} (the text mentions {doc_date.value})"
    else:
        first, last = span
        when = ("from " if ".." in doc_date.value else "on " if len(doc_date.value) == 10 else "in ") + \
            doc_date.value.replace("..", " to ")
    sentence = ix.doc.sentences[ix.doc.sentence_index(quantity.start)] if ix.doc.sentences else None
    if sentence is not None:
        years = {int(y) for y in _YEAR_IN_SENTENCE.findall(ix.doc.text, sentence.start, sentence.end)}
        years = sorted(y for y in years if y < first.year)
        if years:
            first = min(first, date(years[0], 1, 1))
            when += " or in " + ", ".join(map(str, years))
    return first, last, when


def _quote(unit_ccy: str, priced: str, rate: float) -> str:
    """"$1.88 to the pound" for a rate of 1.88 USD per GBP."""
    return f"{_amount(priced, rate)} to the {_NAMES.get(unit_ccy, unit_ccy)}"


def _amount(currency: str, value: float) -> str:
    """"$1.88", "23.4 roubles"."""
    sign = _SIGNS.get(currency)
    return f"{sign}{_number(value)}" if sign else f"{_number(value)} {_plural(_NAMES.get(currency, currency))}"


def _number(x: float) -> str:
    """A rate to three significant figures or so: 1.88, 23.4, 122."""
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}" if x >= 0.1 else f"{x:.3g}"


def _plural(name: str) -> str:
    return _PLURALS.get(name, name + "s")
