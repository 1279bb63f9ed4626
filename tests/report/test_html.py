"""The HTML report on small hand-made report.json documents (no models): every article-derived
string escaped, nothing loaded from outside, every citation a working link, a page that parses,
long stories capped, and the index page."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import pytest

from corroborate.report.html import LIMITS, render_html, render_index_html

EVIL = "<script>document.title='PWNED'</script>\"><img src=x onerror=\"document.title='PWNED'\">"
GOOD_URL = "https://example.org/news/aleppo?id=1&lang=en"
BAD_URLS = [
    "javascript:document.title='PWNED'",
    " JavaScript:document.title='PWNED'",
    "java\nscript:document.title='PWNED'",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x.js",
]
IDS = ["a1", "a2", "a3", "a4"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


def evil(field: str) -> str:
    """The injection, tagged with the field it is put in, so its appearance can be checked."""
    return f"{EVIL} {field}"


def claim(article: str, index: int, field: str) -> dict[str, Any]:
    return {"article": article, "index": index, "sentence": index, "start": 0, "end": 9,
            "text": evil(field)}  # fmt: skip


def make_doc() -> dict[str, Any]:
    """A report of four articles, every article-derived string an injection: [1] and [2] are
    one independence group ([2] rewrites [1]), [3] and [4] are independent."""

    def source(n: int, url: str | None, outlet: bool) -> dict[str, Any]:
        return {
            "n": n, "id": IDS[n - 1], "label": evil(f"label-{n}"), "title": evil(f"title-{n}"),
            "source": evil(f"outlet-{n}") if outlet else None, "url": url,
            "published": evil(f"published-{n}"), "input": evil(f"input-{n}"), "words": 100,
            "independence_group": 1 if n <= 2 else n - 1, "originality": 0.5, "claims": 3,
        }  # fmt: skip

    support = {"a1": "states", "a2": "states", "a3": "states", "a4": "differs"}
    return {
        "schema": "corroborate.report",
        "version": 1,
        "generated": evil("generated"),
        "tool": evil("tool"),
        "models": {"sentences": evil("model")},
        "story": {
            "id": evil("story-id"),
            "label": evil("story"),
            "first": evil("first"),
            "last": None,
        },
        "sources": [
            source(1, GOOD_URL, True),
            source(2, BAD_URLS[0], False),
            source(3, evil("url"), True),
            source(4, None, True),
        ],
        "independence_groups": [
            {"n": 1, "articles": ["a1", "a2"], "sources": [1, 2]},
            {"n": 2, "articles": ["a3"], "sources": [3]},
            {"n": 3, "articles": ["a4"], "sources": [4]},
        ],
        "relations": [
            {
                "a": "a1",
                "b": "a2",
                "relation": "rewrite",
                "share_a": 0.4,
                "share_b": 0.5,
                "source": "a1",
            },
            {
                "a": "a1",
                "b": "a3",
                "relation": "shared-source",
                "share_a": 0.3,
                "share_b": 0.3,
                "source": None,
            },
            {
                "a": "a2",
                "b": "a3",
                "relation": evil("relation"),
                "share_a": 0.1,
                "share_b": 0.1,
                "source": "a3",
            },
            {
                "a": "a3",
                "b": "a4",
                "relation": "independent",
                "share_a": 0.0,
                "share_b": 0.0,
                "source": None,
            },
        ],
        "claim_groups": [
            {
                "id": 1,
                "kind": "figure",
                "statement": evil("statement"),
                "sources": 3,
                "corroborated": True,
                "checkable": True,
                "articles": ["a1", "a2", "a3"],
                "citations": [1, 2, 3, 9],
                "independence_groups": [1, 2],
                "cohesion": 0.8,
                "consensus": {
                    "statement": evil("statement"),
                    "figure": {
                        "what": evil("figure-what"),
                        "value": evil("figure-value"),
                        "low": 300.0,
                        "high": None,
                        "articles": ["a1"],
                        "sources": 2,
                        "agreed": False,
                        "attributed_to": [evil("figure-by")],
                    },
                    "when": evil("when"),
                    "where": [evil("where")],
                },
                "support": support,
                "claims": [
                    claim("a1", 0, "claim-1"),
                    claim("a2", 0, "claim-2"),
                    claim("a3", 0, "claim-3"),
                ],
            },
            {
                "id": 2,
                "kind": "event",
                "statement": evil("lonely"),
                "sources": 1,
                "corroborated": False,
                "checkable": True,
                "articles": ["a4"],
                "citations": [4],
                "independence_groups": [3],
                "cohesion": 1.0,
                "consensus": {
                    "statement": evil("lonely"),
                    "figure": None,
                    "when": None,
                    "where": [],
                },
                "support": {"a4": "states"},
                "claims": [claim("a4", 1, "claim-4")],
            },
            {
                "id": 3,
                "kind": "event",
                "statement": evil("commentary"),
                "sources": 1,
                "corroborated": False,
                "checkable": False,
                "articles": ["a3"],
                "citations": [3],
                "independence_groups": [2],
                "cohesion": 1.0,
                "consensus": {
                    "statement": evil("commentary"),
                    "figure": None,
                    "when": None,
                    "where": [],
                },
                "support": {"a3": "states"},
                "claims": [claim("a3", 2, "claim-5")],
            },
        ],
        "conflicts": [
            {
                "id": 1,
                "kind": evil("conflict-kind"),
                "about": evil("about"),
                "confidence": 0.6,
                "note": evil("note"),
                "group": 1,
                "sides": [
                    {
                        "value": evil("side-1"),
                        "articles": ["a1", "a2"],
                        "citations": [1, 2],
                        "attributed_to": [evil("side-1-by")],
                        "windows": [],
                        "claims": [["a1", 0], ["a2", 0]],
                        "evidence": [
                            {"article": "a1", "citation": 1, "text": evil("evidence-1")},
                            {"article": "a2", "citation": 2, "text": evil("evidence-2")},
                        ],
                    },
                    {
                        "value": evil("side-2"),
                        "articles": ["a4"],
                        "citations": [4],
                        "attributed_to": [],
                        "windows": [evil("window")],
                        "claims": [["a4", 3]],
                        "evidence": [{"article": "a4", "citation": 4, "text": evil("evidence-3")}],
                    },
                ],
            }
        ],
        "unique_claims": [
            {
                "group": 2,
                "statement": evil("lonely"),
                "articles": ["a4"],
                "citations": [4],
                "corroborated": False,
            }
        ],
        "brief": {
            "words": 20,
            "text": evil("brief"),
            "sentences": [
                {
                    "text": evil("brief"),
                    "citations": [1, 2, 3],
                    "group": 1,
                    "article": "a1",
                    "sources": 2,
                }
            ],
        },
        "timeline": [
            {
                "when": evil("timeline-when"),
                "statement": evil("timeline"),
                "group": 1,
                "articles": ["a1"],
                "citations": [1],
                "as_written": [evil("as-written")],
            }
        ],
        "key_figures": [
            {
                "what": evil("kf-what"),
                "value": evil("kf-value"),
                "articles": ["a1"],
                "citations": [1],
                "attributed_to": [evil("kf-by")],
            }
        ],
        "quotes": [
            {
                "speaker": evil("speaker"),
                "text": evil("quote"),
                "article": "a1",
                "citation": 1,
                "kind": "direct",
            },
            {
                "speaker": None,
                "text": evil("indirect"),
                "article": "a2",
                "citation": 2,
                "kind": "indirect",
            },
        ],
        "notes": [evil("note-1")],
    }


# every field that must be shown in full (truncated copies appear in the matrix and graph too)
SHOWN = [
    "story", "story-id", "first", "generated", "tool", "model",
    "outlet-1", "label-2", "outlet-3", "title-1", "title-2", "published-1", "input-2", "url",
    "statement", "lonely", "claim-1", "claim-2", "claim-3", "figure-what", "figure-value",
    "figure-by", "when", "where", "conflict-kind", "about", "note", "side-1", "side-1-by",
    "side-2", "window", "evidence-1", "evidence-2", "evidence-3", "brief", "timeline-when",
    "timeline", "as-written", "kf-what", "kf-value", "kf-by", "speaker", "quote", "indirect",
    "note-1", "relation",
]  # fmt: skip


class Page(HTMLParser):
    """The tags, ids, links and text of a page, and any tag closed out of order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] or "" for _, a in self.tags if "id" in a}

    def attr(self, name: str) -> list[tuple[str, str]]:
        return [(t, a[name] or "") for t, a in self.tags if name in a]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return make_doc()


