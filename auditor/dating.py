"""The date a document was written, for checks whose answer depends on it (exchange rates, populations).

Sources, first found wins: the date the user gave (`--date`), the document's own metadata (an input
format's `published` attribute), a dateline ("LONDON, Jan 14 (Reuters) -", "МОСКВА, 14 января 2005"), a
full date in the file's name, as archives name their files ("lenta_0144_20020828.txt",
"2019-03-12-budget.md"; after the dateline, which the text itself states: a saved copy's name may carry
the day it was saved), the latest full date the text mentions (a day or a month with its year), else
unknown. A date may be a day, a month or a year ("2005-01-14", "2005-01", "2005"), or a range of them
("2004..2005": a corpus known to come from those years); `span()` turns it into the first and last day it
can mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# English whatever the process's locale (calendar.month_name follows it)
_EN_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december")
_EN_MONTHS = {name: i + 1 for i, name in enumerate(_EN_MONTH_NAMES)}
_EN_MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_EN_MONTH_NAMES)})
_EN_MONTHS["sept"] = 9
_RU_MONTHS = {stem: i + 1 for i, stem in enumerate(
    ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"))}
_EN_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
            r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_RU_MONTH = r"(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|" \
            r"октябр[яь]|ноябр[яь]|декабр[яь])"
_YEAR = r"((?:19|20)\d\d)"
# Full dates in running text: "14 January 2005", "January 14, 2005", "14 января 2005 года", "14.01.2005",
# "2005-01-14"; and a month with its year ("January 2005", "в январе 2005 года").
_FULL_DATES = (
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_EN_MONTH},?[ \t]+{_YEAR}\b"), "d m y", "en"),
    (re.compile(rf"\b{_EN_MONTH}[ \t]+(\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+{_YEAR}\b"), "m d y", "en"),
    (re.compile(rf"\b(\d{{1,2}})[ \t\u00a0]+{_RU_MONTH}[ \t\u00a0]+{_YEAR}\b", re.IGNORECASE), "d m y", "ru"),
    (re.compile(rf"\b(\d{{1,2}})\.(\d{{2}})\.{_YEAR}\b"), "d m y", "num"),
    (re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b"), "y m d", "num"),
    (re.compile(rf"\b{_EN_MONTH}[ \t]+(?:of[ \t]+)?{_YEAR}\b"), "m y", "en"),
    (re.compile(rf"\b(январ[ея]|феврал[ея]|март[ае]|апрел[ея]|ма[ея]|июн[ея]|июл[ея]|"
                rf"август[ае]|сентябр[ея]|октябр[ея]|ноябр[ея]|декабр[ея])[ \t\u00a0]+{_YEAR}\b", re.IGNORECASE),
     "m y", "ru"),
)
# A full date in a file's name, with no letter or digit right beside it (not in "3fa8b20150612cde")
_DATE_IN_NAME = re.compile(r"(?<![^\W_])((?:19|20)[0-9][0-9])([-_.]?)(0[1-9]|1[0-2])\2([0-3][0-9])(?![^\W_])")
# A dateline opens the text: an upper-case place, then a date ("WASHINGTON, March 3 (Reuters) -").
_DATELINE = re.compile(rf"\A\s*(?:[^\n]{{0,200}}\n\s*)?[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{{2,40}},\s+(?:{_EN_MONTH}\s+(\d{{1,2}})"
                       rf"|(\d{{1,2}})\s+{_RU_MONTH})(?:,?\s+{_YEAR})?")


@dataclass(frozen=True)
class DocumentDate:
    """When a document was written, as precisely as known, and where that came from."""

    value: str | None  # "YYYY", "YYYY-MM", "YYYY-MM-DD", or two of them joined by ".."; None when unknown
    source: str  # "option", "metadata", "dateline", "filename", "text" or "unknown"

    def span(self) -> tuple[date, date] | None:
        """The first and last day the date can mean, or None when it is unknown."""
        if self.value is None:
            return None
        first, _, last = self.value.partition("..")
        return _days(first)[0], _days(last or first)[1]

    def to_json(self) -> dict:
        return {"value": self.value, "source": self.source}


UNKNOWN = DocumentDate(None, "unknown")


def _days(text: str) -> tuple[date, date]:
    year, month, day = parse_date(text)
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(text: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of "YYYY[-MM[-DD]]"; raises ValueError for anything else or an impossible date."""
    m = _ISO.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    date(year, month or 1, day or 1)  # raises ValueError for month 13 or 31 February
    return year, month or None, day or None


