"""Conflicts: figures that cannot both hold, days and hours that differ; the seeds and invented
claims."""

from __future__ import annotations

import math
from typing import Any

import pytest

from corroborate.records import Attribution, Claim, Place, TimeExpr
from corroborate.report.conflicts import Conflict, figure_histories, find_conflicts, interval
from corroborate.report.groups import ClaimGroup

Seeds = tuple[list[Any], dict[str, list[Claim]], list[list[str]], dict[str, str]]


@pytest.fixture(scope="module")
def seed_conflicts(seed_groups: list[ClaimGroup]) -> list[Conflict]:
    return find_conflicts(seed_groups)


def side_names(conflict: Conflict, name: dict[str, str]) -> list[set[str]]:
    return [{name[a] for a in side.articles} for side in conflict.sides]


def test_seed_civilian_counts_conflict_with_their_sources(
    seed_data: Seeds, seed_conflicts: list[Conflict]
) -> None:
    name = seed_data[3]
    figures = [c for c in seed_conflicts if c.kind == "figure" and "civilian" in c.about]
    assert len(figures) == 1
    conflict = figures[0]
    twenty, twenty_seven = conflict.sides
    assert "20" in twenty.value and "27" in twenty_seven.value
    assert {"000", "003", "004"} <= {name[a] for a in twenty.articles}
    assert any("Observatory" in who for who in twenty.attributed_to)
    assert any("UN" in who for who in twenty_seven.attributed_to)
    assert twenty_seven.windows  # "the past three days"
    assert conflict.confidence < 0.9 and "different sources" in conflict.note
    # the death toll itself ("over 300" everywhere) is no conflict
    assert not [c for c in seed_conflicts if c.kind == "figure" and "people" in c.about]


def test_seed_day_of_the_presidents_statement(
    seed_data: Seeds, seed_conflicts: list[Conflict]
) -> None:
    name = seed_data[3]
    days = [c for c in seed_conflicts if c.kind == "day"]
    statement = [
        c
        for c in days
        if {s.value for s in c.sides} == {"Saturday", "Sunday"}
        and any("Assad" in e for s in c.sides for e in s.evidence)
    ]
    assert statement, [(c.about, [s.value for s in c.sides]) for c in days]
    sides = {s.value: {name[a] for a in s.articles} for s in statement[0].sides}
    assert sides == {"Sunday": {"000"}, "Saturday": {"003"}}


def test_seed_curfew_start(seed_data: Seeds, seed_conflicts: list[Conflict]) -> None:
    name = seed_data[3]
    curfew = [
        c
        for c in seed_conflicts
        if c.kind == "day" and any("curfew" in e for s in c.sides for e in s.evidence)
    ]
    assert len(curfew) == 1
    sides = {s.value: {name[a] for a in s.articles} for s in curfew[0].sides}
    assert sides["Saturday"] == {"003"}
    assert "000" in sides["Friday, Sunday"]


def test_evidence_is_the_articles_text(seed_data: Seeds, seed_conflicts: list[Conflict]) -> None:
    articles = {a.id: a for a in seed_data[0]}
    claims = {(c.article, c.index): c for cs in seed_data[1].values() for c in cs}
    for conflict in seed_conflicts:
        for side in conflict.sides:
            assert len(side.claims) == len(side.evidence)
            for ref, text in zip(side.claims, side.evidence, strict=True):
                claim = claims[ref]
                assert articles[ref[0]].text[claim.start : claim.end] == text


# -- invented claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 20, (20, 20)),
        ("at least", 20, (20, math.inf)),
        ("more than", 300, (300, math.inf)),
        ("about", 20, (18, 22)),
        ("up to", 50, (0, 50)),
        ("vague", None, None),
    ],
)
def test_interval(qualifier: str, value: float | None, expected: Any) -> None:
    got = interval({"qualifier": qualifier, "value": value, "low": None, "high": None})
    assert got == (pytest.approx(expected) if expected else None)


def test_range_interval() -> None:
    assert interval({"qualifier": "range", "value": None, "low": 20, "high": 30}) == (20, 30)


