"""English words the extractor knows: number words, scale words, units, qualifiers, trap contexts.

Every unit maps to a pint unit string (see `units.txt` for the project's own); `tests/test_units.py`
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
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales glued to or following digits: "$4bn", "€3.2m", "10k", "2.5 mln".
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
             "tenth": 10, "tenths": 10}
MULTIPLIER_WORDS = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "tenfold": 10,
                    "hundredfold": 100, "twice": 2, "thrice": 3, "doubled": 2, "double": 2, "doubling": 2, "tripled": 3,
                    "triple": 3, "tripling": 3, "quadrupled": 4, "quadruple": 4, "halved": 0.5}
# Plural scale words on their own are vague amounts: (low, high).
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "millions": (2e6, 999_999_999), "billions": (2e9, 999_999_999_999),
}

QUALIFIERS = [
    ("at_least", "at least|no fewer than|no less than|a minimum of|not less than|at a minimum"),
    ("more_than", "more than|over|above|exceeding|exceeded|exceeds|exceed|in excess of|upwards of|"
                  "greater than|higher than|surpassed|topped|>"),
    ("at_most", "up to|at most|no more than|not more than|a maximum of|as many as|as much as|"
                "at a maximum|<="),
    ("less_than", "less than|fewer than|under|below|lower than|<"),
    ("approximate", "about|approximately|approx\\.|around|roughly|nearly|almost|some|an estimated|"
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
    merkava t stryker bradley typhoon tornado rafale gripen covid sars""".split()
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
# dollars"). Longer surfaces win. The value is a pint unit string.
UNIT_WORDS = {
    "kilometer": "kilometers|kilometres|kilometer|kilometre|km|kms",
    "kilometer ** 2": "square kilometers|square kilometres|square kilometer|square kilometre|sq km|sq. km|"
                      "km²|km2|sq kilometers|sq kilometres|square km",
    "meter ** 2": "square meters|square metres|square meter|square metre|sq m|m²|m2",
    "mile ** 2": "square miles|square mile|sq mi|sq miles",
    "meter ** 3": "cubic meters|cubic metres|cubic meter|cubic metre|m³|m3",
    "hectare": "hectares|hectare|ha",
    "acre": "acres|acre",
    "meter": "meters|metres|meter|metre|m",
    "centimeter": "centimeters|centimetres|centimeter|centimetre|cm",
    "millimeter": "millimeters|millimetres|millimeter|millimetre|mm",
    "mile": "miles|mile|mi",
    "nautical_mile": "nautical miles|nautical mile",
    "foot": "feet|foot|ft",
    "inch": "inches|inch",
    "yard": "yards|yard",
    "kilogram": "kilograms|kilogrammes|kilogram|kilogramme|kg|kgs|kilos|kilo",
    "gram": "grams|grammes|gram|gramme|g",
    "metric_ton": "metric tons|metric tonnes|tonnes|tonne|tons|ton|t",
    "short_ton": "short tons|short ton",
    "long_ton": "long tons|long ton",
    "pound": "lbs|lb",
    "liter": "liters|litres|liter|litre|l",
    "milliliter": "milliliters|millilitres|ml",
    "gallon": "gallons|gallon",
    "barrel": "barrels|barrel|bbl",
    "second": "seconds|second|secs|sec",
    "minute": "minutes|minute|mins|min",
    "hour": "hours|hour|hrs|hr|h",
    "day": "days|day",
    "week": "weeks|week",
    "month": "months|month",
    "year": "years|year|yrs",
    "decade": "decades|decade",
    "century": "centuries|century",
    "kilometer / hour": "kilometers per hour|kilometres per hour|km/h|kmh|kph|km per hour|km an hour",
    "mile / hour": "miles per hour|miles an hour|mph",
    "knot": "knots|knot",
    "meter / second": "meters per second|metres per second|m/s",
    "percent": "per cent|percent|pct|%",
    "degree_Celsius": "degrees celsius|degree celsius|degrees centigrade|°c|ºc|° c",
    "degree_Fahrenheit": "degrees fahrenheit|degree fahrenheit|°f|ºf",
    "megawatt": "megawatts|megawatt|MW",
    "gigawatt": "gigawatts|gigawatt|GW",
    "kilowatt": "kilowatts|kilowatt|kW",
    "kilowatt_hour": "kilowatt-hours|kilowatt hours|kWh",
    "megaton": "megatons|megatonnes",
    "kiloton": "kilotons|kilotonnes|kt",
    "cent": "cents|cent",
    "USD": "us dollars|u.s. dollars|dollars|dollar|usd",
    "EUR": "euros|euro|eur|€",
    "GBP": "pounds sterling|pound sterling|gbp",
    "RUB": "rubles|roubles|ruble|rouble|rub|₽",
    "UAH": "hryvnias|hryvnia|hryvnas|uah",
    "CNY": "yuan|renminbi|cny",
    "JPY": "yen|jpy",
    "INR": "rupees|rupee|inr",
}
# Abbreviations that must match case-sensitively ("5 m" is metres, "5 M" is not; "2 in" is rare).
CASE_SENSITIVE = {"m", "t", "g", "l", "h", "ha", "mi", "ft", "kt", "MW", "GW", "kW", "kWh", "mm", "cm",
                  "min", "sec", "bbl", "hr", "hrs", "ml", "m2", "m3", "m²", "m³", "m/s"}
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH",
                    "₹": "INR"}
# "per day", "a week", "/h": the denominator of a rate.
PER_WORDS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "person": "person", "capita": "person", "head": "person",
    "h": "hour", "hr": "hour", "d": "day", "yr": "year", "hectare": "hectare", "ha": "hectare",
    "гектар": "hectare", "человека": "person",
    "km": "kilometer", "kilometre": "kilometer", "kilometer": "kilometer",
}

# English words that stop a counted noun phrase ("2,800 ISIS fighters were destroyed").
COUNTED_STOP = frozenset(
    """the a an and or but nor of in on at to from by for with within without into onto near since during
    before after over under about than as who whom whose which that this these those there here were was
    is are be been being has have had will would could should may might can must shall do does did not
    no so such per each every if when where while because although though until till up down out off
    also only just even still already yet again more less most least than then very too its their his
    her our your my it they he she we you i them him us me cannot can't won't don't didn't according
    killed wounded injured died dead""".split()
)


def alternation(surfaces) -> str:
    """A regex alternation of literal `surfaces`, longest first, whitespace matching any spacing."""
    parts = sorted(set(surfaces), key=len, reverse=True)
    return "|".join(re.escape(s).replace(r"\ ", r"[ \u00a0]+") for s in parts)
