"""According to whom: attribution of a claim, hedging words and indirect speech.

A clause is attributed when

- it is the content of a reporting verb ("the army **said** that insurgents had penetrated...",
  "SOHR **confirmed** that government forces had withdrawn"): the source is the reporting verb's
  subject; a subject that is itself a report ("reports **from** SOHR suggest...") gives way to
  the body it names;
- it carries "according to X" (on the clause or the sentence's main verb);
- its own verb reports ("state media **reported** strikes", "the army **confirmed** losses");
- it hangs from a passive reporting verb ("rebels were **reported** to have captured...", "it
  was reported that..."): the source is unnamed.

The source is named where the text names it: "the governor, Ahmed Karimi, said" -> Ahmed Karimi,
and "he said" -> the person named last before it. The source type is ``media`` for a news
organisation, named or not ("Reuters", "state media", "the agency"), else the type of a named
entity inside the source phrase, else ``unnamed`` for generic sources ("sources", "health
officials", "witnesses", a bare passive), else ``organisation`` for a body ("the army", "the
air force", "the ministry"), ``person`` for an office ("the president"), else ``other``.
"claim" counting a toll ("the fighting has claimed 300 lives") attributes nothing.

Hedges are the words that keep the writer from asserting a claim: "reportedly", "allegedly",
"purportedly", "apparently", "claimed", "is believed to", "may have". Indirect speech is a
speech verb with a reported clause that is not mostly a direct quote, and a speaker: "Assad
vowed to defend...", "officials said that..."; a passive without agent ("rebels were reported
to have...") or a report ("casualty reports indicate that...") is attribution, not speech.
"""

from __future__ import annotations

import re
from typing import Any

from corroborate.claims.actors import named_apposition, phrase
from corroborate.claims.nlp import lemma, text_of
from corroborate.claims.speakers import GENDERS, antecedent, check, is_country
from corroborate.records import Attribution, Mention, Quote

__all__ = ["REPORTING", "attribution_for", "hedge_of", "indirect_quotes", "is_reporting"]

# Verbs that attribute even without a reported clause ("the army confirmed heavy losses"):
# acts of speech, not "indicate" or "show", whose subject is rarely a source.
_SAYING = frozenset(
    [
        "say",
        "tell",
        "state",
        "report",
        "announce",
        "declare",
        "confirm",
        "claim",
        "add",
        "note",
        "write",
        "tweet",
        "post",
        "insist",
        "deny",
        "warn",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "admit",
        "acknowledge",
        "assert",
        "allege",
        "estimate",
        "describe",
    ]
)
# Verbs that attribute the clause they report ("X said that...", "reports suggest that...").
REPORTING = _SAYING | frozenset(
    [
        "urge",
        "suggest",
        "indicate",
        "maintain",
        "explain",
        "argue",
        "accuse",
        "stress",
        "emphasize",
        "emphasise",
        "reiterate",
        "predict",
        "disclose",
        "reveal",
        "publish",
        "quote",
        "cite",
        "show",
        "accord",
        "brief",
        "testify",
        "answer",
        "reply",
        "respond",
        "comment",
        "believe",
    ]
)
# Speech verbs that introduce indirect speech with "to" (vowed to defend) or "that".
_SPEECH = REPORTING - {
    "accord",
    "show",
    "publish",
    "quote",
    "cite",
    "describe",
    "respond",
    "believe",
}
_REPORT_NOUNS = frozenset(
    [
        "report",
        "reports",
        "data",
        "figures",
        "figure",
        "toll",
        "tally",
        "count",
        "estimate",
        "estimates",
        "footage",
        "images",
        "statement",
        "statements",
        "monitor",
        "sources",
    ]
)
_MEDIA = re.compile(
    r"\b(?:media|agency|news|tv|television|newspaper|outlet|broadcaster|press|radio|channel|"
    r"reuters|afp|ap|sana|bbc|cnn|al jazeera)\b",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"^(?:an?\s+|the\s+|some\s+|several\s+|other\s+|local\s+)*(?:sources?|officials?|witnesses|"
    r"residents?|activists?|observers|analysts?|reports?|experts?|people|spokes(?:man|woman|"
    r"person)|it)\b",
    re.IGNORECASE,
)
# Head nouns of a source phrase: generic sources, bodies, and people named by their office.
_UNNAMED_HEADS = frozenset(
    [
        "source",
        "official",
        "witness",
        "resident",
        "activist",
        "observer",
        "analyst",
        "report",
        "expert",
        "people",
        "diplomat",
        "insider",
        "aide",
        "eyewitness",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)
_INSTITUTIONS = frozenset(
    [
        "army",
        "military",
        "ministry",
        "government",
        "police",
        "council",
        "committee",
        "office",
        "court",
        "parliament",
        "cabinet",
        "presidency",
        "navy",
        "force",
        "command",
        "embassy",
        "department",
        "administration",
        "authority",
        "authorities",
        "monitor",
        "observatory",
        "organisation",
        "organization",
        "prosecutor",
        "prosecutors",
    ]
)
_TITLES = frozenset(
    [
        "president",
        "minister",
        "governor",
        "mayor",
        "commander",
        "general",
        "colonel",
        "secretary",
        "ambassador",
        "envoy",
        "chancellor",
        "senator",
        "king",
        "emir",
        "premier",
    ]
)
_QUOTE_MARKS = frozenset(['"', "”", "»"])
# "the fighting has claimed 300 lives": "claim" counting a toll, not a claim made by someone.
_TOLL_OBJECTS = frozenset(["life", "lives", "victim", "victims", "toll"])
_HEDGE_WORDS = frozenset(
    [
        "reportedly",
        "allegedly",
        "purportedly",
        "apparently",
        "supposedly",
        "seemingly",
        "ostensibly",
        "unconfirmed",
        "alleged",
        "purported",
    ]
)
_HEDGE_VERBS = frozenset(["claim", "allege", "believe", "think", "rumor", "rumour", "suspect"])
_MODALS = frozenset(["may", "might", "could"])


def is_reporting(token: Any) -> bool:
    return token is not None and token.pos_ in ("VERB", "AUX") and lemma(token) in REPORTING


def attribution_for(verb: Any, offset: int, actors: list[Mention]) -> Attribution | None:
    """Who the clause headed by ``verb`` is attributed to, or ``None``."""
    # "according to X" on this clause or on the verb it hangs from.
    for node in (verb, verb.head, _root(verb)):
        found = _according_to(node, offset, actors)
        if found:
            return found
    # The content of a reporting verb: climb ccomp / xcomp links.
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "parataxis", "conj") or node.head.i == node.i:
            break
        head = node.head
        if is_reporting(head):
            return _source_of(head, offset, actors)
        node = head
    # A verb that reports itself: "the army confirmed heavy losses".
    if is_reporting(verb) and lemma(verb) in _SAYING and not _counts_toll(verb):
        return _source_of(verb, offset, actors)
    return None


