"""Main-text extraction quality and speed on the shared article-extraction benchmark.

Reads every page of ``../shared/data/article-extraction/html/`` through corroborate's own reader
(decoding, trafilatura, the junk cleaner), scores the text against ``ground-truth.json`` with that
folder's ``evaluate.py`` (precision/recall/F1 over word 4-gram shingles) and prints pages per
second on this machine. The floor the issue sets is F1 >= 0.955 (trafilatura 2.0.0 alone: 0.958).

    .venv/bin/python bench/extraction.py [--data DIR] [--no-clean] [--out predictions.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

from corroborate.config import ReadOptions
from corroborate.read import Input, read_input
from corroborate.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction"
F1_FLOOR = 0.955


def load_evaluator(data: Path):
    spec = importlib.util.spec_from_file_location(
        "article_extraction_evaluate", data / "evaluate.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-clean", action="store_true", help="skip the junk cleaner")
    parser.add_argument("--out", type=Path, help="write the predictions as JSON here")
    args = parser.parse_args()

    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    evaluator = load_evaluator(args.data)
    options = ReadOptions(clean=not args.no_clean)
    predictions: dict[str, dict[str, str]] = {}
    problems = 0
    start = time.perf_counter()
    for key in truth:
        path = args.data / "html" / f"{key}.html.gz"
        text = ""
        for item in read_input(Input(name=str(path), path=path), options):
            if isinstance(item, Article):
                text = item.text
            elif item.level == "failed":
                problems += 1
                print(item, file=sys.stderr)
        predictions[key] = {"articleBody": text}
    elapsed = time.perf_counter() - start
    metrics = evaluator.evaluate(truth, predictions, n_bootstrap=200)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.out:
        args.out.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")

    print(f"pages            {len(truth)}")
    print(f"failed           {problems}")
    print(f"cleaner          {'off' if args.no_clean else 'on'}")
    print(f"F1               {metrics['f1']:.4f} ± {metrics['f1_std']:.4f}  (floor {F1_FLOOR})")
    print(f"precision        {metrics['precision']:.4f}")
    print(f"recall           {metrics['recall']:.4f}")
    print(f"accuracy         {metrics['accuracy']:.4f}")
    print(f"pages per second {len(truth) / elapsed:.1f}  ({elapsed:.1f} s, one process)")
    print(f"peak memory      {peak_mb:.0f} MB")
    return 0 if metrics["f1"] >= F1_FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
