"""The server-rendered pages, through FastAPI's test client: stories (search, pages, empty
store, report status), a story's report and its downloads, an article with its claims marked,
adding by paste, upload and feed URL, the limits, bad uploads, and untrusted markup escaped on
every page.

One store (the examples and a planted article, uploaded through the add page) serves most
tests; pages that make a report need the models (spaCy and MiniLM, loaded once per process).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from corroborate.store import Store
from corroborate.web import pages
from corroborate.web.app import create_app

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = '"><img src=x onerror="document.title=\'PWNED\'">'
JS_URL = "javascript:document.title='PWNED'"
PLANTED = {
    "title": f"{SCRIPT} Bakery fire closes Lindenfeld market square",
    "source": f"Lindenfeld Gazette {IMG}",
    "url": JS_URL,
    "published": "2025-03-12",
    "text": (
        "A fire broke out in a bakery on the market square of Lindenfeld early on Wednesday, "
        f"the town's fire brigade said. {SCRIPT}\n"
        "Firefighters brought the blaze under control within two hours; 12 residents of the "
        f"flats above the bakery were taken to a school hall for the night. {IMG}\n"
        "“The ovens had been checked only last month,” said the bakery's owner, Marta Keller, "
        "who added that nobody had been hurt."
    ),
}
EXAMPLE_FILES = [
    "wire-agency.txt",
    "daily-ledger.txt",
    "coastline-herald.html",
    "archive.warc.gz",
    "pastes.jsonl",
]


@dataclass
class Site:
    client: TestClient
    db: Path
    added: str  # the page that adding the examples gave


def upload(client: TestClient, files: list[tuple[str, bytes]], **fields: str) -> Any:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/add", files=parts, data=fields)


def count(db: Path) -> tuple[int, int]:
    with Store(db) as store:
        return len(store), store.story_count()


def links(page: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', page) if h.startswith(prefix)]


@pytest.fixture(scope="module")
def site(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = tmp_path_factory.mktemp("pages") / "web.db"
    with TestClient(create_app(db, background=False)) as client:
        files = [(name, (examples / name).read_bytes()) for name in EXAMPLE_FILES]
        files.append(("planted.jsonl", json.dumps(PLANTED).encode()))
        response = upload(client, files)
        assert response.status_code == 200, response.text
        yield Site(client, db, response.text)


def story_with(client: TestClient, words: str) -> str:
    """The href of the first story the search for ``words`` finds."""
    page = client.get("/", params={"q": words}).text
    found = links(page, "/stories/")
    assert found, f"no story found for {words!r}"
    return found[0]


# -- the stories page -------------------------------------------------------------------------


def test_adding_the_examples_lists_what_was_read(site: Site) -> None:
    page = site.added
    assert "new articles</h1>" in page
    assert "Problems" in page and "not HTML pages were skipped" in page  # the WARC's PNG record
    assert len(links(page, "/articles/")) == 8  # 5 examples + 2 more lines of pastes.jsonl
    assert links(page, "/stories/")
    with Store(site.db) as store:
        assert len(store) == 8


def test_stories_page(site: Site) -> None:
    response = site.client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert 'href="/add"' in page and 'href="/api/docs"' in page
    with Store(site.db) as store:
        stories = store.stories()
    assert len(stories) == 3  # the dam, the tram, the bakery fire
    assert links(page, "/stories/") == [f"/stories/{s.id}" for s in stories]  # newest first
    for story in stories:
        assert str(escape(story.label)) in page
    assert "<script" not in page


def test_report_status_on_the_stories_page(tmp_path: Path, examples: Path) -> None:
    with TestClient(create_app(tmp_path / "status.db", background=False)) as client:
        wire = examples / "wire-agency.txt"
        assert upload(client, [(wire.name, wire.read_bytes())]).status_code == 200
        assert "report not made yet" in client.get("/").text
        client.app.state.reports.busy = lambda story_id: True  # type: ignore[attr-defined]
        assert "report being made" in client.get("/").text


def test_empty_store_says_how_to_add(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.db", background=False)) as client:
        page = client.get("/").text
    assert "No stories yet" in page and 'href="/add"' in page
    assert "corroborate ingest" in page


def test_search(site: Site) -> None:
    page = site.client.get("/", params={"q": "Gurghiu"}).text
    assert "dam fails" in page.lower() and "tram extension" not in page
    assert 'value="Gurghiu"' in page
    none = site.client.get("/", params={"q": "zyzzyva nowhere"}).text
    assert "No story has every word" in none and not links(none, "/stories/")


def test_pages_of_stories(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    first = site.client.get("/").text
    second = site.client.get("/", params={"page": 2}).text
    one, two = links(first, "/stories/"), links(second, "/stories/")
    assert len(one) == 2 and two and not set(one) & set(two)
    assert 'href="/?page=2"' in first and "Page 1 of" in first
    assert '<a href="/" rel="prev">' in second  # back to the first page
    assert "past the last one" in site.client.get("/", params={"page": 99}).text
    for odd in ("x", "0", "²", "9" * 5000):
        assert links(site.client.get("/", params={"page": odd}).text, "/stories/") == one


# -- a story, its downloads, an article -------------------------------------------------------


def test_story_page(site: Site) -> None:
    href = story_with(site.client, "Gurghiu")
    response = site.client.get(href)
    assert response.status_code == 200
    page = response.text
    for section in (
        "brief",
        "sources",
        "facts",
        "conflicts",
        "unique",
        "matrix",
        "provenance",
        "timeline",
    ):
        assert f'id="{section}"' in page, section
    assert "independent sources" in page and 'class="badge' in page
    assert 'class="sides"' in page  # conflicts side by side
    cited = re.findall(r'<a class="cite" href="(/articles/[0-9a-f]+)"', page)
    assert cited, "citations link to the articles' pages"
    for article in set(cited):
        assert site.client.get(article).status_code == 200
    for ext in ("html", "md", "json"):
        assert f'href="{href}/report.{ext}"' in page
    assert "<script" not in page
    # the report is kept: the list now shows its counts
    listed = site.client.get("/", params={"q": "Gurghiu"}).text
    assert "report not made yet" not in listed and 'class="badge bad"' in listed


def test_downloads(site: Site) -> None:
    href = story_with(site.client, "Gurghiu")
    story_id = href.rsplit("/", 1)[-1]
    got = {ext: site.client.get(f"{href}/report.{ext}") for ext in ("html", "md", "json")}
    for ext, response in got.items():
        assert response.status_code == 200, ext
        disposition = response.headers["content-disposition"]
        assert disposition == f'attachment; filename="{story_id}-report.{ext}"'
    assert got["html"].headers["content-type"] == "text/html; charset=utf-8"
    assert got["md"].headers["content-type"] == "text/markdown; charset=utf-8"
    assert got["json"].headers["content-type"] == "application/json"
    doc = got["json"].json()
    assert doc["schema"] == "corroborate.report" and doc["story"]["id"] == story_id
    assert got["html"].text.startswith("<!DOCTYPE html>") and 'href="#source-1"' in got["html"].text
    assert got["md"].text.startswith("#")
    missing = site.client.get(f"{href}/report.exe")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")


def test_not_found_pages(site: Site) -> None:
    for path in (
        "/stories/s0000nothing",
        "/articles/0000nothing",
        "/stories/nope/report.json",
        "/articles/<b>x",
    ):
        response = site.client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "There is no" in response.text and "<b>x</b>" not in response.text


def test_article_page(site: Site) -> None:
    with Store(site.db) as store:
        ledger = next(a for a in store.articles() if a.input == "daily-ledger.txt")
        assert ledger.removed
    page = site.client.get(f"/articles/{ledger.id}").text
    assert 'class="claim k0' in page and 'class="hl figure"' in page
    assert 'class="hl time"' in page and 'class="hl place"' in page
    assert 'id="claim-0"' in page
    assert "Removed junk" in page and ledger.removed[0].reason in page
    assert unescape(page).count(ledger.removed[0].text) >= 1
    assert "daily-ledger.txt" in page  # read from
    assert links(page, "/stories/")  # its story
    others = [h for h in links(page, "/articles/") if h != f"/articles/{ledger.id}"]
    assert len(others) >= 3 and "rewrite" in page  # relations to the wire and its copies
    text = re.search(r'<div class="article-text">(.*?)</div>', page, re.S)
    assert text is not None
    plain = re.sub(r"<[^>]+>", "", text.group(1))
    assert " ".join(unescape(plain).split()) == " ".join(ledger.text.split())


def test_highlight_slices_escape_and_keep_offsets() -> None:
    text = "A <b>bold</b> claim of 3 people.\nSecond line & more."
    claims = [
        {
            "index": 0,
            "start": 0,
            "end": 32,
            "subject": "<b>",
            "quantities": [{"start": 23, "end": 24}],
            "times": [],
            "places": [{"start": 99, "end": 120}],
        },
        {
            "index": 1,
            "start": 33,
            "end": 51,
            "quotes": [{"start": 40, "end": 44, "kind": "direct"}],
        },
    ]
    paragraphs = pages._highlight(text, claims)
    assert len(paragraphs) == 2
    assert "".join(s["text"] for s in paragraphs[0]) == text.split("\n")[0]
    assert [s["slot"] for s in paragraphs[0] if s["slot"]] == ["figure"]
    assert paragraphs[1][0]["anchors"] == [1]
    assert [s["text"] for s in paragraphs[1] if s["slot"] == "quote"] == ["line"]


# -- adding -----------------------------------------------------------------------------------


def test_add_page(site: Site) -> None:
    page = site.client.get("/add").text
    assert page.count('action="/add"') == 3 and 'type="file"' in page and "multiple" in page
    assert 'enctype="multipart/form-data"' in page and "at most 20 files" in page


def test_add_by_paste(site: Site) -> None:
    before = count(site.db)
    text = (
        "Workers in the port of Valmora walked out on Thursday over pay, the dockers' union "
        "said, halting the loading of 40 ships.\n"
        "The port authority said talks would resume on Monday and that perishable cargo would "
        "be moved to the rail terminal in the meantime."
    )
    fields = {
        "text": text,
        "title": "Dockers strike in Valmora",
        "outlet": "Harbour Times",
        "published": "2025-03-13",
    }
    page = site.client.post("/add", data=fields).text
    assert "1 new article</h1>" in page and "Dockers strike in Valmora" in page
    assert count(site.db)[0] == before[0] + 1
    with Store(site.db) as store:
        got = next(a for a in store.articles() if a.title == "Dockers strike in Valmora")
    assert got.source == "Harbour Times" and got.published == "2025-03-13"
    again = site.client.post("/add", data=fields).text
    assert "0 new articles</h1>" in again and "already stored" in again
    bad = site.client.post("/add", data={**fields, "published": "the day before"})
    assert bad.status_code == 400 and "Nothing was stored" in bad.text
    assert "walked out on Thursday" in bad.text and 'value="the day before"' in bad.text
    empty = site.client.post("/add", data={"text": "  "})
    assert empty.status_code == 400 and "Nothing to add" in empty.text


def test_add_by_feed_url(tmp_path: Path, feeds: str) -> None:
    app = create_app(tmp_path / "feed.db", background=False, allow_private_fetch=True)
    with TestClient(app) as client:
        page = client.post("/add", data={"url": f"{feeds}/valley-radio.xml"}).text
        assert "3 new articles</h1>" in page and "valley-radio.xml#entry1" in page
        missing = client.post("/add", data={"url": f"{feeds}/missing.xml"})
        assert missing.status_code == 502 and "404" in missing.text
        local = client.post("/add", data={"url": "file:///etc/passwd"})
        assert local.status_code == 400 and "http:// or https://" in local.text
    assert count(tmp_path / "feed.db")[0] == 3


def test_limits(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "limits.db"
    app = create_app(db, background=False, max_files=2, max_upload_bytes=5000, max_paste_chars=300)
    wire = (examples / "wire-agency.txt").read_bytes()
    small = b"A short note about the weather in the hills on Monday, said the forecaster.\n"
    with TestClient(app) as client:
        many = upload(client, [("a.txt", small), ("b.txt", small), ("c.txt", small)])
        assert many.status_code == 413 and "Too many files" in many.text
        big = upload(client, [("a.txt", small), ("wire.txt", wire * 3)])
        assert big.status_code == 413 and "wire.txt is larger than" in big.text
        long = client.post("/add", data={"text": "word " * 100})
        assert long.status_code == 413 and "over the limit of 300" in long.text
        for response in (many, big, long):
            assert "Nothing was stored" in response.text
    assert count(db) == (0, 0)


def test_malformed_uploads_store_nothing_and_break_nothing(site: Site) -> None:
    before = count(site.db)
    with Store(site.db) as store:
        kept = {a.id: a.text for a in store.articles()}
    truncated = gzip.compress(b"Some text that will never be read in full. " * 200)[:60]
    bad = [
        ("photo.txt", bytes(range(256)) * 40),
        ("empty.txt", b""),
        ("cut.txt.gz", truncated),
        ("broken.jsonl", b'{"text": "unterminated\n'),
    ]
    response = upload(site.client, bad)
    assert response.status_code == 200
    assert "0 new articles</h1>" in response.text
    for name, _ in bad:
        assert re.search(rf"<li>failed: {re.escape(name)}[:\d]*: ", response.text), name
    assert count(site.db) == before
    with Store(site.db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {a.id: a.text for a in store.articles()} == kept
    assert site.client.get("/").status_code == 200


# -- untrusted markup -------------------------------------------------------------------------


def assert_escaped(page: str, where: str) -> None:
    assert "<script" not in page.lower(), where
    assert "<img" not in page.lower(), where
    assert not re.search(r"href=\"\s*javascript:", page, re.I), where
    assert "&lt;script&gt;" in page, where


def test_planted_markup_is_escaped_on_every_page(site: Site) -> None:
    assert_escaped(site.added, "added")
    href = story_with(site.client, "Lindenfeld")
    assert_escaped(site.client.get("/").text, "stories")
    assert_escaped(site.client.get("/", params={"q": "Lindenfeld"}).text, "search")
    story = site.client.get(href).text
    assert_escaped(story, "story")
    article = next(h for h in links(story, "/articles/"))
    page = site.client.get(article).text
    assert_escaped(page, "article")
    assert "&lt;img src=x onerror=" in page
    assert JS_URL.replace("'", "&#39;") in page  # shown as text, not linked
    assert "not a web address: not linked" in page
    assert_escaped(site.client.get(f"{href}/report.html").text, "report.html")
    markdown = site.client.get(f"{href}/report.md").text
    assert "<script" not in markdown
    again = site.client.post(  # a failed paste is shown again, escaped
        "/add",
        data={"form": "paste", "text": f"</textarea>{SCRIPT}", "title": IMG, "published": "never"},
    )
    assert again.status_code == 400
    assert_escaped(again.text, "add form")
    assert "&lt;/textarea&gt;&lt;script&gt;" in again.text
