"""WARC and WARC.gz crawls: HTML responses become articles, other records are counted."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem
from tests.helpers import PAGE_PARAGRAPHS, PAGE_TITLE, page_html

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]

PRAIRIE_URL = (
    "https://prairie-evening-post.example/news/world/2025/03/11/romania-dam-fails-14-killed"
)
PRAIRIE_SKIPPED = (
    "3 records that are not HTML pages were skipped (warcinfo 1, request 1, response image/png 1)"
)


def record_offsets(data: bytes) -> list[tuple[str, int, int]]:
    """(type, offset, length) of each record of an intact archive."""
    from warcio.archiveiterator import ArchiveIterator

    it = ArchiveIterator(io.BytesIO(data))
    return [(r.rec_type, it.get_record_offset(), it.get_record_length()) for r in it]


def test_example_warc_gz(read_all: ReadAll, examples: Path) -> None:
    path = examples / "archive.warc.gz"
    (art,), problems = read_all([path])
    assert art.kind == "warc"
    assert art.url == PRAIRIE_URL
    assert art.input == f"{path}#{PRAIRIE_URL}"
    assert art.title == "At least 14 killed as dam fails in Romania"
    assert art.source == "The Prairie Evening Post"
    assert art.published is not None and art.published[:10] == "2025-03-11"
    assert art.language == "en"
    assert any(
        p.startswith("REGHIN, Romania (MPA) — At least 14 people were killed")
        for p in (art.paragraphs)
    )
    assert art.paragraphs[-1] == "Material from the Meridian Press Agency was used in this report."
    for junk in ("Obituaries", "Farm & Ranch", "Trending", "Calf auction", "All rights reserved"):
        assert junk not in art.text
    assert problems == [Problem(str(path), PRAIRIE_SKIPPED, "skipped", 3)]


def two_pages(make_warc: Callable[..., bytes], *, gzip: bool) -> bytes:
    other = [p.replace("Millbrook", "Eastford") for p in PAGE_PARAGRAPHS]
    return make_warc(
        [
            ("https://news.example.org/dam", "text/html; charset=utf-8", page_html().encode(),
             "200 OK"),
            ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "200 OK"),
            ("https://news.example.org/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
            ("https://news.example.org/eastford", "application/xhtml+xml",
             page_html("Dam gives way above Eastford", other).encode(), "200 OK"),
        ],
        gzip=gzip,
        date="2024-11-30T10:00:00Z",
    )  # fmt: skip


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_built_warc(
    read_all: ReadAll,
    write: Callable[..., Path],
    make_warc: Callable[..., bytes],
    name: str,
    gz: bool,
) -> None:
    data = two_pages(make_warc, gzip=gz)
    assert data.startswith(b"\x1f\x8b") is gz
    path = write(name, data)
    (dam, eastford), problems = read_all([path])
    assert dam.input == f"{path}#https://news.example.org/dam"
    assert dam.url == "https://news.example.org/dam"
    assert dam.title == PAGE_TITLE
    assert dam.paragraphs[-len(PAGE_PARAGRAPHS) :] == PAGE_PARAGRAPHS
    # the page says nothing of its date or outlet: the WARC-Date and the host name stand in
    assert dam.published == "2024-11-30T10:00:00Z"
    assert dam.source == "news.example.org"
    assert eastford.title == "Dam gives way above Eastford"
    assert eastford.url == "https://news.example.org/eastford"
    assert dam.id != eastford.id
    assert problems == [
        Problem(
            str(path),
            "7 records that are not HTML pages were skipped "
            "(request 4, warcinfo 1, response image/png 1, HTTP 404 1)",
            "skipped",
            7,
        )
    ]


def test_warc_record_over_the_size_cap(
    read_all: ReadAll, write: Callable[..., Path], make_warc: Callable[..., bytes]
) -> None:
    small = "<html><body><article><p>" + PAGE_PARAGRAPHS[0] + "</p></article></body></html>"
    big = page_html(paragraphs=PAGE_PARAGRAPHS * 20)
    data = make_warc(
        [
            ("https://a.example/big", "text/html", big.encode(), "200 OK"),
            ("https://a.example/small", "text/html", small.encode(), "200 OK"),
        ]
    )
    path = write("capped.warc", data)
    assert len(small) < 1000 < len(big)
    assert len(data) > 2000  # the cap is per record, not per file
    articles, problems = read_all([path], max_bytes=1000)
    assert [a.url for a in articles] == ["https://a.example/small"]
    assert problems[0] == Problem(
        f"{path}#https://a.example/big", "record is over the size limit (--max-size)"
    )
    assert [p.level for p in problems] == ["failed", "skipped"]


def test_not_a_warc_file_named_warc(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("notes.warc", "notes\nnot an archive\n")
    articles, problems = read_all([path])
    assert articles == []
    assert len(problems) == 1
    assert problems[0].level == "failed"
    assert problems[0].input == str(path)
    assert problems[0].reason.startswith("not a WARC file")


def test_text_file_named_warc_is_not_a_skipped_record(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    path = write("notes.warc", "Just some notes, not an archive.\n")
    articles, problems = read_all([path])
    assert articles == []
    assert [p.level for p in problems] == ["failed"]
    assert problems[0].reason.startswith("not a WARC file")


def test_garbage_after_good_records_keeps_them(
    read_all: ReadAll, write: Callable[..., Path], examples: Path
) -> None:
    raw = gzip.decompress((examples / "archive.warc.gz").read_bytes())
    cut = raw.index(b"WARC/1.0", raw.index(b"WARC-Type: response") + 10)  # the image record
    path = write("damaged.warc", raw[:cut] + b"GARBAGE, NOT A RECORD\r\n\r\n" + raw[cut:])
    articles, problems = read_all([path])
    assert [a.url for a in articles] == [PRAIRIE_URL]
    failed = [p for p in problems if p.level == "failed"]
    assert failed == [
        Problem(str(path), "corrupt WARC after record 3: 25 bytes that are not part of a record "
                "skipped to the next record")
    ]  # fmt: skip
    # the records after the garbage are read again: the image is counted as skipped
    assert problems[-1] == Problem(str(path), PRAIRIE_SKIPPED, "skipped", 3)


def cut_in_last_record(data: bytes) -> bytes:
    (*_, (kind, offset, length)) = record_offsets(data)
    assert kind == "response"
    return data[: offset + length // 2]


def test_truncated_warc_gz_keeps_the_records_before_the_damage(
    read_all: ReadAll, write: Callable[..., Path], examples: Path
) -> None:
    data = (examples / "archive.warc.gz").read_bytes()
    path = write("truncated.warc.gz", cut_in_last_record(data))
    articles, _ = read_all([path])
    assert [a.url for a in articles] == [PRAIRIE_URL]
    (intact,), _ = read_all([examples / "archive.warc.gz"])
    assert articles[0].paragraphs == intact.paragraphs


def test_truncated_warc_gz_is_reported(
    read_all: ReadAll, write: Callable[..., Path], examples: Path
) -> None:
    data = (examples / "archive.warc.gz").read_bytes()
    path = write("truncated.warc.gz", cut_in_last_record(data))
    _, problems = read_all([path])
    failed = [p for p in problems if p.level == "failed"]
    assert len(failed) == 1
    assert failed[0].input == str(path)
    assert "truncated" in failed[0].reason


@pytest.mark.parametrize("gz", [True, False])
def test_record_cut_in_its_payload_is_not_an_article(
    read_all: ReadAll, write: Callable[..., Path], examples: Path, gz: bool
) -> None:
    data = (examples / "archive.warc.gz").read_bytes()
    if not gz:
        data = gzip.decompress(data)
    _, _, (kind, offset, length), _ = record_offsets(data)
    assert kind == "response"
    path = write("cut.warc.gz" if gz else "cut.warc", data[: offset + length * 3 // 4])
    articles, problems = read_all([path])
    assert articles == []
    assert any(p.level == "failed" and "truncated" in p.reason for p in problems)


@pytest.mark.parametrize(
    "data",
    [
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
        b"WARC/1.0\nWARC-Type: response\n\nhello",
    ],
)
def test_record_header_warcio_cannot_parse_is_one_failure(
    read_all: ReadAll, write: Callable[..., Path], data: bytes
) -> None:
    good = write("good.txt", "The ferry to Lindholm resumed on Tuesday, the operator said.\n")
    bad = write("bad.warc", data)
    articles, problems = read_all([bad, good])
    assert [a.input for a in articles] == [str(good)]  # the next input is still read
    assert [(p.input, p.level) for p in problems] == [(str(bad), "failed")]
    assert problems[0].reason in (
        "truncated WARC: the file ends inside a record (after 0)",
        "corrupt WARC: record 1 has no valid Content-Length (malformed header); 5 bytes skipped "
        "to the next record",
    )


def test_a_reader_tripping_on_odd_input_fails_that_input_alone(
    read_all: ReadAll, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate import read

    def broken(*args: object) -> None:
        raise LookupError("a library's own bug")

    monkeypatch.setitem(read.READERS, "warc", broken)
    good = write("good.txt", "The ferry to Lindholm resumed on Tuesday, the operator said.\n")
    bad = write("odd.warc", b"WARC/1.0\r\n\r\n")
    articles, problems = read_all([bad, good])
    assert [a.input for a in articles] == [str(good)]
    assert problems[0].reason == "could not be read (LookupError: a library's own bug)"
