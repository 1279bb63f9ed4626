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

__all__ = ["Article", "Match", "Problem", "Relation", "Removed", "Sentence", "Story", "article_id"]

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
        return f"{self.level}: {self.input}: {self.reason}"


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
