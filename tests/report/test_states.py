"""States that may exclude each other ("captured" / "closed"): the seeds' airport, the example
bridge, and made-up claims for what must not count."""

from __future__ import annotations

from typing import Any

from corroborate.records import Claim
from corroborate.report.groups import ClaimGroup
from corroborate.report.states import CONFIDENCE, state_conflicts


def claim(article: str, text: str, negated: bool = False) -> Claim:
    return Claim(article, 0, 0, 0, len(text), text, predicate="x", negated=negated)


def groups_of(*claims: Claim) -> list[ClaimGroup]:
    return [
        ClaimGroup(k, [c], [c.article], 1, [[c.article]], c.text, (c.article, 0))
        for k, c in enumerate(claims, 1)
    ]


def test_captured_and_closed_are_a_possible_conflict() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "Rebels seized the city's airport on Friday."),
            claim("b", "The airport and all major roads were closed."),
        ),
        {"a": 0, "b": 1},
    )
    (conflict,) = found
    assert conflict.kind == "state" and conflict.confidence == CONFIDENCE < 0.8
    assert "airport" in conflict.about
    assert [s.articles for s in conflict.sides] == [["a"], ["b"]]
    assert conflict.sides[0].evidence == ["Rebels seized the city's airport on Friday."]


def test_no_conflict_within_one_independence_group_or_when_negated() -> None:
    pair = (claim("a", "Rebels seized the airport."), claim("b", "The airport was closed."))
    assert state_conflicts(groups_of(*pair), {"a": 0, "b": 0}) == []
    denied = claim("b", "The airport was not closed.", negated=True)
    assert state_conflicts(groups_of(pair[0], denied), {"a": 0, "b": 1}) == []


def test_phrases_that_are_no_state() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "The navy was closing in on the boat."),
            claim("b", "Pirates seized the boat on Tuesday."),
            claim("c", "The meeting took place in the port."),
            claim("d", "Officials closed the meeting."),
        ),
        {"a": 0, "b": 1, "c": 2, "d": 3},
    )
    assert found == []


def test_seed_airport_captured_or_closed(seed_report: dict[str, Any]) -> None:
    name = {s["id"]: s["input"].rsplit("/", 1)[-1][:3] for s in seed_report["sources"]}
    states = [c for c in seed_report["conflicts"] if c["kind"] == "state"]
    airport = [c for c in states if "airport" in c["about"]]
    assert len(airport) == 1, states
    sides = {side["value"].split()[-1]: {name[a] for a in side["articles"]}
             for side in airport[0]["sides"]}  # fmt: skip
    assert sides["closed"] == {"001"}
    captured = next(v for k, v in sides.items() if k != "closed")
    assert {"000", "002", "003"} <= captured
    assert airport[0]["confidence"] < 0.8 and airport[0]["note"]
