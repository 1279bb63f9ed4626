"""Issue 16, the web, fetch and store half: one regression test per finding, named after it.

Every server here listens on 127.0.0.1 and is closed by the test that started it; the apps
that fetch from them are made with ``allow_private_fetch=True`` (the default refuses them)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient

from corroborate.store import Store
from corroborate.web.app import create_app

TEXT = (
    "The ferry to Lindholm resumed on Tuesday after a week of storms, the operator said. "
    "Forty passengers crossed on the first boat, and the harbour master expects the full "
    "timetable to run again by Friday.\n"
)


def stored(db: Path) -> int:
    with Store(db) as store:
        return len(store)


# -- local servers ------------------------------------------------------------------------------


@contextmanager
def trickling_server(pause: float = 0.3, lasts: float = 8.0) -> Iterator[tuple[int, list[int]]]:
    """A server on 127.0.0.1 that answers every connection with its status line and headers one
    byte every ``pause`` seconds, for at most ``lasts`` seconds; yields (port, connections)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()
    began = time.monotonic()

    def trickle(conn: socket.socket) -> None:
        with conn:
            payload = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000
            for byte in payload:
                if stop.is_set() or time.monotonic() - began > lasts:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(pause)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            hits.append(1)
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], hits
    finally:
        stop.set()
        thread.join(2)
        listener.close()


@contextmanager
def counting_server() -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 that answers any GET with an internal-looking HTML page and
    counts the requests it got."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            body = b"<html><body><h1>Admin</h1><p>" + TEXT.encode() + b"</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
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
def running(app: Any, **options: Any) -> Iterator[int]:
    """``app`` served by uvicorn (as ``corroborate serve`` configures it, when the module is
    there) on a free loopback port, in a thread; stopped at the end."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    try:
        from corroborate.web.server import server_config

        config = server_config(app, "127.0.0.1", port, **options)
    except ImportError:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


# -- finding 2: a slow feed -------------------------------------------------------------------


def test_finding_02_slow_headers_cut_at_deadline(tmp_path: Path) -> None:
    app = create_app(tmp_path / "f2.db", background=False, allow_private_fetch=True,
                     fetch_timeout=2.0)  # fmt: skip
    with trickling_server() as (port, _), TestClient(app) as client:
        began = time.monotonic()
        answer = client.post("/api/ingest", json={"feed_url": f"http://127.0.0.1:{port}/feed"})
        took = time.monotonic() - began
    assert answer.status_code == 502, answer.text
    assert "within 2 s" in answer.json()["error"]
    assert took < 4.5, f"the fetch took {took:.1f} s for a 2 s deadline"
    assert stored(tmp_path / "f2.db") == 0


def test_finding_02_pages_answer_while_feeds_are_slow(tmp_path: Path) -> None:
    """Forty-five slow feeds at once: the pages and the API's reads still answer at once."""
    app = create_app(tmp_path / "f2b.db", background=False, allow_private_fetch=True)
    with trickling_server(pause=0.5, lasts=9) as (slow, _), running(app) as port:
        base = f"http://127.0.0.1:{port}"
        feed = {"feed_url": f"http://127.0.0.1:{slow}/feed"}

        def post() -> None:
            with suppress(httpx.HTTPError):
                httpx.post(f"{base}/api/ingest", json=feed, timeout=12)

        posters = [threading.Thread(target=post, daemon=True) for _ in range(45)]
        for poster in posters:
            poster.start()
        time.sleep(1.5)
        timings = {}
        for path in ("/", "/api/stories"):
            began = time.monotonic()
            try:
                status = httpx.get(base + path, timeout=4).status_code
            except httpx.TimeoutException:
                status = 0
            timings[path] = (status, time.monotonic() - began)
        for poster in posters:
            poster.join(15)
    for path, (status, took) in timings.items():
        assert status == 200 and took < 3, f"{path}: {status} after {took:.1f} s"


def test_finding_02_fetch_pool_is_bounded() -> None:
    """Past its threads and its queue, the fetch pool says it is busy at once (503)."""
    from corroborate.fetch import FetchBusy, FetchPool

    pool = FetchPool(threads=1, waiting=1)
    release = threading.Event()

    async def three() -> list[str]:
        import asyncio

        async def one() -> str:
            try:
                return str(await pool.run(release.wait, 5))
            except FetchBusy:
                return "busy"

        tasks = [asyncio.ensure_future(one()) for _ in range(3)]
        await asyncio.sleep(0.2)
        release.set()
        return list(await asyncio.gather(*tasks))

    try:
        assert sorted(anyio.run(three)) == ["True", "True", "busy"]
    finally:
        pool.close()


