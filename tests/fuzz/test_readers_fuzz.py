"""Property-based fuzzing of every reader: text, HTML, feed, WARC, JSON Lines and gzip.

The property: whatever the bytes, a reader gives articles and clean problems (one printable
line each), within 5 s per input and without memory past a bound. An unexpected exception
(the catch-all "could not be read (…)" line counts as one), a hang or a memory blow-up fails.

``make test`` runs a few dozen inputs per reader (``FUZZ_EXAMPLES``, default 30); ``make fuzz``
runs 3000. A failure prints the input and a ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
import unicodedata
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.config import ReadOptions
from corroborate.read import Input, read_input
from corroborate.records import Article, Problem

pytestmark = pytest.mark.fuzz

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=5000,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_BYTES = 200_000
MEMORY = 64 << 20  # what one small input may cost at its peak, far above what a good one does
OPTIONS = ReadOptions(max_bytes=MAX_BYTES)
UNSAFE = {"Cc", "Cs", "Zl", "Zp"}  # controls, lone surrogates, line and paragraph separators


def check(name: str, data: bytes, *, memory: bool = False) -> list[Article | Problem]:
    """Read ``data`` as file ``name``; fail on anything but articles and clean problems."""
    if memory:
        tracemalloc.start()
    try:
        items = list(read_input(Input(name=name, data=data), OPTIONS))
        if memory:
            _, peak = tracemalloc.get_traced_memory()
            assert peak < MEMORY, f"{peak >> 20} MB at the peak"
    finally:
        if memory:
            tracemalloc.stop()
    for item in items:
        assert isinstance(item, Article | Problem)
        if isinstance(item, Problem):
            assert not item.reason.startswith("could not be read ("), item.reason
            line = str(item)
            assert not any(unicodedata.category(c) in UNSAFE for c in line), line
        else:
            assert item.text.strip() and item.paragraphs
    return items


ENCODINGS = ["utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
words = st.text(min_size=0, max_size=400)
encoded = st.builds(
    lambda text, enc: text.encode(enc, "replace"), words, st.sampled_from(ENCODINGS)
)
some_bytes = st.one_of(st.binary(max_size=3000), encoded)


def _cut(data: bytes, at: float) -> bytes:
    return data[: int(len(data) * at)]


def _splice(data: bytes, at: float, junk: bytes) -> bytes:
    i = int(len(data) * at)
    return data[:i] + junk + data[i:]


# -- text ------------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(some_bytes, st.lists(encoded, max_size=6).map(b"\n".join)))
def test_fuzz_text(data: bytes) -> None:
    check("paste.txt", data)


# -- HTML ------------------------------------------------------------------------------------

TAGS = [
    "div",
    "p",
    "article",
    "span",
    "b",
    "table",
    "tr",
    "td",
    "script",
    "style",
    "a",
    "h1",
    "ul",
    "li",
    "meta",
    "title",
    "body",
    "html",
    "head",
    "br",
    "iframe",
    "svg",
    "template",
]
html_tree = st.recursive(
    words.map(lambda t: t.replace("<", "&lt;")),
    lambda inner: st.builds(
        lambda tag, attrs, kids, close: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" * close),
        st.sampled_from(TAGS),
        st.sampled_from(["", ' class="x"', ' charset="utf-16"', ' content="2024-01-01"', " '"]),
        st.lists(inner, max_size=4),
        st.booleans(),
    ),
    max_leaves=30,
)


@FUZZ
@given(
    st.one_of(
        html_tree.map(lambda h: f"<!doctype html><html><body>{h}</body></html>".encode()),
        st.integers(0, 20_000).map(lambda n: b"<html><body>" + b"<div>" * n + b"text"),
        st.tuples(html_tree, st.floats(0, 1), st.binary(max_size=50)).map(
            lambda t: _splice(("<html><body>" + t[0]).encode(), t[1], t[2])
        ),
    )
)
def test_fuzz_html(data: bytes) -> None:
    check("page.html", data)


# -- feed ------------------------------------------------------------------------------------

ENTITY = st.sampled_from(["&amp;", "&amp;amp;", "&lt;b&gt;", "&#0;", "&#xD800;", "&bogus;",
                          "<![CDATA[<p>x</p>]]>", "&#1114112;", "]]>", "<"])  # fmt: skip
field = st.lists(st.one_of(words, ENTITY), max_size=6).map("".join)


def _rss(items: list[tuple[str, str, str]], prolog: str) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        "<pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>"
        for t, d, link in items
    )
    return f'{prolog}<rss version="2.0"><channel><title>F</title>{body}</channel></rss>'.encode()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;'
    '&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
    '&lol2;&lol2;&lol2;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


@FUZZ
@given(
    st.one_of(
        st.builds(
            _rss,
            st.lists(st.tuples(field, field, field), min_size=1, max_size=4),
            st.sampled_from(
                ['<?xml version="1.0"?>', "", LAUGHS, '<?xml version="1.0" encoding="utf-16"?>']
            ),
        ),
        st.tuples(field, st.floats(0, 1)).map(
            lambda t: _cut(_rss([(t[0], t[0] + " &lol3; &xxe;", "x")], LAUGHS), t[1])
        ),
    )
)
def test_fuzz_feed(data: bytes) -> None:
    check("feed.xml", data)


# -- WARC ------------------------------------------------------------------------------------


def _record(uri: str, ctype: str, status: str, payload: bytes, length_delta: int) -> bytes:
    block = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
    return (
        (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block) + length_delta}\r\n\r\n"
        ).encode()
        + block
        + b"\r\n\r\n"
    )


record = st.builds(
    _record,
    st.text(max_size=40).map(
        lambda u: "https://x.example/" + u.replace("\r", "").replace("\n", "")
    ),
    st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png", "", "text/html;;"]),
    st.sampled_from(["200 OK", "404 Not Found", "200", "abc"]),
    st.one_of(
        html_tree.map(lambda h: f"<html><body><p>{h}</p></body></html>".encode()),
        st.binary(max_size=300),
    ),
    st.sampled_from([0, 0, 0, 1, -1, 50, -50, 10**9]),
)
warc = st.tuples(
    st.lists(record, min_size=1, max_size=4), st.floats(0, 1), st.binary(max_size=40),
    st.sampled_from(["keep", "cut", "splice"]),
).map(
    lambda t: {"keep": b"".join(t[0]), "cut": _cut(b"".join(t[0]), t[1]),
               "splice": _splice(b"".join(t[0]), t[1], t[2])}[t[3]]
)  # fmt: skip


@FUZZ
@given(warc)
def test_fuzz_warc(data: bytes) -> None:
    check("crawl.warc", data)


@FUZZ
@given(st.tuples(st.lists(record, min_size=1, max_size=4), st.floats(0, 1), st.binary(max_size=20)))
def test_fuzz_warc_gz(parts: tuple[list[bytes], float, bytes]) -> None:
    records, at, junk = parts
    members = b"".join(gzip.compress(r) for r in records)
    check("crawl.warc.gz", members)
    check("crawl.warc.gz", _cut(members, at))
    check("crawl.warc.gz", _splice(members, at, junk))


# -- JSON Lines ------------------------------------------------------------------------------

json_value: Any = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), words),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(words, inner, max_size=4)),
    max_leaves=20,
)
article_line = st.fixed_dictionaries(
    {"text": words}, optional={"title": json_value, "published": json_value, "url": json_value,
                               "html": words, "id": json_value, "source": json_value},
)  # fmt: skip
jsonl_line = st.one_of(
    article_line.map(json.dumps),
    json_value.map(json.dumps),
    st.integers(1, 300_000).map(lambda n: '{"text": ' + "[" * n + "]" * n + "}"),
    st.integers(4000, 20_000).map(lambda n: '{"text": ' + "9" * n + "}"),
    words,
)


@FUZZ
@given(st.lists(jsonl_line, min_size=1, max_size=5))
def test_fuzz_jsonl(lines: list[str]) -> None:
    check("lines.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


# -- gzip ------------------------------------------------------------------------------------


def _bomb(times: int) -> bytes:
    """A gzip member of ``times`` MB of one byte, made without writing them out."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"a" * (1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)
    block2 = comp.compress(b"a" * (1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)
    return (
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
        + block
        + block2 * (times - 1)
        + (comp.flush() + b"\x00" * 8)
    )


@FUZZ
@given(
    st.one_of(
        some_bytes.map(gzip.compress),
        st.tuples(some_bytes, st.floats(0, 1)).map(lambda t: _cut(gzip.compress(t[0]), t[1])),
        st.tuples(some_bytes, st.floats(0, 1), st.binary(min_size=1, max_size=8)).map(
            lambda t: _splice(gzip.compress(t[0]), t[1], t[2])
        ),
        st.binary(max_size=200).map(lambda b: b"\x1f\x8b" + b),
        st.integers(1, 300).map(_bomb),
    ),
    st.sampled_from(["a.txt.gz", "a.html.gz", "a.jsonl.gz", "a.xml.gz", "a.warc.gz"]),
)
def test_fuzz_gzip(data: bytes, name: str) -> None:
    check(name, data, memory=True)
