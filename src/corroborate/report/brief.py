"""The brief: a short account built from the best-corroborated claim groups, every sentence cited.

Sources are numbered in the order the articles are given: ``[1]`` is the first article. Claim
groups are ranked by the number of independent sources behind them; among groups of equal
support, those that state a checkable fact (a figure, a date, a named actor or place) come before
commentary, and then the more salient first: ``SALIENCE_WEIGHT`` times the cosine of the
sentence's embedding with the story's centroid (the mean of each article's mean sentence
embedding, so every article weighs alike) minus the rest times how far into their articles the
group's claims come (news puts what matters first). Each chosen group contributes the whole
sentence of one of its claims — one that names its source when any does (a figure comes with
who gives it), else the one stated earliest (relative position in its article) — among
sentences that stand on their own: finished by a stop (not a heading or a caption cut short) and not
opening on a personal pronoun (``It confirmed…`` leans on a sentence the brief does not have).
The sentence is followed by the citations of every article in the group. A sentence that
repeats one already chosen (the same sentence, or a cosine of its embedding above
``REDUNDANT`` with one chosen) is skipped. Sentences are added while the brief stays within
``words`` words (default 200; the first sentence is always kept), then put in the order their
facts come in the articles. ``SALIENCE_WEIGHT`` and the order of the keys were chosen on
Multi-News clusters (bench/brief.py; bench/RESULTS.md says which were held out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any

import numpy as np

from corroborate.embed import Embedder
from corroborate.records import Article, Claim
from corroborate.report.groups import ClaimGroup
from corroborate.report.unique import checkable
from corroborate.sentences import split_sentences

__all__ = ["REDUNDANT", "SALIENCE_WEIGHT", "Brief", "BriefSentence", "make_brief"]

REDUNDANT = 0.80  # cosine above which a candidate sentence says what a chosen one says
SALIENCE_WEIGHT = 0.5  # centrality against lead position, among groups of equal support
# A sentence that opens on a personal pronoun leans on one before it: out of place in a brief.
DANGLING = re.compile(r"[\"'“‘(\s]*(?:it|he|she|they|his|her|their|its)\b", re.IGNORECASE)
# A whole sentence ends on its stop (a heading, a caption cut short or a list item does not).
FINISHED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


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
    texts: list[tuple[ClaimGroup, str, str]] = []
    for group in groups:
        first = _wording(group, sentences)
        if first is not None:
            texts.append((group, first.article, sentences[first.article][first.sentence].text))
    if not texts:
        return brief
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    vectors = np.asarray(embedder.encode([t for _, _, t in texts]), np.float64)
    centrality = vectors @ _centroid(articles, sentences, embedder)
    checks = [any(checkable(c) for c in g.claims) for g, _, _ in texts]
    position = {g.id: _position(g, sentences) for g, _, _ in texts}

    def rank(k: int) -> tuple[int, bool, float]:
        group = texts[k][0]
        salience = SALIENCE_WEIGHT * centrality[k] - (1 - SALIENCE_WEIGHT) * position[group.id]
        return (-group.sources, not checks[k], -salience)

    order = sorted(range(len(texts)), key=rank)
    texts = [texts[k] for k in order]
    vectors = vectors[order]
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
    brief.sentences.sort(key=lambda s: position[s.group])
    return brief


def _wording(group: ClaimGroup, sentences: dict[str, list[Any]]) -> Claim | None:
    """The claim whose sentence states the group in the brief: among those in a sentence that
    stands on its own (finished, not opening on a pronoun), an attributed one first, then the
    earliest in its article (relative position); None when no sentence stands alone."""
    stated = [
        c
        for c in group.claims
        if c.sentence < len(sentences.get(c.article) or [])
        and _stands_alone(sentences[c.article][c.sentence].text)
    ]
    return min(
        stated,
        key=lambda c: (c.attribution is None, c.sentence / len(sentences[c.article])),
        default=None,
    )


def _stands_alone(text: str) -> bool:
    return bool(FINISHED.search(text)) and not DANGLING.match(text)


def _centroid(
    articles: list[Article], sentences: dict[str, list[Any]], embedder: Embedder
) -> np.ndarray:
    """Unit mean of the articles' unit mean sentence embeddings: what the story is about."""
    spans = [len(sentences[a.id]) for a in articles]
    vectors = np.asarray(
        embedder.encode([s.text for a in articles for s in sentences[a.id]]), np.float64
    )
    means = [part.mean(axis=0) for part in np.split(vectors, np.cumsum(spans)[:-1]) if len(part)]
    centroid = np.mean([m / max(1e-9, float(np.linalg.norm(m))) for m in means], axis=0)
    return centroid / max(1e-9, float(np.linalg.norm(centroid)))


def _position(group: ClaimGroup, sentences: dict[str, list[Any]]) -> float:
    """Median relative position (0 = first sentence) of the group's claims in their articles."""
    spots = [c.sentence / max(1, len(sentences.get(c.article) or [1])) for c in group.claims]
    return median(spots) if spots else 1.0
