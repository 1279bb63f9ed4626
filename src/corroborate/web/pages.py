"""The server-rendered pages: the stories, a story's report, an article, adding articles.

- ``GET /``: stories newest first (label, span, articles, independent sources, conflicts), a
  search by words (``?q=``) and pages (``?page=``);
- ``GET /stories/{id}``: the story's cross-checked report (the sections of report.html, made on
  first view and kept) with its citations linking to the articles' pages, and downloads of the
  report as HTML, Markdown and JSON (``/stories/{id}/report.html|md|json``);
- ``GET /articles/{id}``: the cleaned text with its claims highlighted (figures, times, places,
  who says, quotes marked apart), the junk the cleaner removed, metadata, the article's story
  and how it relates to the other articles of it;
- ``GET /add``, ``POST /add``: paste text, upload files or give a feed URL; the CLI's readers,
  the app's limits; a page of what was read and where it went.

No page carries JavaScript (the app's Content-Security-Policy forbids every script) or loads
anything from outside the app. Every value that comes from an article is untrusted: templates
are rendered by jinja2 with autoescape on and nothing from a document is ever marked safe; the
article text is cut into slices in Python and each slice is escaped by the template; a URL is a
link only when it is http(s). Identifiers in pages (``claim-3``) are built from integers only.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import logging
import math
import re
import tempfile
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from corroborate.config import ReadOptions, normalize_published
from corroborate.errors import CorroborateError
from corroborate.fetch import FetchBusy
from corroborate.read import Input
from corroborate.report.html import LIMITS, PALETTE, _report_view, _web_url
from corroborate.store import Store
from corroborate.web import api, service
from corroborate.web.app import Settings, is_head, security_headers

__all__ = ["install_error_handlers", "router"]

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)  # pages are not part of the API's schema

PER_PAGE = 20  # stories per page of the list
MAX_QUERY = 200  # characters of a search
DOWNLOADS = {  # report.<ext> -> media type
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
# Slots highlighted inside claims, most specific first: where two overlap, the first one wins.
SLOTS = ("figure", "time", "place", "source", "quote")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("corroborate.web", "templates"),
                jinja2.PackageLoader("corroborate.report", "templates"),  # its partials, CSS
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["palette"] = PALETTE
    env.globals["slots"] = SLOTS
    return env


def _render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    page = _environment().get_template(template).render(**context)
    return HTMLResponse(page, status_code=status_code)


def _error(status: int, title: str, message: str) -> HTMLResponse:
    return _render("error.html", status, title=title, status=status, message=message)


_TITLES = {404: "Not found", 405: "Method not allowed", 413: "Too large"}


def install_error_handlers(app: FastAPI) -> None:
    """HTML error pages for paths no page answers (404, 405…) instead of FastAPI's JSON, and a
    500 page for an unexpected error: logged with its traceback, shown without it, with the
    security headers (it is made outside the middleware that adds them). Install it before
    :func:`corroborate.web.api.install_error_handlers`, which keeps these for paths outside
    ``/api/``."""

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        page = _error(exc.status_code, _TITLES.get(exc.status_code, "Error"), str(exc.detail))
        page.headers.update(exc.headers or {})
        return page

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        message = "The server could not answer this request; its log has the details."
        page = _error(500, "Something went wrong", message)
        page.headers.update(security_headers())
        return page

    async def on_disconnect(request: Request, exc: Exception) -> Response:
        api.log_disconnect(request)  # one line: an aborted upload is no server error
        return _error(400, "Bad request", "The request ended before it was read.")

    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(ClientDisconnect, on_disconnect)
    app.add_exception_handler(Exception, on_crash)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# -- stories ----------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, q: str = "", page: str = "1") -> HTMLResponse:
    """Stories newest first, a page at a time, optionally those matching the words of ``q``."""
    query = " ".join(q.split())[:MAX_QUERY]
    number = int(page) if page.isascii() and page.isdigit() and 0 < len(page) < 7 else 1
    number = max(number, 1)
    with Store(_settings(request).db) as store:
        stored = len(store)
        rows, total = service.story_rows(
            store, query or None, limit=PER_PAGE, offset=(number - 1) * PER_PAGE
        )
        counts = store.report_counts() if rows else {}
    pages = max(1, math.ceil(total / PER_PAGE))
    reports = request.app.state.reports
    for row in rows:
        kept = counts.get(row["id"])
        row["span"] = _span(row["first"], row["last"])
        row["href"] = f"/stories/{quote(row['id'], safe='')}"
        if kept is None:
            row["status"] = "being made" if reports.busy(row["id"]) else "not made yet"
        elif kept["sources"] != row["articles"]:  # grown since: counts are of fewer articles
            row["status"] = "being updated" if reports.busy(row["id"]) else "out of date"
        else:
            row["status"] = ""

    def link(n: int) -> str:
        params = {k: v for k, v in (("q", query), ("page", n)) if v and v != 1}
        return f"/?{urlencode(params)}" if params else "/"

    return _render(
        "stories.html",
        title=f"Stories matching “{query}”" if query else "Stories",
        query=query,
        rows=rows,
        total=total,
        stored=stored,
        db=_settings(request).db,
        page=number,
        pages=pages,
        first=(number - 1) * PER_PAGE + 1,
        previous=link(number - 1) if number > 1 else None,
        next=link(number + 1) if number < pages else None,
    )


# -- a story ----------------------------------------------------------------------------------


class PageCache:
    """Rendered story pages, keyed by the story, its kept report's key (its members, models,
    settings) and when that report was made: a page is rendered once per report, and a story
    that changes gets a new key. Least recently used pages go past ``size``."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self.pages: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> bytes | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, ...], page: bytes) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


