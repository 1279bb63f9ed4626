"""The sentence splitter: tricky made-up cases, then boundaries in the five real seed articles.

The seeds are read in place from ../shared/data/seeds (never copied); only the short sentence
fragments the assertions need are written here.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from corroborate import Article
from corroborate.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"


def texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.text for s in sentences]


# -- plain cases ----------------------------------------------------------------------------


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t\n") == []


def test_offsets_point_into_the_text() -> None:
    text = "  First one.  Second one?\n\nThird!  "
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(2, 12), (14, 25), (27, 33)]
    assert [s.text for s in sentences] == ["First one.", "Second one?", "Third!"]


def test_lines_are_never_joined() -> None:
    text = "A headline without a stop\nThe body starts here and goes on\nto a second line."
    assert texts(text) == [
        "A headline without a stop",
        "The body starts here and goes on",
        "to a second line.",
    ]


def test_a_sentence_needs_white_space_after_its_stop() -> None:
    assert texts("Prices rose 3.5 per cent to 2,300.50 euros.It was odd.") == [
        "Prices rose 3.5 per cent to 2,300.50 euros.It was odd."
    ]


# -- abbreviations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones and Prof. Brown.",
        "Gen. Lee spoke to Sen. Warren and Gov. Hochul.",
        "J. R. Smith and George W. Bush were there.",
        "The vote is set for Jan. 12 at No. 10 Downing Street.",
        "It fell 3.5 points.",
        "The curfew starts at 5 p.m. on Saturday.",
        "The curfew starts at 5 p.m. Saturday and ends at 6 a.m. Monday.",
        "The U.S. State Department and the U.N. Security Council met.",
        "He moved to St. Louis, then to Mt. Vernon.",
        "Smith vs. Jones, e.g. the big case, i.e. this one.",
        "Apple Inc. shares and Acme Corp. bonds rose.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended at 5 p.m. The rebels left.", ["It ended at 5 p.m.", "The rebels left."]),
        ("He moved to the U.S. He stayed.", ["He moved to the U.S.", "He stayed."]),
        (
            "She works at Acme Inc. But not for long.",
            ["She works at Acme Inc.", "But not for long."],
        ),
        ("It was in 2016. The city fell.", ["It was in 2016.", "The city fell."]),
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        ("It lies on Main St. The shop is closed.", ["It lies on Main St.", "The shop is closed."]),
    ],
)
def test_abbreviations_end_a_sentence_before_a_sentence_opener(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


# -- quotes, ellipses, other scripts --------------------------------------------------------


def test_a_sentence_ends_after_its_closing_quote() -> None:
    assert texts('He said: "We will win." Then he left.') == [
        'He said: "We will win."',
        "Then he left.",
    ]
    assert texts("“Is it over?” Nobody knew. ‘Yes.’ She nodded.") == [
        "“Is it over?”",
        "Nobody knew.",
        "‘Yes.’",
        "She nodded.",
    ]


def test_a_quote_before_its_speaker_stays_in_the_sentence() -> None:
    assert texts("“Why now?” Bârsan asked. “Go!” said the mayor. Then silence.") == [
        "“Why now?” Bârsan asked.",
        "“Go!” said the mayor.",
        "Then silence.",
    ]
    assert texts("“Nobody will sleep outside,” Bârsan said.") == [
        "“Nobody will sleep outside,” Bârsan said."
    ]


def test_a_stop_inside_a_quote_before_lower_case_does_not_split() -> None:
    text = "The army said rebels had penetrated“large parts.” of the city, the nation‘s second."
    assert texts(text) == [text]


def test_guillemets_and_spanish_openers() -> None:
    assert texts("«Nunca más.» Dijo el alcalde. ¿Qué pasa? ¡Nada!") == [
        "«Nunca más.»",
        "Dijo el alcalde.",
        "¿Qué pasa?",
        "¡Nada!",
    ]


def test_ellipses() -> None:
    assert texts("He paused... Then he left. He waited … and waited. Finally… It came.") == [
        "He paused...",
        "Then he left.",
        "He waited … and waited.",
        "Finally…",
        "It came.",
    ]
    assert texts("It was . . . Over. Done.") == ["It was . . .", "Over.", "Done."]


def test_brackets_and_exclamations() -> None:
    assert texts("They said it was true. (He disagreed.) Others agreed! Yes?") == [
        "They said it was true.",
        "(He disagreed.)",
        "Others agreed!",
        "Yes?",
    ]


def test_splitting_is_fast() -> None:
    text = (
        "Mr. Smith arrived at 5 p.m. on Saturday. “It is over,” he said. Then he left.\n"
    ) * 2000
    start = time.perf_counter()
    sentences = split_sentences(text)
    elapsed = time.perf_counter() - start
    assert len(sentences) == 6000
    assert elapsed < 1.0, f"{elapsed:.2f}s for 6000 sentences"


# -- the real seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_sentences() -> dict[str, list[str]]:
    from corroborate import read_inputs

    assert SEEDS.is_dir(), f"the real data must sit beside the repository: {SEEDS}"
    out = {}
    for item in read_inputs([str(SEEDS)]):
        assert isinstance(item, Article), item
        out[Path(item.input).name[:3]] = texts(item.text)
    assert sorted(out) == ["000", "001", "002", "003", "004"]
    return out


def test_seed_sentence_counts(seed_sentences: dict[str, list[str]]) -> None:
    counts = {k: len(v) for k, v in seed_sentences.items()}
    assert counts == {"000": 19, "001": 24, "002": 31, "003": 21, "004": 21}


def test_seed_000_quote_glued_to_a_word_and_curly_apostrophes(
    seed_sentences: dict[str, list[str]],
) -> None:
    s = seed_sentences["000"]
    assert s[1] == (
        "The Syrian army said Saturday that insurgents had penetrated“large parts” of Aleppo, "
        "the nation‘s second-largest city."
    )
    assert s[8].startswith("“Syria, with the support of its allies,")
    assert s[8].endswith("” his office stated.")


def test_seed_003_quote_at_the_end_and_us(seed_sentences: dict[str, list[str]]) -> None:
    s = seed_sentences["003"]
    assert s[3].endswith("against what he called “terrorists and their backers.”")
    assert s[4].startswith("In a statement on Saturday, Assad asserted")
    assert s[19].startswith("A U.S. spokesperson criticized")  # "U.S." does not split
    assert s[11] == (
        "Rebel forces announced an overnight curfew, starting at 17:00 local time (14:00 GMT) "
        "on Saturday."
    )


def test_seed_002_headings_are_their_own_sentences(seed_sentences: dict[str, list[str]]) -> None:
    s = seed_sentences["002"]
    assert "Aleppo: A Strategic Stronghold Reignited" in s
    assert "Geopolitical Ramifications" in s
    assert s[26].startswith("Meanwhile, Kurdish forces allied with the U.S.-backed")


def test_seed_001_and_004_boundaries(seed_sentences: dict[str, list[str]]) -> None:
    s1 = seed_sentences["001"]
    assert s1[5] == (
        "“This has never happened before,” a spokesperson for the opposition said, emphasizing "
        "the scale of the Syrian government’s retreat."
    )
    s4 = seed_sentences["004"]
    assert s4[10].startswith("HTS, having already secured a dominant position in Idlib")
    assert "effective from 5:00 PM local time, to last through the weekend" in s4[11]
