"""What the web app and the HTTP API show, read from (and written to) the store.

Pages and API endpoints are thin over these functions; every one takes an open
:class:`~corroborate.store.Store` (one per request: SQLite connections are not shared between
threads) and returns plain data (dicts and lists, JSON-ready).

- :func:`story_rows`: stories newest first, with counts from their kept reports (a story whose
  report was not made yet has ``None`` counts and ``ready: False``);
- :func:`story_report`: a story's report.json, from the store when kept, else made and kept
  (seconds: claims, provenance, claim groups...);
- :func:`article_view`: an article with its claims, its removed junk and its relations to the
  other articles of its story;
- :func:`add_inputs`: uploads or pasted text (the CLI's readers and limits), stored, assigned to
  stories; :func:`fetch_feed` gets a feed URL's bytes with a size limit and a timeout.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corroborate.config import ReadOptions
from corroborate.errors import CorroborateError
from corroborate.fetch import FetchError
from corroborate.read import Input
from corroborate.store import Store

__all__ = [
    "AddResult",
    "FetchError",
    "NotFound",
    "add_inputs",
    "article_view",
    "fetch_feed",
    "story_report",
    "story_row",
    "story_rows",
]

WORDS = 200  # the brief's length on pages and in the API


class NotFound(CorroborateError):
    """No story or article with that id."""


def _story(store: Store, story_id: str) -> Any:
    story = store.story(story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id!r}")
    return story


def story_row(story: Any, counts: dict[str, Any] | None) -> dict[str, Any]:
    """One story of a list: id, label, span, article count, and the kept report's counts."""
    return {
        "id": story.id,
        "label": story.label,
        "first": story.first,
        "last": story.last,
        "articles": len(story.articles),
        "ready": counts is not None,
        "independent": counts["independent"] if counts else None,
        "facts": counts["facts"] if counts else None,
        "conflicts": counts["conflicts"] if counts else None,
        "unique": counts["unique"] if counts else None,
    }


def story_rows(
    store: Store, query: str | None = None, *, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """(the stories of one page, newest first, and how many match in all); ``query`` keeps the
    stories whose label, or an article's title or text, holds every one of its words."""
    stories = store.stories()
    if query and query.strip():
        wanted = set(store.search_stories(query))
        stories = [s for s in stories if s.id in wanted]
    counts = store.report_counts()
    page = stories[offset : offset + limit]
    return [story_row(s, counts.get(s.id)) for s in page], len(stories)


def story_report(
    store: Store, story_id: str, *, words: int = WORDS, refresh: bool = False
) -> dict[str, Any]:
    """report.json of a stored story (kept in the store once made)."""
    from corroborate.report.build import stored_report

    return stored_report(store, _story(store, story_id), words=words, refresh=refresh)


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    """An article with its claims (offsets into ``text``), the junk removed from it, its story
    and its relations to the other articles of that story (from the provenance cache, or
    computed)."""
    article = store.get(article_id)
    if article is None or article.id != article_id:
        raise NotFound(f"no article with id {article_id!r}")
    claims = [c.to_dict() for c in store.claims([article.id])]
    story_id = store.story_of_article(article.id)
    relations: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    if story_id is not None:
        story = _story(store, story_id)
        members = store.articles_by_id(story.articles)
        others = [{"id": a.id, "label": a.label, "title": a.title, "published": a.published}
                  for a in members if a.id != article.id]  # fmt: skip
        if len(members) > 1:
            from corroborate.assign import story_provenance

            data = story_provenance(store, story, members)
            for rel in data["relations"]:
                if article.id not in (rel["a"], rel["b"]):
                    continue
                other = rel["b"] if rel["a"] == article.id else rel["a"]
                first = rel["a"] == article.id
                mine, theirs = ("share_a", "share_b") if first else ("share_b", "share_a")
                relations.append({
                    "article": other, "relation": rel["relation"], "source": rel["source"],
                    "share": round(rel[mine], 3), "their_share": round(rel[theirs], 3),
                })  # fmt: skip
    return {
        "article": {k: v for k, v in article.to_dict().items() if k != "removed"},
        "removed": _removed(article),
        "claims": claims,
        "story": story_id,
        "others": others,
        "relations": relations,
    }


def _removed(article: Any) -> list[dict[str, Any]]:
    from dataclasses import asdict

    return [asdict(r) for r in article.removed]


@dataclass(slots=True)
class AddResult:
    """What adding inputs did: the ingest's counts and problem lines, the stories touched."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)  # id, input, new, title
    stories: list[str] = field(default_factory=list)  # stories that got new articles

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "problems": list(self.problems),
            "articles": list(self.articles),
            "stories": list(self.stories),
        }


def add_inputs(
    store: Store,
    inputs: Sequence[Input],
    options: ReadOptions | None = None,
    *,
    on_story: Callable[[str], None] | None = None,
) -> AddResult:
    """Read ``inputs`` (uploaded files, pasted text, a fetched feed) with the CLI's readers and
    limits, store the articles, and assign new ones to stories. ``on_story`` is told each story
    that got new articles (to make its report in the background, say). Each batch is one
    transaction: a bad input is a problem line and stores nothing of its own."""
    from corroborate.assign import update_stories
    from corroborate.ingest import ingest

    report = ingest(list(inputs), store, options or ReadOptions())
    result = AddResult(
        read=report.read,
        new=report.new,
        duplicates=report.duplicates,
        problems=[str(p) for p in report.problems],
        articles=[dict(a) for a in report.articles],
    )
    if report.new:
        update = update_stories(store)
        result.stories = list(dict.fromkeys(update.new_stories + update.grown_stories))
        if on_story is not None:
            for story_id in result.stories:
                on_story(story_id)
    else:  # already stored: point at their stories
        story_of = store.story_of()
        result.stories = list(dict.fromkeys(
            story_of[str(a["id"])] for a in report.articles if str(a["id"]) in story_of
        ))  # fmt: skip
    return result


MAX_FEED_BYTES = int(os.environ.get("CORROBORATE_MAX_FEED_BYTES", 10 * 1024 * 1024))


def fetch_feed(
    url: str,
    *,
    max_bytes: int = MAX_FEED_BYTES,
    timeout: float = 20.0,
    allow_private: bool = False,
    transport: Any = None,
) -> Input:
    """The bytes at an http(s) ``url`` as an Input named after it: :func:`corroborate.fetch.fetch`
    (at most ``max_bytes``, ``timeout`` seconds in all for connect, headers and body, only public
    addresses unless ``allow_private``, redirects checked like the first URL)."""
    from corroborate.fetch import fetch

    fetched = fetch(
        url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private, transport=transport
    )
    return Input(name=url, data=fetched.data)
