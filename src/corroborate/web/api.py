"""The JSON API under ``/api/``: stories, a story's report.json, articles, claims, ingest.

- ``GET /api/stories?q=&limit=&offset=``: stories newest first, with the counts of their kept
  reports;
- ``GET /api/stories/{id}``: the story's report.json (docs/report.md), made on first request and
  kept in the store; a kept report is served as the JSON text the store holds (no model is
  loaded, nothing parsed); ``?refresh=true`` remakes it;
- ``GET /api/articles?story=&limit=&offset=``: article metadata; ``GET /api/articles/{id}``: the
  article, the junk removed from it, its story and relations; ``GET /api/articles/{id}/claims``:
  its claims (extracted on first request); ``GET /api/claims?article=&story=``: stored claims;
- ``POST /api/ingest``: multipart files and/or pasted text, or a feed URL (JSON or form fields);
  the CLI's readers and the app's limits; 201 with what was read and where it went;
- ``GET /api/docs``: this API's documentation as one HTML page made from the OpenAPI schema
  (``/api/openapi.json``), with no script.

Every error under ``/api/`` is JSON, ``{"error": message, "status": code}``: 400 bad input, 404
unknown ids, 408 a stalled body, 413 over a limit, 415 a body that is neither JSON nor a form
(or has no type), 422 a request that does not validate (or inputs none of which could be
read), 502 a feed that could not be fetched, 503 too many feeds being fetched. 403
(cross-origin changes) and 400 (unknown ``Host``) are answered before any route
(:mod:`corroborate.web.guard`).
API routes make that shape themselves; :func:`install_error_handlers` gives it to what the
router answers for ``/api/`` paths no route matches (404, 405).
"""

from __future__ import annotations

import asyncio
import html
import inspect
import json
import logging
import re
import tempfile
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from pathlib import Path as FilePath
from typing import Annotated, Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from corroborate.config import ReadOptions, normalize_published
from corroborate.fetch import FetchBusy, FetchPool
from corroborate.read import Input
from corroborate.store import Store
from corroborate.web import service
from corroborate.web.app import Settings, security_headers

__all__ = ["install_error_handlers", "render_docs", "router"]

log = logging.getLogger(__name__)

MAX_LIMIT = 500  # items per page of a list
MAX_QUERY = 200  # characters of a story search
MAX_FORM_FIELDS = 50


# -- errors -----------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    """Every error under /api/."""

    error: str = Field(description="what went wrong, for a person to read")
    status: int = Field(description="the HTTP status code, repeated")
    problems: list[str] | None = Field(
        default=None, description="ingest only: one line per input that could not be read"
    )


def _error(
    status: int, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "status": status, **extra}
    return JSONResponse(body, status_code=status, headers=dict(headers) if headers else None)


