"""WARC and WARC.gz crawls: every HTML response record becomes an article.

The file is streamed record by record, so a crawl of any size is read in constant memory; the
size cap applies to each record's block instead of the whole file, and a WARC.gz goes through the
one bounded decompressor (:mod:`corroborate.read.limits`), so a record that inflates a
thousandfold is refused in well under a second. Records that are not HTML responses (requests,
metadata, images...) are skipped and counted in one line per file.

Framing is checked here rather than trusted: a record's block must be followed by the blank lines
that end it. A record cut short (a crawler that died mid-write and went on appending) declares a
Content-Length that runs into the next record: it is reported and skipped, its block is searched
for where the next record starts and reading resumes there, so a cut record never lends its URL
or title to the next record's text. Bytes between records that are not a record are skipped to
the next ``WARC/`` header and counted; a gzip member that will not inflate is skipped to the next
member. warcio parses each well-framed record (HTTP headers, chunked and compressed payloads);
ARC files are left to warcio alone.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.decode import decode_bytes
from corroborate.read.html import declared_charset, html_to_articles
from corroborate.read.inputs import Input
from corroborate.read.limits import GZIP_MAGIC, MAX_RATIO, Gunzip, human_size, peek_gunzip
from corroborate.records import Article, Problem, printable

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Where a WARC record can begin: the version line and a first header name.
_RECORD_START = re.compile(rb"WARC/[0-9]\.[0-9]+\r?\n[A-Za-z][A-Za-z0-9-]*:")
_MAX_HEADER = 1 << 16  # bytes of a record's WARC header lines
_KEEP = 1 << 16  # bytes kept of a block over the size cap: enough for its HTTP headers
_CHUNK = 1 << 20
_MAX_DAMAGE_LINES = 10  # lines about damage in one file; the rest are counted in one more


def _skip_reason(record: Any) -> str | None:
    if record.rec_type != "response":
        return record.rec_type or "unknown"
    headers = record.http_headers
    if headers is None:
        return "response without HTTP headers"
    status = (headers.get_statuscode() or "").strip()
    if status != "200":
        return f"HTTP {status or '?'}"
    ctype = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES:
        return f"response {ctype or 'without Content-Type'}"
    return None


def read_warc(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    skipped: Counter[str] = Counter()
    head = inp.head(4096)
    with inp.open() as raw:
        stream: BinaryIO = raw
        gz: Gunzip | None = None
        if head.startswith(GZIP_MAGIC):
            gz = Gunzip(raw, max_bytes=options.max_bytes, ratio=MAX_RATIO, resync=True)
            stream = io.BufferedReader(gz, buffer_size=1 << 16)
            head = peek_gunzip(head)
        if not head.startswith(b"WARC/") and not head.startswith(b"filedesc://"):
            raise ReadError("not a WARC file: it does not start with a WARC/ header")
        if head.startswith(b"filedesc://"):
            items = _read_arc(stream, inp.name, options, skipped)
        else:
            items = _read_records(_Source(stream), inp.name, options, skipped)
        cut = False
        try:
            for item in items:
                if isinstance(item, Problem) and item.reason.startswith("truncated"):
                    cut = True
                yield item
        except ReadError as exc:  # a decompression bomb: the records before it are kept
            yield Problem(inp.name, str(exc))
            cut = True
        if gz is not None and gz.damaged:
            yield Problem(
                inp.name,
                f"corrupt WARC.gz: {gz.damaged} stretch{'es' * (gz.damaged != 1)} of compressed "
                "data that would not inflate skipped to the next gzip member",
            )
        if gz is not None and gz.truncated and not cut:
            yield Problem(inp.name, "truncated WARC: the compressed stream ends early")
    if skipped:
        detail = ", ".join(f"{reason} {n}" for reason, n in skipped.most_common())
        total = sum(skipped.values())
        yield Problem(
            inp.name,
            f"{total} records that are not HTML pages were skipped ({detail})"
            if total != 1
            else f"1 record that is not an HTML page was skipped ({detail})",
            level="skipped",
            count=total,
        )


def _read_records(
    src: _Source, name: str, options: ReadOptions, skipped: Counter[str]
) -> Iterator[Problem | Article]:
    damaged = 0
    for frame in _frames(src, options.max_bytes):
        if isinstance(frame, Problem):
            damaged += 1
            last = frame.reason.startswith("truncated") or frame.reason.endswith("not read")
            if damaged <= _MAX_DAMAGE_LINES or last:
                yield Problem(name, frame.reason)
            continue
        rec_type = frame.fields.get("warc-type")
        if rec_type != "response":
            skipped[rec_type or "unknown"] += 1
            continue
        uri = frame.fields.get("warc-target-uri")
        where = f"{name}#{uri or f'record{frame.number}'}"
        try:
            record = frame.record()
        except Exception as exc:  # warcio on a header it cannot parse
            yield Problem(where, f"corrupt WARC record: {_summary(exc)}")
            continue
        if reason := _skip_reason(record):
            skipped[reason] += 1
            continue
        if frame.over_cap:
            yield Problem(where, "record is over the size limit (--max-size)")
            continue
        payload = record.content_stream().read(options.max_bytes + 1)
        if len(payload) > options.max_bytes:
            yield Problem(where, "record is over the size limit (--max-size)")
            continue
        yield from _page(record, payload, where, uri, options)
    if damaged > _MAX_DAMAGE_LINES:
        more = damaged - _MAX_DAMAGE_LINES
        yield Problem(name, f"corrupt WARC: {more} more damaged stretches skipped", count=more)


def _page(
    record: Any, payload: bytes, where: str, uri: str | None, options: ReadOptions
) -> Iterator[Article | Problem]:
    try:
        ctype = record.http_headers.get_header("Content-Type")
        notes: list[str] = []
        html = decode_bytes(payload, declared=declared_charset(payload, ctype), notes=notes)
        yield from (Problem(where, note, level="note") for note in notes)
        warc_date = record.rec_headers.get_header("WARC-Date")
        yield from html_to_articles(
            html, name=where, options=options, kind="warc", url=uri, published=warc_date
        )
    except ReadError as exc:
        yield Problem(where, str(exc))


def _summary(exc: BaseException, limit: int = 120) -> str:
    """An exception's message fit for one line: escaped, cut short (it may quote raw bytes)."""
    return printable(f"{type(exc).__name__}: {exc}", limit)


