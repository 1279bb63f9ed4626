"""What the app refuses before any page or API route sees a request.

- A ``Host`` header naming none of the allowed hosts: 400. A page on another site that makes
  its own name resolve to 127.0.0.1 (DNS rebinding) reaches a loopback server with that name
  as ``Host``, so only the names the server is known by are answered (``serve
  --allowed-host``; by default the address it listens on, and ``localhost``, ``127.0.0.1`` and
  ``[::1]`` when that is a loopback address).
- A state-changing request (any method but GET, HEAD, OPTIONS) sent by a page of another
  origin: 403. Browsers send ``Origin`` with every such request (forms and ``no-cors``
  fetches included) and ``Sec-Fetch-Site`` with most; when either names another origin, the
  request is refused. A request with neither (curl, scripts) is a person's own tool and passes.

    app.add_middleware(RequestGuard, allowed_hosts=("127.0.0.1", "localhost"))
"""

from __future__ import annotations

import html
import ipaddress
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["LOOPBACK_NAMES", "RequestGuard", "default_allowed_hosts", "host_name"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(value: str) -> str:
    """The name in a ``Host`` header or URL authority, lower case, without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def default_allowed_hosts(listen: str) -> tuple[str, ...] | None:
    """The hosts a server listening on ``listen`` answers by default: that address (and the
    loopback names when it is a loopback one); None (any) for a wildcard address, which
    anyone may reach under any name."""
    name = host_name(listen)
    if name in ("", "0.0.0.0", "::"):
        return None
    try:
        loopback = ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = name == "localhost"
    if loopback:
        return tuple(dict.fromkeys([name, *LOOPBACK_NAMES]))
    return (name,)


def _same_origin(value: str, host: str) -> bool:
    """Whether a URL (an ``Origin`` or ``Referer``) is of the origin the request was sent to."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    default = {"http": ":80", "https": ":443"}[parts.scheme]
    netloc = parts.netloc.lower().rsplit("@", 1)[-1]
    here = host.strip().lower()
    return netloc.removesuffix(default) == here.removesuffix(default)


class RequestGuard:
    """Plain ASGI middleware: the Host check, then the same-origin check of writes."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {host_name(h) for h in allowed_hosts}
        if self.allowed is not None and "*" in self.allowed:
            self.allowed = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        safe = scope.get("method") in SAFE_METHODS
        if scope["type"] != "http" or (safe and self.allowed is None):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.allowed is not None and host_name(host) not in self.allowed:
            shown = host[:100] or "(none)"
            known = ", ".join(sorted(self.allowed))
            message = (
                f"unknown Host header {shown!r}: this server answers as {known} "
                "(serve --allowed-host adds names)"
            )
            await _refuse(scope, send, 400, message)
            return
        if not safe:
            problem = self._cross_site(headers, host)
            if problem:
                await _refuse(scope, send, 403, problem)
                return
        await self.app(scope, receive, send)

    @staticmethod
    def _cross_site(headers: Headers, host: str) -> str | None:
        site = headers.get("sec-fetch-site", "").lower()
        if site and site not in ("same-origin", "none"):
            return f"a {site} request cannot change this store (Sec-Fetch-Site: {site})"
        origin = headers.get("origin")
        if origin is not None:
            if not _same_origin(origin, host):
                return f"a request from {origin[:100]!r} cannot change this store (cross-origin)"
            return None
        referer = headers.get("referer")
        if referer is not None and not _same_origin(referer, host):
            return "a request from another site cannot change this store (Referer)"
        return None


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    path = str(scope.get("path", ""))
    if path == "/api" or path.startswith("/api/"):
        body = json.dumps({"error": message, "status": status}).encode("utf-8")
        kind = b"application/json"
    else:
        title = "Bad request" if status == 400 else "Forbidden"
        body = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><h1>{title}</h1><p>{html.escape(message)}</p></body></html>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
