"""Which way a time expression points, read from the parse of the verb that governs it.

A reader places "Oct. 31", "in September" or "on Friday" before or after the publication date by
the tense of the clause it belongs to. :func:`tense_reader` gives, for a character span of a
parsed sentence, ``"past"``, ``"future"`` or ``None`` (the parse does not say), by this rule:

1. The word before the expression: "since" points back; "by" points forward (a deadline) unless
   the verb is a perfect form ("had fled by Friday").
2. The governing verb: from the expression's head word up the parse to the first verb.
3. Its verb group, in this order: a future auxiliary ("will", "shall", "'ll", "would", "is going
   to") or a modal ("could", "may", "must", "should") is future unless a perfect "have" follows
   ("could have died"); a perfect "have"/"had" is past; a past form (the verb or its auxiliary
   tagged VBD: "said", "was arrested") is past; a present form ("begins", "is set for", "is
   meeting") is future: news states what is scheduled in the present tense, except for the
   reporting verbs ("says", "tells"), which tell what was said, and in a headline (a sentence
   without final punctuation), written in the present about the past.
4. A verb without tense takes it from elsewhere: a "to" infinitive is future ("plans to vote
   on Friday", "urged them to pass it by Friday") unless its verb only marks aspect ("began to
   fight on Monday": "began" decides); a participle without an auxiliary ("the quake, recorded
   on Monday") is past; a gerund ("after skipping the hearing on Monday") takes its head verb's.

The tags are the Penn Treebank ones the tagger gives (``VBD``, ``VBZ``...); tokens are spaCy's,
read through their attributes only, so spaCy is not imported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["Tense", "tense_of", "tense_reader"]

Tense = Literal["past", "future"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
_WOULD = frozenset({"would", "'d"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "should", "ought", "ca"})
_PERFECT = frozenset({"have", "has", "had", "'ve", "having"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Present forms that report what was said: the past, in news ("the army says it took the town").
_REPORTING_PRESENT = frozenset(
    [
        "says",
        "say",
        "tells",
        "tell",
        "reports",
        "report",
        "announces",
        "announce",
        "confirms",
        "confirm",
        "claims",
        "claim",
        "adds",
        "add",
        "insists",
        "insist",
        "denies",
        "deny",
        "warns",
        "warn",
        "notes",
        "note",
        "states",
        "state",
        "writes",
        "write",
        "recalls",
        "recall",
        "admits",
        "admit",
        "acknowledges",
        "acknowledge",
        "told",
    ]
)
# Verbs whose "to" infinitive is the same event, not a later one: "began to fight on Monday".
_ASPECT = frozenset(
    [
        "begin",
        "began",
        "begun",
        "begins",
        "beginning",
        "start",
        "started",
        "starts",
        "starting",
        "continue",
        "continued",
        "continues",
        "continuing",
        "stop",
        "stopped",
        "cease",
        "ceased",
        "fail",
        "failed",
        "fails",
        "manage",
        "managed",
        "try",
        "tried",
        "tries",
        "appear",
        "appeared",
        "appears",
        "seem",
        "seemed",
        "seems",
        "happen",
        "happened",
        "happens",
        "used",
        "refuse",
        "refused",
        "decline",
        "declined",
    ]
)
_MAX_CLIMB = 8
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_FINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def tense_reader(doc: Any) -> Callable[[int, int], Tense | None]:
    """A function of a character span of ``doc``'s text (offsets into the text the doc was
    parsed from) to the tense its governing verb gives it, or ``None``."""
    seen: dict[str, Any] = {}

    def read(start: int, end: int) -> Tense | None:
        if not seen:  # built on the first expression: most sentences have none
            seen["tokens"] = list(doc)
            seen["text"] = text = doc.text
            seen["headline"] = bool(text.strip()) and _FINAL.search(text) is None
        inside = [t for t in seen["tokens"] if t.idx < end and start < t.idx + len(t.text)]
        if not inside:
            return None
        return tense_of(inside, seen["text"][:start], seen["headline"])

    return read


def tense_of(inside: list[Any], before: str, headline: bool = False) -> Tense | None:
    """The tense for the expression made of the tokens ``inside`` (see the module docstring);
    ``before`` is the sentence's text before it."""
    ids = {t.i for t in inside}
    head = next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])
    word = _WORD_BEFORE.search(before)
    prep = word.group(1).lower() if word else ""
    if prep == "since":
        return "past"
    verb = _governing_verb(head, ids)
    found = _verb_tense(verb, headline) if verb is not None else None
    if prep == "by":  # a deadline, unless reached already: "had left by Friday"
        return "past" if verb is not None and _perfect(verb) else "future"
    return found


def _perfect(verb: Any) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PERFECT for c in verb.children) or any(
        c.lower_ in _PERFECT and c.i < verb.i for c in verb.head.children if c.dep_ == "aux"
    )


def _is_verb(token: Any) -> bool:
    return bool(token.tag_.startswith("VB") or token.tag_ == "MD") and token.dep_ not in (
        "aux",
        "auxpass",
        "amod",
        "compound",
    )


def _governing_verb(head: Any, ids: set[int]) -> Any | None:
    node = head
    for _ in range(_MAX_CLIMB):
        if node.i not in ids and _is_verb(node):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _verb_tense(verb: Any, headline: bool, depth: int = 0) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    words = {a.lower_ for a in auxes}
    perfect = bool(words & _PERFECT) or (verb.lower_ in _PERFECT and verb.tag_ == "VBD")
    if words & _FUTURE_AUX or any(a.lower_ in _WOULD and a.tag_ == "MD" for a in auxes):
        return "future"
    if words & _MODALS:
        return "past" if perfect else "future"
    if perfect:
        return "past"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags:
        return "past"
    if tags & _PRESENT_TAGS:
        if headline:
            return "past"
        return "past" if verb.lower_ in _REPORTING_PRESENT else "future"
    if depth >= 3:
        return None
    up = _head_verb(verb)
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        if up is not None and up.lower_ == "going":
            return "future"
        if up is not None and up.lower_ in _ASPECT:
            return _verb_tense(up, headline, depth + 1)
        return "future"
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBG" and up is not None:
        return _verb_tense(up, headline, depth + 1)
    return None


def _head_verb(verb: Any) -> Any | None:
    node = verb
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            return None
        node = node.head
        if _is_verb(node):
            return node
    return None
