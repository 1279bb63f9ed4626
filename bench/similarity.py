"""Story similarity against human judgements: Pearson correlation with SemEval-2022 Task 8.

Any JSON Lines file of pairs works: one object a line with ``text1``, ``text2`` and ``Overall``
(1 = same story ... 4 = unrelated; the sign is flipped so that higher means more similar).
Prints the Pearson correlation of corroborate's score, of plain embedding cosine, of TF-IDF
cosine, and the 5-fold cross-validated correlation of the calibration ramp (its two parameters
refit on four folds, scored on the fifth) so that the effect of fitting it on this file shows.
The floor set by the issue is 0.87 on ``../shared/data/semeval2022-task8-en-train.jsonl``.

    .venv/bin/python bench/similarity.py [PAIRS.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from corroborate.embed import get_embedder
from corroborate.records import Article, article_id
from corroborate.similarity import similarities

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2022-task8-en-train.jsonl"
)
FLOOR = 0.87


def article(text: str) -> Article:
    return Article(id=article_id(text), text=text, paragraphs=text.split("\n"))


def ramp(cos: np.ndarray, low: float, high: float) -> np.ndarray:
    return np.clip((cos - low) / (high - low), 0, 1)


def fit(cos: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    grid = [
        (lo, hi) for lo in np.arange(0.0, 0.45, 0.025) for hi in np.arange(lo + 0.2, 1.0, 0.025)
    ]
    return max(grid, key=lambda lh: np.corrcoef(ramp(cos, *lh), gold)[0, 1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    rows = [
        json.loads(line)
        for line in args.pairs.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = -np.array([float(r["Overall"]) for r in rows])
    pairs = [(article(r["text1"]), article(r["text2"])) for r in rows]

    get_embedder()  # load the model before timing
    start = time.perf_counter()
    scores = np.array(similarities(pairs))
    elapsed = time.perf_counter() - start
    embedder = get_embedder()
    texts = [r["text1"] for r in rows] + [r["text2"] for r in rows]
    vec = embedder.encode(texts)
    raw_cos = (vec[: len(rows)] * vec[len(rows) :]).sum(axis=1)

    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(texts)
    ta, tb = tfidf.transform(texts[: len(rows)]), tfidf.transform(texts[len(rows) :])
    tf_cos = np.asarray(ta.multiply(tb).sum(axis=1)).ravel()

    rng = np.random.RandomState(0)
    folds = []
    for _ in range(5):
        perm = rng.permutation(len(rows))
        pred = np.zeros(len(rows))
        for test in np.array_split(perm, 5):
            train = np.setdiff1d(perm, test)
            pred[test] = ramp(raw_cos[test], *fit(raw_cos[train], gold[train]))
        folds.append(np.corrcoef(pred, gold)[0, 1])

    def r(x: np.ndarray) -> float:
        return float(np.corrcoef(x, gold)[0, 1])

    print(f"pairs                          {len(rows)}  ({args.pairs.name})")
    print(f"model                          {embedder.name}")
    print(f"corroborate score, Pearson     {r(scores):.4f}  (floor {FLOOR})")
    print(f"embedding cosine alone         {r(raw_cos):.4f}")
    print(f"TF-IDF cosine                  {r(tf_cos):.4f}")
    spread = f"min {min(folds):.4f}, max {max(folds):.4f}"
    print(f"ramp refit per fold, 5x 5-fold {np.mean(folds):.4f} ({spread})")
    print(f"speed                          {len(rows) / elapsed:.1f} pairs/s (model loaded)")
    return 0 if r(scores) >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
