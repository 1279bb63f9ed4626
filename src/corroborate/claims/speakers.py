"""Who can be a source or a speaker: a named or described one, never a dateline or a figure.

A source ("X said ...", "according to X") or a quote's speaker is a person, an organisation, a
group, a document, or a described one ("a navy spokesman", "officials"). What the parse or a
pattern offers is checked here, for attributions and quotes alike:

* a personal pronoun resolves to the nearest earlier named actor it can stand for: "he" to a
  person not known to be a woman, "she" to one not known to be a man, "they" to an organisation
  or a group named in the same or the sentence before; "it" to an organisation named in the
  same or the sentence before. Gender is known from a title or a role word right before the
  name somewhere in the article ("Mr.", "Mrs.", "actress", "spokeswoman") or from a common
  given name; without a compatible actor the source stays unnamed;
* a relative pronoun ("who", "which", "that") stands for the noun its clause hangs from
  (:func:`antecedent`); left alone it is no speaker;
* a dateline ("MOSCOW (AP) --", a word in capitals at the head of the article) is cut off the
  front of a source; alone it is no source;
* a figure ("At least 50", "more than 300"), a date or a fragment without letters ("--Aug",
  "Tuesday") is no source;
* a place other than a country (a village, a city, a facility) is no source; a country speaks
  for its state ("Israel said").
"""

from __future__ import annotations

import re
from typing import Any

from corroborate.records import Mention

__all__ = ["GENDERS", "antecedent", "check", "gender_of", "genders", "is_country"]

GENDERS = "corroborate.genders"  # a doc's user_data key: the article's known genders


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
_NEVER = frozenset({"i", "me", "we", "us", "you", "this", "these", "those", "there", "here", "one"})
_MALE_PRONOUNS = frozenset({"he", "him", "his"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][A-Za-z. ]+)?\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–|-|:)\s*"
)
_CAPITALS = re.compile(r"^[A-Z][A-Z.'’ -]+$")
_FIGURE = re.compile(
    r"^(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|over|about|around|"
    r"nearly|almost|some|up\s+to|only|just|another|all)\s+)?"
    r"(?:[\d.,]+%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|million|millions)"
    r"(?:\s+(?:hundred|thousand|million|percent|per\s+cent))?$",
    re.IGNORECASE,
)
_DATE_WORDS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday today yesterday tomorrow"""
)
_MALE_WORDS = _words(
    """mr mr. sir king prince father son brother husband boyfriend actor spokesman chairman
    congressman businessman uncle nephew grandfather lord duke monsieur"""
)
_FEMALE_WORDS = _words(
    """mrs mrs. ms ms. miss madam queen princess mother daughter sister wife girlfriend
    actress spokeswoman chairwoman congresswoman businesswoman aunt niece grandmother lady
    duchess madame"""
)
# Common given names whose gender is plain (English-language press); anything else: unknown.
_MALE_NAMES = _words(
    """john james robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel
    logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip
    johnny bill barack vladimir mohammed muhammad ahmed ali hassan omar ivan sergei dmitry
    igor"""
)
_FEMALE_NAMES = _words(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley
    anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn
    janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly
    lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
    gloria teresa ann sara madison frances kathryn janice jean abigail alice julia judy
    sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
    natalie brittany charlotte marie kayla alexis lori hillary tara lindsay angelina
    britney paris sarah oprah fatima aisha olga natalia svetlana"""
)


def antecedent(token: Any) -> Any:
    """The noun a relative pronoun stands for ("the officer, who said" -> officer), the token
    itself when it is not one, or ``None`` for a relative pronoun with no noun to stand for."""
    if token is None or token.lower_ not in _RELATIVE:
        return token
    verb = token.head
    if verb.dep_ == "relcl" and verb.head.i != verb.i:
        noun = verb.head
        if noun.pos_ in ("NOUN", "PROPN"):
            return noun
    return None


def genders(docs: list[Any]) -> dict[str, str]:
    """Known genders of the people an article names: name (and surname) -> "m" / "f", from a
    title or role word right before the name anywhere in the article ("Mrs. Ortega", "the
    actress Tara Reid") or a common given name."""
    found: dict[str, str] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            gender = _given(ent.text)
            if gender is None:
                for token in reversed(doc[max(0, ent.start - 3) : ent.start]):
                    word = token.lower_
                    if word in _MALE_WORDS or word in _FEMALE_WORDS:
                        gender = "m" if word in _MALE_WORDS else "f"
                        break
            if gender is not None:
                found.setdefault(ent.text, gender)
                found.setdefault(ent.text.split()[-1], gender)
    return found


def _given(name: str) -> str | None:
    words = name.split()
    first = words[0].lower().strip(".,") if words else ""
    if first in _MALE_NAMES:
        return "m"
    if first in _FEMALE_NAMES:
        return "f"
    return None


def gender_of(person: Mention, known: dict[str, str]) -> str | None:
    """ "m", "f" or None for a person mention, from :func:`genders` or a given name."""
    words = person.text.split()
    if not words:
        return None
    return known.get(person.text) or known.get(words[-1]) or _given(person.text)


def check(
    name: str,
    start: int,
    end: int,
    actors: list[Mention],
    text: str,
    base: int = 0,
    known: dict[str, str] | None = None,
) -> tuple[str, int, int] | None:
    """The source or speaker ``name`` (article span ``start``..``end``) as it may stand: a
    pronoun resolved, a dateline cut off; ``None`` when it is no source (rules above).

    ``text`` is the article, or a part of it that starts at article offset ``base`` (a
    sentence); ``known`` the article's :func:`genders`.
    """
    name = name.strip()
    lead = _DATELINE.match(name)
    if lead and lead.end() < len(name):
        start += lead.end()
        name = name[lead.end() :]
    elif lead or (_CAPITALS.match(name) and _at_line_start(text, start - base)):
        return None
    lower = name.lower()
    if lower in _RELATIVE or lower in _NEVER:
        return None
    if lower in _MALE_PRONOUNS or lower in _FEMALE_PRONOUNS:
        return _person_before(lower in _FEMALE_PRONOUNS, start, actors, known or {})
    if lower in _PLURAL_PRONOUNS or lower == "it":
        return _body_before(start, actors)
    if not re.search(r"[^\W\d_]", name) or _FIGURE.match(name):
        return None
    if lower.strip(" .,-–—") in _DATE_WORDS or (not name[:1].isalnum() and lower[:1] in "-–—/"):
        return None
    for actor in actors:
        inside = actor.start <= start and end <= actor.end
        if inside and actor.type == "place" and not is_country(actor.text):
            return None
    return name, start, end


def _at_line_start(text: str, start: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip()


def is_country(name: str) -> bool:
    """True for a name the gazetteer knows as a country."""
    from corroborate.claims.places import resolve_place

    found = resolve_place(name)
    return found is not None and found.kind == "country"


def _person_before(
    female: bool, start: int, actors: list[Mention], known: dict[str, str]
) -> tuple[str, int, int] | None:
    for actor in reversed([a for a in actors if a.type == "person" and a.end <= start]):
        gender = gender_of(actor, known)
        if gender is None or gender == ("f" if female else "m"):
            return actor.text, actor.start, actor.end
    return None


def _body_before(start: int, actors: list[Mention]) -> tuple[str, int, int] | None:
    """ "they" / "it": an organisation or group named shortly before (within _NEAR characters:
    about the sentence before)."""
    for actor in reversed([a for a in actors if a.end <= start and start - a.end <= _NEAR]):
        if actor.type in ("organisation", "group"):
            return actor.text, actor.start, actor.end
    return None


_NEAR = 250