def _validation_message(exc: RequestValidationError | ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        where = {"query": "query parameter", "path": "path parameter", "body": "body field"}
        if loc and loc[0] in where:
            place = f"{where[loc[0]]} {'.'.join(loc[1:])}".strip()
        else:
            place = ".".join(loc) or "request"
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "extra_forbidden":
            msg = "unknown field"
        parts.append(f"{place}: {msg}")
    return "; ".join(parts) or "the request is not valid"


class _JSONErrorRoute(APIRoute):
    """An API route whose errors (HTTP errors, validation, the unexpected) come out as
    ``{"error", "status"}`` whatever exception handlers the app has."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return _error(422, _validation_message(exc))
            except StarletteHTTPException as exc:
                return _error(exc.status_code, str(exc.detail), exc.headers)
            except ClientDisconnect:
                log_disconnect(request)
                return _error(400, "the client went away before the request was read")
            except Exception:
                log.exception("%s %s failed", request.method, request.url.path)
                return _error(500, INTERNAL)

        return route


INTERNAL = "internal error (the server log has the details)"


def log_disconnect(request: Request) -> None:
    """One line, no traceback, for a client that went away while sending its request (an
    aborted upload): nothing was stored and nobody is there to answer."""
    log.warning("%s %s: the client went away during the request; nothing was stored",
                request.method, request.url.path)  # fmt: skip


def _is_api(request: Request) -> bool:
    path = str(request.scope.get("path", ""))
    return path == "/api" or path.startswith("/api/")


def install_error_handlers(app: FastAPI) -> None:
    """JSON errors for ``/api/`` paths no route answers (unknown path: 404, wrong method: 405)
    and for validation errors and failures raised outside a route (a 500 made there, outside
    the middleware, carries the security headers itself); other paths keep the handlers the
    app had before this call (pages answer in HTML)."""
    previous_http = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)
    previous_validation = app.exception_handlers.get(
        RequestValidationError, request_validation_exception_handler
    )

    async def on_http(request: Request, exc: Exception) -> Response:
        if _is_api(request) and isinstance(exc, StarletteHTTPException):
            return _error(exc.status_code, str(exc.detail), exc.headers)
        return await _answer(previous_http(request, exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        if _is_api(request) and isinstance(exc, RequestValidationError):
            return _error(422, _validation_message(exc))
        return await _answer(previous_validation(request, exc))

    previous_crash = app.exception_handlers.get(Exception)

    async def on_crash(request: Request, exc: Exception) -> Response:
        if _is_api(request) or previous_crash is None:
            log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
            return _error(500, INTERNAL, security_headers())
        return await _answer(previous_crash(request, exc))

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_crash)


async def _answer(result: Response | Awaitable[Response]) -> Response:
    return await result if inspect.isawaitable(result) else result


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input"},
    403: {"model": ErrorBody, "description": "A change sent by a page of another origin"},
    404: {"model": ErrorBody, "description": "No story or article with that id"},
    408: {"model": ErrorBody, "description": "The request body stalled"},
    413: {"model": ErrorBody, "description": "Over a limit (size, number of files)"},
    415: {"model": ErrorBody, "description": "The body is neither JSON nor a multipart form"},
    422: {"model": ErrorBody, "description": "The request does not validate"},
    502: {"model": ErrorBody, "description": "The feed URL could not be fetched"},
    503: {"model": ErrorBody, "description": "Too many feeds are being fetched; try again"},
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: ERRORS[code] for code in codes}


router = APIRouter(prefix="/api", route_class=_JSONErrorRoute)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@contextmanager
def _store(request: Request) -> Iterator[Store]:
    """The store, opened in the thread that uses it (an SQLite connection is bound to the
    thread that made it; FastAPI may run a dependency and the endpoint on different threads)."""
    with Store(_settings(request).db) as store:
        yield store


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {ident!r}")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="how many items at most")]
MAX_OFFSET = 10**9  # past any store's size; SQLite and islice refuse far larger numbers
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many items to skip")]
StoryId = Annotated[str, Path(description="a story's id (`corroborate stories`, GET /api/stories)")]
ArticleId = Annotated[str, Path(description="an article's whole id (16 hex digits)")]


# -- stories ----------------------------------------------------------------------------------


class StoryRow(BaseModel):
    id: str
    label: str = Field(description="a headline for the story")
    first: str | None = Field(description="earliest publication date of its articles")
    last: str | None = Field(description="latest publication date of its articles")
    articles: int = Field(description="how many articles it has")
    ready: bool = Field(description="its report is made and kept (the counts below are set)")
    independent: int | None = Field(description="independent sources (independence groups)")
    facts: int | None = Field(description="facts corroborated by two or more of them")
    conflicts: int | None = Field(description="conflicts between the sources")
    unique: int | None = Field(description="checkable claims only one source makes")


class StoryList(BaseModel):
    total: int = Field(description="how many stories match, in all pages")
    stories: list[StoryRow]


@router.get(
    "/stories",
    response_model=StoryList,
    tags=["stories"],
    summary="Stories, newest first",
    responses=_errors(422),
)
def list_stories(
    request: Request,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY,
            description="words that the story's label, or a title or "
            "text of one of its articles, must all hold (case-insensitive)",
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stories newest first (by their latest article), with the counts of their kept reports;
    a story whose report is not made yet has `ready: false` and null counts."""
    with _store(request) as store:
        rows, total = service.story_rows(store, q, limit=limit, offset=offset)
    return {"total": total, "stories": rows}


REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "report.json",
    "description": "The story's cross-checked report, schema `corroborate.report` version 1: "
    "schema, version, generated, tool, models, story, sources, independence_groups, relations, "
    "claim_groups, conflicts, unique_claims, brief, timeline, key_figures, quotes, notes. "
    "Field by field in docs/report.md.",
    "required": ["schema", "version", "story", "sources", "claim_groups", "conflicts", "brief"],
    "properties": {
        "schema": {"type": "string", "const": "corroborate.report"},
        "version": {"type": "integer"},
        "story": {"type": "object", "description": "{id, label, first, last}"},
    },
    "additionalProperties": True,
}


