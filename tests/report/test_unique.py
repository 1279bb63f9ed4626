"""Unique claims: one independence group only, checkable facts, not those in a conflict."""

from __future__ import annotations

from typing import Any

from corroborate.records import Claim, Mention
from corroborate.report import ClaimGroup, find_conflicts
from corroborate.report.unique import unique_claims

Seeds = tuple[list[Any], dict[str, list[Claim]], list[list[str]], dict[str, str]]


def test_seed_unique_claims(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    name, independence = seed_data[3], seed_data[2]
    conflicts = find_conflicts(seed_groups)
    found = unique_claims(seed_groups, conflicts)
    of_002 = [u.statement for u in found if [name[a] for a in u.articles] == ["002"]]
    assert len(of_002) >= 3
    assert any("statue" in s for s in of_002)
    assert any("Kurdish" in s for s in of_002)
    for u in found:
        assert not u.corroborated
        assert any(set(u.articles) <= set(g) for g in independence)  # one source only
    statements = " ".join(u.statement for u in found)
    assert "increasingly dire" not in statements  # commentary: nothing to corroborate
    in_conflict = {ref for c in conflicts for s in c.sides for ref in s.claims}
    assert not [u for u in found if set(u.claims) & in_conflict]


def one(article: str, text: str, **slots: Any) -> ClaimGroup:
    claim = Claim(article=article, index=0, sentence=0, start=0, end=len(text), text=text, **slots)
    return ClaimGroup(
        id=1,
        claims=[claim],
        articles=[article],
        sources=1,
        groups=[[article]],
        statement=text,
        central=(article, 0),
    )


def test_only_checkable_single_source_facts() -> None:
    mayor = Mention(0, 5, "Ioana", "person")
    fact = one("a", "Ioana opened the bridge", predicate="open", actors=[mayor])
    light = one("b", "Ioana is hopeful", predicate="be", actors=[mayor])
    vague = one("c", "The mood darkened", predicate="darken")
    assert [u.statement for u in unique_claims([fact, light, vague])] == [fact.statement]
    shared = one("a", "Ioana opened the bridge", predicate="open", actors=[mayor])
    shared.sources = 2
    assert unique_claims([shared]) == []
