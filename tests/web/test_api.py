"""The JSON API under /api/, through FastAPI's test client: every endpoint, its success and its
bad requests (wrong JSON, unknown ids, oversized uploads, too many files, empty bodies, bad and
unreachable feed URLs), the one error shape, the documentation page, and a story's report as the
`report` command makes it.

One store (the examples, uploaded through POST /api/ingest) serves most tests; the report and
claims tests need the models (spaCy and MiniLM, loaded once per process).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.store import Store
from corroborate.web.api import render_docs
from corroborate.web.app import create_app
from tests.web.conftest import closed_port

EXAMPLE_FILES = [
    "wire-agency.txt",
    "daily-ledger.txt",
    "coastline-herald.html",
    "archive.warc.gz",
    "pastes.jsonl",
]
PASTE = {
    "text": (
        "A fire broke out in a bakery on the market square of Lindenfeld early on Wednesday, "
        "the town's fire brigade said.\n"
        "Firefighters brought the blaze under control within two hours; 12 residents of the "
        "flats above the bakery were taken to a school hall for the night."
    ),
    "title": "Bakery fire closes Lindenfeld market square",
    "source": "Lindenfeld Gazette",
    "published": "2025-03-12",
    "url": "https://gazette.example/bakery-fire",
}


@dataclass
class Api:
    client: TestClient
    db: Path
    added: dict[str, Any]  # what ingesting the examples answered


def files_of(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


def assert_error(response: Any, status: int, *words: str) -> dict[str, Any]:
    """The response is the API's error shape with this status, its message holding ``words``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"], body
    return body


def count(db: Path) -> int:
    with Store(db) as store:
        return len(store)


@pytest.fixture(scope="module")
def api(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    db = tmp_path_factory.mktemp("api") / "web.db"
    with TestClient(create_app(db, background=False)) as client:
        parts = files_of(*[(name, (examples / name).read_bytes()) for name in EXAMPLE_FILES])
        response = client.post("/api/ingest", files=parts)
        assert response.status_code == 201, response.text
        yield Api(client, db, response.json())


@pytest.fixture
def small(tmp_path: Path) -> Iterator[TestClient]:
    """An app with tiny limits: 2 files of 1,000 bytes, 500 characters of paste."""
    app = create_app(
        tmp_path / "small.db",
        background=False,
        max_files=2,
        max_upload_bytes=1000,
        max_paste_chars=500,
    )
    with TestClient(app) as client:
        yield client


def dam_story(api: Api) -> dict[str, Any]:
    rows = api.client.get("/api/stories", params={"q": "Gurghiu"}).json()["stories"]
    assert rows, "the examples' story was not found"
    return max(rows, key=lambda r: r["articles"])  # type: ignore[no-any-return]


# -- ingest -----------------------------------------------------------------------------------


def test_ingesting_the_examples(api: Api) -> None:
    added = api.added
    assert added["new"] == added["read"] == 7 and added["duplicates"] == 0
    assert {a["input"].split(":")[0].split("#")[0] for a in added["articles"]} >= {
        "wire-agency.txt",
        "coastline-herald.html",
        "pastes.jsonl",
    }
    assert added["stories"] and all(a["new"] for a in added["articles"])
    assert any(p.startswith("skipped: archive.warc.gz") for p in added["problems"])
    assert count(api.db) == 7


def test_ingest_pasted_text_with_metadata(api: Api) -> None:
    response = api.client.post("/api/ingest", json=PASTE)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["new"] == 1 and len(body["stories"]) == 1
    article_id = body["articles"][0]["id"]
    article = api.client.get(f"/api/articles/{article_id}").json()["article"]
    assert article["title"] == PASTE["title"] and article["source"] == PASTE["source"]
    assert article["url"] == PASTE["url"] and article["published"] == "2025-03-12"
    again = api.client.post("/api/ingest", json=PASTE)
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    assert again.json()["stories"] == body["stories"]


def test_ingest_form_fields_beside_files(small: TestClient) -> None:
    text = b"Heavy rain flooded the lower town of Brisk on Monday, the mayor said.\n" * 3
    response = small.post(
        "/api/ingest",
        files=[("upload", ("rain.txt", text, "text/plain"))],  # any field name holds a file
        data={"source": "Brisk Courier", "published": "Mon, 10 Mar 2025 08:00:00 GMT"},
    )
    assert response.status_code == 201, response.text
    article = small.get(f"/api/articles/{response.json()['articles'][0]['id']}").json()
    assert article["article"]["source"] == "Brisk Courier"
    assert article["article"]["published"].startswith("2025-03-10T08:00")


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"content": b'{"text": "unclosed', "headers": JSON}, 400, ["not valid JSON"]),
        ({"content": b"", "headers": JSON}, 400, ["empty body"]),
        ({"content": b'{"text": "no type"}'}, 415, ["no content type"]),
        ({"json": {}}, 400, ["nothing to add"]),
        ({"json": {"text": "   "}}, 400, ["text is empty"]),
        ({"json": [PASTE]}, 422, ["JSON object"]),
        ({"json": {"text": 42}}, 422, ["text"]),
        ({"json": {"body": "the text"}}, 422, ["body", "unknown field"]),
        ({"json": {**PASTE, "published": "last Tuesday"}}, 422, ["published", "not a date"]),
        ({"json": {"feed_url": "file:///etc/passwd"}}, 400, ["http or https"]),
        ({"json": {"feed_url": "ftp://example.org/feed.xml"}}, 400, ["http or https"]),
        ({"content": b"text=hi", "headers": {"content-type": "text/plain"}}, 415, ["text/plain"]),
    ],
)
def test_ingest_bad_requests(
    api: Api, kwargs: dict[str, Any], status: int, words: list[str]
) -> None:
    before = count(api.db)
    assert_error(api.client.post("/api/ingest", **kwargs), status, *words)
    assert count(api.db) == before