@router.get(
    "/stories/{story_id}",
    tags=["stories"],
    summary="A story's report.json",
    response_class=Response,
    responses={
        200: {
            "description": "report.json (docs/report.md)",
            "content": {"application/json": {"schema": REPORT_SCHEMA}},
        },
        **_errors(404, 422),
    },
)
async def story_report(
    request: Request,
    story_id: StoryId,
    refresh: Annotated[
        bool, Query(description="make the report again even if one is kept (seconds)")
    ] = False,
) -> Response:
    """The story's cross-checked report, exactly the `report.json` the `report` command writes.
    The first request makes it (seconds: claims, provenance, claim groups...) and keeps it in
    the store; later requests get the kept one at once, until the story gets new articles or
    `refresh=true`."""
    settings = _settings(request)
    if not refresh:
        kept = await to_thread.run_sync(
            _kept_report, settings.db, story_id, settings.words, limiter=_reads(request)
        )
        if kept is not None:
            return Response(kept, media_type="application/json")
    made = await run_in_threadpool(_make_report, settings.db, story_id, settings.words, refresh)
    return Response(made, media_type="application/json")


READ_THREADS = 2  # threads reading kept reports at once; more only contend for the GIL


def _reads(request: Request) -> CapacityLimiter:
    """The app's limiter for reads of kept reports (made in the first request's event loop)."""
    state = request.app.state
    limiter: CapacityLimiter | None = getattr(state, "api_reads", None)
    if limiter is None:
        limiter = state.api_reads = CapacityLimiter(READ_THREADS)
    return limiter


def _kept_report(db: str, story_id: str, words: int) -> bytes | None:
    """The story's kept report.json as the store holds it (no model loaded, nothing parsed or
    serialised), or None when none is kept for its current articles and settings."""
    from corroborate.report.build import report_key

    with Store(db) as store:
        story = store.story(story_id)
        if story is None:
            raise _not_found("story", story_id)
        return store.cached_report_json(story.id, report_key(story, words))


def _make_report(db: str, story_id: str, words: int, refresh: bool) -> bytes:
    """Make (or remake) and keep the story's report; the JSON as kept, so a first answer and
    the later ones are the same bytes."""
    from corroborate.report.build import report_key

    with Store(db) as store:
        try:
            doc = service.story_report(store, story_id, words=words, refresh=refresh)
        except service.NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        story = store.story(story_id)
        kept = store.cached_report_json(story_id, report_key(story, words)) if story else None
    return kept if kept is not None else json.dumps(doc, ensure_ascii=False).encode("utf-8")


# -- articles and claims ----------------------------------------------------------------------


class ArticleRow(BaseModel):
    id: str
    source: str | None = Field(description="outlet")
    title: str | None
    published: str | None = Field(description="ISO 8601, as precise as the input says")
    url: str | None
    author: str | None
    language: str | None = Field(description="ISO 639-1 code detected from the text")
    words: int
    paragraphs: int = Field(description="how many paragraphs")
    removed: int = Field(description="how many lines of site junk the cleaner took out")
    input: str = Field(description="where it came from (file name, feed entry, URL...)")
    kind: str = Field(description="the reader: text, html, feed, warc, jsonl")
    ingested_at: str | None = Field(description="when it was stored (UTC, ISO 8601)")
    story: str | None = Field(description="the id of its story (null: not assigned yet)")


class ArticleList(BaseModel):
    total: int = Field(description="how many articles match, in all pages")
    articles: list[ArticleRow]


class ArticleRecord(BaseModel):
    """The article record of docs/formats.md, without `removed` (given apart)."""

    model_config = ConfigDict(extra="allow")

    id: str
    text: str = Field(description="the cleaned text; claim offsets refer to it")
    paragraphs: list[str]
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    language_score: float | None = None
    input: str = ""
    kind: str = "text"
    input_id: str | None = None


class RemovedLine(BaseModel):
    line: int = Field(description="0-based index of the line in the text as read")
    text: str
    reason: str = Field(description="the cleaning rule that removed it (docs/cleaning.md)")


class OtherArticle(BaseModel):
    id: str
    label: str
    title: str | None
    published: str | None


class ArticleRelation(BaseModel):
    article: str = Field(description="the other article's id")
    relation: str = Field(description="duplicate, rewrite, shared-source or independent")
    source: str | None = Field(description="the article the other derives from, when dates tell")
    share: float = Field(description="share of this article's sentences found in the other")
    their_share: float = Field(description="share of the other's sentences found in this one")


class ArticleView(BaseModel):
    article: ArticleRecord
    removed: list[RemovedLine]
    claims: list[dict[str, Any]] = Field(
        description="its stored claims (docs/formats.md, claim record); empty until extracted "
        "(GET /api/articles/{id}/claims)"
    )
    story: str | None = Field(description="its story's id")
    others: list[OtherArticle] = Field(description="the other articles of its story")
    relations: list[ArticleRelation] = Field(description="how it relates to each of them")


