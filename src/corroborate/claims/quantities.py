"""Quantities in a sentence: counts, amounts, distances, durations, shares, with their hedges.

``extract_quantities`` is pure Python and regular expressions, fast enough to run on every
sentence of a store. It reads figures (``300``, ``2,300``, ``1.5 million``, ``$2.5 billion``,
``€40m``, ``Rs 25 lakh``), compact multipliers (``$4.2b``, ``$300M``, ``12.3m tonnes``, ``50k
fans``, ``4 hundred million``, ``5 lakh crore``, ``13.8-billion-year``), units glued to the
figure (``250ml``, ``1.0l``, ``5kg``, ``30km/h``, ``12V``), currencies before or after it
(``$US17,246,208``, ``$A82``, ``HK$20``, ``USD 5 million``, ``300 EUR``, ``5 million euros``,
``200 million yen``), number words (``fourteen``, ``a dozen``, ``half a million``,
``twenty-eight thousand``, ``one hundred and five``, ``a quarter of a million``, ``two and a half
million``), fractions (``two-thirds``, ``half of``, ``cut by a third``), ranges (``20-30``,
``between 20 and 30``, ``$500 to $550``, ``0.6% to 0.7%``, ``0-to-60-mph``, ``one or two``, ``a
year or two``), bounds and hedges (``over``, ``at least``, ``up to``, ``nearly``, ``within``,
``26 or older``, ``$100 or more``, ``from $700`` as a starting price ...), signed figures
(``-5.44%``), vague amounts (``dozens of``, ``hundreds of thousands of``, ``several``, ``a
few``, ``several dozen``) and ages (``Smith, 45,``, ``at the age of 9``). Years, clock times,
dates and ranges of days (``18-24 November``), ordinals, phone numbers (``555-1234``, ``called
911``), ZIP codes, citation and footnote marks (``(12, 13)``, ``[2]``), figures joined by slashes
(``24/7``), scores and records (``91-73``, ``(14-1)``), kinds (``the 30-year bond``) and numbers
that belong to a name (``Covid-19``, ``G7``, ``F-16``, ``AK 47``, ``S&P 500``, ``Week 3``,
``iPhone 11``, ``Windows 10 users``, ``the 787 Dreamliner``, ``10 Downing Street``, ``Formula
One``, ``area 55``) are not quantities. A change from one figure to another (``rose from 20 to
30``, or a word of change anywhere before ``from X to Y``) is two quantities, not a range; a word
of range (``ranging from``) keeps it a range. An equivalent figure in parentheses (``100km (60
miles)``) belongs to the figure it follows (``also_as``), never a quantity of its own.

The counted thing is a guess from the words that follow (the word joined by a hyphen, else the
first plural-looking noun before a function word or punctuation, or after a count of one the
last word before one); a later step may replace it using a parse.

Measured on hand-annotated real news sentences by ``bench/quantities.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["Qualifier", "Quantity", "extract_quantities"]

Qualifier = Literal[
    "exact", "at least", "more than", "about", "up to", "at most", "less than", "range", "vague"
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity as written in a sentence.

    ``value`` is the figure given, ``None`` when the text gives no single figure (vague amounts
    and ranges). ``low``/``high`` are the bounds the wording implies: ``low`` for "more than",
    "at least", ranges and vague plurals ("dozens" -> 24), ``high`` for "up to", "at most",
    "less than", ranges and "nearly"/"almost". ``unit`` is normalised ("km", "mi", "%", "USD",
    "years" ...) and ``None`` for a plain count, whose counted noun is in ``counted``.
    ``also_as`` holds the equivalent figures given in parentheses, as ``(value, unit)`` pairs.
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    counted: str | None = None
    also_as: tuple[tuple[float, str], ...] = ()


# One character for one character, so offsets into the normalised copy are offsets into the input.
_SAME_LENGTH = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)

# Number words up to ninety; times.py reads the same words in durations.
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "dozen": 12.0,
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS9 = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = rf"(?:(?:{_TENS})-(?:{_UNITS9})|{_WORD})"
# Below a hundred: "twenty-eight", "twenty eight", "fourteen".
_SMALL = rf"(?:(?:{_TENS})(?:-|[ \t]+)(?:{_UNITS9})\b(?!-)|{_WORDNUM})"
# Below a thousand: "one hundred and five", "four hundred".
_HUNDREDS = rf"{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL}\b(?!-))?)?"
_SCALE = r"dozen|hundred|thousand|million|billion|trillion|lakhs?|crores?"
_BIG_SCALE = r"dozen|thousand|million|billion|trillion|lakhs?|crores?"
# A chain of scale words after digits: "4 hundred million", "5 lakh crore", "2.3bn", "7 mln".
_DIGIT_SCALES = rf"(?:(?:\s*|-)(?:{_SCALE}|bn|bln|mn|mln|tn|trn)(?![A-Za-z]))+"
# Spelled-out numbers: "twenty-eight thousand", "two million three hundred thousand",
# "two and a half million".
_SPELLED = (
    rf"{_HUNDREDS}(?:\s+and\s+a\s+half\b)?"
    rf"(?:[\s-]+(?:{_BIG_SCALE})\b"
    rf"(?:(?:\s+and\s+|\s+|,\s+(?={_SMALL}\s+hundred\b)){_HUNDREDS}\b"
    rf"(?:[\s-]+(?:{_BIG_SCALE})\b)?)?)*"
)
_FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
_FRACTION = "|".join(_FRACTIONS)

_CORE = re.compile(
    rf"""
    (?P<digits>\d{{1,3}}(?:,[ ]?\d{{3}})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?)
        (?P<dhalf>\s+and\s+a\s+half\b)?(?P<dscale>{_DIGIT_SCALES})?
  | \b(?=[ahAH])(?:(?P<half>half\s+)?an?\s+(?P<ascale>hundred(?:\s+and\s+{_SMALL}\b(?!-))?
        (?:[\s-]+(?:{_BIG_SCALE}))*|(?:{_BIG_SCALE})(?:[\s-]+(?:{_BIG_SCALE}))*))\b
  | \b(?=[aothAOTH])(?P<frac>(?P<numer>a|one|two|three)
        (?:-|\s+(?=\w+\s+(?:of|{_BIG_SCALE})\b)|(?<=\bby\sa)\s+)
        (?P<denom>{_FRACTION})(?:\s+(?:of\s+an?\s+)?(?P<fscale>{_BIG_SCALE})\b)?
        |half(?=\s+(?:of|the|its|their|his|her|our|all)\b|\s+an?\s+\w)|(?<=\bby\s)half|(?<=\bin\s)half)\b
  | \b(?=[efnostEFNOST])(?P<words>{_SPELLED})\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

