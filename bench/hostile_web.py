"""Hostile web cases (issue 16): slow feeds, SSRF address forms, cross-site requests, a bad
Host, concurrent ingests, a lone surrogate, aborted and large uploads, a slow client.

``CASES`` is a list of (name, case); a case gets a fresh temporary folder, runs one hostile
request (or a bounded burst of them) against the app, in process or under uvicorn on
127.0.0.1, and returns (what the user got, what was stored). A case raises AssertionError when
the outcome is wrong (something stored that must not be, a 500, a hang past its bound).
``bench/hostile.py`` runs them in its subprocess harness; run alone, this file runs each case
in a subprocess of its own and prints a table (time, peak RSS):

    .venv/bin/python bench/hostile_web.py [--case NAME] [--json]

Every address used is a loopback one (the SSRF cases only check that nothing is connected to);
every loop is bounded in count and time; every server started is stopped by its case.
"""

from __future__ import annotations

import argparse
import json
import logging
import pathlib
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

TEXT = (
    "The ferry to Lindholm resumed on Tuesday after a week of storms, the operator said. "
    "Forty passengers crossed on the first boat, and the harbour master expects the full "
    "timetable to run again by Friday.\n"
)
Case = Callable[[pathlib.Path], tuple[str, str]]


def warm() -> None:
    """Import the app and load what the first stored article loads (the readers' language model,
    scikit-learn for story features), so a case's time is its own, not the first import's.
    Run alone, this file calls it before timing each case; a harness should do the same."""
    import fastapi.testclient  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401
    import uvicorn  # noqa: F401

    import corroborate.web.api
    import corroborate.web.pages
    import corroborate.web.server  # noqa: F401
    from corroborate.config import ReadOptions
    from corroborate.read import Input, read_inputs

    list(read_inputs([Input(name="warm.txt", data=TEXT.encode())], ReadOptions()))


# -- helpers ------------------------------------------------------------------------------------


def _app(folder: pathlib.Path, **options: Any) -> Any:
    from corroborate.web.app import create_app

    return create_app(folder / "hostile.db", background=False, **options)


def _client(app: Any, base_url: str = "http://127.0.0.1:8000") -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app, base_url=base_url, raise_server_exceptions=False)


def _stored(folder: pathlib.Path) -> str:
    from corroborate.store import Store

    with Store(folder / "hostile.db") as store:
        ghosts = store.db.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
        ).fetchone()[0]
        text = f"{len(store)} articles, {store.story_count()} stories"
        return text + (f", {ghosts} WITHOUT MEMBERS" if ghosts else "")


def _line(answer: Any) -> str:
    try:
        message = answer.json().get("error") or f"new {answer.json().get('new')}"
    except ValueError:
        message = " ".join(answer.text.split())[:160]
    return f"{answer.status_code} {str(message)[:160]}"


@contextmanager
def _trickling(pause: float, lasts: float) -> Iterator[int]:
    """127.0.0.1: a server that sends its response headers one byte every ``pause`` s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.1)
    stop = threading.Event()
    began = time.monotonic()

    def trickle(conn: socket.socket) -> None:
        with conn:
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
                if stop.is_set() or time.monotonic() - began > lasts:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(pause)

    def serve() -> None:
        while not stop.is_set() and time.monotonic() - began < lasts + 5:
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(2)
        listener.close()


@contextmanager
def _counting() -> Iterator[tuple[int, list[str]]]:
    """127.0.0.1: a server of an internal HTML page that counts the requests it gets."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = b"<html><body><h1>Internal admin</h1><p>" + TEXT.encode() + b"</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, seen
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _serving(app: Any, **options: Any) -> Iterator[int]:
    """``app`` under uvicorn as ``corroborate serve`` runs it, on a free loopback port."""
    import uvicorn

    from corroborate.web.server import server_config

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    options.setdefault("timeout_graceful_shutdown", 1)
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(5)


# -- the cases ----------------------------------------------------------------------------------


def slow_header_feed(folder: pathlib.Path) -> tuple[str, str]:
    """A feed server that sends its headers one byte every 0.3 s: cut off at the deadline."""
    app = _app(folder, allow_private_fetch=True, fetch_timeout=2.0)
    with _trickling(0.3, 6) as port, _client(app) as client:
        began = time.monotonic()
        answer = client.post("/api/ingest", json={"feed_url": f"http://127.0.0.1:{port}/rss"})
        took = time.monotonic() - began
    assert answer.status_code == 502 and took < 4, (answer.status_code, took)
    return f"{_line(answer)} (after {took:.1f} s)", _stored(folder)


