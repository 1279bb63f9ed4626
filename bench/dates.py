"""Time resolution on real dated articles: accuracy of the resolved value against a blind gold.

``bench/gold/dates.jsonl`` (annotated by hand and blind, see bench/gold/README.md) holds time
expressions of real articles of ``../shared/data``: ECB+ articles (``ecbplus.jsonl``, field
``text``) and the article-extraction pages (``article-extraction/ground-truth.json``, field
``articleBody``), each line one expression::

    {"source": "ecbplus"|"extraction", "doc": "<id>", "published": "YYYY-MM-DD",
     "published_how": "text"|"htmldate", "start": 123, "end": 131, "text": "Oct. 31",
     "value": "1999-10-31", "granularity": "day", "approx": false,
     "direction": "past"|"future"|"present"|null, "split": "dev"|"test", "note": ""}

``start``/``end`` are offsets into the document's text and ``text`` is what they cover (the loader
refuses a line whose anchor moved). ``value`` is ISO 8601 at its granularity: day ``1999-10-31``,
week ``2008-W50``, month ``2000-09``, season ``2000-SU``, year ``1995``, decade ``199X``.

For each document an :class:`~corroborate.records.Article` is built from its text with
``published`` as the gold gives it, and the claims extractor runs once over all of them. Each gold
expression is matched to the time expression of the claims that overlaps it most; it is right
when that expression's value at its own granularity equals the gold value and ``approx`` agrees
(a day for a gold year is wrong, and so is "1995" without ``approx`` for "five years ago"); an
unmatched gold expression is wrong. Code older than ``TimeExpr.granularity`` is scored on the
granularity its ``date``/``end_date`` show (a full date a day, an interval of one calendar month a
month, of one ISO week a week, four digits a year).

Accuracy is printed per split, per granularity, per source and per kind of expression (explicit:
the year is written; weekday; yearless: a month, season or date without a year or a word
that places it; relative: the rest).
``--errors`` lists the dev errors only: test is for scoring. The exit status is 1 when test
accuracy is under ``FLOOR``.

    .venv/bin/python bench/dates.py [--gold FILE] [--data DIR] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from corroborate.claims import extract_many
from corroborate.records import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GOLD = Path(__file__).resolve().parent / "gold" / "dates.jsonl"
FLOOR = 0.90
_SEASONS = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b", re.IGNORECASE
)
_MONTH_OR_SEASON = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?(?![a-z])"
    r"|\b(?:spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:ago|last|next|this|yesterday|today|tomorrow|tonight|earlier|later|previous|following|"
    r"past|coming|before|after)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d(?:s\b)?|'\d0s\b|\b\d0s\b")


@dataclass
class Gold:
    row: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return self.row["source"], self.row["doc"]


def documents(data: Path, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(source, doc) -> text, for the documents the gold names."""
    wanted = set(wanted)
    out: dict[tuple[str, str], str] = {}
    if any(source == "ecbplus" for source, _ in wanted):
        with (data / "ecbplus.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if ("ecbplus", row["id"]) in wanted:
                    out["ecbplus", row["id"]] = row["text"]
    if any(source == "extraction" for source, _ in wanted):
        path = data / "article-extraction" / "ground-truth.json"
        truth = json.loads(path.read_text(encoding="utf-8"))
        for key, value in truth.items():
            if ("extraction", key) in wanted:
                out["extraction", key] = value["articleBody"]
    missing = wanted - set(out)
    if missing:
        raise SystemExit(f"documents not found in {data}: {sorted(missing)[:5]}")
    return out


def load_gold(path: Path) -> list[Gold]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Gold(row) for row in rows]


def check_anchors(gold: list[Gold], docs: dict[tuple[str, str], str]) -> None:
    for g in gold:
        r = g.row
        found = docs[g.key][r["start"] : r["end"]]
        if found != r["text"]:
            raise SystemExit(f"anchor moved: {r['source']}:{r['doc']}:{r['start']} {found!r}")


def kind_of(text: str) -> str:
    """explicit (a year is written), weekday, yearless (a month or season without a word that
    places it: "April", "Oct. 31"), else relative ("April last year", "five years ago")."""
    if _YEAR.search(text):
        return "explicit"
    if _WEEKDAY.search(text):
        return "weekday"
    if _MONTH_OR_SEASON.search(text) and not _RELATIVE.search(text):
        return "yearless"
    return "relative"