_UNIT_TABLE: list[tuple[str, str]] = [
    (r"square\s+kilomet(?:er|re)s?|sq\.?\s?km|km2|km²", "km2"),
    (r"square\s+miles?|sq\.?\s?mi(?:les?)?", "mi2"),
    (r"square\s+met(?:er|re)s?|sq\.?\s?m(?![a-z])|(?-i:m2|m²)", "m2"),
    (r"kilomet(?:er|re)s\s+(?:per|an|a)\s+hour|km/h|kph", "km/h"),
    (r"miles\s+(?:per|an|a)\s+hour|mph", "mph"),
    (r"kilomet(?:er|re)s?|kms?", "km"),
    (r"nautical\s+miles?|(?-i:nmi)", "nmi"),
    (r"miles?|mi", "mi"),
    (r"millimet(?:er|re)s?|mm", "mm"),
    (r"centimet(?:er|re)s?|cm", "cm"),
    (r"met(?:er|re)s?|(?-i:m)", "m"),
    (r"square\s+(?:feet|foot)|sq\.?\s?ft", "ft2"),
    (r"cubic\s+met(?:er|re)s?|(?-i:m3|m³)", "m3"),
    (r"cubic\s+centimet(?:er|re)s?|(?-i:cc)", "cc"),
    (r"feet|foot|ft", "ft"),
    (r"inch(?:es)?", "in"),
    (r"yards?|yds?", "yd"),
    (r"kilo(?:gram)?s?|kg", "kg"),
    (r"milligrams?|milligrammes?|(?-i:mg)", "mg"),
    (r"grams?|grammes?|(?<=\d)(?-i:g)", "g"),
    (r"millilit(?:er|re)s?|(?-i:ml|mL)", "ml"),
    (r"centilit(?:er|re)s?|(?-i:cl)", "cl"),
    (r"lit(?:er|re)s?|(?<=\d)(?-i:l|L|ltr)", "l"),
    (r"(?:fluid\s+)?ounces?|(?-i:fl\.?\s?oz|oz)", "oz"),
    (r"gallons?|(?-i:gal)", "gal"),
    (r"lbs?", "lb"),
    (r"tonnes?|tons?", "t"),
    (r"hectares?|ha", "ha"),
    (r"acres?", "acre"),
    (r"percentage\s+points?", "pp"),
    (r"%|per\s?cent|percent|(?<=\d)(?-i:pc)", "%"),
    (r"basis\s+points?|(?-i:bps)", "bp"),
    (r"decades?", "decades"),
    (r"years?|yrs?", "years"),
    (r"months?", "months"),
    (r"weeks?", "weeks"),
    (r"days?", "days"),
    (r"hours?|hrs?", "hours"),
    (r"minutes?|mins?", "minutes"),
    (r"seconds?|secs?", "seconds"),
    (r"(?:Canadian|Can\.?)\s+dollars?", "CAD"),
    (r"(?:Australian|Aussie)\s+dollars?", "AUD"),
    (r"(?:New\s+Zealand|NZ)\s+dollars?", "NZD"),
    (r"(?:Hong\s+Kong|HK)\s+dollars?", "HKD"),
    (r"Singapore\s+dollars?", "SGD"),
    (r"Taiwan(?:ese)?\s+dollars?", "TWD"),
    (r"(?:US\s|U\.S\.\s|American\s)?dollars?", "USD"),
    (r"euros?", "EUR"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
    (r"(?:Indian\s+)?rupees?", "INR"),
    (r"r[ou]ubles?", "RUB"),
    (r"Swiss\s+francs?", "CHF"),
    (r"naira", "NGN"),
    (r"ringgit", "MYR"),
    (r"rand", "ZAR"),
    (r"(?:Saudi\s+)?riyals?", "SAR"),
    (r"dirhams?", "AED"),
    (r"shekels?", "ILS"),
    (r"(?:Turkish\s+)?lira", "TRY"),
    (r"(?:Swedish\s+)?kronor", "SEK"),
    (
        r"(?-i:USD|EUR|GBP|JPY|CNY|RMB|INR|CAD|AUD|NZD|HKD|SGD|CHF|RUB|BRL|MYR|NGN|ZAR|KRW|MXN|SEK)",
        "=",
    ),
    (r"pounds\s+sterling", "GBP"),
    (r"pounds?", "pounds"),  # weight or sterling: settled by the figure's size (_pounds)
    (r"kilowatt[\s-]hours?|(?-i:kWh)", "kWh"),
    (r"gigawatts?|(?-i:GW)", "GW"),
    (r"megawatts?|(?-i:MW)", "MW"),
    (r"kilowatts?|(?-i:kW)", "kW"),
    (r"watts?|(?-i:W)", "W"),
    (r"kilovolts?|(?-i:kV)", "kV"),
    (r"volts?|(?<=\d)(?-i:V)", "V"),
    (r"(?-i:mAh)", "mAh"),
    (r"amps?|amperes?", "A"),
    (r"knots", "kn"),
    (r"megapixels?|(?<=\d)(?-i:MP)", "MP"),
    (r"(?-i:Gbps|Gb/s)", "Gbps"),
    (r"(?-i:Mbps|Mb/s)", "Mbps"),
    (r"(?-i:kbps|kb/s)", "kbps"),
    (r"terabytes?|(?-i:TB)", "TB"),
    (r"gigabytes?|(?-i:GB)", "GB"),
    (r"megabytes?|(?-i:MB)", "MB"),
    (r"(?-i:GHz)", "GHz"),
    (r"(?-i:MHz)", "MHz"),
    (r"frames\s+per\s+second|fps", "fps"),
    (r"tablespoons?|tbsps?", "tbsp"),
    (r"teaspoons?|tsps?", "tsp"),
    (r"degrees?\s+(?:Celsius|centigrade)|°\s?C|(?<=\d)(?-i:C)", "°C"),
    (r"degrees?\s+Fahrenheit|°\s?F|(?<=\d)(?-i:F)", "°F"),
    (r"degrees?|°", "degrees"),
    (r"magnitude|(?:on\s+the\s+)?Richter(?:\s+scale)?", "magnitude"),
    (r"horsepower|b?hp", "hp"),
]
_UNIT = re.compile(
    r"\s*-?\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_TABLE)) + r")"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_CURRENCY = {
    "US$": "USD",
    "US $": "USD",
    "$US": "USD",
    "$": "USD",
    "$A": "AUD",
    "$AU": "AUD",
    "$C": "CAD",
    "$CA": "CAD",
    "$CAN": "CAD",
    "$NZ": "NZD",
    "$HK": "HKD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₦": "NGN",
    "₺": "TRY",
    "Rs": "INR",
    "Rs.": "INR",
    "Dh": "AED",
    "Rp": "IDR",
    "RM": "MYR",
}
_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|INR|CAD|AUD|NZD|HKD|SGD|CHF|RUB|BRL|MYR|NGN|ZAR|KRW|MXN|SEK|NOK|"
    "DKK|PLN|AED|SAR|ILS|PKR|EGP|KES|TWD|THB|IDR"
)
_CODE_ALIASES = {"RMB": "CNY"}
_SIGNS = "|".join(re.escape(sign) for sign in sorted(_CURRENCY, key=len, reverse=True))
_CURRENCY_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?P<sym>{_SIGNS})\s?|\b(?P<code>{_CODES})\s?)$")
_ABBR_SCALES = {
    "tn": 1e12,
    "trn": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "bil": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "mm": 1e6,
    "m": 1e6,
    "k": 1e3,
}
# "12.3m tonnes", "5M users", "50k fans": a scale letter glued to a figure, before a word.
_GLUED_SCALE = re.compile(r"(?P<abbr>[mMkK])(?=[ \t]+(?P<next>[A-Za-z][A-Za-z-]*))")
_MEASURED_IN_MILLIONS_WORDS = "t kg l gal ha acre oz USD EUR GBP pounds JPY CNY INR CAD AUD NZD"
_MEASURED_IN_MILLIONS = frozenset(_MEASURED_IN_MILLIONS_WORDS.split())
# Plural nouns after which "m" is metres and "k" a race or a resolution, not a multiplier.
_NOT_SCALED_AFTER_WORDS = """
    hurdles relays sprints races runs runners swimmers dives jumps waves walls drops yachts boats
    heats finals events displays screens monitors tvs televisions videos streams cameras
"""
_NOT_SCALED_AFTER = frozenset(_NOT_SCALED_AFTER_WORDS.split())
_ABBR_AFTER_CURRENCY = re.compile(
    r"(?P<abbr>trn|tn|bln|bil|bn|b|mln|mil|mn|mm|m|k)(?![A-Za-z])", re.IGNORECASE
)

