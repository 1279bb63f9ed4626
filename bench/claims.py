"""Claim extraction quality on hand-annotated seed sentences, and speed on real ECB+ sentences.

Quality: the sentences of ``bench/gold/seed_claims.json`` (78 sentences of the five reports in
``../shared/data/seeds/``, annotated by hand; scheme and matching rules in bench/gold/README.md)
are found by their anchors in the cleaned seeds, ``extract_many`` runs on the seeds, and the slots
of every claim of each annotated sentence are scored: precision / recall / F1 per slot type
(quantities, times, attribution, quotes, actors, action, places). ``--errors`` lists the misses
and the spurious predictions.

Speed: ``extract_many`` over the first N sentences' worth of ECB+ articles
(``../shared/data/ecbplus.jsonl``), one process, one thread (OMP/OpenBLAS/MKL set to 1 before
numpy loads; torch, if the extractor loads it, also gets ``set_num_threads(1)``). The model load
(the first call) is timed apart. The issue's floor is 150 sentences/s on one core.

The exit status is 1 when the speed or any slot's recall or precision is under its floor
(``claim_gold.RECALL_FLOORS`` / ``PRECISION_FLOORS``, ``SPEED_FLOOR`` here).

    .venv/bin/python bench/claims.py [--data DIR] [--ecb FILE] [--sentences N] [--errors]
        [--speed-only | --quality-only] [--batch-size B] [--published DATE] [--json]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # before numpy (spaCy, thinc) is imported: one core

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import claim_gold  # noqa: E402  (bench/ is on sys.path when this script runs)

from corroborate.records import Article, article_id  # noqa: E402
from corroborate.sentences import split_sentences  # noqa: E402

DEFAULT_ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus.jsonl"
SPEED_FLOOR = 150.0  # sentences per second, one core
WARM_UP = "The Syrian army said on Saturday that more than 300 people had been killed in Aleppo."


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_thread() -> bool:
    """Pin torch to one thread if the extractor imported it; True if it did."""
    torch = sys.modules.get("torch")
    if torch is None:
        return False
    torch.set_num_threads(1)
    return True


def warm_up() -> float:
    """Load the model (the first call), in seconds."""
    from corroborate.claims import extract_claims  # type: ignore[attr-defined,unused-ignore]

    article = Article(id=article_id(WARM_UP), text=WARM_UP, paragraphs=[WARM_UP])
    start = time.perf_counter()
    extract_claims(article)
    elapsed = time.perf_counter() - start
    one_thread()
    return elapsed


def ecb_articles(path: Path, sentences: int) -> tuple[list[Article], int]:
    """Whole ECB+ articles, in file order, until they hold at least ``sentences`` sentences."""
    articles: list[Article] = []
    total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if total >= sentences:
                break
            row = json.loads(line)
            text = row["text"]
            article = Article(
                id=article_id(text),
                text=text,
                paragraphs=text.split("\n"),
                input=f"{path.name}#{row['id']}",
                kind="jsonl",
                input_id=row["id"],
            )
            articles.append(article)
            total += len(split_sentences(text))
    return articles, total


def speed(path: Path, sentences: int, batch_size: int) -> dict[str, Any]:
    from corroborate.claims import extract_many  # type: ignore[attr-defined,unused-ignore]

    articles, total = ecb_articles(path, sentences)
    claims = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _article, found in extract_many(articles, batch_size=batch_size):
        claims += len(found)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {
        "articles": len(articles),
        "sentences": total,
        "claims": claims,
        "seconds": round(elapsed, 3),
        "sentences_per_second": round(total / elapsed, 1) if elapsed else None,
        # CPU time of this process: what the run would take on an otherwise idle core
        "cpu_seconds": round(cpu, 3),
        "sentences_per_cpu_second": round(total / cpu, 1) if cpu else None,
        "batch_size": batch_size,
    }


def print_quality(report: claim_gold.Report, show_errors: bool) -> None:
    print(
        f"seed sentences   {report.sentences} in {report.articles} articles "
        f"({report.claims} predicted claims in them)"
    )
    print()
    print(
        f"{'slot':<12} {'gold':>5} {'found':>6} {'pred':>5} {'right':>6} "
        f"{'P':>6} {'R':>6} {'F1':>6}   floors R/P"
    )
    for slot, c in report.slots.items():
        print(
            f"{slot:<12} {c.gold:>5} {c.found:>6} {c.predicted:>5} {c.correct:>6} "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}   "
            f"{claim_gold.RECALL_FLOORS[slot]}/{claim_gold.PRECISION_FLOORS[slot]}"
        )
    if show_errors:
        print()
        for e in sorted(report.errors, key=lambda e: (e["slot"], e["kind"], e["where"])):
            print(f"{e['slot']:<12} {e['kind']:<9} {e['where']:<7} {e['item']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=claim_gold.DEFAULT_SEEDS, help="seed dir")
    parser.add_argument("--gold", type=Path, default=claim_gold.GOLD_PATH)
    parser.add_argument("--published", default=claim_gold.DEFAULT_PUBLISHED)
    parser.add_argument("--ecb", type=Path, default=DEFAULT_ECB, help="ECB+ JSON Lines")
    parser.add_argument("--sentences", type=int, default=2000, help="sentences for the speed run")
    parser.add_argument("--batch-size", type=int, default=64)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--speed-only", action="store_true")
    which.add_argument("--quality-only", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list misses and spurious slots")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    out: dict[str, Any] = {}
    failures: list[str] = []
    try:
        out["model_load_seconds"] = round(warm_up(), 3)
    except ImportError as error:
        print(f"no claim extractor to measure: {error}", file=sys.stderr)
        return 2

    if not args.speed_only:
        start = time.perf_counter()
        report = claim_gold.run_seeds(args.data, args.published, args.gold)
        out["quality_seconds"] = round(time.perf_counter() - start, 3)
        out["quality"] = report.to_dict()
        if not args.errors:
            del out["quality"]["errors"]
        failures += report.below_floors()
        if not args.json:
            print_quality(report, args.errors)
            print()

    if not args.quality_only:
        result = speed(args.ecb, args.sentences, args.batch_size)
        out["speed"] = result
        rate = result["sentences_per_second"] or 0.0
        if rate < SPEED_FLOOR:
            failures.append(f"speed: {rate} sentences/s < {SPEED_FLOOR}")

    out["torch_loaded"] = one_thread()
    out["peak_rss_mb"] = round(peak_mb())
    out["below_floors"] = failures
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        if "speed" in out:
            s = out["speed"]
            print(f"speed sentences  {s['sentences']} ({s['articles']} ECB+ articles)")
            print(f"claims           {s['claims']}")
            print(
                f"sentences/s      {s['sentences_per_second']}  ({s['seconds']} s, one process, "
                f"one thread, batch {s['batch_size']}; floor {SPEED_FLOOR})"
            )
            busy = s["seconds"] > 1.1 * s["cpu_seconds"]
            print(
                f"per CPU second   {s['sentences_per_cpu_second']}  ({s['cpu_seconds']} s of CPU"
                f"{'; other load on the machine: wall time > 1.1 x CPU time' if busy else ''})"
            )
        print(f"model load       {out['model_load_seconds']} s (first call)")
        print(f"torch loaded     {'yes' if out['torch_loaded'] else 'no'}")
        print(f"peak memory      {out['peak_rss_mb']} MB")
        for line in failures:
            print(f"below floor: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
