"""One story's report: every stage run in order, and the versioned ``report.json`` document.

:func:`build_report` takes a story's articles (and, if already known, their claims and
provenance), runs claims → provenance → claim groups → conflicts → unique claims → brief →
tables, and returns a :class:`Report`. :meth:`Report.to_dict` is the ``report.json`` document,
schema ``corroborate.report`` version :data:`SCHEMA_VERSION`, described field by field in
``docs/report.md``. Sources are numbered in article order: ``[1]`` is the first article, and
every citation in the document is such a number.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from corroborate.embed import CachedEmbedder, Embedder
from corroborate.records import Article, Claim, Story
from corroborate.report.brief import Brief, make_brief
from corroborate.report.conflicts import Conflict, History, figure_histories, find_conflicts
from corroborate.report.consensus import consensus, verified_support
from corroborate.report.groups import ClaimGroup, group_claims
from corroborate.report.states import state_conflicts
from corroborate.report.tables import (
    FigureRow,
    QuoteRow,
    TimelineEntry,
    key_figures,
    quotes,
    timeline,
)
from corroborate.report.unique import UniqueClaim, checkable, unique_claims
from corroborate.reuse import Provenance
from corroborate.store import Store

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "Report",
    "build_report",
    "build_stored_report",
    "split_stories",
    "stored_report",
    "verify_citations",
]

SCHEMA = "corroborate.report"
SCHEMA_VERSION = 1


@dataclass(slots=True)
class Report:
    """Everything the report of one story says, as records; :meth:`to_dict` is report.json."""

    articles: list[Article]
    claims: dict[str, list[Claim]]
    provenance: Provenance
    groups: list[ClaimGroup]
    conflicts: list[Conflict]
    unique: list[UniqueClaim]
    brief: Brief
    timeline: list[TimelineEntry]
    figures: list[FigureRow]
    quotes: list[QuoteRow]
    story: dict[str, Any] = field(default_factory=dict)  # id, label, first, last
    histories: list[History] = field(default_factory=list)  # figures updated over time
    notes: list[str] = field(default_factory=list)  # articles left out of the claims, and why
    models: dict[str, str] = field(default_factory=dict)

    def number(self, article_id: str) -> int:
        """The source number ``[n]`` of an article."""
        return next(i for i, a in enumerate(self.articles, 1) if a.id == article_id)

    def to_dict(self) -> dict[str, Any]:
        """The report.json document (see docs/report.md)."""
        n = {a.id: i for i, a in enumerate(self.articles, 1)}
        independence = {aid: g for g, members in enumerate(self.provenance.groups, 1)
                        for aid in members}  # fmt: skip

        def cite(ids: Sequence[str]) -> list[int]:
            return sorted({n[a] for a in ids if a in n})

        counts = {a.id: len(self.claims.get(a.id, [])) for a in self.articles}
        support = _support(self.groups, self.conflicts)
        involved = _involved(self.groups, self.conflicts)
        return {
            "schema": SCHEMA,
            "version": SCHEMA_VERSION,
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
            "tool": _tool_version(),
            "models": self.models,
            "story": self.story,
            "sources": [
                {
                    "n": n[a.id],
                    "id": a.id,
                    "label": _label(a),
                    "title": a.title,
                    "source": a.source,
                    "url": a.url,
                    "published": a.published,
                    "input": a.input,
                    "words": a.words,
                    "independence_group": independence.get(a.id),
                    "originality": self.provenance.originality.get(a.id),
                    "claims": counts[a.id],
                }
                for a in self.articles
            ],
            "independence_groups": [
                {"n": g, "articles": list(members), "sources": cite(members)}
                for g, members in enumerate(self.provenance.groups, 1)
            ],
            "relations": [
                {
                    "a": r.a,
                    "b": r.b,
                    "relation": r.relation,
                    "share_a": round(r.share_a, 3),
                    "share_b": round(r.share_b, 3),
                    "source": r.source,
                }
                for r in self.provenance.relations
            ],
            "claim_groups": [
                {
                    "id": g.id,
                    "kind": g.kind,
                    "statement": g.statement,
                    "sources": g.sources,
                    "corroborated": g.sources > 1 and not g.background,
                    "checkable": any(checkable(c) for c in g.claims),
                    "articles": list(dict.fromkeys(g.articles)),
                    "citations": cite(_stating(g, support)),
                    "event_class": g.event_class,
                    "background": g.background,
                    "independence_groups": sorted(
                        {independence[a] for a in g.articles if a in independence}
                    ),
                    "cohesion": g.cohesion,
                    "consensus": _plain(asdict(consensus(g))),
                    "support": support.get(g.id, {}),
                    "conflicts": involved.get(g.id, []),
                    "claims": [
                        {
                            "article": c.article,
                            "index": c.index,
                            "sentence": c.sentence,
                            "start": c.start,
                            "end": c.end,
                            "text": c.text,
                        }
                        for c in g.claims
                    ],
                }
                for g in self.groups
            ],
            "conflicts": [
                {
                    "id": k,
                    "kind": c.kind,
                    "about": c.about,
                    "confidence": c.confidence,
                    "note": c.note,
                    "group": c.group,
                    "sides": [
                        {
                            "value": s.value,
                            "articles": list(s.articles),
                            "citations": cite(s.articles),
                            "attributed_to": list(s.attributed_to),
                            "windows": list(s.windows),
                            "claims": [list(ref) for ref in s.claims],
                            "evidence": [
                                {"article": ref[0], "citation": n.get(ref[0]), "text": text}
                                for ref, text in zip(s.claims, s.evidence, strict=True)
                            ],
                        }
                        for s in c.sides
                    ],
                }
                for k, c in enumerate(self.conflicts, 1)
            ],
            "figure_histories": [
                {
                    "about": h.about,
                    "update": True,
                    "sides": [
                        {
                            "value": s.value,
                            "articles": list(s.articles),
                            "citations": cite(s.articles),
                            "attributed_to": list(s.attributed_to),
                            "published": sorted(set(stamps)),
                            "evidence": [
                                {"article": ref[0], "citation": n.get(ref[0]), "text": text}
                                for ref, text in zip(s.claims, s.evidence, strict=True)
                            ],
                        }
                        for s, stamps in zip(h.sides, h.published, strict=True)
                    ],
                }
                for h in self.histories
            ],
            "unique_claims": [
                {
                    "group": u.group,
                    "statement": u.statement,
                    "articles": list(u.articles),
                    "citations": cite(u.articles),
                    "corroborated": u.corroborated,
                }
                for u in self.unique
            ],
            "brief": {
                "words": self.brief.words,
                "text": self.brief.text(),
                "sentences": [
                    {"text": s.text, "citations": s.citations, "group": s.group,
                     "article": s.article, "sources": s.sources, "kind": s.kind,
                     "figure": s.figure, "sentence": s.sentence,
                     "parts": [{"text": t, "citations": c} for t, c in s.parts],
                     "evidence": [{"n": n, "text": t} for n, t in s.evidence]}
                    for s in self.brief.sentences
                ],
            },
            "timeline": [
                {
                    "when": t.when,
                    "statement": t.statement,
                    "group": t.group,
                    "articles": list(t.articles),
                    "citations": cite(t.articles),
                    "as_written": list(t.as_written),
                }
                for t in self.timeline
            ],
            "key_figures": [
                {
                    "what": f.what,
                    "value": f.value,
                    "articles": list(f.articles),
                    "citations": cite(f.articles),
                    "attributed_to": list(f.attributed_to),
                }
                for f in self.figures
            ],
            "quotes": [
                {
                    "speaker": q.speaker,
                    "text": q.text,
                    "article": q.article,
                    "citation": n.get(q.article),
                    "kind": q.kind,
                }
                for q in self.quotes
            ],
            "notes": list(self.notes),
        }


def verify_citations(
    brief: Brief, articles: Sequence[Article], support: dict[int, dict[str, str]]
) -> None:
    """Keep under each brief sentence only the sources that state its claim group's fact
    (``"states"`` in the source-by-fact matrix) and the sentence's own article: a source that
    gives another figure or day is never cited as support."""
    number = {a.id: i for i, a in enumerate(articles, 1)}
    ids = {i: a for a, i in number.items()}
    for sentence in brief.sentences:
        if sentence.group is None:  # a dispute: each side cites the articles of that side
            continue
        how = support.get(sentence.group)
        if how is None:
            continue
        own = number.get(sentence.article)
        sentence.citations = [
            n for n in sentence.citations
            if n == own or how.get(ids.get(n, ""), "") == "states"
        ]  # fmt: skip
        kept = set(sentence.citations)
        sentence.evidence = [(n, text) for n, text in sentence.evidence if n in kept]


def _stating(group: ClaimGroup, support: dict[int, dict[str, str]]) -> list[str]:
    """The articles of ``group`` that state its fact (cited), not those that differ."""
    how = support.get(group.id, {})
    return [a for a in group.articles if how.get(a, "states") == "states"]


def _label(article: Article) -> str:
    """The outlet, else the title, else the input's file name (with its #entry)."""
    if article.source or article.title:
        return str(article.source or article.title)
    return os.path.basename(article.input) or article.id


