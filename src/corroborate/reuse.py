"""Text reuse and provenance: which articles of a story share text, who copied whom.

Three levels, from cheap to precise:

- :func:`near_duplicates` finds near-identical articles in a whole corpus with MinHash LSH over
  word shingles, without comparing all pairs;
- :func:`align` pairs the sentences of two articles: *verbatim* (the same words, lightly edited)
  or *paraphrase* (sentence embeddings close);
- :func:`compare` turns an alignment into a :class:`~corroborate.records.Relation`, and
  :func:`provenance` does it for every pair of a story's articles and groups the articles that
  derive from one text (independence groups).

Alignment is one-to-one and, for paraphrases, order-preserving
--------------------------------------------------------------
Two independent reports of one event tell the same facts ("over 300 killed", "Russia's first
strikes since 2016"), so their sentences do have close paraphrases in each other; what they do
not share is the *text*. A rewrite keeps the order of the text it rewrites (a paragraph may
move), while independent reports tell the shared facts each in its own order. So a paraphrase
counts only inside the longest order-preserving chain of sentence pairs (as sentence aligners
such as Gale-Church or vecalign do), while a verbatim sentence counts wherever it stands (a
moved paragraph copied word for word is still copied). Each sentence has at most one
counterpart, so one generic sentence ("the fighting goes on") cannot stand for many. On the
seeds the order constraint widens the gap between the lowest rewrite and the highest
independent pair from 0.10-0.12 (one-to-one, any order) to 0.16-0.17, at thresholds 0.65-0.70.

Thresholds and what they were measured on
-----------------------------------------
``paraphrase_threshold = 0.70``: cosine of all-MiniLM-L6-v2 sentence embeddings, a usual bar for
"the same statement" with this model. Between the five seed articles (three rewrites of one wire
text, two independent reports) the reworded sentences of the rewrites score 0.65-0.91 and the
shared facts of independent reports 0.65-0.81: no threshold separates *sentences*, the
order-preserving alignment separates *articles*. The seeds come out right for any threshold
from 0.65 to 0.72 (at 0.60 topical sentences chain up, from 0.75 the rewordings drop out).

``verbatim_threshold = 0.80``: normalised Indel similarity of the sentences' words (rapidfuzz),
at most a fifth of the characters edited: "told reporters" -> "said" passes, two reports of one
fact in their own words score 0.3-0.6.

Relation, from the shares (the share of each article's sentences of at least ``min_words`` words
that have a counterpart; verbatim shares count verbatim pairs only):

- ``duplicate``: both verbatim shares at least ``duplicate_share = 0.8`` (the same text, lightly
  edited, a paragraph added or dropped);
- ``rewrite``: both shares at least ``rewrite_share = 0.25`` (the two texts are largely the same
  material), or either share at least ``derived_share = 0.5`` (most of one article comes from the
  other: an abridged copy). Not "most sentences" on both sides: on heavy rewrites the model
  recognises a third to a half of the reworded sentences (the rest is padding and commentary
  with no counterpart), while independent reports stay below a fifth;
- ``shared-source``: either share at least ``shared_share = 0.3``, or ``min_matches`` verbatim
  pairs (wire paragraphs inside own reporting, a statement quoted at length by both);
- ``independent``: the rest, the incidental overlap of two reports of one event. Fewer than
  ``min_matches = 3`` matched pairs are always incidental, unless the texts are duplicates:
  two short reports of one event share a lede and a fact or two by nature.

Measured on the seeds (``../shared/data/seeds``, read with ``read_inputs``, all-MiniLM-L6-v2;
share_a / share_b, matched pairs; no verbatim pair anywhere)::

    000-003 rewrite      0.42 / 0.38  8      000-001 independent  0.21 / 0.17  4
    000-004 rewrite      0.37 / 0.33  7      001-003 independent  0.17 / 0.19  4
    003-004 rewrite      0.33 / 0.33  7      001-004 independent  0.17 / 0.19  4
                                             001-002 independent  0.12 / 0.10  3
                                             002-003 independent  0.10 / 0.14  3
                                             002-004 independent  0.07 / 0.10  2
                                             000-002 independent  0.05 / 0.03  1

The lower share of the lowest rewrite pair is 0.33, of the highest independent pair 0.17: a
margin of 0.16, with ``rewrite_share`` 0.08 from either side; the highest share of any
independent pair is 0.21, 0.09 below ``shared_share``. On the examples (``examples/``) the wire
text and the Prairie Evening Post copy are a duplicate (0.95 / 0.95, all verbatim); the Daily
Ledger and Coastline Herald rewrites share 0.47-0.71 with the wire text and the copy; Valley
Radio and the Northgate Courier share at most 0.18 with any of them. With the lexical fallback
the wire group is found through the wire text (Ledger-Herald alone fall to 0.18 / 0.18), and the
seeds' rewrites are not found at all (no verbatim sentence, no close rewording).

Limits: a pair of *short* same-event reports (under ~12 sentences, headline and lede included)
can reach three in-order paraphrase pairs by chance; on 25 ECB+ stories (1,539 pairs, no gold
for reuse) 19% of pairs come out as rewrites, many of them real wire copies, some of them such
short reports. Quotes that two reporters took down from one statement count as verbatim.

Independence groups join duplicates and rewrites only. ``shared-source`` does not join groups:
an article that carries a few wire paragraphs inside its own reporting is still an independent
witness for the rest, and joining on partial overlap chains unrelated articles together
(A quotes one paragraph of a wire text, B another). The relation and its matches are kept, so a
later stage can discount the shared sentences claim by claim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations, groupby
from typing import TYPE_CHECKING, Any

from corroborate.records import Article, Match, Relation, Sentence
from corroborate.sentences import split_sentences

if TYPE_CHECKING:
    import numpy as np

    from corroborate.embed import Embedder

__all__ = [
    "Provenance",
    "ReuseConfig",
    "align",
    "compare",
    "near_duplicates",
    "provenance",
]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """Parameters of near-duplicate search, sentence alignment and relations (see the module)."""

    # sentence alignment
    min_words: int = 4  # shorter sentences ("Aleppo: A Stronghold", "He said.") do not count
    verbatim_threshold: float = 0.80  # rapidfuzz Indel similarity of normalised words
    paraphrase_threshold: float = 0.70  # cosine of sentence embeddings
    # relations
    duplicate_share: float = 0.8  # verbatim share of both articles
    rewrite_share: float = 0.25  # share of both articles
    derived_share: float = 0.5  # share of either article: most of it comes from the other
    shared_share: float = 0.3  # share of either article
    min_matches: int = 3  # fewer matched sentences make neither a rewrite nor shared-source
    # near-duplicates (MinHash LSH)
    shingle_size: int = 5  # words per shingle
    num_perm: int = 128
    lsh_threshold: float = 0.5  # estimated Jaccard of shingle sets
    seed: int = 1

    def __post_init__(self) -> None:
        for name in (
            "verbatim_threshold",
            "paraphrase_threshold",
            "duplicate_share",
            "rewrite_share",
            "derived_share",
            "shared_share",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], not {value!r}")
        if self.min_words < 1:
            raise ValueError(f"min_words must be at least 1, not {self.min_words!r}")
        if self.min_matches < 1:
            raise ValueError(f"min_matches must be at least 1, not {self.min_matches!r}")
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, not {self.shingle_size!r}")
        if not 32 <= self.num_perm <= 1024:
            raise ValueError(f"num_perm must be in [32, 1024], not {self.num_perm!r}")
        if not 0.1 <= self.lsh_threshold <= 0.9:  # outside, the LSH index gets fewer than 2 bands
            raise ValueError(f"lsh_threshold must be in [0.1, 0.9], not {self.lsh_threshold!r}")
        for name in ("rewrite_share", "shared_share"):
            if getattr(self, name) > self.derived_share:
                raise ValueError(
                    f"{name} ({getattr(self, name)}) must not exceed derived_share "
                    f"({self.derived_share})"
                )


DEFAULT = ReuseConfig()


# -- near-duplicates (corpus scale) -------------------------------------------------------------


def near_duplicates(
    articles: Iterable[Article], config: ReuseConfig = DEFAULT
) -> list[tuple[str, str, float]]:
    """Pairs of near-identical articles ``(id, id, estimated Jaccard)``, best first.

    Each article becomes the set of its word shingles (``shingle_size`` normalised words), hashed
    to 32 bits and sketched with ``num_perm`` MinHash permutations (datasketch's affine32
    permutations, applied to a whole article at once with numpy); a datasketch MinHashLSH index
    buckets the sketches by bands, and only pairs that share a bucket are compared. A pair is
    kept when its estimated Jaccard is at least ``lsh_threshold``. Articles with no words are
    skipped. The first id of a pair is the one that came first in ``articles``.

    Speed (2-core CPU, articles of ~360 words): 100,000 articles in about 55 s, 0.55 ms each,
    three quarters of it tokenising and sketching, the rest indexing; sketching with
    datasketch's ``MinHash.bulk`` (SHA-1 per shingle, Python per shingle) takes twice as long.
    """
    from datasketch import LeanMinHash, MinHashLSH

    ids, signatures = _signatures(articles, config)
    if len(ids) < 2:
        return []
    lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
    with lsh.insertion_session() as session:
        for key, sig in enumerate(signatures):
            sketch = LeanMinHash(seed=config.seed, hashvalues=sig, scheme="affine32")
            session.insert(key, sketch, check_duplication=False)
    pairs = []
    for key, other in sorted(_bucket_pairs(lsh)):
        score = float((signatures[key] == signatures[other]).mean())
        if score >= config.lsh_threshold:
            pairs.append((ids[key], ids[other], score))
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def _bucket_pairs(lsh: Any) -> set[tuple[int, int]]:
    """Key pairs that share a bucket in any band of the index.

    Reading the band tables once is four times faster than one ``lsh.query`` per article (which
    looks up every band of every article again) and gives the same candidates.
    """
    out: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket, size in table.itemcounts().items():
            if size > 1:
                out.update(combinations(sorted(table.get(bucket)), 2))
    return out


def _signatures(
    articles: Iterable[Article], config: ReuseConfig
) -> tuple[list[str], list[np.ndarray]]:
    """Ids and MinHash signatures (uint32 arrays) of the articles that have words."""
    from datasketch import MinHash

    permutations = MinHash(num_perm=config.num_perm, seed=config.seed).permutations
    vocabulary: dict[str, int] = {}
    ids: list[str] = []
    signatures: list[np.ndarray] = []
    for article in articles:
        hashes = _shingle_hashes(article.text, config.shingle_size, vocabulary)
        if hashes.size:
            ids.append(article.id)
            signatures.append(_minhash(hashes, permutations))
    return ids, signatures


def _shingle_hashes(text: str, size: int, vocabulary: dict[str, int]) -> np.ndarray:
    """32-bit hashes of the word shingles of ``text`` (one shingle of all words if fewer).

    Words are hashed once per call (crc32, kept in ``vocabulary``); a shingle's hash mixes its
    words' hashes with numpy, so no Python code runs per shingle. Repeated shingles are kept:
    they do not change a minimum.
    """
    import zlib

    import numpy as np

    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    for word in set(words).difference(vocabulary):
        vocabulary[word] = zlib.crc32(word.encode("utf-8"))
    tokens = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    count = len(words) - width + 1
    mixed = tokens[:count].copy()
    for offset in range(1, width):
        mixed = mixed * np.uint64(0x100000001B3) + tokens[offset : offset + count]
    return _fmix32(mixed ^ (mixed >> np.uint64(32)))


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 finaliser on the low 32 bits (datasketch applies the same pre-mix)."""
    import numpy as np

    h = (values & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _minhash(hashes: np.ndarray, permutations: np.ndarray) -> np.ndarray:
    """MinHash signature: for each permutation ``h -> a*h + b mod 2**32``, the least value."""
    a, b = permutations
    return (hashes[:, None] * a[None, :] + b[None, :]).min(axis=0)


# -- sentence alignment -------------------------------------------------------------------------


def align(
    sents_a: Sequence[Sentence],
    emb_a: np.ndarray,
    sents_b: Sequence[Sentence],
    emb_b: np.ndarray,
    config: ReuseConfig = DEFAULT,
) -> list[Match]:
    """Sentence pairs of a and b (``Sentence.index`` values), one-to-one, in the order of a.

    ``emb_a`` / ``emb_b`` hold one L2-normalised row per sentence. Sentences shorter than
    ``min_words`` are left out. A pair is *verbatim* when the normalised words are nearly the
    same (``verbatim_threshold``) and counts wherever it stands; a pair is *paraphrase* when the
    embeddings' cosine reaches ``paraphrase_threshold`` and counts only inside the longest
    order-preserving chain of candidate pairs (see the module docstring for why).
    """
    import numpy as np

    keep_a = _countable(sents_a, config.min_words)
    keep_b = _countable(sents_b, config.min_words)
    if not keep_a or not keep_b:
        return []
    cosine = np.asarray(emb_a[keep_a] @ emb_b[keep_b].T, dtype=np.float64)
    lexical = _lexical([sents_a[i].text for i in keep_a], [sents_b[j].text for j in keep_b])
    candidates = _candidates(cosine, lexical, config)
    chosen = _chain(candidates)
    chosen += _free_verbatim(candidates, chosen)
    return sorted(
        (Match(a=sents_a[keep_a[i]].index, b=sents_b[keep_b[j]].index, score=round(score, 4),
               kind=kind) for i, j, score, kind in chosen),
        key=lambda m: m.a,
    )  # fmt: skip


Candidate = tuple[int, int, float, str]  # row, column, score, kind
_Link = tuple[int, float, int]  # chain length, score sum, index of the last candidate


def _countable(sents: Sequence[Sentence], min_words: int) -> list[int]:
    return [i for i, s in enumerate(sents) if len(_WORD.findall(s.text)) >= min_words]


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _lexical(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """Indel similarity (0..1) of every pair of normalised sentences."""
    import numpy as np
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    scores = cdist(
        [_normalise(t) for t in texts_a],
        [_normalise(t) for t in texts_b],
        scorer=Indel.normalized_similarity,
        dtype=np.float32,
    )
    return np.asarray(scores, dtype=np.float64)


def _candidates(cosine: np.ndarray, lexical: np.ndarray, config: ReuseConfig) -> list[Candidate]:
    """Every pair that is verbatim or paraphrase, sorted by row then column."""
    import numpy as np

    out: list[Candidate] = []
    verbatim = lexical >= config.verbatim_threshold
    paraphrase = cosine >= config.paraphrase_threshold
    for i, j in zip(*np.nonzero(verbatim | paraphrase), strict=True):
        if verbatim[i, j]:
            out.append((int(i), int(j), float(lexical[i, j]), "verbatim"))
        else:
            out.append((int(i), int(j), float(min(cosine[i, j], 1.0)), "paraphrase"))
    return out


def _chain(candidates: list[Candidate]) -> list[Candidate]:
    """The longest chain of pairs increasing in both row and column (ties: higher scores).

    A weighted longest-increasing-subsequence over the candidate pairs (sorted by row), in
    O(k log k) with a Fenwick tree of prefix maxima over columns. The pairs of one row are all
    looked up before any is stored, so two pairs of one row never chain.
    """
    if not candidates:
        return []
    tree: list[_Link] = [(0, 0.0, -1)] * (max(c[1] for c in candidates) + 2)
    best: list[_Link] = []  # per candidate: (count, score, predecessor)
    for _, row in groupby(range(len(candidates)), key=lambda k: candidates[k][0]):
        ks = list(row)
        for k in ks:
            count, score, _ = prev = _prefix_max(tree, candidates[k][1])
            best.append((count + 1, score + candidates[k][2], prev[2]))
        for k in ks:
            _update(tree, candidates[k][1] + 1, (best[k][0], best[k][1], k))
    k = max(range(len(best)), key=lambda n: best[n][:2])
    chain = []
    while k >= 0:
        chain.append(candidates[k])
        k = best[k][2]
    return chain[::-1]


def _prefix_max(tree: list[_Link], column: int) -> _Link:
    """Best (count, score, index) among chains ending in a column < ``column``."""
    out = (0, 0.0, -1)
    i = column
    while i > 0:
        if tree[i][:2] > out[:2]:
            out = tree[i]
        i -= i & -i
    return out


def _update(tree: list[_Link], i: int, value: _Link) -> None:
    while i < len(tree):
        if value[:2] > tree[i][:2]:
            tree[i] = value
        i += i & -i


def _free_verbatim(candidates: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """Verbatim pairs outside the chain whose sentences are both still free, best first."""
    rows = {c[0] for c in chosen}
    cols = {c[1] for c in chosen}
    out = []
    for cand in sorted(candidates, key=lambda c: -c[2]):
        if cand[3] == "verbatim" and cand[0] not in rows and cand[1] not in cols:
            out.append(cand)
            rows.add(cand[0])
            cols.add(cand[1])
    return out


# -- relations ----------------------------------------------------------------------------------


def compare(
    a: Article,
    b: Article,
    embedder: Embedder | None = None,
    config: ReuseConfig = DEFAULT,
) -> Relation:
    """How ``a`` and ``b`` share text: shares, relation, sentence pairs and ``source``.

    ``source`` is set for every relation but ``independent``: the id of the article published
    first, which the other derives from (or, for ``shared-source``, took the common material
    after). It is None when a publication time is missing or the times do not tell (the same
    instant, or the same calendar day when either has no UTC offset).
    """
    pa, pb = _prepare([a, b], embedder)
    return _relate(pa, pb, config)


@dataclass(slots=True)
class _Prepared:
    article: Article
    sentences: list[Sentence]
    embeddings: np.ndarray


def _prepare(articles: Sequence[Article], embedder: Embedder | None) -> list[_Prepared]:
    """Split every article and embed all sentences of all articles in one call."""
    if embedder is None:
        from corroborate.embed import get_embedder

        embedder = get_embedder()
    split = [split_sentences(a.text) for a in articles]
    vectors = embedder.encode([s.text for sents in split for s in sents])
    out = []
    start = 0
    for article, sents in zip(articles, split, strict=True):
        emb = vectors[start : start + len(sents)]
        start += len(sents)
        out.append(_Prepared(article, sents, emb))
    return out


def _relate(pa: _Prepared, pb: _Prepared, config: ReuseConfig) -> Relation:
    matches = align(pa.sentences, pa.embeddings, pb.sentences, pb.embeddings, config)
    n_a = len(_countable(pa.sentences, config.min_words))
    n_b = len(_countable(pb.sentences, config.min_words))
    verbatim = sum(m.kind == "verbatim" for m in matches)
    share_a, share_b = _share(len(matches), n_a), _share(len(matches), n_b)
    kind = _classify(
        _Shares(share_a, share_b, len(matches)),
        _Shares(_share(verbatim, n_a), _share(verbatim, n_b), verbatim),
        config,
    )
    source = _earlier(pa.article, pb.article) if kind != "independent" else None
    return Relation(
        a=pa.article.id, b=pb.article.id, share_a=round(share_a, 4), share_b=round(share_b, 4),
        relation=kind, source=source, matches=matches,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Shares:
    a: float
    b: float
    count: int  # matched sentence pairs


def _share(matched: int, total: int) -> float:
    return matched / total if total else 0.0


def _classify(matched: _Shares, verbatim: _Shares, config: ReuseConfig) -> str:
    if min(verbatim.a, verbatim.b) >= config.duplicate_share:
        return "duplicate"
    if matched.count < config.min_matches:
        return "independent"
    low, high = sorted((matched.a, matched.b))
    if low >= config.rewrite_share or high >= config.derived_share:
        return "rewrite"
    if high >= config.shared_share or verbatim.count >= config.min_matches:
        return "shared-source"
    return "independent"


# -- publication order --------------------------------------------------------------------------


def _earlier(a: Article, b: Article) -> str | None:
    """The id of the article published strictly earlier, when the times tell; else None.

    Two times with a UTC offset are compared as instants. Otherwise (a bare date, or a time
    without offset, on either side) only the calendar dates are compared: different dates tell
    the order, the same date does not.
    """
    time_a, time_b = _parse_time(a.published), _parse_time(b.published)
    if time_a is None or time_b is None:
        return None
    if _aware(time_a) and _aware(time_b):
        return a.id if time_a < time_b else b.id if time_b < time_a else None
    day_a, day_b = _day(time_a), _day(time_b)
    return a.id if day_a < day_b else b.id if day_b < day_a else None


def _parse_time(published: str | None) -> date | datetime | None:
    """A date or datetime from an ISO 8601 string; None when missing or unreadable."""
    text = (published or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return None


def _aware(value: date | datetime) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# -- provenance of a story ----------------------------------------------------------------------


@dataclass(slots=True)
class Provenance:
    """Reuse within one story's articles.

    ``relations``: one per pair of articles, in input order (a before b). ``groups``: the
    independence groups, article ids in input order, groups ordered by their first article.
    ``originality``: per article id, the share of its sentences (of at least ``min_words``
    words) that have a counterpart in no other article. ``sentences``: the sentences that
    :class:`~corroborate.records.Match` indices refer to.
    """

    relations: list[Relation]
    groups: list[list[str]]
    originality: dict[str, float]
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)

    def relation(self, a: str, b: str) -> Relation | None:
        """The relation of two article ids, in either order."""
        for rel in self.relations:
            if {rel.a, rel.b} == {a, b}:
                return rel
        return None

    def group_of(self, article_id: str) -> list[str]:
        for group in self.groups:
            if article_id in group:
                return group
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (for a cache); sentences are left out, they follow from the texts."""
        from dataclasses import asdict

        return {
            "relations": [asdict(r) for r in self.relations],
            "groups": self.groups,
            "originality": self.originality,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        relations = [
            Relation(**{**r, "matches": [Match(**m) for m in r.get("matches") or []]})
            for r in data["relations"]
        ]
        return cls(relations, data["groups"], data["originality"])


def provenance(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    config: ReuseConfig = DEFAULT,
) -> Provenance:
    """Every pairwise relation of a story's articles, their independence groups and originality.

    The sentences of all articles are embedded in one ``embedder.encode`` call (default:
    :func:`corroborate.embed.get_embedder`; :class:`~corroborate.embed.LexicalEmbedder` works
    too and finds verbatim reuse and close rewrites only).
    """
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("articles must have distinct ids")
    prepared = _prepare(articles, embedder)
    relations = [_relate(pa, pb, config) for pa, pb in combinations(prepared, 2)]
    return Provenance(
        relations=relations,
        groups=_groups(ids, relations),
        originality=_originality(prepared, relations, config),
        sentences={p.article.id: p.sentences for p in prepared},
    )


def _groups(ids: list[str], relations: list[Relation]) -> list[list[str]]:
    """Connected components over duplicate and rewrite relations (union-find)."""
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rel in relations:
        if rel.relation in ("duplicate", "rewrite"):
            ra, rb = root(rel.a), root(rel.b)
            if ra != rb:
                parent[max(ra, rb, key=ids.index)] = min(ra, rb, key=ids.index)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _originality(
    prepared: list[_Prepared], relations: list[Relation], config: ReuseConfig
) -> dict[str, float]:
    """Per article, the share of its countable sentences matched in no other article."""
    shared: dict[str, set[int]] = {p.article.id: set() for p in prepared}
    for rel in relations:
        shared[rel.a].update(m.a for m in rel.matches)
        shared[rel.b].update(m.b for m in rel.matches)
    out = {}
    for p in prepared:
        total = len(_countable(p.sentences, config.min_words))
        out[p.article.id] = round(1.0 - _share(len(shared[p.article.id]), total), 4)
    return out
