"""What a review of the web app found and what now holds: a malformed WARC beside good files,
error pages (unrouted paths, HEAD, an unexpected failure) in HTML with the security headers, a
chunked upload bounded on the add page, bad feed URLs and bodies as 4xx/502, offsets bounded,
dates read alike by the page and the API, searches folding Unicode case, and the article
highlighting of a long article."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.store import Store
from corroborate.web import pages, service
from corroborate.web.app import CSP, create_app

GOOD = b"The ferry to Lindholm resumed on Tuesday after a week of storms, the operator said.\n"
BAD_WARC = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        tmp_path / "h.db",
        background=False,
        max_upload_bytes=20_000,
        max_files=3,
        max_paste_chars=1000,
        allow_private_fetch=True,  # feeds from a loopback server
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def stored(client: TestClient) -> int:
    with Store(client.app.state.settings.db) as store:  # type: ignore[attr-defined]
        return len(store)


def parts(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


def test_a_malformed_warc_fails_alone(client: TestClient) -> None:
    answer = client.post("/api/ingest", files=parts(("good.txt", GOOD), ("bad.warc", BAD_WARC)))
    assert answer.status_code == 201, answer.text
    assert any(p.startswith("failed: bad.warc: ") for p in answer.json()["problems"])
    page = client.post("/add", files=parts(("bad.warc", BAD_WARC)))
    assert page.status_code == 200 and "failed: bad.warc: " in page.text
    assert stored(client) == 1


def test_error_pages_are_html_with_the_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for path in ("/nonexistent", "/stories/a/b"):
        missing = client.get(path)
        assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
        assert missing.headers["content-security-policy"] == CSP
    wrong = client.delete("/")
    assert wrong.status_code == 405 and "text/html" in wrong.headers["content-type"]

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "story_rows", broken)
    with caplog.at_level(logging.ERROR, logger="corroborate"):
        crash = client.get("/")
    assert crash.status_code == 500 and "text/html" in crash.headers["content-type"]
    assert crash.headers["content-security-policy"] == CSP
    assert crash.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in crash.text and "a bug" not in crash.text
    assert any("GET / failed" in r.getMessage() and r.exc_info for r in caplog.records)


def test_head_answers_as_get_without_a_body(client: TestClient) -> None:
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-security-policy"] == CSP
    assert client.head("/api/stories").status_code == 200


def test_a_chunked_upload_is_bounded_on_the_add_page(client: TestClient) -> None:
    boundary = "b0undary"

    def body() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
               'filename="big.txt"\r\n\r\n').encode()  # fmt: skip
        for _ in range(200):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = client.post(
        "/add",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413 and "Nothing was stored" in answer.text
    assert "larger than the limits allow in all" in answer.text  # cut before it was all read
    assert stored(client) == 0


def test_bad_feed_urls_and_bodies_are_not_server_errors(client: TestClient) -> None:
    invalid = client.post("/api/ingest", json={"feed_url": "http://[::1"})
    assert invalid.status_code == 502 and "not a valid URL" in invalid.json()["error"]
    assert client.post("/add", data={"url": "http://[::1"}).status_code == 502
    deep = client.post(
        "/api/ingest", content=b"[" * 50_000, headers={"content-type": "application/json"}
    )
    assert deep.status_code == 400 and "nested" in deep.json()["error"]
    for path in ("/api/articles", "/api/claims", "/api/stories"):
        far = client.get(path, params={"offset": 10**20})
        assert far.status_code == 422, (path, far.text)


def test_a_capitalised_scheme_is_fetched(client: TestClient, feeds: str) -> None:
    url = feeds.replace("http://", "HTTP://") + "/valley-radio.xml"
    answer = client.post("/api/ingest", json={"feed_url": url})
    assert answer.status_code == 201, answer.text


def test_the_page_reads_dates_as_the_api_does(client: TestClient) -> None:
    fields = {"text": GOOD.decode(), "published": "Tue, 11 Mar 2025 10:00:00 GMT"}
    assert client.post("/add", data=fields).status_code == 200
    with Store(client.app.state.settings.db) as store:  # type: ignore[attr-defined]
        assert [a.published for a in store.articles()] == ["2025-03-11T10:00:00+00:00"]


def test_search_folds_unicode_case_and_says_when_past_the_last_page(client: TestClient) -> None:
    text = "Die Fähre nach Lindholm fährt wieder, sagte die Reederei Östersund am Dienstag."
    assert client.post("/api/ingest", json={"text": text, "title": "Fähre"}).status_code == 201
    for word in ("ÖSTERSUND", "östersund", "FÄHRE"):
        assert client.get("/api/stories", params={"q": word}).json()["total"] == 1, word
    past = client.get("/", params={"q": "östersund", "page": 5}).text
    assert "past the last one" in past and "No story has every word" not in past


def test_highlighting_a_long_article() -> None:  # swept once over the marks since the review
    text = "\n".join(f"Sentence {i} names Lindholm on Tuesday." for i in range(3000))
    claims, at = [], 0
    for i, line in enumerate(text.split("\n")):
        end = at + len(line)
        claims.append({"index": i, "start": at, "end": end,
                       "times": [{"start": end - 11, "end": end - 1}]})  # fmt: skip
        at = end + 1
    paragraphs = pages._highlight(text, claims)
    assert len(paragraphs) == 3000
    for i, run in enumerate(paragraphs):
        assert run[0]["claims"] == [i] and run[0]["anchors"] == [i]
    assert all(run[1]["slot"] == "time" for run in paragraphs)
    assert json.dumps(paragraphs)  # plain data for the template


def test_a_failure_outside_the_api_routes_is_still_json(tmp_path: Path) -> None:
    app = create_app(tmp_path / "m.db", background=False)

    class Broken:  # a middleware that fails: what no route's own handler can catch
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":  # the app's lifespan goes through
                await self.inner(scope, receive, send)
                return
            raise RuntimeError("a bug")

    app.add_middleware(Broken)
    with TestClient(app, raise_server_exceptions=False) as broken:
        api = broken.get("/api/stories")
        page = broken.get("/")
    assert api.status_code == 500 and api.json() == {
        "error": "internal error (the server log has the details)",
        "status": 500,
    }
    assert api.headers["content-security-policy"] == CSP
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert page.headers["content-security-policy"] == CSP


def test_the_referrer_policy_lets_the_app_forms_say_their_origin(client: TestClient) -> None:
    # With "no-referrer" a browser sends "Origin: null" with the app's own form posts, and the
    # same-origin check refuses them (the add page failed in Chromium so); "same-origin" sends
    # the origin to the app only.
    page = client.get("/add")
    assert page.headers["referrer-policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in page.text
    null = client.post("/add", data={"form": "paste", "text": "x"}, headers={"Origin": "null"})
    assert null.status_code == 403
