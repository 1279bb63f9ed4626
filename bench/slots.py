"""Claim slots against human annotation: places, times and participants on ECB+ articles.

Reads a JSON Lines file in the format of ``../shared/data/ecbplus-events-dev.jsonl`` (one
article a line: ``id``, ``topic``, ``story``, ``text``, ``mentions`` with ``start``, ``end``,
``text``, ``type``, ``chain``), runs ``extract_many`` on the articles and scores the claims'
slots against the gold mentions, by span overlap and kind:

* **place**: gold ``LOC_*`` mentions with a capitalised word (a named place; "the hotel",
  "there" are left out) against the claims' places and their actors of type ``place``;
* **time**: gold ``TIME_*`` mentions (``TIME_REPETITION``, "twice", "for the second time",
  left out) against the claims' times;
* **participant**: gold ``HUMAN_PART_*`` mentions with a capitalised word (pronouns and common
  nouns left out) against the claims' actors of type person, organisation or group.

A word counts as capitalised when it starts with a capital and is not a pronoun or determiner;
the first word of a sentence counts only if the article never writes it in lower case
("Police said ..." is not a name when "police" occurs elsewhere).

Only sentences that carry at least one gold mention (of any type, events included) are scored:
ECB+ annotates a selection of sentences. A gold mention is found when a prediction of its kind
overlaps it; a prediction is right when it overlaps a gold mention of its kind. A gold
``HUMAN_PART_GPE`` ("France said ...") is a participant to find, and a place prediction on it
is not counted wrong either (both readings are fair).

Beside it, a plain spaCy NER pass of the same model over the same sentences (GPE / LOC / FAC
-> place, DATE / TIME -> time, PERSON / ORG / NORP -> participant) is scored the same way.

    .venv/bin/python bench/slots.py [EVENTS.jsonl] [--topics odd|even|1,3,5] [--limit N]
        [--model NAME] [--errors KIND] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.records import Article
from corroborate.sentences import split_sentences

DEFAULT_EVENTS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-events-dev.jsonl"
)
KINDS = ("place", "time", "participant")
_NER_KIND = {
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "time",
    "TIME": "time",
    "PERSON": "participant",
    "ORG": "participant",
    "NORP": "participant",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_NAMES = _words(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves he him
    it's there here where his himself she her hers herself it its itself they them their
    theirs themselves who whom
    whose which what that this these those the a an some any all both each either neither
    one someone somebody anyone anybody no none many several few others other another"""
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass
class Score:
    gold: int = 0
    found: int = 0  # gold mentions overlapped by a prediction of their kind
    predicted: int = 0
    right: int = 0  # predictions overlapping a gold mention of their kind
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.right / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def gold_kind(mention: dict[str, Any], text: str, starts: set[int], lower: set[str]) -> str | None:
    """The slot kind a gold mention is scored as, or None when it is left out."""
    kind = str(mention["type"])
    if kind.startswith("TIME_"):
        return None if kind == "TIME_REPETITION" else "time"
    if kind.startswith("LOC_"):
        return "place" if named(mention, text, starts, lower) else None
    if kind.startswith("HUMAN_PART"):
        return "participant" if named(mention, text, starts, lower) else None
    return None


def named(mention: dict[str, Any], text: str, starts: set[int], lower: set[str]) -> bool:
    """True when the mention holds a capitalised word that is not a pronoun or determiner."""
    start = int(mention["start"])
    for match in _WORD.finditer(text[start : int(mention["end"])]):
        word = match.group()
        if not word[0].isupper() or word.lower() in _NOT_NAMES:
            continue
        if start + match.start() in starts and word.lower() in lower:
            continue  # "Police said": a sentence's first word, lower case elsewhere
        return True
    return False


def topic_filter(spec: str | None) -> Any:
    if not spec:
        return lambda topic: True
    if spec == "odd":
        return lambda topic: int(topic) % 2 == 1
    if spec == "even":
        return lambda topic: int(topic) % 2 == 0
    wanted = {int(t) for t in spec.split(",") if t.strip()}
    return lambda topic: int(topic) in wanted


def load(path: Path, topics: str | None, limit: int | None) -> list[dict[str, Any]]:
    keep = topic_filter(topics)
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if keep(row.get("topic", 0)):
                rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    return rows


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_spans(claims: Iterable[Any]) -> dict[str, set[tuple[int, int, str]]]:
    """The claims' slots as (start, end, text) per kind, article offsets."""
    out: dict[str, set[tuple[int, int, str]]] = {kind: set() for kind in KINDS}
    for claim in claims:
        for place in claim.places:
            out["place"].add((place.start, place.end, place.text))
        for expr in claim.times:
            out["time"].add((expr.start, expr.end, expr.text))
        for actor in claim.actors:
            if actor.type == "place":
                out["place"].add((actor.start, actor.end, actor.text))
            elif actor.type in ("person", "organisation", "group"):
                out["participant"].add((actor.start, actor.end, actor.text))
    return out


