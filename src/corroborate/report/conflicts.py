"""Conflicts: figures that cannot both be true, and one event placed on different days or hours.

**Figures.** Every quantity of every claim of the story that counts something for a role
("killed ... civilians") is read as the interval its wording allows: ``exact`` 20 is [20, 20],
``at least`` / ``more than`` 20 is [20, inf), ``about`` 20 is [18, 22] (10 %), ``up to`` /
``at most`` / ``less than`` 20 is [0, 20], a range its bounds. Vague amounts ("dozens") are
left out: they agree with too much to conflict. Quantities are keyed by role class (kill, die,
"claimed ... lives" are one *death* role), counted class (people, individuals, lives are one)
and unit, across all claim groups: two reports of one toll often land in different groups.
Within a key, figures are swept in order of their lower bound into *sides* whose intervals
share a common part; two or more sides are a conflict ("over 300" and "300+" agree; "at least
20" and "approximately 20" agree; "approximately 20" and "at least 27" do not).

A figure conflict says when its sides differ in attribution (a monitor's count against the UN's)
or carry a time window ("in the past three days"): two counts may then both be right, and the
conflict's confidence is lowered from 0.9 to 0.6.

**Days and hours.** Within a claim group (claims that state the same fact), or two groups that
tell one event over neighbouring sentences of the same two or more articles, articles whose
weekdays (or clock times) are disjoint place the event differently: a statement dated Saturday by
one outlet and Sunday by another, a curfew from Friday evening in one report and from Saturday
17:00 in another. Confidence 0.8 (a group may hold two related events).

Each side names its articles and quotes the claims' sentences as evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from corroborate.records import Claim
from corroborate.report.groups import ClaimGroup, quantity_key
from corroborate.report.tables import source_of

__all__ = ["Conflict", "Side", "add_claim", "find_conflicts", "interval"]

ABOUT = 0.10  # "about 20" allows 18-22
_WINDOW_KINDS = ("duration", "relative")


@dataclass(slots=True)
class Side:
    """One position in a conflict: the value as written and who holds it."""

    value: str  # "at least 27 civilians", "Saturday", "17:00"
    claims: list[tuple[str, int]] = field(default_factory=list)  # (article id, claim index)
    articles: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # the claims' text, as in the articles
    attributed_to: list[str] = field(default_factory=list)
    windows: list[str] = field(default_factory=list)  # time windows given with a figure


@dataclass(slots=True)
class Conflict:
    """Sides that cannot all be right about one thing."""

    kind: str  # "figure", "day" or "time"
    about: str  # what it is about: "death of civilians", or the claim group's statement
    sides: list[Side]
    confidence: float
    note: str = ""  # why it may not be a real conflict (other source, other window)
    group: int | None = None  # the claim group, for day and time conflicts


def interval(q: dict[str, Any]) -> tuple[float, float] | None:
    """The values a quantity's wording allows, or ``None`` for a vague amount."""
    qualifier = q.get("qualifier")
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    if qualifier == "range" and low is not None and high is not None:
        return float(low), float(high)
    if value is None:
        return None
    v = float(value)
    if qualifier in ("at least", "more than"):
        return v, math.inf
    if qualifier in ("up to", "at most", "less than"):
        return 0.0, v
    if qualifier == "about":
        return v * (1 - ABOUT), v * (1 + ABOUT)
    if qualifier == "exact":
        return v, v
    return None


def find_conflicts(groups: list[ClaimGroup]) -> list[Conflict]:
    """Figure conflicts across the story, then day and time conflicts within claim groups."""
    return _figure_conflicts(groups) + _time_conflicts(groups)


def _figure_conflicts(groups: list[ClaimGroup]) -> list[Conflict]:
    by_key: dict[
        tuple[str, str, str | None], list[tuple[tuple[float, float], dict[str, Any], Claim]]
    ]
    by_key = {}
    for group in groups:
        for claim in group.claims:
            for q in claim.quantities:
                role, counted = quantity_key(q)
                span = interval(q)
                if role is None or counted is None or span is None:
                    continue
                by_key.setdefault((role, counted, q.get("unit")), []).append((span, q, claim))
    found = []
    for (role, counted, unit), items in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        if len({claim.article for _, _, claim in items}) < 2:
            continue
        sides = _sweep(items)
        if len(sides) < 2:
            continue
        attributed = [set(side.attributed_to) for side in sides]
        windows = [w for side in sides for w in side.windows]
        notes = []
        if any(a and b and not (a & b) for a in attributed for b in attributed):
            notes.append("the sides cite different sources")
        if windows:
            notes.append(f"a figure is given for a time window ({'; '.join(sorted(set(windows)))})")
        about = f"{role} of {counted}" + (f" ({unit})" if unit else "")
        found.append(Conflict("figure", about, sides, 0.6 if notes else 0.9, "; ".join(notes)))
    return found


