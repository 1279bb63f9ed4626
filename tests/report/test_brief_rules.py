"""The brief's rules, each on sentences invented for the test: sentences that stand alone, facts
before commentary, disputes said with their sides, places told apart."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.records import Article, Claim, Mention, Place
from corroborate.report import ClaimGroup
from corroborate.report.brief import make_brief
from corroborate.report.brief.disputes import dispute, major, topic
from corroborate.report.brief.standalone import commentary, prepare, strip_dateline
from corroborate.report.conflicts import Conflict, Side


class Distinct:
    """Every text its own direction: nothing repeats anything."""

    name = "distinct"
    dim = 256

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            out[i, self.seen.setdefault(text, len(self.seen) % self.dim)] = 1.0
        return out


def article(aid: str, text: str) -> Article:
    return Article(id=aid, text=text, paragraphs=text.split("\n"))


def group(gid: int, sources: int, refs: list[tuple[Article, int]], **slots: object) -> ClaimGroup:
    claims = [
        Claim(
            article=art.id, index=sentence, sentence=sentence, start=0, end=1, text="x",
            predicate="close", actors=[Mention(0, 1, "Ana", "person")], **slots,  # type: ignore[arg-type]
        )
        for art, sentence in refs
    ]  # fmt: skip
    return ClaimGroup(
        id=gid,
        claims=claims,
        articles=[c.article for c in claims],
        sources=sources,
        groups=[[c.article] for c in claims],
        statement="x",
        central=(claims[0].article, claims[0].index),
    )


# --- sentences that stand alone -------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("OSLO (AP) -- The ferry ran aground off the coast on Tuesday.",
         "The ferry ran aground off the coast on Tuesday."),
        ("BRASOV, Romania (RNA) — Two workers were hurt when a crane fell.",
         "Two workers were hurt when a crane fell."),
        ("LIMA, Peru, March 3 (Reuters) - Floods cut the main highway for a week.",
         "Floods cut the main highway for a week."),
        ("HELSINKI — The council voted 40-11 to close the old harbour.",
         "The council voted 40-11 to close the old harbour."),
        ("(XNA) -- The dam held after three days of heavy rain upstream.",
         "The dam held after three days of heavy rain upstream."),
        ("By Mara Lind, Staff Writer The mill closed after 80 years of work.",
         "The mill closed after 80 years of work."),
        ("TALLINN (AP) _ Dock workers ended a strike that closed the port for a week.",
         "Dock workers ended a strike that closed the port for a week."),
        ("GRAZ (apa) - The river burst its banks north of the city overnight.",
         "The river burst its banks north of the city overnight."),
        ("NATO ministers met in Vilnius to agree on the new air plan.",
         "NATO ministers met in Vilnius to agree on the new air plan."),
    ],
)  # fmt: skip
def test_datelines_bylines_and_agency_tags_are_cut(written: str, quoted: str) -> None:
    assert strip_dateline(written) == quoted
    assert prepare(written).text == quoted and prepare(written).alone


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("Who will pay for the new bridge over the river?", "question"),
        ("“Why did nobody warn the village about the flood?” she asked.", None),
        ("0:12 CAPTAIN Lower the landing gear now.", "transcript"),
        ("PILOT: We have lost the left engine over the sea.", "transcript"),
        ("A boy looks at the flooded street in the town. (AP Photo/Lee Park)", "unfinished"),
        ("Rescue teams search the rubble on Sunday. Photo: Lee Park.", "caption"),
        ("Storm Leaves Thousands Without Power Across The Valley.", "headline"),
        ("Roofs torn off.", "short"),
        ("Read more about the storm and its aftermath", "unfinished"),
    ],
)  # fmt: skip
def test_questions_transcripts_captions_headlines_and_fragments_are_never_quoted(
    written: str, problem: str | None
) -> None:
    assert prepare(written).problem == problem


def test_a_verbless_sentence_is_a_fragment() -> None:
    from corroborate.claims.nlp import get_nlp
    from corroborate.report.brief.standalone import fragment

    nlp = get_nlp()
    assert fragment(nlp("A long night of sirens, smoke and broken glass in the old town.")) == (
        "fragment"
    )
    assert fragment(nlp("The fire burned through the old town for ten hours.")) is None
    assert fragment(nlp("On Monday, she said the fire had burned for ten hours.")) == "leans"


@pytest.mark.parametrize(
    ("written", "quoted", "leans"),
    [
        ("However, the mayor said the bridge would reopen in May.",
         "The mayor said the bridge would reopen in May.", False),
        ("But rescuers found 14 more survivors on Tuesday night.",
         "Rescuers found 14 more survivors on Tuesday night.", False),
        ("This operation was the largest the navy has carried out.",
         "This operation was the largest the navy has carried out.", True),
        ("In the days leading up to this closure, the plant cut its staff.",
         "In the days leading up to this closure, the plant cut its staff.", True),
        ("The third possible cause is a crack in the cooling pipe.",
         "The third possible cause is a crack in the cooling pipe.", True),
        ("It was the worst flood the town has seen in 40 years.",
         "It was the worst flood the town has seen in 40 years.", True),
        ("On Friday, they closed every school in the northern district.",
         "On Friday, they closed every school in the northern district.", True),
        ("This week the council approved a budget of 3 million euros.",
         "This week the council approved a budget of 3 million euros.", False),
        ("US officials said 12 sailors were rescued from the water.",
         "US officials said 12 sailors were rescued from the water.", False),
    ],
)  # fmt: skip
def test_opening_references_and_connectives(written: str, quoted: str, leans: bool) -> None:
    q = prepare(written)
    assert (q.text, q.leans, q.problem) == (quoted, leans, None)


def test_a_title_and_surname_takes_the_full_name_given_earlier() -> None:
    earlier = "The harbour master, Tomas Vell, closed the port. Divers were called in."
    q = prepare("Mr Vell said the tanker carried 40 tonnes of fuel.", earlier)
    assert (q.text, q.leans) == ("Tomas Vell said the tanker carried 40 tonnes of fuel.", False)
    q = prepare("Mr Vell said the tanker carried 40 tonnes of fuel.", "Divers were called in.")
    assert q.leans  # no full name earlier: it leans on the sentence that named him


def test_a_leaning_sentence_comes_only_right_after_the_one_it_leans_on() -> None:
    a = article(
        "a",
        "The navy closed the strait to shipping on Monday morning.\n"
        "This operation was the largest the navy has carried out.",
    )
    b = article("b", "Fishing boats were told to stay in port until Friday.")
    closing = group(1, 1, [(a, 0)])
    operation = group(2, 2, [(a, 1), (b, 0)])
    boats = group(3, 2, [(b, 0)])
    operation.claims = operation.claims[:1]
    brief = make_brief([a, b], [operation, boats], words=100, embedder=Distinct())
    assert all("This operation" not in s.text for s in brief.sentences)  # nothing to lean on
    brief = make_brief([a, b], [operation, boats, closing], words=100, embedder=Distinct())
    texts = [s.text for s in brief.sentences]
    at = texts.index("This operation was the largest the navy has carried out.")
    assert texts[at - 1] == "The navy closed the strait to shipping on Monday morning."


def test_the_brief_quotes_the_cut_sentence() -> None:
    a = article("a", "OSLO (AP) -- However, the ferry ran aground off the coast on Tuesday.")
    b = article("b", "The ferry ran aground on Tuesday, the coast guard said.")
    ferry = group(1, 2, [(a, 0), (b, 0)])
    ferry.claims = ferry.claims[:1]
    brief = make_brief([a, b], [ferry], words=100, embedder=Distinct())
    assert [s.text for s in brief.sentences] == ["The ferry ran aground off the coast on Tuesday."]
    assert brief.sentences[0].citations == [1, 2]
    assert brief.sentences[0].evidence == [(1, a.text)]  # what the cited source says, as written


# --- facts first, then what is disputed ---------------------------------------------------------


def test_commentary_only_when_words_remain_and_after_the_facts() -> None:
    a = article(
        "a",
        "The strike underscores the fragile nature of the truce in the valley.\n"
        "Three bridges over the river were destroyed on Sunday night.",
    )
    b = article(
        "b",
        "The strike underscores the fragile nature of the truce in the valley.\n"
        "Three bridges were destroyed on Sunday.",
    )
    note = group(1, 3, [(a, 0), (b, 0)])  # better supported, but commentary
    bridges = group(2, 2, [(a, 1), (b, 1)])
    brief = make_brief([a, b], [note, bridges], words=100, embedder=Distinct())
    assert [s.kind for s in brief.sentences] == ["fact", "commentary"]
    short = make_brief([a, b], [note, bridges], words=12, embedder=Distinct())
    assert [s.kind for s in short.sentences] == ["fact"]
    assert commentary("The vote highlights the complex web of alliances in the region.")
    assert not commentary("The minister said the vote marks a turning point for the region.")


def _toll() -> tuple[list[Article], list[ClaimGroup], Conflict]:
    a = article("a", "The ferry sank on Monday with 118 sailors on board, the navy said.")
    b = article("b", "The ferry sank on Monday with 118 sailors on board.")
    c = article("c", "The ferry sank with 116 sailors aboard, the port authority said.")
    sank = group(1, 3, [(a, 0), (b, 0), (c, 0)])
    first = Side("118 sailors", claims=[("a", 0), ("b", 0)], articles=["a", "b"],
                 attributed_to=["the navy"])  # fmt: skip
    second = Side("116 sailors", claims=[("c", 0)], articles=["c"],
                  attributed_to=["the port authority", "port authority officials"])  # fmt: skip
    conflict = Conflict("figure", "death of sailor", [first, second], 0.9)
    return [a, b, c], [sank], conflict


def test_one_sentence_per_major_conflict_naming_its_sides() -> None:
    articles, groups, conflict = _toll()
    assert topic("death of civilian") == "the number of civilians killed"
    parts = dispute(conflict, {"a": 1, "b": 2, "c": 3}, {})
    sentence = "".join(f"{t} " + "".join(f"[{n}]" for n in c) if c else t for t, c in parts)
    assert sentence == (
        "Reports differ on the number of sailors killed: 118 sailors according to the navy "
        "[1][2]; 116 sailors according to the port authority [3]."
    )
    day = Conflict("day", "x", [Side("Monday", articles=["a"]), Side("Tuesday", articles=["b"])],
                   0.8)  # fmt: skip
    assert major([day, conflict]) == [conflict]  # figures only
    host = Conflict("figure", "host of time", conflict.sides, 0.9)
    assert major([host]) == []  # a figure the brief cannot name
    same = [Side("4 sailors", articles=["a"], attributed_to=["the navy"]),
            Side("7 sailors", articles=["a"], attributed_to=["The navy"])]  # fmt: skip
    assert major([Conflict("figure", "death of sailor", same, 0.9)]) == []  # one report, one source
    two = [Side("4 sailors", articles=["a"], attributed_to=["the navy"]),
           Side("7 sailors", articles=["a"], attributed_to=["the UN"])]  # fmt: skip
    assert len(major([Conflict("figure", "death of sailor", two, 0.6)])) == 1  # two sources
    brief = make_brief(articles, groups, words=100, embedder=Distinct(), conflicts=[day, conflict])
    assert [s.kind for s in brief.sentences] == ["fact", "dispute"]
    said = brief.sentences[1]
    assert said.citations == [1, 2, 3] and said.cited().endswith("[3].")
    assert brief.text().count("Reports differ") == 1


def test_the_lead_fact_before_a_dispute_when_words_are_short() -> None:
    articles, groups, conflict = _toll()
    brief = make_brief(articles, groups, words=20, embedder=Distinct(), conflicts=[conflict])
    assert [s.kind for s in brief.sentences] == ["fact"]  # 13 + 20 words would pass 20
    brief = make_brief(articles, groups, words=40, embedder=Distinct(), conflicts=[conflict])
    assert [s.kind for s in brief.sentences] == ["fact", "dispute"]


# --- order and context ---------------------------------------------------------------------------


def _place(name: str, country: str) -> Place:
    return Place(0, len(name), name, name, "country", country)


def test_a_sentence_about_another_place_names_it() -> None:
    a = article("a", "A bomb exploded outside the embassy in Tanzania on Friday morning.")
    b = article(
        "b",
        "The powerful blast killed 247 people and wounded thousands more.\n"
        "Officials in Kenya said the powerful blast killed 247 people.",
    )
    tanzania = group(1, 2, [(a, 0)], places=[_place("Tanzania", "TZ")])
    killed = group(2, 2, [(b, 0), (b, 1)], places=[_place("Kenya", "KE")])
    brief = make_brief([a, b], [tanzania, killed], words=200, embedder=Distinct())
    assert [s.text for s in brief.sentences] == [
        "A bomb exploded outside the embassy in Tanzania on Friday morning.",
        "Officials in Kenya said the powerful blast killed 247 people.",  # not "The blast…"
    ]
    killed.claims = killed.claims[:1]  # no wording names Kenya: left out rather than misread
    brief = make_brief([a, b], [tanzania, killed], words=200, embedder=Distinct())
    assert [s.group for s in brief.sentences] == [1]