_CACHE_LOCK = threading.Lock()


def _page_cache(request: Request) -> PageCache:
    state = request.app.state
    with _CACHE_LOCK:
        cache: PageCache | None = getattr(state, "story_pages", None)
        if cache is None:
            cache = state.story_pages = PageCache()
    return cache


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    """The story's report inside the app: its sections, citations linking to article pages.
    Rendered once per kept report (then served from :class:`PageCache`); a HEAD of a story
    whose report is not made yet answers without making it."""
    from corroborate.report.build import report_key

    settings = _settings(request)
    cache = _page_cache(request)
    with Store(settings.db) as store:
        story = store.story(story_id)
        if story is None:
            return _not_found("story", story_id)
        key = report_key(story, settings.words)
        made = store.report_made_at(story.id, key)
        cached = cache.get((story.id, key, made)) if made else None
        if cached is not None:
            return HTMLResponse(cached)
        if made is None and is_head(request):
            return HTMLResponse(b"")  # the headers of the page, without making its report
        try:
            doc = service.story_report(store, story_id, words=settings.words)
        except service.NotFound:
            return _not_found("story", story_id)
        made = store.report_made_at(story.id, key)
        view = _report_view(doc, LIMITS)
        pages = {
            s["n"]: f"/articles/{quote(s['id'], safe='')}"
            for s in view["sources"]
            if s["id"] and s["id"] in store  # a source removed since has no page
        }
    base = f"/stories/{quote(story_id, safe='')}/report"
    page = _render(
        "story.html",
        **view,
        source_pages=pages,
        downloads=[
            (f"{base}.{ext}", label)
            for ext, label in (("html", "HTML"), ("md", "Markdown"), ("json", "JSON"))
        ],
    )
    if made:
        cache.put((story.id, key, made), bytes(page.body))
    return page


@router.get("/stories/{story_id}/report.{ext}")
def story_download(request: Request, story_id: str, ext: str) -> Response:
    """The story's report as a file to keep: report.html (self-contained), .md or .json."""
    if ext not in DOWNLOADS:
        return _not_found("download", f"report.{ext}")
    settings = _settings(request)
    with Store(settings.db) as store:
        if is_head(request):  # the headers only: a report not made yet is not made for them
            from corroborate.report.build import report_key

            story = store.story(story_id)
            if story is None:
                return _not_found("story", story_id)
            if store.report_made_at(story.id, report_key(story, settings.words)) is None:
                return Response(b"", media_type=DOWNLOADS[ext])
        try:
            doc = service.story_report(store, story_id, words=settings.words)
        except service.NotFound:
            return _not_found("story", story_id)
    if ext == "html":
        from corroborate.report.html import render_html

        body = render_html(doc)
    elif ext == "md":
        from corroborate.report.markdown import render_markdown

        body = render_markdown(doc)
    else:
        body = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    name = re.sub(r"[^A-Za-z0-9_-]", "_", story_id)[:64] or "story"
    return Response(
        body,
        media_type=DOWNLOADS[ext],
        headers={"Content-Disposition": f'attachment; filename="{name}-report.{ext}"'},
    )