def _sweep(
    items: list[tuple[tuple[float, float], dict[str, Any], Claim]],
) -> list[Side]:
    """Figures in order of their lower bound, cut into sides with a common part."""
    sides: list[Side] = []
    common: tuple[float, float] | None = None
    for (low, high), q, claim in sorted(items, key=lambda it: (it[0][0], it[0][1])):
        if common is None or low > common[1]:
            sides.append(Side(_written(q)))
            common = (low, high)
        else:
            common = (max(common[0], low), min(common[1], high))
            if _written(q) not in sides[-1].value.split(" / "):
                sides[-1].value += f" / {_written(q)}"
        add_claim(sides[-1], claim)
        for t in claim.times:
            if t.kind in _WINDOW_KINDS and t.text not in sides[-1].windows:
                sides[-1].windows.append(t.text)
    return sides


def _written(q: dict[str, Any]) -> str:
    counted = q.get("counted")
    return f"{q['text']} {counted}" if counted and counted not in q["text"] else str(q["text"])


def add_claim(side: Side, claim: Claim) -> None:
    """Put ``claim`` on ``side`` once: its reference, article, text and attribution."""
    ref = (claim.article, claim.index)
    if ref in side.claims:
        return
    side.claims.append(ref)
    if claim.article not in side.articles:
        side.articles.append(claim.article)
    side.evidence.append(claim.text)
    who = source_of(claim)
    if who and who not in side.attributed_to:
        side.attributed_to.append(who)


def _time_conflicts(groups: list[ClaimGroup]) -> list[Conflict]:
    found = []
    seen: set[tuple[str, frozenset[tuple[str, str]]]] = set()
    for about, group_id, claims in _frames(groups):
        for kind, read in (("day", _weekdays), ("time", _clocks)):
            per_article: dict[str, tuple[set[str], list[Claim]]] = {}
            for claim in claims:
                if not claim.predicate:
                    continue  # a dateline or a time stamp ("May 2, 2013 1:35 pm") states nothing
                values = read(claim)
                if values:
                    held = per_article.setdefault(claim.article, (set(), []))
                    held[0].update(values)
                    held[1].append(claim)
            if len(per_article) < 2:
                continue
            sides: dict[frozenset[str], Side] = {}
            for held_values, held_claims in per_article.values():
                key = frozenset(held_values)
                side = sides.setdefault(key, Side(", ".join(sorted(key))))
                for claim in held_claims:
                    add_claim(side, claim)
            keys = list(sides)
            if len(keys) < 2 or not any(not (a & b) for a in keys for b in keys if a != b):
                continue
            signature = (kind, frozenset((s.value, a) for s in sides.values() for a in s.articles))
            if signature in seen:
                continue
            seen.add(signature)
            found.append(Conflict(kind, about, list(sides.values()), 0.8, group=group_id))
    return found


def _frames(groups: list[ClaimGroup]) -> list[tuple[str, int | None, list[Claim]]]:
    """Each claim group, then each pair of groups that tell one event over neighbouring
    sentences of the same articles ("Assad responded on Sunday, vowing..." / "In a statement on
    Saturday, Assad asserted..." land in two groups of two articles each)."""
    frames: list[tuple[str, int | None, list[Claim]]] = [
        (g.statement, g.id, list(g.claims)) for g in groups
    ]
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            shared = set(a.articles) & set(b.articles)
            if len(shared) < 2:
                continue
            near = all(
                min(
                    abs(x.sentence - y.sentence)
                    for x in a.claims
                    if x.article == article
                    for y in b.claims
                    if y.article == article
                )
                <= 1
                for article in shared
            )
            if near:
                frames.append((a.statement, a.id, list(a.claims) + list(b.claims)))
    return frames


def _weekdays(claim: Claim) -> frozenset[str]:
    return frozenset(t.weekday for t in claim.times if t.weekday)


def _clocks(claim: Claim) -> frozenset[str]:
    return frozenset(t.clock for t in claim.times if t.clock)
