"""JSON Lines: one article per line with ``text`` (or a page in ``html``) and optional metadata.

Fields: ``text`` or ``html`` (required), ``title``, ``url``, ``source``, ``published``, ``author``,
``id`` (kept as the article's ``input_id``). A ``.json`` file holding an array of such objects
is read the same way. A bad line is reported with its number; the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from corroborate.config import ReadOptions, normalize_published
from corroborate.errors import ReadError
from corroborate.read.build import build_article
from corroborate.read.decode import decode_bytes
from corroborate.read.html import html_to_articles
from corroborate.read.inputs import Input
from corroborate.records import Article, Problem

__all__ = ["read_jsonl"]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _loads(text: str) -> Any:
    """``json.loads``, with every way it can refuse a text as one :class:`ValueError`."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None


def _error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)  # too deep, an integer of too many digits…


def _records(text: str) -> Iterator[tuple[int, Any]]:
    """(line number, object or the :class:`ValueError` that line gave). Each line is parsed on
    its own, so one bad line (malformed, nested 200,000 deep…) costs that line only."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = _loads(stripped)
        except ValueError as exc:
            raise ReadError(f"not valid JSON: {_error(exc)}") from None
        yield from enumerate(items if isinstance(items, list) else [items], 1)
        return
    if stripped.startswith("{") and "\n" in stripped:  # one pretty-printed object?
        try:
            yield 1, _loads(stripped)
            return
        except ValueError:
            pass  # JSON Lines after all
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield n, _loads(line)
            except ValueError as exc:
                yield n, exc


def read_jsonl(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    notes: list[str] = []
    text = decode_bytes(data if data is not None else inp.read(options.max_bytes), notes=notes)
    yield from (Problem(inp.name, note, level="note") for note in notes)
    for n, obj in _records(text):
        name = f"{inp.name}:{n}"
        if isinstance(obj, ValueError):
            yield Problem(name, f"not valid JSON ({_error(obj)})")
            continue
        if not isinstance(obj, dict):
            yield Problem(name, f"expected a JSON object, got {type(obj).__name__}")
            continue
        source, url = _str(obj.get("source")), _str(obj.get("url"))
        published = normalize_published(obj.get("published"))
        if published is None and obj.get("published") not in (None, ""):
            yield Problem(
                name, f"published {obj['published']!r} is not a date: left out", level="note"
            )
        title, input_id = _str(obj.get("title")), _str(obj.get("id"))
        body, html = obj.get("text"), obj.get("html")
        if isinstance(body, str) and body.strip():
            yield from build_article(
                body, input=name, kind="jsonl", options=options, title=title, source=source,
                published=published, url=url, author=_str(obj.get("author")), input_id=input_id,
            )  # fmt: skip
        elif isinstance(html, str) and html.strip():
            try:
                yield from html_to_articles(
                    html, name=name, options=options, kind="jsonl", title=title, source=source,
                    published=published, url=url, input_id=input_id,
                )  # fmt: skip
            except ReadError as exc:
                yield Problem(name, str(exc))
        else:
            yield Problem(name, 'no "text" (or "html") field with text in it')
