"""Event words: the verb or noun a claim is about, its event class, and background cues.

An **event word** is a verb that is not an auxiliary, or a noun that names something that
happens: a noun of the lexicon below ("quake", "toll", "arrest"), a gerund ("the shooting"), or
a nominalisation ("-tion", "-ment", "-ure", "-al" of a verb: "the collapse", "the resignation").
Its **event class** groups words that report one kind of event across the forms writers use:
verbs, nouns and synonyms (*kill / death / toll / die*, *quake / earthquake / temblor*, *arrest /
detain / custody*). A word outside the lexicon is its own class (its lemma, a gerund stripped
of "-ing"), so "the bombing" and "bombed" still meet.

**Light verbs** (*be, have, take place, strike, hit, occur...*) say that an event noun happened:
in "the quake struck Aceh" or "the death toll rose to 22" the claim's event is the noun, and the
verb joins it as a second anchor. Reporting verbs (*say, tell, report*) and auxiliaries have no
class: they never link claims.

**Background cues** (per word): not the pluperfect (news tells its own story in it, and
reported speech moves back a step: "officials said 40 people had been injured"), but a year
before the publication's year written on the word ("the 2004 tsunami", "a 1991 crash") or
"last year's"/"previous"/"earlier" on a noun. The story-level test (dates against the story's
time span) is in :mod:`corroborate.align`.
"""

from __future__ import annotations

from typing import Any

from corroborate.claims.nlp import lemma

__all__ = [
    "EVENT_CLASSES",
    "LEXICON_WORDS",
    "LIGHT_VERBS",
    "event_class",
    "event_key",
    "is_event_noun",
    "word_background",
]

# General news-event vocabulary: one class, the verbs and nouns that report it.
EVENT_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "death": "kill die death dead toll killing fatality slay slaying perish murder homicide "
        "life-claiming casualty massacre",
        "injury": "injure wound hurt injury",
        "quake": "earthquake quake temblor tremor seism",
        "attack": "attack assault raid airstrike strike bombard bombardment shell shelling "
        "offensive",
        "shooting": "shoot shooting gunfire gunshot",
        "explosion": "explode explosion blast detonate detonation bomb bombing",
        "arrest": "arrest detain detention custody apprehend apprehension nab capture",
        "charge": "charge indict indictment accuse accusation",
        "convict": "convict conviction",
        "sentence": "sentence",
        "fire": "fire blaze inferno burn",
        "crash": "crash collide collision",
        "sink": "sink sinking",
        "flood": "flood flooding inundate",
        "collapse": "collapse",
        "destroy": "destroy destruction demolish demolition",
        "damage": "damage",
        "rescue": "rescue",
        "evacuate": "evacuate evacuation",
        "escape": "escape flee",
        "resign": "resign resignation quit",
        "appoint": "appoint appointment nominate nomination name tap pick select selection "
        "choose choice hire",
        "dismiss": "dismiss dismissal sack oust ouster",
        "elect": "elect election vote ballot",
        "win": "win victory triumph beat defeat",
        "acquire": "acquire acquisition buy purchase takeover",
        "merge": "merge merger",
        "launch": "launch release unveil introduce introduction debut",
        "sign": "sign signing",
        "die-birth": "bear birth",
        "marry": "marry marriage wedding wed",
        "divorce": "divorce split",
        "protest": "protest demonstration demonstrate rally",
        "rehab": "rehab rehabilitation",
        "kidnap": "kidnap kidnapping abduct abduction hostage",
        "robbery": "rob robbery heist",
        "investigate": "investigate investigation probe inquiry",
        "trial": "trial try",
        "plead": "plead plea",
        "injunction": "ban prohibit prohibition",
        "outage": "outage blackout",
        "eruption": "erupt eruption",
        "storm": "storm hurricane cyclone typhoon tornado",
        "tsunami": "tsunami",
        "hijack": "hijack hijacking",
        "surrender": "surrender",
        "withdraw": "withdraw withdrawal retreat",
        "invade": "invade invasion",
        "capture-town": "seize overrun",
        "ceasefire": "ceasefire truce",
        "curfew": "curfew",
    }.items()
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CLASS_OF = {word: name for name, words in EVENT_CLASSES.items() for word in words}
LEXICON_WORDS = frozenset(_CLASS_OF)