def test_finding_02_gzip_kept_compressed_for_the_readers() -> None:
    import gzip

    from corroborate.fetch import fetch

    body = gzip.compress(b"<rss><channel><item><title>x</title></item></channel></rss>" * 100)

    def gzipped(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept-encoding"] == "gzip"
        return httpx.Response(200, stream=httpx.ByteStream(body),
                              headers={"Content-Encoding": "gzip"})  # fmt: skip

    got = fetch("http://feeds.example/rss", max_bytes=len(body) + 10,
                transport=httpx.MockTransport(gzipped))  # fmt: skip
    assert got.data == body  # the cap counted the wire bytes; the readers decompress


# -- finding 3: server-side request forgery -------------------------------------------------

LOOPBACK_FORMS = [
    "127.0.0.1",
    "localhost",
    "2130706433",
    "127.1",
    "0x7f.1",
    "0.0.0.0",
    "[::ffff:127.0.0.1]",
]
OTHER_FORMS = [
    "[::1]",
    "[::]",
    "169.254.169.254",
    "10.0.0.1",
    "192.168.1.1",
    "100.64.0.1",
    "[fe80::1]",
    "224.0.0.1",
    "[64:ff9b::7f00:1]",
]


@pytest.mark.parametrize("host", LOOPBACK_FORMS)
def test_finding_03_loopback_forms_refused(tmp_path: Path, host: str) -> None:
    with counting_server() as (port, seen):
        app = create_app(tmp_path / "f3.db", background=False, fetch_timeout=3.0)
        with TestClient(app) as client:
            answer = client.post("/api/ingest", json={"feed_url": f"http://{host}:{port}/admin"})
            page = client.post("/add", data={"url": f"http://{host}:{port}/admin"})
    assert answer.status_code == 502, answer.text
    assert "public addresses" in answer.json()["error"]
    assert page.status_code == 502 and "public addresses" in page.text
    assert seen == [], "the server was reached"
    assert stored(tmp_path / "f3.db") == 0


@pytest.mark.parametrize("host", OTHER_FORMS)
def test_finding_03_private_forms_refused(tmp_path: Path, host: str) -> None:
    app = create_app(tmp_path / "f3.db", background=False, fetch_timeout=3.0)
    with TestClient(app) as client:
        answer = client.post("/api/ingest", json={"feed_url": f"http://{host}/latest/meta-data"})
    assert answer.status_code == 502, answer.text
    assert "public addresses" in answer.json()["error"]


def test_finding_03_redirect_to_loopback_refused(tmp_path: Path) -> None:
    with counting_server() as (port, seen):
        target = f"http://127.0.0.1:{port}/admin"

        def public(request: httpx.Request) -> httpx.Response:
            return httpx.Response(302, headers={"Location": target})

        app = create_app(tmp_path / "f3r.db", background=False,
                         fetch_transport=httpx.MockTransport(public))  # fmt: skip
        with TestClient(app) as client:
            answer = client.post("/api/ingest", json={"feed_url": "http://feeds.example/rss"})
    assert answer.status_code == 502 and "loopback" in answer.json()["error"], answer.text
    assert seen == [] and stored(tmp_path / "f3r.db") == 0


def test_finding_03_allow_private_fetch_lets_the_user_fetch_loopback(tmp_path: Path) -> None:
    with counting_server() as (port, seen):
        app = create_app(tmp_path / "f3a.db", background=False, allow_private_fetch=True)
        with TestClient(app) as client:
            answer = client.post("/api/ingest", json={"feed_url": f"http://127.0.0.1:{port}/a"})
    assert answer.status_code == 201, answer.text
    assert seen == ["/a"]


def test_finding_03_addresses_checked_where_the_connection_is_made() -> None:
    from corroborate.fetch import RefusedAddress, check_address, literal_address

    for form in ("2130706433", "127.1", "0x7f.1", "[::ffff:127.0.0.1]", "0177.0.0.1"):
        address = literal_address(form)
        assert address is not None, form
        with pytest.raises(RefusedAddress):
            check_address(address)
    for public in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"):
        check_address(public)
    check_address("127.0.0.1", allow_private=True)


# -- finding 4: cross-site requests, Host ---------------------------------------------------


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path / "f4.db", background=False,
                     allowed_hosts=("127.0.0.1", "localhost", "::1"))  # fmt: skip
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


