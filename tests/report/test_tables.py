"""Timeline, key figures and quotes on the seeds and on invented claims."""

from __future__ import annotations

from typing import Any

from corroborate.records import Attribution, Claim, Mention, Quote, TimeExpr
from corroborate.report import ClaimGroup
from corroborate.report.tables import key_figures, quotes, source_of, timeline

Seeds = tuple[list[Any], dict[str, list[Claim]], list[list[str]], dict[str, str]]


def test_seed_tables(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    articles, claims, _, name = seed_data
    entries = timeline(seed_groups)
    days = [e.when for e in entries]
    assert days == sorted(days, key=["Wednesday", "Friday", "Saturday", "Sunday"].index)
    assert {"Wednesday", "Friday", "Saturday", "Sunday"} <= set(days)
    rows = key_figures(seed_groups)
    civilians = {r.value: r for r in rows if r.what == "death / civilian"}
    assert {"at least 20", "approximately 20", "at least 27"} <= set(civilians)
    assert civilians["at least 27"].attributed_to == ["The UN"]
    assert {name[a] for a in civilians["at least 20"].articles} == {"000", "003"}
    assert rows[0].what.startswith("death")  # the best-supported kind of fact first
    flat = [c for a in articles for c in claims[a.id]]
    said = quotes(flat)
    direct = [q for q in said if q.kind == "direct"]
    assert len({(q.article, q.text) for q in said}) == len(said)
    assert any(q.speaker == "a spokesperson for the opposition" for q in direct)
    assert len([q for q in direct if q.speaker]) >= 5


def claim(article: str, **slots: Any) -> Claim:
    return Claim(article=article, index=0, sentence=0, start=0, end=1, text="x", **slots)


def test_timeline_dates_before_weekdays() -> None:
    dated = claim("a", times=[TimeExpr(0, 5, "on 3 March", "date", date="2025-03-03")])
    dated.text = "It opened on 3 March."
    monday = claim("b", times=[TimeExpr(0, 6, "Monday", "weekday", weekday="Monday")])
    monday.text = "It closed on Monday."
    year = claim("c", times=[TimeExpr(0, 4, "2016", "date", date="2016")])
    groups = [
        ClaimGroup(i, [c], [c.article], 1, [[c.article]], f"s{i}", (c.article, 0))
        for i, c in enumerate([monday, dated, year], start=1)
    ]
    assert [(e.when, e.statement, e.group) for e in timeline(groups)] == [
        ("2025-03-03", "It opened on 3 March.", 2),  # the dated claim's own text
        ("Monday", "It closed on Monday.", 1),
    ]


def test_source_of() -> None:
    told = claim("a", attribution=Attribution("the police", 0, 3, "say"))
    assert source_of(told) == "the police"
    un = claim("a", subject="The UN", actors=[Mention(4, 6, "UN", "organisation")])
    assert source_of(un) == "The UN"
    assert source_of(claim("a", subject="Over 300 people")) is None


def test_a_quote_over_two_claims_is_listed_once() -> None:
    q = Quote(0, 10, "We held on", "Ana", "direct", 12, 15, "say")
    rows = quotes([claim("a", quotes=[q]), claim("a", quotes=[q])])
    assert len(rows) == 1 and rows[0].speaker == "Ana"
