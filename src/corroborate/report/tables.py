"""The report's tables: a timeline of dated events, the key figures, and who said what.

- **Timeline**: every claim group whose claims carry a date or a weekday, one entry per distinct
  date (or weekday, when the articles have no publication date), with the text of the first
  claim (in article order) that gives that date, and its sources. Entries with an ISO date
  come first, by date; entries known only by weekday follow, Monday to Sunday (without a date,
  a week's order is all there is to go on).
- **Key figures**: every quantity with a role and a counted thing (or a unit), one row per figure
  as written, with the articles that give it and who they attribute it to; rows of one kind of
  fact (role, counted, unit) are kept together, the best-supported kind first.
- **Quotes**: the direct quotes of every claim, with speaker and article, in article order; a
  quote continued over sentences appears once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborate.records import Claim
from corroborate.report.groups import ClaimGroup, quantity_key

__all__ = [
    "FigureRow",
    "QuoteRow",
    "TimelineEntry",
    "key_figures",
    "quotes",
    "source_of",
    "timeline",
]

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(slots=True)
class TimelineEntry:
    when: str  # ISO date, or a weekday name
    statement: str
    group: int
    articles: list[str] = field(default_factory=list)
    as_written: list[str] = field(default_factory=list)  # "on Saturday", "Friday evening"


@dataclass(slots=True)
class FigureRow:
    what: str  # "kill / civilians"
    value: str  # as written: "at least 20"
    articles: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)


@dataclass(slots=True)
class QuoteRow:
    speaker: str | None
    text: str
    article: str
    kind: str  # "direct" or "indirect"


def timeline(groups: list[ClaimGroup]) -> list[TimelineEntry]:
    entries: dict[tuple[str, int], TimelineEntry] = {}
    for group in groups:
        for claim in group.claims:
            for t in claim.times:
                when = t.day() or t.weekday  # a month or "five years ago" is not a day
                if not when:
                    continue
                entry = entries.setdefault(  # the first claim to give this date states it
                    (when, group.id), TimelineEntry(when, claim.text, group.id)
                )
                if claim.article not in entry.articles:
                    entry.articles.append(claim.article)
                if t.text not in entry.as_written:
                    entry.as_written.append(t.text)
    return sorted(entries.values(), key=_when_key)


def _when_key(entry: TimelineEntry) -> tuple[int, str, int]:
    if entry.when in _WEEKDAYS:
        return 1, str(_WEEKDAYS.index(entry.when)), entry.group
    return 0, entry.when, entry.group


def key_figures(groups: list[ClaimGroup]) -> list[FigureRow]:
    rows: dict[tuple[str, str], FigureRow] = {}
    support: dict[str, set[str]] = {}
    for group in groups:
        for claim in group.claims:
            for q in claim.quantities:
                role, counted = quantity_key(q)
                if role is None or (counted is None and not q.get("unit")):
                    continue
                what = " / ".join(x for x in (role, counted or q.get("unit")) if x)
                row = rows.setdefault((what, q["text"]), FigureRow(what, q["text"]))
                if claim.article not in row.articles:
                    row.articles.append(claim.article)
                who = source_of(claim)
                if who and who not in row.attributed_to:
                    row.attributed_to.append(who)
                support.setdefault(what, set()).add(claim.article)
    return sorted(rows.values(), key=lambda r: (-len(support[r.what]), r.what, -len(r.articles)))


def quotes(claims: list[Claim]) -> list[QuoteRow]:
    seen: set[tuple[str, int, int]] = set()
    rows = []
    for claim in claims:
        for quote in claim.quotes:
            key = (claim.article, quote.start, quote.end)
            if key in seen:
                continue
            seen.add(key)
            rows.append(QuoteRow(quote.speaker, quote.text, claim.article, quote.kind))
    return rows


def source_of(claim: Claim) -> str | None:
    """Who a claim's figure comes from: its attribution, else a subject that names a person or
    an organisation ("The UN has expressed alarm ... with at least 27 civilians killed")."""
    if claim.attribution and claim.attribution.source:
        return claim.attribution.source
    subject = claim.subject or ""
    for actor in claim.actors:
        if actor.type in ("person", "organisation") and actor.text in subject:
            return subject
    return None
