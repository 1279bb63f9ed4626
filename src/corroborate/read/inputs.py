"""Where articles come from: paths, folders, globs and standard input, as :class:`Input` objects.

An input knows its name (what the user typed, or the file under a folder), how big it is and how to
give its bytes within a size cap, gunzipping ``.gz`` files on the way.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corroborate.errors import ReadError
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
GZIP_MAGIC = b"\x1f\x8b"


def _megabytes(size: int) -> str:
    """A size for people: 2.0 kB, 51.3 MB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


@dataclass(slots=True)
class Input:
    """One thing to read: a file (``path``) or bytes already in memory (stdin, an upload)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def suffixes(self) -> list[str]:
        return [s.lower() for s in Path(self.name).suffixes]

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        """The raw byte stream (still compressed if the file is)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise ReadError(f"cannot open: {exc.strerror or exc}") from None

    def head(self, n: int = 4096) -> bytes:
        with self.open() as stream:
            return stream.read(n)

    def read(self, max_bytes: int) -> bytes:
        """All the bytes, decompressed if gzipped; :class:`ReadError` past ``max_bytes``."""
        size = self.size
        if size > max_bytes:
            raise ReadError(
                f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit (--max-size)"
            )
        with self.open() as stream:
            data = stream.read()
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, max_bytes)
        return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing truncated streams and output over ``max_bytes``."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except EOFError:
        raise ReadError("truncated gzip file: the compressed stream ends early") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise ReadError(f"corrupt gzip file: {exc}") from None
    if len(out) > max_bytes:
        raise ReadError(f"decompresses to more than the {_megabytes(max_bytes)} limit (--max-size)")
    return out


def _wanted(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts):
        return False
    if path.name.lower().startswith(_FOLDER_DOCS):
        return False
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in ARTICLE_SUFFIXES


def expand_paths(paths: list[str], stdin: BinaryIO | None = None) -> Iterator[Input | Problem]:
    """Files, folders (recursive, article formats only), globs and ``-`` for standard input.

    A path that names nothing yields a :class:`Problem` with its name, so the caller can report it
    and go on.
    """
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Input(name="<stdin>", data=stream.read())
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and _wanted(p.relative_to(path))
            )
            yield from (Input(name=str(p), path=p) for p in files)
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
