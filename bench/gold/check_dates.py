"""Validate ``bench/gold/dates.jsonl`` against the data (stdlib only).

Every line: the fields of the format, ``text == doc_text[start:end]`` (ECB+ ``text``, extraction
``articleBody``), a value that parses at its granularity, the split from the SHA-1 rule, and the
counts per source / split / granularity printed at the end.

    python3 bench/gold/check_dates.py [--data DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FIELDS = {
    "source",
    "doc",
    "published",
    "published_how",
    "start",
    "end",
    "text",
    "value",
    "granularity",
    "approx",
    "direction",
    "split",
    "note",
}
VALUE = {
    "day": r"\d{4}-\d\d-\d\d",
    "month": r"\d{4}-(0[1-9]|1[0-2])",
    "year": r"\d{4}",
    "week": r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])",
    "decade": r"\d{3}X",
    "season": r"\d{4}-(SP|SU|FA|WI)",
}


def texts(data: Path) -> dict[str, dict[str, str]]:
    ecb = {}
    with (data / "ecbplus.jsonl").open(encoding="utf-8") as lines:
        for raw in lines:
            row = json.loads(raw)
            ecb[row["id"]] = row["text"]
    truth = json.loads((data / "article-extraction" / "ground-truth.json").read_text("utf-8"))
    return {"ecbplus": ecb, "extraction": {k: v["articleBody"] for k, v in truth.items()}}


def problems(row: dict, docs: dict[str, dict[str, str]]) -> list[str]:
    out = []
    if set(row) != FIELDS:
        return [f"fields {sorted(set(row) ^ FIELDS)}"]
    source, doc = row["source"], row["doc"]
    if source not in docs or doc not in docs[source]:
        return [f"unknown document {source}:{doc}"]
    if (source == "ecbplus" and not re.match(r"(\d+)_", doc)) or (
        source == "ecbplus" and not 1 <= int(doc.split("_")[0]) <= 35
    ):
        out.append("ECB+ topic outside 1-35")
    text = docs[source][doc]
    if text[row["start"] : row["end"]] != row["text"]:
        out.append(f"text {row['text']!r} is not at {row['start']}:{row['end']}")
    try:
        date.fromisoformat(row["published"])
    except (TypeError, ValueError):
        out.append(f"published {row['published']!r}")
    if row["published_how"] != {"ecbplus": "text", "extraction": "htmldate"}[source]:
        out.append(f"published_how {row['published_how']!r}")
    gran, value = row["granularity"], row["value"]
    if gran not in VALUE:
        out.append(f"granularity {gran!r}")
    elif value is not None:
        if not isinstance(value, str) or not re.fullmatch(VALUE[gran], value):
            out.append(f"value {value!r} is not a {gran}")
        elif gran == "day":
            try:
                date.fromisoformat(value)
            except ValueError:
                out.append(f"value {value!r} is no calendar day")
    if not isinstance(row["approx"], bool):
        out.append("approx not a boolean")
    if row["direction"] not in ("past", "future", "present", None):
        out.append(f"direction {row['direction']!r}")
    digit = int(hashlib.sha1(f"{source}:{doc}".encode()).hexdigest()[0], 16)
    if row["split"] != ("dev" if digit % 2 == 0 else "test"):
        out.append(f"split {row['split']!r}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gold", type=Path, default=HERE / "dates.jsonl")
    args = parser.parse_args()
    docs = texts(args.data)
    rows, bad, seen = [], 0, set()
    for number, line in enumerate(args.gold.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        found = problems(row, docs)
        key = (row.get("source"), row.get("doc"), row.get("start"), row.get("end"))
        if key in seen:
            found.append("duplicate span")
        seen.add(key)
        for p in found:
            print(f"{args.gold.name}:{number}: {p}")
        bad += bool(found)
        rows.append(row)
    articles = {(r["source"], r["doc"]) for r in rows}
    print(f"{len(rows)} expressions, {len(articles)} articles, {bad} invalid lines")
    for name, field in (
        ("source", lambda r: r["source"]),
        ("split", lambda r: r["split"]),
        ("source/split", lambda r: f"{r['source']}/{r['split']}"),
        ("granularity", lambda r: r["granularity"]),
        ("approx", lambda r: r["approx"]),
        ("direction", lambda r: r["direction"]),
    ):
        print(f"{name:13s}", dict(sorted(Counter(map(field, rows)).items(), key=str)))
    print("articles     ", dict(Counter(s for s, _ in articles)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
