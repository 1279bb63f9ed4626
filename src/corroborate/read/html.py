"""HTML pages: main text and metadata through trafilatura (which dates pages with htmldate).

trafilatura scores F1 0.958 on the shared article-extraction benchmark, best of the open
extractors measured there; ``bench/extraction.py`` measures this reader on the same pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    """Extract one page; metadata found in the page wins over the fallbacks given here."""
    meta = extract_html(html, url)
    if meta is None:
        raise ReadError("no article text found in the HTML page")
    return build_article(
        meta["text"],
        input=name,
        kind=kind,
        options=options,
        title=meta.get("title") or title,
        source=meta.get("sitename") or source or meta.get("hostname"),
        published=meta.get("date") or published,
        url=meta.get("url") or url,
        author=meta.get("author"),
        input_id=input_id,
        find_title=False,
    )


def read_html(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    data = data if data is not None else inp.read(options.max_bytes)
    html = decode_bytes(data, declared=declared_charset(data))
    yield from html_to_articles(html, name=inp.name, options=options)
