"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from corroborate import Article, Problem, read_inputs
from corroborate.read.html import declared_charset
from tests.helpers import PAGE_PARAGRAPHS, PAGE_TITLE, page_html

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]

HERALD_URL = (
    "https://coastline-herald.example/world/2025/03/11/romania-dam-gives-way-gurghiu-valley"
)
HERALD_TITLE = "14 dead, nine missing after Romanian dam gives way"
HERALD_FIRST = (
    "A dam burst in central Romania before dawn on Tuesday, flooding villages in the Gurghiu "
    "valley and leaving 14 dead and nine missing, according to the Mureș County Inspectorate "
    "for Emergency Situations."
)
HERALD_LAST = (
    "More rain is forecast for Wednesday, and the national water authority expects the Mureș "
    "river to stay high for several days."
)
# text of the page that is not the article: cookie banner, nav, search, breadcrumb, caption,
# byline, share links, tags, "Most read", newsletter, ad slot, footer
HERALD_JUNK = [
    "We use cookies",
    "Accept all",
    "Manage preferences",
    "Business",
    "Opinion",
    "Search the Herald",
    "Europe",
    "Photo: Herald agencies",
    "By Helen Marwick",
    "Share:",
    "Facebook",
    "Topics:",
    "Most read",
    "Pier repairs delayed again",
    "Why our seafront needs more benches",
    "Get the Herald in your inbox",
    "Sign up for our free morning briefing",
    "Advertisement",
    "About us",
    "Privacy policy",
    "Cookie settings",
    "All rights reserved",
]


@pytest.fixture(scope="module")
def herald(examples: Path) -> Article:
    out = list(read_inputs([str(examples / "coastline-herald.html")]))
    assert len(out) == 1 and isinstance(out[0], Article), out
    return out[0]


def test_herald_metadata(herald: Article) -> None:
    assert herald.kind == "html"
    assert herald.title == HERALD_TITLE
    assert herald.source == "The Coastline Herald"
    assert herald.author == "Helen Marwick"
    assert herald.url == HERALD_URL
    assert herald.published is not None and herald.published[:10] == "2025-03-11"
    assert herald.language == "en"
    assert herald.input.endswith("examples/coastline-herald.html")
    assert herald.input_id is None


def test_herald_main_text(herald: Article) -> None:
    assert HERALD_FIRST in herald.paragraphs
    assert herald.paragraphs[-1] == HERALD_LAST
    assert herald.text == "\n".join(herald.paragraphs)
    assert (
        "Lieutenant Colonel Radu Mezei, the inspectorate’s spokesman, said: “Our teams are still "
        "searching house by house, and we fear the toll will rise.”"
    ) in herald.paragraphs
    added = "Several smaller rivers in the region had already burst their banks over the weekend."
    assert added in herald.paragraphs
    body = [p for p in herald.paragraphs if p != HERALD_TITLE]
    assert len(body) == 13
    assert 330 <= sum(len(p.split()) for p in body) <= 360  # README: ~345 words in <article>


@pytest.mark.parametrize("junk", HERALD_JUNK)
def test_herald_page_junk_is_not_in_the_text(herald: Article, junk: str) -> None:
    assert junk not in herald.text


def test_herald_title_is_not_repeated_in_the_text(herald: Article) -> None:
    assert herald.paragraphs[0] == HERALD_FIRST
    assert HERALD_TITLE not in herald.paragraphs


def test_herald_published_keeps_the_time_of_day(herald: Article) -> None:
    assert herald.published is not None
    published = datetime.fromisoformat(herald.published)
    assert published == datetime(2025, 3, 11, 16, 20, tzinfo=UTC)


def test_generated_page(read_all: ReadAll, write: Callable[..., Path]) -> None:
    html = page_html().replace(
        "<head>",
        "<head><link rel='canonical' href='https://millbrook.example/news/dam'>"
        "<meta property='og:site_name' content='Millbrook Gazette'>"
        "<meta name='author' content='Jo Ellis'>"
        "<meta property='article:published_time' content='2024-11-30'>",
    )
    (art,), problems = read_all([write("page.html", html)])
    assert problems == []
    assert art.title == PAGE_TITLE
    assert art.source == "Millbrook Gazette"
    assert art.author == "Jo Ellis"
    assert art.url == "https://millbrook.example/news/dam"
    assert art.published == "2024-11-30"
    for paragraph in PAGE_PARAGRAPHS:
        assert paragraph in art.paragraphs
    assert art.paragraphs[-1] == PAGE_PARAGRAPHS[-1]


def test_page_metadata_wins_over_options(read_all: ReadAll, write: Callable[..., Path]) -> None:
    html = page_html().replace(
        "<head>",
        "<head><meta property='og:site_name' content='Millbrook Gazette'>"
        "<meta property='article:published_time' content='2024-11-30'>",
    )
    (art,), _ = read_all([write("page.html", html)], published="2020-01-01", source="Other")
    assert art.source == "Millbrook Gazette"
    assert art.published == "2024-11-30"


def test_page_without_metadata_takes_the_options(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    (art,), _ = read_all([write("page.html", page_html())], published="2020-01-01", source="Other")
    assert art.source == "Other"
    assert art.published == "2020-01-01"


def test_html_is_sniffed_whatever_the_name(read_all: ReadAll, write: Callable[..., Path]) -> None:
    (art,), _ = read_all([write("saved-page.txt", page_html())])
    assert art.kind == "html"
    assert art.title == PAGE_TITLE
    assert "<p>" not in art.text


def test_declared_charset_is_used(read_all: ReadAll, write: Callable[..., Path]) -> None:
    paragraphs = [p.replace("mayor", "maire’s “crème brûlée” naïve") for p in PAGE_PARAGRAPHS]
    html = page_html(paragraphs=paragraphs).replace("charset='utf-8'", "charset='windows-1252'")
    (art,), problems = read_all([write("page.html", html.encode("cp1252"))])
    assert problems == []
    assert paragraphs[2] in art.paragraphs


@pytest.mark.parametrize(
    ("head", "content_type", "expected"),
    [
        (b"<meta charset='iso-8859-1'>", None, "iso-8859-1"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', None,
         "windows-1252"),
        (b'<?xml version="1.0" encoding="ISO-8859-2"?><html>', None, "ISO-8859-2"),
        (b"<meta charset='iso-8859-1'>", "text/html; charset=utf-8", "utf-8"),
        (b"<html><body>no charset</body></html>", "text/html", None),
    ],
)  # fmt: skip
def test_declared_charset(head: bytes, content_type: str | None, expected: str | None) -> None:
    assert declared_charset(head, content_type) == expected