# -- an article -------------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """An article: its text with its claims highlighted, what was removed, its relations."""
    with Store(_settings(request).db) as store:
        found = store.get(article_id)
        if found is None or found.id != article_id:
            return _not_found("article", article_id)
        _ensure_claims(store, article_id)
        try:
            view = service.article_view(store, article_id)
        except service.NotFound:
            return _not_found("article", article_id)
        story = store.story(view["story"]) if view["story"] else None
        ingested = store.ingested_at(article_id)
    article = view["article"]
    claims = [c for c in view["claims"] if isinstance(c, Mapping)]
    by_id = {o["id"]: o for o in view["others"]}
    relations = {r["article"]: r for r in view["relations"]}
    others = []
    for other in view["others"]:
        rel = relations.get(other["id"], {})
        source = rel.get("source")
        others.append(
            {
                "href": f"/articles/{quote(other['id'], safe='')}",
                "label": other["label"],
                "title": other["title"] if other["title"] != other["label"] else None,
                "published": _when(other["published"]),
                "relation": rel.get("relation", "not compared"),
                "share": _percent(rel.get("share")),
                "their_share": _percent(rel.get("their_share")),
                "direction": "this article is the earlier one"
                if source == article["id"]
                else "that article is the earlier one"
                if source in by_id
                else "",
            }
        )
    url = article.get("url") or ""
    return _render(
        "article.html",
        title=article.get("title") or article.get("source") or article.get("input") or article_id,
        article={
            "id": article["id"],
            "title": article.get("title") or "",
            "source": article.get("source") or "",
            "author": article.get("author") or "",
            "published": article.get("published") or "",
            "url": url,
            "href": _web_url(url) if url else None,
            "input": article.get("input") or "",
            "kind": article.get("kind") or "",
            "language": article.get("language") or "",
            "words": len(str(article.get("text") or "").split()),
            "ingested": ingested or "",
        },
        paragraphs=_highlight(str(article.get("text") or ""), claims),
        claims=[_claim_row(c) for c in claims],
        removed=view["removed"],
        story={
            "href": f"/stories/{quote(story.id, safe='')}",
            "label": story.label,
            "articles": len(story.articles),
        }
        if story
        else None,
        others=others,
    )


def _ensure_claims(store: Store, article_id: str) -> None:
    """Extract the article's claims if it has none yet (so its text can be highlighted)."""
    from corroborate.claims.extract import extractor_name, update_claims

    if store.has_claims(article_id, extractor_name()):
        return
    with contextlib.suppress(CorroborateError):  # the page still shows the text, unmarked
        update_claims(store, article_ids=[article_id])


def _highlight(text: str, claims: Sequence[Mapping[str, Any]]) -> list[list[dict[str, Any]]]:
    """The text as paragraphs of slices, each slice with the claims it belongs to, the slot it
    is part of (one of :data:`SLOTS`, or none) and the claims starting there (anchors).

    Slices are plain text: the template escapes each one. Offsets outside the text, or empty
    spans, are ignored; overlapping claims mark their common part with every one of them.
    """
    size = len(text)

    def ok(start: Any, end: Any) -> bool:
        return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size

    spans: list[tuple[int, int, int]] = []  # claim start, end, index
    slots: list[tuple[int, int, int]] = []  # slot start, end, rank in SLOTS
    titles: dict[int, str] = {}
    for c in claims:
        index = c.get("index")
        if not isinstance(index, int) or not ok(c.get("start"), c.get("end")):
            continue
        spans.append((c["start"], c["end"], index))
        titles[index] = _claim_title(c)
        for kind, start, end in _slot_spans(c):
            if ok(start, end):
                slots.append((start, end, SLOTS.index(kind)))
    bounds = {0, size}
    for start, end, _ in spans + slots:
        bounds.update((start, end))
    for at, char in enumerate(text):
        if char == "\n":
            bounds.update((at, at + 1))
    points = sorted(bounds)
    # a sweep over the points: what starts or ends at each, so the cost grows with the marks,
    # not with marks x slices
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for start, end, index in spans:
        opening[start].append(index)
        closing[end].append(index)
    slot_opening: dict[int, list[int]] = defaultdict(list)
    slot_closing: dict[int, list[int]] = defaultdict(list)
    for start, end, order in slots:
        slot_opening[start].append(order)
        slot_closing[end].append(order)
    active: dict[int, int] = {}  # claims covering the slice, with how many of their spans
    ranks: dict[int, int] = {}  # slots covering it
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for a, b in itertools.pairwise(points):
        _shift(active, closing.get(a, ()), opening.get(a, ()))
        _shift(ranks, slot_closing.get(a, ()), slot_opening.get(a, ()))
        piece = text[a:b]
        if piece == "\n":
            paragraphs.append([])
            continue
        inside = sorted(active)
        rank = min(ranks, default=None)
        anchors = sorted(opening.get(a, ()))
        run = paragraphs[-1]
        slot = SLOTS[rank] if rank is not None and inside else None
        if run and not anchors and run[-1]["claims"] == inside and run[-1]["slot"] == slot:
            run[-1]["text"] += piece  # the same marks as the slice before: one slice
            continue
        run.append(
            {
                "text": piece,
                "claims": inside,
                "slot": slot,
                "anchors": anchors,
                "title": " / ".join(titles[k] for k in inside),
            }
        )
    return [p for p in paragraphs if p]