_QUALIFIERS: list[tuple[Qualifier, str]] = [
    ("at least", r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of"),
    ("at most", r"at\s+most|no\s+more\s+than|a\s+maximum\s+of|within"),
    (
        "more than",
        r"more\s+than|over|exceeding|exceeds?|in\s+excess\s+of|upwards\s+of|above|"
        r"greater\s+than",
    ),
    ("up to", r"up\s+to(?:\s+an?)?|as\s+many\s+as|as\s+much\s+as"),
    ("less than", r"less\s+than|fewer\s+than|under|below"),
    (
        "about",
        r"about|approximately|approx\.|around|roughly|some|an\s+estimated|estimated|"
        r"close\s+to|circa|nearly|almost",
    ),
]
_QUALIFIER = re.compile(
    r"(?:\b(?:"
    + "|".join(f"(?P<q{i}>{p})" for i, (_, p) in enumerate(_QUALIFIERS))
    + r")|(?P<tilde>~))\s*$",
    re.IGNORECASE,
)
_LOOKBEHIND = 60  # characters searched on either side of a figure for its hedge and noun
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:-to-|-|to\b|(?P<and>and\b)|(?P<or>or\b))\s*", re.IGNORECASE)
# "26 or older", "$100 or more", "18 and over": a bound written after the figure.
# "a year or two", "a day or three": a range from one.
_A_UNIT_OR = re.compile(
    r"\ban?\s+(?P<unit>year|month|week|day|hour|minute)\s+or\s+(?P<n>two|three|2|3)\b",
    re.IGNORECASE,
)
_BOUND_AFTER = re.compile(
    r"\s+(?:or|and)\s+(?:(?P<low>more|older|above|over|higher|greater|up)|"
    r"(?P<high>less|fewer|younger|below|under|lower))\b",
    re.IGNORECASE,
)
# "ranging from $500 to $550" is a range; "rose ... from 5% to 7%" is a change (two figures).
_RANGE_FROM = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere|somewhere|spann?(?:s|ed|ing)?)"
    r"(?:\s+\S+){0,2}?\s+from\s+$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# Verbs of change, shared by the two patterns below (a change word anywhere before "from X to
