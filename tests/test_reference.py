"""Tests for auditor.reference: shipped GeoNames figures and place-name matching."""

import csv
from pathlib import Path

import pytest

import auditor.reference as ref
from auditor.reference import ReferenceFigure, figure, find_names, lookup

DATA = Path(ref.__file__).with_name("data")


def _rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _country(iso2):
    return next(r for r in _rows("countries.csv") if r["iso2"] == iso2)


def test_syria_area():
    fig = lookup("Syria", "area")
    assert fig is not None
    assert fig.value == 185180
    assert (fig.key, fig.kind, fig.quantity, fig.unit) == ("SY", "country", "area", "kilometer ** 2")
    assert fig.licence == "CC BY 4.0" and "GeoNames" in fig.source


def test_jordan_area_matches_data_file():
    expected = float(_country("JO")["area_km2"])
    fig = lookup("Jordan", "area")
    assert fig.value == expected
    # GeoNames says 92,300 km²; other sources say 89,342 km². Either way the
    # article's 300,000 is far off.
    assert 85_000 <= fig.value <= 95_000


@pytest.mark.parametrize(
    "name", ["Сирии", "Сирия", "the Syrian Arab Republic", "SYRIA", "Сирийской Арабской Республике"])
def test_syria_aliases(name):
    fig = lookup(name, "area")
    assert fig is not None and fig.key == "SY" and fig.value == 185180


def test_moscow_population_russian_inflected():
    fig = lookup("Москве", "population")
    assert fig is not None
    assert fig.name == "Moscow" and fig.kind == "city" and fig.unit is None
    assert lookup("Moscow", "population") == fig
    assert 5_000_000 < fig.value < 20_000_000  # far below "a city of 40 million"


@pytest.mark.parametrize("name,key", [
    ("US", "US"), ("the United States", "US"), ("U.S.", "US"), ("США", "US"),
    ("Россия", "RU"), ("России", "RU"), ("Российской Федерации", "RU"),
    ("Kabul", "1138958"), ("Кабул", "1138958"), ("Кабуле", "1138958"),
    ("Нью-Йорке", "5128581"), ("Ростове-на-Дону", "501175"), ("Sao Paulo", "3448439"),
])
def test_aliases(name, key):
    fig = lookup(name, "population")
    assert fig is not None and fig.key == key


def test_unknown_and_missing():
    assert lookup("Atlantis", "area") is None
    assert lookup("", "population") is None
    assert lookup("Moscow", "area") is None  # cities carry no area
    assert figure("nope", "area") is None
    with pytest.raises(ValueError):
        lookup("Syria", "gdp")


def test_country_preferred_over_city_unless_asked():
    assert lookup("Singapore", "population").kind == "country"
    assert lookup("Singapore", "population", kind="city").kind == "city"


def test_figure_by_key():
    fig = figure("SY", "area")
    assert isinstance(fig, ReferenceFigure) and fig.value == 185180


def test_find_names_english():
    text = ("Jordan, with an area of 300,000 square kilometres, borders Syria, "
            "and the U.S. Virgin Islands are not in New Mexico; turkey is served in the US.")
    found = [(text[s:e], key) for s, e, key in find_names(text)]
    assert found == [("Jordan", "JO"), ("Syria", "SY"), ("U.S. Virgin Islands", "VI"), ("US", "US")]


def test_find_names_longest_match_and_case():
    text = "Papua New Guinea and Guinea-Bissau; MOSCOW and us."
    found = [(text[s:e], key) for s, e, key in find_names(text)]
    assert found == [("Papua New Guinea", "PG"), ("Guinea-Bissau", "GW"), ("MOSCOW", "524901")]


def test_find_names_russian():
    text = "Общая площадь Сирии — 185 180 кв. км, а в Москве и Объединённых Арабских Эмиратах того больше."
    found = [(text[s:e], key) for s, e, key in find_names(text)]
    assert found == [("Сирии", "SY"), ("Москве", "524901"), ("Объединённых Арабских Эмиратах", "AE")]


def test_a_country_named_by_its_people():
    text = "By 2014, one in four Turks - or about 18 million people - will be aged 14 or less; Americans too."
    assert [(text[s:e], key) for s, e, key in find_names(text)] == [("Turks", "TR"), ("Americans", "US")]
    demonyms = _rows("demonyms.csv")
    keys = {r["iso2"] for r in _rows("countries.csv")}
    assert len(demonyms) > 50 and all(r["key"] in keys and r["alias"][:1].isupper() for r in demonyms)


def test_every_row_has_provenance():
    for name in ("countries.csv", "cities.csv"):
        for row in _rows(name):
            assert row["source"].strip() and row["year"].strip() and row["licence"].strip(), row


def test_row_counts_and_alias_keys():
    countries, cities, aliases = _rows("countries.csv"), _rows("cities.csv"), _rows("aliases.csv")
    assert len(countries) > 200 and len(cities) > 300
    assert all(int(r["population"]) >= 500_000 for r in cities)
    keys = {r["iso2"] for r in countries} | {r["geonameid"] for r in cities}
    assert all(r["kind"] in ("country", "city") and r["key"] in keys for r in aliases)
    assert all(r["alias"][:1].isupper() for r in aliases)  # find_names relies on it
    russian = {r["key"] for r in aliases if ref._is_cyrillic(r["alias"]) and r["kind"] == "country"}
    assert len(russian) >= 60


def test_data_is_loaded_once():
    # read on first use and kept: a second lookup does not read the tables again
    ref._entities.cache_clear()
    ref._latin_index.cache_clear()
    first = ref._entities()
    assert ref._entities() is first and ref._latin_index() is ref._latin_index()
    assert ref._entities.cache_info().misses == 1
