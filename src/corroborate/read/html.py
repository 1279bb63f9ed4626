"""HTML pages: main text and metadata through trafilatura (which dates pages with htmldate).

trafilatura scores F1 0.958 on the shared article-extraction benchmark, best of the open
extractors measured there; ``bench/extraction.py`` measures this reader on the same pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.build import build_article
from corroborate.read.decode import decode_bytes
from corroborate.read.inputs import Input
from corroborate.records import Article, Problem

__all__ = ["declared_charset", "extract_html", "read_html"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Machine-readable publication times: Open Graph / article meta, schema.org JSON-LD or microdata.
_TIME_NAMES = (
    r"""(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publish[-_]?date|dc\.date\.issued)["']"""
)
_PUBLISHED_TIME = re.compile(
    _TIME_NAMES + r"""[^>]*?content=["']([^"']+)"""
    r"""|content=["']([^"']+)["'][^>]*?""" + _TIME_NAMES + r'|"datePublished"\s*:\s*"([^"]+)"',
    re.IGNORECASE,
)
_HEAD_CHARS = 300_000
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)

# Extraction settings: comments are not the article; precision and recall are balanced.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
}


def declared_charset(head: bytes, content_type: str | None = None) -> str | None:
    """The encoding an HTTP ``Content-Type``, a ``<meta charset>`` or an XML prolog declares."""
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        return m.group(1)
    found = _META_CHARSET.search(head[:8192]) or _XML_ENCODING.search(head[:200])
    return found.group(1).decode("ascii") if found else None


def extract_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's text and metadata of a page, or None when it finds no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params={"extensive_search": True, "original_date": True},
        **EXTRACT_OPTIONS,
    )
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data if (data.get("text") or "").strip() else None


def html_to_articles(
    html: str,
    *,
    name: str,
    options: ReadOptions,
    kind: str = "html",
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
    input_id: str | None = None,
) -> list[Article | Problem]:
    """Extract one page.

    ``url``, ``source`` and ``title`` are what the caller knows for sure (a WARC record's target
    URI, a JSON line's fields) and win over what the page says; ``published`` is only a fallback
    (a WARC-Date is when the page was fetched, not when it was published).
    """
    meta = extract_html(html, url)
    if meta is None:
        raise ReadError("no article text found in the HTML page")
    return build_article(
        meta["text"],
        input=name,
        kind=kind,
        options=options,
        title=title or meta.get("title"),
        source=source or meta.get("sitename") or meta.get("hostname"),
        published=_published(html, meta.get("date")) or published,
        url=url or meta.get("url"),
        author=meta.get("author"),
        input_id=input_id,
        find_title=False,
    )


def _published(html: str, day: str | None) -> str | None:
    """htmldate's day, with the time of day when the page's own metadata gives it for that day."""
    if not day:
        return None
    for match in _PUBLISHED_TIME.finditer(html[:_HEAD_CHARS]):
        value = next(g for g in match.groups() if g).strip().replace("Z", "+00:00")
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            continue
        if stamp.date().isoformat() == day[:10] and (stamp.hour, stamp.minute) != (0, 0):
            return stamp.isoformat()
    return day


def read_html(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    data = data if data is not None else inp.read(options.max_bytes)
    notes: list[str] = []
    html = decode_bytes(data, declared=declared_charset(data), notes=notes)
    yield from (Problem(inp.name, note, level="note") for note in notes)
    yield from html_to_articles(html, name=inp.name, options=options)
