"""Which claims of a story's reports are about the same real event (event coreference).

The unit is an **event node**: a claim's own event (its anchor words, see
:mod:`corroborate.claims.events`), or an event a claim only refers to ("survivors of *the
quake*"). Nodes of one story are clustered, within an article (coreference: "struck", "the
quake" and "the 6.1 earthquake" of one report) and across articles, by these rules:

- **Same kind of event, or no link.** Two nodes can link only when their event classes are
  equal (lemmas, synonyms and nominalisations: *kill / death / toll / die*; *arrest / detain /
  custody*). Reporting verbs and auxiliaries have no class and never link.
- **Conflicting facts block a link.** Both dated and no date within a day of each other (or
  two different weekdays); both placed and no place or country in common; one background and
  the other not (:func:`mark_background`). A blocked pair scores ``clash`` less, averaged into
  the clusters' mean: a lone blocked pair never links, one doubtful date does not split a large
  cluster. Two event words of one claim never link.
- **Score** of a pair (average-link over clusters, merged while the mean is at least
  ``AlignConfig.threshold``): ``same_class`` (``+same_lemma`` for one lemma), plus the
  context similarity of the two claims' texts (sentence embeddings, a soft signal weighted by
  ``context``), plus ``same_article`` for two mentions in one report, plus ``shared_time`` /
  ``shared_place`` when a date or place is common, minus
  ``counted_penalty`` when both count people of different kinds ("20 civilians" / "300
  fighters").

**Background.** A claim is background (an earlier event cited for comparison: "the 2004
tsunami", "had sunk in 1989") when its anchor carries a cue (pluperfect, a year written on the
event noun, "last year's") or is dated well before the story's time span: the publication
dates of its reports, else the dates most of the story's claims give. Background nodes link
only to background nodes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from corroborate.records import Claim

__all__ = ["AlignConfig", "EventGroup", "EventNode", "align_events", "mark_background"]


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Weights of the event alignment (see the module docstring)."""

    threshold: float = 0.55
    same_class: float = 0.45
    same_lemma: float = 0.15
    same_article: float = 0.20  # one report's mentions of one kind of event: mostly one event
    context: float = 0.35  # times (cosine - 0.3)
    shared_time: float = 0.15
    shared_place: float = 0.10
    counted_penalty: float = 0.30
    clash: float = 1.5  # a date, place or background clash (averaged over the clusters)
    across: float = 0.60  # mean context similarity to merge two events of different classes
    earlier_days: int = 30  # dated this long before the story's span: background

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 2.0:
            raise ValueError("threshold must be in [0.0, 2.0]")


@dataclass(slots=True)
class EventNode:
    """One mention of an event: a claim's own event (``claim`` set, ``own``) or one it refers to."""

    article: str
    claim: int  # index of the claim it comes from
    own: bool  # the claim's own event (its anchor words)
    spans: list[tuple[int, int]]
    lemma: str
    event_class: str
    times: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    counted: set[str] = field(default_factory=set)
    background: bool = False


@dataclass(slots=True)
class EventGroup:
    """One real event (or state) of the story and everything that mentions it.

    ``claims`` are (article id, claim index) of the claims whose own event it is; ``spans``
    (article id, start, end) every event word that names it (anchors and references);
    ``articles`` the articles that mention it, in story order; ``lemmas`` the words used, most
    frequent first; ``times`` / ``places`` the dates and places its claims give;
    ``background`` an earlier event the story cites, not the story's own.
    """

    id: int
    event_class: str
    claims: list[tuple[str, int]]
    spans: list[tuple[str, int, int]]
    articles: list[str]
    lemmas: list[str]
    times: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    background: bool = False


_PEOPLE = frozenset(
    [
        "people",
        "person",
        "civilian",
        "soldier",
        "child",
        "woman",
        "man",
        "fighter",
        "rebel",
        "militant",
        "police",
        "officer",
        "student",
        "worker",
        "passenger",
        "crew",
        "sailor",
        "resident",
        "member",
    ]
)


