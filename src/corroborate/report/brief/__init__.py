"""The brief: a short account of the story as an editor would publish it, every sentence cited.

Sources are numbered in the order the articles are given: ``[1]`` is the first article.

**What goes in, in order.** Facts first, then what is disputed, then — only when words remain —
commentary, never presented as a fact:

1. *Facts.* Claim groups are ranked by the number of independent sources behind them; among
   groups of equal support, those that state a checkable fact (a figure, a date, a named actor
   or place) come before the rest, and then the more salient first: ``SALIENCE_WEIGHT`` times the
   cosine of the sentence's embedding with the story's centroid (the mean of each article's mean
   sentence embedding, so every article weighs alike) minus the rest times how far into their
   articles the group's claims come (news puts what matters first). A group whose sentence is
   commentary (:func:`~corroborate.report.brief.standalone.commentary`: "…underscoring the
   enduring instability…") is left for step 3.
2. *Disputes.* One sentence per major conflict of the report (figure conflicts, at most
   :data:`~corroborate.report.brief.disputes.MAX_DISPUTES`), naming each side with its source
   and citations (:mod:`corroborate.report.brief.disputes`). Their words are set aside from the
   budget before the facts are chosen.
3. *Commentary*, by the same ranking, while words remain.

**Sentences that stand alone.** Each chosen group contributes one sentence of one of its claims —
one that names its source when any does, else the one stated earliest — quoted as
:func:`~corroborate.report.brief.standalone.prepare` makes it: datelines, bylines and agency
tags cut, a leading connective dropped, a title and surname written with the full name its
article gave. Questions, transcript lines, captions, headlines, unfinished and short sentences
are never quoted, nor sentences without a finite verb (spaCy parse). A sentence that leans on
the one before it (an opening pronoun, "This operation…", "The third possible cause…") is taken
only when the sentence of its article it leans on is already in the brief; it is then placed
right after it.

**Budget and order.** A sentence that repeats one already chosen (the same text, or a cosine
above ``REDUNDANT``) is skipped; sentences are added while the brief stays within ``words`` words
(default 200; the first sentence is always kept). Facts are put in the order they come in the
articles (median relative position of the group's claims), a leaning sentence after the one it
leans on; then the disputes, then commentary. When the facts are about different places (the
countries of the groups' claims, else of their articles), a sentence placed after one about
another place must name its own: another wording of its group that does is taken, else it is
left out (the *place* rule).

``SALIENCE_WEIGHT`` and the order of the keys were chosen on Multi-News clusters (bench/brief.py;
bench/RESULTS.md says which were held out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

import numpy as np

from corroborate.embed import Embedder
from corroborate.records import Article, Claim
from corroborate.report.brief.disputes import dispute, major
from corroborate.report.brief.standalone import Quotable, commentary, fragment, prepare
from corroborate.report.groups import ClaimGroup
from corroborate.report.unique import checkable
from corroborate.sentences import split_sentences

__all__ = ["REDUNDANT", "SALIENCE_WEIGHT", "Brief", "BriefSentence", "make_brief"]

REDUNDANT = 0.80  # cosine above which a candidate sentence says what a chosen one says
SALIENCE_WEIGHT = 0.5  # centrality against lead position, among groups of equal support


def _marks(citations: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in citations)


@dataclass(slots=True)
class BriefSentence:
    """One sentence of the brief with its citations.

    ``kind`` is ``"fact"`` (a claim group's sentence, as written in ``article`` after the cuts of
    :func:`~corroborate.report.brief.standalone.prepare`), ``"dispute"`` (written from a conflict:
    ``parts`` are its pieces, each followed by the citations of its side) or ``"commentary"``.
    ``evidence`` is what each cited source says: (source number, its sentence)."""

    text: str
    citations: list[int]  # source numbers, 1-based, in the order the articles were given
    group: int | None  # the claim group it states (None for a dispute)
    article: str  # the article the sentence is taken from ("" for a dispute)
    sources: int  # independent sources behind it
    kind: str = "fact"
    sentence: int = -1  # the sentence's index in its article
    figure: bool = False  # states a figure (a claim of its group has a quantity)
    parts: list[tuple[str, list[int]]] = field(default_factory=list)
    evidence: list[tuple[int, str]] = field(default_factory=list)

    def cited(self) -> str:
        if self.parts:
            return "".join(
                f"{text} {_marks(cites)}" if cites else text for text, cites in self.parts
            )
        return f"{self.text} {_marks(self.citations)}"


@dataclass(slots=True)
class Brief:
    sentences: list[BriefSentence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # article ids: sources[n - 1] is [n]

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def text(self) -> str:
        return " ".join(s.cited() for s in self.sentences)


@dataclass(slots=True)
class _Wording:
    claim: Claim
    quote: Quotable


@dataclass(slots=True)
class _Candidate:
    group: ClaimGroup
    wordings: list[_Wording]  # stand-alone ones first, then leaning ones
    commentary: bool = False
    checkable: bool = False
    position: float = 1.0


def make_brief(
    articles: list[Article],
    groups: list[ClaimGroup],
    *,
    words: int = 200,
    embedder: Embedder | None = None,
    conflicts: Sequence[Any] = (),
    model: str | None = None,
) -> Brief:
    """A brief of about ``words`` words from ``groups`` and the report's ``conflicts`` (see the
    module docstring). ``model`` is the spaCy model that checks a quoted sentence has a finite
    verb (default: the claims' model)."""
    number = {a.id: i + 1 for i, a in enumerate(articles)}
    sentences = {a.id: [s.text for s in split_sentences(a.text)] for a in articles}
    offsets = {a.id: [s.start for s in split_sentences(a.text)] for a in articles}
    texts_of = {a.id: a.text for a in articles}
    brief = Brief(sources=[a.id for a in articles])

    def quote(claim: Claim) -> Quotable:
        start = offsets[claim.article][claim.sentence]
        earlier = texts_of[claim.article][:start]
        return prepare(sentences[claim.article][claim.sentence], earlier)

    candidates = [c for c in (_candidate(g, sentences, quote) for g in groups) if c]
    disputes = _disputes(conflicts, groups, number, sentences)
    if not candidates and not disputes:
        return brief
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    parse = _parser(model)
    if candidates:
        vectors = np.asarray(
            embedder.encode([c.wordings[0].quote.text for c in candidates]), np.float64
        )
        centrality = vectors @ _centroid(articles, sentences, embedder)
    else:
        vectors = np.zeros((0, 1))
        centrality = np.zeros(0)

    def rank(k: int) -> tuple[bool, int, bool, float]:
        c = candidates[k]
        salience = SALIENCE_WEIGHT * centrality[k] - (1 - SALIENCE_WEIGHT) * c.position
        return (c.commentary, -c.group.sources, not c.checkable, -salience)

    order = sorted(range(len(candidates)), key=rank)
    budget = words - sum(len(d.text.split()) for d in disputes)
    chosen: dict[int, tuple[_Wording, np.ndarray]] = {}  # candidate index -> wording, vector
    at: dict[tuple[str, int], int] = {}  # (article, sentence) of a chosen wording -> candidate
    used = 0

    def fits(text: str, vector: np.ndarray) -> bool:
        if chosen and used + len(text.split()) > budget:
            return False
        said = {w.quote.text for w, _ in chosen.values()}
        return text not in said and all(float(vector @ v) <= REDUNDANT for _, v in chosen.values())

    def try_take(k: int, commentary_pass: bool) -> bool:
        nonlocal used
        c = candidates[k]
        if c.commentary != commentary_pass:
            return False
        for n, wording in enumerate(c.wordings):
            ref = (wording.claim.article, wording.claim.sentence)
            after = (ref[0], ref[1] - 1) in at  # the sentence it would lean on is in
            text = wording.quote.text
            if wording.quote.leans and not after:
                continue
            if chosen and used + len(text.split()) > budget:
                return False  # cheap checks before the parse: most candidates stop here
            checked = parse(text)
            if checked == "fragment" or (checked == "leans" and not after):
                continue
            vector = vectors[k] if n == 0 else np.asarray(embedder.encode([text])[0], np.float64)
            if not fits(text, vector):
                return False
            wording.quote.leans = wording.quote.leans or checked == "leans"  # placed after it
            chosen[k] = (wording, vector)
            at[ref] = k
            used += len(text.split())
            return True
        return False

    for commentary_pass in (False, True):
        waiting = []
        for k in order:
            if not try_take(k, commentary_pass):
                waiting.append(k)
        for k in waiting:  # a leaning sentence whose antecedent came in later
            if k not in chosen:
                try_take(k, commentary_pass)

    facts = _order(
        [(k, w) for k, (w, _) in chosen.items() if not candidates[k].commentary], candidates
    )
    facts = _place_rule(facts, candidates, articles, quote)
    notes = _order([(k, w) for k, (w, _) in chosen.items() if candidates[k].commentary], candidates)
    for k, wording in facts + notes:
        c = candidates[k]
        brief.sentences.append(_sentence(c, wording, number, sentences))
    room = words - brief.words  # the first fact is always kept; disputes only within the budget
    kept = []
    for d in disputes:
        if len(d.text.split()) <= room:
            kept.append(d)
            room -= len(d.text.split())
    brief.sentences[len(facts) : len(facts)] = kept
    return brief


def _candidate(
    group: ClaimGroup, sentences: dict[str, list[str]], quote: Callable[[Claim], Quotable]
) -> _Candidate | None:
    """The group's wordings: its claims' sentences that may be quoted, attributed first, then
    the earliest in its article (relative position); stand-alone ones before leaning ones."""
    claims = [c for c in group.claims if 0 <= c.sentence < len(sentences.get(c.article) or [])]
    claims.sort(key=lambda c: (c.attribution is None, c.sentence / len(sentences[c.article])))
    alone: list[_Wording] = []
    leaning: list[_Wording] = []
    seen: set[tuple[str, int]] = set()
    for claim in claims:
        if (claim.article, claim.sentence) in seen:
            continue
        seen.add((claim.article, claim.sentence))
        q = quote(claim)
        if q.problem is None:
            (leaning if q.leans else alone).append(_Wording(claim, q))
    wordings = alone + leaning
    if not wordings:
        return None
    spots = [c.sentence / max(1, len(sentences.get(c.article) or [1])) for c in group.claims]
    return _Candidate(
        group,
        wordings,
        commentary=commentary(wordings[0].quote.text),
        checkable=any(checkable(c) for c in group.claims),
        position=median(spots) if spots else 1.0,
    )


def _parser(model: str | None) -> Callable[[str], str | None]:
    """``fragment`` of a spaCy parse, cached for one brief."""
    seen: dict[str, str | None] = {}

    def parse(text: str) -> str | None:
        if text not in seen:
            from corroborate.claims.nlp import get_nlp

            seen[text] = fragment(get_nlp(model)(text))
        return seen[text]

    return parse


def _order(
    picked: list[tuple[int, _Wording]], candidates: list[_Candidate]
) -> list[tuple[int, _Wording]]:
    """In the order their facts come in the articles; a leaning sentence right after the one of
    its article it leans on."""
    spot = {(w.claim.article, w.claim.sentence): candidates[k].position for k, w in picked}

    def key(item: tuple[int, _Wording]) -> tuple[float, int]:
        w = item[1]
        depth, ref = 0, (w.claim.article, w.claim.sentence)
        while (ref[0], ref[1] - 1) in spot and depth < 20 and _leans(picked, ref):
            ref = (ref[0], ref[1] - 1)
            depth += 1
        return (spot[ref], depth)

    return sorted(picked, key=key)


def _leans(picked: list[tuple[int, _Wording]], ref: tuple[str, int]) -> bool:
    return any((w.claim.article, w.claim.sentence) == ref and w.quote.leans for _, w in picked)


def _where(claims: Sequence[Claim], home: dict[str, str | None]) -> str | None:
    """The country a group's claims are about: their places', else their articles'."""
    found = Counter(p.country for c in claims for p in c.places if p.country)
    if found:
        return found.most_common(1)[0][0]
    homes = Counter(home[c.article] for c in claims if home.get(c.article))
    return homes.most_common(1)[0][0] if homes else None


def _place_rule(
    facts: list[tuple[int, _Wording]],
    candidates: list[_Candidate],
    articles: list[Article],
    quote: Callable[[Claim], Quotable],
) -> list[tuple[int, _Wording]]:
    """A sentence about another place than the one before it names its place (see module)."""
    claims = [c for cand in candidates for c in cand.group.claims]
    names: dict[str, set[str]] = {}
    for claim in claims:
        for p in claim.places:
            if p.country:
                names.setdefault(p.country, set()).update(n for n in (p.text, p.name) if n)
    home: dict[str, str | None] = {}
    for a in articles:
        counts = Counter(p.country for c in claims if c.article == a.id for p in c.places
                         if p.country)  # fmt: skip
        home[a.id] = counts.most_common(1)[0][0] if counts else None
    where = {k: _where(candidates[k].group.claims, home) for k, _ in facts}
    if len({w for w in where.values() if w}) < 2:
        return facts

    def named(text: str, country: str | None) -> bool:
        return country is None or any(n in text for n in names.get(country, ()))

    out: list[tuple[int, _Wording]] = []
    last: str | None = None
    for k, wording in facts:
        country = where[k]
        if out and country and last and country != last and not named(wording.quote.text, country):
            other = next(
                (w for w in candidates[k].wordings
                 if not w.quote.leans and named(w.quote.text, country)),
                None,
            )  # fmt: skip
            if other is None:
                continue
            wording = other
        out.append((k, wording))
        last = country or last
    return out


def _sentence(
    c: _Candidate, wording: _Wording, number: dict[str, int], sentences: dict[str, list[str]]
) -> BriefSentence:
    citations = sorted({number[a] for a in c.group.articles if a in number})
    evidence = []
    for n in citations:
        article = next(a for a, m in number.items() if m == n)
        said = [cl for cl in c.group.claims if cl.article == article]
        if said and 0 <= said[0].sentence < len(sentences[article]):
            evidence.append((n, sentences[article][said[0].sentence]))
    return BriefSentence(
        text=wording.quote.text,
        citations=citations,
        group=c.group.id,
        article=wording.claim.article,
        sources=c.group.sources,
        kind="commentary" if c.commentary else "fact",
        sentence=wording.claim.sentence,
        figure=any(cl.quantities for cl in c.group.claims),
        evidence=evidence,
    )


def _disputes(
    conflicts: Sequence[Any],
    groups: list[ClaimGroup],
    number: dict[str, int],
    sentences: dict[str, list[str]],
) -> list[BriefSentence]:
    said = {}
    for g in groups:
        for c in g.claims:
            if 0 <= c.sentence < len(sentences.get(c.article) or []):
                said[(c.article, c.index)] = sentences[c.article][c.sentence]
    out = []
    for conflict in major(conflicts):
        parts = dispute(conflict, number, said)
        if not parts:
            continue
        sides = [s for s in getattr(conflict, "sides", [])]
        evidence = []
        for side in sides:
            for ref in getattr(side, "claims", []):
                ref = tuple(ref)
                if ref in said and ref[0] in number:
                    item = (number[ref[0]], said[ref])
                    if item not in evidence:
                        evidence.append(item)
        citations = sorted({n for _, cites in parts for n in cites})
        out.append(
            BriefSentence(
                text="".join(t for t, _ in parts),
                citations=citations,
                group=None,
                article="",
                sources=len(sides),
                kind="dispute",
                figure=True,
                parts=parts,
                evidence=evidence,
            )
        )
    return out


def _centroid(
    articles: list[Article], sentences: dict[str, list[str]], embedder: Embedder
) -> np.ndarray:
    """Unit mean of the articles' unit mean sentence embeddings: what the story is about."""
    spans = [len(sentences[a.id]) for a in articles]
    flat = [s for a in articles for s in sentences[a.id]]
    vectors = np.asarray(embedder.encode(flat), np.float64)
    means = [part.mean(axis=0) for part in np.split(vectors, np.cumsum(spans)[:-1]) if len(part)]
    centroid = np.mean([m / max(1e-9, float(np.linalg.norm(m))) for m in means], axis=0)
    return centroid / max(1e-9, float(np.linalg.norm(centroid)))
