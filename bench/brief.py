"""Brief quality: ROUGE of corroborate's brief against human reference summaries, LexRank beside it.

Reads a JSON Lines file of news clusters, one a line::

    {"cluster": ID, "articles": [{"title", "text", "published"}, ...], "references": [SUMMARY, ...]}

(``title`` and ``published`` may be null; an article may also carry ``source``.) Each article
becomes an :class:`~corroborate.records.Article` whose paragraphs are the non-empty lines of its
text, as given (``--clean`` runs corroborate's reader cleanup on it first, as ``ingest`` would).
For each cluster two extractive summaries are made from the same articles:

- **ours**: claims, provenance, claim groups, ``make_brief`` (see :func:`our_summary`), the
  brief's sentences joined without their ``[n]`` citation marks;
- **lexrank**: sumy's ``LexRankSummarizer`` over all the cluster's sentences (articles in the
  order given), sentences taken best-ranked first under the same word budget and the same rule as
  the brief (a sentence that would pass the budget is skipped and smaller ones still fill it, the
  first one is always kept, an exact repeat of a chosen sentence is skipped), printed in document
  order. Sentences come from corroborate's own splitter for both systems; sumy's default
  tokenizer is not used, because it needs NLTK data that would have to be downloaded;
- **lexrank-matched**: the same LexRank ranking, but each cluster's budget is the number of words
  our brief actually used there, to tell a length gap from a selection gap.

Both summaries get ``--words`` words (default 250, the length ROUGE is cut at, so the budget is
the same for both and neither is cut mid-sentence by the scorer) and are cut at ``--cut`` words
(default 250) before scoring. Scores: rouge-score's ``RougeScorer(["rouge1", "rouge2"],
use_stemmer=True)``, recall (and F1, for information) of the summary against each reference, the
**mean over a cluster's references**, then the mean over clusters. Clusters are split in two
halves by the parity of the SHA-1 of their id (even: A, odd: B), reported apart, so that a half
can be held out if anything is ever tuned with this script. A paired bootstrap (2,000
draws over clusters, fixed seed) gives a 95% interval for the difference ours - lexrank.

Beside ROUGE the script prints, for the brief and for LexRank, the share of summary sentences
that break a rule of a brief's sentence (:func:`rule_breaks`: open with a dateline, byline or
agency tag; a fragment without a finite verb or of fewer than six words; open on a pronoun,
demonstrative, ordinal reference or connective that the sentence shown just before does not
resolve; a question; a transcript line), and the share of the brief's words in sentences about
conflicts or figures (dispute sentences, and facts whose claim group states a figure). The
brief is made with the figure conflicts of its claim groups, as the report makes it.
``--rows A-B`` takes only lines A to B of the file (to score a held-out part apart);
``--rules-only`` needs no reference summary and prints only the rule breaks and the shares
(for real stories without a summary, e.g. ECB+ stories as clusters with empty references).

The exit status is 1 when our mean ROUGE-1 or ROUGE-2 recall is not above LexRank's over all
clusters (the issue asks the brief to beat LexRank), 2 when rouge-score or sumy is missing.

    .venv/bin/python bench/brief.py CLUSTERS.jsonl [--limit N] [--rows A-B] [--words N] [--cut N]
        [--clean] [--json OUT] [--quiet]
    .venv/bin/python bench/brief.py --from-longbench multi_news.jsonl CLUSTERS.jsonl

``--from-longbench`` only converts LongBench's ``multi_news.jsonl`` (Multi-News test clusters:
``context`` holds the articles as ``Passage N:`` blocks with their line breaks written
``NEWLINE_CHAR``, ``answers`` the reference summary) to the cluster format and exits.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from corroborate.records import Article, article_id
from corroborate.sentences import split_sentences

try:
    from rouge_score import rouge_scorer
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words
except ImportError as missing:
    print(
        f"bench/brief.py needs rouge-score and sumy ({missing}): pip install -e '.[bench]'",
        file=sys.stderr,
    )
    sys.exit(2)

DEFAULT_WORDS = 250  # the brief's budget and LexRank's: the length ROUGE is cut at
DEFAULT_CUT = 250
SYSTEMS = ("ours", "lexrank", "lexrank-matched")
METRICS = ("r1_recall", "r2_recall", "r1_f1", "r2_f1")
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
BOOTSTRAP_DRAWS = 2000
CORROBORATED_BANDS: tuple[tuple[str, Callable[[float], bool]], ...] = (
    ("half or more", lambda share: share >= 0.5),
    ("some", lambda share: 0 < share < 0.5),
    ("none", lambda share: share == 0),
)
WARM_UP = [
    "The army said on Saturday that more than 300 people had been killed in the city.\n"
    "Rebels took the airport on Friday, the monitor said.",
    "More than 300 people were killed in the city, the army said on Saturday.\n"
    "The airport fell to rebels on Friday.",
]


# --- reading -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Cluster:
    id: str
    articles: list[Article]
    references: list[str]

    @property
    def split(self) -> str:
        return "A" if int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def make_article(raw: dict[str, Any], seen: set[str], clean: bool) -> Article | None:
    """An Article of the non-empty lines of ``raw["text"]`` (cleaned first with ``clean``)."""
    text = str(raw.get("text") or "")
    title = raw.get("title") or None
    published = raw.get("published") or None
    source = raw.get("source") or None
    if clean:
        from corroborate.config import ReadOptions
        from corroborate.read.build import build_article

        built = build_article(
            text,
            input="bench",
            kind="jsonl",
            options=ReadOptions(),
            title=title,
            source=source,
            published=published,
            find_title=False,
        )
        found = [a for a in built if isinstance(a, Article)]
        if not found:
            return None
        paragraphs = found[0].paragraphs
    else:
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        return None
    body = "\n".join(paragraphs)
    ident = article_id(body, source)
    copy = 1
    while ident in seen:  # the same text twice in one cluster: keep both, with distinct ids
        copy += 1
        ident = article_id(body, f"{source or ''} copy {copy}")
    seen.add(ident)
    return Article(
        id=ident,
        text=body,
        paragraphs=paragraphs,
        title=title,
        source=source,
        published=published,
        kind="jsonl",
    )


def read_clusters(
    path: Path,
    limit: int | None,
    clean: bool,
    rows: tuple[int, int] | None = None,
    need_references: bool = True,
) -> list[Cluster]:
    """The clusters of ``path`` (``rows``: only lines FIRST to LAST, 1-based, inclusive)."""
    clusters: list[Cluster] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            if rows is not None and not rows[0] <= number <= rows[1]:
                continue
            if limit is not None and len(clusters) >= limit:
                break
            row = json.loads(line)
            seen: set[str] = set()
            articles = [make_article(a, seen, clean) for a in row.get("articles") or []]
            kept = [a for a in articles if a is not None]
            references = [r for r in row.get("references") or [] if r and r.strip()]
            ident = str(row.get("cluster", f"line {number}"))
            if not kept or (need_references and not references):
                print(f"skipped: cluster {ident}: no article text or no reference", file=sys.stderr)
                continue
            clusters.append(Cluster(ident, kept, references))
    return clusters


PASSAGE = re.compile(r"(?:^|\n)Passage \d+:\n")
NEWLINE_CHAR = re.compile(r"[ \t]*NEWLINE_CHAR[ \t]*")


def from_longbench(source: Path, target: Path) -> int:
    """Convert LongBench ``multi_news.jsonl`` rows to clusters; the number written."""
    written = 0
    with source.open(encoding="utf-8") as rows, target.open("w", encoding="utf-8") as out:
        for line in rows:
            if not line.strip():
                continue
            row = json.loads(line)
            passages = [NEWLINE_CHAR.sub("\n", p).strip() for p in PASSAGE.split(row["context"])]
            articles = [{"title": None, "text": p, "published": None} for p in passages if p]
            index = row.get("source_index", written)
            cluster = {
                "cluster": f"multi_news-{index}",
                "articles": articles,
                "references": [a for a in row["answers"] if a.strip()],
            }
            out.write(json.dumps(cluster, ensure_ascii=False) + "\n")
            written += 1
    return written


# --- the two systems -----------------------------------------------------------------------------


@functools.cache
def _embedder() -> Any:
    from corroborate.embed import get_embedder

    return get_embedder()


def _story_embedder() -> Any:
    """A cache over the model for one cluster, as ``build_report`` uses for one story."""
    from corroborate.embed import CachedEmbedder

    return CachedEmbedder(_embedder())


def our_summary(articles: list[Article], words: int) -> tuple[str, dict[str, Any]]:
    """corroborate's brief of ``articles`` in at most about ``words`` words, without citations,
    and what is measured of it: the share of its words in sentences backed by two or more
    independent sources (``corroborated``), in sentences about conflicts or figures
    (``disputed_or_figures``) and in dispute sentences (``disputes``), and its rule breaks
    (:func:`rule_breaks`)."""
    from corroborate.claims import extract_many
    from corroborate.report import find_conflicts, group_claims, make_brief
    from corroborate.reuse import provenance

    embedder = _story_embedder()
    claims = {a.id: c for a, c in extract_many(articles)}
    groups = provenance(articles, embedder).groups
    claim_groups = group_claims(articles, claims, groups, embedder=embedder)
    conflicts = find_conflicts(claim_groups)
    brief = make_brief(articles, claim_groups, embedder=embedder, words=words, conflicts=conflicts)
    total = max(1, brief.words)

    def share(keep: Callable[[Any], bool]) -> float:
        return sum(len(s.text.split()) for s in brief.sentences if keep(s)) / total

    stats: dict[str, Any] = {
        "corroborated": share(lambda s: s.sources >= 2 and s.kind != "dispute"),
        "disputed_or_figures": share(lambda s: s.kind == "dispute" or s.figure),
        "disputes": share(lambda s: s.kind == "dispute"),
        "sentences": len(brief.sentences),
        "breaks": rule_breaks([(s.text, s.article or None, s.sentence) for s in brief.sentences]),
    }
    return " ".join(s.text for s in brief.sentences), stats


RULES = ("dateline", "fragment", "reference", "question", "transcript")


def rule_breaks(sentences: list[tuple[str, str | None, int]]) -> dict[str, int]:
    """How many of a summary's sentences (text, article id, index in the article; in the order
    shown) break each rule of a brief's sentence: open with a dateline, byline or agency tag;
    are a fragment (no finite verb, or fewer words than a sentence has); open on a pronoun,
    demonstrative, ordinal reference or connective that the sentence shown just before
    (the one before it in the same article) does not resolve; are a question; are a transcript
    line. Checked on the text as shown, with the brief's own patterns and the spaCy parse."""
    from corroborate.claims.nlp import get_nlp
    from corroborate.report.brief import standalone as rules

    nlp = get_nlp()
    counts = dict.fromkeys(RULES, 0)
    counts["any"] = 0
    previous: tuple[str | None, int] = (None, -2)
    for text, article, index in sentences:
        text = " ".join(text.split())
        broken = set()
        dateline = rules.DATELINE.match(text) or rules.BYLINE.match(text)
        if dateline and rules.strip_dateline(text) != text:
            broken.add("dateline")
        parsed = rules.fragment(nlp(text))
        if parsed == "fragment" or len(text.split()) < rules.MIN_WORDS:
            broken.add("fragment")
        leans = (
            rules.OPENING_REFERENCE.match(text)
            or rules.INTRO_REFERENCE.match(text)
            or rules.INTRO_SUBJECT.match(text)
            or rules.CONNECTIVE.match(text)
            or parsed == "leans"
        )
        resolved = article is not None and previous == (article, index - 1)
        if leans and not resolved:
            broken.add("reference")
        if rules.QUESTION.search(text):
            broken.add("question")
        if rules.TRANSCRIPT.match(text):
            broken.add("transcript")
        for rule in broken:
            counts[rule] += 1
        counts["any"] += bool(broken)
        previous = (article, index)
    counts["sentences"] = len(sentences)
    return counts


