"""Claim groups (first stage of the report): the five seeds with the real model, read in place,
and small invented articles and claims."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from corroborate import Article
from corroborate.claims import extract_many
from corroborate.embed import Embedder
from corroborate.records import Claim, Place
from corroborate.report import ClaimGroup, claim_similarity, group_claims
from corroborate.report.groups import THRESHOLD

Seeds = tuple[list[Article], dict[str, list[Claim]], list[list[str]], dict[str, str]]


def names(group: ClaimGroup, name: dict[str, str]) -> set[str]:
    return {name[a] for a in group.articles}


def test_seed_death_toll(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    name = seed_data[3]
    toll = [
        g
        for g in seed_groups
        if any(
            q.get("value") == 300 and q.get("qualifier") == "more than"
            for c in g.claims
            for q in c.quantities
        )
    ]
    assert len(toll) == 1, [g.refs for g in toll]
    group = toll[0]
    assert {"000", "001", "004"} <= names(group, name)
    assert group.sources == 2  # 000/003/004 are one source, 001 the other
    assert group.kind == "figure"
    assert "300" in group.statement


def test_seed_curfew(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    name = seed_data[3]
    curfew = [g for g in seed_groups if sum("curfew" in c.text for c in g.claims) >= 2]
    assert len(curfew) == 1
    found = names(curfew[0], name)
    assert "000" in found and found & {"003", "004"}


def test_seed_civilian_counts_kept_apart(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    def civilians(c: Claim) -> set[float]:
        return {
            float(q["value"])
            for q in c.quantities
            if q.get("counted") == "civilians" and q.get("value") is not None
        }

    twenty_seven = [g for g in seed_groups if any(27.0 in civilians(c) for c in g.claims)]
    assert len(twenty_seven) == 1
    group = twenty_seven[0]
    # The UN's 27 is not folded into the 20 of the death-toll group nor into unrelated facts.
    assert all(civilians(c) for c in group.claims)
    assert not any(20.0 in civilians(c) for c in group.claims)


def test_seed_unique_claims_of_002(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    name = seed_data[3]
    alone = [g for g in seed_groups if len(g.claims) == 1 and name[g.articles[0]] == "002"]
    assert all(g.sources == 1 for g in alone)
    texts = " ".join(g.statement for g in alone)
    for fact in ("statue", "Maraat al-Numan", "Kurdish"):
        assert fact in texts
    assert len(alone) >= 3


def test_seed_invariants(seed_data: Seeds, seed_groups: list[ClaimGroup]) -> None:
    _, claims, _, _ = seed_data
    total = sum(len(c) for c in claims.values())
    refs = [r for g in seed_groups for r in g.refs]
    assert len(refs) == len(set(refs)) == total  # every claim in exactly one group
    for g in seed_groups:
        assert len(g.articles) == len(set(g.articles))  # one claim per article
        assert g.sources == len(g.groups) >= 1
        assert g.statement in {c.text for c in g.claims}
    keys = [(-g.sources, -len(g.claims)) for g in seed_groups]
    assert keys == sorted(keys)
    assert [g.id for g in seed_groups] == list(range(1, len(seed_groups) + 1))
    assert seed_groups[0].sources == 3


def test_seed_deterministic(
    seed_data: Seeds, seed_groups: list[ClaimGroup], model: Embedder
) -> None:
    articles, claims, groups, _ = seed_data
    assert group_claims(articles, claims, groups, embedder=model) == seed_groups


# -- invented claims and articles --------------------------------------------------------------


def claim(article: str, index: int, text: str, **slots: Any) -> Claim:
    return Claim(
        article=article, index=index, sentence=index, start=0, end=len(text), text=text, **slots
    )


def test_similarity_slots() -> None:
    toll_a = claim(
        "a",
        0,
        "x",
        predicate="kill",
        quantities=[{"value": 40.0, "qualifier": "at least", "counted": "people", "role": "kill"}],
    )
    toll_b = claim(
        "b",
        0,
        "y",
        predicate="die",
        quantities=[{"value": 41.0, "qualifier": "exact", "counted": "lives", "role": "claim"}],
    )
    other = claim(
        "b",
        1,
        "z",
        predicate="die",
        quantities=[{"value": 400.0, "qualifier": "exact", "counted": "cattle", "role": "die"}],
    )
    assert claim_similarity(toll_a, toll_b, 0.5) == pytest.approx(0.6)
    assert claim_similarity(toll_a, other, 0.5) == pytest.approx(0.5)
    negated = claim("b", 2, "n", predicate="kill", negated=True)
    assert claim_similarity(toll_a, negated, 0.5) == pytest.approx(0.5 + 0.05 - 0.2)
    here = claim("a", 3, "p", places=[Place(0, 1, "Idlib", name="Idlib")])
    there = claim("b", 3, "q", places=[Place(0, 1, "Aleppo", name="Aleppo")])
    same = claim("b", 4, "r", places=[Place(0, 1, "Idlib", name="Idlib")])
    assert claim_similarity(here, there, 0.5) < 0.5 < claim_similarity(here, same, 0.5)


class Constant:
    """Every text the same vector: only the article constraint and the slots separate claims."""

    name = "constant"
    dim = 2

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(texts), 1))


def test_one_claim_per_article_and_copies_count_once() -> None:
    articles = [Article(id=i, text="t", paragraphs=["t"]) for i in ("a", "b", "c")]
    claims = {i: [claim(i, 0, f"{i} zero"), claim(i, 1, f"{i} one")] for i in ("a", "b", "c")}
    out = group_claims(articles, claims, [["a", "b"], ["c"]], embedder=Constant())
    assert [len(g.claims) for g in out] == [3, 3]
    for g in out:
        assert sorted(g.articles) == ["a", "b", "c"]
        assert g.sources == 2
        assert g.groups == [["a", "b"], ["c"]]
    assert group_claims(articles, {}, [], embedder=Constant()) == []


def test_invented_articles(model: Embedder) -> None:
    texts = {
        "wire": "Floods killed at least 40 people in Dhaka on Monday, officials said. "
        "The city's new bridge over the river collapsed overnight.",
        "paper": "At least 41 people died in floods in Dhaka on Monday, according to officials. "
        "A new mayor was elected in the capital last month after a close race.",
    }
    articles = [Article(id=k, text=v, paragraphs=[v]) for k, v in texts.items()]
    claims = {a.id: c for a, c in extract_many(articles)}
    out = group_claims(articles, claims, [["wire"], ["paper"]], embedder=model)
    floods = [g for g in out if any("Floods" in c.text for c in g.claims)]
    assert len(floods) == 1 and floods[0].articles == ["wire", "paper"]
    assert floods[0].sources == 2 and floods[0].kind == "figure"
    bridge = [g for g in out if any("bridge" in c.text for c in g.claims)]
    assert len(bridge) == 1 and bridge[0].articles == ["wire"]
    assert out[0] is floods[0]
    # the same two articles as copies of one text: still one group, one source
    copies = group_claims(articles, claims, [["wire", "paper"]], embedder=model)
    assert copies[0].articles == ["wire", "paper"] and copies[0].sources == 1
    assert 0.5 <= THRESHOLD <= 0.8


def test_similarity_matrix_is_claim_similarity_for_every_pair(
    seed_data: Any, model: Embedder
) -> None:
    from corroborate.report.groups import similarity_matrix

    articles, claims, _, _ = seed_data
    flat = [c for a in articles for c in claims[a.id]][:120]
    vectors = np.asarray(model.encode([c.text for c in flat]), np.float64)
    cosine = vectors @ vectors.T
    matrix = similarity_matrix(flat, cosine)
    for i, a in enumerate(flat):
        for j, b in enumerate(flat):
            if a.article == b.article:
                assert matrix[i, j] == -np.inf
            else:
                assert matrix[i, j] == pytest.approx(claim_similarity(a, b, float(cosine[i, j])))
