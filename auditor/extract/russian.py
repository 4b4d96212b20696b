"""Russian number and unit words, in every case form.

No PyPI package converts Russian numerals well, so the numeral grammar is ours; the inflection comes from
pymorphy3's dictionary: on first use every lemma below is expanded into all its forms (двадцать →
двадцати, двадцатью; километр → километров, километрами ...), giving plain dictionaries that the scanner
looks words up in. pymorphy3 is imported only when a document contains Cyrillic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NUMERAL_LEMMAS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300,
    "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
    "девятьсот": 900, "полтора": 1.5, "полтораста": 150, "двое": 2, "трое": 3, "четверо": 4,
    "пятеро": 5, "шестеро": 6, "семеро": 7,
}
SCALE_LEMMAS = {"тысяча": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}
SCALE_ABBREVIATIONS = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
# Plural nouns that make a vague amount on their own ("сотни тысяч", "десятки").
# Bounds by order of magnitude, as the field's gold sets read them ("сотни" is 100 to 1,000); "миллионы"
# and "миллиарды" reach the next scale word, since Russian news rarely says "десятки миллионов".
VAGUE_LEMMAS = {"десяток": (10, 100), "сотня": (100, 1000), "тысяча": (1000, 10000),
                "миллион": (1e6, 999_999_999), "миллиард": (1e9, 999_999_999_999)}
FRACTION_LEMMAS = {"половина": 0.5, "треть": 1 / 3, "четверть": 0.25}
MULTIPLIER_WORDS = {"дважды": 2, "трижды": 3, "вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5,
                    "вдесятеро": 10}
# the verbs of doubling and tripling, in their finite forms, infinitive, past and short participle ("продажи
# удвоятся до 18 тысяч", "утроила выручку", "бюджет удвоен"), as "doubled" and "tripled" are read
MULTIPLIER_WORDS.update({stem + ending: n for stem, n in (("удво", 2), ("утро", 3), ("учетвер", 4))
                         for ending in ("ил", "ила", "ило", "или", "ился", "илась", "илось", "ились", "ит", "ят",
                                        "ится", "ятся", "ить", "иться", "ю", "юсь", "им", "имся", "ен", "ена",
                                        "ено", "ены")})
UNIT_LEMMAS = {
    "километр": "kilometer", "метр": "meter", "сантиметр": "centimeter", "миллиметр": "millimeter",
    "миля": "mile", "гектар": "hectare", "тонна": "metric_ton", "килограмм": "kilogram",
    "грамм": "gram", "литр": "liter", "баррель": "barrel", "секунда": "second", "минута": "minute",
    "час": "hour", "сутки": "day", "день": "day", "неделя": "week", "месяц": "month", "год": "year",
    "процент": "percent", "доллар": "USD", "евро": "EUR", "рубль": "RUB", "гривна": "UAH",
    "юань": "CNY", "иена": "JPY", "мегаватт": "megawatt", "градус": "degree_Celsius", "фут": "foot",
    "дюйм": "inch", "ярд": "yard", "акр": "acre", "миллиграмм": "milligram", "миллилитр": "milliliter",
    "галлон": "gallon", "киловатт": "kilowatt", "гигаватт": "gigawatt", "десятилетие": "decade",
    # in Russian news a "фунт" is money ("40 миллионов фунтов", "штраф 550 фунтов"), the weight is rare
    "фунт": "GBP", "тенге": "KZT", "песета": "ESP",
}
UNIT_ABBREVIATIONS = {
    "км": "kilometer", "м": "meter", "см": "centimeter", "мм": "millimeter", "га": "hectare",
    "т": "metric_ton", "кг": "kilogram", "л": "liter", "мл": "milliliter", "ч": "hour", "мин": "minute", "сек": "second",
    "руб": "RUB", "долл": "USD", "км/ч": "kilometer / hour", "м/с": "meter / second",
    "кв. км": "kilometer ** 2", "кв км": "kilometer ** 2", "км²": "kilometer ** 2",
    "км2": "kilometer ** 2", "кв. м": "meter ** 2", "м²": "meter ** 2", "лет": "year",
}
PER_WORDS = {"день": "day", "сутки": "day", "час": "hour", "неделю": "week", "месяц": "month",
             "год": "year", "минуту": "minute", "секунду": "second", "гектар": "hectare",
             "человека": "person"}
_THAN = "(?:[ \u00a0]+чем)?"  # "более чем 11 процентов"
_BY = "(?:[ \u00a0]+на)?"  # a change: "выросли более чем на 11 процентов", "почти на треть"


def _phrases(words: str, after: str) -> str:
    """The alternation of `words` ("a|b"), each followed by what `after` allows."""
    return "|".join(word + after for word in words.split("|"))


QUALIFIERS = [
    ("at_least", _phrases("не менее|не меньше", _THAN + _BY) + "|"
                 + _phrases("как минимум|минимум|по меньшей мере|по крайней мере", _BY)),
    ("more_than", _phrases("более|больше", _THAN + _BY)
                  + "|свыше|превысил[аои]?|превышает|превысит|превышающ\\w*|сверх"),
    ("at_most", _phrases("не более|не больше", _THAN + _BY) + "|" + _phrases("максимум", _BY)
                + "|не превышает|вплоть до|до"),
    ("less_than", _phrases("менее|меньше", _THAN + _BY)),
    ("approximate", "около|порядка|ориентировочно|"
                    + _phrases("примерно|приблизительно|почти|где-то|почти что", _BY)),
]
MONTHS = (
    "январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|"
    "ноябр[ья]|декабр[ья]|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек"
)


@dataclass(frozen=True, slots=True)
class RussianWord:
    """What a Russian word form means to the extractor."""

    lemma: str
    number: float | None = None  # a numeral: двадцати → 20
    scale: float | None = None  # тысяч → 1000
    vague: tuple[float, float] | None = None  # сотни → (200, 999) when no number precedes it
    singular: bool = False  # тысяча, тысячу: "a thousand" rather than "thousands"
    fraction: float | None = None  # трети → 1/3
    unit: str | None = None  # километров → kilometer


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=1)
def word_forms() -> dict[str, RussianWord]:
    """Every inflected form of every known numeral, scale, fraction and unit lemma."""
    morph = _analyzer()
    forms: dict[str, RussianWord] = {}

    def add(lemma: str, make) -> None:
        parses = [p for p in morph.parse(lemma) if p.normal_form == lemma] or morph.parse(lemma)[:1]
        seen = set()
        for parse in parses[:2]:
            for form in parse.lexeme:
                word = form.word.replace("ё", "е")
                if word not in seen:
                    seen.add(word)
                    forms.setdefault(word, make(form))
        forms.setdefault(lemma.replace("ё", "е"), make(None))

    for lemma, value in NUMERAL_LEMMAS.items():
        add(lemma, lambda f, v=value, l=lemma: RussianWord(l, number=v))
    add("полторы", lambda f: RussianWord("полтора", number=1.5))
    add("полутора", lambda f: RussianWord("полтора", number=1.5))
    def singular(form) -> bool:
        # the genitive singular is left out: "тысячи" is also the plural "thousands"; "по миллиону тонн"
        # (dative) is one million each
        return form is None or ("sing" in form.tag and any(c in form.tag for c in ("nomn", "accs", "datv", "ablt",
                                                                                  "loct")))

    for lemma, scale in SCALE_LEMMAS.items():
        add(lemma, lambda f, s=scale, l=lemma: RussianWord(
            l, scale=s, vague=VAGUE_LEMMAS.get(l), singular=singular(f)))
        # half of it, in one word: "полмиллиона" (with the genitive), "с полумиллиона", "к полутысяче"
        for parse in [p for p in morph.parse(lemma) if p.normal_form == lemma][:1]:
            for form in parse.lexeme:
                if "sing" not in form.tag:
                    continue
                word = form.word.replace("ё", "е")
                halves = ["полу" + word] + (["пол" + word] if "gent" in form.tag else [])
                for half in halves:  # a scale word of its own: "полмиллиона" is 500,000, scaled
                    forms.setdefault(half, RussianWord(lemma, scale=scale / 2, singular=True))
    for lemma in ("десяток", "сотня"):
        add(lemma, lambda f, l=lemma: RussianWord(l, vague=VAGUE_LEMMAS[l], singular=singular(f)))
    for lemma, value in FRACTION_LEMMAS.items():
        add(lemma, lambda f, v=value, l=lemma: RussianWord(l, fraction=v))
    for lemma, unit in UNIT_LEMMAS.items():
        add(lemma, lambda f, u=unit, l=lemma: RussianWord(l, unit=u))
    forms["лет"] = RussianWord("год", unit="year")
    return forms


@lru_cache(maxsize=4096)
def parse_word(word: str):
    """pymorphy3's best parse of `word` (cached): used for the noun phrase a Russian amount counts."""
    return _analyzer().parse(word)[0]


CYRILLIC = re.compile(r"[А-Яа-яЁё]")
