"""Is a named entity a place here? The tagger's label, the gazetteer and the words around it.

The gazetteer knows many names that are also people, organisations and things (Clinton, Bush,
Lindsay, Memphis, Xinhua, "White House" as an old name of Casablanca). A gazetteer hit alone
never makes a place; the reading in context decides:

* a span the tagger calls a place (GPE, LOC, FAC) is one, except
  - a ship: a vessel word before it ("the submarine Memphis", "USS Toledo", "the submarines
    Memphis and Toledo") or after it ("the Kursk submarine");
  - a bare city name under "the" that heads its phrase ("the Kursk sank"): towns take no
    article, ships and other things named after them do ("the Aleppo countryside" is a place);
  - a word of a person named in the same article ("Lindsay Lohan ... Lohan"), unless a country;
  - a demonym ("Ukrainian" tagged GPE);
  - a city or school naming a team (:func:`is_team`): "the Indianapolis Colts", "Creighton
    defeated Drake", "a win over X", "X's victory", X the subject of a sentence with a score
    ("improved to 25-7"); a country is never read as a team;
* a span the tagger calls a person or an organisation ("in Reghin" tagged PERSON) is a place
  only when the gazetteer knows it AND the words around it read as a place: a locative
  preposition right before ("in", "near", "outside", "across" ...), "the outskirts / villages /
  centre ... of" before, a region word after ("... province") or ", <country or region>" after,
  a place noun in apposition ("Homs, a city ...") or a verb that takes a place as its object
  ("rebels entered Homs", "troops captured X").
  "Clinton said", "Xinhua reported", "at the White House", "the Bush administration" stay
  what the tagger says. A possessive after the name ("in Clinton's speech") is not a place.
* a building's or site's name tagged as an organisation or a person is a place after a
  locative preposition (:func:`is_facility`): "checked into Promises Treatment Center", "at
  the Stade de Suisse"; "Promises Treatment Center said" stays an organisation;
* a span tagged NORP (nationalities, groups) that the gazetteer knows as a country, region or
  city is a place (the small model tags "Aleppo" NORP; demonyms are never places), and so is
  one taken for a work of art or a product ("Aleppo's airport").

``people`` is the set of words of the PERSON names in the article (see :func:`person_words`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from corroborate.claims.nlp import lemma
from corroborate.claims.places import is_demonym, resolve_place

__all__ = ["PLACE_LABELS", "is_facility", "is_place", "is_team", "person_words", "place_context"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MAYBE = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "CARDINAL"}
)
_VESSEL = _words(
    """uss hms ins hmas hmcs rfs mv ss rv submarine submarines sub subs ship ships vessel vessels
    warship warships frigate frigates destroyer destroyers carrier carriers cruiser cruisers
    tanker tankers ferry ferries boat boats yacht yachts freighter freighters trawler
    icebreaker liner gunboat corvette"""
)
_LOCATIVE = _words(
    """in near outside into across around toward towards throughout inside through within
    nearby beyond"""
)
_PLACE_NOUNS = _words(
    """outskirts suburbs suburb centre center city town towns village villages province region
    district districts area areas streets street north south east west northeast northwest
    southeast southwest heart capital county municipality commune edge port valley residents
    mayor control"""
)
# Nouns a place name modifies or possesses: "the Aleppo and Idlib fronts", "Aleppo's airport".
_PLACE_HEADS = _words(
    """front fronts countryside province provinces governorate airport airports citadel
    offensive outskirts suburbs streets centre center old fall recapture capture siege mayor
    governor residents inhabitants districts neighbourhoods neighborhoods port region area"""
)
_REGION_AFTER = _words(
    """province governorate region state oblast county district countryside valley area
    municipality prefecture"""
)
# Verbs whose object is a place when it is a name the gazetteer knows ("rebels entered Homs").
_PLACE_VERBS = _words(
    """reach enter capture seize recapture retake shell bomb bombard flee storm besiege
    encircle surround liberate overrun evacuate invade occupy visit"""
)
# Words that end (or open) the name of a building or site: "Betty Ford Center", "Stade de
# Suisse". Such a name tagged as an organisation is a place after a locative preposition.
_FACILITY_LAST = _words(
    """center centre clinic hospital hotel motel stadium arena airport station prison jail
    penitentiary church cathedral mosque temple synagogue bridge building tower mall hall park
    square palace museum theatre theater courthouse court school college university campus
    base camp hut dam plant factory refinery mine embassy consulate"""
)
_FACILITY_FIRST = _words("stade estadio stadio mount mt fort lake port")
_AT = frozenset(
    {"at", "in", "into", "to", "from", "near", "outside", "inside", "toward", "towards"}
)
# Verbs of sport where a city or a school names its team: "Creighton defeated Drake".
_COMPETE = _words("beat defeat edge rout outscore upset trounce thrash overcome clinch")
_SPORT_NOUNS = _words(
    """victory win loss defeat roster coach offense defense quarterback lineup squad fans
    game games season"""
)
_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")  # "65-53", not "2012-13-14"
_SKIP_BACK = frozenset({"the", "and", ",", "or", "&"})


def person_words(docs: Iterable[Any]) -> frozenset[str]:
    """The words (three letters or more, capitalised) of the PERSON names in ``docs``."""
    words: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                words.update(t.text for t in ent if len(t.text) >= 3 and t.text[:1].isupper())
    return frozenset(words)


def is_place(ent: Any, people: frozenset[str] = frozenset()) -> bool:
    """True when the entity span ``ent`` names a place in its sentence (rules above)."""
    label = ent.label_
    text = _bare(ent.text)
    if is_demonym(text):
        return False
    if label in PLACE_LABELS:
        if _vessel(ent) or is_team(ent):
            return False
        words = text.split()
        if text in people or (len(words) > 1 and all(w in people for w in words)):
            # "Lohan" after "Lindsay Lohan"; "Wladimir Klitschko" tagged as a place
            found = resolve_place(text)
            return found is not None and found.kind == "country"
        return not _thing_under_the(ent)
    if label in ("ORG", "PERSON", "WORK_OF_ART") and is_facility(ent):
        return True
    if label not in _MAYBE:
        return False
    found = resolve_place(_bare(ent.text))
    if found is None or found.kind not in ("country", "city", "region"):
        return False
    if _vessel(ent):
        return False
    if label not in ("PERSON", "ORG"):
        return True  # NORP, or "Aleppo's airport" taken for a work of art: never a person
    return place_context(ent)


def is_facility(ent: Any) -> bool:
    """A building's or a site's name after a locative preposition: "checked into Promises
    Treatment Center", "at the Stade de Suisse"."""
    words = ent.text.split()
    if len(words) < 2:
        return False
    last, first = words[-1].lower().strip(".,"), words[0].lower().strip(".,")
    if last not in _FACILITY_LAST and first not in _FACILITY_FIRST:
        return False
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "the" and ent.start > 1:
        before = doc[ent.start - 2]
    return before is not None and before.lower_ in _AT


