"""Fuzz target: the body of ``POST /api/ingest`` (JSON of any shape, raw bytes under any
content type, multipart files with any names and bytes). Any 500, or an answer that is not the
API's JSON, fails; a hang fails by the deadline. Feed URLs go to an injected transport (no
network). Budget: ``FUZZ_EXAMPLES`` examples (30 by default; ``make fuzz`` runs more)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.web.app import create_app

pytestmark = pytest.mark.fuzz

FIELDS = ["text", "title", "source", "published", "url", "feed_url"]
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Dam</title>'
    b"<description>The dam near Reghin burst on Tuesday, flooding forty houses, the county "
    b"said.</description></item></channel></rss>"
)


def _feed(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("missing"):
        return httpx.Response(404)
    return httpx.Response(200, content=FEED, headers={"Content-Type": "application/rss+xml"})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = create_app(db, background=False, max_upload_bytes=200_000, max_files=4,
                     max_paste_chars=20_000, fetch_transport=httpx.MockTransport(_feed),
                     fetch_timeout=3.0)  # fmt: skip
    with TestClient(app, raise_server_exceptions=False) as test_client:
        warm = test_client.post(
            "/api/ingest", json={"text": "A first text to warm up the readers."}
        )
        assert warm.status_code < 500
        yield test_client


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.sampled_from(
        [
            "2024-12-01",
            "Tue, 11 Mar 2025 10:00:00 GMT",
            "http://feeds.example/rss",
            "http://127.0.0.1/x",
            "https://feeds.example/missing",
            "ftp://x",
            "\ud800",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
objects = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=6)
kinds = st.sampled_from(
    [
        "application/json",
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "multipart/form-data",
        "application/ld+json",
        "multipart/form-data; boundary=zz",
    ]
)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    shape = draw(st.sampled_from(["json", "raw", "multipart"]))
    if shape == "json":
        body = json.dumps(draw(objects | values), ensure_ascii=draw(st.booleans()), allow_nan=True)
        return {
            "content": body.encode("utf-8", "surrogatepass"),
            "headers": {"Content-Type": "application/json"},
        }
    if shape == "raw":
        return {"content": draw(st.binary(max_size=2000)), "headers": {"Content-Type": draw(kinds)}}
    files = [
        (
            "files",
            (
                draw(st.text(max_size=40)),
                draw(st.binary(max_size=3000)),
                "application/octet-stream",
            ),
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    data = draw(st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=200), max_size=3))
    return {"files": files or None, "data": data}


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(request=requests())
def test_ingest_body_never_a_server_error(client: TestClient, request: dict[str, Any]) -> None:
    if request.get("files") is None and "data" in request and not request["data"]:
        request = {"data": {"text": ""}}
    answer = client.post("/api/ingest", **request)
    assert answer.status_code < 500, answer.text
    assert answer.headers["content-type"].startswith("application/json"), answer.text
    body = answer.json()
    if answer.status_code >= 400:
        assert isinstance(body.get("error"), str) and body.get("status") == answer.status_code
