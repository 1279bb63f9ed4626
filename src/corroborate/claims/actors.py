"""Who did what to whom: entity mentions and subject / predicate / object from the parse.

Mentions are the parser's named entities mapped to four types: ``person`` (PERSON),
``organisation`` (ORG), ``group`` (NORP: nationalities, religious and political groups) and
``place`` (GPE, LOC, FAC). A name the tagger calls an organisation but that names an armed or
political faction by its usual words ("... Forces", "... Front", "militia", "rebels") is a
group. A name with a possessive that the tagger took for a work of art or a product ("Aleppo’s
airport") is kept as ``other`` (the extractor makes a known place of it).

A predicate is a verb (or the copula's complement) heading a clause; its subject is the phrase of
its ``nsubj``, its object the phrase of its direct object, attribute or, failing those, its first
prepositional object ("withdrew from the city" -> "from the city"). In a passive clause the
grammatical subject is what the action was done to, so it becomes the object and the ``by``-agent
the subject: "dozens of soldiers were killed by rebels" -> rebels / kill / dozens of soldiers.
Phrases are cut to the head's own words: relative clauses, appositions and trailing
parentheticals are left out, so a subject reads "the fighting", not "the fighting, which
started on Wednesday,". Nouns joined by "and" / commas stay one phrase ("the army and the
police", "tanks, rockets and ammunition").
"""

from __future__ import annotations

import re
from typing import Any

from corroborate.claims.nlp import lemma
from corroborate.claims.places import is_demonym, resolve_place
from corroborate.claims.readings import is_place, is_team, person_words
from corroborate.claims.speakers import GENDERS, genders
from corroborate.records import Mention

__all__ = [
    "article_mentions",
    "mentions",
    "named_apposition",
    "phrase",
    "predicate_of",
    "subject_object",
]

_ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_FACTION = re.compile(
    r"\b(?:forces|front|army|brigades?|militias?|rebels?|factions?|movement|sham|hts|isis|isil|"
    r"hezbollah|hamas|taliban|al-qaeda|insurgents?|fighters|guards?)\b",
    re.IGNORECASE,
)
_CONFUSED = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_POSSESSIVE = re.compile(r"\s?['’‘]s$")
_ZONES = frozenset({"GMT", "UTC", "CET", "EST", "EDT", "PST", "BST"})
# Children whose subtree is not part of a compact phrase.
_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "mark", "prep"})
_KEEP_PREP = frozenset({"of", "for", "from", "in"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})
_SUBJECTS = ("nsubj", "csubj", "expl")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_OBJECTS = ("dobj", "obj", "attr", "oprd", "dative", "acomp")


def article_mentions(sentences: list[Any], docs: list[Any]) -> list[Mention]:
    """The named actors of a whole article (``docs[i]`` the parse of ``sentences[i]``).

    One name keeps one sense in one article: a town the article names as a place somewhere
    ("fighting in Aleppo") is a place where the tagger took it for a person or organisation
    without a place context ("Aleppo fell"), unless it is a word of a person's name there. A
    country is left as tagged (a state acting: "Israel said").
    """
    people = person_words(docs)
    known = genders(docs)
    for doc in docs:
        doc.user_data[GENDERS] = known  # for "she said" in attribution
    found = [m for s, d in zip(sentences, docs, strict=True) for m in mentions(d, s.start, people)]
    # a team named after its city ("the Indianapolis Colts", "Creighton defeated Drake") is
    # that team wherever the article names the city bare, but after a locative preposition
    teams = {m.text for m in found if m.type == "organisation" and m.label in _PLACE_TAGS}
    teams |= {m.text.rsplit(" ", 1)[0] for m in found if m.type == "organisation" and _nickname(m)}
    for mention in found:
        if mention.type == "place" and mention.text in teams and not _after_at(sentences, mention):
            mention.type = "organisation"
    towns = {m.text for m in found if m.type == "place" and _town(m.text)}
    sites = [m.text + " " for m in found if m.type == "place" and " " in m.text]
    for mention in found:
        if mention.type not in _RETYPED:
            continue
        if mention.text in towns and mention.text not in people | teams:
            mention.type = "place"
        elif any(site.startswith(mention.text + " ") for site in sites) and _after_at(
            sentences, mention
        ):
            # "Promises Treatment Center" ... "at Promises": the short name of the same site
            mention.type = "place"
    return found