# Nouns that name a happening in news without a class of their own (each is its own class).
_HAPPENINGS = _words(
    "round fight bout match game race tournament final season treatment stay stint incident "
    "visit trip tour meeting talks summit war battle campaign conflict crisis accident "
    "disaster tragedy ceremony concert show event case deal trade transfer move change "
    "surgery operation mission search hunt manhunt chase standoff siege violence unrest riot "
    "clash fighting jailbreak breakout hearing ruling verdict decision lawsuit suit complaint "
    "scandal crime offence offense rape theft fraud abuse aid help rescue plan record "
    "performance loss draw goal touchdown knockout stoppage title win defeat comeback return "
    "departure arrival absence stop stoppage outbreak epidemic spill leak shortage strike "
    "walkout boycott sale release recall vote debate speech interview announcement "
    "statement report warning threat order deployment patrol ambush coup uprising revolt "
    "celebration funeral burial memorial award prize nomination premiere exhibition trial "
    "appeal sentence fine ban raid escape flight crash"
)

# Verbs that say an event noun happened (or give its measure): the noun is the event.
LIGHT_VERBS = _words(
    "be have take occur happen strike hit rock jolt shake erupt begin start continue follow "
    "come cause leave rise climb reach stand mount increase jump grow top hit remain carry "
    "conduct launch stage make break"
)
_NO_CLASS = _words(
    "be have do say tell report add state announce confirm claim note explain write "
    "accord quote describe call ask"
)
# Lexicon words that are events only as verbs ("named", "tried", "picked").
_VERB_ONLY = _words("name try pick choice bear split dead tap beat quit flee wed")
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ery")
_NOT_EVENTS = _words(
    "thing morning evening building ceiling meaning something nothing anything everything "
    "king ring wing spring string sibling darling nation station population government "
    "department ministry information mention position condition question section region "
    "nature future picture culture structure figure measure temperature signature "
    "document apartment equipment parliament element moment comment "
    "minister agency audience evidence experience science conference difference"
)


def _noun_lemma(token: Any) -> str:
    return str(lemma(token)).lower()


def is_event_noun(token: Any) -> bool:
    """A noun that names something that happens (see the module docstring)."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "GPE", "ORG"):
        return False
    word = _noun_lemma(token)
    if word in _CLASS_OF:
        return word not in _VERB_ONLY
    if word in _HAPPENINGS:
        return True
    if word in _NOT_EVENTS or len(word) < 5 or token.pos_ == "PROPN":
        return False
    if word.endswith("ing") and token.tag_ == "NN":
        return True
    return word.endswith(_NOMINAL_SUFFIXES)


def is_event_word(token: Any) -> bool:
    """A verb, a participle used as an adjective ("the endangered species"), or an event noun."""
    if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.tag_ in ("VBN", "VBG")):
        return True
    return is_event_noun(token)


def event_key(token: Any) -> str | None:
    """The lemma an event word is compared by: the noun's verb for a gerund ("shooting" ->
    "shoot"), else its lemma; ``None`` for reporting verbs and auxiliaries."""
    word = _noun_lemma(token)
    if token.pos_ == "AUX" or word in _NO_CLASS:
        return None
    if token.pos_ == "NOUN" and word.endswith("ing") and word not in _CLASS_OF and len(word) > 5:
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2]:  # "robbing" -> "rob"
            stem = stem[:-1]
        return stem
    return word


def event_class(token: Any) -> str | None:
    """The event class of an event word: a lexicon class, else its key."""
    key = event_key(token)
    if key is None:
        return None
    return _CLASS_OF.get(key) or _CLASS_OF.get(_noun_lemma(token)) or key


def word_background(token: Any, published_year: int | None) -> bool:
    """A cue on the word itself that it is an earlier event (see the module docstring)."""
    if token.pos_ in ("VERB", "AUX"):
        # The pluperfect is no cue: news tells its own story in it ("authorities had ordered
        # the evacuation on Monday evening", before Tuesday's breach) and moves reported speech
        # back a step ("officials said 40 people had been injured"). A verb's earlier time is
        # told by its dates, at the story level (corroborate.align).
        return False
    for child in token.children:
        text = child.text.lower()
        if child.dep_ in ("nummod", "compound", "amod", "poss", "npadvmod") and (
            text.isdigit() and len(text) == 4
        ):
            year = int(text)
            if published_year is None or year < published_year:
                return True
        if child.dep_ in ("amod", "poss") and text in ("previous", "earlier", "past", "former"):
            return True
        if child.dep_ == "poss" and any(g.lower_ == "last" for g in child.children):
            return True  # "last year's quake"
    return False
