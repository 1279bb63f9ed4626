"""The brief: a short account built from the best-corroborated claim groups, every sentence cited.

Sources are numbered in the order the articles are given: ``[1]`` is the first article. Claim
groups are ranked by the number of independent sources behind them, then by how checkable they
are (a figure, a date, a named actor or place: commentary is left out, as in
``report/unique.py``), then by how early their claims come in their articles (news puts what
matters first). Each chosen group contributes the whole sentence of its central claim, from the
article of its largest independence group, followed by the citations of every article in the
group. A sentence that repeats one already chosen (the same sentence, or a cosine of its
embedding above ``REDUNDANT`` with one chosen) is skipped. Sentences are added while the brief
stays within ``words`` words (default 200; the first sentence is always kept), then put in the
order their facts come in the articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

import numpy as np

from corroborate.embed import Embedder
from corroborate.records import Article
from corroborate.report.groups import ClaimGroup
from corroborate.report.unique import checkable
from corroborate.sentences import split_sentences

__all__ = ["REDUNDANT", "Brief", "BriefSentence", "make_brief"]

REDUNDANT = 0.80  # cosine above which a candidate sentence says what a chosen one says


@dataclass(slots=True)
class BriefSentence:
    """One sentence of the brief, as written in ``article``, with its citations."""

    text: str
    citations: list[int]  # source numbers, 1-based, in the order the articles were given
    group: int  # the claim group it states
    article: str  # the article the sentence is taken from
    sources: int  # independent sources behind it

    def cited(self) -> str:
        return f"{self.text} " + "".join(f"[{n}]" for n in self.citations)


@dataclass(slots=True)
class Brief:
    sentences: list[BriefSentence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # article ids: sources[n - 1] is [n]

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def text(self) -> str:
        return " ".join(s.cited() for s in self.sentences)


def make_brief(
    articles: list[Article],
    groups: list[ClaimGroup],
    *,
    words: int = 200,
    embedder: Embedder | None = None,
) -> Brief:
    """A brief of about ``words`` words from ``groups`` (see the module docstring)."""
    number = {a.id: i + 1 for i, a in enumerate(articles)}
    sentences = {a.id: list(split_sentences(a.text)) for a in articles}
    brief = Brief(sources=[a.id for a in articles])
    candidates = [g for g in groups if any(checkable(c) for c in g.claims)]
    candidates.sort(key=lambda g: (-g.sources, -_checkable_share(g), _position(g, sentences)))
    texts: list[tuple[ClaimGroup, str, str]] = []
    for group in candidates:
        central = next(c for c in group.claims if (c.article, c.index) == group.central)
        parts = sentences.get(central.article) or []
        if central.sentence >= len(parts):
            continue
        texts.append((group, central.article, parts[central.sentence].text))
    if not texts:
        return brief
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    vectors = np.asarray(embedder.encode([t for _, _, t in texts]), np.float64)
    chosen: list[int] = []
    used = 0
    seen: set[str] = set()
    for k, (group, article, text) in enumerate(texts):
        size = len(text.split())
        if chosen and used + size > words:
            continue
        if text in seen or any(float(vectors[k] @ vectors[j]) > REDUNDANT for j in chosen):
            continue
        chosen.append(k)
        seen.add(text)
        used += size
        citations = sorted({number[a] for a in group.articles if a in number})
        brief.sentences.append(BriefSentence(text, citations, group.id, article, group.sources))
    position = {g.id: _position(g, sentences) for g, _, _ in texts}
    brief.sentences.sort(key=lambda s: position[s.group])
    return brief


def _checkable_share(group: ClaimGroup) -> float:
    return sum(checkable(c) for c in group.claims) / max(1, len(group.claims))


def _position(group: ClaimGroup, sentences: dict[str, list[Any]]) -> float:
    """Median relative position (0 = first sentence) of the group's claims in their articles."""
    spots = [c.sentence / max(1, len(sentences.get(c.article) or [1])) for c in group.claims]
    return median(spots) if spots else 1.0
