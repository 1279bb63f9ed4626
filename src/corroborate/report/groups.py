"""Claim groups: the claims of a story's articles that state the same fact.

Similarity of two claims of *different* articles (:func:`claim_similarity`) is the cosine of the
sentence embeddings of their texts, adjusted by their slots:

- ``+0.10`` a quantity of each with a compatible role and counted noun ("killed over 300
  people" / "claimed over 300 lives": kill, die, claim... are one *death* role; people,
  individuals, lives are one *people* noun) and values that can both hold (within 10 %, or both
  vague such as "dozens");
- ``+0.05`` the same predicate lemma (not a light verb such as *be*, *mark*, *say*);
- ``+0.05`` a common weekday or clock time; ``+0.05`` a common place;
- ``-0.05`` both name places and none in common (strikes on Idlib versus strikes on Aleppo);
- ``-0.20`` one claim negated and the other not.

Claims of one article never pair. Groups are then formed by average-link agglomeration: the two
groups with the highest mean pair similarity merge while it is at least ``THRESHOLD`` and their
articles are disjoint, so a group holds at most one claim per article (the claim that joins
first, i.e. the best match, wins). Copies (one independence group) do join one group but count
once in ``sources``. See ``docs/report.md`` for the threshold measured on the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corroborate.align import AlignConfig, EventGroup, align_events, mark_background
from corroborate.embed import Embedder
from corroborate.records import Article, Claim

__all__ = [
    "METHODS",
    "THRESHOLD",
    "Alignment",
    "ClaimGroup",
    "align_story",
    "claim_similarity",
    "group_claims",
    "similarity_matrix",
]

METHODS = ("events", "sentences")

THRESHOLD = 0.65

QUANTITY_BONUS = 0.10
PREDICATE_BONUS = 0.05
TIME_BONUS = 0.05
PLACE_BONUS = 0.05
PLACE_PENALTY = 0.05
NEGATION_PENALTY = 0.20

LIGHT_VERBS = frozenset(
    {"be", "have", "do", "say", "mark", "make", "come", "take", "become", "remain", "include"}
)
# Roles (predicates a figure belongs to) and counted nouns that mean the same thing.
_ROLE_CLASSES = {
    "death": {"kill", "die", "claim", "fall", "dead", "lose", "perish", "death"},
    "injury": {"injure", "wound", "hurt"},
    "capture": {"seize", "take", "capture", "overrun"},
}
_COUNTED_CLASSES = {
    "people": {"people", "person", "individual", "life", "dead", "death", "casualty"},
    "soldier": {"soldier", "troop", "serviceman"},
    "town": {"town", "township", "village"},
}
_VAGUE = {"vague", None}


@dataclass(slots=True)
class ClaimGroup:
    """Claims of different articles that state one fact.

    ``claims`` are the Claim records (``claim.article``, ``claim.index`` point back to them),
    at most one per article, in article order; ``articles`` their article ids. ``groups`` are
    the independence groups (copies count once) the articles belong to and ``sources`` how many
    there are. ``statement`` is the text of ``central``, the claim with the highest mean
    similarity to the others, taken from the independence group with most claims here.
    ``kind`` is ``"figure"`` when claims of two articles share a quantity (role and counted
    noun), else ``"event"``. ``cohesion`` is the mean pair similarity (1.0 for one claim).
    """

    id: int
    claims: list[Claim]
    articles: list[str]
    sources: int
    groups: list[list[str]]
    statement: str
    central: tuple[str, int]
    kind: str = "event"
    cohesion: float = 1.0
    refs: list[tuple[str, int]] = field(default_factory=list)
    # The event the group is about (method "events"; see corroborate.align): its class, every
    # word that names it (article id, start, end), the dates and places its claims give, and
    # whether it is an earlier event the story only cites (never a side of a conflict).
    event: int | None = None  # the EventGroup's id
    event_class: str | None = None
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    background: bool = False


@dataclass(slots=True)
class Alignment:
    """A story's claim groups and the event groups they come from (``events`` also holds the
    events only referred to, with no claim of their own)."""

    groups: list[ClaimGroup]
    events: list[EventGroup] = field(default_factory=list)


def _norm(word: str | None) -> str | None:
    if not word:
        return None
    w = word.casefold().strip()
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ves") and len(w) > 4:
        w = w[:-3] + "fe"  # lives -> life
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    return w


def _classify(word: str | None, classes: dict[str, set[str]]) -> str | None:
    w = _norm(word)
    if w is None:
        return None
    for name, members in classes.items():
        if w in members:
            return name
    return w


# A counted word that is itself the state counted ("14 dead", "47 injured people"): it gives
# the role whatever the verb ("left 14 dead", "treated 47 injured").
_STATE_COUNTED = {"dead": "death", "killed": "death", "injured": "injury", "wounded": "injury",
                  "hurt": "injury"}  # fmt: skip


def quantity_key(q: dict[str, Any]) -> tuple[str | None, str | None]:
    """(role class, counted class) of a quantity: the kind of fact it is a figure of."""
    state = _STATE_COUNTED.get(_norm(q.get("counted")) or "")
    if state is not None:
        return state, "people"
    role = q.get("role")
    role = role.split()[0] if isinstance(role, str) and role else None
    return _classify(role, _ROLE_CLASSES), _classify(q.get("counted"), _COUNTED_CLASSES)


def _values_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    va, vb = a.get("value"), b.get("value")
    if va is None or vb is None:
        return a.get("qualifier") in _VAGUE and b.get("qualifier") in _VAGUE
    big = max(abs(float(va)), abs(float(vb)), 1e-9)
    return abs(float(va) - float(vb)) <= 0.1 * big


def _shared_quantity(a: Claim, b: Claim, *, values: bool = True) -> bool:
    """A quantity of each with the same role class and counted class (and agreeing values)."""
    for qa in a.quantities:
        role_a, counted_a = quantity_key(qa)
        if counted_a is None or role_a is None:
            continue
        for qb in b.quantities:
            if quantity_key(qb) == (role_a, counted_a) and (not values or _values_agree(qa, qb)):
                return True
    return False


def _times(claim: Claim) -> set[str]:
    out: set[str] = set()
    for t in claim.times:
        if t.weekday:
            out.add(t.weekday.casefold())
        if t.clock:
            out.add(t.clock)
    return out


def _places(claim: Claim) -> set[str]:
    return {(p.name or p.text).casefold() for p in claim.places}


def claim_similarity(a: Claim, b: Claim, cosine: float) -> float:
    """Similarity of two claims of different articles: ``cosine`` of their texts adjusted by
    their slots (see the module docstring); clipped to [-1, 1]."""
    score = cosine
    if _shared_quantity(a, b):
        score += QUANTITY_BONUS
    if a.predicate and a.predicate == b.predicate and a.predicate not in LIGHT_VERBS:
        score += PREDICATE_BONUS
    if _times(a) & _times(b):
        score += TIME_BONUS
    pa, pb = _places(a), _places(b)
    if pa & pb:
        score += PLACE_BONUS
    elif pa and pb:
        score -= PLACE_PENALTY
    if a.negated != b.negated:
        score -= NEGATION_PENALTY
    return float(min(1.0, max(-1.0, score)))


def _indicator(sets: list[set[str]]) -> np.ndarray:
    """One row per claim, one column per distinct value: 1 where the claim has the value."""
    columns: dict[str, int] = {}
    for values in sets:
        for v in values:
            columns.setdefault(v, len(columns))
    out = np.zeros((len(sets), max(1, len(columns))), dtype=np.float32)
    for row, values in enumerate(sets):
        for v in values:
            out[row, columns[v]] = 1.0
    return out


def _shares(sets: list[set[str]]) -> np.ndarray:
    """Pairs of claims with a value in common."""
    m = _indicator(sets)
    return np.asarray((m @ m.T) > 0)


def similarity_matrix(claims: list[Claim], cosine: np.ndarray) -> np.ndarray:
    """:func:`claim_similarity` of every pair at once (``-inf`` for claims of one article and on
    the diagonal): the same bonuses and penalties, as matrix operations over the claims' slots."""
    n = len(claims)
    score = cosine.astype(np.float64, copy=True)
    quantity_sets = [
        {f"{r}|{c}" for q in claim.quantities for r, c in [quantity_key(q)]
         if r is not None and c is not None}
        for claim in claims
    ]  # fmt: skip
    candidates = np.argwhere(np.triu(_shares(quantity_sets), 1))
    for i, j in candidates:  # the same kind of figure: do the values agree?
        if _shared_quantity(claims[i], claims[j]):
            score[i, j] += QUANTITY_BONUS
            score[j, i] += QUANTITY_BONUS
    predicates = [
        {c.predicate} if c.predicate and c.predicate not in LIGHT_VERBS else set() for c in claims
    ]
    score += PREDICATE_BONUS * _shares(predicates)
    score += TIME_BONUS * _shares([_times(c) for c in claims])
    places = [_places(c) for c in claims]
    shared_place = _shares(places)
    named = np.array([bool(p) for p in places])
    score += PLACE_BONUS * shared_place
    score -= PLACE_PENALTY * (np.outer(named, named) & ~shared_place)
    negated = np.array([c.negated for c in claims])
    score -= NEGATION_PENALTY * (negated[:, None] != negated[None, :])
    np.clip(score, -1.0, 1.0, out=score)
    article = np.array([c.article for c in claims], dtype=object)
    same = article[:, None] == article[None, :]
    score[same] = -np.inf
    np.fill_diagonal(score, -np.inf)
    return score if n else np.zeros((0, 0))