def _tool_version() -> str:
    from corroborate import __version__

    return f"corroborate {__version__}"


def _plain(value: Any) -> Any:
    """Infinite floats as ``None`` (JSON has no infinity)."""
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _involved(groups: list[ClaimGroup], conflicts: list[Conflict]) -> dict[int, list[int]]:
    """Per claim group, the numbers (1-based) of the conflicts one of its claims is part of."""
    group_of = {(c.article, c.index): g.id for g in groups for c in g.claims}
    out: dict[int, list[int]] = {}
    for k, conflict in enumerate(conflicts, 1):
        for gid in sorted({group_of[r] for side in conflict.sides for r in side.claims
                           if r in group_of}):  # fmt: skip
            out.setdefault(gid, []).append(k)
    return out


def _support(groups: list[ClaimGroup], conflicts: list[Conflict]) -> dict[int, dict[str, str]]:
    """Per claim group, per article: ``"states"`` (its claim states the group's fact, with the
    same figure and day: ``consensus.verified_support``) or ``"differs"`` (it gives another
    figure, day or polarity, or is on another side of a conflict the group takes part in than
    the side most of the group's claims are on). This is the source-by-fact matrix, and only
    ``"states"`` articles are cited for the group."""
    group_of = {(c.article, c.index): g.id for g in groups for c in g.claims}
    out: dict[int, dict[str, str]] = {g.id: verified_support(g) for g in groups}
    for conflict in conflicts:
        side_groups = [[group_of[ref] for ref in side.claims if ref in group_of]
                       for side in conflict.sides]  # fmt: skip
        for gid in {g for sides in side_groups for g in sides}:
            home = max(range(len(side_groups)), key=lambda k: side_groups[k].count(gid))
            at_home = set(conflict.sides[home].articles)
            for other, side in enumerate(conflict.sides):
                if other == home:
                    continue
                for ref in side.claims:
                    aid = ref[0]
                    if aid in at_home:
                        continue
                    if group_of.get(ref) == gid:
                        out[gid][aid] = "differs"  # its claim here gives the other value
                    else:
                        out[gid].setdefault(aid, "differs")
    return out