# Y"; a change verb just before "$1.20 to $58.30"), each adding the forms only it needs.
_CHANGE_VERBS = (
    "rose", "rise[sn]?", "rising", "fell", "falls?", "falling", "fallen", "grew", "dropped",
    "drops?", "jumped", "jumps?", "climbed", "climbs?", "soared", "plunged", "surged", "slipped",
    "gains?", "gained", "lost",
)  # fmt: skip
_CHANGE_WORD = re.compile(
    r"\b(?:"
    + "|".join((*_CHANGE_VERBS, "increase[sd]?", "increasing", "decrease[sd]?", "decreasing",
                "grows?", "growing", "grown", "growth", "dropping", "decline[sd]?", "declining",
                "raised?", "raising", "reduced?", "reducing", "lowered", "boosted", "slashed",
                "shrank", "expanded", "changed?", "revised", "losses", "cut"))
    + r")\b",
    re.IGNORECASE,
)  # fmt: skip
# "the 30-year bond", "10-year notes": a kind of security, not a duration.
_KIND_AFTER = re.compile(
    r"-(?:year|month|week|day)\s+(?:bonds?|notes?|treasur(?:y|ies)|yields?|gilts?|bills?|bunds?|"
    r"paper|securities|swaps?|maturities)\b",
    re.IGNORECASE,
)
# "a magnitude 6.4 quake", "magnitude-7.1"
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[\s-]+$", re.IGNORECASE)
# "rose $1.20 to $58.30", "fell 5% to 20%": a change and the level reached, not a range.
_CHANGE_BY = re.compile(
    r"\b(?:"
    + "|".join((*_CHANGE_VERBS, "loses", "slips?", "sank", "tumbled", "added", "shed",
                "increased", "decreased", "declined"))
    + r")(?:\s+by)?\s+$",
    re.IGNORECASE,
)  # fmt: skip
# "a quarter of a percentage point", "half a mile", "half an hour": a fraction of a unit.
_OF_A = re.compile(r"\s+(?:of\s+)?an?(?=\s)", re.IGNORECASE)
# "called 911", "dial 999": a number to call.
_CALL_BEFORE = re.compile(r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?)\s+$", re.IGNORECASE)
_SIGN = re.compile(rf"(?:{_SIGNS})\s?")
_MINUS = re.compile(r"\bminus\s+$", re.IGNORECASE)
# "rose from 20 to 30": the two figures are a change, not a range.
_CHANGE_FROM = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|fallen|increased?|increasing|"
    r"decreased?|decreasing|grew|grows?|growing|grown|dropped|drops?|dropping|jumped|jumps?|"
    r"climbed|climbs?|declined?|declining|cut|raised?|raising|reduced?|reducing|lowered|"
    r"boosted|slashed|up|down|went|soared|plunged|surged|slipped|shrank|expanded|changed|"
    r"moved|revised|going|go|goes)\b(?:\s+\S+){0,4}?\s+from\s+$",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|each|every|other|first|second|last|latter|former|top|bottom|"
    r"back|front|(?!over\b|under\b)\w+er|\w+ern)\s+$",
    re.IGNORECASE,
)
_NOT_AN_AMOUNT_AFTER = re.compile(r"\(|\s*-?\s*calib(?:er|re)\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?<![\w'&])([a-z]{0,4}[A-Z][\w'&-]*)[ \t]+$")
_WORDS_AFTER = re.compile(r"[ \t]+([A-Za-z][\w'&.-]*)")
# Capitalised words for people of a country, plural without an "s": "200 Chinese were".
_PEOPLE_OF_WORDS = "Swiss French British Dutch Irish English Welsh Scots Taliban Police Mujahideen"
_PEOPLE_OF = frozenset(_PEOPLE_OF_WORDS.split())
_MONTHS_AND_DAYS_WORDS = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday
"""
_MONTHS_AND_DAYS = frozenset(_MONTHS_AND_DAYS_WORDS.split())
_AGE_BEFORE = re.compile(
    r"(?:(?<![\w'])(?-i:[A-Z])[\w'.-]*,\s*|\b(?P<aged>aged|age\s+of|ages\s+of)\s+)$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\(\s*(?:about|approximately|some|around|roughly|nearly|over)?\s*")
# Labels whose number is a name, not an amount: "Resolution 2254", "Highway 5", "No. 3".
_ID_BEFORE = re.compile(
    r"\b(?:resolution|article|route|highway|chapter|section|flight|room|no\.?|number|phase|"
    r"level|category|page|gate|terminal|platform|building|block|camp|hill|vol\.?|volume|"
    r"episode|season|part|track|brigade|division|unit|model|version|code|line|area|zone|"
    r"sector|district|precinct|ward|exit|pier|bay|lane|apartment|apt\.?|suite|seat|row|"
    r"channel|stage|grade|bus|interstate)\s+$|#$",
    re.IGNORECASE,
)
_BEFORE_YEAR = re.compile(
    r"\b(?:in|since|from|until|till|by|before|after|during|of|the|a|an|late|early|mid|"
    r"between|and|to|through|'s)\s+$",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MASKS = [
    # dates: "Dec 1", "March 11, 2024", "1 December 2024", "December 2024", ISO and slashed
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}\b)?"),
    re.compile(rf"\b{_MONTH}\s+\d{{4}}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    # clock times: "17:00", "5:00 PM", "14:00 GMT", "6 pm", "6.30pm", "1400 GMT", and "11: 34 AM"
    # as tokenised corpora write them
    re.compile(
        r"\b\d{1,2}: ?\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|GMT|UTC|hrs?|h)(?![A-Za-z]))?",
        re.IGNORECASE,
    ),
    re.compile(r"\b\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|o'clock)", re.IGNORECASE),
    re.compile(r"\b\d{4}\s*(?:GMT|UTC)\b"),
    # phone numbers: three or more digit groups, or one long run of digits
    re.compile(
        r"(?<![\w.,])(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)[\s-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}"
        r"(?!\w|[,.]\d)"
    ),
    re.compile(r"\+?\b\d{9,}\b"),
    # references and figures joined by slashes: "(38, 39)", "(19)", "24/7", "9/11", "6 / 6 / 2013"
    re.compile(r"\(\s*\d{1,3}(?:\s*[,-]\s*\d{1,3})*\s*\)"),
    re.compile(r"\[\s*\d{1,3}(?:\s*[,-]\s*\d{1,3})*\s*\]"),
    # a series of set scores: "6-4, 3-6, 7-6"
    re.compile(r"\b\d{1,2}-\d{1,2}(?:\(\d+\))?(?:,\s*\d{1,2}-\d{1,2}(?:\(\d+\))?)+\b"),
    # ranges of days: "18-24 November", "November 18-24"
    re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s*-\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    ),
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*-\s*\d{{1,2}}\b"),
    re.compile(r"\d+(?:\.\d+)?(?:\s?/\s?\d+(?:\.\d+)?)+"),
]

_DIGIT = re.compile(r"\d")

_VAGUE_TABLE: list[tuple[str, float | None, bool]] = [
    # (pattern, lower bound it implies, needs a counted noun after it)
    (r"hundreds\s+of\s+thousands", 2e5, False),
    (r"tens\s+of\s+thousands", 2e4, False),
    (r"hundreds\s+of\s+millions", 2e8, False),
    (r"tens\s+of\s+billions", 2e10, False),
    (r"hundreds\s+of\s+billions", 2e11, False),
    (r"tens\s+of\s+millions", 2e7, False),
    (r"dozens", 24.0, False),
    (r"scores(?=\s+of\b)", 40.0, False),
    (r"hundreds", 200.0, False),
    (r"thousands", 2e3, False),
    (r"millions", 2e6, False),
    (r"billions", 2e9, False),
    (r"several\s+dozen", 36.0, False),
    (r"several\s+hundred", 300.0, False),
    (r"several\s+thousand", 3e3, False),
    (r"several\s+million", 3e6, False),
    (r"several\s+billion", 3e9, False),
    (r"(?:a\s+)?few\s+(?:dozen|hundred|thousand|million|billion)", None, False),
    (r"several", 3.0, True),
    (r"(?:a\s+)?few", None, True),
    (r"many\s+more", None, False),
    (r"many|numerous|countless", None, True),
]
_VAGUE = re.compile(
    r"\b(?=[abcdfhmnstABCDFHMNST])(?:"
    + "|".join(f"(?P<v{i}>{p})" for i, (p, _, _) in enumerate(_VAGUE_TABLE))
    + r")\b",
    re.IGNORECASE,
)

_WORD_AFTER = re.compile(r"""[ \t]*["']?([A-Za-z][A-Za-z'-]*)""")
_OF_AFTER = re.compile(
    r"\s+of\s+(?:(?:the|its|their|his|her|our|these|those|them)(?![A-Za-z]))?", re.IGNORECASE
)
_STOP_WORDS = """
    a an the and or but nor in on at from to by for with without into onto over under of have
    has had were was are is be been being will would could should may might must can did do
    does who whom which that this these those it its their his her our them they we you
    including since after before ago across than as per each more less during while when where
    said says told according also not no just only about around some all any both either
"""
_STOP = frozenset(_STOP_WORDS.split())
_PLURAL_WORDS = "people children men women police personnel dead wounded injured staff aircraft"
_IRREGULAR_PLURALS = frozenset(_PLURAL_WORDS.split())
_NOT_PLURAL_MEN_WORDS = "yemen amen omen abdomen specimen regimen acumen stamen"
_NOT_PLURAL_MEN = frozenset(_NOT_PLURAL_MEN_WORDS.split())


