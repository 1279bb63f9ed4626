"""Report speed: the five seeds, and a 25-article story, after the models are loaded.

Issue 5's limits: a report of the five seeds (``../shared/data/seeds``) within 5 s once the
models are loaded, and of a 25-article story within 30 s. The models (spaCy pipeline, sentence
model) are loaded and warmed first and timed apart. Each report is timed end to end as the
``report`` command makes it: ``build_report`` (claims, provenance, claim groups, conflicts,
states, unique claims, brief, tables), then report.json, report.md and report.html rendered in
memory (writing files is left out: it is the disk, not the tool).

Two 25-article stories. ECB+ (``../shared/data/ecbplus.jsonl``) has no gold story that large (the
largest, ``13-ecb``, has 22), so the largest story is topped up to 25 with articles of its
topic's other story — the look-alike event a real crawl would mix in. ECB+ articles are short
(~170 words), so the second case takes 25 full-length real articles (~600 words each, from the
article-extraction benchmark's ground truth; not one story): the words a large story really
has. ``--stories N`` also times the N largest ECB+ stories as they are, for the size/time curve.

The exit status is 1 when a limit is exceeded. Timings are the median of ``--repeat`` runs
(default 3); the first run after loading is shown apart (lazy tables, gazetteer).

    .venv/bin/python bench/report.py [--repeat 3] [--stories 0] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corroborate import Article, read_inputs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS_LIMIT = 5.0
STORY_LIMIT = 30.0
STORY_SIZE = 25


def ecb_articles(path: Path) -> dict[str, list[Article]]:
    by_story: dict[str, list[Article]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        paragraphs = [p for p in row["text"].split("\n") if p.strip()]
        by_story[row["story"]].append(
            Article(id=row["id"], text="\n".join(paragraphs), paragraphs=paragraphs)
        )
    return by_story


def story_of_25(by_story: dict[str, list[Article]]) -> tuple[str, list[Article]]:
    largest = max(by_story, key=lambda s: (len(by_story[s]), s))
    topic = largest.split("-")[0]
    others = [s for s in sorted(by_story) if s.split("-")[0] == topic and s != largest]
    articles = list(by_story[largest])
    for other in others:
        articles += by_story[other][: STORY_SIZE - len(articles)]
    return f"{largest} + {STORY_SIZE - len(by_story[largest])} of {', '.join(others)}", articles


def long_articles(path: Path, n: int = STORY_SIZE) -> list[Article]:
    """``n`` full-length real articles (the article-extraction benchmark's ground truth) nearest
    to 600 words: a worst case for a story's size in words (they are not one story, so every
    pair of claims is compared and little groups)."""
    truth = json.loads(path.read_text(encoding="utf-8"))

    def distance(kv: tuple[str, dict[str, str]]) -> tuple[int, str]:
        return abs(len(kv[1]["articleBody"].split()) - 600), kv[0]

    rows = sorted(truth.items(), key=distance)
    out = []
    for key, row in rows[:n]:
        paragraphs = [p for p in row["articleBody"].split("\n") if p.strip()]
        out.append(Article(id=key[:16], text="\n".join(paragraphs), paragraphs=paragraphs))
    return out


def timed(make: Callable[[], Any], repeat: int) -> tuple[float, list[float]]:
    """(first run's seconds, the other runs' seconds)."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return times[0], times[1:]


def report_once(articles: list[Article]) -> dict[str, Any]:
    from corroborate.report.build import build_report
    from corroborate.report.html import render_html
    from corroborate.report.markdown import render_markdown

    doc = build_report(articles).to_dict()
    json.dumps(doc, ensure_ascii=False)
    render_markdown(doc)
    render_html(doc)
    return doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=DATA / "seeds")
    parser.add_argument("--ecb", type=Path, default=DATA / "ecbplus.jsonl")
    parser.add_argument(
        "--extraction", type=Path, default=DATA / "article-extraction" / "ground-truth.json"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs after the first")
    parser.add_argument("--stories", type=int, default=0, help="also time the N largest stories")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    start = time.perf_counter()
    from corroborate.claims.nlp import get_nlp
    from corroborate.embed import get_embedder

    get_nlp()
    embedder = get_embedder()
    embedder.encode(["warm up"])
    load = time.perf_counter() - start
    print(f"models loaded in {load:.1f} s ({embedder.name})", file=sys.stderr)

    seeds = [a for a in read_inputs(sorted(str(p) for p in args.seeds.glob("*.txt")))
             if isinstance(a, Article)]  # fmt: skip
    by_story = ecb_articles(args.ecb)
    label, big = story_of_25(by_story)
    long = long_articles(args.extraction)
    cases = [
        ("five seeds", seeds, SEEDS_LIMIT),
        (f"{len(big)} ECB+ articles ({label})", big, STORY_LIMIT),
        (f"{len(long)} full-length articles (article-extraction truth)", long, STORY_LIMIT),
    ]
    for story in sorted(by_story, key=lambda s: (-len(by_story[s]), s))[: args.stories]:
        cases.append((f"ECB+ {story}", by_story[story], float("inf")))

    results = []
    failures = []
    for name, articles, limit in cases:
        first, rest = timed(lambda a=articles: report_once(a), args.repeat)  # type: ignore[misc]
        median = statistics.median(rest) if rest else first
        words = sum(a.words for a in articles)
        results.append({"case": name, "articles": len(articles), "words": words,
                        "first_s": round(first, 2), "median_s": round(median, 2),
                        "runs_s": [round(t, 2) for t in rest], "limit_s": limit})  # fmt: skip
        verdict = "" if limit == float("inf") else (" ok" if median <= limit else " OVER")
        bound = "" if limit == float("inf") else f" (limit {limit:.0f} s)"
        print(f"{name}: {len(articles)} articles, {words} words: first {first:.2f} s, median "
              f"{median:.2f} s of {len(rest)}{verdict}{bound}", file=sys.stderr)  # fmt: skip
        if median > limit:
            failures.append(f"{name}: {median:.2f} s > {limit:.0f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB", file=sys.stderr)
    if args.json:
        print(json.dumps({"load_s": round(load, 1), "peak_mb": round(peak), "cases": results},
                         indent=2))  # fmt: skip
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
