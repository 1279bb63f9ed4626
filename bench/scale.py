"""Time and peak memory of story assignment at 1k, 10k and 100k articles.

The larger sets are built by recombining paragraphs of the shared real corpora: each synthetic
article takes the paragraphs of one ECB+ article, swaps in a paragraph from another article of
the same gold story, and gets a publication date near its story's date, so the set has real
language, real story structure (many articles per story, look-alike stories per topic) and any
size. Each size runs in its own process, so its peak memory (max RSS) is its own.

    .venv/bin/python bench/scale.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from corroborate.records import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus.jsonl"
LIMIT_100K_SECONDS = 600


def synthetic(n: int, seed: int = 0) -> list[Article]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    by_story: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        by_story[row["story"]].append([p for p in row["text"].split("\n") if p.strip()])
    rng = random.Random(seed)
    stories = sorted(by_story)
    base = date(2020, 1, 1)
    # every copy of the corpus is a new "epoch": the same stories again, months later
    articles = []
    for k in range(n):
        story = stories[k % len(stories)]
        epoch = k // len(rows)
        docs = by_story[story]
        paras = list(rng.choice(docs))
        other = rng.choice(docs)
        if len(paras) > 2 and other:
            paras[rng.randrange(1, len(paras))] = rng.choice(other)
        day = base + timedelta(days=epoch * 30 + stories.index(story) % 25 + rng.randint(0, 2))
        text = "\n".join(paras)
        articles.append(Article(id=f"x{k}", text=text, paragraphs=paras, published=day.isoformat()))
    return articles


def run_one(n: int) -> dict[str, float]:
    from corroborate.stories import StoryConfig, cluster, featurize

    articles = synthetic(n)
    config = StoryConfig()
    start = time.perf_counter()
    feats = featurize(articles, config)
    featurized = time.perf_counter()
    labels = cluster(feats, config)
    done = time.perf_counter()
    return {
        "articles": n,
        "stories": len(set(labels)),
        "featurize_s": round(featurized - start, 2),
        "cluster_s": round(done - featurized, 2),
        "total_s": round(done - start, 2),
        "articles_per_s": round(n / (done - start), 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(
        f"{'articles':>9} {'stories':>8} {'featurize s':>12} {'cluster s':>10} "
        f"{'total s':>8} {'art/s':>8} {'peak MB':>8}"
    )
    ok = True
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['articles']:>9} {r['stories']:>8} {r['featurize_s']:>12} {r['cluster_s']:>10} "
            f"{r['total_s']:>8} {r['articles_per_s']:>8} {r['peak_mb']:>8}",
            flush=True,
        )
        if n >= 100_000 and r["total_s"] > LIMIT_100K_SECONDS:
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