_PLACE_TAGS = frozenset({"GPE", "LOC", "FAC"})


def _nickname(mention: Mention) -> bool:
    """ "Indianapolis Colts": a town and a capitalised plural, tagged as an organisation."""
    words = mention.text.split()
    return (
        len(words) >= 2
        and words[-1][:1].isupper()
        and words[-1].endswith("s")
        and _town(" ".join(words[:-1]))
    )


def _after_at(sentences: list[Any], mention: Mention) -> bool:
    """True when a locative preposition comes right before ``mention`` ("at Betty Ford")."""
    for sentence in sentences:
        if sentence.start <= mention.start < sentence.end:
            before = sentence.text[: mention.start - sentence.start].split()
            return bool(before) and before[-1].lower() in _AT
    return False


_AT = frozenset({"at", "in", "into", "to", "from", "near", "outside", "inside"})


def _not_a_place(ent: Any, people: frozenset[str]) -> str:
    """What a span tagged as a place is when it is none: a person, a people, a team, a ship."""
    text = ent.text.strip()
    if text in people or all(w in people for w in text.split()):
        return "person"
    if is_demonym(text):
        return "group"
    if is_team(ent):
        return "organisation"
    return "other"


def _dateline(ent: Any) -> bool:
    """A word in capitals opening a sentence and followed by "(" or a dash: "MOSCOW (AP) --"."""
    text = ent.text
    if ent.start != 0 or len(text) < 3 or not text.isupper():
        return False
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and nxt.text[:1] in ("(", "-", "—", "–", ",")


_RETYPED = frozenset({"person", "organisation", "group", "other"})


def _town(name: str) -> bool:
    found = resolve_place(name)
    return found is not None and found.kind in ("city", "region")


def mentions(doc: Any, offset: int, people: frozenset[str] = frozenset()) -> list[Mention]:
    """The named actors of a parsed sentence, with offsets into the article.

    Whether a name is a place is read in context (see ``readings``): a town the tagger took
    for a person is a place after "in", a city name the tagger took for a place is a ship
    after "the submarine", a word of a person's name (``people``) is that person.
    """
    found = []
    for ent in doc.ents:
        kind = _ENTITY_TYPES.get(ent.label_)
        place = is_place(ent, people)
        if _dateline(ent):
            # "MOSCOW (AP) --": where the report was filed, never an actor
            if not _town(ent.text) and resolve_place(ent.text) is None:
                continue
            kind, place = "place", True
        if kind == "place" and not place:
            kind = _not_a_place(ent, people)
        elif place:
            kind = "place"
        if kind is None:
            # "Aleppo’s airport": the small model often takes a name with a possessive for a
            # work of art or a product. Kept as "other" (a known place is then a place).
            if not (ent.label_ in _CONFUSED and _POSSESSIVE.search(ent.text)):
                continue
            kind = "other"
        text = ent.text
        # "the UK-based Syrian Observatory..." -> drop a leading article from the span.
        start = ent.start_char
        if text.lower().startswith("the "):
            start += 4
            text = text[4:]
        text = _POSSESSIVE.sub("", text)
        if not text.strip():
            continue
        if ent.label_ == "ORG" and text.upper() in _ZONES:
            continue
        cut = re.search(r"[)(—–]", text)
        if cut:
            text = text[: cut.start()].rstrip(" -")
            if not text:
                continue
        if kind in ("organisation", "person") and _FACTION.search(text):
            kind = "group"
        found.append(Mention(offset + start, offset + start + len(text), text, kind, ent.label_))
    return found


