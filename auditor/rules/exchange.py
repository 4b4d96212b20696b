"""The exchange rate a conversion between currencies is checked against: the market's range of the
document's date (ECB reference rates), and the rate the conversion implies, in words for the message.

"$1.13bn (£600m)" in a document of 2005-01-14 implies $1.88 to the pound; the ECB's rates of the days
around that date ran from 1.86 to 1.93. The window of days follows what is known of the date: a day, a
month, a year or a range of them as given; from a year before the latest date a text mentions on; for an
unknown date, every day since 1999. A year before the window named in the sentence ("331bn yen ($2.7bn)
profit in 2001") is added to it: the writer may have converted at that year's rate. A later year ("would
contribute 6bn euros ($8bn; £6bn) by 2014") is not: nobody converts at a rate that is still to come.

Without a date that bounds the window on both sides, the market's range spans years (the pound has been
worth $1.07 and $2.11 since 1999), and the ECB does not quote the tenge or the som at all. One document's
conversions are written at one time, though: then a conversion is compared with the rates the document's
other conversions between the same two currencies imply ("$21bn (£10.8bn)" and, later, "$8bn (£6bn)":
$1.94 and $1.33 to the pound), each figure read with its bounds and rounding. A conversion whose
sentence names a year may be at that year's rate ("turned a 684bn yen ($6.4bn) loss in 2000 into..."): it
is neither compared so nor compared with; a year still to come ("by 2014") does not count. Two retail
price points ("$149 (£99)": both end in 9) are a product's prices set for each market: no conversion, and
no rate for the others.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from ..extract.currency import SUBUNITS
from ..reference import rates

# The latest date a text mentions says little of when it was written: mostly some time after it (an
# article on 2005 results recalls "November 1998"), sometimes before it ("due in March 2006"). So it only
# bounds the window from below, a year early; the window runs on to the last day with rates.
_TEXT_DATE_LEAD = timedelta(days=365)
_YEAR = r"(?<![\d.,])(19[5-9]\d|20[0-4]\d)(?![\d.,]\d)"
_YEAR_IN_SENTENCE = re.compile(_YEAR)
# a year a sentence names as past or present: not one it looks forward to ("by 2014", "к 2014 году")
_PAST_YEAR = re.compile(rf"(?<!\bby )(?<!\buntil )(?<!\bк )(?<!\bдо ){_YEAR}", re.IGNORECASE)
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


def exchange_rate(ix, original, converted, conversions=()):
    """The ReferenceValue of the rate from `original`'s currency to `converted`'s for the document of
    `ix`, or None when both are in one currency (not a conversion). `conversions` are the document's
    (original, converted) pairs: when its date is unknown or only bounded from below, or the ECB does not
    quote a currency on its days (since 1999), the rates its other conversions between the two currencies
    imply are the reference."""
    from ..unit_facts import to_base
    from .matcher import ReferenceValue

    base, quote = currency_of(original.unit), currency_of(converted.unit)
    if base is None or quote is None or base == quote:
        return None
    implied = None
    amount, restated = _middle(original), _middle(converted)
    if amount and restated:
        implied = restated * to_base(converted.unit)[0] / (amount * to_base(original.unit)[0])
    shared = next((q.text for q in (original, converted) if _names_several_currencies(ix, q)), None)
    local = _price_points(original, converted)
    quoted = rates.known(base) and rates.known(quote) and shared is None
    first, last, when = _window(ix, original)
    dated = ix.date.span() is not None and ix.date.source != "text"
    market = rates.rate_range(base, quote, first, last) if quoted and not local else None
    # the document's own rates, when the market gives none for its days: an unknown date (whose market
    # spans years), a currency the ECB does not quote (or no longer quotes: the rouble after March 2022);
    # never before the ECB's rates
    if not local and (market is None or not dated) and last >= rates.whole_history()[0]:
        own = _own_rates(ix, base, quote, original, converted, conversions)
        if own is not None:
            low, high, others = own
            shown = "; ".join(f"{o.text} ({c.text})" for o, c in others[:2]) + ("; ..." if len(others) > 2 else "")
            return _rate_value(base, quote, low, high, implied, f"elsewhere in the text ({shown})",
                               "the document's other conversions between these currencies")
    unavailable = None
    if local:
        unavailable = (f"{original.text} and {converted.text} read as the prices set for each market (both "
                       "end in 9), not as a conversion")
    elif shared is not None:
        unavailable = f"'{shared}' may be in the currency of several countries"
    elif not quoted:
        unavailable = f"the ECB publishes no rate for {base if not rates.known(base) else quote}"
    elif market is None:
        unavailable = f"no ECB rate between {base} and {quote} {when}" + \
            (" (the ECB's rates start in 1999)" if last < rates.whole_history()[0] else "")
    if unavailable is not None:
        details = {"when": when}
        if implied is not None:
            details["implied"] = _quote(*rates.quoted_pair(base, quote, implied))
        return ReferenceValue(None, None, "exchange rate", 0.0, None, rates.SOURCE, 0.0, float("inf"),
                              unavailable=unavailable, details=details)
    source = f"{rates.SOURCE}, {market.first.isoformat()} to {market.last.isoformat()}"
    return _rate_value(base, quote, market.low, market.high, implied, when, source)


# Currency words several countries use, each read by the extractor as one country's: "5bn rupees ($50m)"
# in a report from Sri Lanka is in Sri Lankan rupees, which trade at half the Indian rupee. Such a figure
# is the extractor's country's only in a document that names that country and none of the others (or
# when its code or sign names the currency); else it is compared only with the document's own conversions.
# (word, the country the extractor reads it for, the other countries that use it)
_SHARED_WORDS = {
    "INR": (r"\b(?:rupees?|rs)\b", r"\bindian?s?\b|\bинди(?:я|и|ю|ей|йск)",
            (r"\bpakistan|\bsri lanka|\bnepal|\bmauriti|\bseychell|"
             r"\bпакистан|\bшри-ланк|\bнепал|\bмаврики|\bсейшел")),
    "SAR": (r"\briyals?\b", r"\bsaudi|\bсаудов", r"\bqatar|\boman|\byemen|\bкатар|\bоман|\bйемен"),
    "AED": (r"\bdirhams?\b", r"\bemirat|\bdubai|\babu dhabi|\buae\b|\bоаэ\b|\bэмират|\bдубай",
            r"\bmorocc|\bмарокк"),
}
_SHARED = {code: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
           for code, patterns in _SHARED_WORDS.items()}


# the largest price a shop would set (a product's price, not a budget or a deal)
PRICE_POINT_LIMIT = 10_000


def _price_points(original, converted) -> bool:
    """Whether both amounts are retail price points, "$149 (£99)", "$29.99 (£19.99)": a product's price in
    each market, set apart (both ending in 9, or in .99 or .95), not one converted from the other. A
    conversion lands on such a pair about once in ten, and only for prices."""
    return all(_is_price_point(q) for q in (original, converted))


def _is_price_point(q) -> bool:
    if q.qualifier != "exact" or q.value is None or not 1 <= q.value < PRICE_POINT_LIMIT:
        return False
    whole, cents = f"{q.value:.2f}".split(".")
    return cents in ("99", "95") or (cents == "00" and whole.endswith("9"))


def _names_several_currencies(ix, q) -> bool:
    """Whether money figure `q` names its currency with a word several countries' currencies share, in a
    document that does not tell which country's it is."""
    found = _SHARED.get(currency_of(q.unit))
    if found is None:
        return False
    word, home, others = found
    if word.search(q.text) is None:
        return False
    text = ix.doc.text
    return home.search(text) is None or others.search(text) is not None


