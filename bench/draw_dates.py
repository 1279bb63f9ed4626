"""The documents the dates gold (``bench/gold/dates.jsonl``, issue 14) was annotated on.

Two sources of real dated articles in ``../shared/data``:

- ECB+ articles of topics 1-35 (``ecbplus.jsonl``, field ``text``) whose first lines (after the
  URL line) hold a date line with a full date: ``Published: August 7, 2012``, ``Monday, July 22,
  2013``, ``9 September 2013, 14: 08``, ``11 / 28 / 05`` (numeric dates are read month first
  unless the first number is above 12, and must agree with a date in the URL when it has one).
  Topics 36-45 are held out and never read.
- article-extraction pages (``ground-truth.json``, field ``articleBody``) in English (a tenth of
  the words are common function words, as in ``bench/quantities.py``) for which
  ``htmldate.find_date(html, original_date=True)`` gives a full day.

Within each source the dated documents are shuffled with ``random.Random(14)``; those whose text
names a weekday, a month or a relative day/period (``today``, ``last year``, ``ago`` ...) come
first (the kind of expression that goes wrong), the others after, in the same shuffled order.
The annotator took documents from the top of each list, in order.

    .venv/bin/python bench/draw_dates.py                # both lists: rank, doc, date, header line
    .venv/bin/python bench/draw_dates.py --source ecbplus --top 40
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = 14

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = re.compile(_MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_DMY = re.compile(r"\b(?P<d>\d{1,2})\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_NUM = re.compile(r"\b(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<y>\d{4}|\d\d)\b")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>\d\d)[/-](?P<d>\d\d)\b")
_CUE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"tomorrow|ago|last (?:week|month|year|night)|next (?:week|month|year)|"
    r"this (?:week|month|year)|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"jan|feb|aug|sept?|oct|nov|dec)\b",
    re.I,
)
_ENGLISH = re.compile(r"\b(?:the|of|and|to|in|is|was|for|on|that|with|has|have|a|it|are)\b")


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _line_date(line: str) -> date | None:
    """A full date in a short header line (a date line, not a sentence of the body)."""
    if len(line.split()) > 12:
        return None
    for pattern in (_MDY, _DMY):
        m = pattern.search(line)
        if m:
            return _day(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))
    m = _NUM.search(line)
    if m:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = y + 2000 if y < 100 else y
        return _day(y, b, a) if a > 12 else _day(y, a, b)
    return None


def ecbplus_dated(data: Path = DATA) -> list[tuple[str, str, int, str]]:
    """(doc, published ISO, header line number, header line): dated ECB+ articles, topics 1-35."""
    out = []
    with (data / "ecbplus.jsonl").open(encoding="utf-8") as lines:
        for raw in lines:
            row = json.loads(raw)
            if not 1 <= int(row["topic"]) <= 35:
                continue
            lines_ = row["text"].split("\n")
            url = lines_[0].replace(" ", "") if lines_[0].startswith("http") else ""
            u = _URL_DATE.search(url)
            url_day = _day(int(u["y"]), int(u["m"]), int(u["d"])) if u else None
            for number, line in enumerate(lines_[1:5] if url else lines_[:3], 1 if url else 0):
                found = _line_date(line)
                if found is None:
                    continue
                numeric = _NUM.search(line) and not (_MDY.search(line) or _DMY.search(line))
                if numeric and url_day is not None and found != url_day:
                    break  # an ambiguous numeric date the URL does not confirm
                out.append((row["id"], found.isoformat(), number, line.strip()))
                break
    return out


def extraction_dated(data: Path = DATA) -> list[tuple[str, str, int, str]]:
    """(doc, published ISO, -1, url) for English article-extraction pages htmldate dates."""
    from htmldate import find_date

    truth = json.loads((data / "article-extraction" / "ground-truth.json").read_text("utf-8"))
    out = []
    for doc in sorted(truth):
        body = truth[doc]["articleBody"]
        if len(_ENGLISH.findall(body)) < 0.1 * len(body.split()):
            continue
        path = data / "article-extraction" / "html" / f"{doc}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        found = find_date(html, original_date=True, outputformat="%Y-%m-%d")
        if found and re.fullmatch(r"\d{4}-\d\d-\d\d", found):
            out.append((doc, found, -1, truth[doc]["url"]))
    return out


def texts(data: Path = DATA) -> dict[str, dict[str, str]]:
    """source -> doc -> the annotated text (ECB+ ``text``, extraction ``articleBody``)."""
    ecb = {}
    with (data / "ecbplus.jsonl").open(encoding="utf-8") as lines:
        for raw in lines:
            row = json.loads(raw)
            if 1 <= int(row["topic"]) <= 35:
                ecb[row["id"]] = row["text"]
    truth = json.loads((data / "article-extraction" / "ground-truth.json").read_text("utf-8"))
    return {"ecbplus": ecb, "extraction": {k: v["articleBody"] for k, v in truth.items()}}


def draw(data: Path = DATA) -> dict[str, list[tuple[str, str, int, str]]]:
    """source -> dated documents in annotation order (cue documents first, seeded shuffle)."""
    rng = random.Random(SEED)
    text = texts(data)
    out = {}
    for source, dated in (("ecbplus", ecbplus_dated(data)), ("extraction", extraction_dated(data))):
        rng.shuffle(dated)
        cue = [d for d in dated if _CUE.search(text[source][d[0]])]
        plain = [d for d in dated if not _CUE.search(text[source][d[0]])]
        out[source] = cue + plain
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", choices=["ecbplus", "extraction"])
    parser.add_argument("--top", type=int, default=0, help="only the first N of each list")
    args = parser.parse_args()
    for source, docs in draw().items():
        if args.source and source != args.source:
            continue
        shown = docs[: args.top] if args.top else docs
        print(f"== {source}: {len(docs)} dated documents")
        for rank, (doc, published, line, header) in enumerate(shown, 1):
            print(f"{rank:4d}  {doc}  {published}  {line:2d}  {header[:90]}")


if __name__ == "__main__":
    main()