def is_team(ent: Any) -> bool:
    """A city or a school naming a team: "the Indianapolis Colts", "Creighton defeated Drake",
    "a win over Creighton", "Creighton's 65-53 victory". A country is left a place."""
    found = resolve_place(_bare(ent.text))
    if found is not None and found.kind == "country":
        return False
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if (
        nxt is not None
        and nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and nxt.lower_.endswith("s")
        and nxt.lower_ not in _PLACE_HEADS
        and nxt.ent_type_ not in ("GPE", "LOC")
    ):
        return True  # "Colts", "Eagles", "76ers"
    head = ent.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ in ("nsubj", "dobj") and lemma(head.head) in _COMPETE:
        return True
    if head.dep_ == "nsubj" and _SCORE.search(ent.sent.text):
        return True  # "Creighton improved to 25-7 on the season"
    if head.dep_ == "pobj" and head.head.lower_ in ("over", "against"):
        governor = head.head.head
        if governor.lower_ in _SPORT_NOUNS or lemma(governor) in _COMPETE:
            return True
    return head.dep_ == "poss" and head.head.lower_ in _SPORT_NOUNS


def place_context(ent: Any) -> bool:
    """True when the words around ``ent`` read as a place: "in X", "the outskirts of X",
    "X province", "X, Romania"."""
    doc = ent.doc
    end = ent.end
    after = doc[end] if end < len(doc) else None
    if ent[-1].tag_ == "POS" or (after is not None and after.tag_ == "POS"):
        # "Aleppo's airport" is a place, "in Clinton's speech" is not
        owned = ent.root.head if ent.root.dep_ == "poss" else None
        return owned is not None and owned.lower_ in _PLACE_HEADS
    first = ent.start
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.lower_ == "the" and first > 1:
        before = doc[first - 2]
    # "the villages of Ibanesti and Gurghiu": climb a list back to its first member
    head = ent.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.i < first:
        start = head.left_edge.i
        before = doc[start - 1] if start > 0 else None
    root = ent.root
    if head.dep_ in ("compound", "nmod", "amod") and head.head.lower_ in _PLACE_HEADS:
        return True  # "the Aleppo and Idlib fronts"
    if any(c.dep_ == "appos" and c.lower_ in _PLACE_NOUNS for c in root.children):
        return True  # "Homs, a city 160 km from Damascus"
    if head.dep_ == "dobj" and lemma(head.head) in _PLACE_VERBS:
        return True
    if before is not None:
        word = before.lower_
        if word in _LOCATIVE:
            return True
        if word == "of" and before.i > 0 and doc[before.i - 1].lower_ in _PLACE_NOUNS:
            return True
    if after is not None:
        if after.lower_ in _REGION_AFTER:
            return True
        if after.text == "," and end + 1 < len(doc):
            nxt = doc[end + 1]
            if nxt.ent_type_ in ("GPE", "LOC") or nxt.text[:1].isupper():
                found = resolve_place(nxt.text)
                if found is not None and found.kind in ("country", "region"):
                    return True
    return False


def _bare(text: str) -> str:
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"['’]s?$", "", text).strip()


def _vessel(ent: Any) -> bool:
    """A ship's name: "USS Memphis", "the submarine Toledo", "the Kursk submarine"."""
    if ent[0].lower_.strip(".") in _VESSEL:
        return True
    doc = ent.doc
    i = ent.start - 1
    steps = 0
    while i >= 0 and steps < 4:
        token = doc[i]
        word = token.lower_.strip(".")
        if word in _VESSEL:
            return True
        if word in _SKIP_BACK or token.pos_ == "PROPN" or token.ent_type_:
            i -= 1
            steps += 1
            continue
        break
    root = ent.root
    if root.dep_ == "compound" and root.head.lower_ in _VESSEL:
        return True
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and nxt.lower_ in _VESSEL


def _thing_under_the(ent: Any) -> bool:
    """ "the Kursk sank": one capitalised word after "the", heading its phrase, that the
    gazetteer knows only as a city."""
    if len(ent) != 1 or ent.start == 0:
        return False
    doc = ent.doc
    if doc[ent.start - 1].lower_ != "the":
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.tag_ == "POS"):
        return False  # "the Aleppo countryside", "the Gaza Strip"
    found = resolve_place(ent.text)
    if found is None or found.kind != "city":
        return False
    return not (found.name or "").lower().startswith("the ")  # "the Hague"
