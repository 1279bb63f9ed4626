"""Sentences that stand alone: what the brief may quote of an article's sentence, and how.

A sentence of an article is written for the sentences around it; the brief quotes it beside
sentences of other articles. :func:`prepare` takes one sentence and returns what the brief would
quote (:class:`Quotable`), after light compression that never adds a fact:

- a **dateline, byline or agency tag** at its start is cut ("MOSCOW (AP) --", "REGHIN, Romania
  (MPA) —", "(CNN) —", "By Jane Doe, Staff Writer"): it states nothing;
- a leading **discourse connective** is dropped ("However, the army said…" → "The army
  said…"), as is a connective opening the clause after a short introduction;
- a **title and surname** ("Mr Gunness said…") is written with the full name the article gave
  earlier ("Kenneth Gunness said…"); without one the sentence leans on the one before.

It also says why a sentence cannot stand alone (``problem``): a **question**, a **transcript
line** ("0:08 PILOT Shut the engines.", "Q: …"), a **caption** ("(AP Photo/…)", "Photo:"), a
**headline** (mostly capitalised words), an **unfinished** one (no stop), or a **short** one
(fewer than ``MIN_WORDS`` words: "Windows smashed."), and whether it **leans** on the sentence
before it: opening on a personal pronoun, a demonstrative that is not a time ("This operation…",
"In the days leading up to this withdrawal, …"), an ordinal or comparative reference ("The third
possible cause…", "The other…", "Another…"), or a title and surname with no full name earlier.
A leaning sentence is quoted only right after the sentence of its article it leans on.

:func:`fragment` says, from a spaCy parse, that a sentence has no finite verb, or that its main
clause's subject is a pronoun or a noun with a demonstrative ("On Saturday, he said…"), which the
patterns above cannot see. :func:`commentary` tells interpretation ("…underscoring the enduring
instability…", "…highlight the complex…") from a reported fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MIN_WORDS",
    "Quotable",
    "commentary",
    "fragment",
    "prepare",
    "strip_dateline",
]

MIN_WORDS = 6  # fewer words: a caption, a headline or a fragment, not a sentence of a brief

_DASH = r"(?:--|—|–|-|_)"  # "_" in 1990s AP wire copy; a colon is a speaker ("PILOT: …")
# An agency or outlet tag in parentheses: "(AP)", "(Reuters)", "(MPA)", "(CNN)", "(dpa)".
_TAG = r"\((?:[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}|[a-z]{2,5})\)"
_CAPITAL_TAG = r"\((?:[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\)"
# A place written in capitals, then optional ", Region" / ", Mon. 7" / ", 1998" parts.
_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_PART = r"(?:,\s*[A-Z0-9][\w.'’\-]*(?:\s+[\w.'’\-]+){0,2})"
DATELINE = re.compile(
    rf"^\s*(?:{_PLACE}{_PART}{{0,3}}\s*(?:{_TAG})?\s*{_DASH}+\s+"
    rf"|{_CAPITAL_TAG}\s*{_DASH}*\s*|\([a-z]{{2,5}}\)\s*{_DASH}+\s*)"
)
_TITLE_WORDS = (
    r"(?:Staff|Associated\s+Press|AP|Senior|Special|Chief|Foreign|Political|Times|Post|Daily)?"
    r"\s*(?:Writer|Correspondent|Reporter|Editor|Staff)"
)
BYLINE = re.compile(
    r"^\s*By\s+(?:[A-Z][\w.'’\-]*\s+){1,3}?(?:[A-Z][\w.'’\-]*)"
    r"(?:\s+and\s+(?:[A-Z][\w.'’\-]*\s+){1,3}?[A-Z][\w.'’\-]*)?"
    rf"(?:,?\s+(?:[A-Z][\w.]*\s+){{0,3}}{_TITLE_WORDS})?\s*(?:{_DASH}\s*)?"
    r"(?=[A-Z\"“(])"
)
_BYLINE_TAIL = re.compile(rf"{_TITLE_WORDS}\b")

FINISHED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")
TRANSCRIPT = re.compile(
    r"^\s*(?:\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s+[A-Z]"  # "0:08 PILOT Shut the engines."
    r"|[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,2}\s*:\s+\S)"  # "PILOT: …", "Q: …"
)
CAPTION = re.compile(
    r"\((?:AP|AFP|Reuters|Getty|EPA|[A-Z][\w.]*)\s*Photo\b|\bPhoto(?:graph)?\s*(?:by|:|/)|"
    r"\b(?:Image|Credit|Caption|Pictured)\s*:|\bGetty Images\b|\bclick here\b|^\s*\(?Video\b",
    re.IGNORECASE,
)
_CONNECTIVES = (
    "however|but|and|yet|also|meanwhile|moreover|furthermore|nevertheless|nonetheless|still|"
    "instead|thus|therefore|hence|consequently|additionally|besides|likewise|similarly|"
    "otherwise|then|so|indeed|in addition|in turn|even so|as a result|as such|by contrast|"
    "in contrast|on the other hand|at the same time|in the meantime|in any case|after all|"
    "for (?:its|his|her|their) part|that said|of course|in fact|to be sure|what's more|"
    "on top of that|apart from that|beyond that|further"
)
CONNECTIVE = re.compile(
    rf"^(?P<lead>[\"“]?)(?:{_CONNECTIVES})\b(?:\s*,\s*|\s+(?=[a-z\"“A-Z0-9]))", re.IGNORECASE
)
# Case-sensitive after the first letter: "US" and "IT" are no pronouns.
_PRONOUNS = (
    "(?-i:[Ii]t|[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]hem|[Hh]im|[Ww]e|[Oo]ur"
    "|[Uu]s|I|[Yy]ou|[Yy]our)"
)
_DEMONSTRATIVES = "this|that|these|those|such"
_TIME_NOUNS = (
    "week|weekend|month|year|morning|afternoon|evening|night|spring|summer|autumn|fall|winter|"
    "season|time|day|decade|century|quarter|term|session|period|past|moment"
)
_ORDINAL = (
    "second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|latter|former|other|"
    "same|next|previous|latest|aforementioned|above|below|remaining"
)
# The sentence opens on something said before it: a pronoun, "This operation", "The third
# possible cause", "Another", "Both", "Such", "Here" / "There" as places.
OPENING_REFERENCE = re.compile(
    rf"^[\"'“‘(\s]*(?:(?:{_PRONOUNS})\b(?!\s*[-–—]\s*)"
    rf"|(?:{_DEMONSTRATIVES})\b(?!\s+(?:{_TIME_NOUNS})s?\b)"
    rf"|the\s+(?:{_ORDINAL})\b|another\b|both\b|neither\b|either\b|here\b(?!\s+(?:is|are)\b))",
    re.IGNORECASE,
)
# The same inside a short introduction ("In the days leading up to this withdrawal, …",
# "After his arrest, …"), or as the subject right after it ("On Saturday, he said …"). An
# introduction opens on a preposition, a subordinator or a participle and ends on a comma.
_INTRO = (
    r"(?:in|on|at|after|before|during|since|following|despite|amid|with|within|under|over|by|"
    r"for|from|through|until|as|when|while|because|unlike|like|besides|beyond|due\s+to|"
    r"ahead\s+of|upon|[A-Z][a-z]+(?:ed|ing))\b"
)
INTRO_REFERENCE = re.compile(
    rf"^[\"“]?{_INTRO}[^,;:]{{0,80}}?\b(?:(?:this|that|these|those)\s+(?!(?:{_TIME_NOUNS})s?\b)"
    rf"[a-z]|(?:his|her|their|its)\s+[a-z]|the\s+(?:latter|former|aforementioned)\b)[^,;:]*,",
    re.IGNORECASE,
)
INTRO_SUBJECT = re.compile(
    rf"^[\"“]?{_INTRO}[^,;:\"“]{{0,70}},\s+(?:{_PRONOUNS}\b|(?:{_DEMONSTRATIVES})\s+"
    rf"(?!(?:{_TIME_NOUNS})s?\b)[a-z]|the\s+(?:latter|former)\b)",
    re.IGNORECASE,
)
# A title and a surname: "Mr Gunness", "Mrs. Ali", "Dr Smith".
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?\s+(?P<surname>[A-Z][\w'’\-]+)")
EVALUATIVE = re.compile(
    r"\b(?:underscor\w*|highlight\w*|epitomi[sz]\w*|exemplif\w*|symboli[sz]\w*|"
    r"illustrat(?:e|es|ed|ing)|signal(?:s|ed|led|ing)?\s+(?:a|an|the)\b|"
    r"represent(?:s|ed|ing)?\s+(?:a|an|one|the)\b|"
    r"mark(?:s|ed|ing)?\s+(?:a|an|the)\s+(?:\w+\s+)?(?:turning|blow|shift|escalation|milestone|"
    r"departure|chapter|moment|setback|victory|step)|"
    r"reflect(?:s|ed|ing)?\s+(?:a|an|the)\b|testament\s+to|raising\s+(?:questions|concerns|fears)|"
    r"serv(?:es|ed|ing)\s+as\s+a\s+reminder|"
    r"complex\s+(?:geopolitical|web|interplay)|fragile\s+nature|enduring\s+instability)",
    re.IGNORECASE,
)
_SAID = re.compile(
    r"\b(?:said|says|told|according\s+to|stated|announced|reported|added|wrote|argued|"
    r"believes?|warned|claimed)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Quotable:
    """What the brief would quote of one sentence, and whether it may."""

    text: str  # the sentence after the cuts above
    problem: str | None = None  # why it cannot be quoted at all, or None
    leans: bool = False  # needs the sentence before it in its article

    @property
    def alone(self) -> bool:
        return self.problem is None and not self.leans


def strip_dateline(text: str) -> str:
    """``text`` without the bylines, datelines and agency tags it opens with."""
    out = text.strip()
    for _ in range(3):
        before = out
        byline = BYLINE.match(out)
        if byline and (_BYLINE_TAIL.search(byline.group(0)) or DATELINE.match(out[byline.end() :])):
            out = out[byline.end() :]
        dateline = DATELINE.match(out)
        if dateline and _rest_is_sentence(out[dateline.end() :]):
            out = out[dateline.end() :]
        if out == before:
            break
    return _capitalise(out.strip())


def _rest_is_sentence(rest: str) -> bool:
    return len(rest.split()) >= 3 and bool(re.match(r"[\"“‘'(]?[A-Z0-9]", rest))


def _capitalise(text: str) -> str:
    match = re.match(r"[\"“‘'(]*", text)
    at = match.end() if match else 0
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :] if at < len(text) else text


def _drop_connective(text: str) -> str:
    for _ in range(2):
        match = CONNECTIVE.match(text)
        if not match:
            break
        rest = text[match.end() :]
        if len(rest.split()) < MIN_WORDS - 1 or not re.match(r"[\"“‘'(]?[\w]", rest):
            break
        text = match.group("lead") + _capitalise(rest)
    return text


def _headline(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    if len(words) < 4:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with"}
    content = [w for w in words if w.lower() not in small]
    capital = sum(w[0].isupper() for w in content)
    return bool(content) and capital / len(content) >= 0.8 and len(content) >= 4


def _full_name(surname: str, earlier: str) -> str | None:
    """The full name ending in ``surname`` that ``earlier`` text gave, else None."""
    names = re.findall(rf"\b((?:[A-Z][\w'’\-]*\.?\s+){{1,3}}){re.escape(surname)}\b", earlier)
    for given in reversed(names):
        words = given.split()
        while words and re.fullmatch(r"(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|The|A|An)\.?", words[0]):
            words = words[1:]
        if words and all(w[0].isupper() for w in words):
            return " ".join([*words, surname])
    return None


def prepare(text: str, earlier: str = "", before: str = "") -> Quotable:
    """What the brief would quote of the sentence ``text``. ``earlier`` is its article's text
    before it (where a full name may be given); ``before`` the brief's text before it (what a
    reference may lean on)."""
    out = _drop_connective(strip_dateline(text))
    if not FINISHED.search(out):
        return Quotable(out, "unfinished")
    if QUESTION.search(out):
        return Quotable(out, "question")
    if TRANSCRIPT.match(out):
        return Quotable(out, "transcript")
    if CAPTION.search(out):
        return Quotable(out, "caption")
    if _headline(out):
        return Quotable(out, "headline")
    if len(out.split()) < MIN_WORDS:
        return Quotable(out, "short")
    leans = bool(
        OPENING_REFERENCE.match(out) or INTRO_REFERENCE.match(out) or INTRO_SUBJECT.match(out)
    )
    titled = TITLED.search(out)
    if titled and titled.start() < 60 and titled.group("surname") not in before:
        full = _full_name(titled.group("surname"), earlier)
        if full:
            out = out[: titled.start()] + full + out[titled.end() :]
        else:
            leans = True
    return Quotable(out, None, leans)


def commentary(text: str) -> bool:
    """Interpretation rather than a reported fact: an evaluative phrase not attributed to anyone
    ("…underscoring the enduring instability…", "This represents one of the most serious…")."""
    return bool(EVALUATIVE.search(text)) and not _SAID.search(text)


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}


def fragment(doc: Any) -> str | None:
    """From a spaCy parse of one sentence: ``"fragment"`` when no verb is finite, ``"leans"``
    when the main clause's subject is a personal pronoun or a noun with a demonstrative or
    possessive pronoun (that sentence needs the one before it), else None."""
    tokens = list(doc)
    # A finite tag, or a word with a subject (the small model tags "stay" in "Schools stay
    # shut" as a noun, but parses "Schools" as its subject).
    clause = any(t.dep_ in _SUBJECTS for t in tokens)
    if not clause and not any(t.tag_ in _FINITE_TAGS for t in tokens):
        return "fragment"
    for root in (t for t in tokens if t.dep_ == "ROOT"):
        for child in root.children:
            if child.dep_ not in _SUBJECTS or child.i > root.i:
                continue
            word = child.lower_
            if child.tag_ == "PRP" and word not in ("one",) and not _quoted(child):
                return "leans"
            for det in child.children:
                if det.dep_ in ("det", "poss") and det.lower_ in (
                    "this", "these", "those", "his", "her", "their", "its",
                ) and not re.fullmatch(rf"(?:{_TIME_NOUNS})s?", word):  # fmt: skip
                    return "leans"
    return None


def _quoted(token: Any) -> bool:
    """The token is inside quotation marks (a quoted speaker's "I" or "we")."""
    before = token.doc[: token.i].text
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1
