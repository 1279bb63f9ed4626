"""``corroborate claims`` and the claims the store keeps: inputs, JSON Lines ids, caching."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from corroborate import Store
from corroborate.claims import extract_claims, extractor_name, update_claims
from corroborate.records import Article, Claim, article_id

Run = Callable[..., Result]

ONE = (
    "The regional council said on Tuesday that at least 12 people were injured in the blast. "
    "Firefighters evacuated 300 residents from the harbour district of Constanta."
)
TWO = "Officials confirmed that the bridge had collapsed, according to the county prefect."


def lines(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_input_keeps_each_line_id(run_cli: Run, write: Callable[..., Path]) -> None:
    path = write(
        "sentences.jsonl",
        json.dumps({"id": "s-1", "text": ONE})
        + "\n"
        + json.dumps({"id": "s-2", "text": TWO})
        + "\n",
    )
    result = run_cli("claims", path, "--format", "jsonl", "-q")
    assert result.exit_code == 0, result.output
    found = lines(result)
    assert {c["input_id"] for c in found} == {"s-1", "s-2"}
    injured = [q for c in found for q in c["quantities"] if q["value"] == 12]  # type: ignore[attr-defined]
    assert injured and injured[0]["qualifier"] == "at least" and injured[0]["role"] == "injure"
    prefect = [c for c in found if c["input_id"] == "s-2"]
    assert any(
        c["attribution"] and "prefect" in c["attribution"]["source"]  # type: ignore[index]
        for c in prefect
    )


def test_paths_are_not_stored(run_cli: Run, write: Callable[..., Path], db_path: Path) -> None:
    path = write("story.txt", ONE)
    result = run_cli("claims", path, "--db", db_path, "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 1 and data[0]["claims"]
    assert not db_path.exists()


def test_bad_input_gets_one_line_and_the_rest_goes_on(
    run_cli: Run, write: Callable[..., Path]
) -> None:
    good = write("good.txt", ONE)
    empty = write("empty.txt", b"")
    binary = write("blob.txt", bytes(range(256)) * 8)
    result = run_cli("claims", good, empty, binary, "--format", "jsonl")
    assert result.exit_code == 0
    assert lines(result)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert any(str(empty) in line for line in errors)
    assert any(str(binary) in line for line in errors)
    assert len(errors) == 2, errors


def test_nothing_readable_is_an_error(run_cli: Run, write: Callable[..., Path]) -> None:
    result = run_cli("claims", write("empty.txt", b""))
    assert result.exit_code == 1
    assert "no article could be read" in result.stderr


def test_store_claims_are_made_once(run_cli: Run, examples: Path, db_path: Path) -> None:
    assert run_cli("ingest", examples, "--db", db_path, "-q", "--no-stories").exit_code == 0
    first = run_cli("claims", "--db", db_path)
    assert first.exit_code == 0, first.output
    assert "articles parsed" in first.stderr
    with Store(db_path) as store:
        stored = store.claim_count()
        articles = len(store)
        assert stored > 20
        assert store.count_without_claims(extractor_name()) == 0
    again = run_cli("claims", "--db", db_path)
    assert again.exit_code == 0
    assert "articles parsed" not in again.stderr  # nothing parsed twice
    assert again.stdout == first.stdout
    assert again.stdout.count("claim") >= articles


def test_one_article_by_prefix(run_cli: Run, examples: Path, db_path: Path) -> None:
    run_cli("ingest", examples, "--db", db_path, "-q", "--no-stories")
    with Store(db_path) as store:
        target = next(iter(store.articles()))
    result = run_cli("claims", "--db", db_path, "--article", target.id[:8], "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["article"] for d in data] == [target.id]
    assert all(c["article"] == target.id for c in data[0]["claims"])
    missing = run_cli("claims", "--db", db_path, "--article", "zzzz")
    assert missing.exit_code == 1 and "no article" in missing.stderr


def test_without_a_store(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("claims", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such store" in result.stderr


def test_text_output_shows_the_slots(run_cli: Run, write: Callable[..., Path]) -> None:
    result = run_cli("claims", write("story.txt", ONE), "--published", "2024-12-01", "-q")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "figures: at least 12" in out
    assert "Tuesday (weekday: 2024-11-26)" in out
    assert "source: regional council (say)" in out


def test_bad_model_name_is_one_clear_line(run_cli: Run, write: Callable[..., Path]) -> None:
    result = run_cli("claims", write("story.txt", ONE), "--model", "no_such_model_xyz", "-q")
    assert result.exit_code == 1
    assert "cannot load the spaCy model 'no_such_model_xyz'" in result.stderr
    assert "Traceback" not in result.output


# -- the store ------------------------------------------------------------------------------


def _article(text: str) -> Article:
    return Article(id=article_id(text), text=text, paragraphs=text.split("\n"))


def test_claims_round_trip_and_replace(store: Store) -> None:
    article = _article(ONE)
    store.add([article])
    claims = extract_claims(article)
    store.save_claims("test/1", [(article.id, claims)])
    back = list(store.claims([article.id]))
    assert back == claims
    assert all(isinstance(c, Claim) for c in back)
    store.save_claims("test/1", [(article.id, claims[:1])])
    assert store.claim_count() == 1
    # Another extractor (a new version, another model) has not seen it yet.
    assert store.count_without_claims("test/2") == 1
    assert store.count_without_claims("test/1") == 0


def test_update_claims_resumes_and_skips_done(store: Store) -> None:
    articles = [_article(ONE), _article(TWO)]
    store.add(articles)
    seen: list[str] = []
    done = update_claims(store, batch=1, on_article=lambda a, c: seen.append(a.id))
    assert done.articles == 2 and done.claims == store.claim_count() > 0
    assert seen == [a.id for a in articles]
    assert update_claims(store).articles == 0


def test_deleting_an_article_deletes_its_claims(store: Store) -> None:
    article = _article(ONE)
    store.add([article])
    update_claims(store)
    with store.db:
        store.db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    assert store.claim_count() == 0


def test_schema_2_store_gains_the_claims_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add([_article(ONE)])
    db = sqlite3.connect(path)
    db.execute("DROP TABLE claims")
    db.execute("DROP TABLE claim_runs")
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    with Store(path) as store:
        assert len(store) == 1  # nothing lost
        assert update_claims(store).articles == 1
        assert store.claim_count() > 0


@pytest.mark.parametrize("text", ["", "   \n  ", "...", "\u2014 ? \u2014"])
def test_articles_without_claims_give_none_and_no_error(text: str) -> None:
    article = Article(id="x", text=text, paragraphs=text.split("\n"))
    assert extract_claims(article) == []


def test_a_failing_article_is_one_line_and_is_not_parsed_again(
    run_cli: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.claims import extract

    with Store(db_path) as store:
        store.add([_article(ONE), _article(TWO)])
    real = extract._article_claims

    def flaky(article: Article, *args: object) -> list[Claim]:
        if article.text == TWO:
            raise RuntimeError("parser exploded")
        return real(article, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "_article_claims", flaky)
    result = run_cli("claims", "--db", db_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1 and "parser exploded" in failures[0]
    assert lines(result)  # the other article's claims are there
    again = run_cli("claims", "--db", db_path, "--format", "jsonl")
    assert "failed:" not in again.stderr  # recorded as done, not retried on every run


def test_short_english_with_an_untrusted_language_guess_gets_claims() -> None:
    text = "Teixeira is a Maryland native."
    article = Article(id="x", text=text, paragraphs=[text], language="gl", language_score=0.14)
    assert extract_claims(article)
    trusted = Article(id="y", text=text, paragraphs=[text], language="gl", language_score=0.99)
    assert extract_claims(trusted) == []


def test_too_long_article_gets_a_note(
    run_cli: Run, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.claims import extract

    monkeypatch.setattr(extract, "MAX_ARTICLE_CHARS", 100)
    path = write("long.txt", ONE + " " + ONE)
    result = run_cli("claims", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no claims" in result.stderr and str(path) in result.stderr


def test_other_language_gets_a_note_and_no_claims(run_cli: Run, write: Callable[..., Path]) -> None:
    spanish = (
        "Las autoridades dijeron el martes que al menos doce personas resultaron heridas en la "
        "explosión, y que los bomberos evacuaron a trescientos vecinos del barrio del puerto."
    )
    path = write(
        "pastes.jsonl",
        json.dumps({"id": "es", "text": spanish})
        + "\n"
        + json.dumps({"id": "en", "text": ONE})
        + "\n",
    )
    result = run_cli("claims", path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert {c["input_id"] for c in lines(result)} == {"en"}
    notes = [line for line in result.stderr.splitlines() if "no claims" in line]
    assert len(notes) == 1 and "'es'" in notes[0] and str(path) in notes[0]