def _counted(claim: Claim) -> set[str]:
    out = set()
    for q in claim.quantities:
        word = str(q.get("counted") or "").lower().rstrip("s")
        word = {"children": "child", "women": "woman", "men": "man", "peopl": "people"}.get(
            word, word
        )
        if word in _PEOPLE and word != "people":
            out.add(word)
    return out


def nodes_of(claims: list[Claim], background: set[int] | None = None) -> list[EventNode]:
    """The event nodes of a story's claims (an article's claims in order); ``background`` the
    positions of the claims about earlier events (default: the claims' own flag)."""
    out: list[EventNode] = []
    for k, claim in enumerate(claims):
        anchors = [w for w in claim.events if w.anchor]
        if anchors and anchors[0].event_class:
            lead = anchors[0]
            out.append(
                EventNode(
                    article=claim.article,
                    claim=claim.index,
                    own=True,
                    spans=[(w.start, w.end) for w in anchors],
                    lemma=lead.lemma,
                    event_class=lead.event_class or lead.lemma,
                    times=set(claim.event_times),
                    places={(p.name or p.text).casefold() for p in claim.places},
                    countries={p.country for p in claim.places if p.country},
                    counted=_counted(claim),
                    background=(k in background) if background is not None else claim.background,
                )
            )
        for word in claim.events:
            if word.anchor or not word.event_class:
                continue
            out.append(
                EventNode(
                    article=claim.article,
                    claim=claim.index,
                    own=False,
                    spans=[(word.start, word.end)],
                    lemma=word.lemma,
                    event_class=word.event_class,
                    background=word.background,
                )
            )
    return out


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except (ValueError, OverflowError):
        return None


def _times_clash(a: set[str], b: set[str]) -> bool:
    if not a or not b or a & b:
        return False
    days_a = [d for d in map(_day, a) if d]
    days_b = [d for d in map(_day, b) if d]
    if days_a and days_b:
        return min(abs((x - y).days) for x in days_a for y in days_b) > 1
    weekdays_a = {v.casefold() for v in a if not _day(v) and not v[:1].isdigit()}
    weekdays_a |= {d.strftime("%A").casefold() for d in days_a}
    weekdays_b = {v.casefold() for v in b if not _day(v) and not v[:1].isdigit()}
    weekdays_b |= {d.strftime("%A").casefold() for d in days_b}
    if weekdays_a and weekdays_b:
        return not weekdays_a & weekdays_b
    years_a = {v[:4] for v in a if v[:4].isdigit()}
    years_b = {v[:4] for v in b if v[:4].isdigit()}
    return bool(years_a and years_b and not years_a & years_b)


def _places_clash(x: EventNode, y: EventNode) -> bool:
    if not x.places or not y.places or x.places & y.places:
        return False
    return bool(x.countries and y.countries and not x.countries & y.countries)


def mark_background(claims: list[Claim], published: list[str | None], days: int = 30) -> set[int]:
    """Positions (in ``claims``) of the claims about an earlier event: a cue on the claim's
    anchor (``claim.background``), or dated well before the story's span.

    The span starts at the earliest publication date, else at the earliest of the story's own
    event dates: the date most claims give and the dates within a week of it.
    """
    out = {k for k, c in enumerate(claims) if c.background}
    starts = sorted(d for d in (_day(p or "") for p in published) if d)
    if starts:
        first = starts[0]
    else:
        counts = Counter(
            d for c in claims for d in {_day(t) for t in c.event_times} if d is not None
        )
        if not counts:
            years = Counter(t[:4] for c in claims for t in c.event_times if t[:4].isdigit())
            if not years:
                return out
            top_year = years.most_common(1)[0][0]
            for k, c in enumerate(claims):
                if c.event_times and all(
                    t[:4].isdigit() and t[:4] < top_year for t in c.event_times
                ):
                    out.add(k)
            return out
        top_day = counts.most_common(1)[0][0]
        # The story's own dates: the most named one and those within a week of it.
        first = min(d for d in counts if abs((d - top_day).days) <= 7)
    for k, c in enumerate(claims):
        dated = [d for d in (_day(t) for t in c.event_times) if d]
        written = [t for t in c.event_times if len(t) == 4 and t.isdigit()]
        if (dated and all((first - d).days > days for d in dated)) or (
            written and all(int(y) < first.year for y in written)
        ):
            out.add(k)
    return out


