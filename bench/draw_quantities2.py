"""The sentences of the second quantities gold (``bench/gold/quantities2.jsonl``, issue 14).

The filters of ``draw()`` in ``bench/quantities.py`` (copied, not imported: that module imports
the extractor, which the blind annotation must not load), applied to the article-extraction
pages (``article-extraction/ground-truth.json``, field ``articleBody``) that
``bench/gold/quantities.jsonl`` does not reference at all: every sentence
(``corroborate.sentences.split_sentences``) of every English page (a tenth of its words are
common English function words), without sentences holding a URL, shorter than 3 or longer than
80 words, or repeating an earlier sentence. The sentences with a digit or a number word and those
without are each shuffled with ``random.Random(14)`` and merged so that every tenth sentence is
one without (about 10%). The annotator took the sentences from the top, in this order, until
the quantities reached 300.

    .venv/bin/python bench/draw_quantities2.py [--top N]   # rank, doc, start, end, sentence
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from corroborate.sentences import split_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OLD_GOLD = Path(__file__).resolve().parent / "gold" / "quantities.jsonl"
SEED = 14  # issue 14
PLAIN_EVERY = 10  # every tenth drawn sentence has no digit and no number word
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "dozen dozens hundred hundreds thousand thousands million millions billion billions "
    "several half"
)
_CUE = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS.split()) + r")\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|of|and|to|in|is|was|for|on|that|with|has|have|a|it|are)\b")
SOURCE = "article-extraction"


def pages(data: Path = DATA) -> dict[str, str]:
    truth = json.loads((data / "article-extraction" / "ground-truth.json").read_text("utf-8"))
    return {key: value["articleBody"] for key, value in truth.items()}


def used_docs(gold: Path = OLD_GOLD) -> set[str]:
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    return {r["doc"] for r in rows if r["source"] == SOURCE}


def draw(data: Path = DATA) -> list[tuple[str, int, int, str]]:
    """(doc, start, end, sentence) in annotation order."""
    used = used_docs()
    seen: set[str] = set()
    pools: dict[str, list[tuple[str, int, int, str]]] = {"cue": [], "plain": []}
    docs = pages(data)
    for doc in sorted(docs):
        text = docs[doc]
        if doc in used or len(_ENGLISH.findall(text)) < 0.1 * len(text.split()):
            continue
        for s in split_sentences(text):
            words = len(s.text.split())
            if s.text in seen or not 3 <= words <= 80 or re.search(r"https?:|www\.", s.text):
                continue
            seen.add(s.text)
            kind = "cue" if _CUE.search(s.text) else "plain"
            pools[kind].append((doc, s.start, s.end, s.text))
    rng = random.Random(SEED)
    cue, plain = pools["cue"][:], pools["plain"][:]
    rng.shuffle(cue)
    rng.shuffle(plain)
    out: list[tuple[str, int, int, str]] = []
    while cue or plain:
        take_plain = len(out) % PLAIN_EVERY == PLAIN_EVERY - 1
        pool = plain if (take_plain and plain) or not cue else cue
        out.append(pool.pop(0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()
    drawn = draw()
    for rank, (doc, start, end, text) in enumerate(drawn[: args.top or None], 1):
        print(f"{rank}\t{doc}\t{start}\t{end}\t{text}")


if __name__ == "__main__":
    main()
