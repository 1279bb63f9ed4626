"""Scoring claim extraction against the hand-annotated seed sentences (bench/gold/seed_claims.json).

Shared by ``bench/claims.py`` (the table) and ``tests/claims/test_seed_gold.py`` (the floors).
The gold file names each annotated sentence by its seed file and an anchor of at most six
consecutive words; the seed is read with corroborate's own reader (so offsets are into the cleaned
text) and the anchor picks the sentence of ``split_sentences``. The predictions for a sentence are
the slots of every claim whose ``sentence`` is that index, pooled. Matching rules are in
``bench/gold/README.md``; in short, every slot is scored as a set per sentence:

- recall = gold items (not marked ``optional``) matched by some prediction / gold items;
- precision = predictions matching some gold item / predictions, where a prediction that matches
  only ``optional`` gold items is left out of both counts;
- ``attribution`` pools the distinct named sources of the sentence's claims (unnamed ones, with an
  empty source, are not scored); ``action`` is one item per sentence: a hit when some claim of the
  sentence matches the gold main claim, precision counted over sentences with any claim.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

from corroborate.config import ReadOptions
from corroborate.read import read_inputs
from corroborate.records import Article
from corroborate.sentences import split_sentences

__all__ = [
    "DEFAULT_PUBLISHED",
    "DEFAULT_SEEDS",
    "GOLD_PATH",
    "PRECISION_FLOORS",
    "RECALL_FLOORS",
    "SLOTS",
    "Gold",
    "Located",
    "Report",
    "check_gold",
    "load_gold",
    "locate",
    "read_seeds",
    "run_seeds",
    "score",
]

SLOTS = ("quantities", "times", "attribution", "quotes", "actors", "action", "places")
GOLD_PATH = Path(__file__).resolve().parent / "gold" / "seed_claims.json"
DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
# The seeds carry no date; all five report the fall of Aleppo (Wednesday 27 November to Sunday
# 1 December 2024). The gold compares weekdays by name, so this only helps the resolver.
DEFAULT_PUBLISHED = "2024-12-01"
MAX_ANCHOR_WORDS = 6

# Floors per slot, for bench/claims.py (exit status) and the test; to be tuned once measured.
# Set a few points under what the extractor measured (bench/RESULTS.md), so that a change that
# loses quality on the reference case fails the tests. The seeds were the development case:
# these guard against regressions, they are not an out-of-sample measure.
RECALL_FLOORS: dict[str, float] = dict.fromkeys(SLOTS, 0.85)
PRECISION_FLOORS: dict[str, float] = dict.fromkeys(SLOTS, 0.85)

QUALIFIERS = frozenset(
    ["exact", "at least", "more than", "about", "up to", "at most", "less than", "range", "vague"]
)
TIME_KINDS = frozenset(["date", "weekday", "time", "duration", "relative"])
ACTOR_TYPES = frozenset(["person", "organisation", "group", "place"])
QUOTE_KINDS = frozenset(["direct", "indirect"])
# A named armed faction is both an organisation and a group: the two types are interchangeable.
_COMPATIBLE = {"organisation": {"organisation", "group"}, "group": {"organisation", "group"}}


@dataclass(slots=True)
class Gold:
    aliases: dict[str, str]
    counted_synonyms: list[frozenset[str]]
    role_synonyms: list[frozenset[str]]
    sentences: list[dict[str, Any]]

    @property
    def claims(self) -> int:
        """One main claim per annotated sentence."""
        return len(self.sentences)


@dataclass(slots=True)
class Located:
    entry: dict[str, Any]
    article: Article
    sentence: int  # index in split_sentences(article.text)
    text: str  # the sentence


@dataclass(slots=True)
class Counts:
    gold: int = 0  # required gold items
    found: int = 0  # required gold items matched
    predicted: int = 0  # predictions scored (not only matching optional items)
    correct: int = 0  # predictions matching a gold item

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    slots: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SLOTS})
    errors: list[dict[str, Any]] = field(default_factory=list)
    sentences: int = 0
    claims: int = 0  # predicted claims in the annotated sentences
    articles: int = 0

    def below_floors(
        self,
        recall: Mapping[str, float] = RECALL_FLOORS,
        precision: Mapping[str, float] = PRECISION_FLOORS,
    ) -> list[str]:
        """One line per slot whose recall or precision is under its floor."""
        out = []
        for slot, c in self.slots.items():
            if c.recall < recall.get(slot, 0.0):
                out.append(f"{slot}: recall {c.recall:.3f} < {recall[slot]}")
            if c.precision < precision.get(slot, 0.0):
                out.append(f"{slot}: precision {c.precision:.3f} < {precision[slot]}")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "articles": self.articles,
            "claims": self.claims,
            "slots": {
                s: {
                    **asdict(c),
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                }
                for s, c in self.slots.items()
            },
            "errors": self.errors,
        }


# --- the gold file --------------------------------------------------------------------------


def load_gold(path: Path = GOLD_PATH) -> Gold:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gold(
        aliases=dict(data.get("aliases") or {}),
        counted_synonyms=[frozenset(_lemma(w) for w in g) for g in data["counted_synonyms"]],
        role_synonyms=[frozenset(g) for g in data["role_synonyms"]],
        sentences=list(data["sentences"]),
    )


def _alternatives(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def check_gold(gold: Gold) -> list[str]:
    """Problems with the file's shape, one line each (empty when well formed)."""
    out: list[str] = []
    for n, entry in enumerate(gold.sentences):
        where = f"sentence {n} ({entry.get('file')}: {entry.get('anchor')!r})"
        if not isinstance(entry.get("file"), str) or not isinstance(entry.get("anchor"), str):
            out.append(f"{where}: needs file and anchor")
            continue
        if not 0 < len(entry["anchor"].split()) <= MAX_ANCHOR_WORDS:
            out.append(f"{where}: anchor must be 1 to {MAX_ANCHOR_WORDS} words")
        slots = entry.get("slots")
        if not isinstance(slots, dict) or set(slots) != set(SLOTS):
            out.append(f"{where}: slots must be exactly {', '.join(SLOTS)}")
            continue
        out += [f"{where}: {p}" for p in _check_slots(slots)]
    return out


