"""Bad input: each gets one clear line naming it and the reason; the rest is still read.

Every fixture here is generated small in tmp_path (no binary files in the repository).
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from corroborate import Article, Problem
from tests.helpers import ARTICLE_LINES, FRENCH, GERMAN, HEADLINE

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]
Write = Callable[[str, bytes | str], Path]

GOOD = "\n".join([HEADLINE, *ARTICLE_LINES])


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def random_text_bytes() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(3000))


def truncated_gz() -> bytes:
    data = gzip.compress((GOOD + "\n").encode() * 20)
    return data[: len(data) // 2]


# name -> (content, reason the line gives; a reason ending in ": " is the start of it)
BAD: dict[str, tuple[bytes | str, str]] = {
    "cover.txt": (png_bytes(), "binary file (PNG image), not an article"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (" \n\t\n   \n", "no text: the file holds only white space"),
    "noise.txt": (random_text_bytes(), "undecodable bytes: no text encoding fits them"),
    "cut.txt.gz": (truncated_gz(), "truncated gzip file: the compressed stream ends early"),
    "empty-page.html": ("<html><body><div><p>", "no article text found in the HTML page"),
    "tags.html": (
        "<html><body><foo><bar></baz></qux><zz:yy/><div><span></body>",
        "no article text found in the HTML page",
    ),
    "broken.xml": (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><description>oops &bad;',
        "malformed feed or a feed with no entries: ",  # + the XML parser's message
    ),
    "junk-only.txt": (
        "Share this article\nFollow us on Facebook\nCall or WhatsApp: +1 555 014 2345",
        "no article text left after removing site junk",
    ),
}


def fits(reason: str, expected: str) -> bool:
    return reason.startswith(expected) if expected.endswith(": ") else reason == expected


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_one_problem(read_all: ReadAll, write: Write, name: str) -> None:
    content, expected = BAD[name]
    path = write(name, content)
    articles, problems = read_all([path])
    assert articles == []
    assert len(problems) == 1
    assert (problems[0].input, problems[0].level) == (str(path), "failed")
    assert fits(problems[0].reason, expected), problems[0].reason


def test_random_bytes_have_no_nul() -> None:
    assert b"\x00" not in random_text_bytes()


def test_missing_path(read_all: ReadAll, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    assert read_all([missing]) == ([], [Problem(str(missing), "no such file or folder")])


def test_file_over_the_size_cap(read_all: ReadAll, write: Write) -> None:
    big = write("big.txt", ("A sentence of a very long article goes on and on. " * 60)[:2000])
    small = write("small.txt", ARTICLE_LINES[0])
    articles, problems = read_all([big, small], max_bytes=1000)
    assert [a.input for a in articles] == [str(small)]
    assert len(problems) == 1
    assert problems[0].input == str(big)
    assert problems[0].level == "failed"
    assert problems[0].reason.endswith("limit (--max-size)")


def test_size_cap_message_gives_real_sizes(read_all: ReadAll, write: Write) -> None:
    big = write("big.txt", "x " * 1000)
    _, (problem,) = read_all([big], max_bytes=1000)
    assert "0.0 MB" not in problem.reason
    assert problem.reason.startswith("file is 2")


def test_gzip_over_the_cap_once_decompressed(read_all: ReadAll, write: Write) -> None:
    path = write("bomb.txt.gz", gzip.compress(b"a" * 50_000))
    assert path.stat().st_size < 1000
    _, (problem,) = read_all([path], max_bytes=1000)
    assert problem.input == str(path)
    assert problem.reason.startswith("decompresses to more than")


@pytest.mark.parametrize(("name", "text", "language"), [("de.txt", GERMAN, "de"),
                                                         ("fr.txt", FRENCH, "fr")])  # fmt: skip
def test_other_language_is_read_and_marked(
    read_all: ReadAll, write: Write, name: str, text: str, language: str
) -> None:
    path = write(name, text)
    (art,), (note,) = read_all([path])
    assert art.language == language
    assert art.language_score is not None and art.language_score >= 0.9
    assert art.paragraphs == text.strip().split("\n")
    assert note == Problem(
        str(path),
        f"language looks like {language!r} ({art.language_score:.2f}), not English: "
        "read and marked",
        "note",
    )


def test_feed_that_is_not_well_formed_but_has_items(read_all: ReadAll, write: Write) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Radio</title><item>'
        f"<title>Dam</title><description>{ARTICLE_LINES[0]}</description></item>"
        "<item><title>Cut off"
    )
    path = write("partial.xml", rss)
    articles, problems = read_all([path])
    assert [a.paragraphs for a in articles] == [[ARTICLE_LINES[0]]]
    assert problems[0].level == "note"
    assert problems[0].reason.startswith("feed is not well-formed")
    assert problems[1:] == [Problem(f"{path}#entry2", "feed entry has no text", "skipped")]


# -- through the command line ---------------------------------------------------------------


@pytest.fixture
def bad_folder(write: Write, tmp_path: Path, examples: Path) -> Path:
    for name, (content, _) in BAD.items():
        write(f"in/{name}", content)
    write("in/de.txt", GERMAN)
    write("in/good.txt", GOOD)
    write(
        "in/mixed.jsonl",
        "\n".join([json.dumps({"text": ARTICLE_LINES[0]}), '{"text": "bro',
                   json.dumps({"text": ARTICLE_LINES[2]})]),
    )  # fmt: skip
    warc = (examples / "archive.warc.gz").read_bytes()
    # cut inside the last (image) record: the page before it is kept, the cut is one failed line
    write("in/truncated.warc.gz", warc[: len(warc) - 100])
    return tmp_path / "in"


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_cli_ingest_reports_each_bad_input_once(
    run_cli: Callable[..., Result], bad_folder: Path, db_path: Path
) -> None:
    missing = bad_folder / "missing.txt"
    result = run_cli("ingest", bad_folder, missing, "--db", db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    lines = stderr_lines(result)
    for name, (_, reason) in BAD.items():
        prefix = f"failed: {bad_folder / name}: "
        mine = [line for line in lines if str(bad_folder / name) in line]
        assert len(mine) == 1, mine
        assert mine[0].startswith(prefix)
        assert fits(mine[0].removeprefix(prefix), reason), mine
    assert (
        f"failed: {bad_folder / 'mixed.jsonl'}:2: not valid JSON "
        "(Unterminated string starting at at column 10)"
    ) in lines
    assert f"failed: {missing}: no such file or folder" in lines
    assert [line for line in lines if str(bad_folder / "de.txt") in line] == [
        f"note: {bad_folder / 'de.txt'}: language looks like 'de' (1.00), not English: "
        "read and marked"
    ]
    # good.txt, de.txt, 2 lines of mixed.jsonl, the page in the truncated WARC
    assert report["read"] == report["new"] == 5
    # + the bad JSON line + the missing path + the truncated WARC
    assert report["failed"] == len(BAD) + 3
    assert [line for line in lines if "truncated.warc.gz" in line] == [
        f"failed: {bad_folder / 'truncated.warc.gz'}: truncated WARC: the file ends inside a "
        "record (after 3)",
        f"skipped: {bad_folder / 'truncated.warc.gz'}: 2 records that are not HTML pages were "
        "skipped (warcinfo 1, request 1)",
    ]
    assert report["skipped"] == 2  # the WARC's warcinfo and request records
    assert report["inputs"] == len(BAD) + 4
    assert len(report["problems"]) == len(lines)
    assert {a["input"] for a in report["articles"]} == {
        str(bad_folder / "de.txt"),
        str(bad_folder / "good.txt"),
        f"{bad_folder / 'mixed.jsonl'}:1",
        f"{bad_folder / 'mixed.jsonl'}:3",
        f"{bad_folder / 'truncated.warc.gz'}#https://prairie-evening-post.example/news/world/"
        "2025/03/11/romania-dam-fails-14-killed",
    }


def test_cli_text_summary_counts(
    run_cli: Callable[..., Result], bad_folder: Path, db_path: Path
) -> None:
    result = run_cli("ingest", bad_folder, "--db", db_path, "--no-stories")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"5 articles read from {len(BAD) + 4} inputs: 5 new, 0 already stored; "
        f"2 skipped, {len(BAD) + 2} failed",
        f"store: {db_path} (5 articles)",
    ]


def test_cli_exit_status_1_when_nothing_could_be_read(
    run_cli: Callable[..., Result], write: Write, db_path: Path
) -> None:
    paths = [write(name, content) for name, (content, _) in BAD.items()]
    result = run_cli("ingest", *paths, "--db", db_path, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["read"], report["failed"], report["skipped"]) == (0, len(BAD), 0)
    assert len(stderr_lines(result)) == len(BAD)
    extract = run_cli("extract", *paths)
    assert extract.exit_code == 1
    assert extract.stdout == ""
    assert len(stderr_lines(extract)) == len(BAD)


def test_cli_exit_status_1_for_a_missing_path_only(
    run_cli: Callable[..., Result], tmp_path: Path, db_path: Path
) -> None:
    result = run_cli("ingest", tmp_path / "nope.txt", "--db", db_path)
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"failed: {tmp_path / 'nope.txt'}: no such file or folder"]
    assert result.stdout.startswith("0 articles read from 0 inputs: 0 new, 0 already stored; ")


def test_cli_max_size(run_cli: Callable[..., Result], write: Write, db_path: Path) -> None:
    big = write("big.txt", ("A sentence of a very long article goes on and on. " * 60)[:2000])
    small = write("small.txt", ARTICLE_LINES[0])
    result = run_cli("ingest", big, small, "--db", db_path, "--max-size", "1k", "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["read"], report["failed"]) == (1, 1)
    (line,) = stderr_lines(result)
    assert line.startswith(f"failed: {big}: file is ")
    assert line.endswith(" limit (--max-size)")