def test_finding_04_cross_site_posts_refused(guarded: TestClient, tmp_path: Path) -> None:
    evil = {"Origin": "http://evil.example"}
    form = guarded.post("/add", data={"text": TEXT}, headers=evil)
    files = [("files", ("a.txt", TEXT.encode(), "text/plain"))]
    multipart = guarded.post("/api/ingest", files=files, headers=evil)
    json_body = guarded.post("/api/ingest", json={"text": TEXT}, headers=evil)
    other_port = guarded.post(
        "/add", data={"text": TEXT}, headers={"Origin": "http://127.0.0.1:9999"}
    )
    fetch_site = guarded.post(
        "/api/ingest", json={"text": TEXT}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    referer = guarded.post(
        "/add", data={"text": TEXT}, headers={"Referer": "http://evil.example/page"}
    )
    null = guarded.post("/add", data={"text": TEXT}, headers={"Origin": "null"})
    for answer in (form, multipart, json_body, other_port, fetch_site, referer, null):
        assert answer.status_code == 403, answer.text
    assert "cannot change this store" in multipart.json()["error"]
    assert stored(tmp_path / "f4.db") == 0


def test_finding_04_no_cors_json_needs_a_content_type(guarded: TestClient, tmp_path: Path) -> None:
    body = b'{"text": "' + TEXT.strip().encode() + b'"}'
    plain = guarded.post("/api/ingest", content=body)  # what a no-cors fetch sends
    assert plain.status_code == 415, plain.text
    text_plain = guarded.post("/api/ingest", content=body, headers={"Content-Type": "text/plain"})
    assert text_plain.status_code == 415
    assert stored(tmp_path / "f4.db") == 0


def test_finding_04_same_origin_and_plain_clients_pass(guarded: TestClient, tmp_path: Path) -> None:
    mine = guarded.post("/add", data={"text": TEXT}, headers={"Origin": "http://127.0.0.1:8000"})
    assert mine.status_code == 200, mine.text
    curl = guarded.post("/api/ingest", json={"text": TEXT + " More."})  # no Origin: a script
    assert curl.status_code == 201, curl.text
    assert stored(tmp_path / "f4.db") == 2


def test_finding_04_unknown_host_answered_400(guarded: TestClient) -> None:
    rebound = guarded.get("/", headers={"Host": "evil.example"})
    assert rebound.status_code == 400 and "Host" in rebound.text
    api = guarded.get("/api/stories", headers={"Host": "evil.example:8000"})
    assert api.status_code == 400 and "Host" in api.json()["error"]
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert guarded.get("/", headers={"Host": host}).status_code == 200, host


def test_finding_04_default_hosts_follow_the_listening_address() -> None:
    from corroborate.web.guard import default_allowed_hosts

    assert set(default_allowed_hosts("127.0.0.1") or ()) >= {"127.0.0.1", "localhost", "::1"}
    assert default_allowed_hosts("192.0.2.7") == ("192.0.2.7",)
    assert default_allowed_hosts("0.0.0.0") is None


# -- finding 5: two ingests at once -----------------------------------------------------------

DAM = (
    "Floodwater burst through the Stana Mare dam near Reghin on Tuesday, flooding {n} houses "
    "in the valley of the Gurghiu river, the county emergency service said. Rescuers moved "
    "{m} people to the school in Ibanesti overnight.\n"
)
TRAM = (
    "A tram left the rails on Iuliu Maniu boulevard in Cluj on Monday morning, injuring {n} "
    "passengers, the city transport company said. Line {m} will run buses until Thursday.\n"
)


def _texts(kind: str, count: int, offset: int) -> list[str]:
    template = DAM if kind == "dam" else TRAM
    return [template.format(n=offset + k + 3, m=offset + 2 * k + 7) for k in range(count)]


def test_finding_05_concurrent_ingests_leave_no_ghost_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run A has read its five articles and is clustering when run B stores five more and
    clusters all ten. The clustering is a stand-in whose answer depends on what it sees (alone,
    each article is its own story; together, one story), so the two runs disagree, as real
    clusterings of different article sets do: without one writer at a time, B moved A's
    articles out of A's stories (stories left with a size and no members)."""
    import corroborate.assign as assign
    from corroborate.config import ReadOptions
    from corroborate.ingest import ingest
    from corroborate.read import Input

    db = tmp_path / "f5.db"
    barrier = threading.Barrier(2)
    a_clustering = threading.Event()

    def disagreeing_cluster(features: Any, config: Any, fixed: list[int]) -> list[int]:
        a_clustering.set()
        # without the lock both runs meet here, each with what it read; with it B waits
        # outside for A, and the barrier times out
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1.5)
        if any(f >= 0 for f in fixed):  # stories already made keep their members
            new = max(fixed) + 1
            return [f if f >= 0 else new for f in fixed]
        return list(range(len(fixed))) if len(fixed) <= 5 else [0] * len(fixed)

    monkeypatch.setattr(assign, "cluster", disagreeing_cluster)
    errors: list[BaseException] = []

    def run(name: str, texts: list[str], wait: threading.Event | None) -> None:
        try:
            if wait is not None:
                assert wait.wait(30)
            with Store(db) as store:
                inputs = [
                    Input(name=f"{name}{k}.txt", data=t.encode()) for k, t in enumerate(texts)
                ]
                ingest(inputs, store, ReadOptions())
                assign.update_stories(store)
        except BaseException as exc:  # reported below
            errors.append(exc)

    with Store(db):
        pass
    first = threading.Thread(target=run, args=("a", _texts("dam", 5, 0), None))
    second = threading.Thread(target=run, args=("b", _texts("tram", 5, 0), a_clustering))
    first.start()
    second.start()
    first.join(120)
    second.join(120)
    assert not errors, errors
    with Store(db) as store:
        ghosts = store.db.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)"
        ).fetchone()[0]
        sizes = dict(store.db.execute("SELECT id, size FROM stories").fetchall())
        stories = store.stories()
        assert ghosts == 0
        assert store.unassigned() == 0
        assert sum(len(s.articles) for s in stories) == len(store) == 10
        assert all(sizes[s.id] == len(s.articles) for s in stories), sizes
        assert len(stories) == 6  # A's five, and B's one
        a_ids = {a.id for a in store.articles() if a.input.startswith("a")}
        assert sorted(len(s.articles) for s in stories if a_ids & set(s.articles)) == [1] * 5


