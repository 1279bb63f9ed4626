"""The web app's service layer over a store: story rows, kept reports, article views, adding
inputs (uploads, pastes), fetching a feed."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.read import Input
from corroborate.store import Store
from corroborate.web import service
from tests.web.conftest import closed_port


@pytest.fixture
def filled(tmp_path: Path, examples: Path) -> Iterator[Store]:
    with Store(tmp_path / "web.db") as store:
        files = [p for p in sorted(examples.rglob("*")) if p.suffix in (".txt", ".html", ".xml")]
        result = service.add_inputs(store, [Input(p.name, data=p.read_bytes()) for p in files])
        assert result.new >= 5 and result.stories
        yield store


def test_story_rows_without_reports(filled: Store) -> None:
    rows, total = service.story_rows(filled)
    assert total == len(rows) >= 2
    assert all(r["ready"] is False and r["conflicts"] is None for r in rows)
    dam = [r for r in rows if "dam" in r["label"].lower()]
    assert dam and dam[0]["articles"] >= 4
    found, count = service.story_rows(filled, "Gurghiu")
    assert count >= 1 and dam[0]["id"] in {r["id"] for r in found}
    assert service.story_rows(filled, "nothing-like-this-anywhere") == ([], 0)
    page, total = service.story_rows(filled, limit=1, offset=1)
    assert len(page) == 1 and page[0]["id"] == rows[1]["id"]


def test_unknown_ids(filled: Store) -> None:
    with pytest.raises(service.NotFound):
        service.story_report(filled, "s000")
    with pytest.raises(service.NotFound):
        service.article_view(filled, "nope")


def test_adding_again_points_at_the_stories(filled: Store, examples: Path) -> None:
    wire = examples / "wire-agency.txt"
    again = service.add_inputs(filled, [Input(wire.name, data=wire.read_bytes())])
    assert again.new == 0 and again.duplicates == 1 and len(again.stories) == 1


def test_bad_uploads_are_problem_lines_and_store_nothing(filled: Store) -> None:
    before = len(filled)
    result = service.add_inputs(filled, [
        Input("photo.txt", data=bytes(range(256)) * 50),
        Input("empty.txt", data=b""),
        Input("cut.gz", data=b"\x1f\x8b\x08\x00broken"),
    ])  # fmt: skip
    assert result.new == 0 and len(result.problems) == 3
    assert all(any(name in line for line in result.problems)
               for name in ("photo.txt", "empty.txt", "cut.gz"))  # fmt: skip
    assert len(filled) == before


def test_article_view(filled: Store) -> None:
    story = max(filled.stories(), key=lambda s: len(s.articles))
    view = service.article_view(filled, story.articles[0])
    assert view["story"] == story.id and len(view["others"]) == len(story.articles) - 1
    kinds = {"duplicate", "rewrite", "shared-source", "independent"}
    assert {r["relation"] for r in view["relations"]} <= kinds
    assert "text" in view["article"] and "removed" not in view["article"]


def test_story_report_is_kept(filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    story = max(filled.stories(), key=lambda s: len(s.articles))
    doc = service.story_report(filled, story.id)
    assert doc["schema"] == "corroborate.report" and len(doc["sources"]) == len(story.articles)
    row = next(r for r in service.story_rows(filled)[0] if r["id"] == story.id)
    assert row["ready"] and row["conflicts"] == len(doc["conflicts"])

    import corroborate.report.build as build

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept report is read back, not made again")

    monkeypatch.setattr(build, "build_stored_report", fail)
    assert service.story_report(filled, story.id) == doc


def test_fetch_feed(feeds: str) -> None:
    url = f"{feeds}/valley-radio.xml"
    fetch_feed = functools.partial(service.fetch_feed, allow_private=True)  # a loopback server
    with pytest.raises(service.FetchError, match="loopback"):
        service.fetch_feed(url)
    got = fetch_feed(url)
    assert got.name == url and got.data and got.data.startswith(b"<?xml")
    with pytest.raises(service.FetchError, match="larger than 100 bytes"):
        fetch_feed(url, max_bytes=100)
    with pytest.raises(service.FetchError, match="404"):
        fetch_feed(url.replace("valley-radio", "missing"))
    with pytest.raises(service.FetchError, match="only http and https"):
        fetch_feed("file:///etc/passwd")
    with pytest.raises(service.FetchError, match="could not be fetched"):
        fetch_feed(f"http://127.0.0.1:{closed_port()}/gone.xml", timeout=2)