def test_ingest_limits(small: TestClient, tmp_path: Path) -> None:
    text = b"The river rose by two metres overnight, the water authority said.\n"
    assert_error(
        small.post("/api/ingest", files=files_of(("big.txt", text * 20))),
        413,
        "big.txt",
        "limit per file",
    )
    three = files_of(*[(f"{n}.txt", text) for n in range(3)])
    assert_error(small.post("/api/ingest", files=three), 413, "too many files")
    assert_error(small.post("/api/ingest", json={"text": "word " * 200}), 413, "characters")
    huge = b"x" * 5_000_000  # over every file at its limit + a paste: refused before reading
    assert_error(
        small.post("/api/ingest", content=huge, headers={"content-type": "application/json"}), 413
    )
    with Store(tmp_path / "small.db") as store:
        assert len(store) == 0


def test_malformed_uploads_never_corrupt_the_store(api: Api) -> None:
    before = count(api.db)
    bad = [
        ("photo.txt", bytes(range(256)) * 40),
        ("empty.txt", b""),
        ("cut.gz", b"\x1f\x8b\x08\x00broken"),
        ("broken.jsonl", b'{"text": "unclosed\n[1, 2\n'),
        ("page.html", b"<html><body><div></div></body></html>"),
    ]
    body = assert_error(
        api.client.post("/api/ingest", files=files_of(*bad)), 422, "nothing could be read"
    )
    for name, _ in bad:
        assert any(name in line for line in body["problems"]), (name, body["problems"])
    assert count(api.db) == before
    with Store(api.db) as store:  # opens, is whole, still holds the examples
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert all(a["id"] in store for a in api.added["articles"])
    # one good file among bad ones: the good one is stored, the bad ones are problem lines
    good = ("good.txt", b"Rescue teams reached the village of Oltenesti on Tuesday.\n" * 3)
    mixed = api.client.post("/api/ingest", files=files_of(good, *bad[:2]))
    assert mixed.status_code == 201 and mixed.json()["new"] == 1
    assert len(mixed.json()["problems"]) == 2
    assert count(api.db) == before + 1


def test_ingest_a_feed_url(tmp_path: Path, feeds: str) -> None:
    app = create_app(tmp_path / "feed.db", background=False, allow_private_fetch=True)
    with TestClient(app) as client:
        response = client.post("/api/ingest", json={"feed_url": f"{feeds}/valley-radio.xml"})
        assert response.status_code == 201, response.text
        assert response.json()["new"] >= 1 and response.json()["stories"]
        missing = client.post("/api/ingest", json={"feed_url": f"{feeds}/missing.xml"})
        assert_error(missing, 502, "404")
        gone = f"http://127.0.0.1:{closed_port()}/feed.xml"
        assert_error(
            client.post("/api/ingest", json={"feed_url": gone}), 502, "could not be fetched"
        )


# -- stories ----------------------------------------------------------------------------------


def test_stories(api: Api) -> None:
    body = api.client.get("/api/stories").json()
    assert body["total"] == len(body["stories"]) >= 2
    row = dam_story(api)
    assert row["articles"] >= 4 and set(row) >= {"id", "label", "first", "last", "ready"}
    page = api.client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == body["total"] and page["stories"] == body["stories"][1:2]
    none = api.client.get("/api/stories", params={"q": "nothing-like-this-anywhere"})
    assert none.json() == {"total": 0, "stories": []}


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"limit": "many"}, {"q": "x" * 201}],
)
def test_story_list_validation(api: Api, params: dict[str, Any]) -> None:
    name = next(iter(params))
    assert_error(api.client.get("/api/stories", params=params), 422, f"query parameter {name}")