def _shift(counts: dict[int, int], leaving: Iterable[int], coming: Iterable[int]) -> None:
    """Count out what ends and in what starts at a point; keys at zero are dropped."""
    for key in leaving:
        counts[key] -= 1
        if not counts[key]:
            del counts[key]
    for key in coming:
        counts[key] = counts.get(key, 0) + 1


def _slot_spans(claim: Mapping[str, Any]) -> Iterable[tuple[str, Any, Any]]:
    for q in _dicts(claim.get("quantities")):
        yield "figure", q.get("start"), q.get("end")
    for t in _dicts(claim.get("times")):
        yield "time", t.get("start"), t.get("end")
    for p in _dicts(claim.get("places")):
        yield "place", p.get("start"), p.get("end")
    attribution = claim.get("attribution")
    if isinstance(attribution, Mapping):
        yield "source", attribution.get("start"), attribution.get("end")
    for q in _dicts(claim.get("quotes")):
        if q.get("kind") == "direct":
            yield "quote", q.get("start"), q.get("end")


def _claim_title(claim: Mapping[str, Any]) -> str:
    who = " · ".join(_text(claim.get(k)) or "–" for k in ("subject", "predicate", "object"))
    attribution = claim.get("attribution")
    said = (
        f", according to {_text(attribution.get('source'))}"
        if isinstance(attribution, Mapping) and attribution.get("source")
        else ""
    )
    return f"claim {claim.get('index')}: {who}{said}"


def _claim_row(claim: Mapping[str, Any]) -> dict[str, Any]:
    attribution = claim.get("attribution")
    return {
        "index": claim.get("index") if isinstance(claim.get("index"), int) else None,
        "text": _text(claim.get("text")),
        "subject": _text(claim.get("subject")),
        "predicate": _text(claim.get("predicate")),
        "object": _text(claim.get("object")),
        "negated": claim.get("negated") is True,
        "hedge": _text(claim.get("hedge")),
        "figures": [_figure(q) for q in _dicts(claim.get("quantities"))],
        "times": [_time(t) for t in _dicts(claim.get("times"))],
        "places": [_place(p) for p in _dicts(claim.get("places"))],
        "source": _text(attribution.get("source")) if isinstance(attribution, Mapping) else "",
        "quotes": [
            {
                "text": _text(q.get("text")),
                "speaker": _text(q.get("speaker")),
                "direct": q.get("kind") == "direct",
            }
            for q in _dicts(claim.get("quotes"))
        ],
    }


def _figure(q: Mapping[str, Any]) -> str:
    extra = [
        x for x in (_text(q.get("counted")) or _text(q.get("unit")), _text(q.get("role"))) if x
    ]
    return _text(q.get("text")) + (f" ({', '.join(extra)})" if extra else "")


def _time(t: Mapping[str, Any]) -> str:
    resolved = _text(t.get("date")) or _text(t.get("weekday")) or _text(t.get("clock"))
    written = _text(t.get("text"))
    return f"{written} ({resolved})" if resolved and resolved != written else written