@pytest.fixture(scope="module")
def html(doc: dict[str, Any]) -> str:
    return render_html(doc)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def assert_nothing_runs(page: Page, html: str) -> None:
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "form", "base", "input"}
    handlers = [(t, k) for t, a in page.tags for k in a if k.lower().startswith("on")]
    assert handlers == []
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    for _, href in page.attr("href"):
        assert not re.match(r"\s*(javascript|data|vbscript):", href, re.I) or href == "data:,"


def test_article_text_is_escaped_in_every_field(html: str, page: Page) -> None:
    assert_nothing_runs(page, html)
    text = page.all_text
    missing = [field for field in SHOWN if evil(field) not in text]
    assert missing == []
    assert "&lt;script&gt;document.title=" in html  # shown as text, escaped in the source


def test_injection_stays_inside_attribute_values(page: Page) -> None:
    titles = [value for _, value in page.attr("title")]
    assert any(value.startswith(EVIL) for value in titles)  # tooltips carry it, quoted
    for _, attrs in page.tags:
        assert "onerror" not in attrs and "src" not in attrs


def test_only_web_urls_become_links(page: Page) -> None:
    links = [href for tag, href in page.attr("href") if tag == "a" and not href.startswith("#")]
    assert links == [GOOD_URL]
    assert BAD_URLS[0] in page.all_text  # shown as text instead


