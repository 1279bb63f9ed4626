"""Time expressions in a sentence: dates, weekdays, clock times, durations and relative times.

``extract_times`` is pure Python and regular expressions, fast enough to run on every sentence
of a store. Each :class:`~corroborate.records.TimeExpr` keeps the words as written
(``text``, offsets into the article), its ``kind`` and what it can be normalised to without any
context (``weekday``, ``clock``, ``zone``, ``part``, ``duration``, a date whose year is written);
when the article's publication date is known it also gets the resolved ``date`` (or ``date`` ..
``end_date`` interval).

Kinds and spans (a leading preposition, "on", "in", "since", "at", "for", is never part of the
span; modifiers that change the meaning, "last", "next", "late on", "nearly", are):

- ``weekday``: "Saturday", "Friday evening" (``part="evening"``), "last Monday", "late on Friday"
  (``part="late"``), "Saturday's". Names that are not days ("Good Friday", "Sunday Times") and
  plurals ("on Fridays") are skipped.
- ``date``: "30 November 2024", "Nov. 30, 2024", "November 30", "Saturday, November 30" (with
  ``weekday``), ISO "2024-11-30", slashed or dotted dates only when the day is > 12 (else the
  order is a guess), a month after a preposition or modifier ("in November", "last March":
  the month as an interval), "November 2024", and a year after a preposition or article ("since
  2016", "a 2020 agreement", "between 2011 and 2016": ``date="2011"``, ``end_date="2016"``).
  "May" is a month with a day or a year next to it, or after "in", "since", "until", "during",
  "through", "last", "next" (not "by May", "to May": it is also a name and a verb). A month or
  date may name its year by a word: "April last year", "May 5 this year", "March next year";
  "in May of that year" is the narrative's year and stays unresolved.
- ``date`` with ``granularity="decade"``: "the 1990s", "the mid-1980s" (``date="1990"``,
  ``end_date="1999"``); ``"season"``: "last summer", "this winter", "in the spring", "the autumn
  of 2003" (three months from March, June, September or December).
- ``time``: "17:00", "5:00 PM", "5 pm", "6.30 a.m.", "0600 GMT" (four digits need a zone),
  "noon", "midnight", with a zone as written ("local time" -> ``"local"``, "GMT", "UTC+3",
  "Damascus time" -> ``"Damascus"``) and an equivalent in parentheses as ``also_as``:
  "17:00 local time (14:00 GMT)" is one expression, clock 17:00, zone local, also_as
  "14:00 GMT". ``clock`` is 24-hour "HH:MM". A time written next to a day ("at 17:00 on
  Saturday", "Saturday at 5 pm", "17:00 yesterday") stays its own expression beside the day's,
  and takes that day's ``weekday`` and ``date``.
- ``relative``: "yesterday", "today", "tonight", "this morning", "last night", "overnight",
  "this week", "earlier this week", "last month", "this year", "the weekend", "three days ago",
  "the past 24 hours" (also ``duration="PT24H"``), "recent days", "the coming days", "the next
  day". Those tied to the narrative rather than the publication ("recent days", "the past few
  days", "an overnight curfew") are kept without a date; the days told from the narrative
  ("the next day", "the following day", "the day before", "two days later", "later that day",
  "the same day") get theirs from :func:`anchor_narrative`, which the extractor runs over each
  article: the last day an earlier time of the article names, moved by the offset.
- ``duration``: a number and a time unit, "three days", "48 hours", "nearly 13 years", "a
  decade", "24-hour" (``duration`` is ISO 8601: "P3D", "PT48H", "P13Y", "P10Y"); "several
  days" has no ``duration``. Ages ("45-year-old", "45 years old"), frequencies ("once a week")
  and "a second" (an ordinal) are not durations.

Resolution against the publication date ``P`` (the date as written in ``published``; its time and
offset are ignored). The weekday rule: a weekday in a past or present statement is the most
recent such day on or before ``P`` (the publication day itself when it is that weekday), in a
future statement the next such day on or after ``P``; "last X" is strictly before ``P`` and
"next X" strictly after. In an article of Sunday 1 December 2024 "on Saturday" is 30 November,
"on Sunday" 1 December, "will meet on Monday" 2 December and "last Sunday" 24 November. A date
without a year takes the same rule: the nearest year that puts it on or before ``P`` (past) or
on or after ``P`` (future), a month the nearest one that starts on or before ``P`` (past) or
ends on or after it (future). Without ``P`` a yearless date is ISO 8601's "--11-30" (a month
"--11"), and weekdays, clocks and durations are kept, so articles stay comparable. "this week"
is Monday to Sunday of ``P``'s week, "earlier this week" Monday to ``P``; "the weekend" the
one ``P`` falls in, else the last (past) or next (future) one. Years stand as "2016". When
nothing in the sentence gives a tense, a yearless date or month takes the year nearest ``P``
either side ("Deadline: Feb. 1." in late December is the coming February).

Granularity is kept (``TimeExpr.granularity``, ``approx``; ``time_value`` writes the ISO value):
a date, a weekday, "yesterday" are days; "in September", "earlier this month", "last month" are
months (``date`` .. ``end_date`` the month); "this week", "last week" ISO weeks; "last year",
"earlier this year" years; "N days ago" a day, "N weeks ago" an approximate ISO week, "N
months ago" an approximate month, "N decades ago" an approximate decade, "N years ago" an
approximate year; "early March", "mid-September", "the end of October" the month and "the end
of 2018" its December, approximate ("five years ago" in August
2000 is ``date="1995"``, never 15 August 1995); windows ("the past three days", "overnight",
"the weekend") have no granularity. Only a ``"day"`` that is not approximate is a day
(``TimeExpr.day()``): the report's timeline and agreed dates use that.

Whether a statement is about the future is decided, unless the caller says, per expression:
first from the parse when the caller gives one (``tense``; the extractor passes
``corroborate.claims.tense.tense_reader`` of the sentence's parse: the tense of the governing
verb, see that module), else from the nearest tense cue in the sentence: "will", "would", "is
expected to", "plans to", "scheduled", "next" mark the future (a modal takes its verb group:
"will be held" is one future cue); "said", "was", "has", verbs in -ed, common participles
("taken"), "ago", "last" the past; none means past or present. A cue across a comma or a clause
word ("and", "that", "which") counts only when no cue is nearer. "The army said on Saturday that
talks will resume on Monday" thus resolves Saturday backwards and Monday forwards.

Speed: the sentence is split once into lower-cased words; only words that can start an
expression (digits, day and month names, "last", "in", "the" before a time word...) are tried,
each against the few patterns that can start with it.

Known gaps: ranges written with a hyphen lose a half ("3-4 days" gives "4 days", "17:00-18:00"
only "17:00"; "10am-2pm" and "from 8 pm to 6 am" give both); weekday abbreviations ("Sat.") and
names in capitals ("SATURDAY"); "'90s"; vague spans ("a few days ago") stay unresolved;
"that year" (the narrative's) is not resolved; holidays ("Christmas",
"Eid") are not dates.

The weekday rule is written here rather than taken from dateparser (1.5.0), which resolves bare
weekdays wrongly for news: with ``RELATIVE_BASE`` Sunday 1 December 2024 and
``PREFER_DATES_FROM="past"``, "Sunday" is 24 November (a week before the publication day it
names) and with ``"future"`` 8 December; its default (``"current_period"``) makes "Monday"
25 November whatever the tense.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from corroborate.claims.quantities import NUMBER_WORDS
from corroborate.records import TimeExpr

__all__ = [
    "WEEKDAYS",
    "Direction",
    "anchor_narrative",
    "extract_times",
    "published_date",
    "resolve_month_day",
    "resolve_weekday",
    "time_value",
]

Direction = Literal["past", "future"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

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

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_SMALL = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "a couple of": 2,
}


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_FULL_MONTH = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH = rf"(?:{_FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
_DAY = r"(?<![\w.,:/])(?<![A-Za-z]-)[0-3]?\d(?:st|nd|rd|th)?(?!\d|[:.,]\d)"
_YEAR4 = r"\d{4}(?![\w-])"
# A year named by a word after a month: "April last year", "May 5 of that year".
_YREL = r"(?i:last|this|next|that|the\s+following|the\s+previous|the\s+same)"
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = (
    rf"(?:(?:{_TENS})-(?:{_ONES})|"
    + "|".join(sorted((w for w in _SMALL if " " not in w and len(w) > 2), key=len, reverse=True))
    + ")"
)
_NUM = (
    rf"(?:(?<![\w.,:/])(?<![A-Za-z]-)(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|\b{_WORDNUM}\b"
    r"|\ba\s+couple\s+of|\ban?)"
)
_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|"
    r"yrs?|decades?|century|centuries)(?![A-Za-z])"
)
_HEDGE = (
    r"nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|under|just\s+over|just\s+under"
)
_AMPM = r"(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![A-Za-z])"
_ZONE_NAMES = (
    r"GMT|UTC|BST|CEST|CET|EEST|EET|WEST|WET|MSK|EDT|EST|CDT|CST|MDT|MST|PDT|PST|AEDT|AEST|"
    r"IST|JST|KST|HKT|SGT|ET|PT|Z"
)


def _clock(p: str) -> str:
    """A clock time with an optional zone; group names start with ``p``."""
    lead = r"(?<![\w.:/])(?<!\d-)"
    return (
        rf"(?:{lead}(?P<{p}h>[01]?\d|2[0-4]):(?P<{p}m>[0-5]\d)(?::(?P<{p}s>[0-5]\d))?(?!\d)"
        rf"(?:\s*(?P<{p}ap>{_AMPM}))?"
        rf"|{lead}(?P<{p}h2>1[0-2]|0?[1-9])(?:\.(?P<{p}m2>[0-5]\d))?\s*(?P<{p}ap2>{_AMPM})"
        rf"|{lead}(?P<{p}h4>1[0-2]|0?[1-9])\s*o'clock\b"
        rf"|{lead}(?P<{p}h3>[01]\d|2[0-3])(?P<{p}m3>[0-5]\d)"
        rf"(?=\s*(?:(?:{_ZONE_NAMES})\b|hrs\b))"
        rf"|\b(?P<{p}word>(?i:noon|midday|midnight))\b)"
        rf"(?:\s*(?P<{p}z>(?i:local\s+time|local)\b|(?:{_ZONE_NAMES})\b"
        rf"(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?|hrs\b|(?!(?:{_WD}|{_FULL_MONTH})\b)"
        rf"(?P<{p}city>[A-Z][a-z]+)\s+time\b))?"
    )


_PATTERNS = {
    name: re.compile(pattern, re.VERBOSE)
    for name, pattern in {
        "iso": r"""(?P<iy>\d{4})-(?P<im>[01]\d)-(?P<id>[0-3]\d)
            (?:[T\ ](?P<ih>[0-2]\d):(?P<imin>[0-5]\d)(?::\d\d(?:\.\d+)?)?
            (?P<iz>Z|[+-]\d\d:?\d\d)?)?(?![\w-])""",
        "slash": r"""(?<![\w/.:-])(?P<sa>\d{1,2})(?P<sep>[/.])(?P<sb>\d{1,2})(?P=sep)
            (?P<sy>\d{4})(?![\w/]|\.\d)""",
        "mdy": rf"""(?:(?P<mdy_wd>{_WD}),?\s+)?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})
            (?:,?\s+(?P<mdy_y>{_YEAR4})|\s+(?:of\s+)?(?P<mdy_rel>{_YREL})\s+(?i:year)\b)?""",
        "dmy": rf"""(?:(?P<dmy_wd>{_WD}),?\s+(?:the\s+)?)?(?P<dmy_d>{_DAY})\s+(?:of\s+)?
            (?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR4})|\s+(?:of\s+)?(?P<dmy_rel>{_YREL})
            \s+(?i:year)\b)?""",
        "my": rf"(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>(?:1[89]|20)\d\d)(?![\w-])",
        "bm": rf"""(?:(?P<bm_prep>(?i:in|since|until|till|by|from|during|through|throughout|
            before|after|of|between|for|to))\s+)?(?:(?P<bm_mod>(?i:last|next|this|early|late|mid))
            [\s-]+)?(?P<bm_m>{_FULL_MONTH}|(?:Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)\.)
            (?![\w'-]|,?\s+\d)(?:,?\s+(?:of\s+)?(?P<bm_rel>{_YREL})\s+(?i:year)\b)?""",
        # A year alone: possessive ("1973's album") or opening a sentence before a name ("2019
        # Audi e-tron Review").
        "yrb": r"""(?P<yb>19\d\d|20[0-3]\d)(?:(?='s\b)|(?<=^\d{4})(?=\s+[A-Z][a-z]))""",
        "dec": r"""(?:(?P<dc_mod>(?i:early|mid|late))[\s-]+)?(?P<dc>(?:1[89]|20)\d0)s(?![\w-])""",
        "sea": rf"""(?:(?P<se_mod>(?i:this|last|next|early|late|mid|the))[\s-]+)?(?P<se>{_SEASON})
            (?![\w'-])(?:\s+(?:of\s+)?(?P<se_y>(?:1[89]|20)\d\d)(?![\w-]))?""",
        "yr": r"""(?i:in|since|until|till|by|from|during|through|before|after|of|between|for|the|a|
            an|early|late|mid|around|circa|as|their|his|her|its|our|my)(?:\s+|-)(?P<y1>(?:1[89]|20)\d\d)(?![\w%-]|[.,]\d)
            (?:\s*(?:-|to\b|and\b|until\b|through\b)\s*(?P<y2>(?:1[89]|20)\d\d)
            (?![\w%-]|[.,]\d))?""",
        "wd": rf"""(?:(?P<wmod>(?i:this\s+past|this\s+coming|last|next|this|coming|past|early|
            late|earlier|later))\s+(?:(?i:on)\s+)?)?(?P<wday>{_WD})(?![\w-])
            (?:\s+(?P<wpart>(?i:morning|afternoon|evening|night|overnight)\b))?""",
        "clk": rf"{_clock('c')}(?:\s*\(\s*(?P<alt>{_clock('a')})\s*\))?",
        "rcal": r"""(?P<rc_mod>(?i:earlier\s+this|later\s+this|this\s+past|this\s+coming|
            this|last|next))\s+(?P<rc_u>(?i:weekend|week|month|year))\b""",
        "rwin": rf"""(?:(?P<rw_the>(?i:the))\s+)?(?P<rw_mod>(?i:past|last|previous|next|coming|
            following))\s+(?:(?P<rw_n>{_NUM}|(?i:few|several))\s*)?(?P<rw_u>{_UNIT})""",
        "rwe": r"(?i:the)\s+(?i:weekend)\b",
        "rday": r"""(?:(?P<rd_mod>(?i:earlier|later))\s+)?
            (?P<rd>(?i:yesterday|today|tomorrow|tonight))\b
            (?:\s+(?P<rd_part>(?i:morning|afternoon|evening|night))\b)?""",
        "rpart": r"(?P<rp_mod>(?i:this|last))\s+(?P<rp>(?i:morning|afternoon|evening|night))\b",
        "rover": r"(?i:overnight)\b",
        "rrec": r"(?i:recent|coming)\s+(?i:hours|days|weeks|months|years)\b",
        "dur": rf"""(?:(?P<du_h>(?i:{_HEDGE}))\s+)?(?P<du_n>(?i:{_NUM}|a\s+few|several|
            half\s+an?))(?:\s+|-|(?<=\d))(?P<du_u>(?i:{_UNIT}))(?P<du_old>-olds?\b|\s+old\b)?
            (?:\s+(?P<du_ago>(?i:ago|later|earlier))\b)?""",
        "rnar": r"""(?:(?P<rn_pre>(?i:later|earlier))\s+)?(?i:the|that)\s+
            (?:(?P<rn_same>(?i:same))\s+)?(?i:day)\b(?:\s+(?P<rn_dir>(?i:before|after))(?=\s*(?:[,.;:!?)]|$)))?""",
    }.items()
}