def align_events(
    claims: list[Claim],
    vectors: np.ndarray | None = None,
    config: AlignConfig | None = None,
    order: dict[str, int] | None = None,
    background: set[int] | None = None,
) -> list[EventGroup]:
    """Cluster the event nodes of ``claims`` (a story's claims, every article's in order) into
    event groups (see the module docstring). ``vectors`` are unit embeddings of the claims'
    texts, one row per claim, for the context signal (none: no context signal). ``order`` is
    each article's position in the story (default: first seen). Groups come in the order of
    their first mention. ``background``: see :func:`nodes_of`."""
    config = config or AlignConfig()
    nodes = nodes_of(claims, background)
    position = {(c.article, c.index): k for k, c in enumerate(claims)}
    if order is None:
        order = {}
        for c in claims:
            order.setdefault(c.article, len(order))
    by_class: dict[str, list[int]] = {}
    for k, node in enumerate(nodes):
        by_class.setdefault(node.event_class, []).append(k)
    clusters = [
        cluster
        for members in by_class.values()
        for cluster in _cluster(members, nodes, vectors, position, config)
    ]
    if vectors is not None and len(vectors) and config.across < 1.0:
        clusters = _across_classes(clusters, nodes, vectors, position, config)
    label = [-1] * len(nodes)
    for number, cluster in enumerate(clusters):
        for k in cluster:
            label[k] = number
    groups: dict[int, list[int]] = {}
    for k, lab in enumerate(label):
        groups.setdefault(lab, []).append(k)
    out = []
    for members in groups.values():
        members.sort(key=lambda k: (order[nodes[k].article], nodes[k].spans[0][0]))
        picked = [nodes[k] for k in members]
        claim_refs = list(dict.fromkeys((n.article, n.claim) for n in picked if n.own))
        lemmas = Counter(n.lemma for n in picked)
        out.append(
            EventGroup(
                id=0,
                event_class=picked[0].event_class,
                claims=claim_refs,
                spans=[(n.article, s, e) for n in picked for s, e in n.spans],
                articles=list(dict.fromkeys(n.article for n in picked)),
                lemmas=[w for w, _ in lemmas.most_common()],
                times=sorted({t for n in picked for t in n.times}),
                places=sorted({p for n in picked for p in n.places}),
                background=all(n.background for n in picked),
            )
        )
    out.sort(key=lambda g: (order[g.articles[0]], g.spans[0][1]))
    for number, group in enumerate(out, 1):
        group.id = number
    return out


def _pair_scores(
    members: list[int],
    nodes: list[EventNode],
    vectors: np.ndarray | None,
    position: dict[tuple[str, int], int],
    config: AlignConfig,
) -> np.ndarray:
    n = len(members)
    score = np.full((n, n), config.same_class, dtype=np.float64)
    picked = [nodes[k] for k in members]
    if vectors is not None and len(vectors):
        rows = np.asarray([position[(p.article, p.claim)] for p in picked])
        sub = vectors[rows]
        score += config.context * (sub @ sub.T - 0.3)
    for i, a in enumerate(picked):
        for j in range(i + 1, n):
            b = picked[j]
            s = 0.0
            if a.lemma == b.lemma:
                s += config.same_lemma
            if a.article == b.article:
                s += config.same_article
            if a.article == b.article and a.claim == b.claim:
                s = -np.inf
            elif _blocked(a, b):
                s -= config.clash
            else:
                if a.times & b.times:
                    s += config.shared_time
                if a.places & b.places:
                    s += config.shared_place
                if a.counted and b.counted and not a.counted & b.counted:
                    s -= config.counted_penalty
            score[i, j] += s
            score[j, i] += s
    np.fill_diagonal(score, -np.inf)
    return score


