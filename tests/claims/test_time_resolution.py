"""Time resolution as a reader would, one rule per test, on invented sentences read through the
whole extractor (the tense comes from the parse); publication dates are given with each."""

from __future__ import annotations

from corroborate.claims import extract_claims
from corroborate.claims.times import extract_times, time_value
from corroborate.records import Article, Claim, TimeExpr, article_id
from corroborate.report import ClaimGroup
from corroborate.report.tables import timeline


def resolved(text: str, published: str | None) -> list[tuple[str, str | None, bool]]:
    """(words, value at granularity, approx) of every time of ``text``."""
    article = Article(
        id=article_id(text), text=text, paragraphs=text.split("\n"), published=published
    )
    found: dict[int, TimeExpr] = {}
    for claim in extract_claims(article):
        for t in claim.times:
            found.setdefault(t.start, t)
    return [(t.text, time_value(t), t.approx) for _, t in sorted(found.items())]


def value(text: str, published: str | None) -> str | None:
    (only,) = resolved(text, published)
    return only[1]


def test_past_tense_puts_a_yearless_date_on_or_before_publication() -> None:
    # Written in early January: the ferry sank in the December just gone, not the next one.
    assert value("The ferry sank on Dec. 29 near the coast.", "2003-01-04") == "2002-12-29"
    assert value("The council voted on January 2.", "2003-01-04") == "2003-01-02"


def test_future_tense_puts_it_after_publication() -> None:
    assert value("The council will vote on Jan. 9.", "2002-12-30") == "2003-01-09"
    assert value("The museum would reopen on March 3, its director said.", "2002-12-30") == (
        "2003-03-03"
    )


def test_present_tense_of_a_scheduled_event_is_future() -> None:
    assert value("Voting begins on Feb. 2 in the northern provinces.", "2002-12-30") == (
        "2003-02-02"
    )
    assert value("The hearing is set for Jan. 6.", "2002-12-30") == "2003-01-06"
    assert value("The band is playing in Leeds on Saturday.", "2002-12-30") == "2003-01-04"


def test_reporting_verbs_and_headlines_in_the_present_tell_the_past() -> None:
    # Monday 30 December 2002: "says ... on Saturday" and a headline are about the day before.
    assert value("The coastguard says it found the boat on Saturday.", "2002-12-30") == (
        "2002-12-28"
    )
    assert value("Fishermen rescue three sailors on Saturday", "2002-12-30") == "2002-12-28"


def test_by_points_forward_unless_the_verb_is_past() -> None:
    # Tuesday 15 August: "by Friday" is the Friday to come.
    assert value("Lawmakers must approve the budget by Friday.", "2006-08-15") == "2006-08-18"
    assert value("He urged the board to sign the deal by Friday.", "2006-08-15") == "2006-08-18"
    assert value("The aim, he said, was a signed deal by Friday.", "2006-08-15") == "2006-08-18"
    assert value("By Friday the villagers had left the valley.", "2006-08-15") == "2006-08-11"


def test_an_infinitive_is_future_unless_its_verb_only_marks_aspect() -> None:
    assert value("The union plans to strike on Thursday.", "2006-08-15") == "2006-08-17"
    assert value("Prices began to climb on Thursday.", "2006-08-15") == "2006-08-10"


def test_since_points_back() -> None:
    assert value("The road has been closed since October.", "2006-08-15") == "2005-10"


def test_without_a_tense_the_nearest_year_wins() -> None:
    # No verb at all: a date six weeks ahead beats one ten months back.
    assert value("Deadline for entries: Feb. 1.", "2006-12-20") == "2007-02-01"
    assert value("Deadline for entries: Nov. 30.", "2006-12-20") == "2006-11-30"


def test_a_month_takes_the_year_by_tense() -> None:
    # Written 29 August: a past September is last year's, a future one is next month.
    assert value("The mill shut down in September.", "2000-08-29") == "1999-09"
    assert value("The mill will shut down in September.", "2000-08-29") == "2000-09"
    assert value("Exams start in September.", "2000-08-29") == "2000-09"


def test_a_month_with_a_year_word() -> None:
    assert value("In April last year the river flooded the town.", "2013-07-02") == "2012-04"
    assert value("A second plant opens in March next year.", "2013-07-02") == "2014-03"
    assert value("The pact was signed on May 5 this year.", "2013-07-02") == "2013-05-05"
    # "that year" is the narrative's year, not known here: kept as written, unresolved.
    assert value("They moved to the coast in May of that year.", "2013-07-02") is None


def test_ago_keeps_its_granularity_and_is_approximate_beyond_days() -> None:
    published = "2000-08-15"
    assert resolved("The plant closed two decades ago.", published) == [
        ("two decades ago", "198X", True)
    ]
    assert resolved("The plant closed five years ago.", published) == [
        ("five years ago", "1995", True)
    ]
    assert resolved("The plant closed three months ago.", published) == [
        ("three months ago", "2000-05", True)
    ]
    assert resolved("The plant closed two weeks ago.", published) == [
        ("two weeks ago", "2000-W31", True)
    ]
    assert resolved("The plant closed three days ago.", published) == [
        ("three days ago", "2000-08-12", False)
    ]
    assert resolved("The plant closed about three days ago.", published) == [
        ("about three days ago", "2000-08-12", True)
    ]


