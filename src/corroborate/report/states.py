"""Opposite statements: one thing in states that cannot both hold, or one statement denied.

**States.** Claims whose text holds a state word (a cheap word test first) are parsed again with
the claims' spaCy pipeline. Each state word gives a (thing, state) pair: the thing is the head
noun of the word's theme — its direct object ("seized the airport"), passive subject ("the
airport was closed"), the subject of a predicative adjective ("the recorder is still missing"),
the object of "control of", or, for verbs without an object, its subject ("the bridge
collapsed") — with each noun joined to it by "and". States are classes of words:

============  =============================================================
captured      capture, seize, take control of, overrun, storm
closed        close, shut
open          open, reopen
damaged       damage
destroyed     destroy, collapse, demolish, flatten, raze
recovered     recover, retrieve, find, locate
missing       missing
alive         alive, survive
dead          dead, die
============  =============================================================

Two states of one thing that exclude each other — open/closed, open/destroyed,
damaged/destroyed, closed/destroyed (a bridge "closed" or "collapsed"), recovered/missing,
alive/dead — are a conflict of kind ``"state"`` when
articles of different independence groups hold them. Each side holds only the articles that
give its state and not the other (an article telling both tells a sequence: "the airport was
closed, then reopened"). States that may well coexist (a captured airport that is closed)
are no conflict. Negated claims are left out here; they are the next kind.

**Negation.** A claim and a negated claim of another independence group with the same predicate
(not a light verb) and the same participants — a content word in common in the subject and in
the object, where both give one — are opposite statements ("the army took over the school" /
"the army did not take over the school").

Claims about an earlier event (``conflicts.background``) are never a side. When the articles'
publication times show the two states one after the other (missing, then recovered), it is an
update, and no conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from corroborate.records import Claim
from corroborate.report.conflicts import Conflict, Side, add_claim, background
from corroborate.report.groups import LIGHT_VERBS, ClaimGroup

__all__ = ["EXCLUSIVE", "NEGATION_CONFIDENCE", "STATES", "state_conflicts"]

STATES: dict[str, frozenset[str]] = {
    "captured": frozenset({"capture", "seize", "take", "overrun", "storm"}),
    "closed": frozenset({"close", "shut"}),
    "open": frozenset({"open", "reopen"}),
    "damaged": frozenset({"damage"}),
    "destroyed": frozenset({"destroy", "collapse", "demolish", "flatten", "raze"}),
    "recovered": frozenset({"recover", "retrieve", "find", "locate"}),
    "missing": frozenset({"missing"}),
    "alive": frozenset({"alive", "survive"}),
    "dead": frozenset({"dead", "die"}),
}
EXCLUSIVE = frozenset(
    frozenset(pair)
    for pair in (
        ("open", "closed"),
        ("open", "destroyed"),
        ("damaged", "destroyed"),
        ("closed", "destroyed"),
        ("recovered", "missing"),
        ("alive", "dead"),
    )
)
CONFIDENCE = 0.6
NEGATION_CONFIDENCE = 0.7

_STATE_OF = {verb: state for state, verbs in STATES.items() for verb in verbs}
# A quick test before parsing: any inflection of a state verb.
_WORDS = re.compile(
    r"\b(captur|seiz|take|took|taking|overr[au]n|storm|clos|shut|suspend|halt|open|reopen|resum|"
    r"damag|destroy|collaps|demolish|flatten|raz|recover|retriev|found|find|locat|missing|alive|"
    r"surviv|dead|die|died)\w*",
    re.IGNORECASE,
)
_NOUNS = ("NOUN", "PROPN")
# Participles the small model tags as adjectives ("the airport was closed").
_ADJECTIVES = {"closed": "close", "shut": "shut", "open": "open", "reopened": "reopen",
               "damaged": "damage", "destroyed": "destroy", "collapsed": "collapse",
               "captured": "capture", "seized": "seize", "demolished": "demolish",
               "missing": "missing", "alive": "alive", "dead": "dead", "found": "find",
               "recovered": "recover"}  # fmt: skip


def state_conflicts(
    groups: Sequence[ClaimGroup],
    independence: dict[str, int],
    model: str | None = None,
    *,
    published: dict[str, str | None] | None = None,
) -> list[Conflict]:
    """Opposite statements (see the module docstring): states of one thing that exclude each
    other, then negated statements.

    ``independence`` maps article id to its independence group: two articles of one group are
    copies and never conflict with each other. ``published`` (article id -> publication time)
    tells an update (missing, later recovered) from a conflict.
    """
    published = published or {}
    everything = [c for g in groups for c in g.claims]
    year = _year(everything, published)
    current = [c for c in everything if not background(c, year)]
    claims = [c for c in current if not c.negated and _WORDS.search(c.text)]
    found = _states(claims, independence, model, published) if claims else []
    return found + _negations(current, independence, published)


def _year(claims: list[Claim], published: dict[str, str | None]) -> int | None:
    years = sorted(int(p[:4]) for p in published.values() if p and p[:4].isdigit())
    return years[0] if years else None


def _states(
    claims: list[Claim],
    independence: dict[str, int],
    model: str | None,
    published: dict[str, str | None],
) -> list[Conflict]:
    from corroborate.claims.nlp import get_nlp, parse

    nlp = get_nlp(model)
    held: dict[str, dict[str, list[tuple[str, Claim]]]] = {}  # thing -> state -> (verb, claim)
    for claim, doc in zip(claims, parse(nlp, [c.text for c in claims]), strict=True):
        for verb, state, thing in _pairs(doc):
            held.setdefault(thing, {}).setdefault(state, []).append((verb, claim))
    found = []
    for thing, states in sorted(held.items()):
        names = sorted(states)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if frozenset((a, b)) not in EXCLUSIVE:
                    continue
                both = {c.article for _, c in states[a]} & {c.article for _, c in states[b]}
                only_a = [(v, c) for v, c in states[a] if c.article not in both]
                only_b = [(v, c) for v, c in states[b] if c.article not in both]
                if not _apart(only_a, only_b, independence, published):
                    continue
                sides = []
                for members in (only_a, only_b):
                    verbs = list(dict.fromkeys(v for v, _ in members))
                    side = Side(f"{thing} {' / '.join(verbs)}")
                    for _, claim in members:
                        add_claim(side, claim)
                    sides.append(side)
                found.append(
                    Conflict(
                        "state",
                        f"the {thing}: {a} or {b}?",
                        sides,
                        CONFIDENCE,
                        f"reports call the {thing} '{a}' and '{b}'",
                    )
                )
    return found


def _apart(
    a: Sequence[tuple[str, Claim]],
    b: Sequence[tuple[str, Claim]],
    independence: dict[str, int],
    published: dict[str, str | None],
) -> bool:
    """Both sides held, by different independence groups, not one after the other in time."""
    if not a or not b:
        return False
    groups_a = {independence.get(c.article, -1) for _, c in a}
    groups_b = {independence.get(c.article, -1) for _, c in b}
    if groups_a == groups_b and len(groups_a) == 1:
        return False  # copies of one text
    times_a = [published.get(c.article) for _, c in a]
    times_b = [published.get(c.article) for _, c in b]
    if all(times_a) and all(times_b):
        ta, tb = [str(t) for t in times_a], [str(t) for t in times_b]
        if max(ta) < min(tb) or max(tb) < min(ta):
            return False  # one state, then the other: an update
    return True


_NEGATION_SKIP = frozenset({"know", "want", "need", "expect", "say", "tell", "comment", "give"})
_DENIAL = frozenset({"claim", "claimed", "deny", "denied", "insist", "insisted", "allege"})
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "there",
        "who",
        "which",
        "and",
    ]
)


def _negations(
    claims: list[Claim], independence: dict[str, int], published: dict[str, str | None]
) -> list[Conflict]:
    by_predicate: dict[str, list[Claim]] = {}
    for c in claims:
        p = c.predicate
        if c.hedge or (c.attribution and c.attribution.cue.casefold() in _DENIAL):
            continue  # "she claimed the shootings didn't happen": a party's word, not a report
        if p and p not in LIGHT_VERBS and p not in _NEGATION_SKIP and (c.subject or c.object):
            by_predicate.setdefault(p, []).append(c)
    found = []
    for predicate, members in sorted(by_predicate.items()):
        denied = [c for c in members if c.negated]
        stated = [c for c in members if not c.negated]
        if not denied or not stated:
            continue
        pairs = [(x, y) for x in stated for y in denied
                 if x.article != y.article and _same_participants(x, y)]  # fmt: skip
        if not pairs:
            continue
        yes = list({id(x): x for x, _ in pairs}.values())
        no = list({id(y): y for _, y in pairs}.values())
        both = {c.article for c in yes} & {c.article for c in no}
        yes = [c for c in yes if c.article not in both]
        no = [c for c in no if c.article not in both]
        if not _apart([("", c) for c in yes], [("", c) for c in no], independence, published):
            continue
        sides = [Side(predicate), Side(f"not {predicate}")]
        for side, group in zip(sides, (yes, no), strict=True):
            for claim in group:
                add_claim(side, claim)
        thing = " ".join((yes[0].subject or yes[0].object or "").split()[:6])
        found.append(
            Conflict(
                "state",
                f"{thing}: {predicate} or not?" if thing else f"{predicate} or not?",
                sides,
                NEGATION_CONFIDENCE,
                "one report states it, another denies it",
            )
        )
    return found


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").casefold()) if w not in _STOP}


def _same_participants(x: Claim, y: Claim) -> bool:
    """Both claims give a subject and an object, each with a content word in common."""
    pairs = ((x.subject, y.subject), (x.object, y.object))
    return all(a and b and _words(a) & _words(b) for a, b in pairs)


def _pairs(doc: Any) -> list[tuple[str, str, str]]:
    """(verb as written, state, thing) for every state verb of a parsed claim."""
    from corroborate.claims.nlp import lemma

    out = []
    for token in doc:
        if token.lower_ == "missing":  # tagged a verb ("is still missing") or an adjective
            base = "missing"
        elif token.pos_ == "ADJ" and token.lower_ in _ADJECTIVES:
            base = _ADJECTIVES[token.lower_]
        elif token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG"):
            base = lemma(token)
        else:
            continue
        state = _STATE_OF.get(base)
        if state is None:
            continue
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        if base == "close" and particles & {"in", "on"}:
            continue  # "closing in on the boat"
        if base == "take" and not any(c.lower_ == "control" for c in token.children):
            continue  # "took place", "took part": only "took control of" is a capture
        themes = _themes(token)
        if state in _OF_SUBJECT:  # "the pilot survived the crash": the pilot is alive
            themes = _subjects(token)
        for theme in themes:
            out.append((token.text.lower(), state, _thing(theme)))
    return out


_OF_SUBJECT = frozenset({"alive", "dead", "missing"})


def _subjects(word: Any) -> list[Any]:
    """The subject a state word tells of: its own, or its copula's ("he is alive")."""
    heads = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not heads and word.dep_ in ("acomp", "oprd", "xcomp"):
        heads = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not heads and word.dep_ == "amod":
        heads = [word.head]
    out = []
    for head in heads:
        if head.pos_ in _NOUNS:
            out.append(head)
            out.extend(c for c in head.conjuncts if c.pos_ in _NOUNS)
    return out


def _themes(verb: Any) -> list[Any]:
    """The nouns a state verb is about (see the module docstring)."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not heads and verb.pos_ == "ADJ":  # "the airport ... were closed", subject on the aux
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
        heads += [g for a in verb.children if a.dep_ in ("aux", "auxpass", "cop")
                  for g in a.children if g.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
    for c in verb.children:  # "took control of the airport"
        if c.dep_ == "dobj" and c.lower_ == "control":
            heads = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"]  # fmt: skip
    if not heads and verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "oprd"):
        heads = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not heads and verb.dep_ == "amod" and verb.head.pos_ in _NOUNS:
        heads = [verb.head]  # "the closed airport"
    if not heads:
        heads = [c for c in verb.children if c.dep_ == "nsubj"]  # "the bridge collapsed"
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
            heads = []  # a transitive use whose object is not a noun: skip
    out = []
    for head in heads:
        if head.pos_ not in _NOUNS:
            continue
        out.append(head)
        out.extend(c for c in head.conjuncts if c.pos_ in _NOUNS)
    return out


def _thing(token: Any) -> str:
    word = token.lower_
    if token.tag_ in ("NNS", "NNPS") and word.endswith("s") and not word.endswith("ss"):
        word = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word
