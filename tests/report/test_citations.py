"""Verified citations (issue 12): a source is cited for a fact only when it states it, with the
same figure or day; one that gives another figure is listed as differing. Invented claims."""

from __future__ import annotations

from corroborate.records import Article, Claim, TimeExpr
from corroborate.report.brief import Brief, BriefSentence
from corroborate.report.build import _support, verify_citations
from corroborate.report.conflicts import find_conflicts
from corroborate.report.consensus import verified_support
from corroborate.report.groups import ClaimGroup


def toll(article: str, value: float, index: int = 0) -> Claim:
    text = f"The storm killed {value:g} people."
    q = {"start": 17, "end": 17 + len(f"{value:g}"), "text": f"{value:g}", "value": value,
         "low": None, "high": None, "qualifier": "exact", "unit": None, "counted": "people",
         "also_as": [], "role": "kill"}  # fmt: skip
    return Claim(article, index, index, 0, len(text), text, predicate="kill", quantities=[q])


def on_day(article: str, weekday: str, negated: bool = False) -> Claim:
    text = f"The minister {'did not resign' if negated else 'resigned'} on {weekday}."
    at = text.index(weekday)
    day = TimeExpr(at, at + len(weekday), weekday, "weekday", weekday=weekday)
    return Claim(article, 0, 0, 0, len(text), text, predicate="resign", negated=negated,
                 times=[day])  # fmt: skip


def group(claims: list[Claim], gid: int = 1) -> ClaimGroup:
    articles = [c.article for c in claims]
    return ClaimGroup(gid, claims, articles, len(claims), [[a] for a in articles],
                      claims[0].text, (claims[0].article, 0))  # fmt: skip


def test_another_figure_differs() -> None:
    g = group([toll("a", 40), toll("b", 40), toll("c", 47)])
    assert verified_support(g) == {"a": "states", "b": "states", "c": "differs"}


def test_another_day_or_polarity_differs() -> None:
    g = group([on_day("a", "Monday"), on_day("b", "Monday"), on_day("c", "Tuesday")])
    assert verified_support(g)["c"] == "differs"
    g = group([on_day("a", "Monday"), on_day("b", "Monday"), on_day("c", "Monday", True)])
    assert verified_support(g) == {"a": "states", "b": "states", "c": "differs"}


def test_the_matrix_agrees_with_the_conflicts() -> None:
    g = group([toll("a", 40), toll("b", 40), toll("c", 47)])
    conflicts = find_conflicts([g])
    assert len(conflicts) == 1
    support = _support([g], conflicts)[1]
    assert support == {"a": "states", "b": "states", "c": "differs"}


def test_a_brief_sentence_never_cites_a_source_that_differs() -> None:
    g = group([toll("a", 40), toll("b", 40), toll("c", 47)])
    articles = [Article(id=x, text="x", paragraphs=["x"]) for x in "abc"]
    sentence = BriefSentence("The storm killed 40 people.", [1, 2, 3], 1, "a", 2)
    brief = Brief(sentences=[sentence], sources=list("abc"))
    verify_citations(brief, articles, _support([g], find_conflicts([g])))
    assert brief.sentences[0].citations == [1, 2]
