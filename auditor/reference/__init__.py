"""Offline reference figures for places, and finding place names in text.

Country area and population and city population (cities of 500,000+), from GeoNames
(https://www.geonames.org/, CC BY 4.0), shipped as CSV in ``data/`` and regenerated
by ``tools/build_reference.py``. See ``data/ATTRIBUTION.md``: anything that shows
these figures must credit GeoNames.

Names are matched in English and Russian. English matching is case-insensitive
for :func:`lookup` and capitalisation-aware for :func:`find_names` ("Turkey", not
"turkey"; "US", not "us"). Russian words are reduced to their dictionary form with
pymorphy3 (loaded lazily, only for Cyrillic input), so "Сирии" finds Syria.

Keys: a country's key is its ISO 3166-1 alpha-2 code ("SY"), a city's its GeoNames
id ("524901"). Where one name is both a country and a city ("Singapore", "Тунис")
the country wins; among cities of one name, the most populous one.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["ATTRIBUTION", "ReferenceFigure", "figure", "find_names", "lookup", "population_between"]

ATTRIBUTION = (
    "Place figures: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/); subset converted to CSV."
)
AREA_UNIT = "kilometer ** 2"
_DATA = Path(__file__).with_name("data")

# Phrases that contain a place name but are not about that place: they are matched
# (so that the name inside is skipped) and reported as nothing.
_NOT_PLACES = (
    "New Jersey", "New Mexico", "New Guinea", "Gulf of Mexico", "New South Wales",
    "Jersey City", "Washington Post", "Washington State", "Latin America",
)


@dataclass(frozen=True)
class ReferenceFigure:
    """One reference value for a place, with its provenance.

    ``year`` is the basis of the figure as the source states it; for GeoNames,
    which dates none of its figures, it is the snapshot ("snapshot 2026-07").
    """

    name: str
    kind: str  # "country" | "city"
    key: str
    quantity: str  # "area" | "population"
    value: float
    unit: str | None  # "kilometer ** 2" for area, None for population
    source: str
    year: str
    licence: str


class _Entity(NamedTuple):
    name: str
    kind: str
    key: str
    area: float | None
    population: float | None
    source: str
    year: str
    licence: str


class _Alias(NamedTuple):
    tokens: tuple[str, ...]  # normalised keys, see _latin_key / _lemma
    case: tuple[int, ...]  # per token: 0 any case, 1 capitalised, 2 all capitals
    key: str | None  # None for _NOT_PLACES
    rank: tuple  # smaller is preferred among aliases of equal length


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    cyrillic: bool


# --- data -----------------------------------------------------------------------------

def _number(cell: str) -> float | None:
    return float(cell) if cell else None


@lru_cache(maxsize=1)
def _entities() -> dict[str, _Entity]:
    entities: dict[str, _Entity] = {}
    with (_DATA / "countries.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            entities[r["iso2"]] = _Entity(r["name"], "country", r["iso2"], _number(r["area_km2"]),
                                          _number(r["population"]), r["source"], r["year"], r["licence"])
    with (_DATA / "cities.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            entities[r["geonameid"]] = _Entity(r["name"], "city", r["geonameid"], None,
                                               _number(r["population"]), r["source"], r["year"],
                                               r["licence"])
    return entities


@lru_cache(maxsize=1)
def _alias_rows() -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(Latin-script rows, Cyrillic rows) of (alias, key)."""
    latin: list[tuple[str, str | None]] = [(phrase, None) for phrase in _NOT_PLACES]
    cyrillic: list[tuple[str, str | None]] = []
    # a country's people in the plural name the country too ("one in four Turks - about 18 million
    # people"): demonyms.csv, this project's own list of English ones (GeoNames has none; Russian ones are
    # written in lower case, which find_names does not take for names)
    for table in ("aliases.csv", "demonyms.csv"):
        with (_DATA / table).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                (cyrillic if _is_cyrillic(r["alias"]) else latin).append((r["alias"], r["key"]))
    return latin, cyrillic


def _build_index(rows, key_of) -> dict[str, list[_Alias]]:
    entities = _entities()
    index: dict[str, list[_Alias]] = {}
    for alias, key in rows:
        toks = _tokenize(alias)
        if not toks:
            continue
        entity = entities.get(key) if key else None
        if key and entity is None:
            continue
        rank = (0, 0) if entity is None else (entity.kind != "country", -(entity.population or 0))
        item = _Alias(tuple(key_of(t.text) for t in toks), tuple(_case_class(t.text) for t in toks),
                      key, rank)
        index.setdefault(item.tokens[0], []).append(item)
    return index


