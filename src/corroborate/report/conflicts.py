"""Conflicts: figures that cannot both be true, and one event placed on different days or hours.

**Figures.** Every quantity of every claim of the story that counts something for a role
("killed ... civilians") is read as the interval its wording allows: ``exact`` 20 is [20, 20],
``at least`` / ``more than`` 20 is [20, inf), ``about`` 20 is [18, 22] (10 %), ``up to`` /
``at most`` / ``less than`` 20 is [0, 20], a range its bounds. Vague amounts ("dozens") are
left out: they agree with too much to conflict. Quantities are keyed by role class (kill, die,
"claimed ... lives" are one *death* role), counted class (people, individuals, lives are one)
and unit, across all claim groups: two reports of one toll often land in different groups.
Within a key, figures are swept in order of their lower bound into *sides* whose intervals
share a common part; two or more sides are a conflict ("over 300" and "300+" agree; "at least
20" and "approximately 20" agree; "approximately 20" and "at least 27" do not).

A figure conflict says when its sides differ in attribution (a monitor's count against the UN's)
or carry a time window ("in the past three days"): two counts may then both be right, and the
conflict's confidence is lowered from 0.9 to 0.6.

**Days and hours.** Within a claim group (claims that state the same fact), or two groups that
tell one event over neighbouring sentences of the same two or more articles, articles whose
weekdays (or clock times) are disjoint place the event differently: a statement dated Saturday by
one outlet and Sunday by another, a curfew from Friday evening in one report and from Saturday
17:00 in another. Confidence 0.8 (a group may hold two related events).

Each side names its articles and quotes the claims' sentences as evidence.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from corroborate.records import Claim, TimeExpr
from corroborate.report.groups import LIGHT_VERBS, ClaimGroup, quantity_key
from corroborate.report.tables import source_of

__all__ = [
    "Conflict",
    "History",
    "Side",
    "add_claim",
    "background",
    "figure_histories",
    "find_conflicts",
    "interval",
]

ABOUT = 0.10  # "about 20" allows 18-22
_WINDOW_KINDS = ("duration", "relative")


@dataclass(slots=True)
class Side:
    """One position in a conflict: the value as written and who holds it."""

    value: str  # "at least 27 civilians", "Saturday", "17:00"
    claims: list[tuple[str, int]] = field(default_factory=list)  # (article id, claim index)
    articles: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # the claims' text, as in the articles
    attributed_to: list[str] = field(default_factory=list)
    windows: list[str] = field(default_factory=list)  # time windows given with a figure


@dataclass(slots=True)
class Conflict:
    """Sides that cannot all be right about one thing."""

    kind: str  # "figure", "day" or "time"
    about: str  # what it is about: "death of civilians", or the claim group's statement
    sides: list[Side]
    confidence: float
    note: str = ""  # why it may not be a real conflict (other source, other window)
    group: int | None = None  # the claim group, for day and time conflicts


def interval(q: dict[str, Any]) -> tuple[float, float] | None:
    """The values a quantity's wording allows, or ``None`` for a vague amount."""
    qualifier = q.get("qualifier")
    value, low, high = q.get("value"), q.get("low"), q.get("high")
    if qualifier == "range" and low is not None and high is not None:
        return float(low), float(high)
    if value is None:
        return None
    v = float(value)
    if qualifier in ("at least", "more than"):
        return v, math.inf
    if qualifier in ("up to", "at most", "less than"):
        return 0.0, v
    if qualifier == "about":
        return v * (1 - ABOUT), v * (1 + ABOUT)
    if qualifier == "exact":
        return v, v
    return None


def find_conflicts(
    groups: list[ClaimGroup], *, published: dict[str, str | None] | None = None
) -> list[Conflict]:
    """Figure conflicts across the story, then day and time conflicts within claim groups.

    ``published`` (article id -> publication time) tells figure updates from conflicts: see
    :func:`figure_histories`."""
    return _figures(groups, published or {})[0] + _time_conflicts(groups)


def figure_histories(
    groups: list[ClaimGroup], *, published: dict[str, str | None] | None = None
) -> list[History]:
    """Figures of one kind that change with publication time (1, then 5, then 24 dead): each
    value given only in articles published after every article of the value before it."""
    return _figures(groups, published or {})[1]