def test_finding_05_a_second_writer_waits_then_says_why(tmp_path: Path) -> None:
    from corroborate.assign import update_stories
    from corroborate.config import ReadOptions
    from corroborate.errors import StoreError
    from corroborate.ingest import ingest
    from corroborate.read import Input

    db = tmp_path / "lock.db"
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with Store(db) as store, store.updating_stories():
            holding.set()
            release.wait(10)

    with Store(db) as store:
        ingest([Input(name="d.txt", data=TEXT.encode())], store, ReadOptions())
        holder = threading.Thread(target=hold)
        holder.start()
        assert holding.wait(10)
        try:
            with pytest.raises(StoreError, match="another run"):
                update_stories(store, lock_timeout=0.3)
        finally:
            release.set()
            holder.join(10)
        assert update_stories(store, lock_timeout=5).assigned == 1


def test_finding_05_a_memberless_story_is_404_and_not_listed(tmp_path: Path) -> None:
    db = tmp_path / "ghost.db"
    with Store(db) as store:
        store.db.execute(
            "INSERT INTO stories (id, label, first, last, size, updated_at) "
            "VALUES ('ghost', 'A ghost', NULL, NULL, 3, '2024-01-01T00:00:00+00:00')"
        )
        store.db.commit()
    with TestClient(create_app(db, background=False), raise_server_exceptions=False) as client:
        assert client.get("/stories/ghost").status_code == 404
        assert client.get("/api/stories/ghost").status_code == 404
        assert client.get("/stories/ghost/report.md").status_code == 404
        listed = client.get("/api/stories").json()
        assert listed["total"] == 0 and listed["stories"] == []


# -- finding 9: a lone surrogate ------------------------------------------------------------


