"""Article, Removed, Problem and the stable article id."""

from __future__ import annotations

import hashlib
import json

from corroborate.records import Article, Problem, Removed, article_id


def make_article(**changes: object) -> Article:
    fields: dict[str, object] = {
        "id": "0123456789abcdef",
        "text": "First paragraph.\nSecond “quoted” paragraph — with a dash.",
        "paragraphs": ["First paragraph.", "Second “quoted” paragraph — with a dash."],
        "title": "A headline",
        "source": "The Outlet",
        "published": "2024-11-30T10:00:00+00:00",
        "url": "https://outlet.example/a",
        "author": "A. Writer",
        "language": "en",
        "language_score": 0.987,
        "input": "pastes.jsonl:3",
        "kind": "jsonl",
        "input_id": "abc",
        "removed": [Removed(line=4, text="Share this article", reason="promo")],
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def test_article_id_is_16_hex_digits_of_sha256_over_folded_text() -> None:
    expected = hashlib.sha256(b"one two three").hexdigest()[:16]
    assert article_id("one  two\nthree ") == expected
    assert article_id("one two three") == expected


def test_article_id_includes_the_outlet_case_and_space_insensitively() -> None:
    text = "The same wire text carried by two outlets."
    assert article_id(text, "Outlet A") != article_id(text, "Outlet B")
    assert article_id(text, "Outlet A") != article_id(text)
    assert article_id(text, "  outlet a ") == article_id(text, "Outlet A")
    key = f"{text}\x00outlet a".encode()
    assert article_id(text, "Outlet A") == hashlib.sha256(key).hexdigest()[:16]


def test_article_id_normalises_unicode_to_nfc() -> None:
    assert article_id("Mure\u0219 cafe\u0301") == article_id("Mureș café")


def test_article_round_trips_through_dict_and_json() -> None:
    art = make_article()
    data = json.loads(json.dumps(art.to_dict()))
    assert data["removed"] == [{"line": 4, "text": "Share this article", "reason": "promo"}]
    assert Article.from_dict(data) == art


def test_article_from_dict_does_not_change_its_argument() -> None:
    data = make_article().to_dict()
    Article.from_dict(data)
    assert data["removed"][0] == {"line": 4, "text": "Share this article", "reason": "promo"}


def test_article_label_and_words() -> None:
    art = make_article()
    assert art.words == 9
    assert art.label == "The Outlet"
    assert make_article(source=None).label == "A headline"
    assert make_article(source=None, title=None).label == "pastes.jsonl:3"
    assert make_article(source=None, title=None, input="").label == "0123456789abcdef"


def test_problem_line_names_level_input_and_reason() -> None:
    problem = Problem("photos/cover.txt", "binary file (PNG image), not an article")
    assert problem.level == "failed"
    assert problem.count == 1
    assert str(problem) == "failed: photos/cover.txt: binary file (PNG image), not an article"
    assert str(Problem("a.warc", "3 records skipped", "skipped", 3)) == (
        "skipped: a.warc: 3 records skipped"
    )