def background(claim: Claim, story_year: int | None = None, story_month: int | None = None) -> bool:
    """A claim about an earlier event: flagged so by the claims (``claim.background``), told
    as earlier ("earlier this year", "two years ago", "last month"), or dated
    in a year before the story's ("in 1989", "the 1991 crash") or a month 1-6 months before the
    story's own ("In January", in a December story)."""
    if getattr(claim, "background", False):
        return True
    if _EARLIER.search(claim.text):
        return True
    for t in claim.times:
        year = int(t.date[:4]) if t.date and t.date[:4].isdigit() else None
        if story_year is not None and year is not None and year < story_year:
            return True
        month = _month(t.date)
        same_year = year is None or year == story_year
        gap = (story_month - month) % 12 if story_month and month else 0
        if 1 <= gap <= 6 and not t.weekday and same_year:
            return True
    if story_year is None:
        return False
    return any(int(y) < story_year for y in _YEAR.findall(claim.text))


def _month(date: str | None) -> int | None:
    """The month of an ISO date or a month without year ("--01", "--11-19")."""
    if not date:
        return None
    part = date[2:4] if date.startswith("--") else date[5:7]
    return int(part) if part.isdigit() else None


_EARLIER = re.compile(
    r"\b(earlier this (year|month)|last (year|month)|previous(ly)?|"
    r"(weeks|months|years|decades) (ago|earlier))\b",
    re.IGNORECASE,
)
# A figure after these words belongs to the event the claim is compared with.
_REFERENCE = re.compile(r"\b(weeks|months|years|decades) (after|before)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d,.$])((?:19|20)\d\d)(?![\d,]|s\b)")
# Counted nouns that are measures, not things counted: a distance or a duration given in one
# sentence is compared only with the same fact's (one claim group or event).
_MEASURES = frozenset(
    {"mile", "kilometre", "kilometer", "km", "metre", "meter", "foot", "feet", "yard", "inch",
     "hour", "minute", "second", "day", "week", "month", "year", "percent", "per cent", "degree",
     "knot", "ton", "tonne", "pound", "kilogram", "dollar", "euro", "time", "point", "mph"}
)  # fmt: skip
# Words between a figure and its counted noun that make it count a part: "two other rifles",
# "nine additional strikes" (descriptive words, "23 Somali pirates", "17 of the hijacked
# ships", do not).
_SUBSET = frozenset(
    {"other", "additional", "more", "further", "another", "new", "remaining", "foreign",
     "local", "separate", "extra"}
)  # fmt: skip
_NOT_SCOPE = frozenset({"of", "the", "a", "an", "and", "or", "-", "–", ","})
_NEAR = 40  # characters around a figure where a place gives its scope ("213 in Kenya")
_WINDOW = re.compile(
    r"\b(so far|to date|since|past|in the last|over the last|this year|this month|this week|"
    r"last year|in (?:the )?(?:first|last) \w+)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class History:
    """One kind of figure given differently as time went on: an update, not a conflict."""

    about: str
    sides: list[Side]  # in order of publication
    published: list[list[str]] = field(default_factory=list)  # per side, its articles' times


@dataclass(slots=True)
class _Figure:
    span: tuple[float, float]
    q: dict[str, Any]
    claim: Claim
    group: int
    scope: frozenset[str]  # places the figure is for
    window: str | None  # the time window it counts over ("P3D", "so far this year")


def _figures(
    groups: list[ClaimGroup], published: dict[str, str | None]
) -> tuple[list[Conflict], list[History]]:
    year = _story_year(groups, published)
    month = _story_month(groups, published)
    by_key: dict[tuple[Any, ...], list[_Figure]] = {}
    for group in groups:
        event = _event_of(group)
        for claim in group.claims:
            if background(claim, year, month):
                continue  # an earlier event's figures are never a side
            for q in claim.quantities:
                if _REFERENCE.search(claim.text[: max(0, q.get("start", 0) - claim.start)]):
                    continue  # "came weeks after a driver shot eight people": that event's
                role, counted = quantity_key(q)
                span = interval(q)
                if counted is None and q.get("unit"):
                    counted = str(q["unit"])  # "15 years", "150 km": a measure
                if role is None or counted is None or span is None:
                    continue
                measure = q.get("unit") is not None or counted in _MEASURES
                # A measure (a distance, a duration) belongs to its own fact: one group.
                where = group.id if measure else event
                key = (where, role, counted, q.get("unit"), _narrowed(q, claim))
                item = _Figure(span, q, claim, group.id, _scope(q, claim), _window_of(q, claim))
                by_key.setdefault(key, []).append(item)
    conflicts: list[Conflict] = []
    histories: list[History] = []
    for key, items in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        role, counted, unit = key[1], key[2], key[3]
        about = f"{role} of {counted}" + (f" ({unit})" if unit else "")
        if key[4]:
            about += f" ({' '.join(key[4])})"
        for part in _same_scope(items):
            if len({f.claim.article for f in part}) < 2:
                continue
            sides = _sweep(part)
            if len(sides) < 2 or _self_different(sides):
                continue
            times = _side_times(sides, published)
            if times is not None:
                ordered = [sides[k] for k in times]
                stamps = [_times_of(x, published) for x in ordered]
                histories.append(History(about, ordered, stamps))
                continue
            conflicts.append(_figure_conflict(about, sides))
    return conflicts, histories


def _self_different(sides: list[Side]) -> bool:
    """One claim on two sides: a sentence that gives both figures counts two things ("two
    counts of murder, one count of attempted murder"), not one thing two ways."""
    seen: set[tuple[str, int]] = set()
    for side in sides:
        refs = set(side.claims)
        if refs & seen:
            return True
        seen |= refs
    return False


def _figure_conflict(about: str, sides: list[Side]) -> Conflict:
    attributed = [set(side.attributed_to) for side in sides]
    windows = [w for side in sides for w in side.windows]
    notes = []
    if any(a and b and not (a & b) for a in attributed for b in attributed):
        notes.append("the sides cite different sources")
    if windows:
        notes.append(f"a figure is given for a time window ({'; '.join(sorted(set(windows)))})")
    return Conflict("figure", about, sides, 0.6 if notes else 0.9, "; ".join(notes))


def _event_of(group: ClaimGroup) -> Any:
    """The real event a group is about, when the groups carry one (``event``); else the story:
    figures of one kind are then compared across all groups."""
    return getattr(group, "event", None)


def _story_year(groups: list[ClaimGroup], published: dict[str, str | None]) -> int | None:
    years = sorted(int(p[:4]) for p in published.values() if p and p[:4].isdigit())
    if years:
        return years[0]
    dated = Counter(
        int(t.date[:4]) for g in groups for c in g.claims for t in c.times
        if t.date and t.date[:4].isdigit()
    )  # fmt: skip
    return dated.most_common(1)[0][0] if dated else None


def _story_month(groups: list[ClaimGroup], published: dict[str, str | None]) -> int | None:
    """The story's month: of its first publication, else the month its dated weekdays and
    dates name most."""
    months = sorted(p[:7] for p in published.values() if p and len(p) >= 7)
    if months:
        return _month(months[0])
    counts = Counter(
        m for g in groups for c in g.claims for t in c.times
        if (m := _month(t.date)) is not None and len(t.date or "") >= 7
    )  # fmt: skip
    return counts.most_common(1)[0][0] if counts else None


def _narrowed(q: dict[str, Any], claim: Claim) -> tuple[str, ...]:
    """Words between a figure and its counted noun that narrow what is counted ("seven AK-47
    rifles", "two other rifles", "12 Kenyan staff"): such figures count a subset."""
    counted = q.get("counted")
    if not counted:
        return ()
    at = q.get("end", 0) - claim.start
    after = claim.text[at : at + 80] if 0 <= at <= len(claim.text) else ""
    words = re.findall(r"[\w'-]+", after)
    lowered = [w.casefold() for w in words]
    try:
        stop = lowered.index(str(counted).casefold())
    except ValueError:
        return ()
    complement: tuple[str, ...] = ()
    if stop + 2 < len(lowered) and lowered[stop + 1] == "of":  # "two counts of murder"
        rest = [w for w in lowered[stop + 2 : stop + 4] if w not in _NOT_SCOPE]
        complement = ("of", *rest[:1]) if rest else ()
    return (
        tuple(
            w.casefold()
            for w in words[:stop]
            if w.casefold() in _SUBSET or any(ch.isdigit() for ch in w)  # "AK-47 rifles"
        )
        + complement
    )


def _scope(q: dict[str, Any], claim: Claim) -> frozenset[str]:
    """Where the figure counts: the countries (or names) of the places next to it ("213 in
    Kenya", "Tanzania's 11 dead"), leaving out a place inside the attribution ("the UK-based
    Observatory")."""
    source = claim.attribution
    start, end = q.get("start", 0), q.get("end", 0)
    return frozenset(
        (p.country or p.name or p.text).casefold()
        for p in claim.places
        if not (source and source.start <= p.start and p.end <= source.end)
        and start - _NEAR <= p.start
        and p.end <= end + _NEAR
    )


def _window_of(q: dict[str, Any], claim: Claim) -> str | None:
    for t in claim.times:
        if _is_window(t) and not _overlaps(t, q):
            return t.duration or " ".join(t.text.casefold().split())
    return None


def _overlaps(t: TimeExpr, q: dict[str, Any]) -> bool:
    """The time is the figure itself ("15 years"), not a window it counts over."""
    return t.start < q.get("end", 0) and q.get("start", 0) < t.end


def _is_window(t: TimeExpr) -> bool:
    """A time window a count runs over ("in the past three days", "so far this year")."""
    return t.kind == "duration" or (t.kind in _WINDOW_KINDS and bool(_WINDOW.search(t.text)))


def _same_scope(items: list[_Figure]) -> list[list[_Figure]]:
    """Figures that count over the same places and time window.

    Places split a kind of figure only when the story itself tells them apart: some article
    gives that kind of figure for two places, or for a place and without one ("213 in Kenya,
    11 in Tanzania, 224 in all"); each place's figures are then compared with their own, and
    figures naming none with each other (a total). Otherwise a place next to a figure is
    incidental. Windows ("in the past three days", "so far this year") split whenever two
    differ: figures naming none then go with no window; with one window named, figures
    without one go with it (and the conflict says so)."""
    per_article: dict[str, set[frozenset[str]]] = {}
    for f in items:
        per_article.setdefault(f.claim.article, set()).add(f.scope)
    parts = [items]
    if any(len(scopes) > 1 for scopes in per_article.values()):
        scopes = sorted({f.scope for f in items}, key=sorted)
        parts = [[f for f in items if f.scope == scope] for scope in scopes]
    split: list[list[_Figure]] = []
    for part in parts:
        named = {f.window for f in part if f.window}
        if len(named) <= 1:
            split.append(part)
            continue
        for value in sorted(named):
            split.append([f for f in part if f.window == value])
    return split


def _times_of(side: Side, published: dict[str, str | None]) -> list[str]:
    return [published.get(a) or "" for a in side.articles]


def _side_times(sides: list[Side], published: dict[str, str | None]) -> list[int] | None:
    """The sides in order of publication when the figure changed with time: every article of
    a side published after every article of the side before, the values moving one way. None
    when two values were given at one time (a conflict) or a date is missing."""
    spans = []
    for side in sides:
        times = _times_of(side, published)
        if not all(times):
            return None
        spans.append((min(times), max(times)))
    order = sorted(range(len(sides)), key=lambda k: spans[k])
    for a, b in itertools.pairwise(order):
        if not spans[a][1] < spans[b][0]:
            return None
    if order != sorted(order) and order != sorted(order, reverse=True):
        return None  # up and down again: not one count growing (or revised down)
    return order


def _sweep(items: list[_Figure]) -> list[Side]:
    """Figures in order of their lower bound, cut into sides with a common part."""
    sides: list[Side] = []
    common: tuple[float, float] | None = None
    for f in sorted(items, key=lambda f: (f.span[0], f.span[1])):
        low, high = f.span
        if common is None or low > common[1]:
            sides.append(Side(_written(f.q)))
            common = (low, high)
        else:
            common = (max(common[0], low), min(common[1], high))
            if _written(f.q) not in sides[-1].value.split(" / "):
                sides[-1].value += f" / {_written(f.q)}"
        add_claim(sides[-1], f.claim)
        for t in f.claim.times:
            if _is_window(t) and not _overlaps(t, f.q) and t.text not in sides[-1].windows:
                sides[-1].windows.append(t.text)
    return sides


def _written(q: dict[str, Any]) -> str:
    counted = q.get("counted")
    return f"{q['text']} {counted}" if counted and counted not in q["text"] else str(q["text"])


def add_claim(side: Side, claim: Claim) -> None:
    """Put ``claim`` on ``side`` once: its reference, article, text and attribution."""
    ref = (claim.article, claim.index)
    if ref in side.claims:
        return
    side.claims.append(ref)
    if claim.article not in side.articles:
        side.articles.append(claim.article)
    side.evidence.append(claim.text)
    who = source_of(claim)
    if who and who not in side.attributed_to:
        side.attributed_to.append(who)


def _time_conflicts(groups: list[ClaimGroup]) -> list[Conflict]:
    year = _story_year(groups, {})
    month = _story_month(groups, {})
    found = []
    seen: set[tuple[str, frozenset[tuple[str, str]]]] = set()
    for about, group_id, claims in _frames(groups):
        for kind, read in (("day", _weekdays), ("day", _dates), ("time", _clocks)):
            per_article: dict[str, tuple[set[str], list[Claim]]] = {}
            for claim in claims:
                if not claim.predicate:
                    continue  # a dateline or a time stamp ("May 2, 2013 1:35 pm") states nothing
                if background(claim, year, month) or _STAMP.search(claim.text):
                    continue  # an earlier event's day, or a time stamp
                values = read(claim)
                if values:
                    held = per_article.setdefault(claim.article, (set(), []))
                    held[0].update(values)
                    held[1].append(claim)
            if len(per_article) < 2:
                continue
            sides: dict[frozenset[str], Side] = {}
            for held_values, held_claims in per_article.values():
                key = frozenset(held_values)
                side = sides.setdefault(key, Side(", ".join(sorted(key))))
                for claim in held_claims:
                    add_claim(side, claim)
            keys = list(sides)
            if len(keys) < 2 or not any(
                not (a & b) and _one_event(sides[a], sides[b], claims)
                for a in keys
                for b in keys
                if a != b
            ):
                continue
            signature = (kind, frozenset((s.value, a) for s in sides.values() for a in s.articles))
            if signature in seen:
                continue
            seen.add(signature)
            found.append(Conflict(kind, about, list(sides.values()), 0.8, group=group_id))
    return found


def _frames(groups: list[ClaimGroup]) -> list[tuple[str, int | None, list[Claim]]]:
    """Each claim group, then each pair of groups that tell one event over neighbouring
    sentences of the same articles ("Assad responded on Sunday, vowing..." / "In a statement on
    Saturday, Assad asserted..." land in two groups of two articles each)."""
    frames: list[tuple[str, int | None, list[Claim]]] = [
        (g.statement, g.id, list(g.claims)) for g in groups
    ]
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            shared = set(a.articles) & set(b.articles)
            if len(shared) < 2:
                continue
            near = all(
                min(
                    abs(x.sentence - y.sentence)
                    for x in a.claims
                    if x.article == article
                    for y in b.claims
                    if y.article == article
                )
                <= 1
                for article in shared
            )
            if near:
                frames.append((a.statement, a.id, list(a.claims) + list(b.claims)))
    return frames


def _one_event(a: Side, b: Side, claims: list[Claim]) -> bool:
    """Two sides tell one event when a claim of each has the same predicate (not a light verb)
    or names the same actor: "the black box was found Tuesday" and "Hall met Freeh Monday" in
    one group are two events, "Assad responded on Sunday" and "on Saturday, Assad said" one."""
    by_ref = {(c.article, c.index): c for c in claims}
    left = [by_ref[r] for r in a.claims if r in by_ref]
    right = [by_ref[r] for r in b.claims if r in by_ref]
    return any(_same_event(x, y) for x in left for y in right)


def _same_event(x: Claim, y: Claim) -> bool:
    if _ANOTHER.search(x.text) or _ANOTHER.search(y.text):
        return False  # "nine additional airstrikes": other strikes than the first ones
    if x.predicate and x.predicate == y.predicate and x.predicate not in LIGHT_VERBS:
        return True
    if _named_as_noun(x, y) or _named_as_noun(y, x):
        return True  # "ordered the evacuation" / "the order to evacuate was issued"
    if _STATEMENT.search(x.text) and _STATEMENT.search(y.text) and _names(x) & _names(y):
        return True  # one person's statement, worded "responded" in one, "asserted" in another
    return bool(_thing(x.object) & _thing(y.object))


_STATEMENT = re.compile(
    r"\b(respond|responded|assert|asserted|vow|vowed|vowing|statement|declared|pledged|"
    r"warned|announced|speech|address)\b",
    re.IGNORECASE,
)


def _named_as_noun(x: Claim, y: Claim) -> bool:
    """``x``'s predicate is the event noun of ``y``'s subject or object ("order": "the order
    to evacuate")."""
    verb = (x.predicate or "").casefold()
    if len(verb) < 4 or verb in LIGHT_VERBS or " " in verb:
        return False
    heads = _thing(y.subject) | _thing(y.object)
    return any(h.startswith(verb[:5]) for h in heads)


def _thing(phrase: str | None) -> set[str]:
    """The head noun of an object, roughly: its last word before a preposition, a clause, a
    participle or a comma ("a curfew beginning Friday evening", "an overnight curfew, starting
    at 17:00": "curfew"); empty for a weekday or a short word."""
    words: list[str] = []
    for word in re.findall(r"[\w'-]+|,", (phrase or "").casefold()):
        if word == "," or word in _CUT or (word.endswith("ing") and words):
            break
        words.append(word)
    head = words[-1] if words else ""
    return {head} if len(head) >= 4 and head not in _DAY_WORDS else set()


_CUT = frozenset(
    {
        "of", "in", "on", "at", "for", "with", "from", "to", "by", "that", "which", "who",
        "whose", "where", "when", "after", "before", "as",
    }
)  # fmt: skip


_DAY_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "morning", "evening", "night", "afternoon", "today", "yesterday",
        "their", "there", "these", "those", "that", "this", "with", "from",
    }
)  # fmt: skip


