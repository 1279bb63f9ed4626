"""The SQLite store: exact round trips, duplicates, prefixes, bad files, schema versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corroborate import Article, Store, StoreError
from corroborate.records import Removed, article_id
from corroborate.store import SCHEMA_VERSION


def make(text: str, source: str | None = None, **fields: object) -> Article:
    paragraphs = text.split("\n")
    return Article(id=article_id(text, source), text=text, paragraphs=paragraphs, source=source,
                   **fields)  # type: ignore[arg-type]  # fmt: skip


FULL = make(
    "Fourteen “people” died — officials said.\nNine are missing in Mureș.",
    "The Outlet",
    title="Dam bursts",
    published="2024-11-30T10:00:00+00:00",
    url="https://outlet.example/a",
    author="A. Writer",
    language="en",
    language_score=0.987,
    input="pastes.jsonl:3",
    kind="jsonl",
    input_id="abc",
    removed=[Removed(0, "World", "section-label"), Removed(5, "Share this article", "promo")],
)


def test_round_trip_is_exact(store: Store) -> None:
    assert store.add([FULL]) == [True]
    got = store.get(FULL.id)
    assert got == FULL
    assert got is not FULL


def test_round_trip_of_a_minimal_article(store: Store) -> None:
    art = make("Just one paragraph.")
    store.add([art])
    assert store.get(art.id) == art


def test_round_trip_of_every_example(store: Store, examples: Path) -> None:
    from corroborate import read_inputs

    articles = [a for a in read_inputs([str(examples)]) if isinstance(a, Article)]
    assert len(articles) == 10
    assert store.add(articles) == [True] * 10
    for art in articles:
        assert store.get(art.id) == art


def test_adding_again_is_a_duplicate(store: Store) -> None:
    other = make("Another article.")
    assert store.add([FULL, other]) == [True, True]
    assert store.add([other, FULL]) == [False, False]
    assert len(store) == 2


def test_same_text_two_outlets_two_records(store: Store) -> None:
    text = "One wire text carried verbatim by two outlets."
    a, b = make(text, "Outlet A"), make(text, "Outlet B")
    assert a.id != b.id
    assert store.add([a, b]) == [True, True]
    assert len(store) == 2


def test_contains_len_and_prefix_get(store: Store) -> None:
    assert len(store) == 0
    assert store.get(FULL.id) is None
    store.add([FULL])
    assert FULL.id in store
    assert "0" * 16 not in store
    assert store.get(FULL.id[:6]) == FULL
    assert store.get(FULL.id[:6] + "zz") is None


def test_ambiguous_prefix_gives_none(store: Store) -> None:
    a = Article(id="abc1000000000000", text="A.", paragraphs=["A."])
    b = Article(id="abc2000000000000", text="B.", paragraphs=["B."])
    store.add([a, b])
    assert store.get("abc") is None
    assert store.get("abc1") == a


def test_articles_order_limit_and_ingested_at(store: Store) -> None:
    old = make("Old.", published="2020-01-01")
    new = make("New.", published="2024-01-01")
    store.add([old, new])
    assert [a.id for a in store.articles()] == [new.id, old.id]
    assert [a.id for a in store.articles(limit=1)] == [new.id]
    stamp = store.ingested_at(old.id)
    assert stamp is not None and stamp.endswith("+00:00") and stamp[:2] == "20"
    assert store.ingested_at("missing") is None


def test_store_persists_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store(path) as s:
        s.add([FULL])
    with Store(path) as s:
        assert len(s) == 1
        assert s.get(FULL.id) == FULL


def test_memory_store() -> None:
    with Store(":memory:") as s:
        s.add([FULL])
        assert len(s) == 1


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a usable corroborate database"):
        Store(path)
    assert path.read_text().startswith("these are my notes")  # left alone


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "news.db")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer corroborate"):
        Store(path)


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store(path).close()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_failed_batch_is_rolled_back_whole(store: Store) -> None:
    good = make("A good article.")
    bad = make("Bad.", author={"not": "a string"})  # SQLite cannot bind a dict
    with pytest.raises(StoreError, match="the batch was rolled back"):
        store.add([good, bad])
    assert len(store) == 0
    assert good.id not in store


def _doc(conflicts: int) -> dict[str, object]:
    return {
        "sources": [{}, {}, {}],
        "independence_groups": [{}, {}],
        "claim_groups": [
            {"corroborated": True, "checkable": True},
            {"corroborated": False, "checkable": True},
        ],
        "conflicts": [{}] * conflicts,
        "unique_claims": [{}],
    }


def test_reports_are_kept_per_story_and_key(store: Store) -> None:
    assert store.cached_report("s1", "k1") is None
    store.cache_report("s1", "k1", _doc(2))
    assert store.cached_report("s1", "k1") == _doc(2)
    assert store.cached_report("s1", "k2") is None
    counts = store.report_counts()["s1"]
    assert (counts["sources"], counts["independent"], counts["facts"], counts["conflicts"],
            counts["unique"], counts["key"]) == (3, 2, 1, 2, 1, "k1")  # fmt: skip
    store.cache_report("s1", "k2", _doc(0))  # new members or settings replace the old report
    assert store.cached_report("s1", "k1") is None
    assert store.report_counts()["s1"]["conflicts"] == 0


def test_search_stories_by_words(store: Store) -> None:
    from corroborate.records import Story

    a = make("Rebels entered Aleppo on Friday.", title="Aleppo falls")
    b = make("A dam failed in the Gurghiu valley; 100% of 5_000 homes flooded.", title="Dam")
    store.add([a, b])
    store.save_stories([Story("s1", "Aleppo offensive", [a.id]), Story("s2", "Dam burst", [b.id])])
    assert store.search_stories("aleppo") == ["s1"]
    assert store.search_stories("GURGHIU flooded") == ["s2"]
    assert store.search_stories("aleppo gurghiu") == []
    assert store.search_stories("100%") == ["s2"]  # % and _ are literal, not wildcards
    assert store.search_stories("Rebels%Friday") == []
    assert store.search_stories("5_000") == ["s2"] and store.search_stories("n_w") == []
    assert sorted(store.search_stories("  ")) == ["s1", "s2"]
