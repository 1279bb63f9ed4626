"""Consensus: what the claims of one group agree on — the figure, the day or hour, the place.

- **Figure.** The group's quantities of its most reported kind (role class and counted class,
  as in ``groups.quantity_key``) are read as intervals (``conflicts.interval``) and swept into
  sides as conflicts are; the side held by the most independence groups is the consensus, given
  as written by most of its articles ("over 300"), with the common part of its intervals
  (``low``/``high``; ``high`` is ``None`` for "at least"). ``agreed`` says every article giving
  that kind of figure is on that side.
- **When.** The date (or weekday, or clock time) every dated claim of the group gives; ``None``
  when they differ (a conflict says so) or none is given.
- **Where.** The place names at least half of the group's place-naming claims share.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from corroborate.records import Claim
from corroborate.report.conflicts import interval
from corroborate.report.groups import ClaimGroup, quantity_key

__all__ = ["Consensus", "Figure", "consensus", "verified_support"]


@dataclass(slots=True)
class Figure:
    """The figure a group's sources agree on."""

    what: str  # "kill / people"
    value: str  # as written by most of its articles: "over 300"
    low: float | None
    high: float | None  # None: no upper bound ("at least", "more than")
    articles: list[str] = field(default_factory=list)
    sources: int = 0  # independence groups holding it
    agreed: bool = True  # no article of the group gives another value of this kind
    attributed_to: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Consensus:
    statement: str
    figure: Figure | None = None
    when: str | None = None  # ISO date, weekday name or "HH:MM"
    where: list[str] = field(default_factory=list)


def consensus(group: ClaimGroup) -> Consensus:
    """What the claims of ``group`` agree on (see the module docstring)."""
    return Consensus(
        statement=group.statement,
        figure=_figure(group),
        when=_when(group.claims),
        where=_where(group.claims),
    )


def _independence(group: ClaimGroup) -> dict[str, int]:
    return {aid: i for i, members in enumerate(group.groups) for aid in members}


def _figure(group: ClaimGroup) -> Figure | None:
    from corroborate.report.tables import source_of

    by_kind: dict[tuple[str, str], list[tuple[tuple[float, float], dict[str, Any], Claim]]] = {}
    for claim in group.claims:
        for q in claim.quantities:
            role, counted = quantity_key(q)
            span = interval(q)
            if role is None or counted is None or span is None:
                continue
            by_kind.setdefault((role, counted), []).append((span, q, claim))
    if not by_kind:
        return None
    (role, counted), items = max(
        by_kind.items(), key=lambda kv: (len({c.article for _, _, c in kv[1]}), -len(kv[0][0]))
    )
    independence = _independence(group)
    # Sweep into sides whose intervals share a common part, as conflicts do.
    sides: list[tuple[tuple[float, float], list[tuple[dict[str, Any], Claim]]]] = []
    for (low, high), q, claim in sorted(items, key=lambda it: it[0]):
        if sides and low <= sides[-1][0][1]:
            common = sides[-1][0]
            sides[-1] = ((max(common[0], low), min(common[1], high)), [*sides[-1][1], (q, claim)])
        else:
            sides.append(((low, high), [(q, claim)]))

    def weight(side: tuple[tuple[float, float], list[tuple[dict[str, Any], Claim]]]) -> int:
        return len({independence.get(c.article, -1) for _, c in side[1]})

    (low, high), members = max(sides, key=weight)
    articles = list(dict.fromkeys(c.article for _, c in members))
    written = Counter(str(q["text"]) for q, _ in members).most_common(1)[0][0]
    attributed = list(dict.fromkeys(w for _, c in members if (w := source_of(c))))
    everyone = {c.article for _, _, c in items}
    return Figure(
        what=f"{role} / {counted}",
        value=written,
        low=low,
        high=None if math.isinf(high) else high,
        articles=articles,
        sources=weight(((low, high), members)),
        agreed=len(sides) == 1 or everyone <= set(articles),
        attributed_to=attributed,
    )


def _when(claims: list[Claim]) -> str | None:
    seen: set[str] = set()
    dated = 0
    for claim in claims:
        values = {day for t in claim.times if (day := t.day())}
        values |= {t.weekday for t in claim.times if t.weekday and not t.date}
        if not values:
            values = {t.clock for t in claim.times if t.clock}
        if values:
            dated += 1
            seen |= values
    return next(iter(seen)) if dated and len(seen) == 1 else None


def _where(claims: list[Claim]) -> list[str]:
    counts: Counter[str] = Counter()
    naming = 0
    for claim in claims:
        source = claim.attribution
        names = {
            p.name or p.text
            for p in claim.places  # "the UK-based Syrian Observatory" places the source only
            if not (source and source.start <= p.start and p.end <= source.end)
        }
        if names:
            naming += 1
            counts.update(names)
    return [name for name, n in counts.most_common() if naming and n * 2 >= naming]


def verified_support(group: ClaimGroup) -> dict[str, str]:
    """Per article of ``group``: ``"states"`` when its claim states the group's fact as the
    group does, ``"differs"`` when it gives another figure of the consensus kind (an interval
    that cannot hold with the consensus), a weekday or date none of the group's majority gives,
    or the opposite polarity (negated where most are not). A citation names only ``"states"``.
    """
    out = dict.fromkeys(group.articles, "states")
    figure = _figure(group)
    if figure is not None:
        role, counted = figure.what.split(" / ")
        low = figure.low if figure.low is not None else -math.inf
        high = figure.high if figure.high is not None else math.inf
        for claim in group.claims:
            spans = [interval(q) for q in claim.quantities if quantity_key(q) == (role, counted)]
            known = [s for s in spans if s is not None]
            if known and not any(a <= high and low <= b for a, b in known):
                out[claim.article] = "differs"
    days = [(c, _days(c)) for c in group.claims]
    counts: Counter[str] = Counter(d for _, ds in days for d in ds)
    dated = sum(1 for _, ds in days if ds)
    if counts and dated >= 2:
        top, n = counts.most_common(1)[0]
        if n * 2 > dated:
            for claim, ds in days:
                if ds and top not in ds:
                    out[claim.article] = "differs"
    negated = sum(c.negated for c in group.claims)
    if negated * 2 != len(group.claims) and 0 < negated < len(group.claims):
        minority = negated * 2 < len(group.claims)  # True: the negated claims are fewer
        for claim in group.claims:
            if claim.negated == minority:
                out[claim.article] = "differs"
    return out


def _days(claim: Claim) -> set[str]:
    """The weekdays and dates a claim with a predicate puts its event on."""
    if not claim.predicate:
        return set()
    return {t.weekday for t in claim.times if t.weekday} | {
        t.date for t in claim.times if t.date and len(t.date) == 10 and not t.weekday
    }