def extract_quantities(sentence: str, offset: int = 0) -> list[Quantity]:
    """Every quantity in ``sentence``, in order; offsets are into ``sentence`` plus ``offset``."""
    norm = sentence.translate(_SAME_LENGTH)
    # every mask needs a digit; most sentences have none
    digit = _DIGIT.search(norm)
    masked = [m.span() for pattern in _MASKS for m in pattern.finditer(norm)] if digit else []
    found: list[Quantity] = [_a_unit_or(sentence, m) for m in _A_UNIT_OR.finditer(norm)]
    taken = [(q.start, q.end) for q in found]  # spans of quantities, ranges and parentheses
    for match in _CORE.finditer(norm):
        if _overlaps(match.span(), masked) or _overlaps(match.span(), taken):
            continue
        quantity = _read_number(sentence, norm, match, taken + masked)
        if isinstance(quantity, Quantity):
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
        elif quantity is not None:
            taken.append(quantity)
    for match in _VAGUE.finditer(norm):
        if _overlaps(match.span(), taken):
            continue
        quantity = _read_vague(sentence, norm, match)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    if offset:
        return [replace(q, start=q.start + offset, end=q.end + offset) for q in found]
    return found


def _read_number(
    sentence: str, norm: str, core: re.Match[str], taken: list[tuple[int, int]]
) -> Quantity | tuple[int, int] | None:
    """The quantity at ``core``; a bare span when the figures there are no amount but must not
    be read again (the two sides of a score, "91-73"); None when it is no quantity."""
    start, end = core.span()
    value, factor = _core_value(core)
    scaled = factor != 1.0
    digits = core.group("digits")
    before = norm[max(0, start - _LOOKBEHIND) : start]
    after = norm[end : end + _LOOKBEHIND]
    words = core.group("words")
    if digits and re.match(r"0\d", digits):
        return None  # "iLife 09", "08: 45": a label or a clock, not an amount
    if words and re.search(r"[A-Za-z]-$", before):
        return None  # the second "one" of "one-on-one"
    if words and re.match(r"-something", after, re.IGNORECASE):
        return None  # "a seventy-something": an age bracket
    if core.group("frac") and not core.group("denom") and _PART_BEFORE.search(before):
        return None  # "the second half of", "the lower half of": a part, not an amount
    if _NOT_AN_AMOUNT_AFTER.match(after) or _KIND_AFTER.match(after):
        return None  # "a .38-caliber revolver", "a 401(k)", "the 30-year bond"
    if core.group("frac") and not _fraction_stands(core, after):
        return None  # "by a third party"
    lone_one = words is not None and words.lower() == "one"
    if lone_one and not _one_is_a_count(before, after):
        return None
    capital = words is not None and words[0].isupper() and _inside_sentence(norm, start)
    if capital and not _headline_count(norm, end, ""):
        return None  # "Formula One", "Xbox One X", "the Three-Day Event": a name

    unit: str | None = None
    currency = _CURRENCY_BEFORE.search(before)
    if digits and not currency and _glued_before(before) and not _MAGNITUDE_BEFORE.search(before):
        return None
    if currency:
        code = currency["code"]
        unit = _CURRENCY[currency.group("sym")] if currency.group("sym") else code
        unit = _CODE_ALIASES.get(unit, unit)
        start -= len(before) - currency.start()
        before = norm[max(0, start - _LOOKBEHIND) : start]
        abbr = _ABBR_AFTER_CURRENCY.match(norm, end) if digits else None
        if abbr and not scaled:
            factor = _ABBR_SCALES[abbr.group("abbr").lower()]
            value *= factor
            scaled, end = True, abbr.end()
    elif digits and not scaled:
        glued = _glued_scale(norm, end, value)
        if glued:
            factor, end = glued
            value *= factor
            scaled = True

    magnitude = _MAGNITUDE_BEFORE.search(before) if digits and unit is None else None
    if magnitude:
        unit, start = "magnitude", start - (len(before) - magnitude.start())
        before = norm[max(0, start - _LOOKBEHIND) : start]
    number_start = start
    qualifier: Qualifier = "exact"
    low = high = None
    named: str | None = None
    between = _BETWEEN.search(before)
    hedge = _QUALIFIER.search(before) if not between else None
    minus = _MINUS.search(before)
    if between:
        start -= len(before) - between.start()
    elif hedge:
        qualifier = _qualifier_of(hedge)
        start -= len(before) - hedge.start()
    elif _ID_BEFORE.search(before):
        return None
    elif minus:
        value, start = -value, start - (len(before) - minus.start())
    elif digits and _signed(sentence, start):
        value, start = -value, start - 1  # "-12.99" in a table of prices
    elif digits and unit is None:
        named = _named_before(norm, start, before)
        if named == "acronym":
            return None  # "AK 47 rifles", "LC 500", "FTSE 100"

    if norm.startswith("+", end) and not words:
        qualifier, end = "more than", end + 1

    value2: float | None = None
    unit_match = None
    first_unit = _UNIT.match(norm, end) if unit is None else None
    joins = [(end, None)] + ([(first_unit.end(), first_unit)] if first_unit else [])
    for join_at, unit1 in joins:
        join = _RANGE_JOIN.match(norm, join_at)
        if not join or (join.group("and") is not None and not between):
            continue
        if re.fullmatch(r"\s+-", join.group(0)):
            continue  # "225.86 -12.99": a signed figure follows, not a range
        pos = join.end()
        sign = _SIGN.match(norm, pos) if currency else None  # "$500 to $550"
        second = _CORE.match(norm, sign.end() if sign else pos)
        if not second or _overlaps(second.span(), taken) or _overlaps(second.span(), [core.span()]):
            continue
        raw2, factor2 = _core_value(second)
        second_end = second.end()
        abbr2 = _ABBR_AFTER_CURRENCY.match(norm, second_end) if currency else None
        if abbr2 and second.group("digits") and factor2 == 1.0:  # "$10m-$12m", "$10-12m"
            factor2 = _ABBR_SCALES[abbr2.group("abbr").lower()]
            raw2, second_end = raw2 * factor2, abbr2.end()
        unit2 = _UNIT.match(norm, second_end) if unit1 else None
        if unit1 and (unit2 is None or _unit_of(unit2) != _unit_of(unit1)):
            continue  # "0.6% to 0.7%" is a range, "5% to 7 people" is not
        if _is_phone_number(core, second, join.group(0), currency, norm, second_end):
            return (core.start(), second.end())  # "555-1234"
        hyphen = join.group(0).strip() == "-"
        if not between and raw2 / factor2 <= value / factor:
            if hyphen and factor2 == 1.0:
                return (core.start(), second.end())  # "91-73", "787-9": a score or a model
            break  # "from 30 to 20": two figures
        if join.group("or") is not None and (raw2 > 10 * value or second.group("frac")):
            break  # "one or two", "10 or 12" are ranges; "1 or 100" is not
        if not between and _is_change(norm[:number_start], before):
            break  # "rose from 20 to 30": a change between two figures, not a range
        if not between and _CHANGE_BY.search(before) and raw2 > 4 * value:
            break  # "rose $1.20 to $58.30": by how much, and to what
        if factor2 != 1.0 and not scaled:
            value *= factor2  # "2-3 million": the scale word serves both ends
        value2, end = raw2, second_end
        if unit1 and unit2:
            unit, unit_match, end = _unit_of(unit1), unit2, unit2.end()
        break
    if between and value2 is None:
        start = number_start

    of_a = _OF_A.match(norm, end) if core.group("frac") and unit is None else None
    if of_a and unit_match is None:
        unit_match = _UNIT.match(norm, of_a.end())
        if unit_match is None:
            return None  # "half a chance"
        unit, end = _unit_of(unit_match), unit_match.end()
    if unit_match is None:
        unit_match = _UNIT.match(norm, end)
        if unit_match and unit is None:
            unit = _unit_of(unit_match)
            end = unit_match.end()
        elif unit_match:
            unit_match = None  # "$5 dollars": the currency sign already gave the unit
    if end < len(norm) and (norm[end].isalnum() or norm[end] == "_") and not unit_match:
        return None  # "7B", "20th", "1990s": a name or an ordinal, not an amount
    if currency and qualifier == "exact" and value2 is None and _starting_price(norm, start):
        qualifier, start = "at least", norm.rindex("from", 0, start)  # "models from $700"
    bound = _BOUND_AFTER.match(norm, end) if qualifier == "exact" and value2 is None else None
    if bound:
        qualifier = "at least" if bound.group("low") else "at most"
        end = bound.end()
    if _CALL_BEFORE.search(before) and unit is None and _counted(norm, end) is None:
        return None  # "called 911"
    if _is_year(core, value2, unit, qualifier, before, norm[end : end + _LOOKBEHIND]):
        return None
    if unit == "pounds":
        unit = "GBP" if scaled else "lb"
    bare = digits and unit is None and value2 is None and not scaled and not currency
    if bare and named == "word" and not _headline_count(norm, end, digits):
        return None  # "Week 3", "Windows 10 users", "iPhone 11 sales": part of a name
    if bare and named == "first" and qualifier == "exact" and _counted(norm, end) is None:
        return None  # "Apollo 11 landed", "Lakers 102, Celtics 99": a name opens the sentence
    if bare and qualifier == "exact" and not named and _name_after(norm, end):
        return None  # "the 787 Dreamliner", "the 605 Freeway", "10 Downing Street"
    exact_count = digits and unit is None and value2 is None and qualifier == "exact"
    if exact_count and _is_age(norm, before, end, value):
        unit = "years"  # "Felt, 92, told", "at the age of 9"
    elif digits and unit is None and re.search(r"\baged\s+(?:between\s+)?$", before, re.I):
        unit = "years"  # "aged 26 or older", "aged between 12 and 17"

    also_as: list[tuple[float, str]] = []
    paren = _PAREN.match(norm, end) if unit else None
    if paren:
        inner = _CORE.match(norm, paren.end())
        inner_unit = _UNIT.match(norm, inner.end()) if inner else None
        if inner and inner_unit:
            close = re.match(r"\s*\)", norm[inner_unit.end() :])
            if close:
                also_as.append((_core_value(inner)[0], _unit_of(inner_unit)))
                end = inner_unit.end() + close.end()

    if value2 is not None:
        qualifier, low, high, figure = "range", min(value, value2), max(value, value2), None
    else:
        figure = value
        if qualifier in ("more than", "at least"):
            low = value
        elif qualifier in ("up to", "at most", "less than") or _is_just_under(hedge):
            high = value
    counted = _counted(norm, end, singular=value == 1) if unit is None else None
    return Quantity(
        start=start,
        end=end,
        text=sentence[start:end],
        value=figure,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counted=counted,
        also_as=tuple(also_as),
    )


