"""Time expressions on invented phrasings, the weekday rule, and the five seed reports in place."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from corroborate.claims.times import (
    extract_times,
    published_date,
    resolve_month_day,
    resolve_weekday,
)
from corroborate.records import TimeExpr

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "seeds"
SUNDAY = "2024-12-01"  # Sunday 1 December 2024
SUNDAY_DATE = date(2024, 12, 1)


def times(sentence: str, published: str | None = SUNDAY, **kwargs: object) -> list[TimeExpr]:
    found = extract_times(sentence, published=published, **kwargs)  # type: ignore[arg-type]
    for t in found:
        assert sentence[t.start : t.end] == t.text
    return found


def one(sentence: str, published: str | None = SUNDAY, **kwargs: object) -> TimeExpr:
    found = times(sentence, published, **kwargs)
    assert len(found) == 1, found
    return found[0]


def texts(sentence: str, published: str | None = SUNDAY) -> list[str]:
    return [t.text for t in times(sentence, published)]


# --- the weekday rule ---------------------------------------------------------------------------

WEEKDAY_RULE = {
    # sentence -> resolved date, in an article of Sunday 1 December 2024
    "The rebels entered the city on Saturday.": "2024-11-30",
    "The minister spoke on Sunday.": "2024-12-01",
    "The fighting began on Wednesday.": "2024-11-27",
    "Clashes erupted Monday.": "2024-11-25",
    "The two sides will meet on Monday.": "2024-12-02",
    "Talks are expected to resume on Sunday.": "2024-12-01",
    "The envoy plans to travel on Friday.": "2024-12-06",
    "He left last Sunday.": "2024-11-24",
    "She arrived last Saturday.": "2024-11-30",
    "They meet again next Sunday.": "2024-12-08",
    "The vote is next Monday.": "2024-12-02",
}


@pytest.mark.parametrize(("sentence", "expected"), WEEKDAY_RULE.items())
def test_weekday_rule_around_the_publication_day(sentence: str, expected: str) -> None:
    t = one(sentence)
    assert t.kind == "weekday"
    assert t.date == expected
    assert t.weekday == t.text.split()[-1]


def test_tense_is_read_per_expression() -> None:
    said, resume = times("The army said on Saturday that talks will resume on Monday.")
    assert (said.date, resume.date) == ("2024-11-30", "2024-12-02")
    hold, erupted = times(
        "Officials said they would hold talks on Monday after clashes erupted on Thursday."
    )
    assert (hold.date, erupted.date) == ("2024-12-02", "2024-11-28")
    assert one("The vote will be held on December 5.").date == "2024-12-05"


def test_future_can_be_forced() -> None:
    assert one("Saturday", future=True).date == "2024-12-07"
    assert one("Saturday", future=False).date == "2024-11-30"
    assert one("The talks will be on Wednesday.", future=False).date == "2024-11-27"


def test_resolve_weekday() -> None:
    assert resolve_weekday("Saturday", SUNDAY_DATE, "past") == date(2024, 11, 30)
    assert resolve_weekday("Sunday", SUNDAY_DATE, "past") == SUNDAY_DATE
    assert resolve_weekday("Sunday", SUNDAY_DATE, "future") == SUNDAY_DATE
    assert resolve_weekday("sunday", SUNDAY_DATE, "past", strict=True) == date(2024, 11, 24)
    assert resolve_weekday("Sunday", SUNDAY_DATE, "future", strict=True) == date(2024, 12, 8)
    assert resolve_weekday("Monday", SUNDAY_DATE, "future") == date(2024, 12, 2)
    assert resolve_weekday("Wed", SUNDAY_DATE, "past") == date(2024, 11, 27)
    with pytest.raises(ValueError):
        resolve_weekday("Someday", SUNDAY_DATE, "past")


def test_weekday_forms() -> None:
    t = one("A curfew was imposed on Friday evening.")
    assert (t.text, t.weekday, t.part, t.date) == (
        "Friday evening",
        "Friday",
        "evening",
        "2024-11-29",
    )
    t = one("The strikes came late on Friday.")
    assert (t.text, t.part, t.date) == ("late on Friday", "late", "2024-11-29")
    t = one("Shelling continued Saturday night.")
    assert (t.text, t.part) == ("Saturday night", "night")
    t = one("Saturday's attack killed 12 people.")
    assert (t.text, t.kind, t.date) == ("Saturday", "weekday", "2024-11-30")
    t = one("Last Monday the bridge reopened.")
    assert (t.text, t.date) == ("Last Monday", "2024-11-25")


def test_weekday_ranges_give_two_expressions() -> None:
    found = times("A curfew ran from Friday evening through Sunday.")
    assert [(t.weekday, t.date) for t in found] == [
        ("Friday", "2024-11-29"),
        ("Sunday", "2024-12-01"),
    ]
    assert texts("Roads stay shut until Sunday.") == ["Sunday"]
    assert texts("No aid has arrived since Wednesday.") == ["Wednesday"]


def test_year_boundary() -> None:
    thursday = "2025-01-02"  # Thursday 2 January 2025
    assert one("The talks opened on Monday.", thursday).date == "2024-12-30"
    assert one("Fighting resumed on December 30.", thursday).date == "2024-12-30"
    assert one("The truce broke down on 31 December.", thursday).date == "2024-12-31"
    month = one("Prices rose in December.", thursday)
    assert (month.date, month.end_date) == ("2024-12-01", "2024-12-31")
    assert one("Turnout fell last year.", thursday).date == "2024"
    week = one("Strikes hit the port this week.", thursday)
    assert (week.date, week.end_date) == ("2024-12-30", "2025-01-05")
    assert one("The court will rule on January 5.", "2024-12-30").date == "2025-01-05"
    assert one("A vote is planned for January.", "2024-12-30").date == "2025-01-01"
    assert one("The ferry will sail on Friday.", "2024-12-30").date == "2025-01-03"


def test_resolve_month_day() -> None:
    assert resolve_month_day(11, 30, SUNDAY_DATE, "past") == date(2024, 11, 30)
    assert resolve_month_day(12, 5, SUNDAY_DATE, "past") == date(2023, 12, 5)
    assert resolve_month_day(12, 5, SUNDAY_DATE, "future") == date(2024, 12, 5)
    assert resolve_month_day(11, 30, SUNDAY_DATE, "future") == date(2025, 11, 30)
    assert resolve_month_day(2, 29, date(2025, 3, 1), "past") == date(2024, 2, 29)
    assert resolve_month_day(2, 30, SUNDAY_DATE, "past") is None


def test_published_forms() -> None:
    assert published_date("2024-12-01T09:30:00+00:00") == SUNDAY_DATE
    assert published_date("2024-12-01") == SUNDAY_DATE
    assert published_date(SUNDAY_DATE) == SUNDAY_DATE
    assert published_date("yesterday") is None
    assert published_date(None) is None
    assert one("It began on Saturday.", "2024-12-01T23:59:00-05:00").date == "2024-11-30"
    assert one("It began on Saturday.", "not a date").date is None


# --- without a publication date -----------------------------------------------------------------


def test_without_published_weekdays_and_clocks_stay_comparable() -> None:
    day, clock = times("Shops closed on Saturday at 5 pm.", None)
    assert (day.kind, day.weekday, day.date) == ("weekday", "Saturday", None)
    assert (clock.kind, clock.clock, clock.weekday, clock.date) == (
        "time",
        "17:00",
        "Saturday",
        None,
    )
    assert one("It rained yesterday.", None).date is None
    assert one("It happened on November 30.", None).date == "--11-30"
    assert one("It happened in November.", None).date == "--11"
    assert one("It happened on 30 November 2024.", None).date == "2024-11-30"
    assert one("The war has lasted nearly 13 years.", None).duration == "P13Y"


# --- dates --------------------------------------------------------------------------------------

DATES = {
    "It was signed on 30 November 2024.": ("30 November 2024", "2024-11-30", None),
    "It was signed on Nov. 30, 2024.": ("Nov. 30, 2024", "2024-11-30", None),
    "It was signed on November 30.": ("November 30", "2024-11-30", None),
    "It was signed on Nov 30.": ("Nov 30", "2024-11-30", None),
    "It was signed on the 30th of November.": ("30th of November", "2024-11-30", None),
    "It was signed on Dec 1.": ("Dec 1", "2024-12-01", None),
    "It was signed on 2024-11-30.": ("2024-11-30", "2024-11-30", None),
    "It was signed on 30/11/2024.": ("30/11/2024", "2024-11-30", None),
    "It was signed on 11/30/2024.": ("11/30/2024", "2024-11-30", None),
    "It was signed in November.": ("November", "2024-11-01", "2024-11-30"),
    "It was signed in November 2023.": ("November 2023", "2023-11-01", "2023-11-30"),
    "It was signed in mid-January.": ("mid-January", "2024-01-01", "2024-01-31"),
    "It was signed last March.": ("last March", "2024-03-01", "2024-03-31"),
    "It was signed on May 5.": ("May 5", "2024-05-05", None),
    "It was signed in May 2019.": ("May 2019", "2019-05-01", "2019-05-31"),
    "The city has been held since 2016.": ("2016", "2016", None),
    "They were ousted in 2011.": ("2011", "2011", None),
    "It was frozen by a 2020 agreement.": ("2020", "2020", None),
    "It ran between 2011 and 2016.": ("2011 and 2016", "2011", "2016"),
}


@pytest.mark.parametrize(("sentence", "expected"), DATES.items())
def test_dates(sentence: str, expected: tuple[str, str, str | None]) -> None:
    t = one(sentence)
    assert t.kind == "date"
    assert (t.text, t.date, t.end_date) == expected


def test_weekday_with_date_is_one_date() -> None:
    t = one("Polls open on Saturday, November 30.")
    assert (t.kind, t.text, t.weekday, t.date) == (
        "date",
        "Saturday, November 30",
        "Saturday",
        "2024-11-30",
    )


def test_ambiguous_or_impossible_dates_are_skipped() -> None:
    assert times("It was signed on 5/6/2024.") == []
    assert times("It was signed on 31 February 2024.") == []


# --- clock times --------------------------------------------------------------------------------


def test_clock_with_zone_and_equivalent_is_one_expression() -> None:
    found = times("A curfew starts at 17:00 local time (14:00 GMT) on Saturday.")
    clock, day = found
    assert clock.text == "17:00 local time (14:00 GMT)"
    assert (clock.kind, clock.clock, clock.zone, clock.also_as) == (
        "time",
        "17:00",
        "local",
        "14:00 GMT",
    )
    assert (clock.weekday, clock.date) == ("Saturday", "2024-11-30")
    assert (day.kind, day.text, day.date) == ("weekday", "Saturday", "2024-11-30")


def test_twelve_hour_clock() -> None:
    t = one("The curfew runs from 5:00 PM local time.")
    assert (t.text, t.clock, t.zone) == ("5:00 PM local time", "17:00", "local")
    assert one("It starts at 5 pm.").clock == "17:00"
    assert one("It starts at 5 p.m. sharp.").clock == "17:00"
    assert one("It starts at 6.30am.").clock == "06:30"
    assert one("It starts at 12 a.m.").clock == "00:00"
    assert one("It starts at 12:15 pm.").clock == "12:15"


CLOCKS = {
    "Troops moved at 0600 GMT.": ("0600 GMT", "06:00", "GMT"),
    "Troops moved at noon.": ("noon", "12:00", None),
    "Troops moved at midnight.": ("midnight", "00:00", None),
    "Troops moved at 17:00 Damascus time.": ("17:00 Damascus time", "17:00", "Damascus"),
    "Troops moved at 9:30 UTC+3.": ("9:30 UTC+3", "09:30", "UTC+3"),
    "Troops moved at 21:45.": ("21:45", "21:45", None),
    "Troops moved at 5 o'clock.": ("5 o'clock", "05:00", None),
}


@pytest.mark.parametrize(("sentence", "expected"), CLOCKS.items())
def test_clocks(sentence: str, expected: tuple[str, str, str | None]) -> None:
    t = one(sentence, None)
    assert t.kind == "time"
    assert (t.text, t.clock, t.zone) == expected


def test_clock_takes_the_day_next_to_it() -> None:
    day, clock = times("Markets reopened on Friday at 9 am.")
    assert (clock.weekday, clock.date) == ("Friday", "2024-11-29")
    clock, day = times("A blast was heard at 14:30 yesterday.")
    assert clock.date == day.date == "2024-11-30"
    clock, day = times("It starts at 10:00 on 3 December 2024.")
    assert clock.date == "2024-12-03"
    clock, day = times("At 10:00 the mayor spoke, and on Friday he left.")
    assert clock.weekday is None


# --- relative times -----------------------------------------------------------------------------

RELATIVE = {
    "It rained yesterday.": ("yesterday", "2024-11-30", None, None),
    "It rains today.": ("today", "2024-12-01", None, None),
    "It will rain tomorrow.": ("tomorrow", "2024-12-02", None, None),
    "Shelling resumed tonight.": ("tonight", "2024-12-01", None, "night"),
    "Shelling resumed this morning.": ("this morning", "2024-12-01", None, "morning"),
    "Shelling resumed last night.": ("last night", "2024-11-30", None, "night"),
    "Shelling resumed yesterday evening.": ("yesterday evening", "2024-11-30", None, "evening"),
    "Shelling resumed overnight.": ("overnight", "2024-11-30", "2024-12-01", "overnight"),
    "The offensive began earlier this week.": (
        "earlier this week",
        "2024-11-25",
        "2024-12-01",
        None,
    ),
    "Talks stalled last week.": ("last week", "2024-11-18", "2024-11-24", None),
    "Talks resume next week.": ("next week", "2024-12-02", "2024-12-08", None),
    "Prices rose earlier this month.": ("earlier this month", "2024-12-01", "2024-12-01", None),
    "Prices rose last month.": ("last month", "2024-11-01", "2024-11-30", None),
    "It flooded in the past three days.": ("the past three days", "2024-11-28", "2024-12-01", None),
    "It flooded three days ago.": ("three days ago", "2024-11-28", None, None),
    "It flooded two weeks ago.": ("two weeks ago", "2024-11-11", "2024-11-17", None),  # its week
    "It flooded over the past 24 hours.": ("the past 24 hours", "2024-11-30", "2024-12-01", None),
    "Crowds gathered this weekend.": ("this weekend", "2024-11-30", "2024-12-01", None),
    "Crowds gathered over the weekend.": ("the weekend", "2024-11-30", "2024-12-01", None),
    "Crowds gathered last weekend.": ("last weekend", "2024-11-23", "2024-11-24", None),
    "Crowds will gather next weekend.": ("next weekend", "2024-12-07", "2024-12-08", None),
}


@pytest.mark.parametrize(("sentence", "expected"), RELATIVE.items())
def test_relative(sentence: str, expected: tuple[str, str, str | None, str | None]) -> None:
    t = one(sentence)
    assert t.kind == "relative"
    assert (t.text, t.date, t.end_date, t.part) == expected


def test_relative_windows_carry_their_length() -> None:
    assert one("It flooded over the past 24 hours.").duration == "PT24H"
    assert one("It flooded in the past three days.").duration == "P3D"


def test_weekend_on_a_weekday() -> None:
    wednesday = "2024-11-27"
    past = one("Crowds gathered at the weekend.", wednesday)
    assert (past.date, past.end_date) == ("2024-11-23", "2024-11-24")
    coming = one("Crowds will gather at the weekend.", wednesday)
    assert (coming.date, coming.end_date) == ("2024-11-30", "2024-12-01")


def test_unresolved_relative_times() -> None:
    for sentence, text in [
        ("Hundreds fled in recent days.", "recent days"),
        ("More may flee in the coming days.", "the coming days"),
        ("They returned the next day.", "the next day"),
        ("Rebels announced an overnight curfew.", "overnight"),
    ]:
        t = one(sentence)
        assert (t.kind, t.text, t.date) == ("relative", text, None)


# --- durations ----------------------------------------------------------------------------------

DURATIONS = {
    "The siege lasted for three days.": ("three days", "P3D"),
    "The siege lasted 48 hours.": ("48 hours", "PT48H"),
    "The war has lasted nearly 13 years.": ("nearly 13 years", "P13Y"),
    "The war has lasted more than a decade.": ("more than a decade", "P10Y"),
    "The war has lasted two decades.": ("two decades", "P20Y"),
    "The siege lasted a week.": ("a week", "P1W"),
    "The siege lasted two weeks.": ("two weeks", "P2W"),
    "The siege lasted twenty-one days.": ("twenty-one days", "P21D"),
    "The siege lasted 90 minutes.": ("90 minutes", "PT90M"),
    "The siege lasted half an hour.": ("half an hour", "PT0.5H"),
    "They agreed a 24-hour truce.": ("24-hour", "PT24H"),
    "The siege lasted several days.": ("several days", None),
}


@pytest.mark.parametrize(("sentence", "expected"), DURATIONS.items())
def test_durations(sentence: str, expected: tuple[str, str | None]) -> None:
    t = one(sentence)
    assert t.kind == "duration"
    assert (t.text, t.duration) == expected


# --- what is not a time -------------------------------------------------------------------------

NOT_TIMES = [
    "Theresa May said the plan may fail.",
    "Protesters march on the capital; March organisers agreed.",
    "A second attack hit the second-largest city.",
    "A 45-year-old man and a 30-year-old woman were hurt.",
    "The victim was 45 years old.",
    "Call +44 20 7946 0958 or 0800 555 0199 for help.",
    "Covid-19 cases rose; F-16 jets and G7 leaders met.",
    "The party won 2,016 votes and 300 seats.",
    "Aid arrives twice a day.",
    "Good Friday services were held.",
    "He writes for the Sunday Times.",
    "The market opens on Fridays.",
    "Resolution 2254 was cited.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_not_times(sentence: str) -> None:
    assert times(sentence) == []


def test_a_year_is_a_date_not_a_quantity() -> None:
    t = one("The city fell in 2016.")
    assert (t.kind, t.text, t.date) == ("date", "2016", "2016")


# --- offsets and pasted text --------------------------------------------------------------------


def test_offsets_are_into_the_article() -> None:
    sentence = "Clashes began on Wednesday."
    (t,) = extract_times(sentence, offset=100, published=SUNDAY)
    assert (t.start, t.end) == (117, 126)
    article = "x" * 100 + sentence
    assert article[t.start : t.end] == "Wednesday"


def test_curly_quotes_dashes_and_nbsp() -> None:
    found = times(
        "The army\u2019s curfew\u2014from 17:00\u00a0local time (14:00 GMT)\u2014on "
        "Saturday\u2019s eve."
    )
    clock, day = found
    assert clock.text == "17:00\u00a0local time (14:00 GMT)"
    assert (clock.zone, clock.also_as, day.date) == ("local", "14:00 GMT", "2024-11-30")
    t = one("The war\u2019s toll over the past\u00a024\u00a0hours rose.")
    assert t.text == "the past\u00a024\u00a0hours"


def test_fast_enough() -> None:
    sentence = (
        "Rebel forces announced an overnight curfew, starting at 17:00 local time (14:00 GMT) "
        "on Saturday, after the fighting that began on Wednesday killed more than 300 people."
    )
    extract_times(sentence, published=SUNDAY)
    n = 300
    begin = time.perf_counter()
    for _ in range(n):
        extract_times(sentence, published=SUNDAY)
    per_call = (time.perf_counter() - begin) / n
    assert per_call < 2e-3  # generous: about 50 µs on an idle machine


# --- the five seed reports, read in place -------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not present")
def test_seed_reports() -> None:
    found: list[TimeExpr] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        offset = 0
        for line in text.split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                start = text.index(sentence, offset) if sentence else offset
                for t in extract_times(sentence, offset=start, published=SUNDAY):
                    assert text[t.start : t.end] == t.text
                    found.append(t)
                offset = start + len(sentence)
    weekdays = {t.weekday for t in found if t.kind == "weekday"}
    assert {"Wednesday", "Friday", "Saturday", "Sunday"} <= weekdays
    clocks = [t for t in found if t.kind == "time"]
    assert any(
        t.clock == "17:00" and t.zone == "local" and t.also_as == "14:00 GMT" for t in clocks
    )
    assert any(t.text.startswith("5:00 PM") and t.clock == "17:00" for t in clocks)
    assert all(t.clock == "17:00" for t in clocks)


def test_cues_of_another_clause_count_less() -> None:
    retaken, push = times(
        "The army said it had retaken the town on Thursday and would push on Sunday."
    )
    assert (retaken.date, push.date) == ("2024-11-28", "2024-12-01")
    assert one("On Monday, envoys will meet.").date == "2024-12-02"


def test_month_with_year_after_a_preposition() -> None:
    t = one("The war has raged since March 2011.")
    assert (t.text, t.date, t.end_date) == ("March 2011", "2011-03-01", "2011-03-31")
    assert one("A vote is planned for January.").date == "2025-01-01"
    decade = one("Growth slowed in the 1990s.")
    assert (decade.text, decade.date, decade.granularity) == ("1990s", "1990", "decade")
