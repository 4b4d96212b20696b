"""A deterministic generator of English news-like text for benchmarks.

Wire copy on war, disasters, budgets, elections and health, composed from templates whose slots are
filled with the amounts the extractor must read (counts, measures, money, percentages, ranges, vague
amounts, fractions, ratios, multipliers, qualifiers) and with the numbers it must set aside (dates,
years, times, designations, ordinals, identifiers). The text is not meant to be true or even sensible,
only to have the density and variety of numbers of real wire copy.

    news_corpus(n_chars, seed=0)            one string of at least n_chars characters: generated
                                            articles with the sample documents of seeds/*.txt mixed in
    news_documents(n_docs, chars_each, seed=0)
                                            n_docs generated articles of about chars_each characters

Everything is a function of the arguments (random.Random(seed), no set or hash ordering), so a seed
gives the same text on every run and machine. The seed documents are the only input read from disk.
"""

from __future__ import annotations

import random
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
# One sample document of seeds/ after every SEED_EVERY generated articles (cycling through them).
SEED_EVERY = 40

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

PLACES = ["Mosul", "Raqqa", "Aleppo", "Idlib", "Kharkiv", "Donetsk", "Kherson", "Gaza", "Khartoum", "Kabul",
          "Tripoli", "Sanaa", "Mogadishu", "Deir ez-Zor", "Palmyra", "Homs", "Bakhmut", "Marawi", "Goma",
          "Maiduguri", "Kandahar", "Benghazi", "Hodeidah", "Fallujah", "Tikrit", "Ramadi", "Sirte"]
COUNTRIES = ["Iraq", "Syria", "Ukraine", "Sudan", "Yemen", "Libya", "Somalia", "Nigeria", "Afghanistan",
             "Turkey", "Greece", "Italy", "Japan", "India", "Brazil", "Mexico", "Chile", "Indonesia",
             "the Philippines", "Pakistan", "Bangladesh", "Kenya", "Ethiopia", "France", "Germany", "Spain"]
CAPITALS = ["BAGHDAD", "DAMASCUS", "KYIV", "MOSCOW", "GENEVA", "WASHINGTON", "LONDON", "BRUSSELS", "ANKARA",
            "TOKYO", "NEW DELHI", "NAIROBI", "CAIRO", "BEIRUT", "PARIS", "BERLIN", "ROME", "MADRID",
            "JAKARTA", "MANILA", "MEXICO CITY", "SANTIAGO", "ISLAMABAD", "DHAKA", "ADDIS ABABA"]
AGENCIES = ["Reuters", "AP", "AFP", "TASS", "RIA Novosti", "Anadolu", "Xinhua", "dpa", "Kyodo", "EFE"]
OFFICIALS = ["a military spokesman", "the defence ministry", "the interior minister", "a senior official",
             "the regional governor", "a coalition source", "the health ministry", "the finance minister",
             "the central bank", "the electoral commission", "the mayor", "a UN spokeswoman",
             "the civil defence agency", "police", "the prime minister's office", "a hospital director"]
ORGS = ["the UN", "the WHO", "UNICEF", "the IMF", "the World Bank", "the Red Cross", "the UNHCR",
        "the European Commission", "NATO", "the OSCE", "Medecins Sans Frontieres", "the World Food Programme"]
FORCES = ["fighters", "militants", "soldiers", "troops", "insurgents", "gunmen", "servicemen", "rebels",
          "police officers", "paramilitaries", "volunteers", "mercenaries"]
VICTIMS = ["civilians", "people", "residents", "children", "women", "villagers", "passengers", "workers",
           "patients", "refugees", "migrants", "pilgrims", "students", "miners", "fishermen"]
EQUIPMENT = ["tanks", "armoured vehicles", "off-road vehicles", "artillery pieces", "drones", "rocket launchers",
             "trucks", "helicopters", "mortars", "howitzers", "boats", "anti-aircraft guns"]
