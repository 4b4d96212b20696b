"""Numbers that are not amounts: dates, years, clock times, designations, ordinals, identifiers, footnote
markers and list numbering. Each test looks at a number's immediate neighbourhood only."""

from __future__ import annotations

import re

from . import lexicon, russian
from .context import Before

_MONTHS = f"(?:{lexicon.MONTHS}|{russian.MONTHS})"
_I = re.IGNORECASE
# "16: 04", "00:07", "14:30:15"
TIME = re.compile(r"(?:[01]?[0-9]|2[0-3]) ?: ?[0-5][0-9](?::[0-5][0-9])?(?:\.[0-9]{1,3})?(?![0-9])")  # "1:50.87"
# "6 a.m.", "11pm", "6.30 p.m."
TIME_AMPM = re.compile(
    r"[0-9]{1,2}(?:[.:][0-5][0-9])? ?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|утра\b|вечера\b)", _I
)
# "14.30" is a time only after words that introduce one.
TIME_DOT = re.compile(r"(?:[01]?[0-9]|2[0-3])\.[0-5][0-9](?![0-9]|[.,][0-9])")
TIME_DOT_BEFORE = Before(r"\b(?:at|until|till|by|from|since|в|до|с|к)\s+", _I, last=str.isspace)
# "17 October", "1 April", "21-23 October 2016", "5 December 2017", "17 октября"
DATE_DAY_MONTH = re.compile(
    rf"(?:[0-9]{{1,2}}(?:st|nd|rd|th)?(?: ?(?:[-–—]|to|and|until|till|through|по|и) ?[0-9]{{1,2}}(?:st|nd|rd|th)?)?)"
    rf" ?(?:of )?{_MONTHS}\b\.?(?:,? [0-9]{{4}}\b)?", _I
)
# left context "October " for "October 17, 2016" or "October 2016"
MONTH_BEFORE = Before(rf"\b{_MONTHS}\.?,? ", _I, last=" ".__eq__)
DATE_AFTER_MONTH = re.compile(
    r"(?:[0-9]{1,2}(?:st|nd|rd|th)?(?: ?[-–] ?[0-9]{1,2})?(?:,? [0-9]{4}\b)?|[0-9]{4}\b)(?![0-9.,]?[0-9])"
)
# "9/11" names the attacks; "on 12/25" is a month and day
NAMED_DATE = re.compile(r"9/11(?![0-9/])")
DATE_SLASH = re.compile(r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])(?![0-9/]|[.,][0-9]|\s+of\b)")
DATE_WORD_BEFORE = Before(r"\b(?:on|since|until|till|by|before|after)\s+", _I, width=8, last=str.isspace)
DATE_NUMERIC = re.compile(r"[0-9]{1,2}[./][0-9]{1,2}[./](?:[0-9]{4}|[0-9]{2})(?![0-9])|[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR_RANGE = re.compile(r"(1[5-9][0-9]{2}|20[0-9]{2}) ?[-–/] ?(?:1[5-9][0-9]{2}|20[0-9]{2}|[0-9]{2})(?![0-9])")
# "(0401 GMT)", "1530 UTC": a 24-hour clock time before a time zone
CLOCK_ZONE = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9](?= ?(?:GMT|UTC|EDT|EST|CET|CEST|BST|MSK|PST|PDT|CST|CDT|"
                        r"IST|JST|hrs\b|hours? local))")
# "A.D. 1000 and 1260", "AD 79", "BC 300": years of an era, with the second of a pair
ERA_BEFORE = Before(r"\b(?:A\.D\.|AD|B\.C\.|BC|CE|BCE|B\.C\.E\.) ", width=7, last=" ".__eq__)
ERA_YEARS = re.compile(r"[0-9]{1,4}(?:(?: and | to | ?[-–] ?)[0-9]{1,4})?(?![0-9])")
# "2-2", "2-0 down", "115:113", "0:2": two whole numbers that may be a score
SCORE = re.compile(r"(?P<a>[0-9]{1,3}) ?(?P<sep>[-–:]) ?(?P<b>[0-9]{1,3})(?![0-9]|[.,:][0-9])")
SCORE_WORD_BEFORE = Before(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|drew|draw|tied|tie|led|leads?|trailed|trailing|score|scored|"
    r"scoreline|victory|defeat|счетом|счётом|счет|счёт|победил\w*|проиграл\w*|обыграл\w*|сыграли|ничья|ничью)"
    r"(?: (?:a|an|the|by|at|с|со))? ", _I, width=24, last=" ".__eq__)
SCORE_WORD_AFTER = re.compile(
    r" (?:win|victory|defeat|loss|lead|draw|thrashing|drubbing|home win|away win|scoreline|down|up at|"
    r"aggregate|on aggregate|in the (?:first|second|third|final) (?:half|set|period|leg)|победа|поражение|ничья)\b", _I)
# "Senard, 65, now faces": an age between commas after a name
AGE_APPOSITION = re.compile(r"([0-9]{1,3}),(?= )")
NAME_COMMA_BEFORE = Before(r"(?:^|[ (])[A-ZА-ЯЁ][\w'’-]+, ", width=30, last=" ".__eq__)
DECADE = re.compile(r"(?:1[5-9]|20)?[0-9]0['’]?s\b|(?:1[5-9]|20)[0-9]0-[хе]\b")
YEAR_WORD_AFTER = re.compile(r" ?(?:год|году|года|годом|годах|годов|г\.|гг\.)", _I)
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b|-?(?:й|я|е|ю|го|му|м|х|ми|ое|ая|ую|ый|ий|ой|ого|ом|ых|ым)\b", _I)
PHONE = re.compile(r"(?:\+ ?)?[0-9]{1,4}(?: ?\([0-9]{2,5}\))?(?:[ -][0-9]{2,4}){2,}(?![0-9])")
LIST_ITEM = re.compile(r"[0-9]{1,3}[.)](?![0-9])[ \t]+\S")
FOOTNOTE_LINE_START = re.compile(
    r"[1-9] (?:The|This|These|A|An|It|See|Source|Note|Here|Organization|Организация|Деятельность|"
    r"Признан|Запрещ|Движение|Экстремистская|Террористическая)\b"
)
FOOTNOTE_AFTER = re.compile(r" \(|\s+(?:has|have|had|is|are|was|were)\b")
# the word before a number ("Article 51", "ст. 51", "Boeing 747", "Core i7 860")
WORD_BEFORE = Before(r"([^\W\d_][\w.]*)\.? ?(?:№ ?)?", last=lambda c: c in " .№_" or c.isalnum())
# a quoted name ending in a number: "English 101", «Статья 51» (with a closing quote after the number)
QUOTED_NAME_BEFORE = Before(r"[\"“«„][A-ZА-ЯЁ][\w'’.-]*(?: [\w'’.-]+){0,3} ", last=" ".__eq__)
CLOSING_QUOTES = "\"”»"
# a short model token before a model number: "i7 860", "A4 2000"
_MODEL_TOKEN = re.compile(r"[A-Za-z]{1,3}[0-9]{1,2}")
NUMERO_BEFORE = Before(r"(?:№|#|No\.) ?", last="№#. ".__contains__)
# "rose from 50 to 75 cents", "увеличилась на 50% — с 62 до 70 рублей", "вырос вдвое: с 8 до 16": the
# two numbers are the old and the new amount, not a range
CHANGE_VERBS = (
    r"rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|decreasing|grew|"
    r"grow|growing|grown|dropped|drop|dropping|declined?|declining|climbed|climb|jumped|jump|went up|"
    r"went down|gone up|soared|plunged|surged|slumped|cut|raised|reduced|lowered|expanded|shrank|shrunk|"
    r"changed|moved|up|down|increase|boost\w*|lift\w*|plummet\w*|slid|slipped|tumbled|eased|dipped|widened|"
    r"narrowed|slow|slowed|slowing|revised|trimmed|hiked|slashed|doubled|tripled|halved|improved|worsened|"
    r"recovered|rebounded|gained|vaulted|swelled|ballooned|dwindled|shifted|вырос\w*|выросл\w*|увеличил\w*|снизил\w*|сократил\w*|упал\w*|подорожал\w*|"
    r"подешевел\w*|повысил\w*|понизил\w*|возрос\w*"
)
_CHANGE_SIZE = (  # "by 5%", "на 50%", "в 2,5 раза", "вдвое"
    r"(?:(?:by|на|в)\s+)?[0-9][0-9.,]*(?:\s?%|\s+(?:per\s+cent|percent|процент\w*|раза?|times))?|"
    + "|".join(list(lexicon.MULTIPLIER_WORDS) + list(russian.MULTIPLIER_WORDS))
)
CHANGE_VERB_BEFORE = Before(
    # "rose from", "rose 5% from", "increase output from", "cut its forecast for 2019 from"
    rf"\b(?:{CHANGE_VERBS})(?:\s+(?:{_CHANGE_SIZE}))?(?:\s+[A-Za-z'’-]+){{0,3}}"
    rf"\s*[,:—–-]?\s+(?:from|с|со)\s+", _I, width=80,
    last=str.isspace)

_RUSSIAN_ID_WORDS = frozenset("статья статьи статье ст пункт пункта п часть части ч глава главы рейс "
                              "маршрут трасса шоссе дом корпус квартира".split())
_RUSSIAN_ID_STEMS = frozenset(w[:3] for w in _RUSSIAN_ID_WORDS)
_GLUED_TOKEN = re.compile(r"[\w.\-]*(?:\+[0-9][\w.\-]*)*")  # "J1149.5+6663"


def identifier_word(word: str) -> bool:
    """Whether `word` before a number makes it a name ("Article 51", "Route 66", "ст. 51")."""
    w = word.lower().rstrip(".")
    if w in lexicon.IDENTIFIER_WORDS or w in _RUSSIAN_ID_WORDS:
        return True
    # a Russian word in another case: "в доме 67", "в статье 51" (parsed only when its stem could be one)
    return (w[:3] in _RUSSIAN_ID_STEMS and russian.CYRILLIC.match(w) is not None
            and russian.parse_word(w).normal_form in _RUSSIAN_ID_WORDS)


def model_word(word: str) -> bool:
    """Whether `word` before a number makes it a model designation ("Boeing 747")."""
    word = word.rstrip(".-")
    if len(word) <= 3 and not word[:1].isupper():  # "An-124", "Su 27", but "an 800 yuan promotion"
        return False
    return word.lower() in lexicon.MODEL_WORDS


def model_token(word: str) -> bool:
    """Whether `word` is a short letters-and-digits model name that a model number follows ("i7 860")."""
    return _MODEL_TOKEN.fullmatch(word) is not None


def glued_token_end(text: str, pos: int) -> int:
    """The end of the letters/digits token a number is glued into ("851c06dc5d10", "28399944.html")."""
    end = _GLUED_TOKEN.match(text, pos).end()
    while end > pos and text[end - 1] in ".-":
        end -= 1
    return end

# "sub-7 nanometer", "minus-130 degrees", "her now-18 month-old daughter": words glued to an amount by a hyphen
PREFIX_WORD_BEFORE = Before(r"(?<![\w-])(?:sub|minus|plus|now|then|under|over|near|all|top|low|high)-", _I, width=6,
                            last="-".__eq__)
MINUS_BEFORE = Before(r"\b(?:minus|минус)[ -]", _I, width=6, last=" -".__contains__)
NUMBER_BEFORE = Before(r"[0-9%)] *", width=3)  # "10 minus 3" is arithmetic, not a negative amount
YEARS_OLD = re.compile(r"[ -]?years?[ -]old\b", _I)  # "a 2,900 year-old site"
# "1717 из 2111 школ", "1999 of 2000 ballots": a part of a larger whole that follows (a year takes a word
# of time before it: "in 2004 of 150 firms", "летом 2005 из 300 банков"), or the whole after its part
# ("12 out of 2010"; "Law No. 12 of 2005", "the top 10 of 2019" are years)
PART_OF_AFTER = re.compile(r" (?:из|of|out of) ([0-9][0-9 ,.\u00a0]*[0-9]|[0-9])(?![0-9])")
PART_OF_BEFORE = Before(r"[0-9] (?:из|out of) ", width=9, last=" ".__eq__)
YEAR_PREPOSITION_BEFORE = Before(
    r"\b(?:in|since|by|until|till|from|to|of|during|after|before|between|and|early|late|mid|в|во|с|со|до|к|от|по|"
    r"за|после|перед|между|и|летом|весной|осенью|зимой|конце|начале|середине|итогам|году|годом)"
    r"[ \u00a0]+", _I, width=10, last=" \u00a0".__contains__)
GROUPED = re.compile(r"[0-9][, \u00a0][0-9]{3}")  # "2,900": a year is never written with a separator
AMOUNT_OF_BEFORE = Before(
    r"\b(?:average|total|sum|maximum|minimum|median|mean|tally|cost|price|fine|fee|salary|rent|budget|payment|"
    r"loss|profit|deficit|surplus|crowd|attendance|population|estimated|record) of ", _I, width=16, last=" ".__eq__)
FUTURE_YEAR_BEFORE = Before(r"\b(?:by|in|until|till|before|after|from|through|of|year|the) ", _I, width=8,
                            last=" ".__eq__)
RU_SCALE_ADJECTIVE = re.compile(r"-(тысячн|миллионн)[а-яё]*", re.I)  # "45-тысячного", "3-миллионный"
# "the 3000m", "the 400m hurdles final": a race named by its distance, glued, then its event word or a pause
EVENT = re.compile(
    r"[0-9]{2,5}k?m(?: (?:hurdles|relay|freestyle|butterfly|backstroke|breaststroke|medley|individual medley|"
    r"steeplechase|sprint|walk|race|final|finals|heats?|semi-finals?|title|gold|silver|bronze|record|world record|"
    r"champion|event))*(?=[.,;:!?)]| (?:in|at|on|and|with|for|after|before|but|was|is|when|where|while|"
    r"last|this|title|final|gold|silver|bronze|record|champion|event|race)\b|$)", re.I)
# "eight top three hits", "a top 10 single", "in the top five", "four number ones": a rank, not an amount
# ("the top three seeds" counts three seeds)
RANK_BEFORE = Before(r"\b(?:(?:a|an|in the|into the|[0-9]+|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve) top|number) ", _I, width=16, last=" ".__eq__)
# "(Stanic 45)", "Riise 1," in a line-up; "«1+1»", "\"24\"": a name in quotes that is only a number
QUOTED_NUMBER = re.compile(r"[0-9]{1,4}(?:\+[0-9]{1,4})?(?=[»”\"])")
OPENING_QUOTES = ("«", "“", '"')
# "by a factor of 10": a multiplier
FACTOR_BEFORE = Before(r"\bfactor of ", _I, width=10, last=" ".__eq__)
# "in the last 16", "reached the last eight": a round of a tournament
LAST_ROUND_BEFORE = Before(r"\bthe last ", _I, width=9, last=" ".__eq__)
RU_AGE_ADJECTIVE = re.compile(r"-(?:летн|лет)[а-яё]*", re.I)  # "17-летней", "29-летнему"
SCORE_SEQUENCE = re.compile(r",? [0-9]{1,2}[-–:][0-9]{1,2}(?![0-9])")
