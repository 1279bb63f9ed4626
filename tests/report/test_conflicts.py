"""Conflicts: figures that cannot both hold, days and hours that differ; the seeds and invented
claims."""

from __future__ import annotations

import math
from typing import Any

import pytest

from corroborate.records import Attribution, Claim, TimeExpr
from corroborate.report.conflicts import Conflict, find_conflicts, interval
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