def build_report(
    articles: Sequence[Article],
    *,
    claims: dict[str, list[Claim]] | None = None,
    provenance: Provenance | None = None,
    embedder: Embedder | None = None,
    words: int = 200,
    story: dict[str, Any] | None = None,
    model: str | None = None,
    on_error: Callable[[Article, str], None] | None = None,
    align: str = "sentences",
) -> Report:
    """The report of one story's ``articles`` (in the order their sources are numbered).

    ``align`` is how claims are grouped (:func:`corroborate.report.groups.group_claims`):
    ``"sentences"`` (the default for now) or ``"events"`` (by real event, issue 12).

    ``claims`` (article id → claims) and ``provenance`` are computed when not given;
    ``model`` is the spaCy model for claims, ``embedder`` the sentence model (default
    :func:`corroborate.embed.get_embedder`). ``on_error`` is told about an article whose claims
    could not be extracted, with the reason; the report goes on without them.
    """
    from corroborate.claims import extract_many, extractor_name, other_language, too_long
    from corroborate.reuse import provenance as find_provenance

    articles = list(articles)
    if not articles:
        raise ValueError("a report needs at least one article")
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    embedder = CachedEmbedder(embedder)  # sentences, claims and brief candidates overlap
    notes = []
    if claims is None:

        def failed(article: Article, exc: Exception) -> None:
            if on_error is not None:
                on_error(article, f"{type(exc).__name__}: {exc}")

        claims = {a.id: c for a, c in extract_many(articles, model=model, on_error=failed)}
    for a in articles:
        if other_language(a):
            notes.append(f"{a.input or a.id}: not English ({a.language}); no claims taken")
        elif too_long(a):
            notes.append(f"{a.input or a.id}: too long to parse; no claims taken")
    if provenance is None:
        provenance = find_provenance(articles, embedder)
    groups = group_claims(articles, claims, provenance.groups, embedder=embedder, method=align)
    # Earlier events the story cites (background) are listed with the groups but never a side
    # of a conflict, a confirmation, a unique claim or a sentence of the brief.
    story_groups = [g for g in groups if not g.background]
    independence = {aid: g for g, members in enumerate(provenance.groups) for aid in members}
    published = {a.id: a.published for a in articles}
    conflicts = find_conflicts(story_groups, published=published) + state_conflicts(
        story_groups, independence, model, published=published
    )
    conflicts.sort(key=lambda c: -c.confidence)  # the surest first: a reader starts there
    if story is None:
        from corroborate.stories import label_story, story_id

        dates = sorted(a.published for a in articles if a.published)
        story = {
            "id": story_id(articles[0].id),
            "label": label_story(articles),
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
        }
    brief = make_brief(
        articles, story_groups, words=words, embedder=embedder, conflicts=conflicts, model=model
    )
    verify_citations(brief, articles, _support(groups, conflicts))
    return Report(
        articles=articles,
        claims=claims,
        provenance=provenance,
        groups=groups,
        conflicts=conflicts,
        unique=unique_claims(story_groups, conflicts),
        brief=brief,
        timeline=timeline(story_groups),
        figures=key_figures(story_groups),
        quotes=quotes([c for a in articles for c in claims.get(a.id, [])]),
        story=story,
        notes=notes,
        models={"sentences": embedder.name, "claims": extractor_name(model)},
        histories=figure_histories(story_groups, published=published),
    )