# Which patterns may start at a word, tried in order (the first that matches wins). Weekday and
# month names count only capitalised; the words in _WEAK only when a time-ish word follows.
_DIGIT_KINDS = ("iso", "slash", "dmy", "clk", "dec", "yrb", "dur")
_DISPATCH: dict[str, tuple[str, ...]] = {
    **{w.lower(): ("mdy", "dmy", "wd") for w in WEEKDAYS},
    **{m: ("mdy", "my", "bm") for m in _MONTHS},
    **dict.fromkeys(("yesterday", "today", "tomorrow", "tonight"), ("rday",)),
    **dict.fromkeys(("earlier", "later"), ("wd", "rcal", "rday", "rnar")),
    "overnight": ("rover",),
    **dict.fromkeys(("noon", "midday", "midnight"), ("clk",)),
    "recent": ("rrec",),
    **dict.fromkeys(("early", "late", "mid"), ("bm", "dec", "sea", "yr", "wd")),
    **dict.fromkeys(("spring", "summer", "autumn", "fall", "winter"), ("sea",)),
    **dict.fromkeys((*(w for w in _SMALL if " " not in w), "several", "half"), ("dur",)),
    **dict.fromkeys(
        _wordset(
            "in since until till by from during through throughout before after of between for"
        ),
        ("bm", "yr"),
    ),
    "to": ("bm",),
    **dict.fromkeys(_wordset("as their his her its our my"), ("yr",)),
    "the": ("sea", "yr", "rwin", "rwe", "rnar"),
    "that": ("rnar",),
    **dict.fromkeys(("a", "an", "around", "circa"), ("yr", "dur")),
    **dict.fromkeys(("last", "next", "this"), ("bm", "wd", "sea", "rcal", "rwin", "rpart")),
    **dict.fromkeys(("past", "coming"), ("wd", "rwin", "rrec")),
    **dict.fromkeys(("previous", "following"), ("rwin",)),
    **dict.fromkeys(
        _wordset("nearly almost about roughly approximately some more less fewer at up under just"),
        ("dur",),
    ),
}
_CAPITALISED = frozenset(w.lower() for w in WEEKDAYS) | frozenset(_MONTHS)
_WEAK = _wordset(
    """in since until till by from during through throughout before after of between for to the a an
    that as their his her its our my around circa last next this past coming previous following
    nearly almost about roughly approximately some more less fewer at up under just"""
)
_UNIT_WORDS = """second seconds sec secs minute minutes min mins hour hours hr hrs day days week
    weeks fortnight fortnights month months year years yr yrs decade decades century centuries"""