def _a_unit_or(sentence: str, match: re.Match[str]) -> Quantity:
    """ "a year or two": a range from one to the figure, in the unit named."""
    high = float(NUMBER_WORDS.get(match["n"].lower()) or match["n"])
    start, end = match.span()
    return Quantity(
        start=start,
        end=end,
        text=sentence[start:end],
        value=None,
        low=1.0,
        high=high,
        qualifier="range",
        unit=match["unit"].lower() + "s",
    )


def _read_vague(sentence: str, norm: str, match: re.Match[str]) -> Quantity | None:
    index = next(i for i, _ in enumerate(_VAGUE_TABLE) if match.group(f"v{i}") is not None)
    _, low, needs_noun = _VAGUE_TABLE[index]
    start, end = match.span()
    if re.search(r"\b(?:as|how)\s+$", norm[:start], re.IGNORECASE):
        return None  # "as many as 5,000" is a bound on the figure that follows
    counted = _counted(norm, end)
    if needs_noun and counted is None:
        return None
    unit = _UNIT.fullmatch(counted) if counted else None  # "several months", "millions of dollars"
    return Quantity(
        start=start,
        end=end,
        text=sentence[start:end],
        value=None,
        low=low,
        qualifier="vague",
        unit=_unit_of(unit) if unit else None,
        counted=None if unit else counted,
    )