def slow_feeds_and_pages(folder: pathlib.Path) -> tuple[str, str]:
    """Forty slow feed URLs at once (one asyncio client), then the stories page and the list."""
    import asyncio

    import httpx

    app = _app(folder, allow_private_fetch=True, fetch_timeout=1.0)
    statuses: list[int] = []
    with _trickling(0.3, 1.5) as slow, _serving(app) as port:
        base = f"http://127.0.0.1:{port}"
        for path in ("/", "/api/stories"):  # templates compiled, store opened once
            httpx.get(base + path, timeout=3)
        feed = {"feed_url": f"http://127.0.0.1:{slow}/rss"}

        async def burst() -> None:
            async with httpx.AsyncClient(timeout=4) as client:

                async def post() -> int:
                    try:
                        return (await client.post(f"{base}/api/ingest", json=feed)).status_code
                    except httpx.HTTPError:
                        return 0

                statuses.extend(await asyncio.gather(*(post() for _ in range(40))))

        poster = threading.Thread(target=asyncio.run, args=(burst(),), daemon=True)
        poster.start()
        time.sleep(0.5)
        took = {}
        for path in ("/", "/api/stories"):
            began = time.monotonic()
            code = httpx.get(base + path, timeout=3).status_code
            took[path] = (code, time.monotonic() - began)
        poster.join(4)
    # before the fix they hung until the slow server closed; 2.5 s leaves room for a loaded box
    assert all(code == 200 and t < 2.5 for code, t in took.values()), took
    busy = statuses.count(503)
    line = ", ".join(f"{p} {c} in {t * 1000:.0f} ms" for p, (c, t) in took.items())
    return f"{line}; feeds: {busy} x 503 busy, {statuses.count(502)} x 502", _stored(folder)


def _ssrf(host: str) -> Case:
    def case(folder: pathlib.Path) -> tuple[str, str]:
        with _counting() as (port, seen):
            app = _app(folder, fetch_timeout=2.0)
            with _client(app) as client:
                url = f"http://{host}:{port}/admin"
                answer = client.post("/api/ingest", json={"feed_url": url})
        assert answer.status_code == 502 and not seen, (answer.status_code, seen)
        return _line(answer), _stored(folder) + f"; internal server hit {len(seen)} times"

    case.__doc__ = f"feed_url http://{host}:PORT/admin (a loopback server counts its hits)"
    return case


def ssrf_redirect(folder: pathlib.Path) -> tuple[str, str]:
    """A public feed URL (a mock transport) that redirects to a loopback server."""
    import httpx

    with _counting() as (target, seen):

        def public(request: httpx.Request) -> httpx.Response:  # the "public" first hop
            return httpx.Response(302, headers={"Location": f"http://127.0.0.1:{target}/admin"})

        app = _app(folder, fetch_transport=httpx.MockTransport(public))
        with _client(app) as client:
            answer = client.post("/api/ingest", json={"feed_url": "http://feeds.example/rss"})
    assert answer.status_code == 502 and not seen
    return _line(answer), _stored(folder) + f"; internal server hit {len(seen)} times"