def _middle(q) -> float | None:
    """The figure of an amount, or the middle of a range ("$5m-$7m" implies a rate by its middle)."""
    if q.value is not None:
        return q.value
    return (q.low + q.high) / 2 if q.qualifier == "range" and q.low is not None and q.high is not None else None


def _rate_value(base: str, quote: str, low: float, high: float, implied: float | None, when: str, source: str):
    """The ReferenceValue of a range of rates (`quote` per `base`), with the words of the rule's message."""
    from .matcher import ReferenceValue

    # the implied rate and the reference's are quoted the same way round, the way the reference's reads best
    unit_ccy, priced, _ = rates.quoted_pair(base, quote, (low + high) / 2)
    flip = unit_ccy != base
    shown_low, shown_high = (1 / high, 1 / low) if flip else (low, high)
    details = {"when": when}
    if implied is not None:
        details["implied"] = _quote(unit_ccy, priced, 1 / implied if flip else implied)
    details["market"] = _amount(priced, shown_low, shown_high)
    return ReferenceValue(None, None, "exchange rate", (low + high) / 2, None, source, low, high, details=details)


def _own_rates(ix, base: str, quote: str, original, converted, conversions) -> tuple[float, float, list] | None:
    """(lowest, highest, the pairs): the rates, `quote` per `base`, that the document's other conversions
    between the two currencies imply, each figure read with its bounds and rounding, the amount converted
    as written ("up to $35bn (£18.8bn)" converts 35bn); None if it has none (or this conversion's sentence
    names a past year)."""
    from .bounds import figure_interval

    if _names_past_year(ix, original):
        return None
    low, high, others = math.inf, -math.inf, []
    for o, c in conversions:
        if o is original and c is converted or _names_past_year(ix, o) or _price_points(o, c):
            continue  # (local prices tell no rate)
        pair = currency_of(o.unit), currency_of(c.unit)
        if pair not in ((base, quote), (quote, base)) or o.value is None or c.value is None:
            continue
        amount, value = figure_interval(o, 1.0, 0.0, as_stated=True), figure_interval(c, 1.0, 0.0)
        if not (0 < amount.low <= amount.high < math.inf and 0 < value.low <= value.high < math.inf):
            continue
        first, last = value.low / amount.high, value.high / amount.low  # units of c per unit of o
        if pair != (base, quote):
            first, last = 1 / last, 1 / first
        low, high = min(low, first), max(high, last)
        others.append((o, c))
    if len(others) == 1 and others[0][0].start > original.start:
        return None  # two conversions that disagree: the later one is reported, against the earlier
    return (low, high, others) if others else None


def _names_past_year(ix, quantity) -> bool:
    """Whether the sentence of `quantity` names a past or present year (its figures may be that year's)."""
    sentence = _sentence_of(ix, quantity)
    return sentence is not None and _PAST_YEAR.search(ix.doc.text, sentence.start, sentence.end) is not None


def _sentence_of(ix, quantity):
    """The span of the sentence `quantity` lies in, or None for a text without sentences."""
    doc = ix.doc
    return doc.sentences[doc.sentence_index(quantity.start)] if doc.sentences else None


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
    sentence = _sentence_of(ix, quantity)
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


def _amount(currency: str, value: float, high: float | None = None) -> str:
    """"$1.88", "23.4 roubles"; with `high`, a range: "$1.86-1.93", "140-158 tenge"."""
    number = _number(value)
    if high is not None and _number(high) != number:
        number += f"-{_number(high)}"
    sign = _SIGNS.get(currency)
    return f"{sign}{number}" if sign else f"{number} {_plural(_NAMES.get(currency, currency))}"


def _number(x: float) -> str:
    """A rate to three significant figures or so: 1.88, 23.4, 122."""
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}" if x >= 0.1 else f"{x:.3g}"


def _plural(name: str) -> str:
    return _PLURALS.get(name, name + "s")
