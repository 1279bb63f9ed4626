"""Regression tests of issue 16 (hardening), the readers' findings: one test (or a few) per
numbered finding, named after it. Every input is made here."""

from __future__ import annotations

import gzip
import io
import os
import re
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from corroborate import Article, Problem, read_inputs
from corroborate.config import ReadOptions
from tests.helpers import PAGE_PARAGRAPHS, page_html

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]
Write = Callable[..., Path]

HTTP_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"


def gzip_member(parts: list[tuple[bytes, int]]) -> bytes:
    """One gzip member of ``part * times`` for each ``(part, times)``, built from one compressed
    copy of each part (a full flush makes blocks independent), so a member that inflates to
    gigabytes takes milliseconds to make."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"]
    crc = size = 0
    for part, times in parts:
        block = comp.compress(part) + comp.flush(zlib.Z_FULL_FLUSH)
        again = comp.compress(part) + comp.flush(zlib.Z_FULL_FLUSH)
        assert times == 1 or again == comp.compress(part) + comp.flush(zlib.Z_FULL_FLUSH)
        out.append(block + again * (times - 1) if times > 1 else block)
        for _ in range(times):
            crc = zlib.crc32(part, crc)
        size += len(part) * times
    out.append(comp.flush() + struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def warc_record(uri: str, payload: bytes, *, length: int | None = None) -> bytes:
    """A WARC response record (header, HTTP head, payload, blank lines)."""
    block = HTTP_HEAD + payload
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\n"
        + f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-30T10:00:00Z\r\n".encode()
        + b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(block) if length is None else length}\r\n\r\n".encode()
        + block
        + b"\r\n\r\n"
    )


def bomb_warc_gz(expanded: int) -> bytes:
    """A .warc.gz of one HTML response whose page is ``expanded`` bytes of white space."""
    page = b" " * (1 << 20)
    times = expanded // len(page)
    head = warc_record("https://bomb.example/", b"", length=len(HTTP_HEAD) + len(page) * times)
    head = head[: -len(b"\r\n\r\n")]
    return gzip_member([(head, 1), (page, times), (b"\r\n\r\n", 1)])


def pages(n: int) -> list[tuple[str, str, bytes]]:
    """``n`` distinct pages: (uri, title, html bytes)."""
    towns = ["Millbrook", "Eastford", "Oakham", "Lindholm", "Carrow", "Belmont", "Ashby"]
    out = []
    for i in range(n):
        town = towns[i % len(towns)]
        title = f"Dam gives way above {town}"
        paragraphs = [p.replace("Millbrook", town) for p in PAGE_PARAGRAPHS]
        out.append((f"https://news.example.org/{town.lower()}", title,
                    page_html(title, paragraphs).encode()))  # fmt: skip
    return out


# -- finding 1: a 62 KB .warc.gz kept a core busy for minutes (quadratic gzip wrapper) --------


@pytest.mark.parametrize("expanded", [64 << 20, 2 << 30], ids=["64MB", "2GB"])
def test_finding_01_gzip_bomb_is_linear(read_all: ReadAll, write: Write, expanded: int) -> None:
    data = bomb_warc_gz(expanded)
    assert len(data) < expanded // 500
    path = write("bomb.warc.gz", data)
    start = time.perf_counter()
    articles, problems = read_all([path])
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{elapsed:.1f} s"  # minutes before; well under a second when idle
    assert articles == []
    assert [p.level for p in problems] == ["failed"]
    assert "decompression bomb" in problems[0].reason or "size limit" in problems[0].reason


def test_finding_01_gz_input_bomb_stops_at_the_cap(read_all: ReadAll, write: Write) -> None:
    path = write("bomb.txt.gz", gzip_member([(b"a " * (1 << 19), 2048)]))  # 2 GB of text
    start = time.perf_counter()
    articles, problems = read_all([path], max_bytes=5_000_000)
    assert time.perf_counter() - start < 5
    assert articles == []
    assert problems == [
        Problem(str(path), "decompresses to more than the 5.0 MB limit (--max-size)")
    ]


def test_finding_01_a_large_crawl_that_compresses_well_is_read(
    read_all: ReadAll, write: Write
) -> None:
    """The ratio bound is past the size cap only: ordinary pages of any number are read."""
    records = [gzip.compress(warc_record(uri, html)) for uri, _, html in pages(7)]
    path = write("crawl.warc.gz", b"".join(records))
    articles, problems = read_all([path])
    assert len(articles) == 7
    assert problems == []


# -- finding 6: a .warc cut in the middle of a record stored page 3's URL with page 4's text --


def cut_crawl(gz: bool) -> tuple[bytes, list[tuple[str, str, bytes]]]:
    """Five pages; the third record is cut in the middle of its page (a crawler that died while
    writing it and went on with the next)."""
    found = pages(5)
    records = [warc_record(uri, html) for uri, _, html in found]
    records[2] = records[2][: len(records[2]) // 2]
    if gz:
        return b"".join(gzip.compress(r) for r in records), found
    return b"".join(records), found


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_finding_06_cut_record_never_lends_its_headers_to_the_next(
    read_all: ReadAll, write: Write, gz: bool
) -> None:
    data, found = cut_crawl(gz)
    path = write("cut.warc.gz" if gz else "cut.warc", data)
    articles, problems = read_all([path])
    expected = [found[i] for i in (0, 1, 3, 4)]
    assert [(a.url, a.title) for a in articles] == [(uri, title) for uri, title, _ in expected]
    for article, (_, title, _) in zip(articles, expected, strict=True):
        town = title.rsplit(" ", 1)[-1]
        assert town in article.text  # each URL and title with its own page's text
    failed = [p for p in problems if p.level == "failed"]
    assert len(failed) == 1
    assert failed[0].input == str(path)
    assert "record 3 (https://news.example.org/oakham) is cut short" in failed[0].reason


def test_finding_06_cut_at_the_end_keeps_the_records_before(
    read_all: ReadAll, write: Write
) -> None:
    found = pages(3)
    records = [warc_record(uri, html) for uri, _, html in found]
    path = write("end.warc", b"".join(records)[: -len(records[-1]) // 2])
    articles, problems = read_all([path])
    assert [a.url for a in articles] == [uri for uri, _, _ in found[:2]]
    assert problems == [
        Problem(str(path), "truncated WARC: the file ends inside a record (after 2)")
    ]


def test_finding_06_error_line_is_one_line_without_raw_bytes(
    read_all: ReadAll, write: Write
) -> None:
    found = pages(2)
    garbage = b"\x1b[31mGARBAGE\nfailed: forged line\r\n\x00\xff\xfe" * 50
    data = warc_record(*found[0][::2]) + garbage + warc_record(*found[1][::2])
    path = write("garbage.warc", data)
    articles, problems = read_all([path])
    assert [a.url for a in articles] == [found[0][0], found[1][0]]  # the one after is recovered
    (problem,) = problems
    line = str(problem)
    assert line.isprintable() and "GARBAGE" not in line and "forged" not in line
    assert line == (
        f"failed: {path}: corrupt WARC after record 1: 1.9 kB that are not part of a record "
        "skipped to the next record"
    )


# -- finding 7: mixed encodings and UTF-16 without a byte-order mark ---------------------------


def test_finding_07_mixed_encodings_are_decoded_line_by_line(
    read_all: ReadAll, write: Write
) -> None:
    lines = [
        "Café owners in Millbrook reopened on Tuesday after the flood, the mayor said.",
        "The river crested at 4.2 metres — the highest in a century.",
        "Le Café du Port, a landmark, was the last to reopen, its owner said.",
    ]
    data = (lines[0] + "\n" + lines[1] + "\n").encode() + (lines[2] + "\n").encode("latin-1")
    path = write("mixed.txt", data)
    (article,), problems = read_all([path])
    assert article.paragraphs == lines
    assert problems == [
        Problem(str(path), "mixed encodings: 1 line not UTF-8, read as cp1252", level="note")
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_finding_07_utf16_without_bom_is_detected(
    read_all: ReadAll, write: Write, encoding: str
) -> None:
    text = "Café owners in Millbrook reopened on Tuesday after the flood, the mayor said.\n"
    path = write("wide.txt", (text * 3).encode(encoding))
    (article,), problems = read_all([path])
    assert article.text.startswith("Café owners in Millbrook")
    name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
    assert problems == [
        Problem(str(path), f"read as {name}: UTF-16 without a byte-order mark", level="note")
    ]


# -- finding 8: file names with terminal escapes and newlines ----------------------------------


def test_finding_08_names_are_printed_with_control_characters_escaped(
    run_cli: Callable[..., Result], write: Write, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write("in/\x1b]0;pwned\x07title.txt", b"\x89PNG\r\n\x1a\n not text")
    write("in/two\nfailed: forged.txt", b"\x89PNG\r\n\x1a\n not text")
    write("in/ok.txt", "The ferry to Lindholm resumed on Tuesday, the operator said.\n")
    result = run_cli("ingest", folder, "--db", tmp_path / "x.db", "--quiet")
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all(line.isprintable() for line in lines)
    assert sorted(lines) == [
        f"failed: {folder}/\\x1b]0;pwned\\x07title.txt: binary file (PNG image), not an article",
        f"failed: {folder}/two\\x0afailed: forged.txt: binary file (PNG image), not an article",
    ]


def test_finding_08_problem_str_is_the_one_place_that_escapes() -> None:
    problem = Problem("a\u202eb\udcff", "why\n" + "x" * 2000, level="skipped")
    line = str(problem)
    assert line.startswith("skipped: a\\u202eb\\udcff: why\\x0axxx")
    assert line.isprintable() and len(line) < 600 and line.endswith("…")
    line.encode("utf-8")  # a lone surrogate from an undecodable name no longer breaks printing


# -- finding 11: `ingest -` read all of standard input before the size cap --------------------


class Endless(io.RawIOBase):
    """Standard input that never ends; counts what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, out: memoryview) -> int:  # type: ignore[override]
        n = min(len(out), 1 << 16)
        out[:n] = b"word " * (n // 5) + b" " * (n % 5)
        self.taken += n
        return n


def test_finding_11_stdin_is_read_no_further_than_the_cap() -> None:
    stdin = Endless()
    items = list(
        read_inputs(["-"], ReadOptions(max_bytes=1_000_000), stdin=io.BufferedReader(stdin))
    )
    assert items == [Problem("<stdin>", "standard input is over the 1.0 MB limit (--max-size)")]
    assert stdin.taken <= 1_000_000 + 2 * (1 << 16)  # the cap and what a buffer reads ahead


def test_finding_11_gzipped_stdin_is_bounded_too() -> None:
    stdin = io.BytesIO(gzip_member([(b"word " * 1000, 20_000)]))  # 100 MB of text
    items = list(read_inputs(["-"], ReadOptions(max_bytes=1_000_000), stdin=stdin))
    assert items == [Problem("<stdin>", "decompresses to more than the 1.0 MB limit (--max-size)")]


# -- finding 12: one JSON Lines line nested 200k deep failed the whole file -------------------


def test_finding_12_one_deep_jsonl_line_costs_that_line_only(
    read_all: ReadAll, write: Write
) -> None:
    good = [
        '{"text": "The ferry to Lindholm resumed on Tuesday, the operator said."}',
        '{"text": "Flood waters in Millbrook receded on Wednesday, officials said."}',
    ]
    deep = '{"text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    huge = '{"text": ' + "9" * 5000 + "}"
    path = write("deep.jsonl", "\n".join([good[0], deep, huge, good[1]]) + "\n")
    articles, problems = read_all([path])
    assert [a.input for a in articles] == [f"{path}:1", f"{path}:4"]
    assert [(p.input, p.level) for p in problems] == [
        (f"{path}:2", "failed"), (f"{path}:3", "failed")
    ]  # fmt: skip
    assert problems[0].reason == "not valid JSON (nested too deeply to parse)"
    assert problems[1].reason.startswith("not valid JSON (Exceeds the limit")


# -- finding 15: a folder walk skipped without a word; feed entities stayed escaped -----------


def test_finding_15_folder_walk_says_what_it_skipped(
    read_all: ReadAll, write: Write, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write("in/ok.txt", "The ferry to Lindholm resumed on Tuesday, the operator said.\n")
    for name in ("a.pdf", "b.pdf", "c.docx", "d.bin"):
        write(f"in/sub/{name}", b"%PDF-1.4")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "loop-b", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b")
    os.symlink(folder / "nowhere.txt", folder / "broken.txt")
    os.symlink(folder / "sub", folder / "again")
    articles, problems = read_all([folder])
    assert [a.input for a in articles] == [str(folder / "ok.txt")]
    assert [(p.level, p.reason, p.count) for p in problems] == [
        ("skipped", "4 files of other kinds skipped (.pdf 2, .bin 1, .docx 1); name one to "
                    "read it", 4),
        ("skipped", "1 FIFOs, sockets or devices skipped (not regular files)", 1),
        ("skipped", "2 symlink loops skipped", 2),
        ("skipped", "1 broken symlink skipped", 1),
        ("skipped", "1 symlink to folders not followed", 1),
    ]  # fmt: skip
    assert {p.input for p in problems} == {str(folder)}


def test_finding_15_feed_entities_are_unescaped(read_all: ReadAll, write: Write) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Farm &amp; Ranch</title><item>'
        "<title>Smith &amp;amp; Sons reopen the mill</title><link>https://x.example/1</link>"
        "<description>Smith &amp;amp; Sons reopened the Millbrook mill on Tuesday, "
        "&amp;quot;for good&amp;quot;, the owners said.</description></item></channel></rss>"
    )
    path = write("feed.xml", feed)
    (article,), _ = read_all([path])
    assert article.title == "Smith & Sons reopen the mill"
    assert article.text == (
        'Smith & Sons reopened the Millbrook mill on Tuesday, "for good", the owners said.'
    )
    assert not re.search(r"&\w+;", article.text + (article.source or ""))


def test_finding_06_records_cut_inside_one_another_take_linear_time(
    read_all: ReadAll, write: Write
) -> None:
    """Every header claims the rest of the file: recovery is bounded, and the lines too."""
    header = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50000000\r\n\r\n"
    path = write("nested.warc", header * (10_000_000 // len(header)))
    start = time.perf_counter()
    articles, problems = read_all([path])
    assert time.perf_counter() - start < 5
    assert articles == []
    assert len(problems) <= 12
    assert problems[-1].reason.endswith("the rest is not read")
