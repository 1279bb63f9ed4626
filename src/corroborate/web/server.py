"""uvicorn, configured for a server whose clients may be slow or hostile.

uvicorn 0.3x bounds how long a kept-alive connection may stay idle (``timeout_keep_alive``) and
how large a request's headers may grow (``h11_max_incomplete_event_size``), but it has no
option that bounds how long the headers may take: a client that sends one byte every few
seconds, or opens a connection and sends nothing, keeps it forever (every byte resets the
keep-alive timer, and none is armed before the first request). :class:`HeaderDeadline` adds
that: the request line and headers must arrive within :data:`HEADER_TIMEOUT` seconds of the
connection opening (or of the previous response), else the connection is closed. A body that
stalls is the app's to bound (``api.BODY_IDLE``).

    config = server_config(app, "127.0.0.1", 8000)
    uvicorn.Server(config).run()
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = [
    "HEADER_TIMEOUT",
    "KEEP_ALIVE",
    "MAX_CONNECTIONS",
    "MAX_HEADER_BYTES",
    "HeaderDeadline",
    "server_config",
]

HEADER_TIMEOUT = 10.0  # seconds for a request line and headers
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open
MAX_HEADER_BYTES = 64 * 1024  # request line and headers, in all
MAX_CONNECTIONS = 200  # connections and requests at once; past it: 503


class HeaderDeadline(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's line and headers."""

    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._header_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        before = self.cycle
        super().data_received(data)
        if self.cycle is not before:  # a request's headers are complete: it is the app's now
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request's headers, on this connection, have the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._header_timer = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        busy = self.cycle is not None and not self.cycle.response_complete
        if not busy and not self.transport.is_closing():
            self.transport.close()


def server_config(
    app: Any, host: str, port: int, *, header_timeout: float = HEADER_TIMEOUT, **options: Any
) -> uvicorn.Config:
    """A uvicorn config for ``app`` with the limits above (``options`` override uvicorn's)."""
    protocol = type("HeaderDeadline", (HeaderDeadline,), {"header_timeout": header_timeout})
    settings: dict[str, Any] = {
        "http": protocol,
        "timeout_keep_alive": KEEP_ALIVE,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "limit_concurrency": MAX_CONNECTIONS,
        "log_level": "warning",
        **options,
    }
    return uvicorn.Config(app, host=host, port=port, **settings)