def _counts_toll(verb: Any) -> bool:
    """ "the fighting has claimed 300 lives" / "... claimed the lives of 12 people": a toll."""
    if lemma(verb) != "claim":
        return False
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "obj"):
            continue
        if obj.lower_ in _TOLL_OBJECTS or obj.pos_ == "NUM":
            return True
        if any(c.dep_ == "nummod" for c in obj.children):
            return True
    return False


def hedge_of(tokens: list[Any]) -> str | None:
    """The first hedging word among ``tokens`` (a clause), lower-cased, or ``None``.

    A passive "reported" / "said" hedges when it frames the clause ("rebels were reported to
    have...", "it is said that..."), or is the clause's own verb; not from a subordinate clause
    of its own ("..., although casualties have been reported").
    """
    ids = {t.i for t in tokens}
    for token in tokens:
        word = token.lower_
        if word in _HEDGE_WORDS:
            return word
        # "claims to have targeted", "is believed that": not "claimed 300 lives".
        if (
            token.pos_ in ("VERB", "AUX")
            and lemma(token) in _HEDGE_VERBS
            and (any(c.dep_ in ("ccomp", "xcomp") for c in token.children) or _passive(token))
        ):
            return word
        if word in _MODALS and token.dep_ == "aux":
            # "may have died", not "may" on its own as a month.
            return word
        if (
            token.tag_ == "VBN"
            and lemma(token) in ("report", "say")
            and _passive(token)
            and (
                any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
                or token.head.i == token.i
                or token.head.i not in ids
            )
        ):
            return "reported" if lemma(token) == "report" else "said"
    return None


def indirect_quotes(
    verbs: list[Any],
    offset: int,
    quoted: list[tuple[int, int]],
    actors: list[Mention] | None = None,
) -> list[Quote]:
    """Indirect speech headed by the speech verbs in ``verbs`` ("X vowed to...", "X said that").

    Speech needs a speaker: a passive without its agent ("rebels were reported to have...") or
    a report ("casualty reports indicate that...") is attribution, not speech. A clause that is
    mostly a direct quote (``quoted``: article spans) is left to it; one that only quotes a few
    of its words ("vowed to defend the capital “at any cost”") is still indirect speech.
    ``actors`` (the article's mentions) resolve a "he" / "she" speaker to the person named last.
    """
    found = []
    for verb in verbs:
        if verb.pos_ not in ("VERB", "AUX") or lemma(verb) not in _SPEECH:
            continue
        content = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
            ),
            None,
        )
        if content is None:
            continue
        start, end = _subtree_span(content)
        start, end = offset + start, offset + end
        covered = sum(max(0, min(e, end) - max(s, start)) for s, e in quoted)
        if covered * 2 >= end - start:
            continue
        speaker_token = _speaker(verb)
        if speaker_token is None or speaker_token.lower_ == "it":
            continue
        if lemma(speaker_token) in _REPORT_NOUNS:
            continue
        source = _make(speaker_token, lemma(verb), offset, actors or [], strip_the=False)
        if source.type == "unnamed" and not source.source:
            continue  # "he" with no one to stand for, a dateline, a figure: no speaker
        doc_text = text_of(verb.doc)
        found.append(
            Quote(
                start,
                end,
                doc_text[start - offset : end - offset],
                source.source,
                "indirect",
                source.start,
                source.end,
                lemma(verb),
            )
        )
    return found