DESIGNATIONS = ["S-300", "S-400", "T-72", "T-90", "M1A1", "MiG-29", "Su-25", "Su-34", "B-52H", "A-10", "F-16",
                "Boeing 747", "Airbus A320", "Mi-8", "Ka-52", "BM-21", "Tu-22M3", "HIMARS M142", "H5N1",
                "COVID-19", "G20", "G7", "Kh-101", "Bayraktar TB2", "MH17", "AK-47", "RPG-7", "Iskander-M"]
UNITS_ORD = ["Division", "Brigade", "Battalion", "Regiment", "Corps", "Army", "Airborne Division",
             "Mechanised Brigade", "Marine Brigade", "Special Forces Group"]
IDENTIFIERS = ["Article 51", "Route 66", "Resolution 2254", "Section 3", "Highway 1", "Chapter 7",
               "Article 5", "Resolution 2334", "Gate 4", "Flight 302", "Platform 9", "Sector 12", "Route 17",
               "Article 370", "Protocol 2", "Block 15", "Interstate 10", "Zone 3"]
DISASTERS = ["earthquake", "flood", "cyclone", "landslide", "wildfire", "tsunami", "typhoon", "hurricane",
             "heatwave", "volcanic eruption", "mudslide", "blizzard", "dam collapse", "building collapse"]
DISEASES = ["cholera", "measles", "dengue fever", "malaria", "influenza", "COVID-19", "Ebola", "mpox",
            "tuberculosis", "polio", "diphtheria", "H5N1 bird flu"]
PARTIES = ["the ruling party", "the opposition alliance", "the Social Democrats", "the Conservatives",
           "the Greens", "the nationalist bloc", "the Liberal Democrats", "the Labour party",
           "the centre-right coalition", "independent candidates", "the Freedom Party", "the People's Front"]