def _place(p: Mapping[str, Any]) -> str:
    written, name = _text(p.get("text")), _text(p.get("name"))
    country = _text(p.get("country"))
    known = ", ".join(x for x in (name if name != written else "", country) if x)
    return f"{written} ({known})" if known else written


# -- adding articles --------------------------------------------------------------------------


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    return _add_form(_settings(request))


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request) -> HTMLResponse:
    """Pasted text, uploaded files and a feed URL (any of them): read, stored, assigned to
    stories; a page of what happened. Over a limit: 413 and nothing is stored. Uploaded files
    are copied to a temporary folder (removed after the answer), never held in memory whole."""
    with tempfile.TemporaryDirectory(prefix="corroborate-upload-") as folder:
        return await _add_submit(request, Path(folder))


async def _add_submit(request: Request, folder: Path) -> HTMLResponse:
    settings = _settings(request)
    length = request.headers.get("content-length", "")
    whole = settings.max_files * settings.max_upload_bytes + 4 * settings.max_paste_chars + 2**20

    def too_large() -> HTMLResponse:
        message = f"The upload is larger than the limits allow in all: {_limits(settings)}."
        return _add_form(settings, 413, f"{message} Nothing was stored.")

    if length.isdigit() and int(length) > whole:
        return too_large()
    try:
        form = await api.bounded(request, whole).form(
            max_files=settings.max_files,
            max_fields=50,
            max_part_size=4 * settings.max_paste_chars + 64 * 1024,
        )
    except api.Refused as exc:  # a body without a length that went past the limit, or stalled
        if exc.status == 408:
            return _add_form(settings, 408, f"{exc.message[:1].upper()}{exc.message[1:]}.")
        return too_large()
    except HTTPException as exc:  # the multipart parser's own limits and errors
        detail = str(exc.detail)
        if detail.startswith("Too many files"):
            return _add_form(
                settings,
                413,
                f"Too many files: at most {settings.max_files} in one upload. Nothing was stored.",
            )
        status = 413 if "maximum size" in detail else 400
        return _add_form(
            settings, status, f"The form could not be read: {detail}. Nothing was stored."
        )
    try:
        fields = {k: form.get(k) for k in ("form", "title", "outlet", "published", "url")}
        values = {k: v.strip() if isinstance(v, str) else "" for k, v in fields.items()}
        text = form.get("text")
        pasted = text.replace("\r\n", "\n") if isinstance(text, str) else ""
        if len(pasted) <= settings.max_paste_chars:
            values["text"] = pasted  # shown again if something else is wrong
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if len(uploads) > settings.max_files:
            return _add_form(
                settings,
                413,
                f"Too many files: {len(uploads)}, at most "
                f"{settings.max_files} in one upload. Nothing was stored.",
            )
        if len(pasted) > settings.max_paste_chars:
            return _add_form(
                settings,
                413,
                f"The pasted text has {len(pasted):,} characters, "
                f"over the limit of {settings.max_paste_chars:,}. Nothing was "
                "stored.",
                values,
            )
        inputs: list[Input] = []
        for upload in uploads:
            try:
                inputs.append(
                    await api.spool(upload, folder / str(len(inputs)), settings.max_upload_bytes)
                )
            except api.Refused:
                return _add_form(
                    settings,
                    413,
                    f"{upload.filename} is larger than "
                    f"{_size(settings.max_upload_bytes)}, the limit per file. "
                    "Nothing was stored.",
                    values,
                )
    finally:
        await form.close()
    if pasted.strip():
        inputs.insert(0, _pasted(pasted, values["title"]))
    url = values["url"]
    if url and not url.lower().startswith(("http://", "https://")):
        return _add_form(settings, 400, "A feed URL must start with http:// or https://.", values)
    if not inputs and not url:
        return _add_form(
            settings, 400, "Nothing to add: paste a text, choose files or give a feed URL.", values
        )
    published = normalize_published(values["published"]) if values["published"] else None
    if values["published"] and published is None:
        return _add_form(
            settings,
            400,
            f"The publication date {values['published']!r} is not a date (ISO 8601 like "
            "2024-12-01, or RFC 2822 like Tue, 11 Mar 2025 10:00:00 GMT). Nothing was stored.",
            values,
        )
    options = ReadOptions(
        max_bytes=settings.max_upload_bytes, published=published, source=values["outlet"] or None
    )
    reports = request.app.state.reports
    on_story = reports.submit if settings.background else None
    if url:
        try:
            inputs.append(await api.fetch_feed(request, url))
        except service.FetchError as exc:
            status = 503 if isinstance(exc, FetchBusy) else 502
            return _add_form(
                settings,
                status,
                f"The feed could not be fetched: {exc}. Nothing was stored.",
                values,
            )
    result, stories = await run_in_threadpool(_add, settings, inputs, options, on_story)
    return _render(
        "added.html",
        title="Added",
        result=result,
        articles=[
            {
                "href": f"/articles/{quote(str(a['id']), safe='')}",
                "title": _text(a.get("title")),
                "input": _text(a.get("input")),
                "new": a.get("new") is True,
                "story": stories["of"].get(str(a["id"])),
            }
            for a in result.articles
        ],
        stories=stories["touched"],
        background=settings.background,
    )