_TIMEISH = (
    _CAPITALISED
    | frozenset(_SMALL)
    | _wordset(_UNIT_WORDS)
    | _wordset(
        """morning afternoon evening night weekend past last next coming previous following
        early late mid few couple several half least most than to over under spring summer
        autumn fall winter same"""
    )
)
_DIGITS = frozenset("0123456789")
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", " "))

_UNIT_ISO = {
    "second": ("S", True, 1),
    "sec": ("S", True, 1),
    "minute": ("M", True, 1),
    "min": ("M", True, 1),
    "hour": ("H", True, 1),
    "hr": ("H", True, 1),
    "day": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "year": ("Y", False, 1),
    "yr": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
}
_NOT_A_DAY_BEFORE = re.compile(
    r"\b(?:Good|Black|Bloody|Super|Ash|Holy|Palm|Easter|Cyber|Maundy|Shrove|Giving|Fat|Blue|"
    r"Manic|Casual|Freaky)\s+$"
)
_NOT_A_DAY_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Tribune|Star|Sport|"
    r"Review|Magazine|Night\s+Live|Edition)\b"
)
# The granularity of "N units ago": hours and minutes ago are still a day.
_AGO_GRAIN = {
    "second": "day",
    "sec": "day",
    "minute": "day",
    "min": "day",
    "hour": "day",
    "hr": "day",
    "day": "day",
    "week": "week",
    "fortnight": "week",
    "month": "month",
    "year": "year",
    "yr": "year",
    "decade": "decade",
}
_EXACT_AGO = _wordset("second sec minute min hour hr day")
_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|times|per|every|each)\s+$", re.IGNORECASE)
# What may stand between a clock time and the day it is on: "17:00 on Saturday", "Saturday at 5".
_TIME_THEN_DAY = re.compile(r"\s*,?\s*(?:on\s+(?:the\s+)?)?", re.IGNORECASE)
_DAY_THEN_TIME = re.compile(r"\s*,?\s*(?:(?:at|from|around|by|until|before|after)\s+)?", re.I)

