"""Story clustering: features, average-link clustering, incremental assignment, the store."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from corroborate import Article, Store, ingest
from corroborate.assign import update_stories
from corroborate.records import article_id
from corroborate.stories import StoryConfig, cluster, featurize, pair_similarity

from .conftest import SHARED_DATA

ECBPLUS = SHARED_DATA / "ecbplus.jsonl"


def art(text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(
        id=article_id(text + (published or "")),
        text=text,
        paragraphs=text.split("\n"),
        published=published,
        title=title,
    )


def ecb_topics(*topics: int) -> tuple[list[Article], list[str]]:
    articles, gold = [], []
    for line in ECBPLUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if int(row["topic"]) in topics:
            articles.append(Article(id=row["id"], text=row["text"], paragraphs=[row["text"]]))
            gold.append(row["story"])
    return articles, gold


def bcubed_f1(pred: list[int], gold: list[str]) -> float:
    by_pred: dict[int, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for k, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].add(k)
        by_gold[g].add(k)
    prec = sum(
        len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_pred[pred[k]]) for k in range(len(gold))
    )
    rec = sum(
        len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_gold[gold[k]]) for k in range(len(gold))
    )
    prec, rec = prec / len(gold), rec / len(gold)
    return 2 * prec * rec / (prec + rec)


FLOOD = (
    "Floodwater burst through the Stâna Mare dam near Reghin on Tuesday, "
    "Mureș county officials said. Prefect Corina Vâlceanu ordered an inquiry."
)
FLOOD_2 = (
    "Prefect Corina Vâlceanu opened an inquiry after the Stâna Mare dam failed and floodwater "
    "reached Reghin in Mureș county."
)
TRAM = "The Northgate council approved the tram extension to the university campus on Monday."


# -- config ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 1.5}, "threshold must be in [0.0, 1.0], not 1.5"),
        ({"name_weight": -0.1}, "name_weight must be in [0.0, 1.0], not -0.1"),
        ({"window_days": 0}, "window_days must be at least 1"),
        ({"keep_features": 5}, "keep_features must be at least index_features"),
    ],
)
def test_config_is_validated(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        StoryConfig(**kwargs)  # type: ignore[arg-type]


# -- features and similarity -----------------------------------------------------------------


def test_names_are_capitalised_words_not_starting_a_sentence() -> None:
    feats = featurize([art("Rescuers reached Reghin. Boats came from Cluj on Tuesday.")])
    # Reghin and Cluj are names; "Rescuers" and "Boats" start sentences; Tuesday is a day name
    assert feats.names.nnz == 2


def test_same_event_is_more_similar_than_another_event() -> None:
    assert pair_similarity(art(FLOOD), art(FLOOD_2)) > pair_similarity(art(FLOOD), art(TRAM))


def test_time_apart_lowers_similarity() -> None:
    near = pair_similarity(art(FLOOD, "2025-03-11"), art(FLOOD_2, "2025-03-12"))
    far = pair_similarity(art(FLOOD, "2025-03-11"), art(FLOOD_2, "2025-09-12"))
    assert near - far == pytest.approx(StoryConfig().time_weight)


# -- clustering --------------------------------------------------------------------------


def test_ecbplus_topics_split_into_their_two_events() -> None:
    """Quality gate on real data: three ECB+ topics, each two look-alike events."""
    articles, gold = ecb_topics(1, 2, 3)
    labels = cluster(featurize(articles))
    assert bcubed_f1(labels, gold) >= 0.9


def test_articles_far_apart_in_time_are_different_stories() -> None:
    articles = [
        art(FLOOD, "2025-03-11"),
        art(FLOOD_2, "2025-03-12"),
        art(FLOOD, "2027-05-02"),
        art(FLOOD_2, "2027-05-03"),
    ]
    labels = cluster(featurize(articles))
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_fixed_stories_are_never_merged_and_keep_their_labels() -> None:
    articles = [art(FLOOD, "2025-03-11"), art(FLOOD_2, "2025-03-11"), art(FLOOD + " More.")]
    labels = cluster(featurize(articles), fixed=[7, 3, -1])
    assert labels[:2] == [7, 3]  # similar, but both stories existed: not merged
    assert labels[2] in (7, 3)  # the new article joins one of them


def test_fixed_needs_one_label_per_article() -> None:
    with pytest.raises(ValueError, match="one label per article"):
        cluster(featurize([art(FLOOD)]), fixed=[])


def test_empty_input() -> None:
    assert cluster(featurize([])) == []


# -- the store and incremental assignment ------------------------------------------------


def test_seeds_form_one_story(store: Store, seeds: Path) -> None:
    ingest([str(seeds)], store)
    update = update_stories(store)
    assert (update.assigned, len(update.new_stories), update.total_stories) == (5, 1, 1)
    (story,) = store.stories()
    assert len(story.articles) == 5
    assert story.label == "Syrian Troops Withdraw From Aleppo As Rebels Advance"


def test_incremental_ingest_adds_stories_without_disturbing_old_ones(
    store: Store, seeds: Path, examples: Path
) -> None:
    ingest([str(seeds)], store)
    update_stories(store)
    before = {s.id: s.articles for s in store.stories()}
    ingest([str(examples)], store)
    update = update_stories(store)
    after = {s.id: s.articles for s in store.stories()}
    assert update.grown_stories == []
    assert len(update.new_stories) == 4  # the dam failure and three unrelated local stories
    for sid, members in before.items():
        assert after[sid] == members
    dam = next(s for s in store.stories() if "dam" in s.label.lower())
    assert len(dam.articles) == 7  # wire, two rewrites, the WARC copy, two independents, Spanish
    assert (dam.first or "")[:10] == "2025-03-11"
    assert (dam.last or "")[:10] == "2025-03-12"
    again = update_stories(store)
    assert (again.assigned, again.new_stories) == (0, [])


def test_a_new_article_joins_its_story(store: Store, seeds: Path, tmp_path: Path) -> None:
    ingest([str(seeds / "000_ed44508f0e821ba7.txt")], store)
    update_stories(store)
    (first,) = store.stories()
    ingest([str(seeds / "004_7ea97158715e3826.txt")], store)
    update = update_stories(store)
    assert update.grown_stories == [first.id]
    assert len(store.stories()[0].articles) == 2


def test_rebuild_clusters_everything_afresh(store: Store, examples: Path) -> None:
    ingest([str(examples)], store)
    update_stories(store)
    update = update_stories(store, rebuild=True)
    assert update.assigned == 10
    assert len(store.stories()) == 4


# -- CLI ---------------------------------------------------------------------------------


def test_cli_stories_jsonl_is_the_assignment(
    run_cli: Callable[..., Result], examples: Path, db_path: Path
) -> None:
    run_cli("ingest", examples, "--db", db_path)
    result = run_cli("stories", "--db", db_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 10
    assert {tuple(sorted(r)) for r in rows} == {("article", "story")}
    assert len({r["story"] for r in rows}) == 4


def test_cli_stories_without_a_store(run_cli: Callable[..., Result], db_path: Path) -> None:
    result = run_cli("stories", "--db", db_path)
    assert result.exit_code == 1
    assert "no such store" in result.stderr


def test_cli_stories_json_shows_independence_groups(
    run_cli: Callable[..., Result], seeds: Path, db_path: Path
) -> None:
    run_cli("ingest", seeds, "--db", db_path)
    result = run_cli("stories", "--db", db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (story,) = data["stories"]
    by_input = {a["id"]: Path(a["input"]).name[:3] for a in story["articles"]}
    groups = sorted(sorted(by_input[i] for i in g) for g in story["groups"])
    assert groups == [["000", "003", "004"], ["001"], ["002"]]
    assert len(story["relations"]) == 10
    again = run_cli("stories", "--db", db_path, "--format", "json")  # from the cache
    assert json.loads(again.stdout)["stories"] == data["stories"]


def test_cli_similarity(run_cli: Callable[..., Result], examples: Path) -> None:
    wire = examples / "wire-agency.txt"
    same = run_cli("similarity", wire, examples / "daily-ledger.txt")
    assert same.exit_code == 0, same.output
    other = run_cli("similarity", wire, examples / "feeds" / "valley-radio.xml", "-f", "json")
    assert other.exit_code == 0, other.output
    assert float(same.stdout) == 1.0  # a rewrite of the same wire text
    row = json.loads(other.stdout)
    assert row["a"] == str(wire)
    assert 0.5 < row["score"] <= 1.0  # Valley Radio's first entry reports the same dam failure


def test_cli_similarity_unreadable_input(
    run_cli: Callable[..., Result], examples: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run_cli("similarity", examples / "wire-agency.txt", empty)
    assert result.exit_code == 1
    assert f"{empty}: no article could be read" in result.stderr


def test_cli_duplicates_finds_the_copy_of_the_wire(
    run_cli: Callable[..., Result], examples: Path, db_path: Path
) -> None:
    run_cli("ingest", examples, "--db", db_path, "--no-stories")
    result = run_cli("duplicates", "--db", db_path, "--format", "json")
    assert result.exit_code == 0, result.output
    (pair,) = json.loads(result.stdout)
    listed = run_cli("list", "--db", db_path, "--format", "json")
    inputs = {row["id"]: row["input"] for row in json.loads(listed.stdout)}
    assert {
        Path(inputs[pair["a"]].split("#")[0]).name,
        Path(inputs[pair["b"]].split("#")[0]).name,
    } == {
        "wire-agency.txt",
        "archive.warc.gz",
    }
    assert pair["jaccard"] > 0.8
    bad = run_cli("duplicates", "--db", db_path, "--threshold", "0.95")
    assert bad.exit_code == 2


def test_a_big_story_stays_one_story(seed_files: list[Path]) -> None:
    """150 reports of one event (mixes of the seeds' sentences) exceed the candidate cap of 50
    links per article; averaging over pairs that were never candidates used to split them."""
    import random

    from corroborate.sentences import split_sentences

    pool = [s.text for f in seed_files for s in split_sentences(f.read_text(encoding="utf-8"))]
    rng = random.Random(0)
    articles = [art("\n".join(rng.sample(pool, 12)), published="2024-12-01") for _ in range(150)]
    labels = cluster(featurize(articles))
    assert len(set(labels)) == 1


def test_ingest_assigns_articles_an_earlier_run_left_without_a_story(
    run_cli: Callable[..., Result], examples: Path, db_path: Path
) -> None:
    run_cli("ingest", examples, "--db", db_path, "--no-stories")
    result = run_cli("ingest", examples, "--db", db_path, "--format", "json")
    report = json.loads(result.stdout)
    assert report["new"] == 0
    assert report["stories"]["assigned"] == 10


def test_cli_one_story_by_id_prefix(
    run_cli: Callable[..., Result], examples: Path, db_path: Path
) -> None:
    run_cli("ingest", examples, "--db", db_path)
    rows = json.loads(run_cli("stories", "--db", db_path, "-f", "json", "--no-groups").stdout)
    dam = next(s for s in rows["stories"] if len(s["articles"]) == 7)
    one = run_cli("stories", dam["id"][:6], "--db", db_path, "-f", "json", "--no-groups")
    assert [s["id"] for s in json.loads(one.stdout)["stories"]] == [dam["id"]]
    missing = run_cli("stories", "nope", "--db", db_path)
    assert missing.exit_code == 1
    assert "no story with id 'nope'" in missing.stderr


def test_provenance_cache_is_keyed_by_the_sentence_model(
    store: Store, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate import assign, embed

    ingest([str(seeds)], store)
    update_stories(store)
    (with_model,) = assign.story_report(store)
    assert len(with_model["groups"]) == 3
    monkeypatch.setattr(embed, "get_embedder", lambda config=None: embed.LexicalEmbedder())
    (lexical,) = assign.story_report(store)
    assert len(lexical["groups"]) == 5  # not the model's cached answer: no verbatim reuse here
