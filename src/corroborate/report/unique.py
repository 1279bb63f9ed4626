"""Unique claims: facts that only one independence group reports, marked as not corroborated.

A claim group backed by one independence group (one outlet, or copies of one text) is a unique
claim when it states a checkable fact: a named actor or place, a figure or a date, with a
predicate that says something (not a light verb such as *be*, *have*, *mark*). Commentary
("the situation has become increasingly dire") is left out: there is nothing in it to corroborate.
A group that takes part in a conflict is reported there, not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.records import Claim
from corroborate.report.conflicts import Conflict
from corroborate.report.groups import LIGHT_VERBS, ClaimGroup

__all__ = ["UniqueClaim", "checkable", "unique_claims"]


@dataclass(slots=True)
class UniqueClaim:
    """A fact from one independence group only: ``corroborated`` is always False."""

    group: int  # the claim group's id
    statement: str
    articles: list[str]
    claims: list[tuple[str, int]]
    corroborated: bool = False


def unique_claims(
    groups: list[ClaimGroup], conflicts: Sequence[Conflict] = ()
) -> list[UniqueClaim]:
    """The single-source groups that state a checkable fact, in group order."""
    in_conflict = {ref for conflict in conflicts for side in conflict.sides for ref in side.claims}
    found = []
    for group in groups:
        if group.sources != 1:
            continue
        refs = [(c.article, c.index) for c in group.claims]
        if any(ref in in_conflict for ref in refs):
            continue
        if not any(checkable(c) for c in group.claims):
            continue
        found.append(UniqueClaim(group.id, group.statement, list(group.articles), refs))
    return found


def checkable(claim: Claim) -> bool:
    """The claim states something one could check: a named actor or place, a figure, a date."""
    if not claim.predicate or claim.predicate.split()[0] in LIGHT_VERBS:
        return False
    named = any(a.type in ("person", "organisation", "group", "place") for a in claim.actors)
    dated = any(t.kind in ("date", "weekday", "time") for t in claim.times)
    return named or dated or bool(claim.places) or bool(claim.quantities)
