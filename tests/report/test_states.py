"""States that may exclude each other ("captured" / "closed"): the seeds' airport, the example
bridge, and made-up claims for what must not count."""

from __future__ import annotations

from typing import Any

from corroborate.records import Claim
from corroborate.report.groups import ClaimGroup
from corroborate.report.states import CONFIDENCE, NEGATION_CONFIDENCE, state_conflicts


def claim(article: str, text: str, negated: bool = False) -> Claim:
    return Claim(article, 0, 0, 0, len(text), text, predicate="x", negated=negated)


def groups_of(*claims: Claim) -> list[ClaimGroup]:
    return [
        ClaimGroup(k, [c], [c.article], 1, [[c.article]], c.text, (c.article, 0))
        for k, c in enumerate(claims, 1)
    ]


def test_open_and_closed_are_a_conflict() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "The border crossing was reopened on Friday."),
            claim("b", "The border crossing and all major roads were closed."),
        ),
        {"a": 0, "b": 1},
    )
    (conflict,) = found
    assert conflict.kind == "state" and conflict.confidence == CONFIDENCE < 0.8
    assert "crossing" in conflict.about
    assert [s.articles for s in conflict.sides] == [["b"], ["a"]]
    assert conflict.sides[1].evidence == ["The border crossing was reopened on Friday."]


def test_captured_and_closed_may_coexist() -> None:
    pair = (claim("a", "Rebels seized the airport."), claim("b", "The airport was closed."))
    assert state_conflicts(groups_of(*pair), {"a": 0, "b": 1}) == []


def test_recovered_or_missing_and_alive_or_dead() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "The flight data recorder is still missing."),
            claim("b", "Divers recovered the flight data recorder."),
            claim("c", "The pilot survived the crash."),
            claim("d", "The pilot died in the crash."),
        ),
        {"a": 0, "b": 1, "c": 2, "d": 3},
    )
    about = sorted(c.about for c in found)
    assert about == ["the pilot: alive or dead?", "the recorder: missing or recovered?"]
    recorder = next(c for c in found if "recorder" in c.about)
    assert [s.articles for s in recorder.sides] == [["a"], ["b"]]


def test_missing_then_recovered_is_an_update() -> None:
    pair = groups_of(
        claim("a", "The flight data recorder is still missing."),
        claim("b", "Divers recovered the flight data recorder."),
    )
    times = {"a": "2024-03-01T08:00:00", "b": "2024-03-02T10:00:00"}
    assert state_conflicts(pair, {"a": 0, "b": 1}, published=times) == []
    same = {"a": "2024-03-01T08:00:00", "b": "2024-03-01T08:00:00"}
    assert len(state_conflicts(pair, {"a": 0, "b": 1}, published=same)) == 1


def test_an_article_telling_both_states_is_no_side() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "The bridge was closed on Monday."),
            claim("a", "The bridge was reopened on Tuesday."),
            claim("b", "The bridge was closed."),
        ),
        {"a": 0, "b": 1},
    )
    assert found == []


def said(article: str, subject: str, predicate: str, obj: str, negated: bool = False) -> Claim:
    text = f"{subject} {'did not ' if negated else ''}{predicate} {obj}."
    return Claim(article, 0, 0, 0, len(text), text, subject=subject, predicate=predicate,
                 object=obj, negated=negated)  # fmt: skip


def test_a_statement_and_its_negation_are_opposite() -> None:
    found = state_conflicts(
        groups_of(
            said("a", "The army", "take over", "the school"),
            said("b", "Army units", "take over", "the village school", negated=True),
            said("c", "The army", "take over", "the airport", negated=True),
        ),
        {"a": 0, "b": 1, "c": 2},
    )
    (conflict,) = found
    assert conflict.kind == "state" and conflict.confidence == NEGATION_CONFIDENCE
    assert [s.articles for s in conflict.sides] == [["a"], ["b"]]
    assert [s.value for s in conflict.sides] == ["take over", "not take over"]


def test_a_partys_denial_is_no_conflict_between_reports() -> None:
    denied = said("b", "The army", "take over", "the school", negated=True)
    denied.hedge = "claimed"
    assert state_conflicts(groups_of(said("a", "The army", "take over", "the school"), denied),
                           {"a": 0, "b": 1}) == []  # fmt: skip


def test_an_earlier_event_is_never_a_side() -> None:
    found = state_conflicts(
        groups_of(
            claim("a", "The old bridge was destroyed in 1999."),
            claim("b", "The old bridge was damaged."),
        ),
        {"a": 0, "b": 1},
        published={"a": "2024-05-01", "b": "2024-05-01"},
    )
    assert found == []


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


def test_seed_airport_captured_and_closed_is_no_conflict(seed_report: dict[str, Any]) -> None:
    # the airport captured (000, 002, 003, 004) and closed (001): both can be true
    states = [c for c in seed_report["conflicts"] if c["kind"] == "state"]
    assert not [c for c in states if "airport" in c["about"]], states
