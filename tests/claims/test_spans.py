"""Every span a claim carries reads, in the article, as the text it claims to be."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate import ReadOptions, read_inputs
from corroborate.claims import extract_many
from corroborate.records import Article, Claim


def spans(claim: Claim) -> list[tuple[str, int, int, str]]:
    out: list[tuple[str, int, int, str]] = [("claim", claim.start, claim.end, claim.text)]
    for m in claim.actors:
        out.append(("actor", m.start, m.end, m.text))
    for q in claim.quantities:
        out.append(("quantity", q["start"], q["end"], q["text"]))
    for t in claim.times:
        out.append(("time", t.start, t.end, t.text))
    for p in claim.places:
        out.append(("place", p.start, p.end, p.text))
    for quote in claim.quotes:
        out.append(("quote", quote.start, quote.end, quote.text))
        if quote.speaker and quote.speaker_start is not None and quote.speaker_end is not None:
            out.append(("speaker", quote.speaker_start, quote.speaker_end, quote.speaker))
    a = claim.attribution
    if a is not None and a.source:
        out.append(("source", a.start, a.end, a.source))
    return out


def check(articles: list[Article]) -> list[Any]:
    wrong = []
    for article, claims in extract_many(articles):
        for claim in claims:
            for kind, start, end, text in spans(claim):
                if article.text[start:end] != text:
                    wrong.append((article.input, kind, start, end, text, article.text[start:end]))
    return wrong


def test_spans_on_the_seeds(seed_files: list[Path]) -> None:
    articles = [a for a in read_inputs([str(p) for p in seed_files]) if isinstance(a, Article)]
    assert len(articles) == 5
    assert check(articles) == []


def test_spans_on_the_examples(examples: Path) -> None:
    articles = [a for a in read_inputs([str(examples)]) if isinstance(a, Article)]
    assert len(articles) >= 8
    assert check(articles) == []


@pytest.mark.parametrize(
    "text",
    [
        "The army said that insurgents had penetrated\u201clarge parts\u201d of the city, "
        "its office said.",
        "\u201cWe took the bridge,\u201d his office said. \u201cThe enemy fled.\u201d",
        "Officials said\ton Monday that 12 people\r were hurt.",
        "\u201c" + "word " * 400 + "\u201d, he said.",
    ],
)
def test_spans_on_awkward_text(text: str) -> None:
    article = Article(id="x", text=text, paragraphs=text.split("\n"))
    assert check([article]) == []


def test_placeholder_publication_dates_do_not_stop_the_run() -> None:
    text = "The temple was built 3,000 years ago, officials said on Monday."
    for published in ("2024-12-01", "0001-01-01", "9999-12-31"):
        article = Article(id="x", text=text, paragraphs=[text], published=published)
        ((_, claims),) = list(extract_many([article]))
        times = [t for c in claims for t in c.times]
        assert any(t.weekday == "Monday" for t in times)


def test_read_options_default_is_kept() -> None:
    # the reader and the claim stage agree on when a detected language is trusted
    from corroborate.claims.extract import _TRUSTED_LANGUAGE

    assert ReadOptions().min_language_score == _TRUSTED_LANGUAGE