def _independence(articles: list[str], groups: list[list[str]]) -> dict[str, int]:
    """Article id -> index of its independence group; articles in none get one of their own."""
    of: dict[str, int] = {}
    for i, group in enumerate(groups):
        for aid in group:
            of.setdefault(aid, i)
    extra = len(groups)
    for aid in articles:
        if aid not in of:
            of[aid] = extra
            extra += 1
    return of


def group_claims(
    articles: list[Article],
    claims: dict[str, list[Claim]],
    groups: list[list[str]],
    *,
    embedder: Embedder | None = None,
    threshold: float = THRESHOLD,
    method: str = "sentences",
    config: AlignConfig | None = None,
) -> list[ClaimGroup]:
    """Align the claims of a story's ``articles`` into groups that state the same fact.

    ``claims`` maps article id to its claims (as :func:`corroborate.claims.extract_many` gives
    them); ``groups`` are the independence groups (:func:`corroborate.reuse.provenance`). All
    claim texts are embedded in one ``embedder.encode`` call (default
    :func:`corroborate.embed.get_embedder`). Every claim ends in exactly one group; groups are
    sorted by sources, then size, then the position of their first claim.

    ``method="events"`` groups claims by the real event they are about
    (:mod:`corroborate.align`): a group may hold several claims of one article (an article's
    "struck" and "the quake"); claims with no event word ("X is a city") are grouped among
    themselves by sentence similarity. ``method="sentences"`` (the default, until event
    alignment beats the same-lemma baseline on bench/align.py) is the earlier grouping by
    sentence similarity alone, at most one claim per article.
    """
    return align_story(
        articles, claims, groups, embedder=embedder, threshold=threshold, method=method,
        config=config,
    ).groups  # fmt: skip