@lru_cache(maxsize=1)
def _latin_index() -> dict[str, list[_Alias]]:
    return _build_index(_alias_rows()[0], _latin_key)


@lru_cache(maxsize=1)
def _cyrillic_index() -> dict[str, list[_Alias]]:
    return _build_index(_alias_rows()[1], _lemma)


# --- text -----------------------------------------------------------------------------

_CYR = "А-Яа-яЁё"
_TOKEN_RE = re.compile(
    rf"(?:[^\W\d_]\.){{2,}}"  # dotted abbreviation: U.S., U.K., D.C.
    rf"|(?P<cyr>[{_CYR}]+(?:-[{_CYR}]+)*)"  # Russian word, hyphenated ones whole: Санкт-Петербург
    r"|[^\W\d_]+"  # any other word; hyphens split Latin words: Guinea-Bissau
)
_GAP_RE = re.compile(r"[\s\-.'’‘]*")  # what may stand between the words of one name
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                       "ð": "d", "þ": "th", "’": "", "'": ""})


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _is_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


def _tokenize(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group(), m.lastgroup == "cyr") for m in _TOKEN_RE.finditer(text)]


def _case_class(word: str) -> int:
    letters = word.replace(".", "")
    if len(letters) >= 2 and letters.isupper():
        return 2
    return 1 if word[:1].isupper() else 0


@lru_cache(maxsize=65536)
def _latin_key(word: str) -> str:
    """Lower case, dots and diacritics dropped: "U.S." -> "us", "São" -> "sao"."""
    word = word.replace(".", "").casefold().translate(_FOLD)
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # imported lazily: only Cyrillic input needs it

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    """Dictionary form of a Russian name, preferring a geographic reading."""
    parses = _morph().parse(word.lower())
    best = next((p for p in parses if "Geox" in p.tag), parses[0])
    return best.normal_form.replace("ё", "е")


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> frozenset[str]:
    """Every dictionary form a Russian word may have, plus the word itself."""
    low = word.lower().replace("ё", "е")
    return frozenset({low} | {p.normal_form.replace("ё", "е") for p in _morph().parse(word.lower())})


def _token_keys(tok: _Token) -> frozenset[str] | tuple[str]:
    return _lemmas(tok.text) if tok.cyrillic else (_latin_key(tok.text),)


def _case_ok(required: int, word: str) -> bool:
    if required == 2:
        return word.replace(".", "").isupper()
    return required == 0 or word[:1].isupper()


def _match(text: str, toks: list[_Token], i: int, strict: bool) -> list[_Alias]:
    """The longest aliases that match the tokens from ``toks[i]`` on."""
    index = _cyrillic_index() if toks[i].cyrillic else _latin_index()
    keys_cache: dict[int, frozenset[str] | tuple[str]] = {}

    def keys(j: int):
        if j not in keys_cache:
            keys_cache[j] = _token_keys(toks[j])
        return keys_cache[j]

    found: list[_Alias] = []
    for first in keys(i):
        for alias in index.get(first, ()):
            n = len(alias.tokens)
            if i + n > len(toks) or (found and n < len(found[0].tokens)):
                continue
            ok = True
            for j in range(n):
                tok = toks[i + j]
                if (j and alias.tokens[j] not in keys(i + j)) or tok.cyrillic != toks[i].cyrillic:
                    ok = False
                elif strict and (not _case_ok(alias.case[j], tok.text) or (
                        j and not _GAP_RE.fullmatch(text, toks[i + j - 1].end, tok.start))):
                    ok = False
                if not ok:
                    break
            if ok:
                if found and n > len(found[0].tokens):
                    found.clear()
                found.append(alias)
    return sorted(found, key=lambda a: a.rank)