# A claim that tells another occurrence of something already told.
_ANOTHER = re.compile(r"\b(additional|another|further|again|second|fresh|renewed)\b(?!-)", re.I)


def _names(claim: Claim) -> set[str]:
    """The words of the people and organisations a claim names ("Bashar al-Assad" and "Assad"
    share "assad")."""
    return {
        w.casefold()
        for m in claim.actors
        if m.type in ("person", "organisation")
        for w in re.findall(r"[A-Z][\w-]{2,}", m.text)
    }


_STAMP = re.compile(r"\b(updated|posted|published|last modified)\b", re.IGNORECASE)
# A day right after a reporting verb is the day of the report ("police said Saturday").
_REPORTED = re.compile(r"\b(said|says|told|reported|announced|confirmed|according to)\W*$", re.I)
# A day after one of these belongs to another event of the sentence ("charged after a shooting
# Friday"), unless the claim's own predicate comes after it.
_SUBORDINATE = re.compile(r"\b(after|before|following|since|until|when|while)\b", re.I)


def _own(claim: Claim, t: TimeExpr) -> bool:
    """Whether the time ``t`` places the claim's own event (its predicate), not the report of
    it or another event told in the same sentence."""
    at = t.start - claim.start
    if not 0 <= at <= len(claim.text):
        return True
    before = claim.text[:at]
    if _REPORTED.search(before):
        return False
    cut = list(_SUBORDINATE.finditer(before))
    if not cut or not claim.predicate:
        return True
    stem = claim.predicate[:4].casefold()
    last = cut[-1].start()
    return stem not in before[:last].casefold() or stem in before[last:].casefold()


def _weekdays(claim: Claim) -> frozenset[str]:
    return frozenset(t.weekday for t in claim.times if t.weekday and _own(claim, t))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _dates(claim: Claim) -> frozenset[str]:
    """The calendar days a claim puts its own event on ("September 9", with or without the
    year), for claims without a weekday (a weekday and its date are one day)."""
    if any(t.weekday for t in claim.times):
        return frozenset()
    out = set()
    for t in claim.times:
        if t.kind != "date" or not t.date or not _own(claim, t):
            continue
        day = t.date[-5:]
        whole = len(t.date) == 10 or (len(t.date) == 7 and t.date.startswith("--"))
        if whole and day[2] == "-" and day[:2].isdigit() and day[3:].isdigit():
            out.add(f"{_MONTHS[int(day[:2]) - 1]} {int(day[3:])}")
    return frozenset(out)


def _clocks(claim: Claim) -> frozenset[str]:
    return frozenset(t.clock for t in claim.times if t.clock and _own(claim, t))
