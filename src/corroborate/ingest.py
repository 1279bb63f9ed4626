"""Read inputs and keep their articles in the store, batch by batch, counting everything.

This is the library behind ``corroborate ingest``: the CLI only prints what it reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from corroborate.config import ReadOptions
from corroborate.read import Input, read_inputs
from corroborate.records import Article, Problem
from corroborate.store import Store

__all__ = ["IngestReport", "ingest"]

DEFAULT_BATCH = 200


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, the ids of the articles read, and every problem line."""

    inputs: int = 0
    read: int = 0  # articles read (new + already stored)
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    articles: list[dict[str, object]] = field(default_factory=list)  # id, input, new, title
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be read."""
        return self.read > 0 or (self.failed == 0 and self.skipped == 0 and self.inputs == 0)

    def count(self, problem: Problem) -> None:
        self.problems.append(problem)
        if problem.level == "failed":
            self.failed += problem.count
        elif problem.level == "skipped":
            self.skipped += problem.count

    def summary(self) -> str:
        return (
            f"{self.read} article{'s' * (self.read != 1)} read from {self.inputs} "
            f"input{'s' * (self.inputs != 1)}: {self.new} new, {self.duplicates} already stored; "
            f"{self.skipped} skipped, {self.failed} failed"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "inputs": self.inputs,
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "failed": self.failed,
            "articles": self.articles,
            "problems": [
                {"input": p.input, "level": p.level, "reason": p.reason, "count": p.count}
                for p in self.problems
            ],
        }


def ingest(
    paths: Iterable[str | Input | Problem],
    store: Store,
    options: ReadOptions | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    stdin: BinaryIO | None = None,
    on_input: Callable[[Input], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_article: Callable[[Article, bool], None] | None = None,
) -> IngestReport:
    """Read ``paths`` into ``store``; one transaction per ``batch_size`` articles.

    Callbacks let a caller show progress: ``on_input`` before each input, ``on_problem`` for each
    problem line, ``on_article`` after each article is stored (with True if it was new).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = IngestReport()
    batch: list[Article] = []

    def started(inp: Input) -> None:
        report.inputs += 1
        if on_input:
            on_input(inp)

    def note(problem: Problem) -> None:
        report.count(problem)
        if on_problem:
            on_problem(problem)

    def flush() -> None:
        for article, is_new in zip(batch, store.add(batch), strict=True):
            report.read += 1
            report.new += is_new
            report.duplicates += not is_new
            report.articles.append(
                {"id": article.id, "input": article.input, "new": is_new, "title": article.title}
            )
            if not is_new:
                note(Problem(article.input, f"already stored as {article.id}", level="note"))
            if on_article:
                on_article(article, is_new)
        batch.clear()

    seen: set[str] = set()
    for item in read_inputs(paths, options, stdin=stdin, on_input=started):
        if isinstance(item, Problem):
            note(item)
            continue
        if item.id in seen:  # the same article twice in one run: store once, say so
            report.read += 1
            report.duplicates += 1
            note(
                Problem(
                    item.input,
                    f"same article as another input in this run ({item.id})",
                    level="note",
                )
            )
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report
