"""English words the extractor knows: number words, scale words, units, qualifiers, trap contexts.

Every unit maps to a pint unit string (see `units.txt` for the project's own); `tests/test_extract_cases.py`
checks that pint parses each one.
"""

from __future__ import annotations

import re

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
# Abbreviated scales glued to or following digits: "$4bn", "€3.2m", "10k", "2.5 mln".
# "T" (trillion) only after a currency sign: "$2.174T" ("5t" is five tonnes).
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
                "t": 1e12}
# Denominators of fractions in words: "two thirds", "one sixth", "three halves".
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5,
             "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
             "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
# Unicode vulgar fractions as (numerator, denominator): "⅓ cup", "2½ miles".
VULGAR_FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
                    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅐": (1, 7), "⅛": (1, 8), "⅜": (3, 8),
                    "⅝": (5, 8), "⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10)}
MULTIPLIER_WORDS = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "tenfold": 10,
                    "hundredfold": 100, "twice": 2, "thrice": 3, "doubled": 2, "double": 2, "doubling": 2, "tripled": 3,
                    "triple": 3, "tripling": 3, "quadrupled": 4, "quadruple": 4, "halved": 0.5, "halving": 0.5,
                    "halve": 0.5}
# Plural scale words on their own are vague amounts: (low, high), by order of magnitude ("hundreds" is
# 100 to 1,000, "dozens" 12 to 120, as the field's gold sets read them). "millions" and "billions" reach the
# next scale word: writers say "millions" of 30 million as readily as of 3 million (docs/extraction.md).
VAGUE = {
    "dozens": (12, 120), "scores": (40, 100), "hundreds": (100, 1000), "thousands": (1000, 10000),
    "millions": (1e6, 999_999_999), "billions": (1e9, 999_999_999_999),
}

QUALIFIERS = [
    ("at_least", "at least|no fewer than|no less than|a minimum of|not less than|at a minimum"),
    ("more_than", "more than|over|above|exceeding|exceeded|exceeds|exceed|in excess of|upwards of|"
                  "greater than|higher than|surpassed|topped|>"),
    ("at_most", "up to|at most|no more than|not more than|a maximum of|as many as|as much as|"
                "at a maximum|<="),
    ("less_than", "less than|fewer than|under|below|lower than|<|sub-"),
    ("approximate", "about|approximately|approx\\.|around|roughly|nearly|almost|some|an estimated|∼|"
                    "estimated|close to|circa|~|≈|an approximate|just over|just under|well over"),
]

