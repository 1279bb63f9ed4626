"""Story clustering: group a stream of articles into stories, one real-world event each.

Two reports of the same *kind* of event (two earthquakes, two arrests of the same person years
apart) share topic words; what tells them apart is who and where (names) and when. So an article
is represented by three things, all cheap enough for 100k articles on two cores:

* its words: hashed, sublinear TF x IDF over content words (title included);
* its names: capitalised words that do not start a sentence (people, places, organisations),
  hashed and IDF weighted in a space of their own;
* its time: the publication date when known, else the years the text mentions.

Pair similarity = (1 - time_weight) * ((1 - name_weight) * cos(words) + name_weight * cos(names))
+ time_weight * agreement(time), where time agreement is 1 (same window / a shared year),
0 (far apart / only different years) or 0.5 (unknown).

Clustering is average-link agglomeration over a sparse graph of candidate pairs: candidates come
from an inverted index over each article's most salient features (very common features are left
out), so the work grows about linearly with the number of articles, not with its square. A pair
that is never a candidate counts as similarity 0 in the averages. Incremental assignment is the
same procedure with the stored stories as fixed clusters: new articles join them or form new
stories, and two existing stories are never merged or split, so earlier results stay put.

The shipped threshold was chosen on the odd-numbered ECB+ topics only (see bench/stories.py and
bench/RESULTS.md); the even-numbered topics are the held-out check.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from corroborate.records import Article

__all__ = ["Features", "StoryConfig", "cluster", "featurize", "pair_similarity", "story_id"]


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Parameters of story clustering."""

    threshold: float = 0.30  # average-link similarity needed to share a story (see bench)
    name_weight: float = 0.5  # share of the lexical part given to names (vs all words)
    time_weight: float = 0.2  # share of the similarity given to time agreement
    window_days: int = 4  # articles published this many days apart or less agree in time
    index_features: int = 20  # most salient features per article used to find candidates
    max_postings: int = 2000  # a feature shared by more articles finds no candidates
    max_candidates: int = 50  # candidates kept per article (most shared index features)
    keep_features: int = 200  # nonzero features kept per article and space
    min_df_articles: int = 50  # from this many articles on, features seen once are dropped
    link_coverage: float = 0.5  # least share of possible pairs an average is taken over

    def __post_init__(self) -> None:
        for name in ("threshold", "name_weight", "time_weight"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], not {value}")
        for name in ("window_days", "index_features", "max_postings", "max_candidates"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.keep_features < self.index_features:
            raise ValueError("keep_features must be at least index_features")


# -- features -----------------------------------------------------------------------------

N_FEATURES = 2**20
_CHUNK_ROWS = 2000
_INDEX_KEYS = 2**23  # hashed (feature, time bucket) keys of the candidate index
_WORD = re.compile(r"(?u)\b\w\w+\b")
_NAME = re.compile(r"(?u)(?<![.!?:]\s)(?<![.!?:])(?<!^)(?<!\n)\b[^\W\d_][\w'’-]*\w")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NOT_NAMES = frozenset(
    """The A An In On At For And But Or Of To By With From As It Its This That These Those He She
    They We I You His Her Their Our Mr Mrs Ms Dr After Before When While If Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December According Police However Also Meanwhile Read More Click
    Photo Image Video Related Share Updated Published""".split()  # noqa: SIM905
)


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "new"}


def _words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in stop]


def _names(text: str) -> list[str]:
    return [n.lower() for n in _NAME.findall(text) if n[0].isupper() and n not in _NOT_NAMES]


@dataclass(slots=True)
class Features:
    """Raw (sublinear TF) feature vectors of a set of articles, and their time."""

    ids: list[str]
    words: Any  # scipy.sparse CSR, n x N_FEATURES
    names: Any  # scipy.sparse CSR, n x N_FEATURES
    days: np.ndarray  # publication day number (date.toordinal), -1 when unknown
    years: list[frozenset[int]]


def _day(published: str | None) -> int:
    if not published:
        return -1
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return -1