def phrase(token: Any, *, keep_prep: bool = True) -> tuple[int, int] | None:
    """Character span (in the sentence) of the compact phrase headed by ``token``."""
    if token is None:
        return None
    tokens = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        last_conj = _last_nominal_conj(current)
        for child in current.children:
            if child.dep_ == "punct" and child.text in "-–" and not child.whitespace_:
                pass  # "UK-based": a hyphen inside a word
            elif (
                child.dep_ in ("cc", "punct")
                and last_conj is not None
                and current.i < child.i < last_conj
                and (child.dep_ == "cc" or child.text == ",")
            ):
                pass  # "Hezbollah fighters and Kurdish militias", "tanks, rockets and shells"
            elif child.dep_ in _CUT and not (
                keep_prep
                and child.dep_ == "prep"
                and child.lower_ in _KEEP_PREP
                and current.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
            ):
                continue
            if child.dep_ == "conj" and current.i == token.i and child.pos_ == "VERB":
                continue
            tokens.append(child)
            stack.append(child)
    # Keep the contiguous run around the head: a cut child leaves a gap.
    indices = sorted(t.i for t in tokens)
    head = token.i
    lo = hi = indices.index(head)
    while lo > 0 and indices[lo - 1] == indices[lo] - 1:
        lo -= 1
    while hi + 1 < len(indices) and indices[hi + 1] == indices[hi] + 1:
        hi += 1
    doc = token.doc
    first, last = doc[indices[lo]], doc[indices[hi]]
    # No trailing "'s", quotes or dashes.
    while last.i > first.i and (last.is_punct or last.dep_ == "case"):
        last = doc[last.i - 1]
    while first.i < last.i and first.is_punct:
        first = doc[first.i + 1]
    return first.idx, last.idx + len(last.text)


def _last_nominal_conj(token: Any) -> int | None:
    """Index of the last noun joined to ``token`` by "and" / "or" / a comma, if ``token`` is a
    noun phrase's head (verbs joined to a verb are clauses of their own, not one phrase)."""
    if token.pos_ not in _NOMINAL:
        return None
    found = [c.i for c in token.children if c.dep_ == "conj" and c.pos_ in _NOMINAL]
    return max(found) if found else None


def named_apposition(token: Any) -> Any:
    """The name in apposition to a common noun ("the governor, Ahmed Karimi," -> Karimi), or
    ``None``: a speaker or source is better named than described."""
    if token is None or token.pos_ == "PROPN" or token.ent_type_:
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG", "NORP"):
            return child
    return None


def predicate_of(verb: Any) -> str:
    """The predicate lemma, with a particle ("pull back") and negation left to the caller."""
    words = [lemma(verb)]
    for child in verb.children:
        if child.dep_ == "prt":
            words.append(child.lower_)
    if verb.pos_ == "AUX" and verb.dep_ == "ROOT":
        # "X is Syria's second city": the copula's attribute carries the meaning.
        for child in verb.children:
            if child.dep_ in ("attr", "acomp"):
                return f"be {child.lower_}" if child.dep_ == "acomp" else "be"
    return " ".join(words)


def subject_object(verb: Any) -> tuple[Any, Any, bool]:
    """(subject token, object token, passive) of a clause headed by ``verb``.

    The object token may be a preposition (its phrase then reads "from the city").
    """
    subject = _child(verb, _SUBJECTS)
    passive_subject = _child(verb, _PASSIVE_SUBJECTS)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and passive_subject is None:
        # "rebels took the airport and advanced": the first verb's subject is shared;
        # "rebels were reported to have captured": so is a passive head's.
        subject = _child(verb.head, _SUBJECTS)
        if subject is None and verb.dep_ == "xcomp":
            subject = _child(verb.head, _PASSIVE_SUBJECTS)
    if passive_subject is not None:
        agent = _child(verb, ("agent",))
        agent_object = _child(agent, ("pobj",)) if agent is not None else None
        return agent_object, passive_subject, True
    obj = _child(verb, _OBJECTS)
    if obj is None:
        for child in verb.children:
            if child.dep_ == "prep" and _child(child, ("pobj",)) is not None:
                obj = child
                break
    if subject is not None and subject.dep_ == "expl":
        subject = None
    return subject, obj, False


def _child(token: Any, deps: tuple[str, ...]) -> Any:
    if token is None:
        return None
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None