BUDGET_ITEMS = ["defence", "health care", "education", "pensions", "infrastructure", "housing", "subsidies",
                "debt servicing", "research", "public transport", "agriculture", "border security"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
SMALL_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
               "fifteen", "twenty", "thirty", "forty", "fifty", "sixty"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
FILLERS = [
    "The claim could not be independently verified.",
    "Neither side commented on the report.",
    "Officials said the situation remained tense but under control.",
    "Witnesses described scenes of panic as residents fled their homes.",
    "The government has repeatedly denied the allegations.",
    "Talks are expected to resume next week, diplomats said.",
    "Aid agencies warned that access to the area remained limited.",
    "The opposition called the figures misleading and demanded an inquiry.",
    "Analysts said the move was likely to deepen divisions within the coalition.",
    "Rescue teams were still searching the rubble late into the night.",
    "The ministry did not say how the figures had been calculated.",
    "Local media published photographs showing burned-out vehicles along the road.",
    "One of the raids targeted a warehouse used to store weapons, the statement said.",
    "One can expect the numbers to rise as more areas become accessible.",
    "Markets reacted calmly to the announcement.",
    "The report has not been made public.",
    "{official} said the operation in {place} was proceeding according to plan and denied that {org} had been obstructed.",
    "Residents of {place} said they had not received any warning before the shelling began, and many spent the night in basements.",
    "The offensive is seen as a test of the government's ability to hold territory without foreign support.",
    "{org} said it was deeply concerned by reports of attacks on hospitals and schools in the region.",
    "Diplomats in {country} said the proposal had little chance of being accepted by either side in its current form.",
    "The announcement came after weeks of pressure from opposition lawmakers, who accuse the government of hiding the true cost of the programme.",
    "Speaking to reporters in {place}, {official} declined to give details, citing security concerns.",
    "Critics say the measures do not go far enough and will do little to help the poorest families.",
    "The decision was criticised by human rights groups, which said it would leave vulnerable people without protection.",
    "{country} has rejected the accusations as baseless and politically motivated.",
    "It was not immediately clear who was behind the attack, and no group has claimed responsibility.",
    "Economists had expected the central bank to hold off on any change until the outlook becomes clearer.",
    "The electoral commission is due to publish final results later this week, after recounts in several districts.",
    "Doctors at the main hospital in {place} said they were running short of medicines and fuel for generators.",
    "The government of {country} declared a state of emergency and asked {org} for assistance.",
    "Voters queued outside polling stations in {place} before dawn, despite heavy rain and security threats.",
    "{official} urged residents to stay indoors and follow instructions from the emergency services.",
    "The bill now goes to the upper house, where the governing coalition lacks a majority.",
    "Independent monitors said they had been denied access to several detention facilities.",
    "Officials in {country} blamed the delays on damaged roads and bureaucratic obstacles at the border.",
    "The health ministry said the outbreak was under control, but doctors in {place} disputed that account.",
    "Satellite images reviewed by {agency} appeared to show new fortifications along the river.",
    "The talks, mediated by {country}, ended without agreement late on {weekday}.",
    "Opposition leaders called for protests across {country} and accused the authorities of fraud.",
]


# --------------------------------------------------------------------------------------------------
# Slot fillers: each takes the Random and returns a string
# --------------------------------------------------------------------------------------------------

def _thousands(n: int, sep: str = ",") -> str:
    return f"{n:,}".replace(",", sep)


def _word_number(r: random.Random) -> str:
    """A number in words: "seven", "twenty-one", "one hundred", "three thousand"."""
    k = r.random()
    if k < 0.45:
        return r.choice(SMALL_WORDS)
    if k < 0.7:
        return f"{r.choice(TENS)}-{r.choice(ONES)}"
    if k < 0.85:
        return f"{r.choice(['one', 'two', 'three', 'five', 'a'])} hundred"
    return f"{r.choice(['two', 'three', 'five', 'ten', 'twenty'])} thousand"


def _plain(r: random.Random, lo: int = 2, hi: int = 5000) -> str:
    """A plain count as digits (with thousands separators) or words."""
    if r.random() < 0.25:
        return _word_number(r)
    n = r.randint(lo, hi)
    return _thousands(n, r.choice([",", ",", ",", " "])) if n >= 1000 else str(n)


def _qualified(r: random.Random, lo: int = 10, hi: int = 9000, noun: bool = True) -> str:
    """A count, qualified, ranged or vague: "about 2,800", "at least 1,500", "4-5 thousand", "dozens of"."""
    k = r.random()
    n = r.randint(lo, hi)
    if n > 100:
        n = round(n, -2 if r.random() < 0.6 else -1)
    num = _thousands(n)
    if k < 0.25:
        return f"{r.choice(['about', 'around', 'nearly', 'some', 'roughly', 'approximately', 'almost', 'an estimated', 'close to'])} {num}"
    if k < 0.4:
        return f"{r.choice(['at least', 'no fewer than', 'a minimum of'])} {num}"
    if k < 0.52:
        return f"{r.choice(['more than', 'over', 'upwards of', 'in excess of'])} {num}"
    if k < 0.62:
        return f"{r.choice(['up to', 'as many as', 'no more than', 'at most'])} {num}"
    if k < 0.68:
        return f"{r.choice(['fewer than', 'less than', 'under'])} {num}"
    if k < 0.76:
        a = r.randint(2, 9)
        return f"{a}-{a + r.randint(1, 4)} {r.choice(['thousand', 'hundred', 'thousand'])}"
    if k < 0.82:
        a = r.randint(2, 400)
        return f"between {a} and {a + r.randint(5, 300)}"
    if k < 0.9:
        vague = r.choice(["dozens of", "hundreds of", "thousands of", "tens of thousands of", "scores of",
                          "a few thousand", "several hundred", "several thousand", "a few dozen"])
        return vague if noun else vague.removesuffix(" of")
    if k < 0.95:
        return f"{r.choice(['about', 'up to', 'more than', 'some'])} {r.randint(2, 90)} thousand"
    return num


def _money(r: random.Random) -> str:
    k = r.random()
    a = r.choice([r.randint(2, 950), round(r.uniform(1, 99), 1), round(r.uniform(1, 9), 2)])
    if k < 0.2:
        return f"${a}{r.choice(['bn', 'm', 'm', 'bn', 'tn'])}"
    if k < 0.35:
        return f"{a} {r.choice(['million', 'billion'])} {r.choice(['dollars', 'euros', 'pounds sterling', 'roubles', 'yuan', 'rupees'])}"
    if k < 0.5:
        return f"{r.choice(['€', '£', '$'])}{a} {r.choice(['million', 'billion', 'trillion', 'million'])}"
    if k < 0.6:
        return f"{r.choice(['about', 'nearly', 'more than', 'up to', 'at least'])} ${a} {r.choice(['million', 'billion'])}"
    if k < 0.7:
        return f"{_thousands(r.randint(100, 99000))} {r.choice(['euros', 'dollars', 'US dollars', 'yen', 'hryvnias'])}"
    if k < 0.78:
        return f"${r.randint(1, 40)}-{r.randint(41, 90)} {r.choice(['million', 'billion'])}"
    if k < 0.86:
        return f"{r.randint(2, 900)} {r.choice(['thousand', 'million'])} {r.choice(['dollars', 'euros'])}"
    if k < 0.93:
        return f"${_thousands(r.randint(1000, 9_999_999))}"
    return f"{r.randint(5, 95)} cents"


def _percent(r: random.Random) -> str:
    k = r.random()
    v = r.choice([r.randint(1, 99), round(r.uniform(0.1, 99.9), 1)])
    if k < 0.4:
        return f"{v}%"
    if k < 0.6:
        return f"{v} per cent"
    if k < 0.75:
        return f"{v} percent"
    if k < 0.85:
        return f"{r.choice(['about', 'nearly', 'more than', 'less than', 'almost', 'just over'])} {v}%"
    if k < 0.92:
        return f"{str(v).replace('.', ',')}%"  # a comma decimal, as in translated copy
    return f"{r.randint(1, 40)}-{r.randint(41, 80)}%"


def _distance(r: random.Random) -> str:
    k = r.random()
    if k < 0.3:
        return f"{r.randint(2, 900)} {r.choice(['km', 'kilometres', 'kilometers', 'miles', 'metres'])}"
    if k < 0.45:
        return f"{r.choice(['about', 'some', 'nearly', 'up to', 'more than', 'less than'])} {r.randint(2, 300)} {r.choice(['km', 'kilometres', 'miles'])}"
    if k < 0.6:
        a = r.randint(2, 30)
        return f"from {a} to {a + r.randint(3, 40)} km"
    if k < 0.7:
        a = r.randint(5, 20)
        return f"{a}-{a + r.randint(2, 10)} km per day"
    if k < 0.8:
        return f"{r.randint(1, 40)}{r.choice(['km', ' km', 'km'])}"
    if k < 0.9:
        return f"a {r.randint(2, 60)}-kilometre {r.choice(['stretch', 'front', 'corridor', 'buffer zone'])}"
    return f"{round(r.uniform(0.5, 30), 1)} {r.choice(['miles', 'km', 'nautical miles'])}"


def _area(r: random.Random) -> str:
    k = r.random()
    if k < 0.3:
        return f"{_thousands(r.randint(10, 600_000))} square kilometres"
    if k < 0.5:
        return f"{_thousands(r.randint(10, 9000))} sq km"
    if k < 0.65:
        return f"{r.randint(100, 900)} thousand {r.randint(100, 999)} square kilometers"
    if k < 0.8:
        return f"{_thousands(r.randint(50, 90000))} hectares"
    if k < 0.9:
        return f"{r.randint(2, 900)} km2"
    return f"{_thousands(r.randint(100, 50000))} acres"


def _mass(r: random.Random) -> str:
    k = r.random()
    if k < 0.35:
        return f"{_thousands(r.randint(2, 90000))} {r.choice(['tonnes', 'tons', 'metric tons'])}"
    if k < 0.55:
        return f"{round(r.uniform(1, 9.9), 1)} thousand tons"
    if k < 0.7:
        return f"{r.randint(2, 900)} {r.choice(['kg', 'kilograms', 'kilos'])}"
    if k < 0.85:
        return f"{r.randint(10, 900)} tonnes a {r.choice(['week', 'day', 'month'])}"
    return f"{r.choice(['about', 'nearly', 'more than', 'up to'])} {_thousands(r.randint(100, 50000))} tonnes"


def _duration(r: random.Random) -> str:
    k = r.random()
    if k < 0.4:
        return f"{r.randint(2, 96)} {r.choice(['hours', 'days', 'weeks', 'months', 'minutes'])}"
    if k < 0.7:
        return f"{r.choice(SMALL_WORDS[:9])} {r.choice(['hours', 'days', 'weeks', 'months', 'years'])}"
    if k < 0.85:
        return f"a {r.randint(2, 72)}-hour period"
    return f"{r.choice(['more than', 'nearly', 'about', 'less than'])} {r.randint(2, 30)} {r.choice(['years', 'months', 'days'])}"


def _temperature(r: random.Random) -> str:
    t = r.randint(-35, 49)
    k = r.random()
    if k < 0.35:
        return f"{t}°C"
    if k < 0.55:
        return f"{t} degrees Celsius"
    if k < 0.7:
        return f"{r.randint(60, 118)}F"
    if k < 0.85:
        return f"{r.choice(['above', 'below', 'around', 'nearly'])} {t} °C"
    a = r.randint(20, 40)
    return f"between {a} and {a + r.randint(2, 6)} °C"


def _fraction(r: random.Random) -> str:
    return r.choice(["a third", "half", "two thirds", "a quarter", "three quarters", "a fifth", "one in four",
                     "one in ten", "nearly half", "more than a third", "about a quarter", "one in five"])


def _multiplier(r: random.Random) -> str:
    return r.choice(["twice", "three times", "doubled", "tripled", "2.5 times", "four times", "tenfold",
                     "halved", "1.7 times", "threefold", "five times", "2,7 times"])


def _date(r: random.Random) -> str:
    k = r.random()
    d, m, y = r.randint(1, 28), r.randrange(12), r.randint(2011, 2024)
    if k < 0.25:
        return f"{MONTHS[m]} {d}, {y}"
    if k < 0.45:
        return f"{d} {MONTHS[m]} {y}"
    if k < 0.6:
        return f"{d} {MONTHS_SHORT[m]} {y}"
    if k < 0.75:
        return f"{MONTHS[m]} {d}"
    if k < 0.85:
        return f"{d} {MONTHS[m]}"
    if k < 0.93:
        return f"{MONTHS[m]} {d}-{d + r.randint(1, 3)}"
    return f"{r.choice(WEEKDAYS)}, {MONTHS[m]} {d}"


def _year(r: random.Random) -> str:
    k = r.random()
    y = r.randint(1945, 2024)
    if k < 0.45:
        return f"in {y}"
    if k < 0.6:
        return f"in {y}-{(y + 1) % 100:02d}"
    if k < 0.7:
        return f"({y}-{y + r.randint(1, 8)})"
    if k < 0.8:
        return f"in the {(y // 10) * 10}s"
    if k < 0.9:
        return f"in {y} and {y + 1}"
    return f"between {y} and {y + r.randint(2, 9)}"


def _bare_year(r: random.Random) -> str:
    """A year without a preposition: "2011", "the 2000s", "2018 and 2019", "2015-16"."""
    k = r.random()
    y = r.randint(1945, 2024)
    if k < 0.55:
        return str(y)
    if k < 0.7:
        return f"the {(y // 10) * 10}s"
    if k < 0.85:
        return f"{y} and {y + 1}"
    return f"{y}-{(y + 1) % 100:02d}"


def _time(r: random.Random) -> str:
    k = r.random()
    h, mi = r.randint(0, 23), r.randint(0, 59)
    if k < 0.4:
        return f"{h:02d}:{mi:02d}"
    if k < 0.7:
        return f"{r.randint(1, 12)} {r.choice(['a.m.', 'p.m.'])}"
    if k < 0.85:
        return f"{h}.{mi:02d}"
    return f"{r.randint(1, 12)}:{mi:02d} {r.choice(['am', 'pm'])} local time"


def _ordinal(r: random.Random) -> str:
    n = r.choice([1, 2, 3, 4, 5, 7, 9, 11, 12, 22, 25, 36, 53, 72, 93, 101, 128, 155])
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


SLOTS = {
    "place": lambda r: r.choice(PLACES),
    "country": lambda r: r.choice(COUNTRIES),
    "official": lambda r: r.choice(OFFICIALS),
    "org": lambda r: r.choice(ORGS),
    "forces": lambda r: r.choice(FORCES),
    "victims": lambda r: r.choice(VICTIMS),
    "equipment": lambda r: r.choice(EQUIPMENT),
    "designation": lambda r: r.choice(DESIGNATIONS),
    "formation": lambda r: f"{_ordinal(r)} {r.choice(UNITS_ORD)}",
    "identifier": lambda r: r.choice(IDENTIFIERS),
    "disaster": lambda r: r.choice(DISASTERS),
    "disease": lambda r: r.choice(DISEASES),
    "party": lambda r: r.choice(PARTIES),
    "item": lambda r: r.choice(BUDGET_ITEMS),
    "weekday": lambda r: r.choice(WEEKDAYS),
    "plain": _plain,
    "small": lambda r: str(r.randint(2, 60)) if r.random() < 0.6 else r.choice(SMALL_WORDS),
    "n": _qualified,
    "big": lambda r: _qualified(r, 1000, 900_000),
    "num": lambda r: _qualified(r, noun=False),  # no noun follows: "damaged {num} more"
    "money": _money,
    "pct": _percent,
    "dist": _distance,
    "area": _area,
    "mass": _mass,
    "dur": _duration,
    "temp": _temperature,
    "frac": _fraction,
    "mult": _multiplier,
    "date": _date,
    "year": _year,
    "yr": _bare_year,
    "time": _time,
    "ordinal": _ordinal,
    "magnitude": lambda r: f"{round(r.uniform(4.5, 8.9), 1)}",
    "ratio": lambda r: r.choice(["one coalition soldier to two militants", "1:2", "3:1", "1 military to 3 militants",
                                 "one in three", "two to one"]),
}

# --------------------------------------------------------------------------------------------------
# Templates by topic. {slot} names a SLOTS filler; every slot is filled independently.
# --------------------------------------------------------------------------------------------------

TOPICS = {
    "war": {
        "headlines": [
            "{n} {forces} killed as fighting rages near {place}",
            "{designation} strike hits {place}, {official} says",
            "Army says it retook {dist} around {place}",
            "{country} to send {plain} more troops after {place} attack",
        ],
        "sentences": [
            "{n} {forces} were killed and {n} wounded in fighting near {place} on {date}, {official} said.",
            "The {formation} advanced {dist} in {dur}, according to {official}.",
            "{official} said {n} {equipment} and {small} {designation} systems had been destroyed since {date}.",
            "Coalition aircraft flew {plain} sorties over {place} in {dur}, including {small} {designation} bombers.",
            "The ratio of losses was {ratio}, a military source told {agency}.",
            "About {pct} of the city is now under government control, up from {pct} {year}.",
            "The front line runs for {dist}, and the buffer zone covers {area}.",
            "{n} {victims} have fled {place} since {date}, {org} said, {mult} the number a month earlier.",
            "Artillery fired {big} shells at {time} on {weekday}, {official} said, citing {identifier} of the UN Charter.",
            "Militants from the {formation} held {n} hostages in a compound off {identifier}.",
            "A {designation} was shot down {dist} from {place}; its {small} crew members ejected.",
            "The convoy of {n} {equipment} carried {mass} of ammunition.",
            "Casualties among {victims} rose by {pct} compared with {yr}.",
            "{frac} of the {plain} {forces} deployed to {place} have been rotated out, {official} said.",
        ],
    },
    "disaster": {
        "headlines": [
            "{disaster} kills {n} in {country}",
            "Death toll from {country} {disaster} climbs to {plain}",
            "{n} missing after {disaster} hits {place}",
        ],
        "sentences": [
            "A magnitude {magnitude} earthquake struck {dist} south of {place} at {time} on {date}, killing {n} {victims}.",
            "The {disaster} destroyed {n} homes and damaged {num} more, leaving {big} {victims} without shelter.",
            "Rainfall of {plain} mm in {dur} flooded {area} of farmland, {official} said.",
            "Temperatures reached {temp} on {weekday}, {dur} after the previous record set {year}.",
            "Rescuers pulled {small} survivors from the rubble after {dur}, {agency} reported.",
            "{org} appealed for {money} to help {big} {victims}, {frac} of them {victims}.",
            "Wind speeds of up to {plain} km/h were recorded, and waves reached {small} metres.",
            "Power was cut to {pct} of households; {num} remained without electricity by {time}.",
            "{mass} of aid arrived by {designation} cargo planes on {date}.",
            "Damage is estimated at {money}, {mult} the cost of the {disaster} {year}.",
            "Roads along {identifier} were closed for {dur}.",
        ],
    },
    "budget": {
        "headlines": [
            "{country} unveils {money} budget",
            "Parliament approves {pct} rise in {item} spending",
            "Deficit to hit {pct} of GDP, {official} warns",
        ],
        "sentences": [
            "The {yr} budget allocates {money} to {item}, up {pct} from last year, {official} said on {weekday}.",
            "Spending on {item} will reach {money}, or {pct} of the total, while {item} gets {money}.",
            "Inflation slowed to {pct} in {date}, from {pct} a year earlier, the statistics office said.",
            "The central bank raised its key rate by {plain} basis points to {pct}.",
            "Public debt stands at {money}, {mult} its level {year}.",
            "The plan creates {big} jobs over {dur}, the ministry said in a report dated {date}.",
            "Under {identifier} of the budget code, {frac} of the reserve fund, or {money}, can be spent without approval.",
            "Each of the {plain} municipalities will receive between {money} and {money}.",
            "The currency fell {pct} against the dollar, trading at {plain}.{small} at {time}.",
            "Exports of {mass} of grain earned {money} in the first {dur}.",
            "Fuel subsidies cost {money} a year, {pct} of GDP, the IMF estimated {year}.",
        ],
    },
    "election": {
        "headlines": [
            "{party} wins {pct} in {country} vote",
            "Turnout hits {pct} as {country} votes",
            "{party} claims {plain} seats, results show",
        ],
        "sentences": [
            "{party} won {pct} of the vote and {plain} of the {plain} seats, the electoral commission said on {date}.",
            "Turnout was {pct}, {pct} lower than in {yr}, with {big} ballots cast at {plain} polling stations.",
            "{party} came second with {pct}, ahead of {party} on {pct}.",
            "{big} voters were registered, {frac} of them abroad.",
            "Polls closed at {time}; results from {pct} of precincts were counted by {time} on {weekday}.",
            "Observers from {org} reported {n} violations in the {ordinal} district and {small} in district {small}.",
            "The winner needs {plain} votes in the {plain}-member chamber, {small} more than {dur} ago.",
            "Campaign spending was capped at {money} per candidate under {identifier}.",
            "The ruling coalition lost {small} seats, its worst result since {yr}.",
        ],
    },
    "health": {
        "headlines": [
            "{disease} outbreak kills {n} in {country}",
            "{org} reports {pct} rise in {disease} cases",
            "{country} orders {big} vaccine doses",
        ],
        "sentences": [
            "{org} recorded {big} cases of {disease} and {n} deaths in {dur}, up {pct} on the previous week.",
            "Hospitals in {place} are treating {n} patients, {frac} of them children, with {plain} beds available.",
            "The ministry ordered {big} doses of vaccine at {money} each, enough for {pct} of the population.",
            "Infections have {mult} since {date}, and the reproduction rate stands at {magnitude}.",
            "Patients received {small} doses of {plain} mg over {dur}.",
            "Each person needs {small} litres of clean water per day, {org} said.",
            "The {disease} strain, first identified {year}, kills about {pct} of those infected.",
            "Clinics will open from {time} to {time} on {weekday} and {weekday}.",
            "One in {small} adults is overweight, a survey of {big} households found.",
            "The programme costs {money} and will run for {dur}, until {date}.",
        ],
    },
}
QUOTES = [
    "\"We have lost {n} people in {dur},\" {official} told {agency}.",
    "\"This is {mult} what we expected,\" said {official}.",
    "\"At least {plain} families need help right now,\" a volunteer said.",
    "\"The figure of {num} is simply not true,\" {official} said on {date}.",
]


def _fill(template: str, r: random.Random) -> str:
    out, pos = [], 0
    while True:
        i = template.find("{", pos)
        if i == -1:
            out.append(template[pos:])
            return "".join(out)
        j = template.index("}", i)
        out.append(template[pos:i])
        name = template[i + 1 : j]
        out.append(r.choice(AGENCIES) if name == "agency" else SLOTS[name](r))
        pos = j + 1


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def _paragraph(r: random.Random, topic: dict) -> str:
    sentences = []
    for _ in range(r.choice([1, 2, 2, 3, 3, 4, 4, 5])):
        k = r.random()
        if k < 0.5:  # number-free context, as in real copy (dates and names only where templated)
            sentences.append(_capitalise(_fill(r.choice(FILLERS), r)))
        elif k < 0.57:
            sentences.append(_fill(r.choice(QUOTES), r))
        else:
            sentences.append(_capitalise(_fill(r.choice(topic["sentences"]), r)))
    return " ".join(sentences)


def _article(r: random.Random, chars: int) -> str:
    """One wire story of about `chars` characters: headline, dateline, paragraphs."""
    topic = TOPICS[r.choice(list(TOPICS))]
    headline = _capitalise(_fill(r.choice(topic["headlines"]), r))
    day = f"{r.choice(MONTHS_SHORT)} {r.randint(1, 28)}"
    lead = _paragraph(r, topic)
    parts = [headline, f"{r.choice(CAPITALS)}, {day} ({r.choice(AGENCIES)}) - {lead}"]
    size = sum(len(p) + 2 for p in parts)
    while size < chars:
        p = _paragraph(r, topic)
        parts.append(p)
        size += len(p) + 2
    return "\n\n".join(parts)


def seed_documents() -> list[str]:
    """The sample documents of seeds/*.txt, in file-name order (empty if the folder is missing)."""
    if not SEEDS_DIR.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]


