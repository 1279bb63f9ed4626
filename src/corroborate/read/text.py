"""Plain text and Markdown pastes: one article a file, title from a headline-like first line."""

from __future__ import annotations

from collections.abc import Iterator

from corroborate.config import ReadOptions
from corroborate.read.build import build_article
from corroborate.read.decode import decode_bytes
from corroborate.read.inputs import Input
from corroborate.records import Article, Problem

__all__ = ["read_text"]


def read_text(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    notes: list[str] = []
    text = decode_bytes(data if data is not None else inp.read(options.max_bytes), notes=notes)
    yield from (Problem(inp.name, note, level="note") for note in notes)
    yield from build_article(text, input=inp.name, kind="text", options=options)