def _check_slots(slots: dict[str, Any]) -> Iterator[str]:
    for q in slots["quantities"]:
        if q.get("qualifier") not in QUALIFIERS:
            yield f"quantity qualifier {q.get('qualifier')!r}"
        if not {"value", "unit", "counted", "role"} <= set(q):
            yield f"quantity needs value, unit, counted, role: {q}"
        if q.get("qualifier") != "vague" and not {"low", "high"} <= set(q):
            yield f"quantity needs low and high: {q}"
    for t in slots["times"]:
        kinds = _alternatives(t.get("kind"))
        if not kinds or not set(kinds) <= TIME_KINDS:
            yield f"time kind {t.get('kind')!r}"
        elif "weekday" in kinds and not t.get("weekday"):
            yield f"weekday without weekday: {t}"
        elif "time" in kinds and len(kinds) == 1 and not t.get("clock"):
            yield f"time without clock: {t}"
        elif "date" in kinds and len(kinds) == 1 and not t.get("date"):
            yield f"date without date: {t}"
        elif set(kinds) <= {"relative", "duration", "date", "time"} and not (
            t.get("text") or t.get("date") or t.get("clock")
        ):
            yield f"relative time without text: {t}"
    att = slots["attribution"]
    if att is not None and (not isinstance(att, dict) or not _alternatives(att.get("source"))):
        yield f"attribution needs a source: {att}"
    for q in slots["quotes"]:
        if q.get("kind") not in QUOTE_KINDS or not q.get("starts") or not q.get("speaker"):
            yield f"quote needs speaker, starts, kind: {q}"
    for a in slots["actors"]:
        if a.get("type") not in ACTOR_TYPES or not a.get("text"):
            yield f"actor needs text and type: {a}"
    for action in _alternatives(slots["action"]):
        if not action.get("predicate"):
            yield f"action needs a predicate: {action}"
    for p in slots["places"]:
        if not p.get("text"):
            yield f"place needs text: {p}"


