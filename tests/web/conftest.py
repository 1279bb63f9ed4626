"""Fixtures of the web tests: the examples' feeds served over HTTP on a free loopback port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feeds(examples: Path) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a server of ``examples/feeds/``."""
    server = HTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(examples / "feeds")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound for a moment, then freed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