def _core_value(core: re.Match[str]) -> tuple[float, float]:
    """The figure a number match stands for, and its scale words' factor (1 without any)."""
    if core.group("digits"):
        figure = core.group("digits").replace(",", "").replace(" ", "")  # "1, 400" as split
        value = float(figure) + (0.5 if core.group("dhalf") else 0)
        factor = _scale_factor(core.group("dscale") or "")
        return value * factor, factor
    if core.group("ascale"):
        value, factor = _spelled_value("one " + core.group("ascale"))
        return value * (0.5 if core.group("half") else 1.0), factor
    if core.group("frac"):
        numer, denom = core.group("numer"), core.group("denom") or "half"
        value = (NUMBER_WORDS.get(numer.lower(), 1) if numer else 1) / _FRACTIONS[denom.lower()]
        factor = _SCALES[core.group("fscale").lower()] if core.group("fscale") else 1.0
        return value * factor, factor
    return _spelled_value(core.group("words"))


def _scale_factor(scales: str) -> float:
    factor = 1.0
    for token in re.findall(r"[A-Za-z]+", scales):
        factor *= _SCALES[token.lower()]
    return factor


def _spelled_value(words: str) -> tuple[float, float]:
    """ "two million three hundred thousand" -> (2.3e6, 1e3): the value, and the factor of the
    scale words it ends with (1 when it ends with a number word)."""
    total = current = 0.0
    trailing = 1.0
    for token in re.split(r"[\s,-]+", words.lower()):
        if token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
            trailing = 1.0
        elif token == "half":
            current += 0.5  # "two and a half million"
        elif token in _SCALES:
            scale = _SCALES[token]
            current = (current or 1.0) * scale
            trailing *= scale
            if scale >= 1e3:
                total, current = total + current, 0.0
    return total + current, trailing


def _glued_scale(norm: str, end: int, value: float) -> tuple[float, int] | None:
    """A thousand or a million glued to a figure without a currency sign: "12.3m tonnes", "5M
    users", "50k fans" (factor and the end of the letter); not "100m hurdles" (metres), "5K
    runners" (a race) or "4K screens" (a resolution)."""
    glued = _GLUED_SCALE.match(norm, end)
    if glued is None:
        return None
    letter, word = glued.group("abbr"), glued.group("next").lower()
    if word in _NOT_SCALED_AFTER or (letter == "K" and value in (4, 8)):
        return None
    after = _UNIT.match(norm, glued.end("abbr"))
    if after is not None and _unit_of(after) not in _MEASURED_IN_MILLIONS:
        return None  # "5m high", "3m km" is no amount of a million
    if after is None and not _is_plural(word):
        return None  # "a 100m sprint", "the 2m mark"
    return _ABBR_SCALES[letter.lower()], glued.end("abbr")


def _is_phone_number(
    core: re.Match[str],
    second: re.Match[str],
    join: str,
    currency: re.Match[str] | None,
    norm: str,
    end: int,
) -> bool:
    """ "555-1234": three digits, a hyphen and four digits, with no unit or counted noun."""
    if join != "-" or currency or not (core.group("digits") and second.group("digits")):
        return False
    if not (re.fullmatch(r"\d{3}", core.group(0)) and re.fullmatch(r"\d{4}", second.group(0))):
        return False
    return _UNIT.match(norm, end) is None and _counted(norm, end) is None


def _glued_before(before: str) -> bool:
    """A figure glued to a name on its left: "G7", "Covid-19", "F-16", "v2.3"."""
    if not before:
        return False
    last = before[-1]
    if last.isalpha() or last == "_":
        return True
    return last in "-./:+" and len(before) > 1 and before[-2].isalnum()  # "P5+1"


def _one_is_a_count(before: str, after: str) -> bool:
    """ "one resident" and "a one-seat majority" count; "one of the most", "no one", "one
    another", "one doesn't exist", "one-on-one" do not."""
    if re.search(r"\b(?:no|any|every|each|the|this|that|which|some)\s+$", before, re.I):
        return False
    if re.match(r"\s*(?:-|or\s+|to\s+)(?:two|three|four|2|3|4)\b", after, re.I):
        return True  # "one or two", "one-to-two"
    if re.search(r"\b(?:another|the\s+other)\b", after, re.I):
        return False  # "one chapter over, another begun": a set phrase
    compound = re.match(r"-([A-Za-z]+)", after)
    if compound:
        return compound.group(1).lower() not in {"on", "off", "time", "way", "sided"}
    word = _WORD_AFTER.match(after)
    if word is None:
        return False
    token = word.group(1).lower()
    return token not in _STOP | {"another", "other"} and not token.endswith("n't")


def _named_before(norm: str, start: int, before: str) -> str | None:
    """Whether a figure is part of a name: "acronym" after one ("AK 47", "FTSE 100"), "word"
    right after a capitalised word inside the sentence ("Week 3", "Curve 8900"; the caller
    keeps those when a plural noun follows: "Storm Kills 12 People"), "first" after the
    sentence's first word (a name when no counted noun follows: "Apollo 11 landed"), else
    None."""
    name = _NAME_BEFORE.search(before)
    if name is None:
        return None
    word = name.group(1)
    if word.lower() in _STOP or word.lower().rstrip(".") in _MONTHS_AND_DAYS:
        return None
    if word.endswith(("'s", "'")):
        return None  # "Jupiter's 79 moons": a possessive, not a name with a number
    if word.isupper() and 2 <= len(word) <= 4:
        return "acronym"  # "S&P 500", "AK 47", "IL 62704"
    if word[0].islower():
        return "word"  # "iPhone 11", "eBay 2": a name wherever it stands
    return "word" if _inside_sentence(norm, start - len(before) + name.start()) else "first"


def _inside_sentence(norm: str, start: int) -> bool:
    """Whether a word at ``start`` follows other words of its sentence (its capital is its own,
    not the sentence's or a quotation's)."""
    prefix = norm[:start].rstrip()
    return bool(prefix) and prefix[-1] not in ".!?:;\"'“”‘’([{—–-|"