def test_unknown_ids_and_paths(api: Api) -> None:
    assert_error(api.client.get("/api/stories/s000"), 404, "no story", "s000")
    assert_error(api.client.get("/api/articles/0000"), 404, "no article")
    assert_error(api.client.get("/api/articles/0000/claims"), 404, "no article")
    assert_error(api.client.get("/api/articles", params={"story": "s000"}), 404, "no story")
    assert_error(api.client.get("/api/claims", params={"story": "s000"}), 404, "no story")
    assert_error(api.client.get("/api/nothing/here"), 404)
    assert_error(api.client.delete("/api/stories"), 405)
    assert_error(api.client.get("/api/ingest"), 405)
    # a unique prefix is not an id here (pages and API name articles by their whole id)
    article = api.added["articles"][0]["id"]
    assert_error(api.client.get(f"/api/articles/{article[:6]}"), 404)
    # the pages keep their own (HTML) errors
    page = api.client.get("/stories/s000")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_errors_inside_a_route_are_json(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.web import service

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service, "story_rows", broken)
    body = assert_error(api.client.get("/api/stories"), 500, "internal error")
    assert "disk on fire" not in body["error"]


def test_security_headers(api: Api) -> None:
    response = api.client.get("/api/stories")
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


# -- articles ---------------------------------------------------------------------------------


def test_articles(api: Api) -> None:
    body = api.client.get("/api/articles").json()
    assert body["total"] == count(api.db) and len(body["articles"]) == body["total"]
    first = body["articles"][0]
    assert "text" not in first and first["words"] > 0 and first["ingested_at"]
    assert all(a["story"] for a in body["articles"])
    page = api.client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert [a["id"] for a in page["articles"]] == [a["id"] for a in body["articles"][1:3]]
    story = dam_story(api)
    members = api.client.get("/api/articles", params={"story": story["id"]}).json()
    assert members["total"] == story["articles"] == len(members["articles"])
    assert {a["story"] for a in members["articles"]} == {story["id"]}


def test_article(api: Api) -> None:
    story = dam_story(api)
    members = api.client.get("/api/articles", params={"story": story["id"]}).json()["articles"]
    view = api.client.get(f"/api/articles/{members[0]['id']}").json()
    assert view["article"]["id"] == members[0]["id"] and view["article"]["text"]
    assert "removed" not in view["article"] and isinstance(view["removed"], list)
    assert view["story"] == story["id"] and len(view["others"]) == story["articles"] - 1
    kinds = {"duplicate", "rewrite", "shared-source", "independent"}
    assert {r["relation"] for r in view["relations"]} <= kinds and view["relations"]
    # the pasted page's site junk is there, with the rule that removed each line
    ledger = next(a for a in api.added["articles"] if a["input"] == "daily-ledger.txt")
    junk = api.client.get(f"/api/articles/{ledger['id']}").json()["removed"]
    assert junk and all({"line", "text", "reason"} <= set(r) for r in junk)


# -- with the models: claims and the report ---------------------------------------------------


