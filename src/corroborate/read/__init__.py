"""Readers: every input kind a user has becomes :class:`~corroborate.records.Article` records.

``read_inputs`` is the entry point: it expands paths, picks a reader per input by name and by
sniffing its first bytes, and yields articles and problems in input order. A reader that fails on
one input yields a :class:`~corroborate.records.Problem` naming it; the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.decode import binary_kind
from corroborate.read.feed import read_feed
from corroborate.read.html import read_html
from corroborate.read.inputs import Input, expand_paths
from corroborate.read.jsonl import read_jsonl
from corroborate.read.limits import GZIP_MAGIC, peek_gunzip
from corroborate.read.text import read_text
from corroborate.read.warc import read_warc
from corroborate.records import Article, Problem, printable

__all__ = ["Input", "detect_kind", "expand_paths", "read_input", "read_inputs"]

log = logging.getLogger(__name__)

Reader = Callable[[Input, ReadOptions, bytes | None], Iterator[Article | Problem]]
READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
    "jsonl": read_jsonl,
}
_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
}


def _sniff(head: bytes) -> str | None:
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:2048]
    if start.startswith(b"{"):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start or b"<body" in start:
        return "html"
    return None


def detect_kind(inp: Input, head: bytes) -> str:
    """The reader for an input: a sniffed format wins over the file name, then the suffix."""
    if head.startswith(GZIP_MAGIC) and peek_gunzip(head, 64).startswith(b"WARC/"):
        return "warc"
    suffixes = [s for s in inp.suffixes if s != ".gz"]
    by_name = _BY_SUFFIX.get(suffixes[-1]) if suffixes else None
    if by_name == "warc":
        return "warc"
    return _sniff(head) or by_name or "text"


def read_input(inp: Input, options: ReadOptions) -> Iterator[Article | Problem]:
    """Read one input; any :class:`ReadError` becomes a problem naming it, and so does an
    unexpected error of a reader's library (logged with its traceback), so one odd input never
    stops the others."""
    try:
        head = inp.head(4096)
        if not head:
            raise ReadError("empty file")
        if kind := binary_kind(head):
            raise ReadError(f"binary file ({kind}), not an article")
        kind = detect_kind(inp, head)
        data: bytes | None = None
        if kind != "warc":
            data = inp.read(options.max_bytes)
            if head.startswith(GZIP_MAGIC):
                kind = _sniff(data[:4096]) or kind
        yield from READERS[kind](inp, options, data)
    except ReadError as exc:
        yield Problem(inp.name, str(exc))
    except RecursionError:
        yield Problem(inp.name, "too deeply nested to parse")
    except Exception as exc:  # a reader's library tripping on odd input: this input fails alone
        log.warning("reading %s failed", printable(inp.name), exc_info=True)
        yield Problem(inp.name, f"could not be read ({type(exc).__name__}: {exc})")


def _expand(
    paths: Iterable[str | Input | Problem], stdin: BinaryIO | None
) -> Iterator[Input | Problem]:
    for path in paths:
        if isinstance(path, str):
            yield from expand_paths([path], stdin=stdin)
        else:
            yield path


def read_inputs(
    paths: Iterable[str | Input | Problem],
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    on_input: Callable[[Input], None] | None = None,
) -> Iterator[Article | Problem]:
    """Articles and problems from every path, in order. ``on_input`` is told of each input.

    ``paths`` may also hold :class:`Input` objects (already expanded, or bytes in memory).
    """
    options = options or ReadOptions()
    for item in _expand(paths, stdin):
        if isinstance(item, Problem):
            yield item
            continue
        if on_input:
            on_input(item)
        log.debug("reading %s", item.name)
        yield from read_input(item, options)
