"""SQLite, the embedded default store: one file, WAL journal, one transaction per batch.

A batch is committed whole or not at all, so an interrupted ingest loses at most the batch in
flight and never leaves a half-written article. Articles are keyed by their stable id: adding one
that is already stored changes nothing and is reported as a duplicate.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from corroborate.errors import StoreError
from corroborate.records import Article

__all__ = ["SCHEMA_VERSION", "Store"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT,
    title TEXT,
    published TEXT,
    url TEXT,
    author TEXT,
    language TEXT,
    language_score REAL,
    input TEXT NOT NULL,
    kind TEXT NOT NULL,
    input_id TEXT,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL,  -- JSON list of strings
    removed TEXT NOT NULL,     -- JSON list of {line, text, reason}
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
"""

_COLUMNS = (
    "id",
    "source",
    "title",
    "published",
    "url",
    "author",
    "language",
    "language_score",
    "input",
    "kind",
    "input_id",
    "text",
    "paragraphs",
    "removed",
)


class Store:
    """An article store in one SQLite file (``":memory:"`` for a throw-away one)."""

    def __init__(self, path: str | Path = "corroborate.db") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable corroborate database ({exc})") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer corroborate (schema {version} > {SCHEMA_VERSION})"
            )
        with self.db:
            self.db.executescript(_SCHEMA)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- writing --------------------------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> list[bool]:
        """Store a batch in one transaction; per article, True if new, False if stored before."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        out = []
        try:
            with self.db:
                for art in articles:
                    row = _to_row(art)
                    cur = self.db.execute(
                        f"INSERT INTO articles ({', '.join(_COLUMNS)}, ingested_at) "
                        f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?) "
                        "ON CONFLICT(id) DO NOTHING",
                        (*row, now),
                    )
                    out.append(cur.rowcount == 1)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: could not write ({exc}); the batch was rolled back"
            ) from None
        return out

    # -- reading --------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def __contains__(self, article_id: object) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def get(self, article_id: str) -> Article | None:
        """One article by id, or by a unique prefix of its id (as ``git`` takes short hashes)."""
        rows = self.db.execute(
            "SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2",
            (article_id, article_id + "\uffff"),
        ).fetchall()
        if len(rows) != 1:
            return None
        return _from_row(rows[0])

    def articles(self, limit: int | None = None) -> Iterator[Article]:
        """Stored articles, newest ingest first, then by publication date."""
        sql = "SELECT * FROM articles ORDER BY ingested_at DESC, published DESC, rowid DESC"
        params: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        for row in self.db.execute(sql, params):
            yield _from_row(row)

    def ingested_at(self, article_id: str) -> str | None:
        row = self.db.execute(
            "SELECT ingested_at FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _to_row(art: Article) -> tuple[Any, ...]:
    data = art.to_dict()
    data["paragraphs"] = json.dumps(art.paragraphs, ensure_ascii=False)
    data["removed"] = json.dumps(data["removed"], ensure_ascii=False)
    return tuple(data[c] for c in _COLUMNS)


def _from_row(row: sqlite3.Row) -> Article:
    data = {c: row[c] for c in _COLUMNS}
    data["paragraphs"] = json.loads(data["paragraphs"])
    data["removed"] = json.loads(data["removed"])
    return Article.from_dict(data)