_FUTURE_WORDS = _wordset("will shall would upcoming expected scheduled slated planned")
_FUTURE_TO = _wordset(
    """going plan plans planning intend intends aim aims vowed pledged promised threatened
    vows pledges promises threatens"""
)
_BE = _wordset("is are was were be been")
_BE_TO = _wordset("expected set scheduled due slated poised planned likely about")
_AUX = _wordset("not be been have also still then soon likely")
_PAST_WORDS = _wordset(
    """was were had has have did said told took began begun came went fled held met saw
    made fought struck left lost won gave brought led fell rose broke drove shot sent spoke
    kept ran ago earlier last yesterday"""
)
_PARTICIPLES = _wordset(
    """taken retaken overtaken given seen been fallen beaten broken chosen spoken stolen
    written driven hidden shaken forgotten overrun done gone known shown thrown grown drawn
    withdrawn"""
)
# Between an expression and a cue of another clause: "retaken on Thursday and would push on".
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|while|whereas|that|which|who|when|as)\b")
_NOT_PAST = _wordset("hundred indeed proceed exceed succeed need speed seed breed embed")
_CUE_WORDS = (
    _wordset("will shall would ll won next due")
    | _FUTURE_WORDS
    | _FUTURE_TO
    | _BE
    | _PAST_WORDS
    | _PARTICIPLES
)


def published_date(published: str | date | None) -> date | None:
    """The calendar date of an ISO 8601 date or datetime ("2024-12-01T09:30:00+00:00"), as
    written (the offset is not applied); ``None`` when there is none or it cannot be read."""
    if published is None or isinstance(published, date):
        return published
    head = published.strip()[:10]
    try:
        return date.fromisoformat(head)
    except ValueError:
        return None