def figure(article: str, text: str, qualifier: str, value: float, source: str) -> Claim:
    q = {
        "start": 0,
        "end": 5,
        "text": text,
        "value": value,
        "low": None,
        "high": None,
        "qualifier": qualifier,
        "unit": None,
        "counted": "people",
        "also_as": [],
        "role": "injure",
    }
    return Claim(
        article=article,
        index=0,
        sentence=0,
        start=0,
        end=10,
        text=f"{text} people were hurt",
        quantities=[q],
        attribution=Attribution(source, 0, 0, "say"),
    )


def group(claims: list[Claim], gid: int = 1) -> ClaimGroup:
    return ClaimGroup(
        id=gid,
        claims=claims,
        articles=[c.article for c in claims],
        sources=len(claims),
        groups=[[c.article] for c in claims],
        statement=claims[0].text,
        central=(claims[0].article, 0),
    )


def test_qualified_figures_that_can_both_hold_agree() -> None:
    claims = [
        figure("a", "over 40", "more than", 40, "police"),
        figure("b", "about 45", "about", 45, "police"),
        figure("c", "at least 41", "at least", 41, "police"),
    ]
    assert find_conflicts([group(claims)]) == []


def test_figures_that_cannot_both_hold_conflict() -> None:
    claims = [figure("a", "40", "exact", 40, "police"), figure("b", "47", "exact", 47, "police")]
    (conflict,) = find_conflicts([group(claims)])
    assert conflict.kind == "figure" and conflict.confidence == 0.9
    assert [s.value for s in conflict.sides] == ["40 people", "47 people"]
    other = [figure("a", "40", "exact", 40, "police"), figure("b", "47", "exact", 47, "hospital")]
    (conflict,) = find_conflicts([group(other)])
    assert conflict.confidence == 0.6 and "different sources" in conflict.note


def test_one_article_alone_is_no_conflict() -> None:
    claims = [figure("a", "40", "exact", 40, "police"), figure("a", "47", "exact", 47, "police")]
    assert find_conflicts([group(claims)]) == []


def dated(article: str, weekday: str, sentence: int = 0) -> Claim:
    return Claim(
        article=article,
        index=sentence,
        sentence=sentence,
        start=0,
        end=5,
        text="x",
        predicate="meet",
        times=[TimeExpr(0, 5, weekday, "weekday", weekday=weekday)],
    )


def test_days_conflict_within_a_group_and_over_neighbouring_groups() -> None:
    assert find_conflicts([group([dated("a", "Monday"), dated("b", "Monday")])]) == []
    (conflict,) = find_conflicts([group([dated("a", "Monday"), dated("b", "Tuesday")])])
    assert conflict.kind == "day" and {s.value for s in conflict.sides} == {"Monday", "Tuesday"}
    # the day is told in the next sentence of each article, in another group
    first = group([dated("a", "Monday", 3), Claim("b", 3, 3, 0, 1, "y")], gid=1)
    second = group([Claim("a", 4, 4, 0, 1, "z"), dated("b", "Tuesday", 4)], gid=2)
    (conflict,) = find_conflicts([first, second])
    assert {s.value for s in conflict.sides} == {"Monday", "Tuesday"}
    far = group([Claim("a", 9, 9, 0, 1, "z"), dated("b", "Tuesday", 9)], gid=2)
    assert find_conflicts([first, far]) == []


def test_a_dateline_without_a_verb_places_nothing() -> None:
    stamp = dated("b", "Tuesday")
    stamp.predicate = None  # "Tuesday, May 2, 2013 1:35 pm"
    assert find_conflicts([group([dated("a", "Monday"), stamp])]) == []


# -- like with like (issue 12): scope, subset, window, earlier events, updates ----------------


def said_figure(
    article: str,
    text: str,
    number: str,
    value: float,
    counted: str,
    role: str = "kill",
    *,
    index: int = 0,
    places: list[tuple[str, str]] | None = None,
    times: list[TimeExpr] | None = None,
    qualifier: str = "exact",
) -> Claim:
    """A claim of ``text`` whose figure is ``number`` (as written in ``text``)."""
    at = text.index(number)
    q = {"start": at, "end": at + len(number), "text": number, "value": value, "low": None,
         "high": None, "qualifier": qualifier, "unit": None, "counted": counted, "also_as": [],
         "role": role}  # fmt: skip
    found = [Place(text.index(name), text.index(name) + len(name), name, name, "country", code)
             for name, code in places or []]  # fmt: skip
    return Claim(article, index, index, 0, len(text), text, predicate=role, quantities=[q],
                 places=found, times=times or [])  # fmt: skip


