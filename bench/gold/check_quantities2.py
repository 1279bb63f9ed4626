"""Validate ``bench/gold/quantities2.jsonl`` against the data (stdlib only).

Every sentence: its SHA-1 matches the text at ``start:end`` of the page's ``articleBody``, the
split follows the rule of ``bench/quantities.py`` (parity of the SHA-1 of
``source:doc:start:end``), no page referenced by ``quantities.jsonl`` is used, and every
quantity's ``text`` is the slice of the sentence at its offsets, with a known qualifier. Prints
the counts.

    python3 bench/gold/check_quantities2.py [--data DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
QUALIFIERS = {
    "exact",
    "at least",
    "more than",
    "about",
    "up to",
    "at most",
    "less than",
    "range",
    "vague",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    truth = json.loads((args.data / "article-extraction" / "ground-truth.json").read_text("utf-8"))
    old = {
        json.loads(line)["doc"]
        for line in (HERE / "quantities.jsonl").read_text("utf-8").splitlines()
    }
    rows = [
        json.loads(line) for line in (HERE / "quantities2.jsonl").read_text("utf-8").splitlines()
    ]
    bad = 0
    for number, row in enumerate(rows, 1):
        found = []
        text = truth[row["doc"]]["articleBody"][row["start"] : row["end"]]
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != row["sha1"]:
            found.append("sentence changed")
        key = f"{row['source']}:{row['doc']}:{row['start']}:{row['end']}".encode()
        if row["split"] != (
            "dev" if int(hashlib.sha1(key).hexdigest()[:8], 16) % 2 == 0 else "test"
        ):
            found.append("split")
        if row["source"] != "article-extraction" or row["doc"] in old:
            found.append("page already used by quantities.jsonl")
        for q in row["quantities"]:
            if text[q["start"] : q["end"]] != q["text"]:
                found.append(f"{q['text']!r} not at {q['start']}")
            if q["qualifier"] not in QUALIFIERS:
                found.append(f"qualifier {q['qualifier']!r}")
            if (q["value"] is None) != (q["qualifier"] in ("range", "vague")):
                found.append(f"value of {q['text']!r}")
        for p in found:
            print(f"quantities2.jsonl:{number}: {p}")
        bad += bool(found)
    qs = [(r["split"], q) for r in rows for q in r["quantities"]]
    print(f"{len(rows)} sentences, {len(qs)} quantities, {bad} invalid lines")
    print("sentences by split ", dict(Counter(r["split"] for r in rows)))
    print("quantities by split", dict(Counter(s for s, _ in qs)))
    print("empty sentences    ", sum(not r["quantities"] for r in rows))
    print("qualifiers         ", dict(Counter(q["qualifier"] for _, q in qs).most_common()))
    print("units              ", dict(Counter(q["unit"] for _, q in qs).most_common()))
    print("pages              ", len({r["doc"] for r in rows}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
