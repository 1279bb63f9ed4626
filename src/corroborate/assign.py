"""Keep the store's stories up to date: features for new articles, then incremental clustering.

New articles join existing stories or open new ones; existing stories keep their members and
ids (they are never merged or split by an update). ``rebuild=True`` clusters everything afresh.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from corroborate.embed import Embedder
from corroborate.records import Article, Story
from corroborate.store import STORY_LOCK_TIMEOUT, Store
from corroborate.stories import StoryConfig, cluster, featurize, label_story, story_id

__all__ = ["StoryUpdate", "story_provenance", "story_report", "update_stories"]

_FEATURE_BATCH = 2000


@dataclass(slots=True)
class StoryUpdate:
    """What an update did."""

    assigned: int = 0  # articles newly placed in a story
    new_stories: list[str] = field(default_factory=list)
    grown_stories: list[str] = field(default_factory=list)
    total_stories: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "assigned": self.assigned,
            "new_stories": self.new_stories,
            "grown_stories": self.grown_stories,
            "total_stories": self.total_stories,
        }

    def summary(self) -> str:
        return (
            f"{self.assigned} article{'s' * (self.assigned != 1)} assigned: "
            f"{len(self.new_stories)} new stor{'ies' if len(self.new_stories) != 1 else 'y'}, "
            f"{len(self.grown_stories)} grown; {self.total_stories} in all"
        )


def update_stories(
    store: Store,
    config: StoryConfig | None = None,
    *,
    rebuild: bool = False,
    lock_timeout: float = STORY_LOCK_TIMEOUT,
) -> StoryUpdate:
    """Assign every unassigned article of ``store`` to a story (all of them if ``rebuild``).
    One update at a time per store: a second one waits for the first (at most
    ``lock_timeout`` seconds, then :class:`~corroborate.errors.StoreError`) and then sees its
    stories, so both keep their articles and ids."""
    config = config or StoryConfig()
    if not rebuild and store.unassigned() == 0:
        return StoryUpdate(total_stories=store.story_count())  # nothing new: no reclustering
    with store.updating_stories(lock_timeout):
        return _update(store, config, rebuild)


def _update(store: Store, config: StoryConfig, rebuild: bool) -> StoryUpdate:
    update = StoryUpdate()
    if not rebuild and store.unassigned() == 0:  # another run assigned them while we waited
        update.total_stories = store.story_count()
        return update
    missing = store.articles_without_features()
    for start in range(0, len(missing), _FEATURE_BATCH):
        store.save_features(featurize(missing[start : start + _FEATURE_BATCH], config))
    features = store.load_features()
    current = {} if rebuild else store.story_of()
    if not features.ids:
        return update
    numbers: dict[str, int] = {}
    fixed = [numbers.setdefault(current[a], len(numbers)) if a in current else -1
             for a in features.ids]  # fmt: skip
    labels = cluster(features, config, fixed=fixed)

    old_ids = {n: sid for sid, n in numbers.items()}
    members: dict[int, list[str]] = defaultdict(list)
    for article_id, label in zip(features.ids, labels, strict=True):
        members[label].append(article_id)
    changed: list[Story] = []
    for label, ids in members.items():
        new_ids = [a for a in ids if a not in current]
        if not new_ids:
            continue
        update.assigned += len(new_ids)
        sid = old_ids.get(label) or story_id(ids[0])
        (update.grown_stories if label in old_ids else update.new_stories).append(sid)
        changed.append(_story(sid, store.articles_by_id(ids)))
    store.save_stories(changed, replace_all=rebuild)
    update.total_stories = len(members)
    return update


def _story(sid: str, articles: list[Article]) -> Story:
    dates = sorted(a.published for a in articles if a.published)
    return Story(
        id=sid,
        label=label_story(articles),
        articles=[a.id for a in articles],
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
    )


def story_report(
    store: Store,
    *,
    groups: bool = True,
    limit: int | None = None,
    story_id: str | None = None,
) -> list[dict[str, Any]]:
    """Stories (newest first, at most ``limit``; or the one ``story_id`` names) with their
    articles and, if ``groups``, their independence groups and pair relations.

    Provenance needs sentence embeddings, so it is cached in the store per story, member set,
    sentence model and settings, and only recomputed when one of them changes.
    """
    stories = store.stories()
    if story_id is not None:
        stories = [s for s in stories if s.id.startswith(story_id)]
    out = []
    for story in stories[:limit]:
        articles = store.articles_by_id(story.articles)
        prov = story_provenance(store, story, articles) if groups and len(articles) > 1 else None
        out.append({
            "id": story.id,
            "label": story.label,
            "first": story.first,
            "last": story.last,
            "articles": [
                {"id": a.id, "label": a.label, "title": a.title, "source": a.source,
                 "published": a.published, "url": a.url, "input": a.input}
                for a in articles
            ],
            "groups": prov["groups"] if prov else ([[a.id] for a in articles] if groups else []),
            "relations": [
                {"a": r["a"], "b": r["b"], "relation": r["relation"],
                 "share_a": round(r["share_a"], 3), "share_b": round(r["share_b"], 3),
                 "source": r["source"]}
                for r in (prov["relations"] if prov else [])
            ],
            "originality": {k: round(v, 3) for k, v in (prov or {}).get("originality", {}).items()},
        })  # fmt: skip
    return out


def story_provenance(
    store: Store, story: Story, articles: list[Article], embedder: Embedder | None = None
) -> dict[str, Any]:
    """A stored story's provenance (``Provenance.to_dict()``), from the store's cache when its
    members, sentence model and settings are unchanged; computed and cached otherwise."""
    from corroborate.embed import get_embedder
    from corroborate.reuse import DEFAULT, provenance

    embedder = embedder or get_embedder()
    key = "\n".join([embedder.name, repr(DEFAULT), *sorted(a.id for a in articles)])
    members = hashlib.sha1(key.encode()).hexdigest()
    cached = store.cached_provenance(story.id, members)
    if cached is not None:
        return cached
    data = provenance(articles, embedder).to_dict()
    store.cache_provenance(story.id, members, data)
    return data