def resolve_weekday(
    weekday: str, published: date, direction: Direction, strict: bool = False
) -> date:
    """The date a weekday name stands for in an article published on ``published``.

    ``"past"``: the most recent such day on or before ``published`` (the publication day itself
    when it is that weekday); ``"future"``: the next such day on or after it. ``strict`` excludes
    the publication day ("last Sunday", "next Sunday").
    """
    target = _weekday_index(weekday)
    if direction == "past":
        back = (published.weekday() - target) % 7
        if strict and back == 0:
            back = 7
        return published - timedelta(days=back)
    ahead = (target - published.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return published + timedelta(days=ahead)


def resolve_month_day(
    month: int, day: int, published: date, direction: Direction | None
) -> date | None:
    """The date a day and month without a year stand for: the occurrence nearest
    ``published`` on or before it (``"past"``), on or after it (``"future"``), or either side
    (``None``: the tense is not known). ``None`` when no year has that day (30 February)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if direction is None:
        return min(candidates, key=lambda d: (abs((d - published).days), d), default=None)
    if direction == "past":
        before = [d for d in candidates if d <= published]
        return before[-1] if before else None
    after = [d for d in candidates if d >= published]
    return after[0] if after else None


Tenser = Callable[[int, int], "str | None"]


def extract_times(
    sentence: str,
    offset: int = 0,
    published: str | date | None = None,
    future: bool | None = None,
    tense: Tenser | None = None,
) -> list[TimeExpr]:
    """Every time expression in ``sentence``, in order; offsets are into ``sentence`` plus
    ``offset``. ``published`` resolves them to dates; ``future`` forces the tense (``None``:
    read it from the sentence). ``tense`` gives the tense of a span of ``sentence`` from its
    parse (``corroborate.claims.tense.tense_reader``), ``"past"``, ``"future"`` or ``None``
    when the parse does not say; the words of the sentence decide then. A date that falls
    outside the calendar ("3,000 years ago", a placeholder publication date like 0001-01-01) is
    left unresolved."""
    try:
        return _extract_times(sentence, offset, published, future, tense)
    except (OverflowError, ValueError):
        if published is None:
            raise
        return _extract_times(sentence, offset, None, future, tense)


def time_value(t: TimeExpr) -> str | None:
    """``t``'s resolved value in ISO 8601 at its granularity: ``"1999-10-31"``, ``"2008-W50"``,
    ``"2000-09"``, ``"2000-SU"``, ``"1995"``, ``"199X"``; ``None`` when it is not resolved."""
    grain, first = t.granularity, t.date
    if grain is None or not first or first.startswith("--"):
        return None
    if grain == "day":
        return first[:10]
    if grain == "month":
        return first[:7]
    if grain == "year":
        return first[:4]
    if grain == "decade":
        return first[:3] + "X"
    day = date.fromisoformat(first[:10])
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{_SEASON_CODES[day.month]}"


def _extract_times(
    sentence: str,
    offset: int,
    published: str | date | None,
    future: bool | None,
    tense: Tenser | None,
) -> list[TimeExpr]:
    norm = sentence.translate(_SAME_LENGTH)
    words = _Words(norm)
    tokens, padded = words.tokens, words.padded
    ctx = _Context(norm, words, published_date(published), future, tense)
    found: list[TimeExpr] = []
    taken = 0  # the end of the last match: matches do not overlap
    pos = 0
    last = len(tokens) - 1
    anchors = [i for i, token in enumerate(tokens) if token in _DISPATCH or token[0] in _DIGITS]
    for i in anchors:
        token = tokens[i]
        digit = token[0] in _DIGITS
        kinds = _DIGIT_KINDS if digit else _DISPATCH[token]
        # Every earlier occurrence of ``token`` as a word was an earlier anchor, so the first one
        # from ``pos`` on is this one; ``padded`` is one longer at the front, hence no + 1.
        start = padded.find(f" {token} ", pos)
        pos = start + len(token) + 1
        if start < taken:
            continue
        if not digit:
            if token in _CAPITALISED and not norm[start].isupper():
                continue
            if token in _WEAK and (i == last or not _timeish(tokens[i + 1])):
                continue
        for kind in kinds:
            match = _PATTERNS[kind].match(norm, start)
            if match is not None:
                taken = match.end()
                expr = _read(ctx, match, kind)
                if expr is not None:
                    found.append(expr)
                break
    _attach_days(norm, found)
    for i, expr in enumerate(found):
        expr.text = sentence[expr.start : expr.end]
        if offset:
            found[i] = replace(expr, start=expr.start + offset, end=expr.end + offset)
    return found


class _Words:
    """The sentence lower-cased with punctuation made space, as tokens ("saturday's" is
    "saturday", "s"; "17:00" is "17", "00"). ``padded`` has a space at each end, so a token's
    offset in the sentence is where " token " is found in it."""

    __slots__ = ("padded", "tokens")

    def __init__(self, norm: str) -> None:
        low = norm.lower()
        if len(low) != len(norm):  # "İ" lower-cases to two characters
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
        self.padded = f" {low.translate(_PUNCT_TO_SPACE)} "
        self.tokens = self.padded.split()


def _timeish(token: str) -> bool:
    return token[0].isdigit() or token in _TIMEISH


class _Context:
    """What every reader needs: the text, its words, the publication date and the tense."""

    __slots__ = ("_cues", "future", "norm", "published", "tense", "words")

    def __init__(
        self,
        norm: str,
        words: _Words,
        published: date | None,
        future: bool | None,
        tense: Tenser | None = None,
    ) -> None:
        self.norm = norm
        self.words = words
        self.published = published
        self.future = future
        self.tense = tense
        self._cues: list[tuple[int, int, bool]] | None = None

    def direction(self, start: int, end: int) -> Direction:
        """Past or future for the words at ``start:end`` (past when nothing says)."""
        return self.lean(start, end) or "past"

    def lean(self, start: int, end: int) -> Direction | None:
        """Past or future for the words at ``start:end``: the caller's, else the parse's, else
        the nearest cue's; ``None`` when there is no cue at all."""
        if self.future is not None:
            return "future" if self.future else "past"
        if self.tense is not None:
            found = self.tense(start, end)
            if found == "past":
                return "past"
            if found == "future":
                return "future"
        if self._cues is None:
            self._cues = _tense_cues(self.words.tokens, self.words.padded)
        best: tuple[int, int] | None = None  # (distance, 1 for a cue after the span)
        is_future: bool | None = None
        for cue_start, cue_end, cue_future in self._cues:
            if cue_start < end and start < cue_end:
                continue  # the expression's own words ("last Monday")
            if cue_end <= start:
                key = (start - cue_end, 0)
                gap = (cue_end, start)
            else:
                key = (cue_start - end, 1)
                gap = (end, cue_start)
            if _CLAUSE_BREAK.search(self.norm, *gap):
                key = (key[0] + 1000, key[1])  # a cue of another clause counts only if alone
            if best is None or key < best:
                best, is_future = key, cue_future
        if is_future is None:
            return None
        return "future" if is_future else "past"


def _tense_cues(tokens: list[str], padded: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_future) of the words that mark a tense. A modal takes its verb group
    with it ("will be held" is one future cue, not a future and a past one)."""
    cues: list[tuple[int, int, bool]] = []
    n = len(tokens)
    candidates = [i for i, t in enumerate(tokens) if t in _CUE_WORDS or t[-2:] == "ed"]
    pos = 0  # as in extract_times: every occurrence of a candidate word is a candidate
    skip_to = -1
    for i in candidates:
        key = tokens[i]
        start = padded.find(f" {key} ", pos)
        end = pos = start + len(key)
        if i <= skip_to:
            continue
        after = tokens[i + 1] if i + 1 < n else ""
        last = i
        if key in ("will", "shall", "would", "ll") or (key == "won" and after == "t"):
            last = i + 1 if key != "won" else i + 2
            while last < n - 1 and tokens[last] in _AUX:
                last += 1
            future: bool | None = True
        elif key in _BE and after in _BE_TO and i + 2 < n and tokens[i + 2] == "to":
            last, future = i + 2, True
        elif key in _FUTURE_TO and after == "to":
            last, future = i + 1, True
        elif key in _FUTURE_WORDS or (key in ("next", "due") and after != "to"):
            future = True
        elif key in _PAST_WORDS or key in _PARTICIPLES or _is_ed(key):
            future = False
        else:
            future = None
        if last > i:
            last = min(last, n - 1)
            for k in range(i + 1, last + 1):  # the words the cue takes with it
                end = padded.find(f" {tokens[k]} ", end) + len(tokens[k]) + 1
            end -= 1
            skip_to = last
        if future is not None:
            cues.append((start, end, future))
    return cues


def _is_ed(word: str) -> bool:
    """A past form in -ed ("started"), not "hundred" or "speed"."""
    return len(word) >= 5 and word[-2:] == "ed" and word.isalpha() and word not in _NOT_PAST


def _read(ctx: _Context, m: re.Match[str], kind: str) -> TimeExpr | None:
    if kind == "iso":
        return _read_iso(m)
    if kind == "slash":
        return _read_slash(m)
    if kind in ("mdy", "dmy", "my"):
        return _read_date(ctx, m, kind)
    if kind == "bm":
        return _read_month(ctx, m)
    if kind == "yr":
        y2 = m.group("y2")
        expr = TimeExpr(
            m.start("y1"), m.end(), "", "date", date=m.group("y1"), end_date=y2, granularity="year"
        )
        edge = _PART_OF_BEFORE.search(ctx.norm[max(0, m.start("y1") - 24) : m.start("y1")])
        if y2 is None and edge is not None:
            # "the end of 2018" is about its last month, "the start of 2018" its first.
            at_end = edge.group(0).lower().startswith(("end", "close", "turn"))
            month = 12 if at_end else 1
            year = int(expr.date or 0)
            if not (edge.group(0).lower().startswith("middle") or year == 0):
                expr = _month_interval(expr.start, expr.end, year, month)
            expr.approx = True
        return expr
    if kind == "yrb":
        return TimeExpr(m.start(), m.end(), "", "date", date=m.group("yb"), granularity="year")
    if kind == "dec":
        first = m.group("dc")
        start = m.start("dc_mod") if m.group("dc_mod") else m.start("dc")
        last = str(int(first) + 9)
        return TimeExpr(start, m.end(), "", "date", date=first, end_date=last, granularity="decade")
    if kind == "sea":
        return _read_season(ctx, m)
    if kind == "wd":
        return _read_weekday(ctx, m)
    if kind == "clk":
        return _read_clock(m)
    if kind == "dur":
        return _read_duration(ctx, m)
    return _read_relative(ctx, m, kind)


def _read_iso(m: re.Match[str]) -> TimeExpr | None:
    day = _date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    if day is None:
        return None
    expr = TimeExpr(m.start(), m.end(), "", "date", date=day.isoformat(), granularity="day")
    if m.group("ih") is not None and int(m.group("ih")) < 25:
        expr.clock = f"{m.group('ih')}:{m.group('imin')}"
        zone = m.group("iz")
        expr.zone = None if zone is None else "UTC" if zone in ("Z", "+00:00", "+0000") else zone
    return expr


def _read_slash(m: re.Match[str]) -> TimeExpr | None:
    a, b, year = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
    if a > 12 >= b:
        day = _date(year, b, a)
    elif b > 12 >= a or a == b:
        day = _date(year, a, b)
    else:
        return None  # 5/6/2024: 5 June or May 6, the text does not say
    if day is None:
        return None
    return TimeExpr(m.start(), m.end(), "", "date", date=day.isoformat(), granularity="day")


def _read_date(ctx: _Context, m: re.Match[str], kind: str) -> TimeExpr | None:
    month = _MONTHS[m.group(f"{kind}_m").rstrip(".").lower()]
    if kind == "my":
        return _month_interval(m.start(), m.end(), int(m.group("my_y")), month)
    day_text = m.group(f"{kind}_d")
    day = int(day_text.rstrip("stndrh"))
    year = m.group(f"{kind}_y")
    weekday = m.group(f"{kind}_wd")
    if not 1 <= day <= 31:
        return None
    expr = TimeExpr(m.start(), m.end(), "", "date", weekday=weekday, granularity="day")
    rel = m.group(f"{kind}_rel")
    if year is not None:
        resolved = _date(int(year), month, day)
        if resolved is None:
            return None
        expr.date = resolved.isoformat()
    elif rel is not None:
        named = _named_year(rel, ctx.published)
        if named is not None:
            resolved = _date(named, month, day)
            expr.date = resolved.isoformat() if resolved else None
        elif day <= calendar.monthrange(2024, month)[1]:
            expr.date = f"--{month:02d}-{day:02d}"  # "that year": the narrative's, not known here
    elif ctx.published is not None:
        found = resolve_month_day(month, day, ctx.published, _lean_of(ctx, m))
        expr.date = found.isoformat() if found else None
    elif day <= calendar.monthrange(2024, month)[1]:
        expr.date = f"--{month:02d}-{day:02d}"
    else:
        return None
    return expr


def _read_month(ctx: _Context, m: re.Match[str]) -> TimeExpr | None:
    prep, mod = m.group("bm_prep"), m.group("bm_mod")
    name = m.group("bm_m")
    rel = m.group("bm_rel")
    if prep is None and mod is None and rel is None:
        return None  # "March" alone may be the verb
    if name == "May" and not _may_is_a_month(ctx.norm, prep, mod, rel, m.end("bm_m")):
        return None  # "by May", "to May": May is also a name
    start = m.start("bm_mod") if mod else m.start("bm_m")
    month = _MONTHS[name.rstrip(".").lower()]
    mod = (mod or "").lower()
    published = ctx.published
    if rel is not None:
        named = _named_year(rel, published)
        if named is None:  # "that year": the narrative's; "last year" without a date
            return TimeExpr(start, m.end(), "", "date", date=f"--{month:02d}", granularity="month")
        return _month_interval(start, m.end(), named, month)
    if published is None:
        return TimeExpr(start, m.end(), "", "date", date=f"--{month:02d}", granularity="month")
    if mod == "last":
        year = published.year if month < published.month else published.year - 1
    elif mod == "next":
        year = published.year if month > published.month else published.year + 1
    elif mod == "this":
        year = published.year
    else:
        year = _month_year(month, published, _lean_of(ctx, m, start))
    return _part_of(ctx, _month_interval(start, m.end(), year, month), mod)


# "early March", "the end of November": a part of the month or year, taken as approximate.
_PART_OF_BEFORE = re.compile(
    r"\b(?:end|beginning|start|middle|turn|close)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)


def _part_of(ctx: _Context, expr: TimeExpr, mod: str) -> TimeExpr:
    before = ctx.norm[max(0, expr.start - 24) : expr.start]
    if mod in ("early", "late", "mid") or _PART_OF_BEFORE.search(before):
        expr.approx = True
    return expr


def _may_is_a_month(
    norm: str, prep: str | None, mod: str | None, rel: str | None, end: int
) -> bool:
    """ "in May", "last May", "May last year" are the month; "by May", "to May", "May's", "in
    May Day" are not."""
    if rel is not None or mod is not None:
        return True
    if prep is None or prep.lower() not in _MAY_PREPS:
        return False
    return re.match(r"\s*(?:'|\s[A-Z])", norm[end:]) is None


_MAY_PREPS = _wordset("in since until till during through throughout")


def _month_year(month: int, published: date, lean: Direction | None) -> int:
    """The year of a month named without one: the latest that starts on or before the
    publication (past), the first that ends on or after it (future), else the nearest."""
    if lean == "past":
        return published.year if month <= published.month else published.year - 1
    if lean == "future":
        return published.year if month >= published.month else published.year + 1
    here = published.year * 12 + published.month
    years = (published.year - 1, published.year, published.year + 1)
    return min(years, key=lambda y: (abs(y * 12 + month - here), y))


def _named_year(rel: str, published: date | None) -> int | None:
    """The year "last year", "this year", "next year" name; ``None`` for "that year", "the
    following year" (the narrative's) or without a publication date."""
    rel = " ".join(rel.lower().split())
    if published is None or rel not in ("last", "this", "next"):
        return None
    return published.year + {"last": -1, "this": 0, "next": 1}[rel]


def _lean_of(ctx: _Context, m: re.Match[str], start: int | None = None) -> Direction | None:
    return ctx.lean(m.start() if start is None else start, m.end())


def _month_interval(start: int, end: int, year: int, month: int) -> TimeExpr:
    last = calendar.monthrange(year, month)[1]
    return TimeExpr(
        start,
        end,
        "",
        "date",
        date=date(year, month, 1).isoformat(),
        end_date=date(year, month, last).isoformat(),
        granularity="month",
    )


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_SEASON_PREPS = _wordset("in during since until till by through throughout of for before after")


def _read_season(ctx: _Context, m: re.Match[str]) -> TimeExpr | None:
    """ "this summer", "last winter", "the autumn of 2003", "in spring": three months."""
    mod = (m.group("se_mod") or "").lower()
    year_text = m.group("se_y")
    if not mod and year_text is None:
        before = re.search(r"(\w+)\s+$", ctx.norm[max(0, m.start() - 12) : m.start()])
        if before is None or before.group(1).lower() not in _SEASON_PREPS:
            return None  # "prices fall", "Arab Spring": a season needs a preposition or a year
    first = _SEASON_START[m.group("se").lower()]
    start = m.start("se") if mod in ("", "the") else m.start()
    expr = TimeExpr(start, m.end(), "", "date", granularity="season")
    p = ctx.published
    if year_text is not None:
        year: int | None = int(year_text)
    elif p is None:
        return expr
    else:
        spans = [(y, _season_span(y, first)) for y in (p.year - 1, p.year, p.year + 1)]
        if mod == "last":
            year = max(y for y, (a, b) in spans if b < p)
        elif mod == "next":
            year = min(y for y, (a, b) in spans if a > p)
        elif mod == "this":
            inside = [y for y, (a, b) in spans if a <= p <= b]
            year = inside[0] if inside else p.year
        else:
            lean = _lean_of(ctx, m, start)
            if lean == "past" or (lean is None and first > p.month + 2):
                year = max(y for y, (a, b) in spans if a <= p)
            else:
                year = min(y for y, (a, b) in spans if b >= p)
    assert year is not None
    a, b = _season_span(year, first)
    expr.date, expr.end_date = a.isoformat(), b.isoformat()
    return expr


def _season_span(year: int, first: int) -> tuple[date, date]:
    """Three months from ``first`` of ``year`` (winter runs into the next year)."""
    end = _shift(date(year, first, 1), 3, "month") - timedelta(days=1)
    return date(year, first, 1), end


def _read_weekday(ctx: _Context, m: re.Match[str]) -> TimeExpr | None:
    norm = ctx.norm
    name = m.group("wday")
    if _NOT_A_DAY_BEFORE.search(norm, max(0, m.start() - 12), m.start()):
        return None
    if _NOT_A_DAY_AFTER.match(norm, m.end("wday")):
        return None
    mod = " ".join((m.group("wmod") or "").lower().split())
    parts = [mod] if mod in ("early", "late") else []
    if m.group("wpart"):
        parts.append(m.group("wpart").lower())
    expr = TimeExpr(
        m.start(),
        m.end(),
        "",
        "weekday",
        weekday=name,
        part=" ".join(parts) or None,
        granularity="day",
    )
    if ctx.published is not None:
        if mod in ("last", "past", "this past"):
            day = resolve_weekday(name, ctx.published, "past", strict=True)
        elif mod in ("next", "coming", "this coming"):
            day = resolve_weekday(name, ctx.published, "future", strict=True)
        else:
            day = resolve_weekday(name, ctx.published, ctx.direction(*m.span()))
        expr.date = day.isoformat()
    return expr


def _read_clock(m: re.Match[str]) -> TimeExpr | None:
    clock, zone = _clock_of(m, "c")
    if clock is None:
        return None
    expr = TimeExpr(m.start(), m.end(), "", "time", clock=clock, zone=zone)
    if m.group("alt") is not None:
        alt_clock, alt_zone = _clock_of(m, "a")
        if alt_clock is not None:
            expr.also_as = f"{alt_clock} {alt_zone}" if alt_zone else alt_clock
    return expr


def _clock_of(m: re.Match[str], p: str) -> tuple[str | None, str | None]:
    g = m.group
    seconds = ""
    if g(f"{p}word") is not None:
        hour, minute = (0, 0) if g(f"{p}word").lower() == "midnight" else (12, 0)
        ampm = None
    elif g(f"{p}h") is not None:
        hour, minute, ampm = int(g(f"{p}h")), int(g(f"{p}m")), g(f"{p}ap")
        seconds = f":{g(f'{p}s')}" if g(f"{p}s") else ""
    elif g(f"{p}h2") is not None:
        hour, minute, ampm = int(g(f"{p}h2")), int(g(f"{p}m2") or 0), g(f"{p}ap2")
    elif g(f"{p}h4") is not None:
        hour, minute, ampm = int(g(f"{p}h4")), 0, None
    else:
        hour, minute, ampm = int(g(f"{p}h3")), int(g(f"{p}m3")), None
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None, None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour == 24 and minute:
        return None, None
    return f"{hour:02d}:{minute:02d}{seconds}", _zone_of(g(f"{p}z"), g(f"{p}city"))


def _zone_of(zone: str | None, city: str | None) -> str | None:
    if zone is None or zone.lower() == "hrs":
        return None
    if city is not None:
        return city
    if zone.lower().startswith("local"):
        return "local"
    return "".join(zone.split())


def _read_duration(ctx: _Context, m: re.Match[str]) -> TimeExpr | None:
    if m.group("du_old"):
        return None  # "45-year-old": an age
    number = " ".join(m.group("du_n").lower().split())
    unit = m.group("du_u").lower()
    singular = unit.rstrip("s") if unit not in ("centuries", "century") else "century"
    if number in ("a", "an", "one") and singular in ("second", "sec"):
        return None  # "a second attack": an ordinal
    if number in ("a", "an") and _FREQUENCY_BEFORE.search(ctx.norm, 0, m.start()):
        return None  # "twice a day"
    value = _number_value(number)
    iso = _iso_duration(value, singular) if value is not None else None
    if m.group("du_ago") is None:
        return TimeExpr(m.start(), m.end(), "", "duration", duration=iso)
    if m.group("du_ago").lower() != "ago":  # "two days later": from the narrative's last day
        grain = "day" if singular == "day" and value is not None and value == int(value) else None
        return TimeExpr(m.start(), m.end(), "", "relative", duration=iso, granularity=grain)
    grain = _AGO_GRAIN.get(singular)
    expr = TimeExpr(m.start(), m.end(), "", "relative", duration=iso, granularity=grain)
    # "five years ago" is a year, and a reader takes it as about that year; "two weeks ago" as
    # about that day; "three days ago" is that day; "about three days ago" is approximate.
    expr.approx = singular not in _EXACT_AGO or m.group("du_h") is not None
    if ctx.published is not None and value is not None and grain is not None:
        if value != int(value):
            return expr  # "one and a half years ago": no calendar unit
        back = _shift(ctx.published, -value, singular)
        if grain == "day":
            expr.date = back.isoformat()
        elif grain == "week":
            monday = back - timedelta(days=back.weekday())
            expr.date, expr.end_date = monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        elif grain == "decade":
            expr.date, expr.end_date = f"{back.year // 10}0", f"{back.year // 10}9"
        elif grain == "month":
            month = _month_interval(0, 0, back.year, back.month)
            expr.date, expr.end_date = month.date, month.end_date
        else:
            expr.date = str(back.year)
    return expr


def _read_relative(ctx: _Context, m: re.Match[str], kind: str | None) -> TimeExpr | None:
    p = ctx.published
    expr = TimeExpr(m.start(), m.end(), "", "relative")
    if kind in ("rday", "rpart"):
        expr.granularity = "day"
    if kind == "rday":
        word = m.group("rd").lower()
        if word == "tonight":
            expr.part = "night"
        elif m.group("rd_part"):
            expr.part = m.group("rd_part").lower()
        if p is not None:
            shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
            expr.date = (p + timedelta(days=shift)).isoformat()
    elif kind == "rpart":
        expr.part = m.group("rp").lower()
        if p is not None:
            last_night = m.group("rp_mod").lower() == "last"
            expr.date = (p - timedelta(days=1) if last_night else p).isoformat()
    elif kind == "rover":
        expr.part = "overnight"
        before = ctx.norm[max(0, m.start() - 5) : m.start()].lower()
        if p is not None and not re.search(r"\b(?:an|a|the)\s+$", before):
            if ctx.direction(*m.span()) == "past":
                expr.date, expr.end_date = (p - timedelta(days=1)).isoformat(), p.isoformat()
            else:
                expr.date, expr.end_date = p.isoformat(), (p + timedelta(days=1)).isoformat()
    elif kind == "rcal":
        mod = " ".join(m.group("rc_mod").lower().split())
        unit = m.group("rc_u").lower()
        if unit != "weekend" and not (mod == "this past" and unit in ("week", "month")):
            expr.granularity = unit
        if p is not None:
            _calendar_unit(ctx, expr, p, mod, unit)
    elif kind == "rwe":
        if p is not None:
            _weekend(expr, p, ctx.direction(*m.span()))
    elif kind == "rwin":
        _window(expr, m, p)
    elif kind == "rnar":
        if not (m.group("rn_pre") or m.group("rn_same") or m.group("rn_dir")):
            return None  # "the day", "that day": too loose to anchor
        expr.granularity = "day"
    return expr


_NARRATIVE = re.compile(
    r"(?P<n>\S+)\s+days?\s+(?P<a>later|earlier)$|(?:the\s+)?(?P<b>next|following|previous)\s+day$"
    r"|the\s+day\s+(?P<c>before|after)$|(?:(?:later|earlier)\s+)?(?:the|that)\s+(?:same\s+)?day$",
    re.IGNORECASE,
)


def anchor_narrative(times: list[TimeExpr]) -> None:
    """Resolve the days told from the narrative rather than the publication ("the next day",
    "the day before", "two days later", "later that day") from the last day an earlier time of
    the article names (``TimeExpr.day()``), as a reader follows a story. ``times`` are all the
    times of one article; those without an earlier day stay unresolved."""
    last: str | None = None
    for t in sorted(times, key=lambda t: t.start):
        if t.kind == "relative" and t.granularity == "day" and t.date is None:
            shift = _narrative_shift(t)
            if shift is not None and last is not None:
                t.date = (date.fromisoformat(last) + timedelta(days=shift)).isoformat()
        day = t.day()
        if day is not None:
            last = day


def _narrative_shift(t: TimeExpr) -> int | None:
    m = _NARRATIVE.search(" ".join(t.text.split()))
    if m is None:
        return None
    if m.group("a"):
        value = _number_value(m.group("n").lower())
        if value is None or value != int(value):
            return None
        return int(value) * (1 if m.group("a").lower() == "later" else -1)
    word = (m.group("b") or m.group("c") or "").lower()
    if word in ("next", "following", "after"):
        return 1
    if word in ("previous", "before"):
        return -1
    return 0


def _calendar_unit(ctx: _Context, expr: TimeExpr, p: date, mod: str, unit: str) -> None:
    """ "this week", "earlier this month", "last year", "next weekend"..."""
    if unit == "weekend":
        if mod in ("last", "this past"):
            sunday = p - timedelta(days=(p.weekday() + 1) % 7 or 7)
            expr.date, expr.end_date = (sunday - timedelta(days=1)).isoformat(), sunday.isoformat()
        elif mod in ("next", "this coming"):
            saturday = p + timedelta(days=(5 - p.weekday()) % 7 or 7)
            expr.date = saturday.isoformat()
            expr.end_date = (saturday + timedelta(days=1)).isoformat()
        else:
            _weekend(expr, p, ctx.direction(expr.start, expr.end))
        return
    if mod == "this past" and unit in ("week", "month"):
        expr.date = _shift(p, -1, unit).isoformat()
        expr.end_date = p.isoformat()
        return
    if unit == "year":
        year = p.year + {"last": -1, "next": 1}.get(mod, 0)
        if mod == "earlier this":
            expr.date, expr.end_date = date(year, 1, 1).isoformat(), p.isoformat()
        elif mod == "later this":
            expr.date, expr.end_date = p.isoformat(), date(year, 12, 31).isoformat()
        else:
            expr.date = str(year)
        return
    if unit == "week":
        step = {"last": -1, "next": 1}.get(mod, 0)
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=step)
        first, last = monday, monday + timedelta(days=6)
    else:
        first = _shift(p.replace(day=1), {"last": -1, "next": 1}.get(mod, 0), "month")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if mod == "earlier this":
        last = p
    elif mod == "later this":
        first = p
    expr.date, expr.end_date = first.isoformat(), last.isoformat()


