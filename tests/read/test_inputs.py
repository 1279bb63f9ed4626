"""Where inputs come from: files, folders, globs, standard input; and which reader reads them."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem, read_inputs
from corroborate.errors import ReadError
from corroborate.read import Input, detect_kind, expand_paths
from corroborate.read.inputs import gunzip
from tests.helpers import ARTICLE_LINES, HEADLINE

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]
TEXT = "\n".join([HEADLINE, *ARTICLE_LINES])


@pytest.fixture
def tree(write: Callable[..., Path], tmp_path: Path) -> Path:
    """A folder of inputs and of things a folder walk must leave alone."""
    write("news/a.txt", TEXT)
    write("news/sub/b.md", TEXT.replace("Millbrook", "Eastford"))
    write("news/sub/deeper/c.txt.gz", gzip.compress(TEXT.replace("Millbrook", "Oakham").encode()))
    write("news/README.md", "# About this folder\n\nNot an article.\n")
    write("news/LICENSE.txt", "MIT License\n")
    write("news/tool.py", "print('not an article')\n")
    write("news/photo.jpg", b"\xff\xd8\xff\xe0 not read")
    write("news/.hidden/d.txt", TEXT)
    write("news/.e.txt", TEXT)
    return tmp_path / "news"


def names(items: list[Input | Problem]) -> list[str]:
    return [i.name if isinstance(i, Input) else f"problem:{i.input}" for i in items]


OTHER_KINDS = Problem(
    "", "4 files of other kinds skipped (.jpg 1, .py 1, LICENSE 1, README 1); name one to read it",
    level="skipped", count=4,
)  # fmt: skip


def test_folder_is_walked_recursively_for_article_files(tree: Path) -> None:
    items = list(expand_paths([str(tree)]))
    assert names(items) == [
        str(tree / "a.txt"),
        str(tree / "sub" / "b.md"),
        str(tree / "sub" / "deeper" / "c.txt.gz"),
        f"problem:{tree}",
    ]
    assert items[-1] == Problem(str(tree), OTHER_KINDS.reason, "skipped", 4)


def test_folder_articles(read_all: ReadAll, tree: Path) -> None:
    articles, problems = read_all([tree])
    assert problems == [Problem(str(tree), OTHER_KINDS.reason, "skipped", 4)]
    assert [a.input for a in articles] == [
        str(tree / "a.txt"),
        str(tree / "sub" / "b.md"),
        str(tree / "sub" / "deeper" / "c.txt.gz"),
    ]
    assert articles[0].paragraphs == ARTICLE_LINES
    assert [a.title for a in articles] == [
        HEADLINE,
        HEADLINE.replace("Millbrook", "Eastford"),
        HEADLINE.replace("Millbrook", "Oakham"),
    ]


def test_examples_folder_skips_readme_and_code(examples: Path) -> None:
    found = {
        Path(i.name).name for i in expand_paths([str(examples)]) if isinstance(i, Input)
    }
    assert found == {
        "archive.warc.gz",
        "coastline-herald.html",
        "daily-ledger.txt",
        "valley-radio.xml",
        "pastes.jsonl",
        "wire-agency.txt",
    }


def test_a_named_file_is_read_whatever_its_name(tree: Path) -> None:
    assert names(list(expand_paths([str(tree / "tool.py")]))) == [str(tree / "tool.py")]


def test_glob_patterns(tree: Path) -> None:
    assert names(list(expand_paths([str(tree / "*.txt")]))) == [
        str(tree / "LICENSE.txt"),
        str(tree / "a.txt"),
    ]
    assert names(list(expand_paths([str(tree / "**" / "*.md")]))) == [
        str(tree / "README.md"),
        str(tree / "sub" / "b.md"),
    ]


def test_glob_without_matches_and_missing_path(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    missing = str(tmp_path / "missing.txt")
    assert list(expand_paths([pattern, missing])) == [
        Problem(pattern, "no file matches this pattern"),
        Problem(missing, "no such file or folder"),
    ]


def test_stdin(read_all: ReadAll) -> None:
    (item,) = list(expand_paths(["-"], stdin=io.BytesIO(TEXT.encode())))
    assert isinstance(item, Input) and item.name == "<stdin>"
    assert item.read(10_000) == TEXT.encode()  # read when its turn comes, not when expanded
    articles = [a for a in read_inputs(["-"], stdin=io.BytesIO(TEXT.encode()))]
    assert len(articles) == 1 and isinstance(articles[0], Article)
    assert articles[0].input == "<stdin>"
    assert articles[0].title == HEADLINE


def test_inputs_keep_their_order_and_on_input_is_told(tree: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    out = list(
        read_inputs(
            [str(tree / "sub" / "b.md"), str(tmp_path / "nope.txt"), str(tree / "a.txt")],
            on_input=lambda inp: seen.append(inp.name),
        )
    )
    assert [type(x).__name__ for x in out] == ["Article", "Problem", "Article"]
    assert seen == [str(tree / "sub" / "b.md"), str(tree / "a.txt")]


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"Plain text", "text"),
        ("a.md", b"# Title", "text"),
        ("noext", b"Plain text", "text"),
        ("a.html", b"Plain text", "html"),
        ("a.txt", b"<!DOCTYPE html><html>", "html"),
        ("a.txt", b"\n  <html lang='en'>", "html"),
        ("a.xml", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("a.txt", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a.txt", b"WARC/1.0\r\n", "warc"),
        ("a.warc", b"anything", "warc"),
        ("a.warc.gz", b"anything", "warc"),
        ("a.txt", b'{"text": "x"}', "jsonl"),
        ("a.json", b'[{"text": "x"}]', "jsonl"),
        ("a.ndjson", b"x", "jsonl"),
    ],
)
def test_detect_kind(name: str, head: bytes, kind: str) -> None:
    assert detect_kind(Input(name=name, data=head), head) == kind


def test_detect_kind_looks_inside_gzip() -> None:
    data = gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")
    assert detect_kind(Input(name="crawl.gz", data=data), data[:4096]) == "warc"


def test_input_read_and_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    inp = Input(name="a.txt", path=path)
    assert inp.size == 2000
    assert inp.read(2000) == b"x" * 2000
    with pytest.raises(ReadError, match=r"over the .* limit \(--max-size\)"):
        inp.read(1999)


def test_gunzip() -> None:
    data = gzip.compress(b"y" * 5000)
    assert gunzip(data, 5000) == b"y" * 5000
    with pytest.raises(ReadError, match="decompresses to more than"):
        gunzip(data, 4999)
    with pytest.raises(ReadError, match=r"^truncated gzip file"):
        gunzip(data[: len(data) // 2], 10_000)
    with pytest.raises(ReadError, match=r"^corrupt gzip file"):
        gunzip(b"\x1f\x8b" + b"\x00" * 30, 10_000)
