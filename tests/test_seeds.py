"""The cleaner on real pastes: the five seeds in ../shared/data/seeds and examples/daily-ledger.txt.

Every article paragraph must survive, in order; every junk line must go, with its reason.
The files are read in place; only the short junk strings are written here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem
from corroborate.records import Removed

SEED_003_HEADLINE = "Syrian Troops Withdraw From Aleppo As Rebels Advance"

# 0-based line index in 003 -> (start of the junk line, reason)
SEED_003_JUNK = {
    0: ("International", "section-label"),
    4: ("EDITOR’S PICKS", "link-list"),
    5: ("- ", "link-list"),
    6: ("- ", "link-list"),
    7: ("- ", "link-list"),
    15: ("FURTHER READING", "link-list"),
    16: ("- ", "link-list"),
    17: ("- ", "link-list"),
    18: ("- ", "link-list"),
    22: ("Click here to watch our video of the week:", "promo"),
    23: ("Advertise or Publish a Story on EkoHot Blog:", "promo"),
    24: ("Kindly contact us at [email protected]", "contact"),
    25: ("Citizen journalists will receive a token as data incentive.", "site-block"),
    26: ("Call or Whatsapp: ", "contact"),
}

# examples/daily-ledger.txt, 1-based lines as in examples/README.md
LEDGER_ARTICLE_LINES = [3, 4, 5, 10, 11, 12, 13, 14, 19, 20, 21]
LEDGER_JUNK = {
    1: "section-label",
    6: "link-list", 7: "link-list", 8: "link-list", 9: "link-list",
    15: "link-list", 16: "link-list", 17: "link-list", 18: "link-list",
    22: "promo",  # Click here to watch our video of the week:
    23: "contact",  # advertising line with two e-mail addresses
    24: "promo",  # Share this article
    25: "site-block",  # Readers who send verified footage will receive a reward.
    26: "promo",  # Follow us on ...
    27: "contact",  # Call or WhatsApp: ...
    28: "promo",  # © 2025 The Daily Ledger. All rights reserved.
}  # fmt: skip


def fold(line: str) -> str:
    return " ".join(line.split())


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


ReadAll = Callable[..., tuple[list[Article], list[Problem]]]


def read_one(read_all: ReadAll, path: Path) -> Article:
    articles, problems = read_all([path])
    assert problems == []
    assert len(articles) == 1
    return articles[0]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seed_keeps_every_line_in_order(read_all: ReadAll, seeds: Path, prefix: str) -> None:
    (path,) = seeds.glob(f"{prefix}_*.txt")
    expected = [fold(line) for line in lines_of(path) if line.strip()]
    art = read_one(read_all, path)
    assert art.paragraphs == expected
    assert art.text == "\n".join(expected)
    assert art.title is None  # the first line of each is a sentence
    assert art.removed == []
    assert art.language == "en"
    assert art.kind == "text"
    assert art.input == str(path)


@pytest.fixture(scope="module")
def seed_003(seeds: Path) -> Path:
    (path,) = seeds.glob("003_*.txt")
    return path


def test_seed_003_headline_is_the_title(read_all: ReadAll, seed_003: Path) -> None:
    art = read_one(read_all, seed_003)
    assert lines_of(seed_003)[1] == SEED_003_HEADLINE
    assert art.title == SEED_003_HEADLINE
    assert SEED_003_HEADLINE not in art.text


def test_seed_003_keeps_every_article_line_in_order(read_all: ReadAll, seed_003: Path) -> None:
    lines = lines_of(seed_003)
    expected = [
        fold(line)
        for i, line in enumerate(lines)
        if line.strip() and i not in SEED_003_JUNK and i != 1
    ]
    assert len(expected) == 12
    art = read_one(read_all, seed_003)
    assert art.paragraphs == expected


def test_seed_003_removes_all_junk_with_reasons(read_all: ReadAll, seed_003: Path) -> None:
    lines = lines_of(seed_003)
    for i, (start, _) in SEED_003_JUNK.items():
        assert lines[i].startswith(start), (i, lines[i])
    art = read_one(read_all, seed_003)
    assert art.removed == [
        Removed(line=i, text=fold(lines[i]), reason=reason)
        for i, (_, reason) in sorted(SEED_003_JUNK.items())
    ]
    for i in SEED_003_JUNK:
        assert fold(lines[i]) not in art.paragraphs
    for junk in (
        "International",
        "EDITOR’S PICKS",
        "FURTHER READING",
        "Click here",
        "EkoHot",
        "[email protected]",
        "Citizen journalists",
        "Whatsapp",
        "Hezbollah Chief",
        "Domesticate International Humanitarian Law",
    ):
        assert junk not in art.text, junk


def test_seed_003_without_cleaning_keeps_every_line(read_all: ReadAll, seed_003: Path) -> None:
    articles, _ = read_all([seed_003], clean=False)
    (art,) = articles
    assert art.removed == []
    assert art.title == "International"  # no rules: the first headline-like line is the title
    assert art.paragraphs == [fold(line) for line in lines_of(seed_003)[1:] if line.strip()]


def test_seeds_read_as_five_distinct_articles(
    read_all: ReadAll, seeds: Path, seed_files: list[Path]
) -> None:
    articles, problems = read_all([seeds])  # the folder, walked
    assert problems == []
    assert [a.input for a in articles] == [str(p) for p in seed_files]
    assert len({a.id for a in articles}) == 5
    assert all(a.source is None and a.published is None for a in articles)


def test_daily_ledger_paragraphs_title_and_junk(read_all: ReadAll, examples: Path) -> None:
    path = examples / "daily-ledger.txt"
    lines = lines_of(path)
    art = read_one(read_all, path)
    assert art.title == lines[1] == "Fourteen dead as dam bursts in Romania’s Gurghiu valley"
    assert art.paragraphs == [fold(lines[n - 1]) for n in LEDGER_ARTICLE_LINES]
    assert art.removed == [
        Removed(line=n - 1, text=fold(lines[n - 1]), reason=reason)
        for n, reason in sorted(LEDGER_JUNK.items())
    ]
    for junk in ("EDITOR'S PICKS", "Harbour Festival", "dailyledger.example.com", "555-0142",
                 "verified footage", "All rights reserved", "Share this article"):  # fmt: skip
        assert junk not in art.text, junk
    # typography is kept as published
    assert "Romania’s" in art.title
    assert "“The water came down the valley faster than anyone expected,” said" in art.text