def news_documents(n_docs: int, chars_each: int, seed: int = 0) -> list[str]:
    """`n_docs` generated articles of about `chars_each` characters each (each a little longer)."""
    r = random.Random(seed)
    return [_article(r, chars_each) for _ in range(n_docs)]


def news_corpus_documents(n_chars: int, seed: int = 0, with_seeds: bool = True) -> list[str]:
    """Articles of 1,500-6,000 characters, with a seeds/ document after every SEED_EVERY of them (cycling
    through seeds/*.txt), until they hold at least `n_chars` characters."""
    r = random.Random(seed)
    seeds = seed_documents() if with_seeds else []
    docs, size, generated = [], 0, 0
    while size < n_chars:
        if seeds and generated and generated % SEED_EVERY == 0 and (not docs or docs[-1] not in seeds):
            doc = seeds[(generated // SEED_EVERY - 1) % len(seeds)]
        else:
            doc = _article(r, r.randint(1500, 6000))
            generated += 1
        docs.append(doc)
        size += len(doc)
    return docs


def news_corpus(n_chars: int, seed: int = 0, with_seeds: bool = True) -> str:
    """At least `n_chars` characters of news-like text: the documents of `news_corpus_documents`, separated
    by blank lines."""
    return "\n\n".join(news_corpus_documents(n_chars, seed, with_seeds))


if __name__ == "__main__":  # a sample: python benchmarks/corpus_gen.py [n_chars] [seed]
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    print(news_corpus(n, int(sys.argv[2]) if len(sys.argv) > 2 else 0, with_seeds=False))