def test_finding_09_lone_surrogate_in_json_is_not_a_500(tmp_path: Path) -> None:
    body = (
        b'{"text": "' + TEXT.strip().encode() + b' Caf\\ud800 and \\udfff.", "title": "X\\ud800"}'
    )
    with TestClient(create_app(tmp_path / "f9.db", background=False),
                    raise_server_exceptions=False) as client:  # fmt: skip
        answer = client.post(
            "/api/ingest", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code in (201, 400), answer.text
    if answer.status_code == 201:
        with Store(tmp_path / "f9.db") as store:
            article = store.get(answer.json()["articles"][0]["id"])
            assert article is not None and "\ufffd" in article.text


# -- finding 10: an aborted upload -----------------------------------------------------------


def _aborted(app: Any, path: str) -> None:
    """POST a multipart upload to ``path`` whose client goes away after the first chunk."""
    boundary = b"xyzzy"
    head = (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="files"; '
        b'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n' + b"word " * 2000
    )
    messages = [
        {"type": "http.request", "body": head, "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"content-type", b"multipart/form-data; boundary=" + boundary),
            (b"content-length", b"1000000"),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }

    async def call() -> None:
        await app(scope, receive, send)

    anyio.run(call)


@pytest.mark.parametrize("path", ["/api/ingest", "/add"])
def test_finding_10_aborted_upload_logs_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    app = create_app(tmp_path / "f10.db", background=False)
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            _aborted(app, path)
    mine = [r for r in caplog.records if r.name.startswith("corroborate")]
    assert len(mine) == 3, [r.getMessage() for r in mine]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in mine)
    assert stored(tmp_path / "f10.db") == 0


# -- finding 13: uploads on disk -----------------------------------------------------------


def test_finding_13_uploads_spooled_to_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.web import service

    seen: list[Any] = []
    real = service.add_inputs

    def spy(store: Any, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        for one in inputs:
            seen.append((one.name, one.path, one.data, one.path is not None and one.path.exists()))
        return real(store, inputs, *args, **kwargs)

    monkeypatch.setattr(service, "add_inputs", spy)
    files = [("files", (f"f{k}.txt", (TEXT + f" Number {k}.").encode(), "text/plain"))
             for k in range(3)]  # fmt: skip
    with TestClient(create_app(tmp_path / "f13.db", background=False)) as client:
        assert client.post("/api/ingest", files=files).status_code == 201
        assert client.post("/add", files=files).status_code == 200
    assert len(seen) == 6
    for name, path, data, existed in seen:
        assert data is None and path is not None and existed, name
        assert not path.exists(), "the temporary copy outlived the request"


# -- finding 14: slow clients ----------------------------------------------------------------


def test_finding_14_slow_headers_and_idle_connections_closed(tmp_path: Path) -> None:
    app = create_app(tmp_path / "f14.db", background=False)
    with running(app, header_timeout=1.0) as port:
        idle = socket.create_connection(("127.0.0.1", port))
        slow = socket.create_connection(("127.0.0.1", port))
        idle.settimeout(5)
        slow.settimeout(0.25)
        began = time.monotonic()
        closed_at = None
        for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40:
            try:
                slow.sendall(bytes([byte]))
                if slow.recv(100) == b"":
                    closed_at = time.monotonic() - began
                    break
            except TimeoutError:
                continue
            except OSError:
                closed_at = time.monotonic() - began
                break
        try:
            idle_closed = idle.recv(100) == b""
        except (TimeoutError, OSError):
            idle_closed = False
        idle.close()
        slow.close()
    assert closed_at is not None and closed_at < 4, closed_at
    assert idle_closed


# -- finding 15 (web): sizes, HEAD ------------------------------------------------------------


def test_finding_15_max_size_shown_as_given(tmp_path: Path) -> None:
    app = create_app(tmp_path / "f15.db", background=False, max_upload_bytes=1_000_000)
    with TestClient(app) as client:
        page = client.get("/add").text
    assert "1 MB each" in page and "976" not in page


@pytest.fixture(scope="module")
def a_story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    db = tmp_path_factory.mktemp("story") / "story.db"
    with TestClient(create_app(db, background=False)) as client:
        texts = _texts("dam", 2, 0)
        for text in texts:
            assert client.post("/api/ingest", json={"text": text}).status_code == 201
        with Store(db) as store:
            story = store.stories()[0].id
        yield client, story


def test_finding_15_head_of_a_story_builds_no_report(
    a_story: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.web import service

    client, story = a_story
    made: list[str] = []
    monkeypatch.setattr(service, "story_report", lambda *a, **k: made.append("x"))
    for path in (f"/stories/{story}", f"/stories/{story}/report.html"):
        head = client.head(path)
        assert head.status_code == 200 and head.content == b"", path
    assert made == []
    assert client.head("/stories/nope").status_code == 404


# -- finding 16: the story page, cached ------------------------------------------------------


def test_finding_16_story_page_rendered_once_per_report(
    a_story: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.web import pages

    client, story = a_story
    views: list[int] = []
    real: Callable[..., Any] = pages._report_view

    def counted(*args: Any, **kwargs: Any) -> Any:
        views.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "_report_view", counted)
    first = client.get(f"/stories/{story}")  # makes the report (seconds), renders it
    assert first.status_code == 200
    again = [client.get(f"/stories/{story}") for _ in range(5)]
    assert all(a.status_code == 200 and a.text == first.text for a in again)
    assert len(views) == 1
    api = client.get(f"/api/stories/{story}")
    assert api.status_code == 200 and api.json()["story"]["id"] == story