# --- the seeds --------------------------------------------------------------------------------


def read_seeds(
    seeds: Path = DEFAULT_SEEDS, published: str | None = DEFAULT_PUBLISHED
) -> dict[str, Article]:
    """File name -> cleaned article, read the way ``corroborate ingest`` reads them."""
    out: dict[str, Article] = {}
    options = ReadOptions(published=published)
    for path in sorted(seeds.glob("*.txt")):
        for item in read_inputs([str(path)], options):
            if isinstance(item, Article):
                out[path.name] = item
    return out


def locate(gold: Gold, articles: Mapping[str, Article]) -> list[Located]:
    """Each gold entry with its sentence; ValueError unless every anchor is found exactly once."""
    out: list[Located] = []
    problems: list[str] = []
    sentences = {name: split_sentences(a.text) for name, a in articles.items()}
    for entry in gold.sentences:
        name, anchor = entry["file"], entry["anchor"]
        article = articles.get(name)
        if article is None:
            problems.append(f"{name}: no such seed")
            continue
        count = article.text.count(anchor)
        if count != 1:
            problems.append(f"{name}: anchor {anchor!r} found {count} times")
            continue
        at = article.text.index(anchor)
        hits = [s for s in sentences[name] if s.start <= at and at + len(anchor) <= s.end]
        if len(hits) != 1:
            problems.append(f"{name}: anchor {anchor!r} is not inside one sentence")
            continue
        out.append(Located(entry, article, hits[0].index, hits[0].text))
    if problems:
        raise ValueError("; ".join(problems))
    return out


# --- normalising text -------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "—": " ", "–": " ", "-": " ", "\u00a0": " "}
)
_STOP_WORDS = "the a an his her its their of for to in on at by and with from s"
_STOP = frozenset(_STOP_WORDS.split())
_PREPOSITION_WORDS = "for of from in on at with by"
_PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split())
_IRREGULAR = {"lives": "life", "people": "people", "men": "man", "women": "woman"}
_IRREGULAR |= {"children": "child", "media": "media", "news": "news", "axes": "axis"}