def _speaker_token(verb: Any) -> Any:
    if _passive(verb):
        # "rebels were reported to...": the agent, if any, is the source.
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        # "Assad responded ..., vowing to defend": the speaker is the main clause's subject.
        return next((c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")), None)
    return None


def _speaker(verb: Any) -> Any:
    """The token naming who speaks through ``verb``: its subject or agent, the body behind a
    report ("reports from the UN suggest" -> UN), a name in apposition ("the governor, Ahmed
    Karimi, said" -> Karimi)."""
    speaker = antecedent(_speaker_token(verb))  # "the officer, who said": the officer
    if speaker is None:
        return None
    if lemma(speaker) in _REPORT_NOUNS:
        # "reports from the SOHR suggest": the body behind the report.
        for prep in speaker.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                body = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if body is not None:
                    speaker = body
                    break
    return named_apposition(speaker) or speaker


def _source_of(verb: Any, offset: int, actors: list[Mention]) -> Attribution:
    cue = lemma(verb)
    speaker = _speaker(verb)
    if speaker is None or speaker.lower_ == "it":
        return Attribution("", 0, 0, cue, "unnamed")
    return _make(speaker, cue, offset, actors)


def _according_to(node: Any, offset: int, actors: list[Mention]) -> Attribution | None:
    for child in node.children:
        if child.lower_ == "according" and child.dep_ == "prep":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            source = (
                next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            )
            if source is not None:
                return _make(source, "according to", offset, actors)
    return None


def _make(
    token: Any, cue: str, offset: int, actors: list[Mention], *, strip_the: bool = True
) -> Attribution:
    span = phrase(token)
    assert span is not None
    start, end = span
    sentence = text_of(token.doc)
    text = sentence[start:end]
    if strip_the and text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    known = token.doc.user_data.get(GENDERS)
    checked = check(text, offset + start, offset + end, actors, sentence, offset, known)
    if checked is None:
        # a pronoun with no one to stand for, a dateline, a figure, a place: unnamed
        return Attribution("", 0, 0, cue, "unnamed")
    text, start, end = checked
    if strip_the and text.lower().startswith("the "):
        start, text = start + 4, text[4:]  # "MOSCOW (AP) -- The navy said" -> navy
    return Attribution(text, start, end, cue, _type(text, start, end, actors, lemma(token)))


def _type(text: str, start: int, end: int, actors: list[Mention], head: str = "") -> str:
    """The source type of ``text`` (article span ``start``..``end``, head word lemma ``head``)."""
    for actor in actors:
        if start <= actor.start and actor.end <= end and actor.type != "place":
            if actor.type in ("group", "organisation") and _MEDIA.search(text):
                return "media"  # "Reuters", "the Syrian Arab News Agency"
            return actor.type
    if _MEDIA.search(text):
        return "media"
    if _UNNAMED.match(text) or head in _UNNAMED_HEADS:
        return "unnamed"
    if head in _INSTITUTIONS:
        return "organisation"
    if head in _TITLES:
        return "person"
    for actor in actors:
        inside = start <= actor.start and actor.end <= end
        if inside and (actor.type != "place" or is_country(actor.text)):
            return actor.type  # "Russia said": a state speaking
    return "other"  # "villagers in Gherla": described, not the place


source_type = _type  # the type of any source span, for quotes' speakers too


def _passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _root(token: Any) -> Any:
    while token.head.i != token.i:
        token = token.head
    return token


def _subtree_span(token: Any) -> tuple[int, int]:
    """The clause's words, without trailing punctuation but for the closing quotation mark of an
    opening one inside ("to defend the capital “at any cost”"), which the parse may hang
    elsewhere."""
    doc = token.doc
    left, right = token.left_edge, token.right_edge
    while right.i > left.i and right.is_punct:
        right = doc[right.i - 1]
    inside = text_of(doc)[left.idx : right.idx + len(right.text)]
    unclosed = inside.count('"') % 2 == 1 or inside.count("“") > inside.count("”")
    after = right.i + 1
    if unclosed and after < len(doc) and doc[after].text in _QUOTE_MARKS:
        right = doc[after]
    return left.idx, right.idx + len(right.text)