def granularity_of(t: Any) -> str | None:
    """The expression's own granularity, else the one its date shows (older code)."""
    own = getattr(t, "granularity", None)
    if own:
        return str(own)
    first, last = t.date, t.end_date
    if not first:
        return None
    if len(first) == 4 and (last is None or last == first):
        return "year"
    if len(first) != 10:
        return None
    if last is None or last == first:
        return "day"
    try:
        a, b = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None
    last_day = calendar.monthrange(a.year, a.month)[1]
    if a.day == 1 and (b.year, b.month, b.day) == (a.year, a.month, last_day):
        return "month"
    if a.weekday() == 0 and (b - a).days == 6:
        return "week"
    return None


def value_of(t: Any) -> str | None:
    """The expression's resolved value in ISO 8601 at its granularity, or None."""
    grain = granularity_of(t)
    first = t.date
    if not first or grain is None:
        return None
    if first.startswith("--"):
        return None  # not resolved: no publication date
    if grain == "day":
        return first[:10]
    if grain == "year":
        return first[:4]
    if grain == "decade":
        return first[:3] + "X"
    if grain == "month":
        return first[:7]
    try:
        day = date.fromisoformat(first[:10])
    except ValueError:
        return None
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "season":
        return f"{day.year}-{_SEASONS.get(day.month, '??')}"
    return None


def resolve(gold: list[Gold], docs: dict[tuple[str, str], str], model: str | None) -> list[Any]:
    """The best-overlapping predicted time expression for each gold line (or None)."""
    published = {g.key: g.row["published"] for g in gold}
    articles = [
        Article(
            id=f"{source}:{doc}",
            text=docs[source, doc],
            paragraphs=docs[source, doc].split("\n"),
            published=published[source, doc],
        )
        for source, doc in sorted(docs)
    ]
    times: dict[tuple[str, str], list[Any]] = {}
    for article, claims in extract_many(articles, model=model):
        source, doc = article.id.split(":", 1)
        seen: dict[tuple[int, int], Any] = {}
        for claim in claims:
            for t in claim.times:
                seen.setdefault((t.start, t.end), t)
        times[source, doc] = list(seen.values())
    out = []
    for g in gold:
        start, end = g.row["start"], g.row["end"]
        best, overlap = None, 0
        for t in times.get(g.key, []):
            common = min(end, t.end) - max(start, t.start)
            if common > overlap:
                best, overlap = t, common
        out.append(best)
    return out


def is_right(g: Gold, t: Any) -> bool:
    if t is None:
        return False
    return value_of(t) == g.row["value"] and bool(getattr(t, "approx", False)) == bool(
        g.row.get("approx")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the configured)")
    parser.add_argument("--errors", action="store_true", help="list the dev errors")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    gold = load_gold(args.gold)
    docs = documents(args.data, {g.key for g in gold})
    check_anchors(gold, docs)
    predicted = resolve(gold, docs, args.model)

    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for g, t in zip(gold, predicted, strict=True):
        right = is_right(g, t)
        split = g.row["split"]
        for table, key in (
            ("split", split),
            ("granularity", f"{split} {g.row['granularity']}"),
            ("source", f"{split} {g.row['source']}"),
            ("kind", f"{split} {kind_of(g.row['text'])}"),
        ):
            cell = tallies[table][key]
            cell[0] += right
            cell[1] += 1
    figures = {
        table: {
            key: {"right": r, "n": n, "accuracy": round(r / n, 4)} for key, (r, n) in rows.items()
        }
        for table, rows in tallies.items()
    }
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
    else:
        for table in ("split", "granularity", "source", "kind"):
            print(f"per {table}:")
            for key in sorted(figures.get(table, {})):
                f = figures[table][key]
                print(f"  {key:<24} {f['accuracy']:.3f}  ({f['right']}/{f['n']})")
    if args.errors:
        print("dev errors:")
        for g, t in zip(gold, predicted, strict=True):
            if g.row["split"] != "dev" or is_right(g, t):
                continue
            r = g.row
            got = (
                "unmatched"
                if t is None
                else (
                    f"{t.text!r} -> {value_of(t)} ({granularity_of(t)}"
                    f"{', approx' if getattr(t, 'approx', False) else ''})"
                )
            )
            want = f"{r['value']} ({r['granularity']}{', approx' if r.get('approx') else ''})"
            print(
                f"  {r['source']}:{r['doc']}:{r['start']} pub {r['published']} "
                f"{r['text']!r} [{r.get('direction')}]: want {want}, got {got}"
            )
    test = tallies["split"].get("test")
    if test and test[1] and test[0] / test[1] < FLOOR:
        print(f"test accuracy {test[0] / test[1]:.3f} < {FLOOR}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
