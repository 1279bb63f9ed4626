"""JSON Lines and JSON arrays: one article per line or item, with its metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem, read_inputs
from tests.helpers import ARTICLE_LINES, PAGE_PARAGRAPHS, PAGE_TITLE, page_html

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]


def test_example_pastes(read_all: ReadAll, examples: Path) -> None:
    path = examples / "pastes.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles, problems = read_all([path])
    assert len(articles) == 3
    for n, (art, row) in enumerate(zip(articles, rows, strict=True), 1):
        assert art.kind == "jsonl"
        assert art.input == f"{path}:{n}"
        assert art.input_id == row["id"]
        assert art.title == row["title"]
        assert art.source == row["source"]
        assert art.url == row["url"]
        assert art.published == row["published"]
        assert art.paragraphs == [p for p in row["text"].split("\n") if p.strip()]
    assert [a.language for a in articles] == ["en", "es", "en"]
    assert "«" in articles[1].text  # Spanish guillemets kept
    # the Spanish line is read and marked with a note, nothing else is said
    assert problems == [
        Problem(
            f"{path}:2",
            f"language looks like 'es' ({articles[1].language_score:.2f}), not English: "
            "read and marked",
            "note",
        )
    ]


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_html_field_instead_of_text(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write(
        "pages.jsonl",
        line(id=7, html=page_html(), source="Millbrook Gazette", published="2024-11-30") + "\n",
    )
    (art,), problems = read_all([path])
    assert problems == []
    assert art.kind == "jsonl"
    assert art.input == f"{path}:1"
    assert art.input_id == "7"
    assert art.title == PAGE_TITLE
    assert art.source == "Millbrook Gazette"
    assert art.published == "2024-11-30"
    assert art.paragraphs[-len(PAGE_PARAGRAPHS) :] == PAGE_PARAGRAPHS
    assert "<p>" not in art.text


def test_html_field_with_url(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("pages.jsonl", line(html=page_html(), url="https://m.example/dam"))
    (art,), _ = read_all([path])
    assert art.url == "https://m.example/dam"
    assert art.source == "m.example"  # no outlet given: the host name stands in


def test_html_field_source_wins_over_the_host_name(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    path = write(
        "pages.jsonl",
        line(html=page_html(), url="https://m.example/dam", source="Millbrook Gazette"),
    )
    (art,), _ = read_all([path])
    assert art.source == "Millbrook Gazette"


def test_json_array(read_all: ReadAll, write: Callable[..., Path]) -> None:
    items = [
        {"id": "a", "title": "Dam gives way", "text": "\n".join(ARTICLE_LINES), "author": "Jo"},
        {"id": "b", "text": "\n".join(ARTICLE_LINES[:2]), "source": "Gazette"},
    ]
    path = write("items.json", json.dumps(items, indent=2))
    (first, second), problems = read_all([path])
    assert problems == []
    assert (first.input, first.input_id, first.title, first.author) == (
        f"{path}:1", "a", "Dam gives way", "Jo",
    )  # fmt: skip
    assert first.paragraphs == ARTICLE_LINES
    assert (second.input, second.input_id, second.source) == (f"{path}:2", "b", "Gazette")
    assert second.paragraphs == ARTICLE_LINES[:2]


def test_title_from_first_line_when_no_title_field(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    path = write("p.jsonl", line(text="\n".join(["Dam gives way above Millbrook", *ARTICLE_LINES])))
    (art,), _ = read_all([path])
    assert art.title == "Dam gives way above Millbrook"
    assert art.paragraphs == ARTICLE_LINES


def test_bad_line_among_good_ones(read_all: ReadAll, write: Callable[..., Path]) -> None:
    lines = [
        line(id="1", text=ARTICLE_LINES[0]),
        '{"id": "2", "text": "broken',
        "",
        line(id="4", text=ARTICLE_LINES[2]),
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    articles, problems = read_all([path])
    assert [(a.input, a.input_id) for a in articles] == [(f"{path}:1", "1"), (f"{path}:4", "4")]
    assert len(problems) == 1
    assert problems[0].input == f"{path}:2"
    assert problems[0].level == "failed"
    assert problems[0].reason.startswith("not valid JSON (Unterminated string")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("[1, 2]", "expected a JSON object, got list"),
        ('"just a string"', "expected a JSON object, got str"),
        (line(title="no text"), 'no "text" (or "html") field with text in it'),
        (line(text="   "), 'no "text" (or "html") field with text in it'),
        (line(text=42), 'no "text" (or "html") field with text in it'),
        (line(html="<html><body><div><p></p></div></body></html>"),
         "no article text found in the HTML page"),
    ],
)  # fmt: skip
def test_unusable_line(
    read_all: ReadAll, write: Callable[..., Path], row: str, reason: str
) -> None:
    path = write("x.jsonl", line(text=ARTICLE_LINES[0]) + "\n" + row + "\n")
    articles, problems = read_all([path])
    assert len(articles) == 1
    assert problems == [Problem(f"{path}:2", reason)]


def test_broken_json_array_is_one_problem(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("broken.json", '[{"text": "Fourteen people died."}, {"text": ')
    articles, problems = read_all([path])
    assert articles == []
    assert len(problems) == 1
    assert problems[0].input == str(path)
    assert problems[0].reason.startswith("not valid JSON:")


def test_pretty_printed_json_object(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("one.json", json.dumps({"title": "Dam", "text": ARTICLE_LINES[0]}, indent=2))
    articles, problems = read_all([path])
    assert problems == []
    assert [a.paragraphs for a in articles] == [[ARTICLE_LINES[0]]]


def test_metadata_fields_win_over_options(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write(
        "m.jsonl",
        line(text=ARTICLE_LINES[0], source="Gazette", published="2024-11-30") + "\n"
        + line(text=ARTICLE_LINES[1]) + "\n",
    )  # fmt: skip
    (first, second), _ = read_all([path], source="Fallback", published="2000-01-01")
    assert (first.source, first.published) == ("Gazette", "2024-11-30")
    assert (second.source, second.published) == ("Fallback", "2000-01-01")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2024-12-01", "2024-12-01"),
        ("2024-12-01T10:00:00Z", "2024-12-01T10:00:00+00:00"),
        ("Tue, 03 Dec 2024 10:00:00 GMT", "2024-12-03T10:00:00+00:00"),
        (1733011200, "2024-12-01T00:00:00+00:00"),
    ],
)
def test_published_is_normalised_to_iso(tmp_path: Path, given: object, stored: str) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": "Fourteen people died in the flood.", "published": given}))
    (article,) = [x for x in read_inputs([str(path)]) if isinstance(x, Article)]
    assert article.published == stored


def test_published_that_is_not_a_date_is_left_out_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": "Fourteen people died.", "published": "12/01/2024"}))
    items = list(read_inputs([str(path)]))
    assert [str(x) for x in items if isinstance(x, Problem)] == [
        f"note: {path}:1: published '12/01/2024' is not a date: left out"
    ]
    assert [x.published for x in items if isinstance(x, Article)] == [None]