def _signed(sentence: str, start: int) -> bool:
    """A hyphen-minus or minus sign glued to the figure after a space: "-12.99", "−5%"."""
    return (
        start >= 1
        and sentence[start - 1] in "-\u2212"
        and (start == 1 or sentence[start - 2] in " \t([")
    )


def _is_change(prefix: str, before: str) -> bool:
    """ "from X to Y" after a word of change in the sentence ("rose ... from 20 to 30") is two
    figures; after a word of range ("ranging from $500 to $550") or with neither, a range."""
    if _CHANGE_FROM.search(before):
        return True
    if not _FROM.search(before) or _RANGE_FROM.search(before):
        return False
    return _CHANGE_WORD.search(prefix) is not None


def _starting_price(norm: str, start: int) -> bool:
    """ "from $700" with no "to" figure and no change before it is a starting price."""
    before = norm[max(0, start - _LOOKBEHIND) : start]
    if not _FROM.search(before) or re.search(r"\b(?:up|down|away|apart)\s+from\s+$", before):
        return False
    return _CHANGE_WORD.search(norm[:start]) is None


def _fraction_stands(core: re.Match[str], after: str) -> bool:
    """ "a third" or "half" without "of" is a fraction only where no noun follows: "cut by a
    third.", "by half", not "by a third party"."""
    joined = core.group(0)
    if "-" in joined or core.group("fscale") or re.match(r"\s+of\b", after, re.IGNORECASE):
        return True
    word = _WORD_AFTER.match(after)
    return word is None or word.group(1).lower() in _STOP or after[: word.start(1)].strip() != ""


def _headline_count(norm: str, end: int, digits: str) -> bool:
    """After a capitalised word, a figure still counts in a title-case headline ("Storm Kills 12
    People") and when written with separators ("Boeing 1,200 jobs" is no model number)."""
    if "," in digits:
        return _counted(norm, end) is not None
    word = _WORDS_AFTER.match(norm, end)
    return word is not None and word.group(1)[0].isupper() and _is_plural(word.group(1).lower())


def _name_after(norm: str, end: int) -> bool:
    """A bare figure before a capitalised word in the singular names a thing ("the 787
    Dreamliner", "the 605 Freeway", "10 Downing Street"), unless the capitalised words describe
    a plural noun that follows ("5 Israeli soldiers", "3 Al Qaeda suspects")."""
    first = _WORDS_AFTER.match(norm, end)
    if first is None:
        return False
    word = first.group(1).rstrip(".")
    lower = word.lower()
    if not word[0].isupper() or lower in _MONTHS_AND_DAYS or _UNIT.fullmatch(word):
        return False
    if word.isupper():
        return False  # "1 INT, 1 FF": an abbreviation counted in a table of statistics
    if _is_plural(lower) or lower.endswith("ese") or word in _PEOPLE_OF:
        return False  # "12 Magazines", "200 Chinese", "30 Swiss"
    pos = first.end()
    for _ in range(3):
        nxt = _WORDS_AFTER.match(norm, pos)
        if nxt is None:
            return True
        token = nxt.group(1)
        if _is_plural(token.lower().rstrip(".")) or re.fullmatch(r"[A-Z]{2,}s", token):
            return False  # "5 Israeli soldiers", "12 Labour MPs"
        if not token[0].isupper():
            return True
        pos = nxt.end()
    return True


def _is_age(norm: str, before: str, end: int, value: float) -> bool:
    """ "Felt, 92, told", "Smith, 45, of Boston", "at the age of 9", "aged 45"."""
    age = _AGE_BEFORE.search(before)
    if age is None or not (0 < value < 120 and value == int(value)):
        return False
    return bool(age.group("aged")) or bool(re.match(r"\s*(?:,|\)|and\b)", norm[end:]))


def _is_year(
    core: re.Match[str],
    value2: float | None,
    unit: str | None,
    qualifier: Qualifier,
    before: str,
    after: str,
) -> bool:
    """A bare 1900-2099 with no hedge, unit or counted noun is a year ("since 2016")."""
    digits = core.group("digits")
    if not digits or core.group("dscale") or not re.fullmatch(r"(?:19|20)\d\d", digits):
        return False
    if unit is None and value2 is not None and 1900 <= value2 < 2100:
        return True  # "at least 2002 to 2005"
    if unit is not None or qualifier != "exact":
        return False
    if value2 is not None:
        return True  # "2011-2016", "between 2011 and 2016"
    if _BEFORE_YEAR.search(before):
        return True
    word = _WORD_AFTER.match(after)
    return word is None or not _is_plural(word.group(1).strip("'-").lower())


def _is_just_under(hedge: re.Match[str] | None) -> bool:
    """ "nearly 40", "almost 40": about 40, and no more than it."""
    return hedge is not None and hedge.group(0).strip().lower() in ("nearly", "almost")


def _qualifier_of(hedge: re.Match[str]) -> Qualifier:
    if hedge.group("tilde"):
        return "about"
    for i, (name, _) in enumerate(_QUALIFIERS):
        if hedge.group(f"q{i}") is not None:
            return name
    return "exact"  # pragma: no cover - one group always matches


def _unit_of(match: re.Match[str]) -> str:
    for i, (_, name) in enumerate(_UNIT_TABLE):
        code = match.group(f"u{i}")
        if code is not None:
            return _CODE_ALIASES.get(code, code) if name == "=" else name
    raise AssertionError(match.group(0))  # pragma: no cover - one group always matches


def _counted(norm: str, end: int, singular: bool = False) -> str | None:
    """The noun counted: the word joined by a hyphen ("a four-game streak"), else the first
    plural-looking word among the next few, or after a count of one the last word before a
    function word or a verb ("one major break per cable", "one user quipped")."""
    compound = re.match(r"-([A-Za-z]+)(?![\w-])", norm[end : end + _LOOKBEHIND])
    if compound:
        return compound.group(1).lower()
    of = _OF_AFTER.match(norm, end)
    pos = of.end() if of else end
    seen: list[str] = []
    for _ in range(4):
        word = _WORD_AFTER.match(norm, pos)
        if word is None:
            break
        token = word.group(1).strip("'-").lower()
        if token in _STOP or token.endswith("n't") or (singular and seen and token[-2:] == "ed"):
            break
        if not singular and _is_plural(token):
            return token
        seen.append(token)
        pos = word.end()
    return seen[-1] if singular and seen else None


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS or word.endswith(("children", "people")):
        return True
    if word.endswith("men") and word not in _NOT_PLURAL_MEN:
        return True  # "firemen", "servicemen"
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous", "'s"))
        and word not in _STOP
    )


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)