def test_calendar_units_keep_their_granularity() -> None:
    published = "2008-12-10"  # a Wednesday of ISO week 50
    assert value("Sales fell earlier this month.", published) == "2008-12"
    assert value("Sales fell last week.", published) == "2008-W49"
    assert value("Sales fell this week.", published) == "2008-W50"
    assert value("Sales fell last year.", published) == "2007"
    assert value("Sales will rise next month.", published) == "2009-01"


def test_parts_of_a_month_or_year_are_approximate() -> None:
    published = "2008-12-10"
    assert resolved("Sales fell in early March.", published) == [("early March", "2008-03", True)]
    assert resolved("Sales fell at the end of October.", published) == [
        ("October", "2008-10", True)
    ]
    assert resolved("Sales fell at the end of 2006.", published) == [("2006", "2006-12", True)]
    assert resolved("Sales fell in 2006.", published) == [("2006", "2006", False)]


def test_seasons_and_decades() -> None:
    published = "2008-12-10"
    assert value("The band toured Europe last summer.", published) == "2008-SU"
    assert value("The band will tour Europe next spring.", published) == "2009-SP"
    assert value("The band toured Europe in the summer of 2005.", published) == "2005-SU"
    assert value("The band was formed in the 1970s.", published) == "197X"


def test_in_may_is_a_month_but_may_the_name_is_not() -> None:
    assert value("The shop opened in May.", "2008-12-10") == "2008-05"
    texts = [t.text for t in extract_times("The plan was drafted by May and her aides.")]
    assert texts == []


def test_without_a_publication_date_nothing_is_guessed() -> None:
    found = {t.text: t for t in extract_times("It closed five years ago, in September, on Friday.")}
    assert found["five years ago"].date is None
    assert (found["September"].date, found["September"].granularity) == ("--09", "month")
    assert (found["Friday"].date, found["Friday"].weekday) == (None, "Friday")
    assert extract_times("It closed on Oct. 31.")[0].date == "--10-31"
    assert extract_times("It closed in April last year.")[0].date == "--04"


def test_only_a_precise_day_is_a_day_of_the_timeline() -> None:
    ago = TimeExpr(0, 14, "five years ago", "relative", date="1995", granularity="year")
    ago.approx = True
    weeks = TimeExpr(0, 13, "two weeks ago", "relative", date="2000-08-01", granularity="day")
    weeks.approx = True
    month = TimeExpr(
        0, 9, "September", "date", date="2000-09-01", end_date="2000-09-30", granularity="month"
    )
    day = TimeExpr(0, 7, "Sept. 3", "date", date="2000-09-03", granularity="day")
    old = TimeExpr(0, 7, "Sept. 4", "date", date="2000-09-04")  # stored before granularity
    assert [t.day() for t in (ago, weeks, month, day, old)] == [
        None,
        None,
        None,
        "2000-09-03",
        "2000-09-04",
    ]
    claims = [
        Claim(article=a, index=0, sentence=0, start=0, end=1, text=f"claim {a}", times=[t])
        for a, t in zip("abcd", (ago, weeks, month, day), strict=True)
    ]
    groups = [
        ClaimGroup(i, [c], [c.article], 1, [[c.article]], c.text, (c.article, 0))
        for i, c in enumerate(claims, start=1)
    ]
    assert [e.when for e in timeline(groups)] == ["2000-09-03"]


def test_narrative_days_count_from_the_last_day_told() -> None:
    text = (
        "The ship ran aground on March 3. Divers reached it the next day. Three days later the "
        "hull split. The day before, a tug had failed to free it. The sea calmed later that day."
    )
    assert resolved(text, "2011-03-20") == [
        ("March 3", "2011-03-03", False),
        ("the next day", "2011-03-04", False),
        ("Three days later", "2011-03-07", False),
        ("The day before", "2011-03-06", False),
        ("later that day", "2011-03-06", False),
    ]
    # Nothing told before it: no anchor, no date. "the day before" a noun is not the narrative's.
    assert resolved("Divers reached it the next day.", "2011-03-20") == [
        ("the next day", None, False)
    ]
    assert resolved("They met the day before the vote.", "2011-03-20") == []


def test_a_year_alone_when_its_place_says_so() -> None:
    found = extract_times(
        "Critics loved 1984's record and their 1988 tour, due back as soon as 2031."
    )
    assert [(t.text, t.date, t.granularity) for t in found] == [
        ("1984", "1984", "year"),
        ("1988", "1988", "year"),
        ("2031", "2031", "year"),
    ]
    assert [t.text for t in extract_times("2017 Volvo Estate review")] == ["2017"]
    assert extract_times("Voters cast 2017 ballots; 2017 was a hard count.") == []
