"""WARC and WARC.gz crawls through warcio: every HTML response record becomes an article.

The file is streamed record by record, so a crawl of any size is read in constant memory; the
size cap applies to each record's payload instead of the whole file. Records that are not HTML
responses (requests, metadata, images...) are skipped and counted in one line per file. A
truncated or corrupt archive keeps the articles read before the damage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from corroborate.config import ReadOptions
from corroborate.errors import ReadError
from corroborate.read.decode import decode_bytes
from corroborate.read.html import declared_charset, html_to_articles
from corroborate.read.inputs import Input
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


def read_warc(
    inp: Input, options: ReadOptions, data: bytes | None = None
) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    records = 0
    with inp.open() as stream:
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                records += 1
                if reason := _skip_reason(record):
                    skipped[reason] += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                name = f"{inp.name}#{uri or f'record{records}'}"
                payload = record.content_stream().read(options.max_bytes + 1)
                if len(payload) > options.max_bytes:
                    yield Problem(name, "record is over the size limit (--max-size)")
                    continue
                try:
                    ctype = record.http_headers.get_header("Content-Type")
                    html = decode_bytes(payload, declared=declared_charset(payload, ctype))
                    warc_date = record.rec_headers.get_header("WARC-Date")
                    yield from html_to_articles(
                        html,
                        name=name,
                        options=options,
                        kind="warc",
                        url=uri,
                        published=warc_date,
                    )
                except ReadError as exc:
                    yield Problem(name, str(exc))
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            what = "truncated or corrupt WARC" if records else "not a readable WARC file"
            yield Problem(inp.name, f"{what} after {records} records: {exc}")
    if skipped:
        detail = ", ".join(f"{reason} {n}" for reason, n in skipped.most_common())
        total = sum(skipped.values())
        yield Problem(
            inp.name,
            f"{total} records that are not HTML pages were skipped ({detail})",
            level="skipped",
            count=total,
        )