class Tokenizer:
    """What sumy needs of a tokenizer, without NLTK data: corroborate's sentence splitter and a
    word pattern."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(WORD.findall(sentence))


@functools.cache
def _lexrank() -> Any:
    summarizer = LexRankSummarizer(Stemmer("english"))  # NLTK's Snowball: no data needed
    summarizer.stop_words = get_stop_words("english")  # shipped inside sumy
    return summarizer


def lexrank_ranking(articles: list[Article]) -> tuple[list[str], list[int]]:
    """All sentences of the cluster in document order, and their indices best-ranked first."""
    tokenizer = Tokenizer()
    texts = [s.text for a in articles for s in split_sentences(a.text)]
    if not texts:
        return [], []
    document = ObjectDocumentModel(
        [Paragraph([Sentence(t, tokenizer) for t in texts])]  # one paragraph: LexRank ignores them
    )
    order: list[int] = []

    def rank_all(infos: Sequence[Any]) -> list[Any]:
        order.extend(info.order for info in infos)  # sumy hands them over best-rated first
        return list(infos)

    _lexrank()(document, rank_all)
    return texts, order


def fill(texts: list[str], order: list[int], words: int) -> str:
    """Sentences by rank under the budget (the brief's rule), joined in document order."""
    return " ".join(" ".join(texts[i].split()) for i in chosen_by_rank(texts, order, words))


def chosen_by_rank(texts: list[str], order: list[int], words: int) -> list[int]:
    """The indices :func:`fill` takes, in document order."""
    chosen: list[int] = []
    seen: set[str] = set()
    used = 0
    for index in order:
        text = " ".join(texts[index].split())
        size = len(text.split())
        if chosen and used + size > words:
            continue
        if text in seen:
            continue
        chosen.append(index)
        seen.add(text)
        used += size
    return sorted(chosen)


# --- scoring -------------------------------------------------------------------------------------


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


@functools.cache
def _scorer() -> Any:
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def score(summary: str, references: list[str]) -> dict[str, float]:
    """ROUGE-1/2 recall and F1 of ``summary`` against each reference, averaged over them."""
    scores = [_scorer().score(reference, summary) for reference in references]
    return {
        "r1_recall": mean(s["rouge1"].recall for s in scores),
        "r2_recall": mean(s["rouge2"].recall for s in scores),
        "r1_f1": mean(s["rouge1"].fmeasure for s in scores),
        "r2_f1": mean(s["rouge2"].fmeasure for s in scores),
    }


@dataclass(slots=True)
class Result:
    cluster: str
    split: str
    articles: int
    article_words: int
    references: int
    reference_words: float
    systems: dict[str, dict[str, Any]] = field(default_factory=dict)


def rules_only(clusters: list[Cluster], words: int) -> int:
    """``--rules-only``: the brief's and LexRank's rule breaks and the brief's shares of words,
    without references or ROUGE (for clusters of real articles that have no summary)."""
    breaks: dict[str, dict[str, int]] = {"ours": {}, "lexrank": {}}
    shares: list[dict[str, Any]] = []
    for cluster in clusters:
        _, stats = our_summary(cluster.articles, words)
        shares.append(stats)
        texts, order = lexrank_ranking(cluster.articles)
        where = [(a.id, i) for a in cluster.articles for i, _ in enumerate(split_sentences(a.text))]
        lexrank = rule_breaks([(texts[i], *where[i]) for i in chosen_by_rank(texts, order, words)])
        for system, counts in (("ours", stats["breaks"]), ("lexrank", lexrank)):
            for key, value in counts.items():
                breaks[system][key] = breaks[system].get(key, 0) + value
    print(f"{len(clusters)} clusters, {sum(len(c.articles) for c in clusters)} articles, "
          f"budget {words} words")  # fmt: skip
    print_breaks(breaks)
    print_shares(shares)
    return 0


def print_breaks(breaks: dict[str, dict[str, int]]) -> None:
    print("rule breaks: share of summary sentences that open with a dateline, are a fragment,")
    print("open on an unresolved reference, are a question or a transcript line")
    print(f"  {'system':<10} {'sentences':>9} " + " ".join(f"{r:>10}" for r in (*RULES, "any")))
    for system, counts in breaks.items():
        total = counts.get("sentences", 0)
        shares = [counts.get(rule, 0) / max(1, total) for rule in (*RULES, "any")]
        print(f"  {system:<10} {total:>9} " + " ".join(f"{v:>10.3f}" for v in shares))


def print_shares(stats: list[dict[str, Any]]) -> None:
    words_in = mean(s["disputed_or_figures"] for s in stats)
    disputes = mean(s["disputes"] for s in stats)
    print(
        f"brief words in sentences about conflicts or figures: {words_in:.3f} "
        f"(in dispute sentences {disputes:.3f}; clusters with a dispute sentence "
        f"{sum(s['disputes'] > 0 for s in stats)}/{len(stats)})"
    )


def run_cluster(cluster: Cluster, words: int, cut_at: int) -> Result:
    result = Result(
        cluster=cluster.id,
        split=cluster.split,
        articles=len(cluster.articles),
        article_words=sum(a.words for a in cluster.articles),
        references=len(cluster.references),
        reference_words=mean(len(r.split()) for r in cluster.references),
    )
    error = None
    stats: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        ours, stats = our_summary(cluster.articles, words)
    except Exception as exc:  # scored as an empty summary, counted, and shown
        ours, error = "", f"{type(exc).__name__}: {exc}"
        print(f"error: cluster {cluster.id}: our pipeline failed: {error}", file=sys.stderr)
    ours_seconds = time.perf_counter() - start
    start = time.perf_counter()
    texts, order = lexrank_ranking(cluster.articles)
    lexrank = fill(texts, order, words)
    lexrank_seconds = time.perf_counter() - start
    where = [(a.id, i) for a in cluster.articles for i, _ in enumerate(split_sentences(a.text))]
    lexrank_breaks = rule_breaks(
        [(texts[i], *where[i]) for i in chosen_by_rank(texts, order, words)]
    )
    matched = fill(texts, order, len(ours.split())) if ours else ""
    for name, summary, seconds in (
        ("ours", ours, ours_seconds),
        ("lexrank", lexrank, lexrank_seconds),
        ("lexrank-matched", matched, None),
    ):
        scored = cut(summary, cut_at)
        result.systems[name] = {
            "words": len(scored.split()),
            "seconds": None if seconds is None else round(seconds, 3),
            **{k: round(v, 5) for k, v in score(scored, cluster.references).items()},
            "summary": scored,
        }
    for key in ("corroborated", "disputed_or_figures", "disputes"):
        result.systems["ours"][key] = round(float(stats.get(key, 0.0)), 3)
    result.systems["ours"]["breaks"] = stats.get("breaks") or dict.fromkeys(
        (*RULES, "any", "sentences"), 0
    )
    result.systems["lexrank"]["breaks"] = lexrank_breaks
    if error:
        result.systems["ours"]["error"] = error
    return result


# --- report --------------------------------------------------------------------------------------


def means(results: list[Result], system: str) -> dict[str, float]:
    rows = [r.systems[system] for r in results]
    out = {m: mean(row[m] for row in rows) for m in METRICS}
    out["words"] = mean(row["words"] for row in rows)
    timed = [row["seconds"] for row in rows if row["seconds"] is not None]
    out["seconds"] = mean(timed) if timed else float("nan")
    return out


def gap(result: Result, metric: str, a: str = "ours", b: str = "lexrank") -> float:
    return float(result.systems[a][metric] - result.systems[b][metric])


def bootstrap(
    results: list[Result], metric: str, a: str = "ours", b: str = "lexrank"
) -> tuple[float, float, float, int]:
    """Mean paired difference a - b and its 95% percentile interval over resampled clusters."""
    diffs = [gap(r, metric, a, b) for r in results]
    rng = random.Random(5)
    draws = sorted(mean(rng.choices(diffs, k=len(diffs))) for _ in range(BOOTSTRAP_DRAWS))
    low = draws[int(0.025 * BOOTSTRAP_DRAWS)]
    high = draws[int(0.975 * BOOTSTRAP_DRAWS) - 1]
    wins = sum(d > 0 for d in diffs)
    return mean(diffs), low, high, wins


def print_table(title: str, results: list[Result]) -> None:
    print(f"{title} ({len(results)} clusters)")
    print(
        f"  {'system':<16} {'R1 recall':>9} {'R2 recall':>9} {'R1 F1':>7} {'R2 F1':>7} "
        f"{'words':>6} {'s/cluster':>9}"
    )
    for system in SYSTEMS:
        m = means(results, system)
        seconds = "" if m["seconds"] != m["seconds"] else f"{m['seconds']:.2f}"
        print(
            f"  {system:<16} {m['r1_recall']:>9.4f} {m['r2_recall']:>9.4f} {m['r1_f1']:>7.4f} "
            f"{m['r2_f1']:>7.4f} {m['words']:>6.1f} {seconds:>9}"
        )


def print_report(
    results: list[Result], args: argparse.Namespace, load: float, total: float
) -> None:
    articles = [r.articles for r in results]
    references = [r.references for r in results]
    print(f"data        {args.clusters}{' (cleaned)' if args.clean else ''}")
    print(
        f"clusters    {len(results)}: {sum(articles)} articles ({min(articles)}-{max(articles)} "
        f"a cluster, mean {mean(articles):.1f}; mean {mean(r.article_words for r in results):.0f}"
        f" words a cluster), references {min(references)}-{max(references)} a cluster "
        f"(mean {mean(r.reference_words for r in results):.0f} words)"
    )
    print(
        f"budget      {args.words} words for both systems; summaries cut at {args.cut} words; "
        f"recall and F1 averaged over a cluster's references"
    )
    print(f"time        models loaded in {load:.1f} s; {total:.1f} s for all clusters")
    failed = [r.cluster for r in results if "error" in r.systems["ours"]]
    if failed:
        print(f"failed      our pipeline failed on {len(failed)}: {', '.join(failed)}")
    print()
    print_table("all", results)
    for half in ("A", "B"):
        part = [r for r in results if r.split == half]
        if part:
            print_table(f"split {half}", part)
    print()
    print("ours - lexrank, paired over clusters (mean, 95% bootstrap interval, clusters ours > lr)")
    for metric in ("r1_recall", "r2_recall"):
        diff, low, high, wins = bootstrap(results, metric)
        print(f"  {metric:<10} {diff:+.4f}  [{low:+.4f}, {high:+.4f}]  {wins}/{len(results)}")
    print()
    print_breaks(
        {
            system: {
                key: sum(r.systems[system]["breaks"][key] for r in results)
                for key in (*RULES, "any", "sentences")
            }
            for system in ("ours", "lexrank")
        }
    )
    print_shares([r.systems["ours"] for r in results])
    print()
    print("by the share of the brief's words backed by 2+ independent sources (ours - lexrank)")
    for label, keep in CORROBORATED_BANDS:
        part = [r for r in results if keep(r.systems["ours"]["corroborated"])]
        if part:
            r1 = mean(gap(r, "r1_recall") for r in part)
            r2 = mean(gap(r, "r2_recall") for r in part)
            ahead = sum(gap(r, "r1_recall") > 0 for r in part)
            print(
                f"  {label:<12} {len(part):>4} clusters  R1 {r1:+.4f}  R2 {r2:+.4f}  "
                f"R1 ahead in {ahead}"
            )


def warm_up() -> float:
    """Load the sentence model and the parser before timing, in seconds."""
    start = time.perf_counter()
    seen: set[str] = set()
    articles = [make_article({"text": t}, seen, clean=False) for t in WARM_UP]
    our_summary([a for a in articles if a is not None], 50)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("clusters", type=Path, help="JSON Lines of clusters with references")
    parser.add_argument(
        "--from-longbench",
        type=Path,
        metavar="MULTI_NEWS_JSONL",
        help="convert LongBench multi_news.jsonl into CLUSTERS.jsonl and exit",
    )
    parser.add_argument("--limit", type=int, help="only the first N clusters")
    parser.add_argument(
        "--rows", help="only lines FIRST-LAST of the file (1-based, inclusive), e.g. 32-65"
    )
    parser.add_argument(
        "--words", type=int, default=DEFAULT_WORDS, help="word budget of both summaries"
    )
    parser.add_argument("--cut", type=int, default=DEFAULT_CUT, help="cut summaries at N words")
    parser.add_argument("--clean", action="store_true", help="clean the text as ingest would")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="clusters need no reference: print only the rule breaks and shares of words",
    )
    parser.add_argument("--json", type=Path, help="write per-cluster scores and summaries here")
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    args = parser.parse_args(argv)

    if args.from_longbench:
        written = from_longbench(args.from_longbench, args.clusters)
        print(f"{written} clusters written to {args.clusters}")
        return 0
    rows = None
    if args.rows:
        first, _, last = args.rows.partition("-")
        rows = (int(first), int(last or first))
    clusters = read_clusters(args.clusters, args.limit, args.clean, rows, not args.rules_only)
    if not clusters:
        print(f"no usable cluster in {args.clusters}", file=sys.stderr)
        return 1
    if args.rules_only:
        return rules_only(clusters, args.words)
    load = warm_up()
    results: list[Result] = []
    progress: Callable[[str], None] = (
        (lambda _line: None) if args.quiet else (lambda line: print(line, file=sys.stderr))
    )
    start = time.perf_counter()
    for number, cluster in enumerate(clusters, 1):
        result = run_cluster(cluster, args.words, args.cut)
        results.append(result)
        ours, lexrank = result.systems["ours"], result.systems["lexrank"]
        progress(
            f"[{number}/{len(clusters)}] {cluster.id}: {result.articles} articles, "
            f"ours R1 {ours['r1_recall']:.3f} R2 {ours['r2_recall']:.3f} ({ours['words']} w, "
            f"{ours['seconds']:.1f} s), lexrank R1 {lexrank['r1_recall']:.3f} "
            f"R2 {lexrank['r2_recall']:.3f} ({lexrank['words']} w)"
        )
    total = time.perf_counter() - start
    print_report(results, args, load, total)
    if args.json:
        payload = {
            "clusters_file": str(args.clusters),
            "words": args.words,
            "cut": args.cut,
            "clean": args.clean,
            "references": "recall and F1 are the mean over a cluster's references",
            "summary": {
                system: {k: round(v, 5) for k, v in means(results, system).items()}
                for system in SYSTEMS
            },
            "clusters": [
                {
                    "cluster": r.cluster,
                    "split": r.split,
                    "articles": r.articles,
                    "article_words": r.article_words,
                    "references": r.references,
                    "reference_words": r.reference_words,
                    **r.systems,
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    ours_mean, lexrank_mean = means(results, "ours"), means(results, "lexrank")
    beats = all(ours_mean[m] > lexrank_mean[m] for m in ("r1_recall", "r2_recall"))
    return 0 if beats else 1


if __name__ == "__main__":
    sys.exit(main())