class ArticleClaims(BaseModel):
    article: str
    extractor: str = Field(description="the spaCy model and extractor version that made them")
    note: str | None = Field(description="why the article gave no claims, when it did not parse")
    claims: list[dict[str, Any]] = Field(description="claim records (docs/formats.md)")


class ClaimList(BaseModel):
    total: int = Field(description="how many stored claims match, in all pages")
    claims: list[dict[str, Any]] = Field(description="claim records (docs/formats.md)")


def _article_row(article: Any, ingested_at: str | None, story: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "words": article.words,
        "paragraphs": len(article.paragraphs),
        "removed": len(article.removed),
        "input": article.input,
        "kind": article.kind,
        "ingested_at": ingested_at,
        "story": story,
    }


@router.get(
    "/articles",
    response_model=ArticleList,
    tags=["articles"],
    summary="Stored articles",
    responses=_errors(404, 422),
)
def list_articles(
    request: Request,
    story: Annotated[
        str | None, Query(description="only this story's articles, in publication order")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Article metadata (no text): newest ingest first, or one story's articles in publication
    order."""
    with _store(request) as store:
        if story is not None:
            found = store.story(story)
            if found is None:
                raise _not_found("story", story)
            ids = found.articles[offset : offset + limit]
            rows = [
                _article_row(a, store.ingested_at(a.id), found.id)
                for a in store.articles_by_id(ids)
            ]
            return {"total": len(found.articles), "articles": rows}
        story_of = store.story_of()
        rows = [
            _article_row(a, at, story_of.get(a.id))
            for a, at in store.articles_with_time(limit, offset)
        ]
        return {"total": len(store), "articles": rows}


@router.get(
    "/articles/{article_id}",
    response_model=ArticleView,
    tags=["articles"],
    summary="One article, its junk, story and relations",
    responses=_errors(404, 422),
)
def get_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """The article (cleaned text and metadata), the lines of site junk the cleaner removed, its
    stored claims, its story, the other articles of that story and how this one relates to
    each (duplicate, rewrite, shared-source, independent; the sentence model is loaded the
    first time a story's relations are worked out)."""
    with _store(request) as store:
        try:
            return service.article_view(store, article_id)
        except service.NotFound as exc:
            raise HTTPException(404, str(exc)) from None


@router.get(
    "/articles/{article_id}/claims",
    response_model=ArticleClaims,
    tags=["claims"],
    summary="An article's claims",
    responses=_errors(404, 422),
)
def article_claims(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """The article's claims: who did what, figures, times, places, attribution, quotes, with
    character offsets into its text. Extracted (spaCy) and stored on the first request."""
    from corroborate.claims import extractor_name, other_language, too_long, update_claims

    with _store(request) as store:
        article = store.get(article_id)
        if article is None or article.id != article_id:
            raise _not_found("article", article_id)
        name = extractor_name()
        note = None
        if not store.has_claims(article_id, name):
            update = update_claims(store, article_ids=[article_id])
            if update.failed:
                note = f"the claims could not be extracted: {update.failed[0][1]}"
        if too_long(article):
            note = "too long to be parsed for claims"
        elif other_language(article):  # the default pipelines are English
            note = f"in another language ({article.language}): not parsed for claims"
        claims = [c.to_dict() for c in store.claims([article_id])]
    return {"article": article_id, "extractor": name, "note": note, "claims": claims}


@router.get(
    "/claims",
    response_model=ClaimList,
    tags=["claims"],
    summary="Stored claims",
    responses=_errors(404, 422),
)
def list_claims(
    request: Request,
    article: Annotated[str | None, Query(description="only this article's claims")] = None,
    story: Annotated[
        str | None, Query(description="only the claims of this story's articles")
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims already stored (nothing is extracted here: an article's claims are made by
    `GET /api/articles/{id}/claims` or when its story's report is made), by article then
    position."""
    with _store(request) as store:
        if article is not None or story is not None:
            ids: list[str] = []
            if article is not None:
                if article not in store:
                    raise _not_found("article", article)
                ids = [article]
            if story is not None:
                found = store.story(story)
                if found is None:
                    raise _not_found("story", story)
                ids = [i for i in found.articles if article is None or i == article]
            claims = list(store.claims(ids))
            total = len(claims)
            page = claims[offset : offset + limit]
        else:
            total = store.claim_count()
            page = list(islice(store.claims(), offset, offset + limit))
        return {"total": total, "claims": [c.to_dict() for c in page]}


# -- ingest -----------------------------------------------------------------------------------


class IngestFields(BaseModel):
    """Pasted text with its metadata, or a feed URL (as a JSON body, or as form fields beside
    uploaded files)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="an article's text, pasted")
    title: str | None = Field(
        default=None, description="its headline (else a headline-like first line is taken)"
    )
    source: str | None = Field(
        default=None, description="outlet; for uploaded files: the outlet of those that name none"
    )
    published: str | None = Field(
        default=None,
        description="publication date (ISO 8601, RFC "
        "2822); for files: the date of those that carry none",
    )
    url: str | None = Field(default=None, description="the pasted article's address")
    feed_url: str | None = Field(
        default=None,
        description="an RSS or Atom feed to fetch (http or https): one article per entry",
    )


class IngestedArticle(BaseModel):
    id: str
    input: str = Field(description="the input it came from")
    new: bool = Field(description="false: it was stored before")
    title: str | None = None


class IngestResult(BaseModel):
    read: int = Field(description="articles read (new and already stored)")
    new: int = Field(description="articles stored now")
    duplicates: int = Field(description="articles that were stored before")
    problems: list[str] = Field(
        description="'LEVEL: INPUT: REASON' per input, line or record "
        "that could not be read (level failed, skipped or note)"
    )
    articles: list[IngestedArticle]
    stories: list[str] = Field(
        description="ids of the stories the articles are in (new or "
        "grown stories get their report made in the background)"
    )


class Refused(Exception):
    """A request the app will not take: its status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "files": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "description": "files in any format `ingest` reads (any part holding a file is "
            "taken, whatever its field name)",
        },
        **{
            k: {"type": "string", "description": str(f.description)}
            for k, f in IngestFields.model_fields.items()
        },
    },
}


@router.post(
    "/ingest",
    status_code=201,
    response_model=IngestResult,
    tags=["ingest"],
    summary="Add articles: files, pasted text or a feed",
    responses={
        200: {"model": IngestResult, "description": "Everything read was stored before"},
        **_errors(400, 403, 408, 413, 415, 422, 502, 503),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": _FORM_SCHEMA},
                "application/json": {"schema": IngestFields.model_json_schema()},
            },
        }
    },
)
async def ingest(request: Request) -> JSONResponse:
    """Read uploaded files (multipart, one or more), pasted text or a feed URL with the same
    readers as `corroborate ingest`, store the articles and assign new ones to stories.
    Limits: the app's size per file, files per request and characters per paste (see
    `corroborate serve --help`). A bad input is a line in `problems` and stores nothing of its
    own; the store is never left half-written. 201 when something new was stored, 200 when
    all of it was stored before, 422 when nothing could be read."""
    settings = _settings(request)
    with tempfile.TemporaryDirectory(prefix="corroborate-upload-") as folder:
        try:
            fields, uploads = await _read_request(request, settings, FilePath(folder))
            inputs, options, feed_url = _inputs(fields, uploads, settings)
        except Refused as exc:
            return _error(exc.status, exc.message)
        on_story = request.app.state.reports.submit if settings.background else None
        try:
            if feed_url:
                inputs.append(await fetch_feed(request, feed_url))
        except service.FetchError as exc:
            status = 503 if isinstance(exc, FetchBusy) else 502
            return _error(status, f"the feed could not be fetched: {exc}")
        result = await run_in_threadpool(_add, settings, inputs, options, on_story)
    body = result.to_dict()
    if result.read == 0:
        first = result.problems[0] if result.problems else "no article in the input"
        return _error(422, f"nothing could be read ({first})", problems=body["problems"])
    return JSONResponse(body, status_code=201 if result.new else 200)


async def fetch_feed(request: Request, url: str) -> Input:
    """A feed URL's bytes, fetched on the app's own fetch threads (pages and reads never wait
    behind a slow feed) under the app's limits and address policy."""
    settings = _settings(request)
    pool: FetchPool = request.app.state.fetches
    return await pool.run(
        service.fetch_feed,
        url,
        max_bytes=settings.max_upload_bytes,
        timeout=settings.fetch_timeout,
        allow_private=settings.allow_private_fetch,
        transport=settings.fetch_transport,
    )


def _body_limit(settings: Settings) -> int:
    """Bytes a whole request may carry: every file at its limit, a paste, the form's framing."""
    return settings.max_files * settings.max_upload_bytes + 6 * settings.max_paste_chars + 2**20


async def _read_request(
    request: Request, settings: Settings, folder: FilePath
) -> tuple[dict[str, Any], list[Input]]:
    limit = _body_limit(settings)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise Refused(
            413,
            f"the request has {int(length):,} bytes, over the {limit:,} the "
            "limits allow in all; nothing was stored",
        )
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _read_form(request, settings, limit, folder)
    if not kind:  # what a cross-site no-cors fetch sends; a client of the API names its type
        raise Refused(415, "no content type: send application/json or multipart/form-data")
    if kind == "application/json" or kind.endswith("+json"):
        data = await _read_body(request, 6 * settings.max_paste_chars + 2**16)
        if not data.strip():
            raise Refused(
                400,
                'empty body: send JSON ({"text": ...} or {"feed_url": ...}) '
                "or a multipart form with files",
            )
        try:
            fields = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise Refused(400, f"the body is not valid JSON: {exc}") from None
        except RecursionError:
            raise Refused(400, "the body is JSON nested too deeply to read") from None
        if not isinstance(fields, dict):
            raise Refused(422, f"the body must be a JSON object, not {type(fields).__name__}")
        return {k: _no_surrogates(v) for k, v in fields.items()}, []
    raise Refused(
        415, f"unsupported content type {kind!r}: send application/json or multipart/form-data"
    )


def _no_surrogates(value: Any) -> Any:
    """A JSON string with its lone surrogates (``"\\ud800"``, valid JSON but not text) as
    U+FFFD, the character the CLI's readers put for what cannot be decoded."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")
BODY_IDLE = 30.0  # seconds a request body may stall between two of its chunks


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in bounded(request, limit).stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"the body is over {limit:,} bytes; nothing was stored")
        chunks.append(chunk)
    return b"".join(chunks)


def bounded(request: Request, limit: int) -> Request:
    """The request, reading whose body raises :class:`Refused` (413) past ``limit`` bytes: it
    counts what arrives, so a body without a Content-Length (chunked) is bounded too."""
    seen = 0

    async def receive() -> Any:
        nonlocal seen
        try:
            message = await asyncio.wait_for(request.receive(), BODY_IDLE)
        except TimeoutError:
            raise Refused(
                408, f"the request body stalled for {BODY_IDLE:g} s; nothing was stored"
            ) from None
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise Refused(
                    413,
                    f"the request is over {limit:,} bytes, what the limits "
                    "allow in all; nothing was stored",
                )
        return message

    return Request(request.scope, receive)


async def _read_form(
    request: Request, settings: Settings, limit: int, folder: FilePath
) -> tuple[dict[str, Any], list[Input]]:
    try:
        form = await bounded(request, limit).form(
            max_files=settings.max_files,
            max_fields=MAX_FORM_FIELDS,
            max_part_size=6 * settings.max_paste_chars + 2**16,
        )
    except StarletteHTTPException as exc:  # the multipart parser's limits and errors
        detail = str(exc.detail)
        if detail.startswith("Too many files"):
            raise Refused(
                413,
                f"too many files: at most {settings.max_files} in one request; nothing was stored",
            ) from None
        status = 413 if "maximum" in detail.lower() else 400
        raise Refused(status, f"the form could not be read: {detail}") from None
    try:
        fields: dict[str, Any] = {}
        uploads: list[Input] = []
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if not value.filename and not value.size:
                    continue  # an empty file field of a browser form
                uploads.append(
                    await spool(value, folder / str(len(uploads)), settings.max_upload_bytes)
                )
            elif key in fields:
                raise Refused(400, f"form field {key!r} given twice")
            else:
                fields[key] = value
        if len(uploads) > settings.max_files:
            raise Refused(
                413,
                f"too many files: {len(uploads)}, at most {settings.max_files} "
                "in one request; nothing was stored",
            )
    finally:
        await form.close()
    return fields, uploads


async def spool(upload: UploadFile, path: FilePath, limit: int) -> Input:
    """An uploaded file copied to ``path`` a megabyte at a time (the readers open it there, one
    file at a time: an upload is never held in memory whole); :class:`Refused` (413) past
    ``limit`` bytes."""
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise Refused(
                    413,
                    f"{upload.filename}: over {limit:,} bytes, the limit per file; "
                    "nothing was stored",
                )
            out.write(chunk)
    return Input(name=upload.filename or "upload", path=path)


def _inputs(
    raw: dict[str, Any], uploads: list[Input], settings: Settings
) -> tuple[list[Input], ReadOptions, str | None]:
    try:
        fields = IngestFields.model_validate(raw)
    except ValidationError as exc:
        raise Refused(422, _validation_message(exc)) from None
    values = {
        k: (v.strip() or None) if isinstance(v, str) else v
        for k, v in fields.model_dump().items()
        if k != "text"
    }
    text = (fields.text or "").replace("\r\n", "\n")
    if len(text) > settings.max_paste_chars:
        raise Refused(
            413,
            f"the text has {len(text):,} characters, over the limit of "
            f"{settings.max_paste_chars:,}; nothing was stored",
        )
    published = None
    if values["published"]:
        published = normalize_published(values["published"])
        if published is None:
            raise Refused(
                422,
                f"published: {values['published']!r} is not a date (ISO 8601 "
                "like 2024-12-01, or RFC 2822)",
            )
    feed_url = values["feed_url"]
    if feed_url and not feed_url.lower().startswith(("http://", "https://")):
        raise Refused(400, f"feed_url must be an http or https URL, not {feed_url[:200]!r}")
    inputs = list(uploads)
    if text.strip():
        meta = {k: values[k] for k in ("title", "source", "url") if values[k]}
        if published:
            meta["published"] = published
        if meta:  # one JSON Lines record: the metadata as given, the text cleaned as pasted
            record = json.dumps({"text": text, **meta}, ensure_ascii=False)
            inputs.insert(0, Input(name="pasted text", data=record.encode("utf-8")))
        else:
            inputs.insert(0, Input(name="pasted text", data=text.encode("utf-8")))
    elif fields.text is not None and not uploads and not feed_url:
        raise Refused(400, "text is empty")
    if not inputs and not feed_url:
        raise Refused(400, "nothing to add: give text, files or a feed_url")
    options = ReadOptions(
        max_bytes=settings.max_upload_bytes, published=published, source=values["source"]
    )
    return inputs, options, feed_url


def _add(
    settings: Settings,
    inputs: list[Input],
    options: ReadOptions,
    on_story: Callable[[str], None] | None,
) -> service.AddResult:
    """Read, store and assign: on a worker thread, one store."""
    with Store(settings.db) as store:
        return service.add_inputs(store, inputs, options, on_story=on_story)


# -- documentation ----------------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """The API's documentation, one HTML page made from the OpenAPI schema (no script)."""
    return HTMLResponse(render_docs(request.app.openapi()))


_METHODS = ("get", "post", "put", "patch", "delete")


def render_docs(spec: dict[str, Any]) -> str:
    """An OpenAPI document as one self-contained HTML page: every path and method with its
    summary, description, parameters, request body and responses, then every schema. Every
    value is escaped; there is no script."""
    e = html.escape
    info = spec.get("info") or {}
    schemas = (spec.get("components") or {}).get("schemas") or {}
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(str(info.get('title', 'API')))} API</title>",
        f"<style>{_DOCS_CSS}</style></head><body><main>",
        f"<h1>{e(str(info.get('title', 'API')))} API "
        f"<small>{e(str(info.get('version', '')))}</small></h1>",
    ]
    if info.get("summary"):
        out.append(f"<p>{e(str(info['summary']))}</p>")
    out.append(
        "<p>JSON under <code>/api/</code>; every error is "
        '<code>{"error": message, "status": code}</code>. The machine-readable schema: '
        '<a href="/api/openapi.json">/api/openapi.json</a>.</p>'
    )
    operations = [
        (path, method, op)
        for path, item in (spec.get("paths") or {}).items()
        for method, op in item.items()
        if method in _METHODS and isinstance(op, dict)
    ]
    out.append("<nav><h2>Endpoints</h2><ul>")
    for path, method, op in operations:
        anchor = _anchor(f"{method}-{path}")
        out.append(
            f'<li><a href="#{anchor}"><span class="m">{e(method.upper())}</span> '
            f"<code>{e(path)}</code></a> {e(str(op.get('summary', '')))}</li>"
        )
    out.append("</ul></nav>")
    for path, method, op in operations:
        out.append(_operation(path, method, op))
    if schemas:
        out.append("<h2>Schemas</h2>")
        for name, schema in schemas.items():
            out.append(
                f'<section class="schema" id="{_anchor("schema-" + name)}">'
                f"<h3>{e(name)}</h3>{_schema_block(schema)}</section>"
            )
    out.append("</main></body></html>")
    return "\n".join(out)


def _operation(path: str, method: str, op: dict[str, Any]) -> str:
    e = html.escape
    parts = [
        f'<section class="op" id="{_anchor(f"{method}-{path}")}">',
        f'<h2><span class="m">{e(method.upper())}</span> <code>{e(path)}</code></h2>',
    ]
    if op.get("summary"):
        parts.append(f"<p><strong>{e(str(op['summary']))}</strong></p>")
    if op.get("description"):
        for para in str(op["description"]).split("\n\n"):
            parts.append(f"<p>{_text(para)}</p>")
    params = op.get("parameters") or []
    if params:
        parts.append(
            "<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th>"
            "<th>required</th><th>default</th><th>description</th></tr>"
        )
        for p in params:
            schema = p.get("schema") or {}
            default = schema.get("default")
            parts.append(
                f"<tr><td><code>{e(str(p.get('name', '')))}</code></td>"
                f"<td>{e(str(p.get('in', '')))}</td><td>{_type(schema)}</td>"
                f"<td>{'yes' if p.get('required') else 'no'}</td>"
                f"<td>{'' if default is None else '<code>' + e(json.dumps(default)) + '</code>'}"
                f"</td><td>{_text(p.get('description') or schema.get('description') or '')}"
                "</td></tr>"
            )
        parts.append("</table>")
    body = op.get("requestBody")
    if isinstance(body, dict):
        parts.append("<h4>Request body</h4>")
        for media, content in (body.get("content") or {}).items():
            parts.append(f"<p><code>{e(media)}</code></p>")
            parts.append(_schema_block((content or {}).get("schema") or {}))
    responses = op.get("responses") or {}
    if responses:
        parts.append(
            "<h4>Responses</h4><table><tr><th>status</th><th>description</th><th>body</th></tr>"
        )
        for status, response in responses.items():
            content = (response or {}).get("content") or {}
            bodies = "<br>".join(
                f"<code>{e(media)}</code>: {_type(schema)}"
                + (f" — {_text(schema['description'])}" if schema.get("description") else "")
                for media, c in content.items()
                for schema in [(c or {}).get("schema") or {}]
            )
            parts.append(
                f"<tr><td>{e(str(status))}</td>"
                f"<td>{e(str((response or {}).get('description', '')))}</td>"
                f"<td>{bodies}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _text(value: Any) -> str:
    """A description, escaped, with its `backticked` words as code."""
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", html.escape(str(value)))


def _anchor(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def _type(schema: dict[str, Any]) -> str:
    """A schema's type in a few words, with a link for a reference to a named schema."""
    e = html.escape
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return f'<a href="#{_anchor("schema-" + name)}">{e(name)}</a>'
    for key in ("anyOf", "oneOf", "allOf"):
        if isinstance(schema.get(key), list):
            return " | ".join(_type(s) for s in schema[key] if isinstance(s, dict))
    kind = schema.get("type")
    if kind == "array":
        return f"array of {_type(schema.get('items') or {})}"
    text = e(str(kind)) if kind else "any"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        text += f" of {_type(schema['additionalProperties'])}"
    if schema.get("format"):
        text += f" ({e(str(schema['format']))})"
    if "const" in schema:
        text += f" = <code>{e(json.dumps(schema['const']))}</code>"
    if isinstance(schema.get("enum"), list):
        text += ": " + ", ".join(f"<code>{e(json.dumps(v))}</code>" for v in schema["enum"])
    if schema.get("title") and kind == "object":
        text = f"{e(str(schema['title']))} ({text})"
    return text


def _schema_block(schema: dict[str, Any]) -> str:
    """A schema: its description and a table of its properties (or just its type)."""
    e = html.escape
    parts = []
    if schema.get("description"):
        parts.append(f"<p>{_text(schema['description'])}</p>")
    props = schema.get("properties")
    if isinstance(props, dict) and props and "$ref" not in schema:
        required = set(schema.get("required") or [])
        parts.append(
            "<table><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>"
        )
        for name, prop in props.items():
            prop = prop if isinstance(prop, dict) else {}
            parts.append(
                f"<tr><td><code>{e(str(name))}</code></td><td>{_type(prop)}</td>"
                f"<td>{'yes' if name in required else 'no'}</td>"
                f"<td>{_text(prop.get('description', ''))}</td></tr>"
            )
        parts.append("</table>")
        if schema.get("additionalProperties") is True:
            parts.append("<p>Other fields may be present.</p>")
    else:
        parts.append(f"<p>{_type(schema)}</p>")
    return "\n".join(parts)


_DOCS_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2329;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1 small{font-size:.6em;color:#667}
h2{margin-top:2.2rem;border-top:1px solid #dde;padding-top:1rem}
nav h2{border:0}
.m{display:inline-block;min-width:3.5em;font:600 .8em monospace;color:#fff;background:#2d6a9f;
padding:.1em .4em;border-radius:3px;text-align:center}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92em}
th,td{border:1px solid #dde;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef1f5}
code{font-family:ui-monospace,monospace;font-size:.92em}
a{color:#1f5f99}
"""
