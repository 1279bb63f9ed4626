"""States that may exclude each other: an airport "captured" in one report and "closed" in
another, a bridge "closed" in one and "collapsed" in another.

Claims whose text holds a state verb (a cheap word test first) are parsed again with the claims'
spaCy pipeline. Each state verb gives a (thing, state) pair: the thing is the head noun of the
verb's theme — its direct object ("seized the airport"), passive subject ("the airport was
closed"), the object of "control of", or, for verbs without an object, its subject ("the bridge
collapsed") — with each noun joined to it by "and" ("the airport and all major roads were
closed"). States are classes of verbs:

============  =============================================================
captured      capture, seize, take control of, overrun, storm
closed        close, shut, suspend, halt
open          open, reopen, resume
damaged       damage
destroyed     destroy, collapse, demolish, flatten, raze
============  =============================================================

Two states of one thing that may exclude each other (captured/closed, open/closed,
open/destroyed, damaged/destroyed, closed/destroyed), told by articles of different
independence groups, are a *possible* conflict: kind ``"state"``, confidence 0.4 (both can be
true — a captured airport may well be closed — so the report asks a reader to look).
Negated claims are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from corroborate.records import Claim
from corroborate.report.conflicts import Conflict, Side, add_claim
from corroborate.report.groups import ClaimGroup

__all__ = ["EXCLUSIVE", "STATES", "state_conflicts"]

STATES: dict[str, frozenset[str]] = {
    "captured": frozenset({"capture", "seize", "take", "overrun", "storm"}),
    "closed": frozenset({"close", "shut", "suspend", "halt"}),
    "open": frozenset({"open", "reopen", "resume"}),
    "damaged": frozenset({"damage"}),
    "destroyed": frozenset({"destroy", "collapse", "demolish", "flatten", "raze"}),
}
EXCLUSIVE = frozenset(
    frozenset(pair)
    for pair in (
        ("captured", "closed"),
        ("open", "closed"),
        ("open", "destroyed"),
        ("damaged", "destroyed"),
        ("closed", "destroyed"),
    )
)
CONFIDENCE = 0.4

_STATE_OF = {verb: state for state, verbs in STATES.items() for verb in verbs}
# A quick test before parsing: any inflection of a state verb.
_WORDS = re.compile(
    r"\b(captur|seiz|take|took|taking|overr[au]n|storm|clos|shut|suspend|halt|open|reopen|resum|"
    r"damag|destroy|collaps|demolish|flatten|raz)\w*",
    re.IGNORECASE,
)
_NOUNS = ("NOUN", "PROPN")
# Participles the small model tags as adjectives ("the airport was closed").
_ADJECTIVES = {"closed": "close", "shut": "shut", "open": "open", "reopened": "reopen",
               "damaged": "damage", "destroyed": "destroy", "collapsed": "collapse",
               "captured": "capture", "seized": "seize", "demolished": "demolish"}  # fmt: skip


def state_conflicts(
    groups: Sequence[ClaimGroup], independence: dict[str, int], model: str | None = None
) -> list[Conflict]:
    """Possible conflicts between states of one thing (see the module docstring).

    ``independence`` maps article id to its independence group: two articles of one group are
    copies and never conflict with each other.
    """
    claims = [c for g in groups for c in g.claims if not c.negated and _WORDS.search(c.text)]
    if not claims:
        return []
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
                groups_a = {independence.get(c.article, -1) for _, c in states[a]}
                groups_b = {independence.get(c.article, -1) for _, c in states[b]}
                if not groups_a - groups_b and not groups_b - groups_a:
                    continue  # the same outlets say both: a sequence of events, not a conflict
                sides = []
                for state in (a, b):
                    verbs = list(dict.fromkeys(v for v, _ in states[state]))
                    side = Side(f"{thing} {' / '.join(verbs)}")
                    for _, claim in states[state]:
                        add_claim(side, claim)
                    sides.append(side)
                found.append(
                    Conflict(
                        "state",
                        f"the {thing}: {a} or {b}?",
                        sides,
                        CONFIDENCE,
                        f"'{a}' and '{b}' may both be true; check the reports",
                    )
                )
    return found


def _pairs(doc: Any) -> list[tuple[str, str, str]]:
    """(verb as written, state, thing) for every state verb of a parsed claim."""
    from corroborate.claims.nlp import lemma

    out = []
    for token in doc:
        if token.pos_ == "ADJ" and token.lower_ in _ADJECTIVES:
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
        for theme in _themes(token):
            out.append((token.text.lower(), state, _thing(theme)))
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