def ner_spans(nlp: Any, text: str, sentences: list[Any]) -> dict[str, set[tuple[int, int, str]]]:
    out: dict[str, set[tuple[int, int, str]]] = {kind: set() for kind in KINDS}
    keep = [name for name in nlp.pipe_names if name in ("tok2vec", "ner")]
    disabled = [name for name in nlp.pipe_names if name not in keep]
    docs = nlp.pipe([s.text for s in sentences], disable=disabled)
    for sentence, doc in zip(sentences, docs, strict=True):
        for ent in doc.ents:
            kind = _NER_KIND.get(ent.label_)
            if kind is not None:
                start = sentence.start + ent.start_char
                out[kind].add((start, start + len(ent.text), ent.text))
    return out


def score_article(
    row: dict[str, Any],
    sentences: list[Any],
    spans: dict[str, set[tuple[int, int, str]]],
    scores: dict[str, Score],
) -> None:
    text = str(row["text"])
    mentions = row.get("mentions") or []
    bounds = [(s.start, s.end) for s in sentences]
    starts = {s.start + len(s.text) - len(s.text.lstrip()) for s in sentences}
    lower = {w for w in _WORD.findall(text) if w.islower()}
    scored = {i for i, b in enumerate(bounds) for m in mentions if b[0] <= int(m["start"]) < b[1]}

    def in_scored(start: int) -> bool:
        return any(bounds[i][0] <= start < bounds[i][1] for i in scored)

    gold: dict[str, list[tuple[int, int, str]]] = {kind: [] for kind in KINDS}
    also_place: list[tuple[int, int]] = []
    for m in mentions:
        kind = gold_kind(m, text, starts, lower)
        span = (int(m["start"]), int(m["end"]))
        if kind is not None:
            gold[kind].append((*span, str(m["text"])))
        if m["type"] == "HUMAN_PART_GPE":
            also_place.append(span)
    for kind in KINDS:
        score = scores[kind]
        preds = [p for p in spans[kind] if in_scored(p[0])]
        for g in gold[kind]:
            score.gold += 1
            if any(overlaps(g[:2], p[:2]) for p in preds):
                score.found += 1
            else:
                score.misses.append(f"{row['id']}\t{g[2]!r}")
        fair = [g[:2] for g in gold[kind]] + (also_place if kind == "place" else [])
        for p in preds:
            score.predicted += 1
            if any(overlaps(p[:2], f) for f in fair):
                score.right += 1
            else:
                score.spurious.append(f"{row['id']}\t{p[2]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", nargs="?", type=Path, default=DEFAULT_EVENTS)
    parser.add_argument("--topics", help="odd, even, or a comma list of topic numbers")
    parser.add_argument("--limit", type=int, help="first N articles (after --topics)")
    parser.add_argument("--model", help="spaCy model (default: the claims default)")
    parser.add_argument("--errors", choices=KINDS, help="list misses and spurious of one kind")
    parser.add_argument("--no-ner", action="store_true", help="skip the plain NER pass")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from corroborate.claims import extract_many
    from corroborate.claims.nlp import get_nlp, model_name

    rows = load(args.events, args.topics, args.limit)
    if not rows:
        print(f"no articles in {args.events} for topics {args.topics}", file=sys.stderr)
        return 2
    articles = [
        Article(id=str(r["id"]), text=str(r["text"]), paragraphs=str(r["text"]).split("\n"))
        for r in rows
    ]
    nlp = get_nlp(args.model)
    ours = {kind: Score() for kind in KINDS}
    ner = {kind: Score() for kind in KINDS}
    began = time.perf_counter()
    n_sentences = 0
    for row, (article, claims) in zip(rows, extract_many(articles, model=args.model), strict=True):
        sentences = list(split_sentences(article.text))
        n_sentences += len(sentences)
        score_article(row, sentences, predicted_spans(claims), ours)
        if not args.no_ner:
            score_article(row, sentences, ner_spans(nlp, article.text, sentences), ner)
    elapsed = time.perf_counter() - began

    figures = {
        "events": str(args.events),
        "topics": args.topics or "all",
        "articles": len(rows),
        "sentences": n_sentences,
        "model": model_name(args.model),
        "seconds": round(elapsed, 1),
        "claims": {k: _figures(s) for k, s in ours.items()},
        "ner": None if args.no_ner else {k: _figures(s) for k, s in ner.items()},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{len(rows)} articles ({figures['topics']} topics), {n_sentences} sentences, "
            f"model {figures['model']}, {elapsed:.0f} s"
        )
        print(f"{'kind':<12} {'gold':>5}  {'claims P / R / F1':<22} {'plain NER P / R / F1':<22}")
        for kind in KINDS:
            p, r, f = ours[kind].prf()
            line = f"{kind:<12} {ours[kind].gold:>5}  {p:.3f} / {r:.3f} / {f:.3f}    "
            if not args.no_ner:
                np_, nr, nf = ner[kind].prf()
                line += f"{np_:.3f} / {nr:.3f} / {nf:.3f}"
            print(line)
    if args.errors:
        score = ours[args.errors]
        print(f"\nmissed {args.errors} ({len(score.misses)}):")
        print("\n".join(score.misses))
        print(f"\nspurious {args.errors} ({len(score.spurious)}):")
        print("\n".join(score.spurious))
    return 0


def _figures(score: Score) -> dict[str, float | int]:
    p, r, f = score.prf()
    return {
        "gold": score.gold,
        "predicted": score.predicted,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }


if __name__ == "__main__":
    sys.exit(main())