def normalise_date(text: str) -> str:
    """"2005-1-4" → "2005-01-04", "2004..2005" kept as a range; validates as `parse_date` does (and that a
    range does not end before it starts)."""
    parts = [_normalise_one(p) for p in text.split("..", 1)]
    if len(parts) == 2 and _days(parts[1])[1] < _days(parts[0])[0]:
        raise ValueError(f"'{text}' ends before it starts")
    return "..".join(parts)


def _normalise_one(text: str) -> str:
    year, month, day = parse_date(text)
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def document_date(doc, given: str | None = None) -> DocumentDate:
    """The date of `doc`: `given` (already validated), its `published` metadata, a dateline, a date in
    its file's name, the latest full date in its text, else UNKNOWN."""
    if given:
        return DocumentDate(normalise_date(given), "option")
    published = getattr(doc, "published", None)
    if published:
        try:
            return DocumentDate(normalise_date(published), "metadata")
        except ValueError:
            pass  # metadata that is not a date we can read: fall through to the other sources
    text = doc.text
    dateline = _dateline(text)
    if dateline is not None:
        return DocumentDate(dateline, "dateline")
    named = date_in_name(doc.path) if getattr(doc, "named_file", False) and doc.path else None
    if named is not None:
        return DocumentDate(named, "filename")
    latest = latest_date_in(text)
    return DocumentDate(latest, "text") if latest else UNKNOWN


def date_in_name(path: str) -> str | None:
    """The one full date (YYYYMMDD, or its parts joined by "-", "_" or ".", with no letter or digit right
    beside it) in the file name of `path` (a URL's last segment, without its query), as ISO text; None
    when it names none, two different ones, or an impossible one (then the digits are something else)."""
    if "://" in path:
        path = re.split(r"[?#]", path, maxsplit=1)[0]
    name = re.split(r"[/\\]", path)[-1]
    found = {_iso(int(y), int(m), int(d)) for y, _, m, d in _DATE_IN_NAME.findall(name)}
    return found.pop() if len(found) == 1 and None not in found else None


def _dateline(text: str) -> str | None:
    m = _DATELINE.match(text)
    if not m or not m.group(5):
        return None  # a dateline without its year tells the day but not the year: not enough
    month = _EN_MONTHS.get(m.group(1).lower().rstrip(".")) if m.group(1) else _ru_month(m.group(4))
    day = int(m.group(2) or m.group(3))
    return _iso(int(m.group(5)), month, day)


def latest_date_in(text: str) -> str | None:
    """The latest full date (a day or a month, with its year) that `text` mentions, as ISO text."""
    found: list[tuple[tuple[int, int, int], str]] = []
    years = [y.span() for y in _YEAR_ONLY.finditer(text)]
    for pattern, order, language in _FULL_DATES:
        for m in _near_years(pattern, text, years):
            parts = dict(zip(order.split(), m.groups()))
            year = int(parts["y"])
            raw_month = parts["m"]
            if language == "num":
                month = int(raw_month)
            elif language == "en":
                month = _EN_MONTHS.get(raw_month.lower().rstrip("."))
            else:
                month = _ru_month(raw_month)
            day = int(parts["d"]) if "d" in parts else None
            iso = _iso(year, month, day)
            if iso:
                found.append(((year, month, day or 0), iso))
    return max(found)[1] if found else None


_YEAR_ONLY = re.compile(rf"\b{_YEAR}\b")
_DATE_REACH = 40  # the most characters a full date runs before its year ("14th of September, 2005")


def _near_years(pattern: re.Pattern, text: str, years: list[tuple[int, int]]):
    """The matches of `pattern` that end at one of the `years` (their spans in `text`): the patterns run
    only on the stretch before each year, so a text without years costs one quick scan."""
    last_end = -1
    for year_start, year_end in years:
        start = max(year_start - _DATE_REACH, last_end, 0)
        for m in pattern.finditer(text, start, year_end):
            if m.end() == year_end:
                last_end = m.end()
                yield m


def _ru_month(word: str) -> int | None:
    w = word.lower()
    for stem in sorted(_RU_MONTHS, key=len, reverse=True):
        if w.startswith(stem):
            return _RU_MONTHS[stem]
    return None


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not month:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