def split_stories(articles: Sequence[Article]) -> list[list[Article]]:
    """The articles grouped into stories (``corroborate.stories.cluster``), each in input order,
    stories in the order of their first article."""
    from corroborate.stories import cluster, featurize

    articles = list(articles)
    if len(articles) < 2:
        return [articles] if articles else []
    labels = cluster(featurize(articles))
    by_label: dict[int, list[Article]] = {}
    for article, label in zip(articles, labels, strict=True):
        by_label.setdefault(label, []).append(article)
    return list(by_label.values())


def build_stored_report(
    store: Store,
    story: Story,
    *,
    embedder: Embedder | None = None,
    words: int = 200,
    model: str | None = None,
    on_error: Callable[[Article, str], None] | None = None,
) -> Report:
    """The report of a stored ``story``: its articles' claims are extracted and stored if they
    are not yet (``update_claims``), its provenance comes from the store's cache."""
    from corroborate.assign import story_provenance
    from corroborate.claims import update_claims
    from corroborate.embed import get_embedder

    articles = store.articles_by_id(story.articles)
    if not articles:
        raise ValueError(f"story {story.id} has no stored articles")
    embedder = CachedEmbedder(embedder or get_embedder())
    update = update_claims(store, model=model, article_ids=[a.id for a in articles])
    if on_error is not None:
        for bad, reason in update.failed:
            on_error(bad, reason)
    claims: dict[str, list[Claim]] = {a.id: [] for a in articles}
    for claim in store.claims([a.id for a in articles]):
        claims[claim.article].append(claim)
    if len(articles) > 1:
        prov = Provenance.from_dict(story_provenance(store, story, articles, embedder))
    else:
        prov = Provenance([], [[articles[0].id]], {articles[0].id: 1.0})
    return build_report(
        articles,
        claims=claims,
        provenance=prov,
        embedder=embedder,
        words=words,
        model=model,
        story={"id": story.id, "label": story.label, "first": story.first, "last": story.last},
    )


def report_key(
    story: Story, words: int, model: str | None = None, embedder: Embedder | None = None
) -> str:
    """What a stored story's report depends on: its members, the models, the brief's length
    and this code's version (a new release remakes reports)."""
    import hashlib

    from corroborate import __version__
    from corroborate.claims import extractor_name

    sentences = embedder.name if embedder is not None else _default_embedder_name()
    parts = [SCHEMA, str(SCHEMA_VERSION), __version__, extractor_name(model), sentences,
             str(words), *sorted(story.articles)]  # fmt: skip
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _default_embedder_name() -> str:
    from corroborate.embed import embedder_name

    return embedder_name()  # without loading the model: a kept report is read at once


def stored_report(
    store: Store,
    story: Story,
    *,
    embedder: Embedder | None = None,
    words: int = 200,
    model: str | None = None,
    on_error: Callable[[Article, str], None] | None = None,
    refresh: bool = False,
) -> dict[str, Any]:
    """report.json of a stored story, from the store's cache when its members, models and
    settings are unchanged (``refresh`` remakes it); made and cached otherwise."""
    key = report_key(story, words, model, embedder)
    if not refresh:
        cached = store.cached_report(story.id, key)
        if cached is not None:
            return cached
    doc = build_stored_report(
        store, story, embedder=embedder, words=words, model=model, on_error=on_error
    ).to_dict()
    store.cache_report(story.id, key, doc)
    return doc