def featurize(articles: Sequence[Article], config: StoryConfig | None = None) -> Features:
    """Feature vectors of ``articles`` (title and text), pruned to the strongest features."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

    config = config or StoryConfig()
    if not articles:
        empty = sp.csr_matrix((0, N_FEATURES), dtype=np.float32)
        return Features([], empty, empty.copy(), np.zeros(0, dtype=np.int64), [])
    stop = _stop_words()
    docs = [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]

    def vectorize(analyzer: Callable[[str], list[str]]) -> Any:
        vec = HashingVectorizer(
            n_features=N_FEATURES, analyzer=analyzer, alternate_sign=False, norm=None,
            dtype=np.float32,
        )  # fmt: skip
        counts = vec.transform(docs).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        return _prune(counts, config.keep_features)

    return Features(
        ids=[a.id for a in articles],
        words=vectorize(lambda d: _words(d, stop)),
        names=vectorize(_names),
        days=np.array([_day(a.published) for a in articles], dtype=np.int64),
        years=[frozenset(int(y) for y in _YEAR.findall(d)) for d in docs],
    )


def _prune(matrix: Any, keep: int) -> Any:
    """Keep the ``keep`` largest entries of each row."""
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        data, idx = matrix.data[start:end], matrix.indices[start:end]
        if end - start > keep:
            top = np.argpartition(-data, keep)[:keep]
            data, idx = data[top], idx[top]
        rows.append(np.full(len(idx), i))
        cols.append(idx)
        vals.append(data)
    if not rows:
        return matrix
    return sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=matrix.shape
    )


def _weighted(features: Features, config: StoryConfig) -> Any:
    """TF-IDF rows, each space L2-normalised and weighted, side by side in one matrix."""
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    n = features.words.shape[0]
    parts = []
    for matrix, weight in (
        (features.words, 1.0 - config.name_weight),
        (features.names, config.name_weight),
    ):
        df = np.bincount(matrix.indices, minlength=N_FEATURES)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        if n >= config.min_df_articles:
            idf[df < 2] = 0.0  # a feature of one article only links it to nothing: noise
        weighted = matrix.multiply(idf.astype(np.float32)).tocsr()
        parts.append(normalize(weighted) * np.sqrt(weight))
    return sp.hstack(parts, format="csr"), parts


def _time_agreement(features: Features, i: np.ndarray, j: np.ndarray, window: int) -> np.ndarray:
    di, dj = features.days[i], features.days[j]
    out = np.full(len(i), 0.5, dtype=np.float32)
    dated = (di >= 0) & (dj >= 0)
    out[dated] = (np.abs(di[dated] - dj[dated]) <= window).astype(np.float32)
    for k in np.nonzero(~dated)[0]:
        yi, yj = features.years[i[k]], features.years[j[k]]
        if yi and yj:
            out[k] = 1.0 if yi & yj else 0.0
    return out


def pair_similarity(a: Article, b: Article, config: StoryConfig | None = None) -> float:
    """The story similarity of two articles (IDF from the two alone: use for a quick look)."""
    config = config or StoryConfig()
    feats = featurize([a, b], config)
    weighted, _ = _weighted(feats, config)
    lexical = float(weighted[0].multiply(weighted[1]).sum())
    time = float(_time_agreement(feats, np.array([0]), np.array([1]), config.window_days)[0])
    return (1 - config.time_weight) * lexical + config.time_weight * time


# -- candidate pairs ------------------------------------------------------------------------


def _time_keyed(index: Any, buckets: np.ndarray, offsets: tuple[int, ...]) -> Any:
    """Copies of the binary ``index`` with each feature keyed by a time bucket (+ offset).

    Undated articles (bucket -1) keep the plain feature key. Keys are hashed into _INDEX_KEYS.
    """
    import scipy.sparse as sp

    coo = index.tocoo()
    row_bucket = buckets[coo.row]
    rows, cols = [], []
    for offset in offsets:
        shifted = np.where(row_bucket >= 0, row_bucket + offset + 1, 0)
        rows.append(coo.row)
        cols.append((coo.col.astype(np.int64) * 1_000_003 + shifted * 7919) % _INDEX_KEYS)
    data = np.ones(sum(len(r) for r in rows), dtype=np.float32)
    out = sp.csr_matrix(
        (data, (np.concatenate(rows), np.concatenate(cols))), shape=(index.shape[0], _INDEX_KEYS)
    )
    out.data[:] = 1.0  # a key posted twice by one article still counts once
    return out


def _compact_keys(post: Any, query: Any) -> tuple[Any, Any]:
    """The two key matrices over only the keys they use (columns renumbered alike), so arrays
    over the key space are as long as the keys in use, not all _INDEX_KEYS of them (tens of MB
    for a handful of articles)."""
    import scipy.sparse as sp

    used = np.unique(np.concatenate([post.indices, query.indices]))

    def compact(m: Any) -> Any:
        cols = np.searchsorted(used, m.indices).astype(m.indices.dtype, copy=False)
        return sp.csr_matrix((m.data, cols, m.indptr), shape=(m.shape[0], len(used)))

    return compact(post), compact(query)


def _candidate_pairs(
    weighted: Any, features: Features, config: StoryConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing a salient feature that is not too common, within a time window.

    A dated article posts its salient features keyed by its time bucket (``window_days`` wide)
    and looks them up in its own and the neighbouring buckets, so the postings it meets grow with
    the news of those days, not with the whole corpus. It also posts them unkeyed, where undated
    articles look.
    """
    n = weighted.shape[0]
    index = _prune(weighted, config.index_features)
    index.data[:] = 1.0
    buckets = np.where(features.days >= 0, features.days // config.window_days, -1)
    dated = buckets >= 0
    post = _time_keyed(index, buckets, (0,))
    if dated.any():
        undated_copy = _time_keyed(index, np.full(n, -1), (0,))
        post = post + undated_copy.multiply(dated[:, None].astype(np.float32)).tocsr()
        post.data[:] = 1.0
    query = _time_keyed(index, buckets, (-1, 0, 1))
    post, query = _compact_keys(post, query)
    postings = np.bincount(post.indices, minlength=post.shape[1])
    common = postings > config.max_postings
    if common.any():
        keep = (~common).astype(np.float32)
        post = post.multiply(keep).tocsr()
        post.eliminate_zeros()
    transposed = post.T.tocsr()
    pairs = []
    for start in range(0, n, _CHUNK_ROWS):  # row blocks keep the product's memory bounded
        shared = (query[start : start + _CHUNK_ROWS] @ transposed).tocsr()
        for row in range(shared.shape[0]):
            i = start + row
            lo, hi = shared.indptr[row], shared.indptr[row + 1]
            cols, counts = shared.indices[lo:hi], shared.data[lo:hi]
            other = cols != i
            cols, counts = cols[other], counts[other]
            if len(cols) > config.max_candidates:
                top = np.argpartition(-counts, config.max_candidates)[: config.max_candidates]
                cols = cols[top]
            pairs.append(np.minimum(cols, i).astype(np.int64) * n + np.maximum(cols, i))
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique = np.unique(np.concatenate(pairs))
    return unique // n, unique % n


def _pair_scores(
    weighted: Any, features: Features, i: np.ndarray, j: np.ndarray, config: StoryConfig
) -> np.ndarray:
    scores = np.empty(len(i), dtype=np.float32)
    chunk = 50_000
    for start in range(0, len(i), chunk):
        a, b = i[start : start + chunk], j[start : start + chunk]
        scores[start : start + chunk] = np.asarray(
            weighted[a].multiply(weighted[b]).sum(axis=1)
        ).ravel()
    time = _time_agreement(features, i, j, config.window_days)
    return (1 - config.time_weight) * scores + config.time_weight * time


# -- average-link agglomeration -----------------------------------------------------------


def cluster(
    features: Features,
    config: StoryConfig | None = None,
    fixed: Sequence[int] | None = None,
) -> list[int]:
    """Cluster labels, one per article, by average link over candidate pairs.

    ``fixed``: a label per article for articles already in a story (-1 for new ones). Those
    stories keep their members and are never merged with each other; new articles may join them.
    Returned labels reuse the fixed labels and number new clusters after the largest of them.
    """
    config = config or StoryConfig()
    n = len(features.ids)
    if n == 0:
        return []
    fixed = list(fixed) if fixed is not None else [-1] * n
    if len(fixed) != n:
        raise ValueError("fixed must have one label per article")
    weighted, _ = _weighted(features, config)
    i, j = _candidate_pairs(weighted, features, config)
    scores = _pair_scores(weighted, features, i, j, config)

    # initial clusters: one per fixed story, one per new article
    members: dict[int, list[int]] = {}
    owner = np.empty(n, dtype=np.int64)
    by_label: dict[int, int] = {}
    for k, label in enumerate(fixed):
        if label >= 0:
            c = by_label.setdefault(label, len(members))
            members.setdefault(c, []).append(k)
        else:
            c = len(members)
            members[c] = [k]
        owner[k] = c
    is_fixed = {c: True for label, c in by_label.items()}
    # links[a][b] = [sum of candidate-pair similarities, number of candidate pairs]
    links: dict[int, dict[int, list[float]]] = defaultdict(dict)
    for a, b, s in zip(owner[i], owner[j], scores, strict=True):
        if a != b and s > 0:
            link = links[a].setdefault(b, [0.0, 0.0])
            link[0] += float(s)
            link[1] += 1
            links[b][a] = link

    heap: list[tuple[float, int, int]] = []

    def average(link: list[float], size_a: int, size_b: int) -> float:
        """Average similarity over the candidate pairs between two clusters, but over no fewer
        than ``link_coverage`` of the pairs the candidate graph could hold between them (every
        pair, up to ``max_candidates`` per member of the smaller cluster): a few strong links
        do not merge two big clusters, and the pairs a big story never got to compare (each
        article keeps only its top candidates) do not split it."""
        possible = min(size_a * size_b, config.max_candidates * min(size_a, size_b))
        return link[0] / max(link[1], config.link_coverage * possible)

    def push(a: int, b: int) -> None:
        if is_fixed.get(a) and is_fixed.get(b):
            return
        avg = average(links[a][b], len(members[a]), len(members[b]))
        if avg >= config.threshold:
            heapq.heappush(heap, (-avg, min(a, b), max(a, b)))

    for a, neighbours in links.items():
        for b in neighbours:
            if a < b:
                push(a, b)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in links[a]:
            continue
        avg = average(links[a][b], len(members[a]), len(members[b]))
        if abs(avg + neg) > 1e-9:
            continue  # stale entry; a fresh one was pushed when the clusters changed
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) or is_fixed.get(a) else (b, a)
        if is_fixed.get(gone):
            keep, gone = gone, keep
        members[keep].extend(members.pop(gone))
        for c, (total, count) in links.pop(gone).items():
            links[c].pop(gone, None)
            if c != keep:
                link = links[keep].setdefault(c, [0.0, 0.0])
                link[0] += total
                link[1] += count
                links[c][keep] = link
        links[keep].pop(gone, None)
        for c in links[keep]:
            push(keep, c)

    labels = [-1] * n
    next_label = max([label for label in fixed if label >= 0], default=-1) + 1
    for ks in sorted(members.values(), key=min):
        old = {fixed[k] for k in ks if fixed[k] >= 0}
        if old:
            label = old.pop()
        else:
            label, next_label = next_label, next_label + 1
        for k in ks:
            labels[k] = label
    return labels


def story_id(first_article_id: str) -> str:
    """A stable story id derived from the article that opened the story."""
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:11]


def label_story(articles: Sequence[Article]) -> str:
    """A short headline for a story: the most common title words' best title, else a lead."""
    titles = [a.title for a in articles if a.title]
    if titles:
        words = Counter(w for t in titles for w in set(_WORD.findall(t.lower())))
        return max(
            titles, key=lambda t: (sum(words[w] for w in set(_WORD.findall(t.lower()))), -len(t))
        )
    lead = articles[0].text.split("\n")[0].split()
    return " ".join(lead[:14]) + ("…" if len(lead) > 14 else "")