def align_story(
    articles: list[Article],
    claims: dict[str, list[Claim]],
    groups: list[list[str]],
    *,
    embedder: Embedder | None = None,
    threshold: float = THRESHOLD,
    method: str = "sentences",
    config: AlignConfig | None = None,
) -> Alignment:
    """:func:`group_claims` with the event groups beside the claim groups."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    order = {a.id: i for i, a in enumerate(articles)}
    flat: list[Claim] = [c for a in articles for c in claims.get(a.id, [])]
    if not flat:
        return Alignment([])
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    vectors = np.asarray(embedder.encode([" ".join(c.text.split()) for c in flat]), np.float64)
    art = [c.article for c in flat]
    sim = similarity_matrix(flat, vectors @ vectors.T)
    independence = _independence([a.id for a in articles], groups)
    events: list[EventGroup] = []
    if method == "sentences":
        members = _agglomerate(sim, art, threshold)
        of_event: list[EventGroup | None] = [None] * len(members)
    else:
        published = [a.published for a in articles]
        background = mark_background(flat, published)
        events = align_events(flat, vectors, config, order, background)
        position = {(c.article, c.index): k for k, c in enumerate(flat)}
        members = []
        of_event = []
        for event in events:
            if event.claims:
                members.append([position[r] for r in event.claims])
                of_event.append(event)
        placed = {k for m in members for k in m}
        rest = [k for k in range(len(flat)) if k not in placed]
        if rest:
            sub = sim[np.ix_(rest, rest)]
            for cluster in _agglomerate(sub, [art[k] for k in rest], threshold):
                members.append([rest[k] for k in cluster])
                of_event.append(None)
    out: list[ClaimGroup] = []
    for idx, of in zip(members, of_event, strict=True):
        idx = sorted(idx, key=lambda k: (order[art[k]], flat[k].index))
        group = _make_group(idx, flat, sim, independence, groups)
        if of is not None:
            group.event = of.id
            group.event_class = of.event_class
            group.spans = list(of.spans)
            group.times = list(of.times)
            group.places = list(of.places)
            group.background = of.background
        out.append(group)
    out.sort(key=lambda g: (-g.sources, -len(g.claims), order[g.articles[0]], g.claims[0].index))
    for number, group in enumerate(out, 1):
        group.id = number
    return Alignment(out, events)


def _agglomerate(sim: np.ndarray, art: list[str], threshold: float) -> list[list[int]]:
    """Average-link clusters over ``sim``; clusters with a common article never merge.

    The mean-similarity matrix is kept up to date row by row: a merge changes one row and one
    column, so each step costs one pass over the matrix (the argmax), not a recomputation.
    """
    n = len(art)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    names = {a: k for k, a in enumerate(dict.fromkeys(art))}
    member = np.zeros((n, len(names)), dtype=bool)  # cluster x article
    member[np.arange(n), [names[a] for a in art]] = True
    # Sum of pair similarities between clusters (blocked pairs stay -inf).
    total = np.where(np.isfinite(sim), sim, 0.0)
    blocked = ~np.isfinite(sim)
    np.fill_diagonal(blocked, True)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    mean = np.where(blocked, -np.inf, total)
    while n:
        i, j = divmod(int(np.argmax(mean)), n)
        if not np.isfinite(mean[i, j]) or mean[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        clusters[i].extend(clusters.pop(j))
        member[i] |= member[j]
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        blocked[i, :] |= blocked[j, :]
        blocked[:, i] |= blocked[:, j]
        size[i] += size[j]
        alive[j] = False
        clash = member[:, member[i]].any(axis=1)  # a shared article blocks the merge
        blocked[i, clash] = True
        blocked[clash, i] = True
        mean[j, :] = mean[:, j] = -np.inf
        row = total[i, :] / (size[i] * size)
        row[blocked[i, :] | ~alive] = -np.inf
        mean[i, :] = row
        mean[:, i] = row
    return [clusters[k] for k in sorted(clusters)]


def _make_group(
    idx: list[int],
    flat: list[Claim],
    sim: np.ndarray,
    independence: dict[str, int],
    groups: list[list[str]],
) -> ClaimGroup:
    members = [flat[k] for k in idx]
    articles = [c.article for c in members]
    involved = sorted({independence[a] for a in articles})
    counts = {g: sum(independence[a] == g for a in articles) for g in involved}
    largest = max(involved, key=lambda g: (counts[g], -g))
    if len(idx) > 1:
        sub = sim[np.ix_(idx, idx)]
        pair = np.where(np.isfinite(sub), sub, 0.0)
        centrality = pair.sum(axis=1) / (len(idx) - 1)
        cohesion = float(pair.sum() / (len(idx) * (len(idx) - 1)))
    else:
        centrality = np.ones(1)
        cohesion = 1.0
    candidates = [p for p, c in enumerate(members) if independence[c.article] == largest]
    best = max(candidates, key=lambda p: (float(centrality[p]), -p))
    central = members[best]
    shared = any(
        _shared_quantity(a, b, values=False)
        for p, a in enumerate(members)
        for b in members[p + 1 :]
    )
    return ClaimGroup(
        id=0,
        claims=members,
        articles=articles,
        sources=len(involved),
        groups=[list(groups[g]) if g < len(groups) else [articles[0]] for g in involved],
        statement=central.text,
        central=(central.article, central.index),
        kind="figure" if shared else "event",
        cohesion=round(cohesion, 4),
        refs=[(c.article, c.index) for c in members],
    )