def _blocked(a: EventNode, b: EventNode) -> bool:
    return (
        a.background != b.background
        or _times_clash(a.times, b.times)
        or _places_clash(a, b)
        or (a.article == b.article and a.claim == b.claim)
    )


def _across_classes(
    clusters: list[list[int]],
    nodes: list[EventNode],
    vectors: np.ndarray,
    position: dict[tuple[str, int], int],
    config: AlignConfig,
) -> list[list[int]]:
    """Merge clusters of different classes whose claims say nearly the same thing (mean
    context similarity of their own claims at least ``config.across``, no blocked pair): the
    verbs a lexicon cannot know ("checked into" / "entered", "escaped" / "ran off")."""
    own = [[k for k in c if nodes[k].own] for c in clusters]
    live = [i for i, o in enumerate(own) if o]
    if len(live) < 2:
        return clusters
    dim = vectors.shape[1]
    sums = np.zeros((len(clusters), dim))
    count = np.zeros(len(clusters))
    for i in live:
        rows = [position[(nodes[k].article, nodes[k].claim)] for k in own[i]]
        sums[i] = vectors[rows].sum(axis=0)
        count[i] = len(rows)
    classes = [nodes[c[0]].event_class for c in clusters]
    active = np.zeros(len(clusters), dtype=bool)
    active[live] = True
    refused: set[tuple[int, int]] = set()
    while True:
        idx = np.flatnonzero(active)
        if len(idx) < 2:
            break
        # Mean pair similarity of two clusters' claims = dot of their sums / (m * n).
        mean = (sums[idx] @ sums[idx].T) / np.outer(count[idx], count[idx])
        np.fill_diagonal(mean, -np.inf)
        for a, b in refused:
            pa, pb = np.searchsorted(idx, a), np.searchsorted(idx, b)
            if pa < len(idx) and pb < len(idx) and idx[pa] == a and idx[pb] == b:
                mean[pa, pb] = mean[pb, pa] = -np.inf
        i, j = divmod(int(np.argmax(mean)), len(idx))
        if mean[i, j] < config.across:
            break
        a, b = int(idx[min(i, j)]), int(idx[max(i, j)])
        if classes[a] == classes[b] or any(
            _blocked(nodes[x], nodes[y]) for x in clusters[a] for y in clusters[b]
        ):
            refused.add((a, b))
            continue
        clusters[a] = clusters[a] + clusters[b]
        clusters[b] = []
        sums[a] += sums[b]
        count[a] += count[b]
        active[b] = False
        refused = {(x, y) for x, y in refused if b not in (x, y)}
    return [c for c in clusters if c]


def _cluster(
    members: list[int],
    nodes: list[EventNode],
    vectors: np.ndarray | None,
    position: dict[tuple[str, int], int],
    config: AlignConfig,
) -> list[list[int]]:
    """Average-link clusters of one class's nodes; a blocked pair never shares a cluster."""
    n = len(members)
    if n == 1:
        return [members]
    sim = _pair_scores(members, nodes, vectors, position, config)
    blocked = ~np.isfinite(sim)
    total = np.where(blocked, 0.0, sim)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    mean = np.where(blocked, -np.inf, total)
    while True:
        i, j = divmod(int(np.argmax(mean)), n)
        if not np.isfinite(mean[i, j]) or mean[i, j] < config.threshold:
            break
        i, j = min(i, j), max(i, j)
        clusters[i].extend(clusters.pop(j))
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        blocked[i, :] |= blocked[j, :]
        blocked[:, i] |= blocked[:, j]
        size[i] += size[j]
        alive[j] = False
        mean[j, :] = mean[:, j] = -np.inf
        row = total[i, :] / (size[i] * size)
        row[blocked[i, :] | ~alive] = -np.inf
        row[i] = -np.inf
        mean[i, :] = row
        mean[:, i] = row
    return [[members[k] for k in clusters[c]] for c in sorted(clusters)]
