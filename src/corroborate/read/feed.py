"""RSS and Atom feeds through feedparser: one article per entry, with its link, date and content.

An entry's text is the feed's own content (``content:encoded`` or Atom ``content``), else its
summary: what the feed carries, nothing fetched.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.build import build_article
from corroborate.read.inputs import Input
from corroborate.records import Article, Problem

__all__ = ["fragment_to_text", "read_feed"]

_BLOCKS = frozenset(
    (
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "section", "article", "header", "footer", "table", "tr", "figure", "figcaption", "dd",
        "dt", "address",
    )
)  # fmt: skip
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DROP = ("script", "style", "noscript", "iframe", "template", "svg")


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element, entities (``&amp;``) resolved."""
    if "<" not in fragment:
        return html.unescape(fragment)
    fragment = _NOT_XML.sub(" ", fragment)  # lxml refuses controls and lone surrogates
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    etree.strip_elements(root, *_DROP, with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        # line breaks in the markup are white space; only blocks and <br> end a line
        el.text = el.text and " ".join(el.text.split("\n"))
        el.tail = el.tail and " ".join(el.tail.split("\n"))
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return str(root.text_content())


_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _safe_charref(match: re.Match[bytes]) -> bytes:
    """A character reference no text can hold (a surrogate, past U+10FFFF, NUL) as U+FFFD:
    feedparser's lenient parser raises on them instead of reporting a malformed feed."""
    ref = match.group(1)
    code = int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _as_text(value: str, detail: Any) -> str:
    """A feed field as text: feedparser hands plain-text fields over already unescaped, HTML
    ones as markup with entities."""
    kind = (detail or {}).get("type") or "text/html"
    return value if kind == "text/plain" else fragment_to_text(value)


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        if (content.get("value") or "").strip():
            return _as_text(content["value"], content)
    if entry.get("summary"):
        return _as_text(entry["summary"], entry.get("summary_detail"))
    return fragment_to_text(entry.get("description") or "")


def read_feed(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    import feedparser

    data = data if data is not None else inp.read(options.max_bytes)
    parsed = feedparser.parse(_CHARREF.sub(_safe_charref, data))
    entries = parsed.get("entries") or []
    if not entries:
        why = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        raise ReadError(f"malformed feed or a feed with no entries{why}")
    if parsed.get("bozo"):
        yield Problem(
            inp.name,
            f"feed is not well-formed ({parsed.get('bozo_exception')}); read what could be parsed",
            level="note",
        )
    feed_title = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, 1):
        name = f"{inp.name}#entry{n}"
        text = _entry_text(entry)
        if not text.strip():
            yield Problem(name, "feed entry has no text", level="skipped")
            continue
        source = (entry.get("source") or {}).get("title") or feed_title
        yield from build_article(
            text,
            input=name,
            kind="feed",
            options=options,
            title=_as_text(entry.get("title") or "", entry.get("title_detail")) or None,
            source=source,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=entry.get("link"),
            author=entry.get("author"),
            input_id=entry.get("id"),
            find_title=False,
        )