def cross_site_form(folder: pathlib.Path) -> tuple[str, str]:
    """POST /add from a page on http://evil.example."""
    app = _app(folder, allowed_hosts=("127.0.0.1", "localhost"))
    with _client(app) as client:
        answer = client.post("/add", data={"text": TEXT}, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403
    return _line(answer), _stored(folder)


def cross_site_multipart(folder: pathlib.Path) -> tuple[str, str]:
    """A multipart POST /api/ingest from http://evil.example."""
    app = _app(folder, allowed_hosts=("127.0.0.1", "localhost"))
    with _client(app) as client:
        files = [("files", ("a.txt", TEXT.encode(), "text/plain"))]
        answer = client.post("/api/ingest", files=files, headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403
    return _line(answer), _stored(folder)


def no_cors_json(folder: pathlib.Path) -> tuple[str, str]:
    """JSON sent with no Content-Type (a no-cors fetch), no Origin either."""
    app = _app(folder, allowed_hosts=("127.0.0.1", "localhost"))
    with _client(app) as client:
        answer = client.post("/api/ingest", content=json.dumps({"text": TEXT}).encode())
    assert answer.status_code == 415
    return _line(answer), _stored(folder)


def rebound_host(folder: pathlib.Path) -> tuple[str, str]:
    """GET / and POST /api/ingest with Host: evil.example (DNS rebinding)."""
    app = _app(folder, allowed_hosts=("127.0.0.1", "localhost"))
    with _client(app) as client:
        page = client.get("/", headers={"Host": "evil.example"})
        answer = client.post("/api/ingest", json={"text": TEXT}, headers={"Host": "evil.example"})
    assert page.status_code == answer.status_code == 400
    return _line(answer), _stored(folder)


def concurrent_ingests(folder: pathlib.Path) -> tuple[str, str]:
    """Two threads ingest ten texts of two stories into one store at the same moment."""
    from corroborate.assign import update_stories
    from corroborate.config import ReadOptions
    from corroborate.ingest import ingest
    from corroborate.read import Input
    from corroborate.store import Store

    dam = ("Floodwater burst through the Stana Mare dam near Reghin on Tuesday, flooding {n} "
           "houses in the Gurghiu valley, the county emergency service said.\n")  # fmt: skip
    tram = ("A tram left the rails on Iuliu Maniu boulevard in Cluj on Monday, injuring {n} "
            "passengers, the city transport company said.\n")  # fmt: skip
    db = folder / "hostile.db"
    with Store(db):
        pass
    start = threading.Barrier(2, timeout=5)
    errors: list[str] = []

    def run(offset: int) -> None:
        try:
            texts = [t.format(n=offset + k + 3) for k in range(5) for t in (dam, tram)][:5]
            with Store(db) as store:
                start.wait()
                inputs = [
                    Input(name=f"{offset}-{k}.txt", data=t.encode()) for k, t in enumerate(texts)
                ]
                ingest(inputs, store, ReadOptions())
                update_stories(store)
        except Exception as exc:  # reported as the user's line
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run, args=(n,)) for n in (0, 50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    stored = _stored(folder)
    assert not errors and "WITHOUT" not in stored, (errors, stored)
    return "both ingests finished" if not errors else errors[0], stored


def lone_surrogate(folder: pathlib.Path) -> tuple[str, str]:
    """/api/ingest JSON whose text holds \\ud800."""
    app = _app(folder)
    body = b'{"text": "' + TEXT.strip().encode() + b' Caf\\ud800."}'
    with _client(app) as client:
        answer = client.post(
            "/api/ingest", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code < 500
    return _line(answer), _stored(folder)


def aborted_uploads(folder: pathlib.Path) -> tuple[str, str]:
    """200 multipart uploads whose client goes away after the first chunk: the log lines."""
    import anyio

    app = _app(folder)
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    logging.getLogger().addHandler(keep)
    head = (b'--zz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n" + b"word " * 1000)  # fmt: skip
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/api/ingest", "raw_path": b"/api/ingest", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1:8000"),
                    (b"content-type", b"multipart/form-data; boundary=zz")],
    }  # fmt: skip

    async def one() -> None:
        messages = [{"type": "http.request", "body": head, "more_body": True}]

        async def receive() -> dict[str, Any]:
            return messages.pop() if messages else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            pass

        await app(scope, receive, send)

    async def all_of_them() -> None:
        for _ in range(200):
            await one()

    try:
        anyio.run(all_of_them)
    finally:
        logging.getLogger().removeHandler(keep)
    lines = sum(1 + (r.exc_text or "").count("\n") + (1 if r.exc_info else 0) for r in records)
    assert len(records) == 200 and not any(r.exc_info for r in records), len(records)
    return f"200 aborted uploads: {lines} log lines, no traceback", _stored(folder)


def large_uploads(folder: pathlib.Path) -> tuple[str, str]:
    """Four 12 MB files streamed to uvicorn in one multipart request (spooled to disk)."""
    import httpx

    app = _app(folder, max_upload_bytes=20_000_000)
    size = 12_000_000

    def body() -> Iterator[bytes]:
        block = b"\x89PNG\r\n\x1a\n" + b"\0" * (1 << 20)
        for k in range(4):
            yield (b"--zz\r\nContent-Disposition: form-data; name=\"files\"; "
                   b'filename="photo%d.png"\r\nContent-Type: image/png\r\n\r\n' % k)  # fmt: skip
            sent = 0
            while sent < size:
                piece = block[: size - sent]
                sent += len(piece)
                yield piece
            yield b"\r\n"
        yield b"--zz--\r\n"

    with _serving(app) as port:
        answer = httpx.post(
            f"http://127.0.0.1:{port}/api/ingest",
            content=body(),
            headers={"Content-Type": "multipart/form-data; boundary=zz"},
            timeout=30,
        )
    assert answer.status_code == 422, answer.text
    return _line(answer), _stored(folder)


def slow_client_headers(folder: pathlib.Path) -> tuple[str, str]:
    """A client sending its request headers one byte every 0.2 s (and one sending nothing)."""
    app = _app(folder)
    with _serving(app, header_timeout=1.0) as port:
        slow = socket.create_connection(("127.0.0.1", port))
        idle = socket.create_connection(("127.0.0.1", port))
        slow.settimeout(0.2)
        idle.settimeout(4)
        began = time.monotonic()
        closed = None
        for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 30:
            try:
                slow.sendall(bytes([byte]))
                if slow.recv(100) == b"":
                    closed = time.monotonic() - began
                    break
            except TimeoutError:
                continue
            except OSError:
                closed = time.monotonic() - began
                break
        try:
            idle_closed = idle.recv(100) == b""
        except OSError:
            idle_closed = False
        slow.close()
        idle.close()
    assert closed is not None and closed < 3 and idle_closed, (closed, idle_closed)
    return f"slow headers: closed after {closed:.1f} s; idle connection closed", _stored(folder)


CASES: list[tuple[str, Case]] = [
    ("slow-header feed", slow_header_feed),
    ("40 slow feeds vs pages", slow_feeds_and_pages),
    *[
        (f"ssrf {host}", _ssrf(host))
        for host in (
            "127.0.0.1",
            "localhost",
            "[::1]",
            "2130706433",
            "127.1",
            "0x7f.1",
            "0.0.0.0",
            "[::ffff:127.0.0.1]",
            "169.254.169.254",
        )
    ],
    ("ssrf redirect to 127.0.0.1", ssrf_redirect),
    ("cross-site form POST /add", cross_site_form),
    ("cross-site multipart ingest", cross_site_multipart),
    ("no-cors JSON, no type", no_cors_json),
    ("Host: evil.example", rebound_host),
    ("two ingests at once", concurrent_ingests),
    ("lone surrogate JSON", lone_surrogate),
    ("200 aborted uploads", aborted_uploads),
    ("4 x 12 MB uploads", large_uploads),
    ("slow client headers", slow_client_headers),
]


# -- run alone ----------------------------------------------------------------------------------


def _run_one(name: str) -> dict[str, Any]:
    import tempfile

    case = dict(CASES)[name]
    warm()
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hostile-web-") as folder:
        try:
            line, stored = case(pathlib.Path(folder))
            ok = True
        except AssertionError as exc:
            line, stored, ok = f"WRONG: {exc}"[:200], "", False
    took = time.monotonic() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": name, "seconds": round(took, 2), "peak_mb": round(peak, 1), "line": line,
            "stored": stored, "ok": ok and took < 5 and peak < 300}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", help="run this case only, in this process")
    parser.add_argument("--json", action="store_true", help="print JSON rows")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_run_one(args.case), ensure_ascii=False))
        return 0
    rows = []
    for name, _ in CASES:
        try:
            done = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True,
                                  text=True, timeout=60)  # fmt: skip
            out = done.stdout.strip().splitlines()
            rows.append(json.loads(out[-1]) if out else {"case": name, "seconds": 0,
                        "peak_mb": 0, "line": done.stderr.strip()[-200:], "stored": "",
                        "ok": False})  # fmt: skip
        except subprocess.TimeoutExpired:
            rows.append({"case": name, "seconds": 60, "peak_mb": 0, "line": "HUNG (60 s)",
                         "stored": "", "ok": False})  # fmt: skip
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        print(f"| case | s | peak MB | what the user got | stored | |\n|{' --- |' * 6}")
        for r in rows:
            print(f"| {r['case']} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {r['line']} | "
                  f"{r['stored']} | {'PASS' if r['ok'] else 'FAIL'} |")  # fmt: skip
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
