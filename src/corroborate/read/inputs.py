"""Where articles come from: paths, folders, globs and standard input, as :class:`Input` objects.

An input knows its name (what the user typed, or the file under a folder), how big it is and how to
give its bytes within a size cap, gunzipping ``.gz`` files on the way.
"""

from __future__ import annotations

import errno
import glob
import io
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from corroborate.errors import ReadError
from corroborate.read.limits import GZIP_MAGIC, Gunzip, human_size, read_capped
from corroborate.records import Problem

__all__ = ["ARTICLE_SUFFIXES", "Input", "expand_paths"]

# What a folder walk picks up. A file named on the command line is read whatever its name.
ARTICLE_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".xml",
        ".rss",
        ".atom",
        ".rdf",
        ".warc",
        ".arc",
        ".jsonl",
        ".ndjson",
        ".json",
    }
)
_FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing", "notice")


@dataclass(slots=True)
class Input:
    """One thing to read: a file (``path``), bytes already in memory (an upload) or a stream read
    once (standard input, read no further than the size cap)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    stream: BinaryIO | None = None
    _head: bytes = field(default=b"", repr=False, compare=False)

    @property
    def suffixes(self) -> list[str]:
        return [s.lower() for s in Path(self.name).suffixes]

    @property
    def size(self) -> int | None:
        """Bytes on disk or in memory; None for a stream (not known before it is read)."""
        if self.data is not None:
            return len(self.data)
        if self.stream is not None:
            return None
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        """The raw byte stream (still compressed if the file is). A stream input opens once."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.stream is not None:
            head, self._head = self._head, b""
            stream, self.stream = self.stream, io.BytesIO()
            return _Prefixed(head, stream)  # type: ignore[return-value]
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise ReadError(f"cannot open: {exc.strerror or exc}") from None

    def head(self, n: int = 4096) -> bytes:
        if self.stream is not None:
            while len(self._head) < n and (more := self.stream.read(n - len(self._head))):
                self._head += more
            return self._head[:n]
        with self.open() as stream:
            return stream.read(n)

    def read(self, max_bytes: int) -> bytes:
        """All the bytes, decompressed if gzipped; :class:`ReadError` past ``max_bytes`` (never
        more than ``max_bytes + 1`` bytes are read, from a stream or a decompressor)."""
        size = self.size
        if size is not None and size > max_bytes:
            raise ReadError(
                f"file is {human_size(size)}, over the {human_size(max_bytes)} limit (--max-size)"
            )
        head = self.head(2)
        what = "standard input" if self.stream is not None else "file"
        with self.open() as raw:
            if not head.startswith(GZIP_MAGIC):
                return read_capped(raw, max_bytes, what)
            return _gunzip_stream(raw, max_bytes)


class _Prefixed(io.RawIOBase):
    """Bytes already taken from a stream (its head), then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, out: Any) -> int:
        if self._head:
            n = min(len(out), len(self._head))
            out[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(out))
        out[: len(data)] = data
        return len(data)


def _gunzip_stream(raw: BinaryIO, max_bytes: int) -> bytes:
    stream = Gunzip(raw, max_bytes=max_bytes)
    data = read_capped(io.BufferedReader(stream, buffer_size=1 << 16), max_bytes)
    if stream.truncated:
        raise ReadError("truncated gzip file: the compressed stream ends early")
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing truncated streams and output over ``max_bytes``."""
    return _gunzip_stream(io.BytesIO(data), max_bytes)


def _doc_name(name: str) -> str | None:
    """README, LICENSE…: the name of a folder's own documentation file, else None."""
    lower = name.lower()
    return next((doc.upper() for doc in _FOLDER_DOCS if lower.startswith(doc)), None)


def _kind_of(name: str) -> str | None:
    """None for an article file a folder walk reads, else what it is (a suffix, README…)."""
    if doc := _doc_name(name):
        return doc
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] in ARTICLE_SUFFIXES:
        return None
    return suffixes[-1]


_SKIPPED = {
    "other": "{n} {files} of other kinds skipped ({detail}); name one to read it",
    "special": "{n} FIFOs, sockets or devices skipped (not regular files)",
    "loop": "{n} symlink {loops} skipped",
    "broken": "{n} broken {symlinks} skipped",
    "folder link": "{n} {symlinks} to folders not followed",
    "unreadable": "{n} unreadable {files} or folders skipped",
}


def _walk(root: Path, name: str) -> Iterator[Input | Problem]:
    """The article files under ``root`` (sorted, hidden ones left out), then one ``skipped`` line
    per kind of what was left out and why: files of other kinds, FIFOs and devices, symlink loops,
    broken symlinks, symlinks to folders (not followed, as a loop could hide behind one),
    unreadable files and folders."""
    found: list[Path] = []
    skipped: dict[str, Counter[str]] = {}
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            skipped.setdefault("unreadable", Counter())["folder"] += 1
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            why = _classify(entry)
            if why is None:
                found.append(Path(entry.path))
            elif why == "folder":
                folders.append(Path(entry.path))
            else:
                kind, _, detail = why.partition(":")
                skipped.setdefault(kind, Counter())[detail] += 1
    for path in sorted(found):
        yield Input(name=str(path), path=path)
    for kind, template in _SKIPPED.items():
        if counts := skipped.get(kind):
            n = sum(counts.values())
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            detail = ", ".join(f"{what} {k}" for what, k in ranked)
            reason = template.format(
                n=n, detail=detail, files="file" if n == 1 else "files",
                loops="loop" if n == 1 else "loops",
                symlinks="symlink" if n == 1 else "symlinks",
            )  # fmt: skip
            yield Problem(name, reason, level="skipped", count=n)


def _classify(entry: os.DirEntry[str]) -> str | None:
    """None for an article file to read, "folder" to walk into, else "kind:detail" skipped."""
    try:
        if entry.is_symlink():
            try:
                target = os.stat(entry.path)
            except OSError as exc:
                return "loop:" if exc.errno == errno.ELOOP else "broken:"
            if stat.S_ISDIR(target.st_mode):
                return "folder link:"
            mode = target.st_mode
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return "unreadable:file"
    if stat.S_ISDIR(mode):
        return "folder"
    if not stat.S_ISREG(mode):
        return "special:"
    if (kind := _kind_of(entry.name)) is not None:
        return f"other:{kind}"
    if not os.access(entry.path, os.R_OK):
        return "unreadable:file"
    return None


def expand_paths(paths: list[str], stdin: BinaryIO | None = None) -> Iterator[Input | Problem]:
    """Files, folders (recursive, article formats only, with a ``skipped`` line per kind of file
    left out), globs and ``-`` for standard input.

    A path that names nothing yields a :class:`Problem` with its name, so the caller can report it
    and go on.
    """
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Input(name="<stdin>", stream=stream)  # read when its turn comes, to the cap
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, raw)
        elif path.is_file():
            yield Input(name=raw, path=path)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield Problem(raw, "no file matches this pattern")
            yield from (Input(name=str(p), path=p) for p in files)
        elif path.exists():
            yield Problem(raw, "not a regular file")
        else:
            yield Problem(raw, "no such file or folder")
