"""Conflict precision / recall, decoys, corroborated facts and independence against a blind gold.

    .venv/bin/python bench/conflicts.py GOLD_DIR [GOLD_DIR ...] [--json OUT] [--show]
    .venv/bin/python bench/conflicts.py --ours [--split dev|test|all]   # bench/gold/conflicts/

A ``GOLD_DIR`` holds, per story, ``<story>.jsonl`` (the articles as ``corroborate ingest`` reads
JSON Lines, each with its ``id``) and ``<story>.json``, the annotation (schema in
``../shared/data/conflict-gold-example/README.md``): ``conflicts`` with ``sides`` (value, articles,
quotes), ``decoys`` (pairs of sentences that look contradictory and are not), ``corroborated``
facts with every article stating them, and ``copies`` (groups of articles that are one text).
``--ours`` builds such a folder in a temporary directory from ``bench/gold/conflicts/*.json``
(our own blind annotation, which names sentences by short anchors) and
``../shared/data/ecbplus.jsonl``.

Each story goes through the report as a user gets it (``read_inputs`` on the JSON Lines file,
then ``build_report(...).to_dict()``, i.e. report.json), and is scored from report.json only:

- **Conflicts.** A reported conflict is *right* when two of its sides match two different sides
  of one gold conflict. A reported side matches a gold side when they share an article and give
  the same value: for a gold value with figures, a figure in common (``1,000`` = ``one
  thousand``; ``$1 million`` = 1e6); with weekdays, a weekday in common; with clock times, a time
  in common; otherwise a content word in common, or (for ``state``, ``place``, ``name`` and
  ``other`` conflicts) one of the side's evidence texts within a gold quote of that side.
  Precision = right / reported; each gold conflict is found at most once; recall = gold
  conflicts found / gold conflicts. Figure histories (``figure_histories`` in report.json, when
  the report has them) count as found for gold conflicts marked ``update``.
- **Decoys.** A reported conflict is a false alarm on a decoy when the evidence of one side lies
  in one quote of the decoy and the evidence of another side in the other. The figure printed is
  the share of decoys *not* flagged.
- **Corroborated facts.** A gold fact is found when a claim group of two or more supporting
  articles holds a claim whose text lies in one of the fact's quotes; its citations are the
  group's articles marked ``states``. Citation precision = cited articles that the gold lists as
  stating the fact / cited articles, over the facts found.
- **Independence.** B-cubed precision / recall / F1 of the report's independence groups against
  the gold ``copies`` (an article in no group is a group of its own), over all articles.

Goals (issue 12): conflict precision >= 0.80, recall >= 0.60, >= 90% of decoys not flagged,
citation precision >= 0.95. Figures go to bench/RESULTS.md with the command that gave them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OURS = HERE / "gold" / "conflicts"
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"

# --- reading values -----------------------------------------------------------------------------

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}


def _list(words: str) -> list[str]:
    return words.split()


_WORDS = {
    w: i
    for i, w in enumerate(
        _list(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12})  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|m)?\b"
    r"|\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)|\b([01]?\d|2[0-3]):([0-5]\d)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    _list(
        "a an the of in on at to for by and or but with from as is was were be been are it its "
        "this that these those than then there their they he she his her about some more less "
        "over under nearly almost around approximately up least most not no yes only also said "
        "says"
    )
)


def numbers(text: str) -> set[float]:
    """The figures a value names: ``"more than 1,000"`` -> {1000.0}, ``"$1.5 million"`` ->
    {1500000.0}, ``"forty"`` -> {40.0}."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        if m.group(3):
            out.add(float(_WORDS[m.group(3).lower()]))
            continue
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE[m.group(2).lower()]
        out.add(value)
    return out


def clocks(text: str) -> set[int]:
    """Clock times as minutes after midnight: ``"9:40 p.m."`` -> {1300}, ``"17:30"`` -> {1050}."""
    out = set()
    for m in _CLOCK.finditer(text):
        if m.group(3):
            hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
            if m.group(3).lower().startswith("p"):
                hour += 12
        else:
            hour, minute = int(m.group(4)), int(m.group(5))
        out.add(hour * 60 + minute)
    return out


def weekdays(text: str) -> set[str]:
    low = text.lower()
    return {d for d in _WEEKDAYS if d in low}


def content_words(text: str) -> set[str]:
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text)}
    return {w for w in words if w not in _STOP and len(w) > 2}


def same_value(gold: str, reported: str) -> bool:
    """Whether a reported side's value says what a gold side's value says (rules above)."""
    g_clock, r_clock = clocks(gold), clocks(reported)
    if g_clock:
        return bool(g_clock & r_clock)
    g_num = numbers(gold)
    if g_num:
        r_num = numbers(reported)
        return any(abs(a - b) <= 1e-9 * max(1.0, abs(a)) for a in g_num for b in r_num)
    g_day = weekdays(gold)
    if g_day:
        return bool(g_day & weekdays(reported))
    return bool(content_words(gold) & content_words(reported))


