"""Regression cases for the extractor: one per bug fixed, each asserting the span, value, bounds and unit of
every quantity found in a short text (and, where it matters, what is set aside as `ignored`).

A case lists *all* the quantities of its text, in order: (span, value, low, high, unit), plus optional
extra checks on kind/qualifier/counted in a dict. docs/extraction.md states the conventions.
"""

from __future__ import annotations

import math

import pytest

from auditor.extract import extract_text
from auditor.extract.context import Before, reverse_pattern

INF = None  # an unbounded side

CASES = [
    # -- designations and identifiers -----------------------------------------------------------------------
    ("since the passage of Voyager 2 in 1979", [], {"2": "designation", "1979": "year"}),
    # a year-like number with a whole after it, or after a part, is a count ("1717 из 2111 школ"); with "in"
    # or "в" before it, a year still
    ("эта мера затронет 1717 из 2111 школ страны",
     [("1717", 1717, 1717, 1717, None), ("2111", 2111, 2111, 2111, None, {"counted": "школ"})], {}),
    ("Only 12 out of 2010 were late", [("12", 12, 12, 12, None), ("2010", 2010, 2010, 2010, None)], {}),
    ("Летом 2005 из 300 банков лицензии лишились 30.", [("300", 300, 300, 300, None), ("30", 30, 30, 30, None)],
     {"2005": "year"}),  # the whole is smaller: a year, and a word of time before it
    ("Under Law No. 12 of 2005 the ministry acted.", [], {"12": "identifier", "2005": "year"}),
    ("In 2004 of 150 firms 30 closed.", [("150", 150, 150, 150, None), ("30", 30, 30, 30, None)],
     {"2004": "year"}),
    ("В 2008 из 150 компаний 30 закрылись.", [("150", 150, 150, 150, None), ("30", 30, 30, 30, None)],
     {"2008": "year"}),
    ('The class is "English 101". On a second thought', [], {"101": "identifier"}),
    ("Intel Core i7 860 Processor 2.80 GHz 8 MB",
     [("2.80 GHz", 2.8, 2.8, 2.8, "gigahertz"), ("8 MB", 8, 8, 8, "megabyte")], {"860": "designation"}),
    ("the G7 2 days later", [("2 days", 2, 2, 2, "day")], {"G7": "designation"}),
    ("galaxy cluster MACS J1149.5+6663, were", [], {"J1149.5+6663": "designation"}),
    ("since 9/11 and on 12/25", [], {"9/11": "date", "12/25": "date"}),
    ("agreed on 3/4 of the land", [("3/4", 0.75, 0.75, 0.75, None, {"kind": "fraction"})], {}),
    # -- fractions ------------------------------------------------------------------------------------------
    ("The door is 2 1/2 in thick", [("2 1/2 in", 2.5, 2.5, 2.5, "inch")], {}),
    ("we fought 2 in a row", [("2", 2, 2, 2, None)], {}),  # "in" is the preposition
    ("about 1/40 of the wavelength", [("about 1/40", 0.025, 0.0225, 0.0275, None, {"kind": "fraction"})], {}),
    ("A mouse can get through a 1/4 inch gap",
     [("1/4 inch", 0.25, 0.25, 0.25, "inch", {"kind": "measure"})], {}),
    ("exactly one sixth.", [("one sixth", 1 / 6, 1 / 6, 1 / 6, None, {"kind": "fraction"})], {}),
    ("Is three halves fractional?", [("three halves", 1.5, 1.5, 1.5, None, {"kind": "fraction"})], {}),
    ("approximately one-half miles east", [("approximately one-half miles", 0.5, 0.45, 0.55, "mile")], {}),
    ("two and a half miles to the east", [("two and a half miles", 2.5, 2.5, 2.5, "mile")], {}),
    # "a single" is "one": with a unit an amount, else a determiner; not an adjective without "a"
    ("closed down a single penny, or 0.03%", [("a single penny", 1, 1, 1, "penny"),
                                             ("0.03%", 0.03, 0.03, 0.03, "percent")], {}),
    ("in a single day", [("a single day", 1, 1, 1, "day")], {}),
    ("a single-digit rise in the single market", [], {}),
    ("one and a half million people", [("one and a half million", 1.5e6, 1.5e6, 1.5e6, None)], {}),
    ("a ⅓ cup of sauce and ½ tbsp of salt",
     [("⅓ cup", 1 / 3, 1 / 3, 1 / 3, "cup"), ("½ tbsp", 0.5, 0.5, 0.5, "tablespoon")], {}),
    ("a 2½ mile walk", [("2½ mile", 2.5, 2.5, 2.5, "mile")], {}),
    ("24/7 and 1/0", [("24", 24, 24, 24, None), ("7", 7, 7, 7, None), ("1", 1, 1, 1, None),
                      ("0", 0, 0, 0, None)], {}),  # not proper fractions
    # -- words ----------------------------------------------------------------------------------------------
    ("three million, two hundred & forty, you say?",
     [("three million, two hundred & forty", 3000240, 3000240, 3000240, None)], {}),
    ("one million, two million",
     [("one million", 1e6, 1e6, 1e6, None), ("two million", 2e6, 2e6, 2e6, None)], {}),
    ("I bought a dozen eggs", [("a dozen", 12, 12, 12, None, {"counted": "eggs"})], {}),
    # -- scientific notation and tolerances -----------------------------------------------------------------
    ("a factor of 2.48×10−5, with", [("2.48×10−5", 2.48e-5, 2.48e-5, 2.48e-5, None)], {}),
    ("Violet light oscillates at 4e14 s-1", [("4e14 s-1", 4e14, 4e14, 4e14, "1 / second")], {}),
    ("Give me -1e-3 W/min, now!", [("-1e-3 W/min", -0.001, -0.001, -0.001, "watt / minute")], {}),
    ("an acceleration of 9.83e-3 +/- 1e-5 km/s2",
     [("9.83e-3 +/- 1e-5 km/s2", 0.00983, 0.00982, 0.00984, "kilometer / second ** 2",
       {"qualifier": "approximate"})], {}),
    ("exactly 8x2^10 bits", [("8x2^10 bits", 8192, 8192, 8192, "bit")], {}),
    ("2^10 or 3 x 10^6", [("2^10", 1024, 1024, 1024, None), ("3 x 10^6", 3e6, 3e6, 3e6, None)], {}),
    ("1e999 and 44^210", [("44", 44, 44, 44, None), ("210", 210, 210, 210, None)],
     {"1e999": "identifier"}),  # beyond a float
    # -- ranges ---------------------------------------------------------------------------------------------
    ("a conceptualized 8- to 16-meter (320- to 640-inch) optical space telescope",
     [("8- to 16-meter", None, 8, 16, "meter"), ("320- to 640-inch", None, 320, 640, "inch")], {}),
    ("I want 3 to 4 L of wine", [("3 to 4 L", None, 3, 4, "liter")], {}),
    ("Google holds somewhere around 10-15 exabytes of data",
     [("around 10-15 exabytes", None, 10, 15, "exabyte", {"qualifier": "range"})], {}),
    ("About 40-75% of voters", [("About 40-75%", None, 40, 75, "percent")], {}),
    ("They were given between 44 mg and 50 mg ethanol.",
     [("between 44 mg and 50 mg", None, 44, 50, "milligram")], {}),
    ("They were given between 44 mg to 50 mg ethanol.",
     [("between 44 mg to 50 mg", None, 44, 50, "milligram")], {}),
    ("They were given 44 mg to 50 mg ethanol and ten pills.",
     [("44 mg to 50 mg", None, 44, 50, "milligram"), ("ten", 10, 10, 10, None, {"counted": "pills"})], {}),
    ("They were given 45 and 50 mg ethanol.",
     [("45", 45, 45, 45, None), ("50 mg", 50, 50, 50, "milligram")], {}),
    ("temperatures ranged from -18 °C to -34 °C",
     [("from -18 °C to -34 °C", None, -34, -18, "degree_Celsius")], {}),
    ("-78-0 degrees Celsius, DMF", [("-78-0 degrees Celsius", None, -78, 0, "degree_Celsius")], {}),
    ("between 268 million euros and 278 million euros",
     [("between 268 million euros and 278 million euros", None, 268e6, 278e6, "EUR")], {}),
    # -- changes: two amounts -------------------------------------------------------------------------------
    ("Treatment was reduced from 44 mg to 50 mg ethanol.",
     [("44 mg", 44, 44, 44, "milligram"), ("50 mg", 50, 50, 50, "milligram")], {}),
    ("They were changed from 44 ml to 50 mg ethanol.",
     [("44 ml", 44, 44, 44, "milliliter"), ("50 mg", 50, 50, 50, "milligram")], {}),
    ("They were given from 44 ml to 50 mg ethanol and 10 pills.",
     [("44 ml", 44, 44, 44, "milliliter"), ("50 mg", 50, 50, 50, "milligram"), ("10", 10, 10, 10, None)], {}),
    ("The cost rose from about $350 per kg to $680 per kg",
     [("about $350 per kg", 350, 340, 360, "USD / kilogram"),
      ("$680 per kg", 680, 680, 680, "USD / kilogram")], {}),
    ("Life expectancy fell by 1.8 years to 76.4 years.",
     [("1.8 years", 1.8, 1.8, 1.8, "year"), ("76.4 years", 76.4, 76.4, 76.4, "year")], {}),
    ("Урожай снизился на 35%: с 4,2 до 3,8 млн тонн.",
     [("35%", 35, 35, 35, "percent"), ("4,2", 4.2e6, 4.2e6, 4.2e6, "metric_ton"),
      ("3,8 млн тонн", 3.8e6, 3.8e6, 3.8e6, "metric_ton")], {}),
    ("Стоимость увеличилась на 50% — с 62 до 70 рублей.",
     [("50%", 50, 50, 50, "percent"), ("62", 62, 62, 62, "RUB"), ("70 рублей", 70, 70, 70, "RUB")], {}),
    ("Расходы выросли с 124 до 155 млрд рублей",
     [("124", 124e9, 124e9, 124e9, "RUB"), ("155 млрд рублей", 155e9, 155e9, 155e9, "RUB")], {}),
    ("Число обстрелов увеличилось вдвое — с 150 до 450.",
     [("вдвое", 2, 2, 2, None), ("150", 150, 150, 150, None), ("450", 450, 450, 450, None)], {}),
    ("$44.2 billion and 85 cents",
     [("$44.2 billion", 44.2e9, 44.2e9, 44.2e9, "USD"), ("85 cents", 85, 85, 85, "cent")], {}),
    # the hundredth of the currency the text names, not a count of "Canadian cents"
    ("Shares lost 65 Canadian cents or 25% to 1.90 Canadian dollars",
     [("65 Canadian cents", 65, 65, 65, "canadian_cent", {"kind": "money", "counted": None}),
      ("25%", 25, 25, 25, "percent"), ("1.90 Canadian dollars", 1.9, 1.9, 1.9, "CAD")], {}),
    ("a stamp costs 50 euro cents, a call 20 US cents",
     [("50 euro cents", 50, 50, 50, "euro_cent", {"kind": "money"}), ("20 US cents", 20, 20, 20, "cent")], {}),
    # -- ratios are of bare counts --------------------------------------------------------------------------
    ("cut by fifty basis points to 67 per cent",
     [("fifty basis points", 50, 50, 50, "basis_point"), ("67 per cent", 67, 67, 67, "percent")], {}),
    ("В области на одного врача приходится 300 жителей",
     [("одного врача приходится 300 жителей", 1 / 300, 1 / 300, 1 / 300, None, {"kind": "ratio"})], {}),
    ("one soldier to two terrorists",
     [("one soldier to two terrorists", 0.5, 0.5, 0.5, None, {"kind": "ratio"})], {}),
    # -- money ----------------------------------------------------------------------------------------------
    # a continental figure in English text: dots group the thousands when a decimal comma follows
    ("Pre-tax profit was £9.934,3m, against values of 1.5,2.5 and 3.",
     [("£9.934,3m", 9934.3e6, 9934.3e6, 9934.3e6, "GBP"), ("1.5", 1.5, 1.5, 1.5, None),
      ("2.5", 2.5, 2.5, 2.5, None), ("3", 3, 3, 3, None)], {}),
    ("Its GDP is $2.174T.", [("$2.174T", 2.174e12, 2.174e12, 2.174e12, "USD")], {}),
    ("It weighs 5t.", [("5t", 5, 5, 5, "metric_ton")], {}),
    ("The annual revenue is -15€ ($-99.99).",
     [("-15€", -15, -15, -15, "EUR"), ("$-99.99", -99.99, -99.99, -99.99, "USD")], {}),
    ("a loss of -$5 today", [("-$5", -5, -5, -5, "USD")], {}),
    ("The annual revenue is ($99.99).", [("$99.99", 99.99, 99.99, 99.99, "USD")], {}),
    ("I would do it, but only for $15.4/hour", [("$15.4/hour", 15.4, 15.4, 15.4, "USD / hour")], {}),
    ("it costs $1.82m a year", [("$1.82m a year", 1.82e6, 1.82e6, 1.82e6, "USD / year")], {}),
    ("2 € is twice the price", [("2 €", 2, 2, 2, "EUR"), ("twice", 2, 2, 2, None, {"kind": "multiplier"})], {}),
    # how often something happened is a count of occasions; a multiple compares or follows a verb of change
    ("He won nine times, lost twice and was twice as fast; sales grew five times.",
     [("nine times", 9, 9, 9, None, {"kind": "count", "counted": "times"}),
      ("twice", 2, 2, 2, None, {"kind": "count"}), ("twice", 2, 2, 2, None, {"kind": "multiplier"}),
      ("five times", 5, 5, 5, None, {"kind": "multiplier"})], {}),
    ("Он трижды становился чемпионом, цены выросли в три раза.",
     [("трижды", 3, 3, 3, None, {"kind": "count"}), ("в три раза", 3, 3, 3, None, {"kind": "multiplier"})], {}),
    # -- units, powers and rates ----------------------------------------------------------------------------
    ("4km^3, 4 cubic kilometers and 4 km cubed",
     [("4km^3", 4, 4, 4, "kilometer ** 3"), ("4 cubic kilometers", 4, 4, 4, "kilometer ** 3"),
      ("4 km cubed", 4, 4, 4, "kilometer ** 3")], {}),
    ("4km^2, 4 square kilometers and 4 km squared",
     [("4km^2", 4, 4, 4, "kilometer ** 2"), ("4 square kilometers", 4, 4, 4, "kilometer ** 2"),
      ("4 km squared", 4, 4, 4, "kilometer ** 2")], {}),
    ("301,338 km2 (116,347 sq mi)",
     [("301,338 km2", 301338, 301338, 301338, "kilometer ** 2"),
      ("116,347 sq mi", 116347, 116347, 116347, "mile ** 2")], {}),
    ("Workers are exposed to 20 J/m^2 per year",
     [("20 J/m^2 per year", 20, 20, 20, "joule / meter ** 2 / year")], {}),
    ("to reach 1 fb−1 in 2005", [("1 fb−1", 1, 1, 1, "1 / femtobarn")], {"2005": "year"}),
    ("a 14 mGy scan, 100 cl bottle, 50 Wh, 7.3 MWh, 1.7 eV, 3.5–4.0 TeV, 16.25 nanometers",
     [("14 mGy", 14, 14, 14, "milligray"), ("100 cl", 100, 100, 100, "centiliter"),
      ("50 Wh", 50, 50, 50, "watt_hour"),
      ("7.3 MWh", 7.3, 7.3, 7.3, "megawatt_hour"), ("1.7 eV", 1.7, 1.7, 1.7, "electron_volt"),
      ("3.5–4.0 TeV", None, 3.5, 4.0, "teraelectron_volt"),
      ("16.25 nanometers", 16.25, 16.25, 16.25, "nanometer")],
     {}),
    ("500 tonnes a week and $80 a barrel",
     [("500 tonnes a week", 500, 500, 500, "metric_ton / week"),
      ("$80 a barrel", 80, 80, 80, "USD / barrel")], {}),
    ("достигает 300 футов (около 300 метров)",
     [("300 футов", 300, 300, 300, "foot"), ("около 300 метров", 300, 270, 330, "meter")], {}),
    # a scale's letter glued to the figure is a temperature beside the other scale or a word of temperature;
    # elsewhere a seat or a model
    ("Temperatures reached 40C (104F) on Monday; it fell to -5C overnight, with highs of 30-35C expected.",
     [("40C", 40, 40, 40, "degree_Celsius"), ("104F", 104, 104, 104, "degree_Fahrenheit"),
      ("-5C", -5, -5, -5, "degree_Celsius"), ("30-35C", None, 30, 35, "degree_Celsius")], {}),
    ("A 30C (86F) day.", [("30C", 30, 30, 30, "degree_Celsius"), ("86F", 86, 86, 86, "degree_Fahrenheit")], {}),
    ("He sat in seat 14C on flight 10F to Rome.", [], {"14": "identifier", "10": "identifier"}),
    ("A Boeing 747-400F landed.", [], {"747-400F": "designation"}),
    ("Despite the heat, Intel's 13400F sold well; ovens at 200C (392F).",
     [("200C", 200, 200, 200, "degree_Celsius"), ("392F", 392, 392, 392, "degree_Fahrenheit")],
     {"13400F": "identifier"}),
    # bare degrees converted into one scale are in the other; "50 по Цельсию" names its scale without "градусов"
    ("It was 95 degrees (35C); the road turns 90 degrees.",
     [("95 degrees", 95, 95, 95, "degree_Fahrenheit"), ("35C", 35, 35, 35, "degree_Celsius"),
      ("90 degrees", 90, 90, 90, "degree")], {}),
    ("жара 104 градуса по Фаренгейту (40 по Цельсию)",
     [("104 градуса по Фаренгейту", 104, 104, 104, "degree_Fahrenheit"),
      ("40 по Цельсию", 40, 40, 40, "degree_Celsius")], {}),
    # "градусов" takes the scale named after it; a bare "фунт" is money unless the text says it weighs
    ("жара в 100 градусов по Фаренгейту (38 градусов по Цельсию), ночью 40 градусов Цельсия",
     [("100 градусов по Фаренгейту", 100, 100, 100, "degree_Fahrenheit"),
      ("38 градусов по Цельсию", 38, 38, 38, "degree_Celsius"),
      ("40 градусов Цельсия", 40, 40, 40, "degree_Celsius")], {}),
    ("Он весит 200 фунтов (91 кг), медведь весом около 300 фунтов, штраф 550 фунтов.",
     [("200 фунтов", 200, 200, 200, "pound"), ("91 кг", 91, 91, 91, "kilogram"),
      ("около 300 фунтов", 300, 270, 330, "pound"), ("550 фунтов", 550, 550, 550, "GBP")], {}),
    ("Тыква весом 2,5 тысячи фунтов (около 500 кг). За лишний вес взяли 90 фунтов (около 300 евро).",
     [("2,5 тысячи фунтов", 2500, 2500, 2500, "pound"), ("около 500 кг", 500, 450, 550, "kilogram"),
      ("90 фунтов", 90, 90, 90, "GBP"), ("около 300 евро", 300, 270, 330, "EUR")], {}),
    ("морозы минус 20 градусов по Фаренгейту", [("минус 20 градусов по Фаренгейту", -20, -20, -20,
                                                 "degree_Fahrenheit")], {}),
    # -- frequencies and multipliers ------------------------------------------------------------------------
    ("it's used four times per week",
     [("four times per week", 4, 4, 4, "1 / week", {"kind": "count", "counted": "times"})], {}),
    ("twice a week", [("twice a week", 2, 2, 2, "1 / week", {"kind": "count"})], {}),
    ("три раза в неделю", [("три раза в неделю", 3, 3, 3, "1 / week", {"kind": "count"})], {}),
    ("three times more", [("three times more", 3, 3, 3, None, {"kind": "multiplier"})], {}),
    # "N раз" with no "в" before it and no comparative after it counts occasions; "в N раз" is a multiple
    ("Он 22 раза одержал победу, а урожай вырос в 3 раза.",
     [("22", 22, 22, 22, None, {"kind": "count", "counted": "раза"}),
      ("в 3 раза", 3, 3, 3, None, {"kind": "multiplier"})], {}),
    ("Доходы 3 раза больше.", [("3 раза больше", 3, 3, 3, None, {"kind": "multiplier"})], {}),
    # a lone "one" listed after a count of its clause counts as the figures beside it, not as a determiner
    ("They played 25 games, won 19, drew one and lost five.",
     [("25", 25, 25, 25, None), ("19", 19, 19, 19, None), ("one", 1, 1, 1, None, {"determiner": False}),
      ("five", 5, 5, 5, None)], {}),
    ("одержал 25 побед, потерпел одно поражение и один поединок свел вничью",
     [("25", 25, 25, 25, None), ("одно", 1, 1, 1, None, {"counted": "поражение", "determiner": False}),
      ("один", 1, 1, 1, None, {"counted": "поединок", "determiner": False})], {}),
    ("obtained in eight of the trials, one of which included 1,150 patients",
     [("eight", 8, 8, 8, None), ("one", 1, 1, 1, None, {"determiner": True}),
      ("1,150", 1150, 1150, 1150, None)],
     {}),
    ("He has 12 books. One of them is new.", [("12", 12, 12, 12, None), ("One", 1, 1, 1, None, {"determiner": True})],
     {}),
    ("halving its stake to 15%",
     [("halving", 0.5, 0.5, 0.5, None, {"kind": "multiplier"}), ("15%", 15, 15, 15, "percent")], {}),
    # -- bounds ---------------------------------------------------------------------------------------------
    ("up to -5 points", [("up to -5", -5, None, -5, None, {"qualifier": "at_most"})], {}),
    # -- money written before a time word, Russian currency words and decimals (real news, issue 9) ---------
    # money moved right after its verb, then "to" a level far above it: the move and the level, not a range
    ("Shares in BP fell 12p to 450p.", [("12p", 12, 12, 12, "penny"), ("450p", 450, 450, 450, "penny")], {}),
    ("Profit rose £2m to £75m.", [("£2m", 2e6, 2e6, 2e6, "GBP"), ("£75m", 75e6, 75e6, 75e6, "GBP")], {}),
    ("Fares will rise $10 to $20.", [("$10 to $20", None, 10, 20, "USD")], {}),
    ("Premiums rose £50 to £200 for younger drivers.", [("£50 to £200", None, 50, 200, "GBP")], {}),
    ("Prices are expected to rise 10% to 20%.", [("10% to 20%", None, 10, 20, "percent")], {}),
    ("jumped to $1.13bn from $839m year-earlier",
     [("$1.13bn", 1.13e9, 1.13e9, 1.13e9, "USD"), ("$839m", 839e6, 839e6, 839e6, "USD")], {}),
    # a number in words with its scale word is scaled: the level it fell to does not scale it again
    ("Выручка сократилась с двух миллионов до 900 тысяч рублей",
     [("двух миллионов", 2e6, 2e6, 2e6, "RUB"), ("900 тысяч рублей", 9e5, 9e5, 9e5, "RUB")], {}),
    # half of a scale word, in one word; "до" after "с" and a number in words is "to", not "at most"
    ("Полмиллиона человек вышли, пришли полтысячи зрителей",
     [("Полмиллиона", 5e5, 5e5, 5e5, None, {"counted": "человек"}), ("полтысячи", 500, 500, 500, None)], {}),
    ("на 100 тысяч (с полумиллиона до 400 тысяч) уменьшились траты. Бесплатно проходят дети до пяти лет",
     [("100 тысяч", 1e5, 1e5, 1e5, None), ("полумиллиона", 5e5, 5e5, 5e5, None),
      ("400 тысяч", 4e5, 4e5, 4e5, None), ("до пяти лет", 5, 0, 5, "year", {"qualifier": "at_most"})], {}),
    ("сумма контракта составила 40 миллионов фунтов (92 миллиона долларов)",
     [("40 миллионов фунтов", 40e6, 40e6, 40e6, "GBP"), ("92 миллиона долларов", 92e6, 92e6, 92e6, "USD")], {}),
    ("активы на 200 миллиардов шведских крон и 300 швейцарских франков",
     [("200 миллиардов шведских крон", 200e9, 200e9, 200e9, "SEK"),
      ("300 швейцарских франков", 300, 300, 300, "CHF")], {}),
    ("попросили 25 миллионов тенге (около 15,6 миллиона российских рублей)",
     [("25 миллионов тенге", 25e6, 25e6, 25e6, "KZT"),
      ("около 15,6 миллиона российских рублей", 15.6e6, 15.5e6, 15.7e6, "RUB")], {}),
    ("выручка составила 3,018 миллиарда рублей", [("3,018 миллиарда рублей", 3.018e9, 3.018e9, 3.018e9, "RUB")], {}),
    # a Russian qualifier with "чем" and the "на" of a change between it and the figure
    ("акции подорожали более чем на 11 процентов",
     [("более чем на 11 процентов", 11, 11, INF, "percent", {"qualifier": "more_than"})], {}),
    ("их было менее чем 40 человек, а цены выросли почти на 5%",
     [("менее чем 40", 40, 0, 40, None, {"qualifier": "less_than", "counted": "человек"}),
      ("почти на 5%", 5, 4.5, 5.5, "percent", {"qualifier": "approximate"})], {}),
    ("the plane was overloaded by 700 pounds (318kg)",
     [("700 pounds", 700, 700, 700, "pound"), ("318kg", 318, 318, 318, "kilogram")], {}),
    ("2575 морских миль или 4769 км",
     [("2575 морских миль", 2575, 2575, 2575, "nautical_mile"), ("4769 км", 4769, 4769, 4769, "kilometer")], {}),
    # "до" after a verb of change, or after "с N тысяч рублей", is the level reached, not a bound
    ("урожай сократился почти в два раза - до 864 тысяч тонн",
     [("почти в два раза", 2, 1.8, 2.2, None, {"kind": "multiplier"}),
      ("864 тысяч тонн", 864e3, 864e3, 864e3, "metric_ton")], {}),
    ("выросла с 500 млн рублей до 700 млн рублей",
     [("500 млн рублей", 500e6, 500e6, 500e6, "RUB"), ("700 млн рублей", 700e6, 700e6, 700e6, "RUB")], {}),
    ("ставки падали до 6,05 процента годовых", [("6,05 процента", 6.05, 6.05, 6.05, "percent")], {}),
    ("экспорт может сократиться вдвое - до 10 млн тонн",
     [("вдвое", 2, 2, 2, None, {"kind": "multiplier"}), ("10 млн тонн", 10e6, 10e6, 10e6, "metric_ton")], {}),
    ("в этом году продажи удвоятся до 18 тысяч машин",
     [("удвоятся", 2, 2, 2, None, {"kind": "multiplier"}), ("18 тысяч", 18e3, 18e3, 18e3, None)], {}),
    ("рост замедлится вдвое, до 3,2%",
     [("вдвое", 2, 2, 2, None, {"kind": "multiplier"}), ("3,2%", 3.2, 3.2, 3.2, "percent")], {}),
    ("за сутки выпадает до 50 мм осадков", [("до 50 мм", 50, 0, 50, "millimeter", {"qualifier": "at_most"})], {}),
    ("собирала по миллиону тонн гречихи", [("миллиону тонн", 1e6, 1e6, 1e6, "metric_ton")], {}),
    # a bare scaled amount listed after money takes its currency; one that counts something does not
    ("дефицит составит 3,68 триллиона рублей (доходы — 12,5 триллиона, расходы — 15,2 триллиона)",
     [("3,68 триллиона рублей", 3.68e12, 3.68e12, 3.68e12, "RUB"), ("12,5 триллиона", 12.5e12, 12.5e12, 12.5e12, "RUB"),
      ("15,2 триллиона", 15.2e12, 15.2e12, 15.2e12, "RUB")], {}),
    ("ущерб составил 5 млрд рублей, пострадали 2 миллиона человек",
     [("5 млрд рублей", 5e9, 5e9, 5e9, "RUB"), ("2 миллиона", 2e6, 2e6, 2e6, None, {"counted": "человек"})], {}),
    # the level a sum of money moved to, given bare right after it, is in the same currency
    ("loans fell 195 mln dlrs to 65.06 billion in the week",
     [("195 mln dlrs", 195e6, 195e6, 195e6, "USD"), ("65.06 billion", 65.06e9, 65.06e9, 65.06e9, "USD")], {}),
    ("sales rose 5 mln dlrs to 20 million shares",
     [("5 mln dlrs", 5e6, 5e6, 5e6, "USD"), ("20 million", 20e6, 20e6, 20e6, None, {"counted": "shares"})], {}),
]


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("text, quantities, ignored", CASES, ids=[c[0][:40] for c in CASES])
def test_case(text, quantities, ignored):
    ex = extract_text(text)
    got = [(q.text, q.value, q.low, q.high, q.unit) for q in ex.quantities]
    assert len(ex.quantities) == len(quantities), got
    for q, want in zip(ex.quantities, quantities):
        span, value, low, high, unit = want[:5]
        assert q.text == span, got
        assert text[q.start : q.end] == span
        assert _close(q.value, value) and _close(q.low, low) and _close(q.high, high), (q, want)
        assert q.unit == unit, (q, want)
        for key, expected in (want[5] if len(want) > 5 else {}).items():
            assert getattr(q, key) == expected, (key, q)
    reasons = {g.text: g.reason for g in ex.ignored}
    for span, reason in ignored.items():
        assert reasons.get(span) == reason, (span, reasons)