# "Article 51", "Route 66": the number names a thing rather than measuring it.
IDENTIFIER_WORDS = frozenset(
    """article articles art route section sections chapter chapters resolution resolutions page pages p pp
    no number nos paragraph para clause amendment highway interstate room flight gate platform building
    block apartment unit suite level phase stage category grade vol volume issue item rule line lines
    bus train tram patient district precinct ward exit channel track episode season verse psalm act figure fig table
    appendix annex case code form protocol box lot row seat pier terminal zone sector""".split()
)
# "Boeing 747", "Windows 10": a brand or model series followed by a number.
MODEL_WORDS = frozenset(
    """boeing airbus embraer bombardier cessna tupolev ilyushin antonov sukhoi mig yak tu su il an mi ka
    iphone galaxy pixel windows android ios playstation xbox apollo soyuz falcon ariane vostok proton
    glonass sputnik kh iskander tor buk pantsir kalibr tomahawk patriot leopard abrams challenger
    merkava t stryker bradley typhoon tornado rafale gripen covid sars
    model voyager pioneer mariner venera cassini chandrayaan shenzhou tianzhou tiangong""".split()
)
# Capitalised words that start a sentence or a title before an amount rather than naming something.
NOT_NAMES = frozenset(
    """about approximately around roughly nearly almost some over under below above up just only more less
    fewer at in on of by for from to with and or but the a an all another these those this that its their
    our his her some any each every no nearly total totalling totaling estimated mr mrs ms dr last next
    first exactly precisely fully perhaps maybe still yet then now today yesterday since until after before
    during between most many barely circa overall altogether thus so also even already again monday
    tuesday wednesday thursday friday saturday sunday""".split()
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Words that, right after a 4-digit number, make it a count rather than a year ("2000 people").
COUNT_NOUNS = frozenset(
    """people persons soldiers troops fighters militants civilians residents refugees cases deaths victims
    households homes houses families students workers employees jobs vehicles tanks cars casualties
    patients children women men migrants voters seats members officers police policemen prisoners
    detainees hostages units pieces tons tonnes dollars euros pounds""".split()
)

# Unit surfaces, matched case-insensitively after a number ("15 km", "30-kilometre", "2.5 billion
# dollars"). Longer surfaces win. The value is a pint unit string. Powers are read around any surface:
# "square"/"sq"/"cubic" before it, "²"/"2"/"^2"/"-1" glued after it, "squared"/"cubed" after it
# ("sq km", "km²", "km^3", "4 km cubed", "s-1"); a "/" or "per" after it makes a rate ("J/m^2 per year").
UNIT_WORDS = {
    "kilometer": "kilometers|kilometres|kilometer|kilometre|km|kms",
    "hectare": "hectares|hectare|ha",
    "acre": "acres|acre",
    "meter": "meters|metres|meter|metre|m",
    "centimeter": "centimeters|centimetres|centimeter|centimetre|cm",
    "millimeter": "millimeters|millimetres|millimeter|millimetre|mm",
    "micrometer": "micrometers|micrometres|micrometer|micrometre|microns|micron|µm|μm",
    "nanometer": "nanometers|nanometres|nanometer|nanometre|nm",
    "picometer": "picometers|picometres|picometer|picometre|pm",
    "mile": "miles|mile|mi",
    "nautical_mile": "nautical miles|nautical mile",
    "foot": "feet|foot|ft",
    "inch": "inches|inch",
    "yard": "yards|yard",
    "kilogram": "kilograms|kilogrammes|kilogram|kilogramme|kg|kgs|kilos|kilo",
    "gram": "grams|grammes|gram|gramme|g",
    "milligram": "milligrams|milligrammes|milligram|milligramme|mg",
    "microgram": "micrograms|microgram|µg|μg|mcg",
    "metric_ton": "metric tons|metric tonnes|tonnes|tonne|tons|ton|t",
    "short_ton": "short tons|short ton",
    "long_ton": "long tons|long ton",
    "pound": "lbs|lb",
    "ounce": "ounces|ounce|oz",
    "liter": "liters|litres|liter|litre|l|L",
    "milliliter": "milliliters|millilitres|ml|mL",
    "centiliter": "centiliters|centilitres|cl|cL",
    "deciliter": "deciliters|decilitres|dl|dL",
    "gallon": "gallons|gallon",
    "barrel": "barrels|barrel|bbl",
    "cup": "cups|cup",
    "tablespoon": "tablespoons|tablespoon|tbsp",
    "teaspoon": "teaspoons|teaspoon|tsp",
    "second": "seconds|second|secs|sec",
    "minute": "minutes|minute|mins|min",
    "hour": "hours|hour|hrs|hr|h",
    "day": "days|day",
    "week": "weeks|week",
    "month": "months|month",
    "year": "years|year|yrs",
    "decade": "decades|decade",
    "century": "centuries|century",
    "kilometer / hour": "kilometers per hour|kilometres per hour|km/h|km/hr|kmh|kph|kmph|km per hour|km an hour",
    "mile / hour": "miles per hour|miles an hour|mph",
    "knot": "knots|knot",
    "meter / second": "meters per second|metres per second|m/s",
    "1 / second": "s-1|s−1|s⁻¹",
    "percent": "per cent|percent|pct|pc|%",
    "percentage_point": "percentage points|percentage point|percentage-points|percentage-point|pct points|"
                        "pct point|points of percentage",
    "basis_point": "basis points|basis point|bps",
    "permille": "per mille|per mil|‰",
    "degree_Celsius": "degrees celsius|degree celsius|degrees centigrade|°c|ºc|° c",
    "degree_Fahrenheit": "degrees fahrenheit|degree fahrenheit|°f|ºf",
    "degree": "degrees|degree|°|º",  # an angle, or a temperature whose scale the text does not name
    "watt": "watts|watt|W",
    "kilowatt": "kilowatts|kilowatt|kW",
    "megawatt": "megawatts|megawatt|MW",
    "gigawatt": "gigawatts|gigawatt|GW",
    "watt_hour": "watt-hours|watt hours|Wh",
    "kilowatt_hour": "kilowatt-hours|kilowatt-hour|kilowatt hours|kilowatt hour|kWh",
    "megawatt_hour": "megawatt-hours|megawatt-hour|megawatt hours|megawatt hour|MWh",
    "gigawatt_hour": "gigawatt-hours|gigawatt hours|GWh",
    "terawatt_hour": "terawatt-hours|terawatt hours|TWh",
    "joule": "joules|joule|J",
    "kilojoule": "kilojoules|kilojoule|kJ",
    "megajoule": "megajoules|megajoule|MJ",
    "electron_volt": "electronvolts|electron volts|eV",
    "kiloelectron_volt": "keV",
    "megaelectron_volt": "MeV",
    "gigaelectron_volt": "GeV",
    "teraelectron_volt": "TeV",
    "horsepower": "horsepower|hp|bhp",
    "radian": "radians|radian|rad",
    "milliampere_hour": "milliampere-hours|milliampere hours|mAh",
    "megabit / second": "megabits per second|Mbps|Mbit/s|Mb/s",
    "megabit": "megabits|megabit|Mbit",
    "gigabit": "gigabits|gigabit|Gbit",
    "kilobit": "kilobits|kilobit|kbit",
    "gigabit / second": "gigabits per second|Gbps|Gbit/s",
    "kilobit / second": "kilobits per second|kbps|kbit/s",
    "hertz": "hertz|Hz",
    "kilohertz": "kilohertz|kHz",
    "megahertz": "megahertz|MHz",
    "gigahertz": "gigahertz|GHz|Ghz",
    "byte": "bytes|byte",
    "kilobyte": "kilobytes|kilobyte|KB|kB",
    "megabyte": "megabytes|megabyte|MB",
    "gigabyte": "gigabytes|gigabyte|GB",
    "terabyte": "terabytes|terabyte|TB",
    "petabyte": "petabytes|petabyte|PB",
    "exabyte": "exabytes|exabyte|EB",
    "bit": "bits|bit",
    "gray": "grays|gray|Gy",
    "milligray": "milligrays|milligray|mGy",
    "femtobarn": "fb",
    "megaton": "megatons|megatonnes",
    "kiloton": "kilotons|kilotonnes|kt",
    "cent": "cents|cent|cts|us cents|us cent|u.s. cents|american cents",
    "canadian_cent": "canadian cents|canadian cent",
    "australian_cent": "australian cents|australian cent",
    "hong_kong_cent": "hong kong cents|hong kong cent",
    "new_zealand_cent": "new zealand cents|new zealand cent",
    "singapore_cent": "singapore cents|singapore cent",
    "euro_cent": "euro cents|euro cent|eurocents|eurocent",
    "penny": "pence|penny|pennies|p",
    "USD": "us dollars|u.s. dollars|american dollars|dollars|dollar|usd|dlrs|dlr",
    "AUD": "australian dollars|australian dollar|AUD",
    "CAD": "canadian dollars|canadian dollar|CAD",
    "HKD": "hong kong dollars|hong kong dollar|HKD",
    "NZD": "new zealand dollars|new zealand dollar|NZD",
    "SGD": "singapore dollars|singapore dollar|SGD",
    "TWD": "taiwan dollars|new taiwan dollars|TWD",
    "KRW": "KRW",
    "ILS": "shekels|shekel|ILS|NIS",
    "MYR": "ringgit|MYR",
    "BRL": "reais|BRL",
    "ZAR": "ZAR",
    "MXN": "mexican pesos|MXN",
    "SEK": "swedish kronor|kronor|SEK",
    "NOK": "norwegian kroner|NOK",
    "DKK": "danish kroner|DKK",
    "PLN": "zlotys|zloty|PLN",
    "AED": "dirhams|AED",
    "SAR": "riyals|SAR",
    "CHF": "swiss francs|swiss franc|CHF",
    "TRY": "turkish lira|turkish liras|TRY",
    "EUR": "euros|euro|eur|€",
    "GBP": "pounds sterling|pound sterling|gbp",
    "RUB": "rubles|roubles|ruble|rouble|rub|₽",
    "UAH": "hryvnias|hryvnia|hryvnas|uah",
    "CNY": "chinese yuan|yuan|renminbi|cny|RMB|元",
    "JPY": "yen|jpy",
    "INR": "rupees|rupee|inr",
}
# Surfaces that must match case-sensitively ("5 m" is metres, "5 M" is not; "5 MB" is megabytes, "5 mb" is
# not): one-letter abbreviations and those whose case carries the prefix.
CASE_SENSITIVE = {"m", "t", "g", "l", "L", "h", "ha", "mi", "ft", "kt", "W", "kW", "MW", "GW", "Wh", "kWh",
                  "MWh", "GWh", "TWh", "J", "kJ", "MJ", "eV", "keV", "MeV", "GeV", "TeV", "Hz", "kHz", "MHz",
                  "GHz", "Ghz", "mAh", "Mbps", "Mbit/s", "Mbit", "Gbit", "kbit", "Mb/s", "Gbps", "Gbit/s", "kbps", "kbit/s", "hp", "bhp", "rad",
                  "p", "pc", "mL", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD", "KRW", "ILS", "NIS", "MYR", "BRL",
                  "ZAR", "MXN", "SEK", "NOK", "DKK", "PLN", "AED", "SAR", "CHF", "TRY", "RMB",
                  "KB", "kB", "s-1", "s−1", "s⁻¹", "MB", "GB", "TB", "PB", "EB", "Gy", "mGy", "fb", "mm",
                  "cm", "nm", "pm",
                  "mg", "cl", "cL", "dl", "dL", "oz", "min", "sec", "bbl", "hr", "hrs", "ml", "m/s"}
# Units of length: the ones "square" and "cubic" apply to.
LENGTH_UNITS = frozenset({"kilometer", "meter", "centimeter", "millimeter", "mile", "foot", "inch", "yard",
                          "nautical_mile"})
# "per day", "a week", "/h": the denominator of a rate.
# "per person", "a head", "/d": denominators of a rate that are no unit surface (every unit is one too).
PER_WORDS = {"person": "person", "capita": "person", "head": "person", "d": "day", "yr": "year", "share": "share",
             "shr": "share"}

# English words that stop a counted noun phrase ("2,800 ISIS fighters were destroyed").
COUNTED_STOP = frozenset(
    """the a an and or but nor of in on at to from by for with within without into onto near since during
    before after over under about than as who whom whose which that this these those there here were was
    is are be been being has have had will would could should may might can must shall do does did not
    no so such per each every if when where while because although though until till up down out off
    also only just even still already yet again more less most least than then very too its their his
    her our your my it they he she we you i them him us me cannot can't won't don't didn't according
    killed wounded injured died dead what why how""".split()
)


def alternation(surfaces) -> str:
    """A regex matching any of the literal `surfaces`, longest first, whitespace matching any spacing.

    Written as a trie ("k(?:m(?:s|/h)?|g)"): the engine then tries a handful of branches at each step
    instead of every surface in turn, which matters for the few hundred unit surfaces."""
    root: dict = {}
    for surface in surfaces:
        node = root
        for ch in surface:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict) -> str:
    branches = [(r"[ \u00a0]+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + (")?" if "" in node else ")")
