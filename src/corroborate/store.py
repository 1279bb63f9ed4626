"""SQLite, the embedded default store: one file, WAL journal, one transaction per batch.

A batch is committed whole or not at all, so an interrupted ingest loses at most the batch in
flight and never leaves a half-written article. Articles are keyed by their stable id: adding one
that is already stored changes nothing and is reported as a duplicate.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from corroborate.errors import StoreError
from corroborate.records import Article, Claim, Story

if TYPE_CHECKING:
    import numpy as np

    from corroborate.stories import Features

__all__ = ["SCHEMA_VERSION", "Store"]

SCHEMA_VERSION = 4
STORY_LOCK_TIMEOUT = 600.0  # seconds a story update waits for another one to finish
MAX_SEARCH_TERMS = 8  # words of a story search that are used

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

-- schema 2: story clustering
CREATE TABLE IF NOT EXISTS article_features (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    words BLOB NOT NULL,   -- sparse row: int32 feature indices, then float32 values
    names BLOB NOT NULL,
    day INTEGER NOT NULL,  -- publication day (proleptic ordinal), -1 when unknown
    years TEXT NOT NULL    -- JSON list of years the text mentions
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    first TEXT,
    last TEXT,
    size INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id);
CREATE TABLE IF NOT EXISTS story_provenance (
    story_id TEXT PRIMARY KEY,  -- no cascade: a rebuild that keeps a story keeps its cache
    members TEXT NOT NULL,  -- hash of the member ids the cached result is for
    data TEXT NOT NULL      -- JSON: relations, groups, originality
);

-- schema 3: claims
CREATE TABLE IF NOT EXISTS claims (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,       -- position among the article's claims
    sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    subject TEXT,
    predicate TEXT,
    object TEXT,
    data TEXT NOT NULL,         -- JSON: the whole claim (docs/formats.md)
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS claims_predicate ON claims(predicate);
CREATE TABLE IF NOT EXISTS claim_runs (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    extractor TEXT NOT NULL,    -- model and extractor version the claims were made with
    done_at TEXT NOT NULL
);

-- schema 4: finished reports
CREATE TABLE IF NOT EXISTS story_reports (
    story_id TEXT NOT NULL,
    key TEXT NOT NULL,          -- hash of members, models, settings and report version
    data TEXT NOT NULL,         -- report.json
    made_at TEXT NOT NULL,
    sources INTEGER NOT NULL,   -- counts from the report, for lists that do not parse it
    independent INTEGER NOT NULL,
    facts INTEGER NOT NULL,
    conflicts INTEGER NOT NULL,
    unique_claims INTEGER NOT NULL,
    PRIMARY KEY (story_id, key)
);
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
            self.db.create_function("casefold", 1, _casefold, deterministic=True)
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
        if version == SCHEMA_VERSION:
            return  # nothing to write: a reader must not wait for a writer's lock
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
        for article, _ in self.articles_with_time(limit):
            yield article

    def articles_with_time(
        self, limit: int | None = None, offset: int = 0
    ) -> Iterator[tuple[Article, str]]:
        """Stored articles with their ingest time (UTC, ISO 8601), newest ingest first; the
        first ``offset`` of them skipped."""
        sql = "SELECT * FROM articles ORDER BY ingested_at DESC, published DESC, rowid DESC"
        params: tuple[Any, ...] = ()
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params = (-1 if limit is None else limit, offset)
        for row in self.db.execute(sql, params):
            yield _from_row(row), row["ingested_at"]

    def ingested_at(self, article_id: str) -> str | None:
        row = self.db.execute(
            "SELECT ingested_at FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The articles with these ids, in the order given (unknown ids are left out)."""
        ids = list(ids)
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = f"SELECT * FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            for row in self.db.execute(sql, chunk):
                found[row["id"]] = _from_row(row)
        return [found[i] for i in ids if i in found]

    # -- story features -------------------------------------------------------------------

    def articles_without_features(self) -> list[Article]:
        rows = self.db.execute(
            "SELECT a.* FROM articles a LEFT JOIN article_features f ON f.article_id = a.id "
            "WHERE f.article_id IS NULL ORDER BY a.rowid"
        )
        return [_from_row(row) for row in rows]

    def save_features(self, features: Features) -> None:
        rows = []
        for k, article_id in enumerate(features.ids):
            rows.append((
                article_id, _row_blob(features.words, k), _row_blob(features.names, k),
                int(features.days[k]), json.dumps(sorted(features.years[k])),
            ))  # fmt: skip
        with self._writing("story features"):
            self.db.executemany(
                "INSERT OR REPLACE INTO article_features VALUES (?, ?, ?, ?, ?)", rows
            )

    def load_features(self) -> Features:
        """Features of every article that has them, in ingest order."""
        import numpy as np
        import scipy.sparse as sp

        from corroborate.stories import N_FEATURES, Features

        ids: list[str] = []
        spaces: tuple[list[np.ndarray], ...] = ([], [], [], [])  # word idx/val, name idx/val
        days, years = [], []
        sql = (
            "SELECT f.* FROM article_features f JOIN articles a ON a.id = f.article_id "
            "ORDER BY a.rowid"
        )
        for row in self.db.execute(sql):
            ids.append(row["article_id"])
            for n, blob in enumerate((row["words"], row["names"])):
                idx, val = _blob_row(blob)
                spaces[2 * n].append(idx)
                spaces[2 * n + 1].append(val)
            days.append(row["day"])
            years.append(frozenset(json.loads(row["years"])))

        def matrix(idx: list[np.ndarray], val: list[np.ndarray]) -> Any:
            indptr = np.concatenate([[0], np.cumsum([len(i) for i in idx])]).astype(np.int64)
            data = np.concatenate(val) if val else np.zeros(0, dtype=np.float32)
            indices = np.concatenate(idx) if idx else np.zeros(0, dtype=np.int32)
            return sp.csr_matrix((data, indices, indptr), shape=(len(idx), N_FEATURES))

        return Features(
            ids=ids,
            words=matrix(spaces[0], spaces[1]),
            names=matrix(spaces[2], spaces[3]),
            days=np.array(days, dtype=np.int64),
            years=years,
        )

    # -- stories --------------------------------------------------------------------------

    def unassigned(self) -> int:
        """How many articles are in no story yet."""
        row = self.db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL"
        ).fetchone()
        return int(row[0])

    def story_count(self) -> int:
        """How many stories have articles (a story left without members does not count)."""
        sql = "SELECT count(*) FROM stories WHERE id IN (SELECT story_id FROM story_articles)"
        return int(self.db.execute(sql).fetchone()[0])

    @contextmanager
    def updating_stories(self, timeout: float = STORY_LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the store's story lock while the stories are read, clustered and written: one
        writer at a time, across threads and processes (a second one waits, and gives up with a
        :class:`StoreError` after ``timeout`` seconds). Two runs that clustered at once both
        saw the same articles unassigned and moved each other's articles between stories."""
        if self.path == ":memory:":
            yield
            return
        with _file_lock(Path(self.path + ".lock"), timeout, self.path):
            yield

    def story_of(self) -> dict[str, str]:
        """Article id -> story id, for every assigned article."""
        return dict(self.db.execute("SELECT article_id, story_id FROM story_articles").fetchall())

    def save_stories(self, stories: Iterable[Story], replace_all: bool = False) -> None:
        """Write stories and their members in one transaction (all of them if ``replace_all``)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._writing("stories"):
            if replace_all:
                self.db.execute("DELETE FROM story_articles")
                self.db.execute("DELETE FROM stories")
            for story in stories:
                if not story.articles:
                    continue  # a story is its articles: one without any is never written
                self.db.execute(
                    "INSERT INTO stories (id, label, first, last, size, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET label=excluded.label, "
                    "first=excluded.first, last=excluded.last, size=excluded.size, "
                    "updated_at=excluded.updated_at",
                    (story.id, story.label, story.first, story.last, len(story.articles), now),
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)",
                    [(a, story.id) for a in story.articles],
                )
            self.db.execute(  # stories whose articles all moved elsewhere are gone
                "DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
            )

    def stories(self) -> list[Story]:
        """Every story, newest (latest article) first."""
        members: dict[str, list[str]] = {}
        sql = (
            "SELECT sa.story_id, sa.article_id FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id ORDER BY a.published, a.rowid"
        )
        for story_id, article_id in self.db.execute(sql):
            members.setdefault(story_id, []).append(article_id)
        rows = self.db.execute(
            "SELECT * FROM stories ORDER BY coalesce(last, '') DESC, updated_at DESC, id"
        )
        return [
            Story(
                id=row["id"],
                label=row["label"],
                articles=members[row["id"]],
                first=row["first"],
                last=row["last"],
            )
            for row in rows
            if row["id"] in members  # a story without stored articles is not a story
        ]

    def story(self, story_id: str) -> Story | None:
        """One story by its exact id, its articles in publication order (None if it has none)."""
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        members = [r[0] for r in self.db.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE sa.story_id = ? ORDER BY a.published, a.rowid", (story_id,))]  # fmt: skip
        if not members:
            return None  # a story without stored articles is not a story
        return Story(id=row["id"], label=row["label"], articles=members, first=row["first"],
                     last=row["last"])  # fmt: skip

    def story_of_article(self, article_id: str) -> str | None:
        """The id of the story an article is in, if it is assigned."""
        row = self.db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def cached_provenance(self, story_id: str, members: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT data FROM story_provenance WHERE story_id = ? AND members = ?",
            (story_id, members),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def cache_provenance(self, story_id: str, members: str, data: dict[str, Any]) -> None:
        with self._writing("provenance"):
            self.db.execute(
                "INSERT OR REPLACE INTO story_provenance VALUES (?, ?, ?)",
                (story_id, members, json.dumps(data, ensure_ascii=False)),
            )

    def cached_report(self, story_id: str, key: str) -> dict[str, Any] | None:
        """A stored story's report.json made with the settings ``key`` stands for, if any."""
        data = self.cached_report_json(story_id, key)
        return json.loads(data) if data is not None else None

    def cached_report_json(self, story_id: str, key: str) -> bytes | None:
        """The same as :meth:`cached_report`, as the UTF-8 JSON kept, unparsed (to serve it as
        it is: no decoding, parsing or serialising)."""
        row = self.db.execute(
            "SELECT CAST(data AS BLOB) FROM story_reports WHERE story_id = ? AND key = ?",
            (story_id, key),
        ).fetchone()
        return bytes(row[0]) if row else None

    def report_made_at(self, story_id: str, key: str) -> str | None:
        """When the story's report for ``key`` was kept, or None if none is."""
        row = self.db.execute(
            "SELECT made_at FROM story_reports WHERE story_id = ? AND key = ?", (story_id, key)
        ).fetchone()
        return str(row[0]) if row else None

    def cache_report(self, story_id: str, key: str, data: dict[str, Any]) -> None:
        """Keep ``data`` as the story's report for ``key``; reports of other keys of the story
        (older members or settings) are dropped."""
        counts = (
            len(data["sources"]),
            len(data["independence_groups"]),
            sum(bool(g["corroborated"] and g["checkable"]) for g in data["claim_groups"]),
            len(data["conflicts"]),
            len(data["unique_claims"]),
        )
        with self._writing("report"):
            self.db.execute("DELETE FROM story_reports WHERE story_id = ?", (story_id,))
            self.db.execute(
                "INSERT INTO story_reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (story_id, key, json.dumps(data, ensure_ascii=False),
                 datetime.now(UTC).isoformat(timespec="seconds"), *counts),
            )  # fmt: skip

    def report_counts(self) -> dict[str, dict[str, Any]]:
        """Per story with a kept report: its counts (sources, independent, facts, conflicts,
        unique) and when it was made; ``key`` says which settings it was made with."""
        rows = self.db.execute(
            "SELECT story_id, key, made_at, sources, independent, facts, conflicts, unique_claims "
            "FROM story_reports"
        )
        return {
            row["story_id"]: {
                "key": row["key"], "made_at": row["made_at"], "sources": row["sources"],
                "independent": row["independent"], "facts": row["facts"],
                "conflicts": row["conflicts"], "unique": row["unique_claims"],
            }
            for row in rows
        }  # fmt: skip

    def search_stories(self, words: str, limit: int = 1000) -> list[str]:
        """Ids of the stories whose label, or an article's title or text, holds every word of
        ``words`` (case-insensitive substring match; at most ``MAX_SEARCH_TERMS`` words are
        used), newest first."""
        terms = [w for w in words.split() if w][:MAX_SEARCH_TERMS]
        if not terms:
            return [s.id for s in self.stories()][:limit]
        clauses = []
        params: list[str] = []
        for term in terms:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            # LIKE ignores the case of ASCII letters only: other words are compared casefolded
            ascii_only = term.isascii()
            fold = "{}" if ascii_only else "casefold({})"
            like = f"%{escaped if ascii_only else escaped.casefold()}%"
            label, title, text = (fold.format(c) for c in ("s.label", "a.title", "a.text"))
            clauses.append(
                f"({label} LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM story_articles sa "
                "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id AND "
                f"({title} LIKE ? ESCAPE '\\' OR {text} LIKE ? ESCAPE '\\')))"
            )
            params += [like, like, like]
        sql = (
            f"SELECT s.id FROM stories s WHERE {' AND '.join(clauses)} "
            "ORDER BY coalesce(s.last, '') DESC, s.updated_at DESC, s.id LIMIT ?"
        )
        return [row[0] for row in self.db.execute(sql, (*params, limit))]

    # -- claims ---------------------------------------------------------------------------

    def articles_without_claims(self, extractor: str, batch: int = 200) -> Iterator[Article]:
        """Articles with no claims made by ``extractor`` yet, oldest first, read in batches."""
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT a.rowid AS rid, a.* FROM articles a "
                "LEFT JOIN claim_runs r ON r.article_id = a.id AND r.extractor = ? "
                "WHERE r.article_id IS NULL AND a.rowid > ? ORDER BY a.rowid LIMIT ?",
                (extractor, last, batch),
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["rid"]
            for row in rows:
                yield _from_row(row)

    def has_claims(self, article_id: str, extractor: str) -> bool:
        """The article was parsed by ``extractor`` (it may have no claim)."""
        row = self.db.execute(
            "SELECT 1 FROM claim_runs WHERE article_id = ? AND extractor = ?",
            (article_id, extractor),
        ).fetchone()
        return row is not None

    def count_without_claims(self, extractor: str) -> int:
        return int(
            self.db.execute(
                "SELECT count(*) FROM articles a LEFT JOIN claim_runs r "
                "ON r.article_id = a.id AND r.extractor = ? WHERE r.article_id IS NULL",
                (extractor,),
            ).fetchone()[0]
        )

    def save_claims(self, extractor: str, batch: Iterable[tuple[str, list[Claim]]]) -> None:
        """Replace the claims of each article in ``batch``, in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._writing("claims"):
            for article_id, claims in batch:
                self.db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
                self.db.executemany(
                    "INSERT INTO claims (article_id, idx, sentence, start_char, end_char, "
                    "subject, predicate, object, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            article_id,
                            c.index,
                            c.sentence,
                            c.start,
                            c.end,
                            c.subject,
                            c.predicate,
                            c.object,
                            json.dumps(c.to_dict(), ensure_ascii=False),
                        )
                        for c in claims
                    ],
                )
                self.db.execute(
                    "INSERT INTO claim_runs (article_id, extractor, done_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(article_id) DO UPDATE SET extractor = excluded.extractor, "
                    "done_at = excluded.done_at",
                    (article_id, extractor, now),
                )

    def claims(self, article_ids: Iterable[str] | None = None) -> Iterator[Claim]:
        """Stored claims, by article (ingest order) then position; only these articles if given."""
        if article_ids is None:
            rows = self.db.execute(
                "SELECT c.data FROM claims c JOIN articles a ON a.id = c.article_id "
                "ORDER BY a.rowid, c.idx"
            )
            for row in rows:
                yield Claim.from_dict(json.loads(row[0]))
            return
        for article_id in article_ids:
            for row in self.db.execute(
                "SELECT data FROM claims WHERE article_id = ? ORDER BY idx", (article_id,)
            ):
                yield Claim.from_dict(json.loads(row[0]))

    def claim_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM claims").fetchone()[0])

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """One transaction; an SQLite error becomes a StoreError and the write is rolled back."""
        try:
            with self.db:
                yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: could not write {what} ({exc}); rolled back") from None

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


@contextmanager
def _file_lock(path: Path, timeout: float, store: str) -> Iterator[None]:
    """An exclusive lock on ``path`` (created if missing; kept after, empty), waited for at most
    ``timeout`` seconds. ``flock`` locks belong to an open file, so two threads of one process
    exclude each other as two processes do; the lock goes when its holder dies."""
    try:
        import fcntl
    except ImportError:  # not POSIX: one writer per process at least
        with _thread_lock(str(path)):
            yield
        return
    try:
        handle = path.open("a+b")
    except OSError as exc:
        raise StoreError(f"{store}: cannot open the lock file {path} ({exc.strerror})") from None
    with handle:
        deadline = time.monotonic() + timeout
        pause = 0.01
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{store}: another run has been updating its stories for over "
                        f"{timeout:g} s; try again when it is done (lock: {path})"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_THREAD_LOCKS: dict[str, threading.Lock] = {}


def _thread_lock(key: str) -> threading.Lock:
    return _THREAD_LOCKS.setdefault(key, threading.Lock())


def _row_blob(matrix: Any, k: int) -> bytes:
    import numpy as np

    start, end = matrix.indptr[k], matrix.indptr[k + 1]
    idx = np.asarray(matrix.indices[start:end], dtype=np.int32)
    val = np.asarray(matrix.data[start:end], dtype=np.float32)
    return idx.tobytes() + val.tobytes()


def _blob_row(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    half = len(blob) // 2
    return np.frombuffer(blob[:half], dtype=np.int32), np.frombuffer(blob[half:], dtype=np.float32)


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


def _casefold(value: str | None) -> str | None:
    """SQL ``casefold(x)``: Unicode case folding for searches (SQLite's LIKE folds ASCII only)."""
    return value.casefold() if isinstance(value, str) else value
