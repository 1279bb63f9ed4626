"""WARC and WARC.gz crawls through warcio: every HTML response record becomes an article.

The file is streamed record by record, so a crawl of any size is read in constant memory; the
size cap applies to each record's payload instead of the whole file. Records that are not HTML
responses (requests, metadata, images...) are skipped and counted in one line per file. A
truncated or corrupt archive keeps the articles read before the damage.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any, BinaryIO

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.decode import decode_bytes
from corroborate.read.html import declared_charset, html_to_articles
from corroborate.read.inputs import GZIP_MAGIC, Input
from corroborate.records import Article, Problem

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


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


def _drain(record: Any) -> bool:
    """Read what is left of a record; False if the archive ends before the record does."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) <= 0


def read_warc(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    records = 0
    with inp.open() as raw:
        head = raw.read(4096)
        raw.seek(0)
        stream: BinaryIO = raw
        if head.startswith(GZIP_MAGIC):
            # warcio's own decompression ends quietly at a member cut short, losing that
            # record without a word; this reader says so.
            head = _gunzip_head(head)
            stream = _Gunzip(raw)  # type: ignore[assignment]
        if not head.startswith(b"WARC/") and not head.startswith(b"filedesc://"):
            raise ReadError("not a WARC file: it does not start with a WARC/ header")
        try:
            for record in _records(stream, arc=head.startswith(b"filedesc://")):
                records += 1
                if record.rec_type is None:
                    raise ArchiveLoadFailed("a record has no readable header")
                if reason := _skip_reason(record):
                    skipped[reason] += 1
                    if not _drain(record):
                        raise ArchiveLoadFailed("the last record is cut short")
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                name = f"{inp.name}#{uri or f'record{records}'}"
                payload = record.content_stream().read(options.max_bytes + 1)
                if len(payload) > options.max_bytes:
                    yield Problem(name, "record is over the size limit (--max-size)")
                    _drain(record)
                    continue
                if not _drain(record):
                    raise ArchiveLoadFailed(f"the record of {uri or 'a page'} is cut short")
                try:
                    ctype = record.http_headers.get_header("Content-Type")
                    html = decode_bytes(payload, declared=declared_charset(payload, ctype))
                    warc_date = record.rec_headers.get_header("WARC-Date")
                    yield from html_to_articles(
                        html, name=name, options=options, kind="warc", url=uri,
                        published=warc_date,
                    )  # fmt: skip
                except ReadError as exc:
                    yield Problem(name, str(exc))
        except _Truncated:
            yield Problem(
                inp.name, f"truncated WARC: the file ends inside a record (after {records})"
            )
        except (ArchiveLoadFailed, OSError, ValueError, zlib.error) as exc:
            yield Problem(inp.name, f"truncated or corrupt WARC at record {records}: {exc}")
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


def _records(stream: BinaryIO, arc: bool) -> Iterator[Any]:
    """warcio's records; a header warcio cannot parse (it fails with AttributeError, KeyError…
    on a record without the headers it expects) is a corrupt archive, not a crash."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(stream, arc2warc=arc))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (AttributeError, KeyError, IndexError, TypeError) as exc:
            raise ArchiveLoadFailed(f"a record header is malformed ({exc})") from None
        yield record


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


class _Truncated(Exception):
    """The compressed archive ends inside a gzip member."""


class _Gunzip(io.RawIOBase):
    """Multi-member gzip decompression that raises :class:`_Truncated` at a member cut short."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = False  # input fed to the current member, whose end is not seen yet
        self.buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, out: Any) -> int:
        while not self.buf:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                if self.pending:
                    raise _Truncated("the archive ends inside a compressed record")
                return 0
            self.buf = self._decompress(chunk)
        n = min(len(out), len(self.buf))
        out[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n

    def _decompress(self, chunk: bytes) -> bytes:
        data = self.decomp.decompress(chunk)
        self.pending = True
        while self.decomp.eof:
            rest = self.decomp.unused_data
            self.decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self.pending = bool(rest)
            if not rest:
                break
            data += self.decomp.decompress(rest)
        return data
