"""The brief: best-corroborated facts first, within its word budget, every sentence cited."""

from __future__ import annotations

from typing import Any

import numpy as np

from corroborate.embed import Embedder
from corroborate.records import Article, Claim, Mention
from corroborate.report import ClaimGroup
from corroborate.report.brief import make_brief

Seeds = tuple[list[Article], dict[str, list[Claim]], list[list[str]], dict[str, str]]


def test_seed_brief(seed_data: Seeds, seed_groups: list[ClaimGroup], model: Embedder) -> None:
    articles = seed_data[0]
    brief = make_brief(articles, seed_groups, embedder=model)
    assert 100 <= brief.words <= 200
    texts = [s.text for s in brief.sentences]
    assert len(set(texts)) == len(texts)
    assert any("over 300" in t for t in texts)  # the corroborated toll
    by_id = {g.id: g for g in seed_groups}
    for s in brief.sentences:
        assert s.citations and s.sources >= 2
        cited = {brief.sources[n - 1] for n in s.citations}
        assert cited == set(by_id[s.group].articles)
        assert s.article in cited
        assert s.text in next(a.text for a in articles if a.id == s.article)
        assert s.cited().endswith("]")
    assert make_brief(articles, seed_groups, embedder=model, words=60).words <= 60 + 45


class Constant:
    """Every text the same vector: every sentence repeats every other."""

    name = "constant"
    dim = 2

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0], np.float32), (len(texts), 1))


def article(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, paragraphs=text.split("\n"))


def group(gid: int, sources: int, refs: list[tuple[Article, int]]) -> ClaimGroup:
    claims = []
    for art, sentence in refs:
        claims.append(
            Claim(
                article=art.id,
                index=sentence,
                sentence=sentence,
                start=0,
                end=1,
                text="x",
                predicate="close",
                actors=[Mention(0, 1, "Ana", "person")],
            )
        )
    return ClaimGroup(
        id=gid,
        claims=claims,
        articles=[c.article for c in claims],
        sources=sources,
        groups=[[c.article] for c in claims],
        statement="x",
        central=(claims[0].article, claims[0].index),
    )


def test_order_budget_and_redundancy() -> None:
    a = article("a", "The bridge closed on Monday. Ana said the river rose. Schools stay shut.")
    b = article("b", "Officials closed the bridge. The river rose overnight.")
    groups: list[Any] = [
        group(1, 1, [(a, 2)]),
        group(2, 2, [(a, 1), (b, 1)]),
        group(3, 2, [(a, 0), (b, 0)]),
    ]
    brief = make_brief([a, b], groups, words=100, embedder=_Distinct())
    assert [s.group for s in brief.sentences] == [3, 2, 1]  # in article order
    assert brief.sentences[0].citations == [1, 2] and brief.sentences[2].citations == [1]
    assert brief.text().startswith("The bridge closed on Monday. [1][2]")
    short = make_brief([a, b], groups, words=6, embedder=_Distinct())
    assert [s.group for s in short.sentences] == [3]  # the best-supported first sentence only
    same = make_brief([a, b], groups, words=100, embedder=Constant())
    assert len(same.sentences) == 1  # the others repeat it


class _Distinct:
    name = "distinct"
    dim = 8

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.eye(8, dtype=np.float32)[: len(texts)]