def _weekend(expr: TimeExpr, p: date, direction: Direction) -> None:
    """The weekend ``p`` falls in, else the last (past) or the next (future) one."""
    if p.weekday() >= 5:
        saturday = p - timedelta(days=p.weekday() - 5)
    elif direction == "past":
        saturday = p - timedelta(days=p.weekday() + 2)
    else:
        saturday = p + timedelta(days=5 - p.weekday())
    expr.date, expr.end_date = saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()


def _window(expr: TimeExpr, m: re.Match[str], p: date | None) -> None:
    """ "the past three days", "the last 24 hours", "the next two weeks", "the next day"."""
    mod = m.group("rw_mod").lower()
    unit = m.group("rw_u").lower()
    singular = unit.rstrip("s") if unit not in ("centuries", "century") else "century"
    raw = m.group("rw_n")
    value = _number_value(" ".join(raw.lower().split())) if raw else None
    if raw is None:
        if unit != singular or mod in ("next", "following", "previous", "coming"):
            if unit == "day" and mod != "coming":
                expr.granularity = "day"  # "the next day": from the narrative's last day
            return  # "the next day", "the coming days": relative to the narrative
        value = 1.0
        if m.group("rw_the") is None and mod == "last":
            return  # "last week" is read as a calendar unit before it gets here
    if value is None:
        return  # "the past few days"
    expr.duration = _iso_duration(value, singular)
    if p is None:
        return
    sign = 1 if mod in ("next", "coming", "following") else -1
    if singular in ("hour", "hr"):
        other = p + timedelta(days=sign * math.ceil(value / 24))
    elif singular in ("minute", "min", "second", "sec"):
        other = p
    else:
        other = _shift(p, sign * value, singular)
    first, last = sorted((p, other))
    expr.date, expr.end_date = first.isoformat(), last.isoformat()


