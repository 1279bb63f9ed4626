"""ingest(): read -> store with counts; idempotent; an interrupted run keeps what it committed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from corroborate import Article, IngestReport, Problem, ReadOptions, Store, ingest
from corroborate.read import READERS, Input, Reader
from tests.helpers import ARTICLE_LINES


def test_ingest_the_seeds_twice(store: Store, seeds: Path) -> None:
    first = ingest([str(seeds)], store)
    assert (first.inputs, first.read, first.new, first.duplicates) == (5, 5, 5, 0)
    assert (first.skipped, first.failed, first.problems) == (0, 0, [])
    assert first.ok
    assert len(store) == 5

    second = ingest([str(seeds)], store)
    assert (second.inputs, second.read, second.new, second.duplicates) == (5, 5, 0, 5)
    assert (second.skipped, second.failed) == (0, 0)
    assert second.ok
    assert len(store) == 5
    assert [p.level for p in second.problems] == ["note"] * 5
    assert [p.reason for p in second.problems] == [
        f"already stored as {a['id']}" for a in first.articles
    ]
    assert [a["new"] for a in second.articles] == [False] * 5
    assert [a["id"] for a in second.articles] == [a["id"] for a in first.articles]


def test_ingest_examples(store: Store, examples: Path) -> None:
    report = ingest([str(examples)], store)
    assert (report.inputs, report.read, report.new, report.skipped, report.failed) == (
        6, 10, 10, 5, 0,
    )  # fmt: skip
    assert report.summary() == (
        "10 articles read from 6 inputs: 10 new, 0 already stored; 5 skipped, 0 failed"
    )
    assert len(store) == 10
    data = report.to_dict()
    assert set(data) == {"inputs", "read", "new", "duplicates", "skipped", "failed", "articles",
                         "problems"}  # fmt: skip
    articles, problems = data["articles"], data["problems"]
    assert isinstance(articles, list) and isinstance(problems, list)
    assert set(articles[0]) == {"id", "input", "new", "title"}
    assert {p["level"] for p in problems} == {"skipped", "note"}


def test_same_text_from_two_sources_is_two_records(
    store: Store, write: Callable[..., Path]
) -> None:
    text = "\n".join(ARTICLE_LINES)
    a = ingest([str(write("a.txt", text))], store, ReadOptions(source="Outlet A"))
    b = ingest([str(write("b.txt", text))], store, ReadOptions(source="Outlet B"))
    assert (a.new, b.new) == (1, 1)
    assert len(store) == 2
    assert {x.source for x in store.articles()} == {"Outlet A", "Outlet B"}


def test_same_article_twice_in_one_run(store: Store, write: Callable[..., Path]) -> None:
    text = "\n".join(ARTICLE_LINES)
    a, b = write("a.txt", text), write("b.txt", text)
    report = ingest([str(a), str(b)], store)
    assert (report.read, report.new, report.duplicates) == (2, 1, 1)
    assert len(store) == 1
    (note,) = report.problems
    assert note.level == "note"
    assert note.input == str(b)
    assert note.reason.startswith("same article as another input in this run")


def test_callbacks(store: Store, examples: Path, tmp_path: Path) -> None:
    inputs: list[str] = []
    problems: list[Problem] = []
    stored: list[tuple[str, bool]] = []
    report = ingest(
        [str(examples / "feeds"), str(tmp_path / "missing.txt")],
        store,
        on_input=lambda inp: inputs.append(Path(inp.name).name),
        on_problem=problems.append,
        on_article=lambda art, new: stored.append((art.input.rsplit("#", 1)[1], new)),
    )
    assert inputs == ["valley-radio.xml"]
    assert stored == [("entry1", True), ("entry2", True), ("entry3", True)]
    assert problems == report.problems == [Problem(str(tmp_path / "missing.txt"),
                                                   "no such file or folder")]  # fmt: skip
    assert report.ok


def test_batch_size_must_be_positive(store: Store) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        ingest([], store, batch_size=0)


@pytest.mark.parametrize(
    ("report", "ok"),
    [
        (IngestReport(), True),
        (IngestReport(inputs=1, read=1), True),
        (IngestReport(inputs=3, read=1, failed=2), True),
        (IngestReport(inputs=1, failed=1), False),
        (IngestReport(inputs=1, skipped=3), False),
        (IngestReport(inputs=0, failed=1), False),
    ],
)
def test_report_ok(report: IngestReport, ok: bool) -> None:
    assert report.ok is ok


def test_summary_grammar() -> None:
    assert IngestReport(inputs=1, read=1, new=1).summary() == (
        "1 article read from 1 input: 1 new, 0 already stored; 0 skipped, 0 failed"
    )


# -- interruptions --------------------------------------------------------------------------


def three_inputs() -> list[Input]:
    return [
        Input(name=f"{n}.txt", data=f"{ARTICLE_LINES[0]}\nStory number {n} of three.".encode())
        for n in (1, 2, 3)
    ]


def assert_readable(path: Path, expected: int) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    with Store(path) as again:
        assert len(again) == expected
        for art in again.articles():
            assert art.paragraphs[0] == ARTICLE_LINES[0]


def test_interrupt_in_a_callback_keeps_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    stored: list[str] = []

    def on_article(art: Article, is_new: bool) -> None:
        stored.append(art.input)
        if len(stored) == 2:
            raise KeyboardInterrupt

    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        ingest(three_inputs(), store, batch_size=1, on_article=on_article)
    assert stored == ["1.txt", "2.txt"]
    assert_readable(path, 2)


def interrupt_third_input(monkeypatch: pytest.MonkeyPatch) -> Reader:
    """Make the text reader raise KeyboardInterrupt on 3.txt; returns the real reader."""
    read_text = READERS["text"]

    def interrupted(inp: Input, options: ReadOptions, data: bytes | None) -> Iterator[object]:
        if inp.name == "3.txt":
            raise KeyboardInterrupt
        yield from read_text(inp, options, data)

    monkeypatch.setitem(READERS, "text", interrupted)
    return read_text


def test_interrupt_in_a_reader_keeps_committed_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    read_text = interrupt_third_input(monkeypatch)
    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        ingest(three_inputs(), store, batch_size=1)
    assert_readable(path, 2)
    # and the next run picks up where it stopped
    monkeypatch.setitem(READERS, "text", read_text)
    with Store(path) as store:
        report = ingest(three_inputs(), store, batch_size=1)
    assert (report.new, report.duplicates) == (1, 2)
    assert_readable(path, 3)


def test_interrupt_loses_only_the_batch_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    interrupt_third_input(monkeypatch)
    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        ingest(three_inputs(), store, batch_size=200)
    assert_readable(path, 0)