def _lemma(token: str) -> str:
    token = token.lower()
    if token in _IRREGULAR:
        return _IRREGULAR[token]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _raw_tokens(text: str, aliases: Mapping[str, str]) -> list[str]:
    """Lower-cased lemmas, aliases expanded (case-sensitively: "US" but not "us")."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    text = re.sub(r"'s\b", " ", text)
    out: list[str] = []
    for token in re.findall(r"\w+(?:\.\w+)*\.?", text):
        key = token if token in aliases else token.replace(".", "")
        if key in aliases:
            out += _raw_tokens(aliases[key], {})
        else:
            out.append(_lemma(token.replace(".", "")))
    return out


def _content(text: str, aliases: Mapping[str, str]) -> frozenset[str]:
    return frozenset(t for t in _raw_tokens(text, aliases) if t not in _STOP)


def _head(text: str, aliases: Mapping[str, str]) -> str | None:
    """The head word of a gold phrase: the last word before any preposition ("spokesperson for
    the opposition" -> spokesperson, "Bashar al-Assad" -> assad, "his office" -> office)."""
    tokens = _raw_tokens(text, {})
    for n, token in enumerate(tokens):
        if token in _PREPOSITIONS and n > 0:
            tokens = tokens[:n]
            break
    words = [t for t in tokens if t not in _STOP]
    if not words:
        return None
    if words[-1] in {_lemma(k) for k in aliases}:  # "SOHR" -> the whole expanded name
        return None
    return words[-1]


def _same_name(gold: str, pred: str, aliases: Mapping[str, str]) -> bool:
    """The words of one contained in the other's (aliases expanded), or the gold head in pred."""
    g, p = _content(gold, aliases), _content(pred, aliases)
    if not g or not p:
        return False
    if g <= p or p <= g:
        return True
    head = _head(gold, aliases)
    return head is not None and head in p


def _has_head(gold: str, pred: str | None, aliases: Mapping[str, str]) -> bool:
    """The head of a gold phrase is a word of the prediction (a name: any of its words)."""
    if not pred:
        return False
    p = _content(pred, aliases)
    if not p:
        p = frozenset(_raw_tokens(pred, aliases))  # a pronoun ("it", "he") is a stop word
    head = _head(gold, aliases)
    if head is not None:
        return head in p
    g = _content(gold, aliases)
    return bool(g) and g <= p


def _phrase(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY).replace('"', " ")
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


# --- predictions -----------------------------------------------------------------------------


def _as_dict(obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict):
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    raise TypeError(f"not a record: {obj!r}")


def _spans(items: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Predictions of one sentence grouped by span: the same item carried by several claims is
    one prediction (a hit when any of its copies matches)."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for item in items:
        key = (item.get("start"), item.get("end"), item.get("text"))
        groups.setdefault(key, []).append(item)
    return list(groups.values())


# --- matching, slot by slot ------------------------------------------------------------------


class _Matcher:
    def __init__(self, gold: Gold) -> None:
        self.gold = gold
        self.aliases = gold.aliases

    # quantities
    def quantity(self, g: dict[str, Any], p: dict[str, Any]) -> bool:
        if not _same_number(g.get("value"), p.get("value")):
            return False
        if g.get("qualifier") != p.get("qualifier"):
            return False
        for bound in ("low", "high"):
            if (
                bound in g
                and g["qualifier"] != "vague"
                and not _same_number(g[bound], p.get(bound))
            ):
                return False
        if (g.get("unit") or None) != (p.get("unit") or None):
            return False
        if "also_as" in g:
            want = {(float(v), str(u)) for v, u in g["also_as"]}
            got = {(float(v), str(u)) for v, u in p.get("also_as") or ()}
            if want != got:
                return False
        if g.get("counted") and not self._counted(g["counted"], p.get("counted")):
            return False
        roles = _alternatives(g.get("role"))
        return not roles or self._role(roles, p.get("role"))

    def _counted(self, gold: str, pred: str | None) -> bool:
        if not pred:
            return False
        want = _lemma(gold)
        words = set(_raw_tokens(pred, {}))
        if want in words:
            return True
        return any(want in group and words & group for group in self.gold.counted_synonyms)

    def _role(self, roles: list[str], pred: str | None) -> bool:
        if not pred:
            return False
        got = _predicate(pred)
        if got in roles:
            return True
        return any(got in g and any(r in g for r in roles) for g in self.gold.role_synonyms)

    # times
    def time(self, g: dict[str, Any], p: dict[str, Any]) -> bool:
        kinds = _alternatives(g.get("kind"))
        if g.get("weekday"):
            if (p.get("weekday") or "").lower() != g["weekday"].lower():
                return False
            return not g.get("part") or (p.get("part") or "").lower() == g["part"].lower()
        if g.get("clock"):
            if _clock(p.get("clock")) != _clock(g["clock"]):
                return False
            if g.get("zone") and not _same_zone(g["zone"], p.get("zone")):
                return False
            return not g.get("also_as") or _squash(g["also_as"]) == _squash(p.get("also_as"))
        if g.get("date"):
            date = p.get("date") or ""
            return date.startswith(g["date"]) or (
                p.get("kind") == "date" and g["date"] in (p.get("text") or "")
            )
        if p.get("kind") not in kinds:
            return False
        if g.get("duration") and g["duration"] == p.get("duration"):
            return True
        return _same_name(g.get("text") or "", p.get("text") or "", {})

    # quotes
    def quote(self, g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g.get("kind") != p.get("kind"):
            return False
        if _phrase(g["starts"]) not in _phrase(p.get("text") or ""):
            return False
        return any(
            _has_head(s, p.get("speaker"), self.aliases) for s in _alternatives(g["speaker"])
        )

    # actors and places
    def actor(self, g: dict[str, Any], p: dict[str, Any]) -> bool:
        types = _COMPATIBLE.get(g["type"], {g["type"]})
        return p.get("type") in types and _same_name(g["text"], p.get("text") or "", self.aliases)

    def place(self, g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g.get("country") and (p.get("country") or "").upper() != g["country"].upper():
            return False
        return _same_name(g["text"], p.get("text") or "", self.aliases)

    # attribution
    def source(self, g: dict[str, Any], pred: str) -> bool:
        return any(_same_name(s, pred, self.aliases) for s in _alternatives(g["source"]))

    # the main claim
    def action(self, g: dict[str, Any], claim: dict[str, Any]) -> bool:
        if not claim.get("predicate") or _predicate(claim["predicate"]) != g["predicate"].lower():
            return False
        subject, obj = claim.get("subject"), claim.get("object")
        passive = bool(g.get("passive"))
        for role, own, other in (("subject", subject, obj), ("object", obj, subject)):
            wants = _alternatives(g.get(role))
            if not wants:
                continue
            if not any(
                _has_head(w, own, self.aliases) or (passive and _has_head(w, other, self.aliases))
                for w in wants
            ):
                return False
        return True


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _predicate(text: str) -> str:
    """The verb of a predicate lemma: "carry out" -> carry, "take_over" -> take."""
    words = re.split(r"[\s_]+", text.strip().lower())
    return words[0] if words else ""


def _clock(text: str | None) -> str:
    match = re.match(r"(\d{1,2}):(\d{2})", text or "")
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else ""


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").lower())


def _same_zone(gold: str, pred: str | None) -> bool:
    g = _squash(gold).removesuffix("time")
    p = _squash(pred).removesuffix("time")
    return bool(p) and (g == p or g in p or p in g)


# --- scoring ---------------------------------------------------------------------------------


def _short(item: dict[str, Any], keys: Sequence[str]) -> str:
    shown = {k: item[k] for k in keys if item.get(k) not in (None, "", [], ())}
    return json.dumps(shown, ensure_ascii=False, default=str)


_SHOW = {
    "quantities": ("text", "value", "low", "high", "qualifier", "unit", "counted", "role"),
    "times": ("text", "kind", "date", "weekday", "clock", "zone", "also_as", "part", "duration"),
    "quotes": ("speaker", "kind", "text"),
    "actors": ("text", "type"),
    "places": ("text", "country", "name"),
}


def _score_list(
    counts: Counts,
    gold_items: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    match: Callable[[dict[str, Any], dict[str, Any]], bool],
    error: Callable[[str, str], None],
    show: Sequence[str],
) -> None:
    groups = _spans(predicted)
    for g in gold_items:
        if g.get("optional"):
            continue
        counts.gold += 1
        if any(match(g, p) for group in groups for p in group):
            counts.found += 1
        else:
            error("miss", json.dumps(g, ensure_ascii=False))
    for group in groups:
        hits = [g for g in gold_items if any(match(g, p) for p in group)]
        if hits and all(g.get("optional") for g in hits):
            continue
        counts.predicted += 1
        if hits:
            counts.correct += 1
        else:
            error("spurious", _short(group[0], show))


def score(gold: Gold, located: Sequence[Located], claims: Mapping[str, Sequence[Any]]) -> Report:
    """Score the claims of each article (by article id) against the located gold sentences."""
    matcher = _Matcher(gold)
    report = Report(sentences=len(located), articles=len({loc.article.id for loc in located}))
    for loc in located:
        mine = [_as_dict(c) for c in claims.get(loc.article.id, ())]
        mine = [c for c in mine if c.get("sentence") == loc.sentence]
        report.claims += len(mine)
        slots = loc.entry["slots"]
        where = f"{loc.entry['file'][:3]}#{loc.sentence}"

        def error(kind: str, item: str, slot: str = "", where: str = where) -> None:
            report.errors.append({"slot": slot, "kind": kind, "where": where, "item": item})

        for slot, match in (
            ("quantities", matcher.quantity),
            ("times", matcher.time),
            ("quotes", matcher.quote),
            ("actors", matcher.actor),
            ("places", matcher.place),
        ):
            predicted = [_as_dict(x) for c in mine for x in c.get(slot) or ()]

            def slot_error(kind: str, item: str, slot: str = slot) -> None:
                error(kind, item, slot)

            _score_list(report.slots[slot], slots[slot], predicted, match, slot_error, _SHOW[slot])
        _score_attribution(report, matcher, slots["attribution"], mine, error)
        _score_action(report, matcher, slots["action"], mine, error, loc.text)
    return report


def _score_attribution(
    report: Report,
    matcher: _Matcher,
    gold: dict[str, Any] | None,
    claims: list[dict[str, Any]],
    error: Callable[..., None],
) -> None:
    counts = report.slots["attribution"]
    sources: dict[str, str] = {}
    for c in claims:
        att = c.get("attribution")
        source = (_as_dict(att).get("source") or "").strip() if att else ""
        if source:
            sources.setdefault(_phrase(source), source)
    if gold is not None and not gold.get("optional"):
        counts.gold += 1
        if any(matcher.source(gold, s) for s in sources.values()):
            counts.found += 1
        else:
            error("miss", json.dumps(gold, ensure_ascii=False), "attribution")
    for source in sources.values():
        hit = gold is not None and matcher.source(gold, source)
        if hit and gold is not None and gold.get("optional"):
            continue
        counts.predicted += 1
        if hit:
            counts.correct += 1
        else:
            error("spurious", json.dumps({"source": source}, ensure_ascii=False), "attribution")


def _score_action(
    report: Report,
    matcher: _Matcher,
    gold: Any,
    claims: list[dict[str, Any]],
    error: Callable[..., None],
    sentence: str,
) -> None:
    counts = report.slots["action"]
    alternatives = _alternatives(gold)
    made = [c for c in claims if c.get("predicate")]
    hit = any(matcher.action(g, c) for g in alternatives for c in made)
    if alternatives:
        counts.gold += 1
        counts.found += hit
        if not hit:
            got = "; ".join(
                f"{c.get('subject')} | {c.get('predicate')} | {c.get('object')}" for c in made
            )
            error("miss", f"{json.dumps(gold, ensure_ascii=False)} got [{got}]", "action")
    if made:
        counts.predicted += 1
        counts.correct += hit
        if not hit and not alternatives:
            error("spurious", sentence[:80], "action")


def run_seeds(
    seeds: Path = DEFAULT_SEEDS,
    published: str | None = DEFAULT_PUBLISHED,
    gold_path: Path = GOLD_PATH,
    extract: Callable[..., Iterable[tuple[Article, list[Any]]]] | None = None,
) -> Report:
    """Read the seeds, extract claims from them (``corroborate.claims.extract_many`` unless
    ``extract`` is given) and score them against the gold file."""
    if extract is None:
        from corroborate.claims import extract_many  # type: ignore[attr-defined,unused-ignore]

        extract = extract_many
    gold = load_gold(gold_path)
    articles = read_seeds(seeds, published)
    located = locate(gold, articles)
    claims = {article.id: list(found) for article, found in extract(list(articles.values()))}
    return score(gold, located, claims)
