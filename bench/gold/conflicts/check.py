"""Validate the blind conflict gold files in this folder (stdlib only).

Usage: python3 bench/gold/conflicts/check.py
Checks every <story>.json: schema, article ids of the story, article count,
split by sha1 parity, sides >= 2, kinds, and that each anchor (4-10 words)
occurs exactly once in its article's text.
"""
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "ecbplus.jsonl"
KINDS = {"figure", "day", "time", "place", "name", "state", "other"}


def load_articles():
    texts, stories = {}, {}
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
            stories.setdefault(d["story"], []).append(d["id"])
    return texts, stories


def check_quote(q, allowed, texts, where, errs):
    if not isinstance(q, dict) or set(q) != {"article", "anchor"}:
        errs.append(f"{where}: quote must be {{article, anchor}}: {q!r}")
        return
    a, anchor = q["article"], q["anchor"]
    if a not in allowed:
        errs.append(f"{where}: article {a} not allowed here")
        return
    n = len(anchor.split())
    if not 4 <= n <= 10:
        errs.append(f"{where}: anchor has {n} words: {anchor!r}")
    c = texts[a].count(anchor)
    if c != 1:
        errs.append(f"{where}: anchor found {c} times in {a}: {anchor!r}")


def check_file(path, texts, stories):
    errs = []
    d = json.loads(path.read_text(encoding="utf-8"))
    story = d.get("story")
    if story not in stories:
        return [f"unknown story {story!r}"]
    if path.stem != story:
        errs.append("file name does not match story")
    if int(story.split("-")[0]) > 35:
        errs.append("story topic is above 35")
    ids = set(stories[story])
    if d.get("articles") != len(ids):
        errs.append(f"articles {d.get('articles')} != {len(ids)}")
    h = int(hashlib.sha1(story.encode()).hexdigest()[0], 16)
    if d.get("split") != ("dev" if h % 2 == 0 else "test"):
        errs.append("split does not follow sha1 parity")
    for key in ("conflicts", "decoys", "corroborated", "copies"):
        if not isinstance(d.get(key), list):
            errs.append(f"missing list {key}")
    if errs:
        return errs
    seen = set()
    for c in d["conflicts"]:
        w = f"conflict {c.get('id')}"
        if c.get("id") in seen:
            errs.append(f"{w}: duplicate id")
        seen.add(c.get("id"))
        for k in ("about", "note"):
            if not isinstance(c.get(k), str):
                errs.append(f"{w}: {k} must be a string")
        if c.get("kind") not in KINDS:
            errs.append(f"{w}: bad kind {c.get('kind')!r}")
        if not isinstance(c.get("update"), bool):
            errs.append(f"{w}: update must be a bool")
        sides = c.get("sides") or []
        if len(sides) < 2:
            errs.append(f"{w}: fewer than 2 sides")
        values = [s.get("value") for s in sides]
        if len(set(values)) != len(values):
            errs.append(f"{w}: duplicate side values")
        for s in sides:
            arts = s.get("articles") or []
            if not arts or not set(arts) <= ids:
                errs.append(f"{w}: side {s.get('value')!r} has bad articles {arts}")
            if not isinstance(s.get("value"), str) or not s["value"]:
                errs.append(f"{w}: side without value")
            quotes = s.get("quotes") or []
            if not quotes:
                errs.append(f"{w}: side {s.get('value')!r} has no quote")
            for q in quotes:
                check_quote(q, set(arts), texts, f"{w} side {s.get('value')!r}", errs)
    for i, x in enumerate(d["decoys"]):
        w = f"decoy {i}"
        if not isinstance(x.get("about"), str) or not isinstance(x.get("why"), str):
            errs.append(f"{w}: about/why must be strings")
        qs = x.get("quotes") or []
        if len(qs) != 2:
            errs.append(f"{w}: needs exactly 2 quotes")
        for q in qs:
            check_quote(q, ids, texts, w, errs)
    for i, x in enumerate(d["corroborated"]):
        w = f"corroborated {i}"
        arts = x.get("articles") or []
        if len(set(arts)) < 2 or not set(arts) <= ids:
            errs.append(f"{w}: needs >= 2 articles of the story: {arts}")
        if not isinstance(x.get("fact"), str):
            errs.append(f"{w}: fact must be a string")
        qs = x.get("quotes") or []
        if not qs:
            errs.append(f"{w}: no quote")
        for q in qs:
            check_quote(q, set(arts), texts, w, errs)
    grouped = []
    for g in d["copies"]:
        if len(g) < 2 or not set(g) <= ids:
            errs.append(f"copy group {g}: needs >= 2 articles of the story")
        grouped += g
    if len(grouped) != len(set(grouped)):
        errs.append("an article is in two copy groups")
    return errs


def main():
    texts, stories = load_articles()
    files = sorted(p for p in HERE.glob("*.json"))
    bad = 0
    split_n = {"dev": 0, "test": 0}
    for p in files:
        errs = check_file(p, texts, stories)
        if errs:
            bad += 1
            print(f"{p.name}: {len(errs)} problem(s)")
            for e in errs:
                print("   ", e)
        else:
            d = json.loads(p.read_text(encoding="utf-8"))
            split_n[d["split"]] += d["articles"]
            print(f"{p.name}: ok ({d['split']}, {d['articles']} articles, "
                  f"{len(d['conflicts'])} conflicts, {len(d['decoys'])} decoys, "
                  f"{len(d['corroborated'])} corroborated, {len(d['copies'])} copy groups)")
    print(f"{len(files)} files, {bad} with problems; articles per split: {split_n}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
