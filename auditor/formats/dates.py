"""Publication dates from a format's metadata, as ISO strings 'YYYY[-MM[-DD]]'."""

from __future__ import annotations

import datetime as dt
import re

_ISO_PREFIX = re.compile(r"\s*((\d{4})(?:-(\d{2})(?:-(\d{2}))?)?)(?![\d])")


def iso_date(value) -> str | None:
    """`value` (a date, a datetime, or a string starting with an ISO date such as
    '2024-03-05T08:30:00Z') as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    m = _ISO_PREFIX.match(value)
    if not m:
        return None
    year, month, day = m.group(2), m.group(3), m.group(4)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return m.group(1)