def test_figures_of_two_places_do_not_conflict() -> None:
    kenya = [("Kenya", "KE")]
    claims = [
        said_figure("a", "The bombs killed 213 people in Kenya", "213", 213, "people",
                    places=kenya),
        said_figure("a", "and 11 people in Tanzania.", "11", 11, "people", index=1,
                    places=[("Tanzania", "TZ")]),
        said_figure("b", "In all, 224 people were killed.", "224", 224, "people"),
        said_figure("c", "The blast in Kenya killed 247 people.", "247", 247, "people",
                    places=kenya),
    ]  # fmt: skip
    (conflict,) = find_conflicts([group([c]) for c in claims])
    assert [s.value for s in conflict.sides] == ["213 people", "247 people"]
    assert [s.articles for s in conflict.sides] == [["a"], ["c"]]


def test_a_place_next_to_every_figure_is_incidental() -> None:
    claims = [
        said_figure("a", "Two cables near Alexandria went down.", "Two", 2, "cables", "go",
                    places=[("Alexandria", "EG")]),
        said_figure("b", "Three cables between Italy and Egypt went down.", "Three", 3,
                    "cables", "go", places=[("Italy", "IT"), ("Egypt", "EG")]),
    ]  # fmt: skip
    (conflict,) = find_conflicts([group(claims)])
    assert [s.value for s in conflict.sides] == ["Two cables", "Three cables"]


def test_a_subset_is_not_the_whole() -> None:
    claims = [
        said_figure("a", "Marines seized seven AK-47 rifles.", "seven", 7, "rifles", "seize"),
        said_figure("b", "Marines seized nine rifles.", "nine", 9, "rifles", "seize"),
        said_figure("c", "Marines seized two other rifles.", "two", 2, "rifles", "seize"),
        said_figure("d", "Police seized 23 Somali pirates.", "23", 23, "pirates", "seize"),
        said_figure("e", "Police seized 23 pirates.", "23", 23, "pirates", "seize"),
    ]
    assert find_conflicts([group(claims)]) == []


def test_one_sentence_giving_two_figures_counts_two_things() -> None:
    text = "She was charged with two counts, and with one count of theft."
    both = said_figure("a", text, "two", 2, "counts", "charge")
    one = said_figure("a", text, "one", 1, "count", "charge")
    one.quantities[0]["counted"] = "counts"
    both.quantities.append(one.quantities[0])
    other = said_figure("b", "She faces two counts.", "two", 2, "counts", "charge")
    assert find_conflicts([group([both, other])]) == []


def window(text: str, duration: str | None = None) -> TimeExpr:
    return TimeExpr(0, 0, text, "duration" if duration else "relative", duration=duration)


def test_counts_over_different_windows_do_not_conflict() -> None:
    claims = [
        said_figure("a", "Floods killed 40 people so far this year.", "40", 40, "people",
                    times=[window("so far this year")]),
        said_figure("b", "Floods killed 12 people in the past three days.", "12", 12, "people",
                    times=[window("in the past three days", "P3D")]),
        said_figure("c", "Floods killed 15 people in the past three days.", "15", 15, "people",
                    times=[window("in the past three days", "P3D")]),
    ]  # fmt: skip
    (conflict,) = find_conflicts([group(claims)])
    assert [s.articles for s in conflict.sides] == [["b"], ["c"]]


def test_an_earlier_event_is_never_a_side() -> None:
    claims = [
        said_figure("a", "The submarine sank with 118 sailors aboard.", "118", 118, "sailors",
                    "sink"),
        said_figure("b", "In 1989 the Komsomolets sank with 69 sailors aboard.", "69", 69,
                    "sailors", "sink"),
        said_figure("c", "Months earlier, a ferry sank with 40 sailors aboard.", "40", 40,
                    "sailors", "sink"),
        said_figure("d", "It sank weeks after a ferry sank with 50 sailors aboard.", "50", 50,
                    "sailors", "sink"),
    ]  # fmt: skip
    published = dict.fromkeys("abcd", "2000-08-15")
    assert find_conflicts([group(claims)], published=published) == []