def _norm(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower()


def within(evidence: str, quote: str) -> bool:
    """Whether a reported evidence text and a gold quote are (mostly) the same words: one inside
    the other, or a run of 40 characters (or all of the shorter) in common."""
    a, b = _norm(evidence), _norm(quote)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(40, len(a), len(b))


# --- gold and report ----------------------------------------------------------------------------


@dataclass
class StoryScore:
    story: str
    articles: int
    reported: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    decoys: int = 0
    decoys_flagged: int = 0
    facts: int = 0
    facts_found: int = 0
    cited: int = 0
    cited_right: int = 0
    bcubed: list[tuple[float, float]] = field(default_factory=list)  # per article (P, R)
    lines: list[str] = field(default_factory=list)  # what --show prints
    seconds: float = 0.0


def _side_matches(gold_side: dict[str, Any], side: dict[str, Any], kind: str) -> bool:
    if not set(gold_side["articles"]) & set(side["articles"]):
        return False
    if same_value(str(gold_side["value"]), str(side["value"])):
        return True
    if kind in ("state", "place", "name", "other"):
        return any(within(ev, q) for ev in side["evidence"] for q in gold_side.get("quotes", []))
    return False


def _matches(conflict: dict[str, Any], gold: dict[str, Any]) -> bool:
    sides, gsides = conflict["sides"], gold["sides"]
    for i, a in enumerate(sides):
        for j, b in enumerate(sides):
            if i == j:
                continue
            for x, ga in enumerate(gsides):
                if not _side_matches(ga, a, gold["kind"]):
                    continue
                others = (gb for y, gb in enumerate(gsides) if y != x)
                if any(_side_matches(gb, b, gold["kind"]) for gb in others):
                    return True
    return False


def _flags(conflict: dict[str, Any], decoy: dict[str, Any]) -> bool:
    quotes = decoy.get("quotes", [])
    if len(quotes) < 2:
        return False
    qa, qb = quotes[0], quotes[1]
    sides = conflict["sides"]
    for i, a in enumerate(sides):
        for j, b in enumerate(sides):
            if i != j and any(within(e, qa) for e in a["evidence"]) and any(
                within(e, qb) for e in b["evidence"]
            ):
                return True
    return False


def _bcubed(
    items: list[str], gold: dict[str, int], pred: dict[str, int]
) -> list[tuple[float, float]]:
    out = []
    for x in items:
        g = {y for y in items if gold[y] == gold[x]}
        p = {y for y in items if pred[y] == pred[x]}
        both = len(g & p)
        out.append((both / len(p), both / len(g)))
    return out


def _to_gold_ids(report: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """report.json with every article id replaced by the gold's (the JSON Lines ``id``), and each
    conflict side's evidence as a list of texts."""
    def gid(a: str) -> str:
        return ids.get(a, a)

    conflicts = []
    for c in report.get("conflicts", []):
        conflicts.append(
            {
                "kind": c.get("kind"),
                "about": c.get("about"),
                "confidence": c.get("confidence"),
                "sides": [
                    {
                        "value": s.get("value", ""),
                        "articles": [gid(a) for a in s.get("articles", [])],
                        "evidence": [e["text"] if isinstance(e, dict) else str(e)
                                     for e in s.get("evidence", [])],
                    }
                    for s in c.get("sides", [])
                ],
            }
        )
    histories = []
    for h in report.get("figure_histories", []):
        histories.append(
            {
                "sides": [
                    {
                        "value": s.get("value", ""),
                        "articles": [gid(a) for a in s.get("articles", [])],
                        "evidence": [e["text"] if isinstance(e, dict) else str(e)
                                     for e in s.get("evidence", [])],
                    }
                    for s in h.get("sides", h.get("entries", []))
                ]
            }
        )
    groups = []
    for g in report.get("claim_groups", []):
        support = g.get("support") or dict.fromkeys(g.get("articles", []), "states")
        groups.append(
            {
                "states": sorted({gid(a) for a, how in support.items() if how == "states"}),
                "claims": [(gid(c["article"]), c["text"]) for c in g.get("claims", [])],
            }
        )
    independence = {gid(a): g["n"] for g in report.get("independence_groups", [])
                    for a in g["articles"]}  # fmt: skip
    return {"conflicts": conflicts, "histories": histories, "groups": groups,
            "independence": independence}  # fmt: skip


def score_story(gold: dict[str, Any], report: dict[str, Any], ids: list[str]) -> StoryScore:
    """Score one story's report (already in gold ids, see :func:`_to_gold_ids`)."""
    s = StoryScore(story=gold["story"], articles=len(ids))
    conflicts = report["conflicts"]
    s.reported = len(conflicts)
    s.gold = len(gold.get("conflicts", []))
    found: set[int] = set()
    for k, c in enumerate(conflicts, 1):
        hit = next((i for i, g in enumerate(gold.get("conflicts", [])) if _matches(c, g)), None)
        decoy = next((d for d in gold.get("decoys", []) if _flags(c, d)), None)
        if hit is not None:
            s.right += 1
            found.add(hit)
        mark = "RIGHT" if hit is not None else ("DECOY" if decoy else "wrong")
        values = " | ".join(f"{x['value']} {sorted(x['articles'])}" for x in c["sides"])
        s.lines.append(f"  {mark:5} #{k} {c['kind']} ({c.get('confidence')}): {c['about']!s:.60}"
                       f" :: {values:.200}")  # fmt: skip
    for h in report["histories"]:
        for i, g in enumerate(gold.get("conflicts", [])):
            if g.get("update") and _matches(h, g):
                found.add(i)
    s.found = len(found)
    for i, g in enumerate(gold.get("conflicts", [])):
        if i not in found:
            values = " | ".join(f"{x['value']} {sorted(x['articles'])}" for x in g["sides"])
            s.lines.append(f"  MISSED {g.get('kind')}: {g.get('about')!s:.60} :: {values:.200}")
    s.decoys = len(gold.get("decoys", []))
    s.decoys_flagged = sum(any(_flags(c, d) for c in conflicts) for d in gold.get("decoys", []))
    for fact in gold.get("corroborated", []):
        s.facts += 1
        gold_articles = set(fact["articles"])
        best: list[str] | None = None
        for g in report["groups"]:
            if len(g["states"]) < 2:
                continue
            stated = any(within(t, q) for _, t in g["claims"] for q in fact.get("quotes", []))
            if stated and (best is None or len(set(g["states"]) & gold_articles)
                           > len(set(best) & gold_articles)):  # fmt: skip
                best = g["states"]
        if best is not None and len(set(best) & gold_articles) >= 2:
            s.facts_found += 1
            s.cited += len(best)
            s.cited_right += len(set(best) & gold_articles)
    gold_group = {a: k for k, members in enumerate(gold.get("copies", [])) for a in members}
    for a in ids:
        gold_group.setdefault(a, -1 - ids.index(a))
    pred = {a: report["independence"].get(a, -1 - ids.index(a)) for a in ids}
    s.bcubed = _bcubed(ids, gold_group, pred)
    return s


def run_story(jsonl: Path, gold: dict[str, Any]) -> StoryScore:
    """Read the story's articles as ``ingest`` does, build its report, score it."""
    from corroborate.read import read_inputs
    from corroborate.records import Article
    from corroborate.report.build import build_report

    started = time.perf_counter()
    articles = [a for a in read_inputs([str(jsonl)]) if isinstance(a, Article)]
    ids = {a.id: (a.input_id or a.id) for a in articles}
    report = build_report(articles, embedder=_embedder()).to_dict()
    score = score_story(gold, _to_gold_ids(report, ids), [ids[a.id] for a in articles])
    score.seconds = time.perf_counter() - started
    return score


_EMBEDDER: Any = None


def _embedder() -> Any:
    global _EMBEDDER  # one model load for the whole run
    if _EMBEDDER is None:
        from corroborate.embed import get_embedder

        _EMBEDDER = get_embedder()
    return _EMBEDDER


# --- our gold: anchors to sentences -------------------------------------------------------------


def _sentence_of(text: str, anchor: str) -> str:
    from corroborate.sentences import split_sentences

    at = text.find(anchor)
    if at < 0 or text.find(anchor, at + 1) >= 0:
        raise ValueError(f"anchor not found exactly once: {anchor!r}")
    for s in split_sentences(text):
        if s.start <= at < s.end:
            return text[s.start : max(s.end, at + len(anchor))]
    return anchor


def materialize(files: Iterable[Path], data: Path, out: Path) -> list[Path]:
    """Write our anchor-form gold files as a GOLD_DIR (articles and quotes as text) in ``out``."""
    texts: dict[str, dict[str, Any]] = {}
    wanted = {}
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        wanted[gold["story"]] = gold
    with open(data / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["story"] in wanted:
                texts[row["id"]] = row
    written = []
    for story, gold in sorted(wanted.items()):
        members = [r for r in texts.values() if r["story"] == story]

        def quote(q: Any) -> str:
            if isinstance(q, str):
                return q
            return _sentence_of(texts[q["article"]]["text"], q["anchor"])

        full = dict(gold)
        for key in ("conflicts", "corroborated", "decoys"):
            items = []
            for item in gold.get(key, []):
                item = dict(item)
                if key == "conflicts":
                    item["sides"] = [dict(side, quotes=[quote(q) for q in side.get("quotes", [])])
                                     for side in item["sides"]]  # fmt: skip
                else:
                    item["quotes"] = [quote(q) for q in item.get("quotes", [])]
                items.append(item)
            full[key] = items
        (out / f"{story}.json").write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")
        with open(out / f"{story}.jsonl", "w", encoding="utf-8") as fh:
            for r in members:
                fh.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
        written.append(out / f"{story}.json")
    return written


# --- the run ------------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def summarize(scores: list[StoryScore]) -> dict[str, Any]:
    pairs = [pr for s in scores for pr in s.bcubed]
    p = sum(x for x, _ in pairs) / len(pairs) if pairs else float("nan")
    r = sum(y for _, y in pairs) / len(pairs) if pairs else float("nan")
    reported = sum(s.reported for s in scores)
    gold = sum(s.gold for s in scores)
    decoys = sum(s.decoys for s in scores)
    return {
        "stories": len(scores),
        "articles": sum(s.articles for s in scores),
        "reported": reported,
        "right": sum(s.right for s in scores),
        "precision": _ratio(sum(s.right for s in scores), reported),
        "gold": gold,
        "found": sum(s.found for s in scores),
        "recall": _ratio(sum(s.found for s in scores), gold),
        "decoys": decoys,
        "decoys_flagged": sum(s.decoys_flagged for s in scores),
        "decoys_clear": _ratio(decoys - sum(s.decoys_flagged for s in scores), decoys),
        "facts": sum(s.facts for s in scores),
        "facts_found": sum(s.facts_found for s in scores),
        "citation_precision": _ratio(sum(s.cited_right for s in scores),
                                     sum(s.cited for s in scores)),
        "independence_bcubed": {"precision": p, "recall": r,
                                "f1": 2 * p * r / (p + r) if p + r else float("nan")},
        "seconds": sum(s.seconds for s in scores),
    }


def _gold_files(dirs: list[Path]) -> list[tuple[Path, Path]]:
    out = []
    for d in dirs:
        for f in sorted(d.glob("*.json")):
            jsonl = f.with_suffix(".jsonl")
            if jsonl.exists():
                out.append((f, jsonl))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dirs", nargs="*", type=Path, help="folders of <story>.json[l]")
    parser.add_argument("--ours", action="store_true", help="score bench/gold/conflicts/")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="with --ours: which stories (default dev; test only at the start "
                             "and the end of a piece of work)")  # fmt: skip
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", action="store_true", help="list each conflict, right or not")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if not args.gold_dirs and not args.ours:
        parser.error("give GOLD_DIR or --ours")

    with tempfile.TemporaryDirectory() as tmp:
        dirs = list(args.gold_dirs)
        if args.ours:
            files = [
                f
                for f in sorted(OURS.glob("*.json"))
                if args.split in ("all", json.loads(f.read_text(encoding="utf-8")).get("split"))
            ]
            if not files:
                print(f"no gold stories of split {args.split!r} in {OURS}", file=sys.stderr)
                return 2
            materialize(files, args.data, Path(tmp))
            dirs.append(Path(tmp))
        pairs = _gold_files(dirs)
        if not pairs:
            print("no <story>.json with its <story>.jsonl found", file=sys.stderr)
            return 2
        scores = []
        for gold_file, jsonl in pairs:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            s = run_story(jsonl, gold)
            scores.append(s)
            bp = sum(x for x, _ in s.bcubed) / len(s.bcubed)
            br = sum(y for _, y in s.bcubed) / len(s.bcubed)
            print(f"{s.story:14} {s.articles:3} articles  conflicts {s.right}/{s.reported} right, "
                  f"{s.found}/{s.gold} found  decoys {s.decoys_flagged}/{s.decoys} flagged  "
                  f"facts {s.facts_found}/{s.facts}  citations {s.cited_right}/{s.cited}  "
                  f"independence P {bp:.2f} R {br:.2f}  {s.seconds:.1f}s", flush=True)  # fmt: skip
            if args.show:
                print("\n".join(s.lines))
    total = summarize(scores)
    b = total["independence_bcubed"]
    print()
    print(f"stories {total['stories']}, articles {total['articles']}")
    print(f"conflict precision {total['precision']:.3f} ({total['right']}/{total['reported']})   "
          f"recall {total['recall']:.3f} ({total['found']}/{total['gold']})")  # fmt: skip
    print(f"decoys not flagged {total['decoys_clear']:.3f} "
          f"({total['decoys'] - total['decoys_flagged']}/{total['decoys']})")  # fmt: skip
    print(f"corroborated facts found {total['facts_found']}/{total['facts']}   "
          f"citation precision {total['citation_precision']:.3f}")  # fmt: skip
    print(f"independence B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(total, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