def _attach_days(norm: str, found: list[TimeExpr]) -> None:
    """A clock time next to a day ("at 17:00 on Saturday") takes the day's weekday and date."""
    for i, expr in enumerate(found):
        if expr.kind != "time":
            continue
        day = None
        after = found[i + 1] if i + 1 < len(found) else None
        before = found[i - 1] if i > 0 else None
        if after is not None and _is_day(after):
            gap = _TIME_THEN_DAY.match(norm, expr.end, after.start)
            if gap is not None and gap.end() == after.start:
                day = after
        if day is None and before is not None and _is_day(before):
            gap = _DAY_THEN_TIME.match(norm, before.end, expr.start)
            if gap is not None and gap.end() == expr.start:
                day = before
        if day is not None:
            expr.weekday = day.weekday
            expr.date = day.date


def _is_day(expr: TimeExpr) -> bool:
    if expr.kind == "weekday":
        return True
    if expr.kind == "date":
        return expr.end_date is None and expr.date is not None and len(expr.date) >= 7
    return expr.kind == "relative" and expr.end_date is None and expr.duration is None


def _number_value(number: str) -> float | None:
    if number in _SMALL:
        return float(_SMALL[number])
    if number.startswith("half"):
        return 0.5
    if number in ("a few", "several"):
        return None
    if "-" in number and number[0].isalpha():
        tens, ones = number.split("-", 1)
        return float(_SMALL.get(tens, 0) + _SMALL.get(ones, 0))
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return None


def _iso_duration(value: float, unit: str) -> str:
    designator, is_time, factor = _UNIT_ISO[unit]
    amount = value * factor
    figure = str(int(amount)) if amount == int(amount) else f"{amount:g}"
    return f"PT{figure}{designator}" if is_time else f"P{figure}{designator}"


def _shift(day: date, amount: float, unit: str) -> date:
    """``day`` moved by ``amount`` units (days, weeks, months, years; hours by whole days)."""
    designator, is_time, factor = _UNIT_ISO[unit]
    n = amount * factor
    if is_time:
        hours = n if designator == "H" else 0
        return day + timedelta(days=int(hours / 24))
    if designator == "D":
        return day + timedelta(days=int(n))
    if designator == "W":
        return day + timedelta(weeks=int(n))
    months = int(n) * (12 if designator == "Y" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_index(weekday: str) -> int:
    name = weekday.strip().capitalize()
    for i, full in enumerate(WEEKDAYS):
        if full == name or (len(name) >= 3 and full.startswith(name.rstrip("."))):
            return i
    raise ValueError(f"not a weekday: {weekday!r}")
