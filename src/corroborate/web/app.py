"""The FastAPI application: settings, one store per request, security headers, reports made in
the background after new articles arrive.

    from corroborate.web.app import create_app
    app = create_app("news.db")          # then: uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corroborate.config import DEFAULT_MAX_BYTES
from corroborate.store import Store

__all__ = [
    "CSP",
    "HeadAsGet",
    "SecurityHeaders",
    "Settings",
    "create_app",
    "is_head",
    "open_store",
    "security_headers",
]

log = logging.getLogger(__name__)

# No script at all, from anywhere; styles from the app itself (inline <style> included: the
# pages are self-contained); forms post only to the app; no framing.
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the app serves and its limits."""

    db: str
    max_upload_bytes: int = DEFAULT_MAX_BYTES  # per file, as the CLI's --max-size default
    max_files: int = 20  # per upload request
    max_paste_chars: int = 2_000_000
    words: int = 200  # the brief's length
    background: bool = True  # make reports of new or grown stories after an upload
    allow_private_fetch: bool = False  # feed URLs may name loopback and private addresses
    fetch_timeout: float = 20.0  # seconds for a feed URL in all: connect, headers, body
    fetch_threads: int = 3  # feeds fetched at once (more wait, up to twice as many)
    fetch_transport: Any = None  # an httpx transport for feed URLs (tests: MockTransport)
    allowed_hosts: tuple[str, ...] | None = None  # Host headers answered; None: any


class Reports:
    """One background thread that makes (and keeps in the store) the reports of stories that
    got new articles, so their pages open at once. Pending stories are skipped if queued twice."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-report")
        self.pending: set[str] = set()
        self.lock = threading.Lock()

    def submit(self, story_id: str) -> None:
        with self.lock:
            if story_id in self.pending:
                return
            self.pending.add(story_id)
        self.pool.submit(self._make, story_id)

    def busy(self, story_id: str) -> bool:
        with self.lock:
            return story_id in self.pending

    def _make(self, story_id: str) -> None:
        from corroborate.web.service import story_report

        try:
            with Store(self.settings.db) as store:
                story_report(store, story_id, words=self.settings.words)
        except Exception:  # a background failure must not kill the thread; the page retries
            log.exception("report of story %s could not be made", story_id)
        finally:
            with self.lock:
                self.pending.discard(story_id)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


_SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)


def security_headers() -> dict[str, str]:
    """The headers every response carries, for one made outside the middleware (a 500 page)."""
    return {k.decode("ascii"): v.decode("ascii") for k, v in _SECURITY_HEADERS}


class SecurityHeaders:
    """Adds the security headers to every HTTP response that does not set them itself. Plain
    ASGI: a ``@app.middleware("http")`` function (BaseHTTPMiddleware) re-streams every body
    and cost a quarter of the API's throughput on a 240 kB report (bench/serve.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in _SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD as the GET of the same path would, without its body (FastAPI routes answer
    only the methods they name, so a HEAD of any page was a 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET", HEAD: True}, receive, send_headers_only)


HEAD = "corroborate.head"  # set in the scope of a HEAD request answered as a GET


def is_head(request: Request) -> bool:
    """Whether the request was a HEAD (the routes see it as a GET)."""
    return bool(request.scope.get(HEAD))


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a store connection for this request, closed after it."""
    settings: Settings = request.app.state.settings
    with Store(settings.db) as store:
        yield store


def create_app(db: str | Path = "corroborate.db", **options: Any) -> FastAPI:
    """The web app over the store in ``db`` (created if missing); ``options`` set
    :class:`Settings` fields (limits, brief length, background reports)."""
    settings = Settings(db=str(db), **options)
    with Store(settings.db):  # create or migrate once, before requests come in
        pass
    reports = Reports(settings)
    from corroborate.fetch import FetchPool

    fetches = FetchPool(settings.fetch_threads, waiting=2 * settings.fetch_threads)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reports.close()
        fetches.close()

    app = FastAPI(
        lifespan=lifespan,
        title="corroborate",
        summary="Cross-checked accounts of news stories: stories, reports, articles, claims.",
        version=_version(),
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: /api/docs instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.reports = reports
    app.state.fetches = fetches

    from corroborate.web.guard import RequestGuard

    app.add_middleware(HeadAsGet)
    app.add_middleware(RequestGuard, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last: the outer one, so HEAD answers get them

    from corroborate.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_handlers(app)  # HTML error pages, a 500 page with the headers
    api.install_error_handlers(app)  # JSON errors for /api/ paths no route answers

    return app


def _version() -> str:
    from corroborate import __version__

    return __version__
