"""Planted conflicts: change one figure or one day in one article of a real story, and see whether
the report flags it, on the right sides (issue 12: at least 90 %).

    .venv/bin/python bench/planted.py [--data DIR] [--topics odd|even|all] [--stories N]
                                      [--per-story K] [--seed 12] [--show]

Stories: the ECB+ stories of topics 1–35 (``../shared/data/ecbplus.jsonl``) with at least four
articles, read as ``corroborate ingest`` reads JSON Lines. A **plant** is chosen in the cleaned
text by plain patterns, not by the tool's extractor (so the bench does not pick what the tool
already reads well):

- *figure*: a number (not a year, a clock time or part of a decimal) followed by a word, where
  another article of the story writes the same number before the same word (so a second outlet
  states the figure the plant contradicts); the number becomes ``2n + 3``;
- *day*: a weekday named in a sentence of one article, where another article names the same
  weekday in a sentence sharing at least two content words with it; it becomes the weekday three
  days later.

One plant at a time: the planted article's claims are extracted again, the others' are reused,
and the whole report is built (provenance, groups, conflicts). A plant is **flagged on the right
sides** when a conflict has one side holding the planted article with the new value and another
side holding an article that states the original value; **flagged** when any conflict has a side
with the planted article and the new value. Plants are drawn with ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"
sys.path.insert(0, str(HERE))

from conflicts import content_words, numbers, weekdays  # noqa: E402

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FIGURE = re.compile(r"(?<![\w.,$:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,.:/-]|\.\d)\s+([a-z]{3,})\b")
_DAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class Plant:
    article: str  # the JSON Lines id
    kind: str  # "figure" or "day"
    start: int  # offsets in Article.text
    end: int
    old: str
    new: str
    witnesses: tuple[str, ...]  # other articles that state the original value


def _is_year(number: str) -> bool:
    return "," not in number and len(number) == 4 and number[:2] in ("19", "20")


def _sentence(text: str, at: int) -> str:
    begin = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [e for e in (text.find(". ", at), text.find("\n", at)) if e >= 0]
    return text[begin : min(ends) if ends else len(text)]


def candidates(texts: dict[str, str]) -> list[Plant]:
    """Every figure and day plant of one story (``texts``: id -> cleaned text)."""
    figures: dict[tuple[str, str], set[str]] = {}
    for aid, text in texts.items():
        for m in _FIGURE.finditer(text):
            if not _is_year(m.group(1)):
                figures.setdefault((m.group(1), m.group(2)), set()).add(aid)
    plants = []
    for aid, text in texts.items():
        for m in _FIGURE.finditer(text):
            number, word = m.group(1), m.group(2)
            if _is_year(number):
                continue
            witnesses = figures[(number, word)] - {aid}
            if not witnesses:
                continue
            n = int(number.replace(",", ""))
            new = f"{2 * n + 3:,}" if "," in number else str(2 * n + 3)
            plants.append(Plant(aid, "figure", m.start(1), m.end(1), number, new,
                                tuple(sorted(witnesses))))  # fmt: skip
        for m in _DAY.finditer(text):
            words = content_words(_sentence(text, m.start()))
            witnesses = tuple(
                sorted(
                    other
                    for other, t in texts.items()
                    if other != aid
                    and any(
                        len(words & content_words(_sentence(t, d.start()))) >= 2
                        for d in _DAY.finditer(t)
                        if d.group(1) == m.group(1)
                    )
                )
            )
            if witnesses:
                new = WEEKDAYS[(WEEKDAYS.index(m.group(1)) + 3) % 7]
                plants.append(Plant(aid, "day", m.start(), m.end(), m.group(1), new, witnesses))
    return plants


def _has(value: str, side_value: str, kind: str) -> bool:
    if kind == "day":
        return value.lower() in weekdays(side_value)
    return float(value.replace(",", "")) in numbers(side_value)


def judge(report: dict[str, Any], plant: Plant, ids: dict[str, str]) -> tuple[bool, bool]:
    """(flagged, flagged on the right sides) for one plant, from report.json."""
    flagged = right = False
    for c in report.get("conflicts", []):
        sides = [({ids.get(a, a) for a in s["articles"]}, s["value"]) for s in c["sides"]]
        planted = [
            k for k, (arts, value) in enumerate(sides)
            if plant.article in arts and _has(plant.new, value, plant.kind)
        ]  # fmt: skip
        if not planted:
            continue
        flagged = True
        for k, (arts, value) in enumerate(sides):
            if k not in planted and arts & set(plant.witnesses) and _has(plant.old, value,
                                                                          plant.kind):  # fmt: skip
                right = True
    return flagged, right


def stories(data: Path, topics: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    with open(data / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            topic = int(row["topic"])
            if topic > 35 or (topics == "odd" and topic % 2 == 0) or (
                topics == "even" and topic % 2 == 1
            ):
                continue
            out.setdefault(row["story"], []).append(row)
    return {k: v for k, v in out.items() if len(v) >= 4}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", choices=("odd", "even", "all"), default="all")
    parser.add_argument("--stories", type=int, default=8, help="stories drawn (default 8)")
    parser.add_argument("--per-story", type=int, default=5, help="plants per story (default 5)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--show", action="store_true", help="print each plant and its verdict")
    args = parser.parse_args(argv)

    from corroborate.claims import extract_many
    from corroborate.embed import CachedEmbedder, get_embedder
    from corroborate.read import read_inputs
    from corroborate.records import Article
    from corroborate.report.build import build_report

    rng = random.Random(args.seed)
    pool = stories(args.data, args.topics)
    chosen = rng.sample(sorted(pool), min(args.stories, len(pool)))
    base = get_embedder()
    totals = {"figure": [0, 0, 0], "day": [0, 0, 0]}  # plants, flagged, right sides
    started = time.perf_counter()
    for story in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{story}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for row in pool[story]:
                    fh.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
            articles = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
        ids = {a.id: (a.input_id or a.id) for a in articles}
        by_gold = {ids[a.id]: a for a in articles}
        claims = {a.id: c for a, c in extract_many(articles)}
        embedder = CachedEmbedder(base)
        plants = candidates({ids[a.id]: a.text for a in articles})
        by_kind = {k: [p for p in plants if p.kind == k] for k in ("figure", "day")}
        picked = []
        for kind in ("figure", "day"):
            picked += rng.sample(by_kind[kind], min(len(by_kind[kind]), (args.per_story + 1) // 2))
        for plant in picked:
            original = by_gold[plant.article]
            text = original.text[: plant.start] + plant.new + original.text[plant.end :]
            changed = replace(original, text=text, paragraphs=text.split("\n"), removed=[])
            planted = [changed if a is original else a for a in articles]
            story_claims = dict(claims)
            story_claims[changed.id] = next(iter(extract_many([changed])))[1]
            report = build_report(planted, claims=story_claims, embedder=embedder).to_dict()
            flagged, right = judge(report, plant, ids)
            t = totals[plant.kind]
            t[0] += 1
            t[1] += flagged
            t[2] += right
            if args.show:
                verdict = "RIGHT" if right else ("flagged" if flagged else "MISSED")
                seen = ", ".join(plant.witnesses)
                print(f"  {verdict:7} {story} {plant.article} {plant.kind} {plant.old} -> "
                      f"{plant.new} (witnesses {seen})", flush=True)  # fmt: skip
        print(f"{story}: {len(picked)} plants", flush=True)
    print()
    print(f"{'kind':8} {'plants':>6} {'flagged':>8} {'right sides':>12}")
    for kind, (n, f, r) in totals.items():
        if n:
            print(f"{kind:8} {n:6} {f / n:8.3f} {r / n:12.3f}")
    n = sum(t[0] for t in totals.values())
    if n:
        f = sum(t[1] for t in totals.values())
        r = sum(t[2] for t in totals.values())
        print(f"{'all':8} {n:6} {f / n:8.3f} {r / n:12.3f}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