def test_a_count_growing_with_time_is_an_update() -> None:
    claims = [
        said_figure("a", "The quake killed one person.", "one", 1, "person"),
        said_figure("b", "The quake killed five people.", "five", 5, "people"),
        said_figure("c", "The quake killed 24 people.", "24", 24, "people"),
    ]
    published = {"a": "2013-07-02T08:00", "b": "2013-07-02T12:00", "c": "2013-07-03T09:00"}
    groups = [group(claims)]
    assert find_conflicts(groups, published=published) == []
    (history,) = figure_histories(groups, published=published)
    assert [s.value for s in history.sides] == ["one person", "five people", "24 people"]
    assert history.published == [["2013-07-02T08:00"], ["2013-07-02T12:00"], ["2013-07-03T09:00"]]
    # two outlets at the same time: a conflict, no history
    same = dict.fromkeys("abc", "2013-07-02T08:00")
    assert len(find_conflicts(groups, published=same)) == 1
    assert figure_histories(groups, published=same) == []
    # up and down again is no update
    zigzag = {"a": "2013-07-02T08:00", "b": "2013-07-03T12:00", "c": "2013-07-02T09:00"}
    assert len(find_conflicts(groups, published=zigzag)) == 1


def event(article: str, text: str, predicate: str, weekday: str, sentence: int = 0) -> Claim:
    at = text.index(weekday)
    day = TimeExpr(at, at + len(weekday), weekday, "weekday", weekday=weekday)
    return Claim(article, sentence, sentence, 0, len(text), text, predicate=predicate, times=[day])


def test_days_of_two_events_in_one_group_do_not_conflict() -> None:
    found = event("a", "The black box was found on Tuesday.", "find", "Tuesday")
    met = event("b", "Hall met Freeh on Monday about the black box.", "meet", "Monday")
    assert find_conflicts([group([found, met])]) == []
    other = event("c", "The black box was found on Wednesday.", "find", "Wednesday")
    (conflict,) = find_conflicts([group([found, other])])
    assert {s.value for s in conflict.sides} == {"Tuesday", "Wednesday"}


def test_the_day_of_the_report_or_of_another_event_is_not_the_events() -> None:
    told = event("a", "He was charged with murder, police said Saturday.", "charge", "Saturday")
    after = event("b", "He was charged with murder after a shooting on Friday.", "charge",
                  "Friday")  # fmt: skip
    own = event("c", "He was charged with murder on Sunday.", "charge", "Sunday")
    assert find_conflicts([group([told, after])]) == []
    (conflict,) = find_conflicts([group([after, own])]) or [None]
    assert conflict is None  # Friday is the shooting's day, not the charge's
    stamp = event("d", "Friday, Sep 10 | Updated 9:01 AM EDT", "update", "Friday")
    assert find_conflicts([group([own, stamp])]) == []


def dated_on(article: str, text: str, written: str, iso: str) -> Claim:
    at = text.index(written)
    day = TimeExpr(at, at + len(written), written, "date", date=iso)
    return Claim(article, 0, 0, 0, len(text), text, predicate="strike", times=[day])


def test_calendar_days_of_one_event() -> None:
    nine = dated_on("a", "The quake struck on Sept. 9, 2010.", "Sept. 9, 2010", "2010-09-09")
    same = dated_on("b", "The quake struck on September 9.", "September 9", "--09-09")
    ten = dated_on("c", "The quake struck on September 10.", "September 10", "--09-10")
    month = dated_on("d", "The quake struck in September 2010.", "September 2010", "2010-09")
    assert find_conflicts([group([nine, same, month])]) == []
    (conflict,) = find_conflicts([group([nine, ten])])
    assert [s.value for s in conflict.sides] == ["September 9", "September 10"]


def test_an_event_told_by_its_verb_and_by_its_noun_is_one() -> None:
    ordered = event("a", "Officials ordered the evacuation on Monday evening.", "order", "Monday")
    ordered.object = "the evacuation"
    issued = event("b", "The order to evacuate was issued on Tuesday.", "issue", "Tuesday")
    issued.subject = "The order to evacuate"
    (conflict,) = find_conflicts([group([ordered, issued])])
    assert {s.value for s in conflict.sides} == {"Monday", "Tuesday"}