def _add(
    settings: Settings,
    inputs: list[Input],
    options: ReadOptions,
    on_story: Any,
) -> tuple[service.AddResult, dict[str, Any]]:
    """Read, store and assign: on a worker thread, one store."""
    with Store(settings.db) as store:
        result = service.add_inputs(store, inputs, options, on_story=on_story)
        of: dict[str, dict[str, Any]] = {}
        touched = []
        for story_id in result.stories:
            story = store.story(story_id)
            if story is not None:
                touched.append(
                    {
                        "href": f"/stories/{quote(story.id, safe='')}",
                        "label": story.label,
                        "articles": len(story.articles),
                    }
                )
        for a in result.articles:
            member_of = store.story_of_article(str(a["id"]))
            story = store.story(member_of) if member_of else None
            if story is not None:
                of[str(a["id"])] = {
                    "href": f"/stories/{quote(story.id, safe='')}",
                    "label": story.label,
                }
    return result, {"of": of, "touched": touched}


def _pasted(text: str, title: str) -> Input:
    """Pasted text as an input: as it is, or (with a title) as one JSON Lines record, so the
    reader takes the title as given rather than looking for one in the text."""
    if title:
        record = json.dumps({"text": text, "title": title}, ensure_ascii=False)
        return Input(name="pasted text", data=record.encode("utf-8"))
    return Input(name="pasted text", data=text.encode("utf-8"))


def _add_form(
    settings: Settings,
    status: int = 200,
    message: str = "",
    values: Mapping[str, str] | None = None,
) -> HTMLResponse:
    keep = {k: "" for k in ("form", "text", "title", "outlet", "published", "url")}
    keep.update({k: v for k, v in (values or {}).items() if k in keep})
    used = keep["form"] or ("feed" if keep["url"] else "paste")  # the form to fill in again
    blank = dict.fromkeys(keep, "")
    return _render(
        "add.html",
        status,
        title="Add articles",
        message=message,
        **{name: keep if name == used else blank for name in ("paste", "files", "feed")},
        limits=_limits(settings),
        max_files=settings.max_files,
    )


def _limits(settings: Settings) -> str:
    return (
        f"at most {settings.max_files} files of up to {_size(settings.max_upload_bytes)} each, "
        f"pasted text up to {settings.max_paste_chars:,} characters"
    )


def _size(n: int) -> str:
    """Bytes in the decimal units ``--max-size`` is given in (``1MB`` is 1,000,000 bytes)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{f'{n / scale:.2f}'.rstrip('0').rstrip('.')} {unit}"
    return f"{n:,} bytes"


# -- shared bits ------------------------------------------------------------------------------


def _not_found(what: str, ident: str) -> HTMLResponse:
    shown = ident if len(ident) <= 80 else ident[:79] + "…"
    return _error(404, f"No such {what}", f"There is no {what} “{shown}” in this store.")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _percent(value: Any) -> str:
    if isinstance(value, int | float) and math.isfinite(value):
        return f"{round(value * 100)} %"
    return ""


def _when(value: Any) -> str:
    """An ISO date or datetime, shortened for a table: the date, and hh:mm when given."""
    text = _text(value)
    if len(text) >= 16 and text[10] == "T":
        return f"{text[:10]} {text[11:16]}"
    return text


def _span(first: Any, last: Any) -> str:
    a, b = _when(first), _when(last)
    if a and b and a[:10] == b[:10]:
        return a[:10] if a != b else a
    if a and b:
        return f"{a[:10]} – {b[:10]}"
    return a or b
