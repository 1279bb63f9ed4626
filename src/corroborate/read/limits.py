"""Bounded reading: every byte stream a reader takes in goes through here.

One decompressing reader serves every place gzip data comes in (``.gz`` files, WARC.gz crawls,
gzipped standard input): it inflates a bounded slice per call (``max_length``), so the work is
linear in the output and the memory of one call is a few kilobytes, whatever the compression
ratio; a budget on the output turns a decompression bomb into one clear line instead of minutes
of CPU. :func:`read_capped` reads any stream (a file, standard input, a decompressed stream) up
to the size cap and never holds more than the cap plus one chunk.
"""

from __future__ import annotations

import io
import zlib
from typing import Any, BinaryIO

from corroborate.errors import ReadError

__all__ = [
    "GZIP_MAGIC",
    "MAX_RATIO",
    "Gunzip",
    "human_size",
    "open_decompressed",
    "peek_gunzip",
    "read_capped",
]

GZIP_MAGIC = b"\x1f\x8b"
_MEMBER_START = b"\x1f\x8b\x08"  # gzip magic and the deflate method: where a member can begin
_IN_CHUNK = 1 << 14  # compressed bytes fed to zlib at a time
_OUT_CHUNK = 1 << 16  # most bytes one read asks zlib for
# Past the size cap, a stream may only expand this many times its compressed size. Text and HTML
# compress 3 to 15 times; gzip's ceiling (runs of one byte) is about 1030.
MAX_RATIO = 100
_MAX_RESYNCS = 1000


def human_size(size: int) -> str:
    """A size for people: 2.0 kB, 51.3 MB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


class Gunzip(io.RawIOBase):
    """Multi-member gzip decompression of ``raw`` in linear time with bounded output.

    ``max_bytes`` bounds the output; with ``ratio`` the bound grows by ``ratio`` bytes per
    compressed byte read (a crawl of any size is read, a bomb is not). Past the bound a
    :class:`ReadError` says so. A stream that ends inside a member ends the output and sets
    ``truncated``; with ``resync``, corrupt data is skipped to the next member that inflates
    (``damaged`` counts the skips), else it is a :class:`ReadError`.
    """

    def __init__(
        self,
        raw: BinaryIO,
        *,
        max_bytes: int | None = None,
        ratio: int | None = None,
        resync: bool = False,
    ) -> None:
        self.raw = raw
        self.max_bytes = max_bytes
        self.ratio = ratio
        self.resync = resync
        self.consumed = 0  # compressed bytes read from raw
        self.produced = 0  # bytes given out
        self.truncated = False
        self.damaged = 0
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""  # compressed input zlib has not taken yet
        self._in_member = False  # input fed to the current member, whose end is not seen yet
        self._eof = False

    def readable(self) -> bool:
        return True

    def _budget(self) -> int | None:
        if self.max_bytes is None:
            return None
        return self.max_bytes + (self.ratio or 0) * self.consumed

    def _fill(self) -> bool:
        chunk = self.raw.read(_IN_CHUNK)
        if not chunk:
            return False
        self.consumed += len(chunk)
        self._pending += chunk
        return True

    def readinto(self, out: Any) -> int:
        want = min(len(out), _OUT_CHUNK)
        while not self._eof:
            if not self._pending and not self._fill():
                self.truncated = self._in_member
                self._eof = True
                break
            try:
                data = self._zlib.decompress(self._pending, want)
            except zlib.error as exc:
                self._skip_damage(exc)
                continue
            self._in_member = True
            self._pending = self._zlib.unconsumed_tail
            if self._zlib.eof:
                self._pending = self._zlib.unused_data + self._pending
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._in_member = False
                if self._pending and not self._pending.startswith(GZIP_MAGIC[:1]):
                    if self._pending.strip(b"\x00"):
                        self._skip_damage(zlib.error("data after a gzip member"))
                    else:  # zero padding at the end, as some writers leave
                        self._pending = b""
            if data:
                self.produced += len(data)
                budget = self._budget()
                if budget is not None and self.produced > budget:
                    raise ReadError(self._over_budget())
                out[: len(data)] = data
                return len(data)
        return 0

    def _over_budget(self) -> str:
        assert self.max_bytes is not None
        if self.ratio:
            return (
                f"decompresses to over {self.ratio} times its compressed size past the "
                f"{human_size(self.max_bytes)} limit: refused as a decompression bomb"
            )
        return f"decompresses to more than the {human_size(self.max_bytes)} limit (--max-size)"

    def _skip_damage(self, exc: zlib.error) -> None:
        """Corrupt data: skip to the next gzip member (with ``resync``) or fail."""
        if not self.resync or self.damaged >= _MAX_RESYNCS:
            raise ReadError(f"corrupt gzip file: {exc}")
        self.damaged += 1
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._in_member = False
        while True:
            at = self._pending.find(_MEMBER_START, 1)
            if at >= 0:
                self._pending = self._pending[at:]
                return
            keep = self._pending[-2:]
            self._pending = b""
            if not self._fill():
                self._eof = True
                return
            self._pending = keep + self._pending


def peek_gunzip(head: bytes, n: int = 4096) -> bytes:
    """The first ``n`` decompressed bytes of gzip data starting with ``head`` (b"" if corrupt)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, n)
    except zlib.error:
        return b""


def open_decompressed(stream: BinaryIO, head: bytes, max_bytes: int) -> BinaryIO:
    """``stream`` itself, or its gzip decompression bounded by ``max_bytes`` if ``head`` (its
    first bytes) is gzip's magic."""
    if not head.startswith(GZIP_MAGIC):
        return stream
    return io.BufferedReader(Gunzip(stream, max_bytes=max_bytes), buffer_size=_OUT_CHUNK)


def read_capped(stream: BinaryIO, max_bytes: int, what: str = "file") -> bytes:
    """All of ``stream``, read a chunk at a time; :class:`ReadError` once it passes ``max_bytes``
    (nothing past ``max_bytes + 1`` bytes is read)."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise ReadError(f"{what} is over the {human_size(max_bytes)} limit (--max-size)")
    return b"".join(chunks)