@pytest.mark.parametrize("url", [*BAD_URLS, evil("url")])
def test_no_other_url_is_a_link(url: str) -> None:
    doc = make_doc()
    doc["sources"][0]["url"] = url
    page = Page(render_html(doc))
    links = [href for tag, href in page.attr("href") if tag == "a" and not href.startswith("#")]
    assert links == []
    assert url.strip() in page.all_text or url in page.all_text


def test_a_quote_in_a_web_url_cannot_leave_the_attribute() -> None:
    doc = make_doc()
    doc["sources"][0]["url"] = 'https://example.org/"onmouseover="document.title=1'
    html = render_html(doc)
    page = Page(html)
    assert_nothing_runs(page, html)
    assert 'https://example.org/&#34;onmouseover=&#34;document.title=1"' in html


def test_loads_nothing_from_outside(html: str, page: Page) -> None:
    for tag, attrs in page.tags:
        if tag == "link":
            assert attrs == {"rel": "icon", "href": "data:,"}  # no favicon request
            continue
        for name in ("src", "srcset", "href", "xlink:href", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip()
            if name == "href" and tag == "a" and value == GOOD_URL:
                continue  # a source's own link, followed only when clicked
            assert "//" not in value and ":" not in value, (tag, name, value)
    assert "@import" not in html
    assert all(u.startswith("#") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", html))
    assert html.count(GOOD_URL.replace("&", "&amp;")) == 2  # the link and its text
    assert not re.search(r"https?://", html.replace(GOOD_URL.replace("&", "&amp;"), ""))
    csp = [a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0] or "") and "script" not in (csp[0] or "")


def test_every_citation_links_to_a_source_row(doc: dict[str, Any], page: Page) -> None:
    ids = page.ids
    for s in doc["sources"]:
        assert f"source-{s['n']}" in ids
    local = [href[1:] for _, href in page.attr("href") if href.startswith("#")]
    assert [h for h in local if h not in ids] == []
    cites = [h for h in local if h.startswith("source-")]
    assert {f"source-{n}" for n in (1, 2, 3, 4)} <= set(cites)
    assert "source-9" not in local  # a citation of no known source is plain text
    assert "[9]" in page.all_text


def test_page_parses(page: Page) -> None:
    assert page.errors == []
    assert page.stack == []
    names = [t for t, _ in page.tags]
    assert names.count("html") == names.count("head") == names.count("body") == 1
    assert names.count("svg") >= 1


def test_shows_every_section(page: Page) -> None:
    for section in ("brief", "sources", "facts", "conflicts", "unique", "matrix", "provenance",
                    "timeline", "figures", "quotes", "notes", "fact-1", "conflict-1"):  # fmt: skip
        assert section in page.ids, section
    text = page.all_text
    assert "3 independent sources" in text
    assert "1 source — not corroborated" in text
    assert "not corroborated" in text
    sides = [a for t, a in page.tags if t == "div" and a.get("class") == "side"]
    assert len(sides) == 2
    assert "✓" in text and "✗" in text  # the matrix: [4] differs on fact 1


def test_matrix_rows_and_cells(page: Page) -> None:
    cells = [a.get("class") for t, a in page.tags if t == "td" and a.get("class")]
    assert cells.count("states") == 4  # fact 1: [1][2][3]; fact 2: [4]
    assert cells.count("differs") == 1
    rows = [href for _, href in page.attr("href") if href.startswith("#fact-")]
    assert "#fact-3" not in rows  # commentary (not checkable) is no fact


def test_provenance_graph_arrows_point_from_the_earlier_article(page: Page) -> None:
    paths = [a for t, a in page.tags if t == "path" and "edge" in (a.get("class") or "")]
    assert len(paths) == 3  # the independent pair draws no edge
    kinds = sorted((a.get("class") or "").split()[1] for a in paths)
    assert kinds == ["other", "rewrite", "shared"]
    directed = {(a.get("class") or "").split()[1]: "marker-end" in a for a in paths}
    assert directed == {"rewrite": True, "shared": False, "other": True}
    nodes = [a for t, a in page.tags if t == "rect" and "node" in (a.get("class") or "")]
    assert len(nodes) == 4


def test_handles_a_sparse_document() -> None:
    page = Page(render_html({"schema": "corroborate.report", "sources": [], "story": {}}))
    assert page.errors == []
    assert "brief" in page.ids


def test_rejects_what_is_not_a_report() -> None:
    with pytest.raises(ValueError, match="schema"):
        render_html({"sources": []})


def big_doc(n_sources: int = 30, n_groups: int = 300) -> dict[str, Any]:
    doc = make_doc()
    ids = [f"x{i}" for i in range(1, n_sources + 1)]
    doc["sources"] = [
        {**copy.deepcopy(doc["sources"][0]), "n": n, "id": aid,
         "independence_group": 1 + (n - 1) // 3 if n <= 15 else n - 10}
        for n, aid in enumerate(ids, 1)
    ]  # fmt: skip
    doc["relations"] = [
        {"a": ids[i], "b": ids[j], "relation": "rewrite", "share_a": 0.5, "share_b": 0.5,
         "source": ids[i]}
        for i in range(15) for j in range(i + 1, 15) if i // 3 == j // 3
    ] + [{"a": ids[0], "b": ids[20], "relation": "shared-source", "share_a": 0.3,
          "share_b": 0.3, "source": None}]  # fmt: skip
    template = doc["claim_groups"][0]
    doc["claim_groups"] = [
        {**copy.deepcopy(template), "id": k, "sources": 1 + k % 7,
         "articles": ids[: 1 + k % 7], "citations": list(range(1, 2 + k % 7)),
         "support": dict.fromkeys(ids[: 1 + k % 7], "states")}
        for k in range(1, n_groups + 1)
    ]  # fmt: skip
    doc["unique_claims"] = doc["unique_claims"] * 200
    doc["quotes"] = doc["quotes"] * 100
    doc["conflicts"][0]["group"] = 7
    return doc


def test_a_long_story_is_capped() -> None:
    html = render_html(big_doc())
    page = Page(html)
    assert page.errors == []
    facts = [i for i in page.ids if i.startswith("fact-")]
    assert len(facts) == LIMITS.facts
    assert f"Showing {LIMITS.facts} of 300 checkable facts" in page.all_text
    body_rows = html.split('<table class="matrix">')[1].split("</table>")[0].count("<tr>")
    assert body_rows == LIMITS.matrix + 1  # and the header
    assert f"Showing {LIMITS.unique} of 200 single-source claims" in page.all_text
    assert f"Showing {LIMITS.rows} of 200 quotes" in page.all_text
    nodes = [a for t, a in page.tags if t == "rect" and "node" in (a.get("class") or "")]
    assert len(nodes) == 30
    assert len(html) < 1_500_000
    # the best-supported facts come first
    first = html.index('id="fact-')
    assert html[first:].startswith('id="fact-6"')


def test_index_page_escapes_and_links_only_local_paths() -> None:
    entries = [
        {"id": evil("id"), "label": evil("story-a"), "path": "s1/report.html", "sources": 5,
         "independent": 3, "facts": 17, "conflicts": 4, "unique": 31, "first": evil("first"),
         "last": "2024-12-01"},
        {"id": "s2", "label": evil("story-b"), "path": "javascript:document.title='PWNED'",
         "sources": 2, "independent": 1, "facts": 0, "conflicts": 0, "unique": 0,
         "first": None, "last": None},
        {"id": "s3", "label": "third", "path": "//evil.example/report.html", "sources": 1,
         "independent": 1, "facts": 0, "conflicts": 0, "unique": 0, "first": None,
         "last": None},
        {"id": "s4", "label": "fourth", "path": "my stories/s4 report.html", "sources": 1,
         "independent": 1, "facts": 0, "conflicts": 0, "unique": 0, "first": None,
         "last": None},
    ]  # fmt: skip
    html = render_index_html(entries, title=evil("title"))
    page = Page(html)
    assert page.errors == []
    assert_nothing_runs(page, html)
    for field in ("id", "story-a", "story-b", "first", "title"):
        assert evil(field) in page.all_text, field
    links = [href for tag, href in page.attr("href") if tag == "a"]
    assert links == ["s1/report.html", "my%20stories/s4%20report.html"]
    assert "javascript:document.title='PWNED'" in page.all_text


def test_templates_ship_with_the_package() -> None:
    templates = resources.files("corroborate.report") / "templates"
    assert (templates / "report.html").is_file()
    assert (templates / "index.html").is_file()
    assert (templates / "base.html").is_file()