@lru_cache(maxsize=1)
def _population_by_year() -> tuple["np.ndarray", dict[str, "np.ndarray"]]:
    """(years, {iso2: population of each year, NaN where the table has none}) of the World Bank table
    (public domain, PDDL 1.0), as numpy arrays: a window of years is a `searchsorted` slice."""
    import numpy as np

    with (_DATA / "population_by_year.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    years = np.array([int(y) for y in rows[0][1:]])
    keys = [r[0] for r in rows[1:]]
    values = np.genfromtxt([",".join(r[1:]) for r in rows[1:]], delimiter=",", dtype=float,
                           filling_values=np.nan).reshape(len(keys), len(years))
    return years, dict(zip(keys, values))


POPULATION_SOURCE = "World Bank, population total (SP.POP.TOTL)"
POPULATION_LICENCE = "PDDL 1.0 (public domain)"


def population_years() -> tuple[int, int]:
    """The first and last year of the World Bank population table."""
    years = _population_by_year()[0]
    return int(years[0]), int(years[-1])


def population_between(key: str, first_year: int, last_year: int) -> tuple[float, float, int, int] | None:
    """(lowest, highest, first year, last year) of a country's World Bank population over the years
    `first_year`..`last_year` (clipped to the table's years), or None for a city or a country the table
    does not hold. An article of 2003 is compared with Iraq's population of 2003, not today's."""
    import numpy as np

    years, table = _population_by_year()
    values = table.get(key)
    if values is None:
        return None
    lo, hi = max(first_year, int(years[0])), min(last_year, int(years[-1]))
    if lo > hi:
        lo = hi = int(years[0]) if last_year < years[0] else int(years[-1])
    window = values[np.searchsorted(years, lo, "left"):np.searchsorted(years, hi, "right")]
    window = window[~np.isnan(window)]
    if not window.size:
        return None
    return float(window.min()), float(window.max()), lo, hi


# --- public API -----------------------------------------------------------------------

def _figure(entity: _Entity, quantity: str) -> ReferenceFigure | None:
    if quantity == "area":
        value, unit = entity.area, AREA_UNIT
    elif quantity == "population":
        value, unit = entity.population, None
    else:
        raise ValueError(f"unknown quantity {quantity!r}: expected 'area' or 'population'")
    if value is None:
        return None
    return ReferenceFigure(entity.name, entity.kind, entity.key, quantity, value, unit,
                           entity.source, entity.year, entity.licence)


def figure(key: str, quantity: str) -> ReferenceFigure | None:
    """Reference figure for a key from :func:`find_names` ("SY", "524901"), or None.

    ``quantity`` is "area" (countries only, km²) or "population".
    """
    entity = _entities().get(key)
    return _figure(entity, quantity) if entity else None


def lookup(name: str, quantity: str, kind: str | None = None) -> ReferenceFigure | None:
    """Reference figure for a place named in English or Russian, or None if unknown.

    Case-insensitive; a leading "the" is ignored; Russian names may be inflected
    ("Сирии", "Москве"). ``quantity`` is "area" or "population"; ``kind``
    ("country" or "city") restricts the match, otherwise a country is preferred
    and, among cities of one name, the most populous.

    >>> lookup("the Syrian Arab Republic", "area").value
    185180.0
    """
    if quantity not in ("area", "population"):
        raise ValueError(f"unknown quantity {quantity!r}: expected 'area' or 'population'")
    name = _LEADING_THE.sub("", name)
    toks = _tokenize(name)
    if not toks:
        return None
    entities = _entities()
    for alias in _match(name, toks, 0, strict=False):
        if len(alias.tokens) != len(toks) or alias.key is None:
            continue
        entity = entities[alias.key]
        if kind is None or entity.kind == kind:
            result = _figure(entity, quantity)
            if result is not None:
                return result
    return None


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Every known country or city name in ``text``, as (start, end, key).

    Scans left to right taking the longest name at each point ("Papua New Guinea",
    not "Guinea"); names must stand as whole words and be capitalised as names
    are ("Turkey", "US", "США"). A leading "the" is not part of the span. Russian
    words are matched in any case form ("в Сирии", "Москве"). Use :func:`figure`
    to get a key's figures.

    >>> text = "The area of Syria is 185,180 km2"
    >>> [(text[s:e], key) for s, e, key in find_names(text)]
    [('Syria', 'SY')]
    """
    toks = _tokenize(text)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        matches = _match(text, toks, i, strict=True) if tok.text[:1].isupper() else []
        if matches:
            best = matches[0]
            n = len(best.tokens)
            if best.key is not None:
                out.append((tok.start, toks[i + n - 1].end, best.key))
            i += n
        else:
            i += 1
    return out