def test_claims(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    # an article of a story no other test reports on: its claims are not made yet
    tram = next(a for a in api.added["articles"] if "tram" in (a["title"] or ""))
    assert api.client.get("/api/claims", params={"article": tram["id"]}).json()["total"] == 0
    body = api.client.get(f"/api/articles/{tram['id']}/claims").json()
    assert body["article"] == tram["id"] and body["note"] is None and body["claims"]
    assert body["extractor"].endswith(tuple("0123456789"))
    text = api.client.get(f"/api/articles/{tram['id']}").json()["article"]["text"]
    for claim in body["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    # kept: asked again, nothing is parsed
    import corroborate.claims as claims

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("claims are made once per article")

    monkeypatch.setattr(claims, "update_claims", fail)
    assert api.client.get(f"/api/articles/{tram['id']}/claims").json() == body
    stored = api.client.get("/api/claims", params={"article": tram["id"]}).json()
    assert stored == {"total": len(body["claims"]), "claims": body["claims"]}
    page = api.client.get("/api/claims", params={"article": tram["id"], "limit": 2, "offset": 1})
    assert page.json()["claims"] == body["claims"][1:3]
    every = api.client.get("/api/claims", params={"limit": 500}).json()
    with Store(api.db) as store:
        assert every["total"] == store.claim_count() >= len(body["claims"])
    assert [c for c in every["claims"] if c["article"] == tram["id"]] == body["claims"]
    assert_error(api.client.get("/api/claims", params={"article": "0000"}), 404)


def test_story_report_is_the_report_command_s(api: Api, run_cli: Any, tmp_path: Path) -> None:
    story = dam_story(api)
    response = api.client.get(f"/api/stories/{story['id']}")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    doc = response.json()
    assert doc["schema"] == "corroborate.report" and doc["version"] == 1
    assert doc["story"]["id"] == story["id"] and len(doc["sources"]) == story["articles"]
    row = next(
        r for r in api.client.get("/api/stories").json()["stories"] if r["id"] == story["id"]
    )
    assert row["ready"] and row["conflicts"] == len(doc["conflicts"])
    # the kept report comes back as stored
    again = api.client.get(f"/api/stories/{story['id']}")
    assert again.content == response.content
    # the report command, made afresh, says the same (but for when it was made)
    made = run_cli(
        "report",
        "--db",
        api.db,
        "--story",
        story["id"],
        "--refresh",
        "--format",
        "json",
        "--out",
        tmp_path / "out",
        "--quiet",
    )
    assert made.exit_code == 0, made.stderr
    cli = json.loads(made.stdout)
    cli_doc = cli[0] if isinstance(cli, list) else cli
    assert {k: v for k, v in cli_doc.items() if k != "generated"} == {
        k: v for k, v in doc.items() if k != "generated"
    }


def test_kept_report_loads_no_model(api: Api) -> None:
    """A kept report is read without loading torch or spaCy (in a fresh process)."""
    story = dam_story(api)
    api.client.get(f"/api/stories/{story['id']}")  # made and kept (if not yet)
    script = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from corroborate.web.app import create_app\n"
        f"client = TestClient(create_app({str(api.db)!r}, background=False))\n"
        f"response = client.get('/api/stories/{story['id']}')\n"
        "assert response.status_code == 200, response.text\n"
        "assert response.json()['schema'] == 'corroborate.report'\n"
        "heavy = [m for m in ('torch', 'spacy', 'sentence_transformers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_refresh_remakes_the_report(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    import corroborate.report.build as build

    story = dam_story(api)
    kept = api.client.get(f"/api/stories/{story['id']}").json()

    class Remade:
        def to_dict(self) -> dict[str, Any]:
            return {**kept, "generated": "2099-01-01T00:00:00+00:00"}

    calls = []

    def remake(*args: object, **kwargs: object) -> Remade:
        calls.append(1)
        return Remade()

    monkeypatch.setattr(build, "build_stored_report", remake)
    assert api.client.get(f"/api/stories/{story['id']}").json() == kept and not calls
    fresh = api.client.get(f"/api/stories/{story['id']}", params={"refresh": "true"}).json()
    assert calls and fresh["generated"] == "2099-01-01T00:00:00+00:00"
    assert api.client.get(f"/api/stories/{story['id']}").json() == fresh  # kept in turn
    assert_error(
        api.client.get(f"/api/stories/{story['id']}", params={"refresh": "maybe"}), 422, "refresh"
    )


# -- documentation ----------------------------------------------------------------------------


def test_docs_page(api: Api) -> None:
    response = api.client.get("/api/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<script" not in page.lower()
    spec = api.client.get("/api/openapi.json").json()
    for path, item in spec["paths"].items():
        assert f"<code>{path}</code>" in page
        for method in item:
            assert f'<span class="m">{method.upper()}</span> <code>{path}</code>' in page
    for words in (
        "Parameters",
        "Request body",
        "Responses",
        "multipart/form-data",
        "ErrorBody",
        "StoryList",
        "IngestResult",
        "refresh",
    ):
        assert words in page, words
    assert "/api/stories/{story_id}" in spec["paths"] and "/api/ingest" in spec["paths"]
    assert "/" not in spec["paths"]  # the pages are not part of the API's schema


def test_openapi_documents_the_error_shape(api: Api) -> None:
    spec = api.client.get("/api/openapi.json").json()
    op = spec["paths"]["/api/stories/{story_id}"]["get"]
    assert op["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody"
    )
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_docs_escape_everything() -> None:
    evil = "<script>alert(1)</script>"
    spec = {
        "info": {"title": evil, "version": evil, "summary": evil},
        "paths": {
            f"/api/{evil}": {
                "get": {
                    "summary": evil,
                    "description": evil,
                    "parameters": [
                        {"name": evil, "in": "query", "schema": {"type": evil, "default": evil}}
                    ],
                    "responses": {
                        "200": {
                            "description": evil,
                            "content": {evil: {"schema": {"$ref": f"#/components/schemas/{evil}"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                evil: {
                    "type": "object",
                    "description": evil,
                    "properties": {evil: {"type": "string", "description": evil}},
                }
            }
        },
    }
    page = render_docs(spec)
    assert "<script" not in page and "&lt;script&gt;" in page
