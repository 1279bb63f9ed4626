"""Plain text and Markdown pastes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corroborate import Article, Problem
from corroborate.read import Input
from corroborate.records import article_id
from tests.helpers import ARTICLE_LINES, HEADLINE

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]


def test_paste_with_headline(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("brief.txt", "\n".join([HEADLINE, *ARTICLE_LINES]) + "\n")
    (art,), problems = read_all([path])
    assert problems == []
    assert art.title == HEADLINE
    assert art.paragraphs == ARTICLE_LINES
    assert art.text == "\n".join(ARTICLE_LINES)
    assert art.id == article_id(art.text)
    assert art.kind == "text"
    assert art.input == str(path)
    assert art.language == "en"
    assert art.language_score is not None and art.language_score >= 0.9
    assert (art.source, art.published, art.url, art.author, art.input_id) == (None,) * 5
    assert art.removed == []


def test_paste_starting_with_a_sentence_has_no_title(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    (art,), _ = read_all([write("brief.txt", "\n".join(ARTICLE_LINES))])
    assert art.title is None
    assert art.paragraphs == ARTICLE_LINES


def test_markdown_paste(read_all: ReadAll, write: Callable[..., Path]) -> None:
    md = (
        f"# {HEADLINE}\n\n"
        f"{ARTICLE_LINES[0].replace('regional fire service', '[regional fire service](https://fire.example/)')}\n\n"
        f"{ARTICLE_LINES[1].replace('survivors', '**survivors**')}\n\n"
        "![Flooded street](https://img.example/flood.jpg)\n\n"
        f"{ARTICLE_LINES[2]}\n"
    )
    (art,), problems = read_all([write("story.md", md)])
    assert problems == []
    assert art.title == HEADLINE
    assert art.paragraphs == ARTICLE_LINES


def test_any_file_name_is_read_as_text_when_named(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    (art,), _ = read_all([write("story.unknown-suffix", "\n".join(ARTICLE_LINES))])
    assert art.kind == "text"
    assert art.paragraphs == ARTICLE_LINES


def test_gzipped_text(read_all: ReadAll, write: Callable[..., Path]) -> None:
    import gzip

    path = write("brief.txt.gz", gzip.compress("\n".join([HEADLINE, *ARTICLE_LINES]).encode()))
    (art,), problems = read_all([path])
    assert problems == []
    assert art.title == HEADLINE
    assert art.paragraphs == ARTICLE_LINES
    assert art.kind == "text"


def test_options_fill_missing_metadata(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("brief.txt", "\n".join(ARTICLE_LINES))
    (art,), _ = read_all([path], published="2024-11-30", source="Millbrook Gazette")
    assert art.published == "2024-11-30"
    assert art.source == "Millbrook Gazette"
    assert art.id == article_id(art.text, "Millbrook Gazette")


def test_same_text_reads_to_the_same_id(read_all: ReadAll, write: Callable[..., Path]) -> None:
    a = write("a.txt", "\n".join(ARTICLE_LINES))
    b = write("b.txt", "\r\n".join(line.replace(" ", "  ") for line in ARTICLE_LINES))
    (first, second), _ = read_all([a, b])
    assert first.id == second.id
    assert first.input != second.input


def test_bytes_in_memory(read_all: ReadAll) -> None:
    data = "\n".join([HEADLINE, *ARTICLE_LINES]).encode()
    (art,), _ = read_all([Input(name="upload", data=data)])
    assert art.title == HEADLINE
    assert art.input == "upload"


def test_wire_example(read_all: ReadAll, examples: Path) -> None:
    path = examples / "wire-agency.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    (art,), problems = read_all([path])
    assert problems == []
    assert art.title == lines[0] == "Dam failure floods Romanian valley, killing at least 14"
    assert art.paragraphs == [line for line in lines[1:] if line.strip()]
    assert art.paragraphs[0].startswith("REGHIN, Romania (MPA) — At least 14 people")
    assert 380 <= art.words <= 420