# -- the reversed look-behind patterns --------------------------------------------------------------------

@pytest.mark.parametrize("pattern, text, expected", [
    (r"\b(?:about|some)\s+", "it took about 5", "about "),
    (r"\b(?:about|some)\s+", "it took roughly 5", None),
    (r"(?:^|(?<=[\s(]))(?:from|between) +", "(from 5", "from "),
    (r"(?:^|(?<=[\s(]))(?:from|between) +", "therefrom 5", None),
    (r"([^\W\d_][\w.]*)\.? ?", "Article 51", "Article "),
    (r"([^\W\d_][\w.]*)\.? ?", "U.S. 51", "U.S. "),
    (r"[0-9][^\w]*\w*\s+до\s*", "с 40 до 60", "40 до "),
])
def test_before_matches_like_a_search_ending_at_the_position(pattern, text, expected):
    """A `Before` pattern finds what `re.search(pattern + "$")` finds before the last token."""
    pos = len(text) - len(text.split(" ")[-1])
    m = Before(pattern).match(text, pos)
    assert (text[m.start : pos] if m else None) == expected


def test_reverse_pattern():
    assert reverse_pattern(r"ab(?:cd|e)?") == r"(?:dc|e)?ba"
    assert reverse_pattern(r"(?<=[\s(])x\b") == r"\bx(?=[\s(])"
    assert reverse_pattern(r"^a\u00a0+") == r"\u00a0+a\Z"
    with pytest.raises(ValueError):
        reverse_pattern(r"(?P=name)")


# -- units ------------------------------------------------------------------------------------------------

def test_every_unit_word_is_a_pint_unit():
    from auditor.extract import lexicon, russian
    from auditor.extract.units import dimension_of_unit, parse_unit

    units = [*lexicon.UNIT_WORDS, *russian.UNIT_LEMMAS.values(), *russian.UNIT_ABBREVIATIONS.values()]
    for unit in units:
        parse_unit(unit)
        assert dimension_of_unit(unit)


@pytest.mark.parametrize("unit, dimension", [
    ("kilometer ** 2", "area"), ("kilometer ** 3", "volume"), ("megawatt", "power"),
    ("kilowatt_hour", "energy"),
    ("electron_volt", "energy"), ("USD / hour", "rate"), ("GBP", "money"), ("metric_ton / week", "rate"), ("1 / week", "rate"),
    ("kilometer / hour", "speed"), ("degree_Celsius", "temperature"), ("percent", "percent"),
])
def test_dimension_names(unit, dimension):
    from auditor.extract.units import dimension_of_unit

    assert dimension_of_unit(unit) == dimension