@dataclass(slots=True)
class _Frame:
    """One record as framed: its WARC header, fields and block (the first bytes if over the cap)."""

    number: int
    header: bytes
    fields: dict[str, str]
    block: bytes
    over_cap: bool

    def record(self) -> Any:
        from warcio.archiveiterator import ArchiveIterator

        data = self.header + self.block + b"\r\n\r\n"
        return next(iter(ArchiveIterator(io.BytesIO(data))))


class _Source:
    """A byte stream read by lines and by counts, with bytes put back in front of it.

    Reads move an offset into one buffer (a line costs its own length, whatever the buffer
    holds); ``taken`` counts the bytes taken from the stream, ``replayed`` those put back.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.buf = b""
        self.pos = 0
        self.taken = 0
        self.replayed = 0

    def _more(self, n: int) -> bytes:
        chunk = self.stream.read(n)
        self.taken += len(chunk)
        return chunk

    def unread(self, data: bytes) -> None:
        self.buf = data + self.buf[self.pos :]
        self.pos = 0

    def read(self, n: int) -> bytes:
        if len(self.buf) - self.pos >= n:
            out = self.buf[self.pos : self.pos + n]
            self.pos += n
            return out
        parts = [self.buf[self.pos :]]
        size = len(parts[0])
        self.buf, self.pos = b"", 0
        while size < n and (chunk := self._more(min(_CHUNK, n - size))):
            parts.append(chunk)
            size += len(chunk)
        return b"".join(parts)

    def readline(self, limit: int) -> bytes:
        end = self.buf.find(b"\n", self.pos, self.pos + limit)
        while end < 0 and len(self.buf) - self.pos < limit:
            chunk = self._more(8192)
            if not chunk:
                break
            self.buf, self.pos = self.buf[self.pos :] + chunk, 0  # less than a line is kept
            end = self.buf.find(b"\n", 0, limit)
        stop = end + 1 if end >= 0 else min(len(self.buf), self.pos + limit)
        out = self.buf[self.pos : stop]
        self.pos = stop
        return out

    def skip_to_record(self) -> int:
        """Skip to where a record starts (or the end); how many bytes were skipped."""
        skipped = 0
        while True:
            found = _RECORD_START.search(self.buf, self.pos)
            if found:
                skipped += found.start() - self.pos
                self.pos = found.start()
                return skipped
            keep = min(len(self.buf) - self.pos, 64)  # a record start split across two reads
            more = self._more(_CHUNK)
            if not more:
                skipped += len(self.buf) - self.pos
                self.buf, self.pos = b"", 0
                return skipped
            skipped += len(self.buf) - self.pos - keep
            self.buf, self.pos = self.buf[len(self.buf) - keep :] + more, 0


def _frames(src: _Source, max_bytes: int) -> Iterator[_Frame | Problem]:
    """The records of a WARC stream, framed by their Content-Length and checked at both ends.

    Damage comes as a :class:`Problem` without an input name (the caller adds it); reading goes
    on at the next record wherever one can be found.
    """
    number = 0
    while True:
        line = src.readline(_MAX_HEADER)
        while line in (b"\r\n", b"\n"):
            line = src.readline(_MAX_HEADER)
        if not line:
            return
        if not line.startswith(b"WARC/"):
            src.unread(line)
            lost = src.skip_to_record()
            yield Problem("", f"corrupt WARC after record {number}: {human_size(lost)} that are "
                              "not part of a record skipped to the next record")  # fmt: skip
            continue
        number += 1
        header = _header(src, line)
        if header is None:
            yield Problem("", f"truncated WARC: the file ends inside a record (after {number - 1})")
            return
        fields = _fields(header)
        uri = fields.get("warc-target-uri")
        label = f"record {number}" + (f" ({uri})" if uri else "")
        try:
            length = int(fields.get("content-length", ""))
            if length < 0:
                raise ValueError(length)
        except ValueError:
            gap = human_size(src.skip_to_record())
            yield Problem("", f"corrupt WARC: {label} has no valid Content-Length (malformed "
                              f"header); {gap} skipped to the next record")  # fmt: skip
            continue
        block, over_cap, complete = _block(src, length, max_bytes)
        if not complete or not _ends_well(src):
            # Cut short? The next record then starts inside what was read as this one's block.
            found = None if over_cap else _RECORD_START.search(block)
            if found is not None:
                src.replayed += len(block) - found.start()
                if src.replayed > src.taken + max_bytes:  # records cut inside cut records...
                    yield Problem("", f"corrupt WARC: {label} and the records before it are "
                                      "cut inside one another: the rest is not read")  # fmt: skip
                    return
                src.unread(block[found.start() :])
                yield Problem("", f"corrupt WARC: {label} is cut short, the next record starts "
                                  "inside it: skipped")  # fmt: skip
                continue
            if not complete:
                yield Problem(
                    "", f"truncated WARC: the file ends inside a record (after {number - 1})"
                )
                return
            gap = human_size(src.skip_to_record())
            yield Problem("", f"corrupt WARC: {label} does not end where its Content-Length "
                              f"says: skipped, and {gap} to the next record")  # fmt: skip
            continue
        yield _Frame(number, header, fields, block, over_cap)


def _header(src: _Source, first: bytes) -> bytes | None:
    """The header lines of a record up to and with the blank line; None at the end of the file."""
    lines = [first]
    size = len(first)
    while size < _MAX_HEADER:
        line = src.readline(_MAX_HEADER - size)
        if not line:
            return None
        lines.append(line)
        size += len(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)
    return b"".join(lines)  # over-long: the missing Content-Length or the framing will tell


def _fields(header: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for raw in header.decode("utf-8", "replace").splitlines()[1:]:
        name, sep, value = raw.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _block(src: _Source, length: int, max_bytes: int) -> tuple[bytes, bool, bool]:
    """(the block or its first bytes, whether it is over the cap, whether it is all there)."""
    if length <= max_bytes:
        block = src.read(length)
        return block, False, len(block) == length
    kept = src.read(min(_KEEP, length))
    left = length - len(kept)
    while left > 0 and (chunk := src.read(min(_CHUNK, left))):
        left -= len(chunk)
    return kept, True, left == 0


def _ends_well(src: _Source) -> bool:
    """A record's block is followed by blank lines, then another record or the end."""
    tail = src.read(4)
    rest = tail.lstrip(b"\r\n")
    if not rest:
        return True
    src.unread(rest)
    peek = src.read(5)
    src.unread(peek)
    return peek == b"WARC/"


def _read_arc(
    stream: BinaryIO, name: str, options: ReadOptions, skipped: Counter[str]
) -> Iterator[Problem | Article]:
    """ARC files, through warcio's own framing (no check beyond its own)."""
    from warcio.archiveiterator import ArchiveIterator

    records = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            if reason := _skip_reason(record):
                skipped[reason] += 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{uri or f'record{records}'}"
            payload = record.content_stream().read(options.max_bytes + 1)
            if len(payload) > options.max_bytes:
                yield Problem(where, "record is over the size limit (--max-size)")
                continue
            yield from _page(record, payload, where, uri, options)
    except ReadError:
        raise
    except Exception as exc:  # warcio's framing gave up
        yield Problem(name, f"truncated or corrupt ARC at record {records}: {_summary(exc)}")
