"""Direct quotes with their speakers over invented articles, and indirect speech.

``quote_spans`` is tested on its own (no parse); the speakers through ``extract_claims``, one
small article per test, the spaCy model loaded once per process.
"""

from __future__ import annotations

import pytest

from corroborate.claims import extract_claims
from corroborate.claims.nlp import get_nlp
from corroborate.claims.quotes import quote_spans
from corroborate.records import Article, Claim, Quote, article_id

SUNDAY = "2024-12-01"


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    get_nlp()


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


def parse(text: str) -> list[Claim]:
    article = Article(id=article_id(text), text=text, paragraphs=text.split("\n"), published=SUNDAY)
    return extract_claims(article)


def quotes_of(text: str, kind: str = "direct") -> list[Quote]:
    """Every quote of ``kind`` in the article, once each, in order, with offsets checked."""
    found: dict[tuple[int, int], Quote] = {}
    for claim in parse(text):
        for quote in claim.quotes:
            if quote.kind == kind:
                found[(quote.start, quote.end)] = quote
    ordered = [found[key] for key in sorted(found)]
    for quote in ordered:
        assert text[quote.start : quote.end] == quote.text
    return ordered


def speaker_text(text: str, quote: Quote) -> str:
    assert quote.speaker_start is not None and quote.speaker_end is not None
    return text[quote.speaker_start : quote.speaker_end]


# --- pairing quotation marks (no parse) ----------------------------------------------------------


def test_curly_marks_pair_by_shape_and_the_handover_comma_is_left_out() -> None:
    text = "\u201cWe hold the bridge,\u201d he said. \u201cThey will not cross it.\u201d"
    assert spans(text) == ["We hold the bridge", "They will not cross it."]


def test_straight_marks_pair_by_alternation() -> None:
    text = 'The mayor said "the pumps are working" and "the water is safe" today.'
    assert spans(text) == ["the pumps are working", "the water is safe"]


def test_guillemets_and_low_high_marks() -> None:
    assert spans("Il a dit\u00a0: \u00ab Nous resterons ici \u00bb, puis il est parti.") == [
        "Nous resterons ici"
    ]
    assert spans("Er sagte: \u201eWir kommen morgen zur\u00fcck\u201c, und ging.") == [
        "Wir kommen morgen zur\u00fcck"
    ]


def test_one_word_scare_quotes_are_not_quotes() -> None:
    text = "Rebels called it a \u201cliberation\u201d of \u201cthe whole north\u201d."
    assert spans(text) == ["the whole north"]


def test_a_quote_runs_on_when_the_next_paragraph_opens_with_a_mark() -> None:
    text = "\u201cThe first part goes on.\n\u201cAnd the second part ends it,\u201d she said."
    (one,) = spans(text)
    assert one.startswith("The first part goes on.")
    assert one.endswith("the second part ends it")


def test_an_unclosed_quote_ends_with_its_paragraph_otherwise() -> None:
    text = "\u201cThe first part goes on.\nA new paragraph without a mark."
    assert spans(text) == ["The first part goes on."]


def test_a_mark_glued_to_a_word_still_opens() -> None:
    text = "Officials say the attack penetrated\u201clarge parts\u201d of the district."
    assert spans(text) == ["large parts"]


# --- speakers ------------------------------------------------------------------------------------


def test_speaker_before_a_colon() -> None:
    text = (
        "The governor, Ahmed Karimi, said: "
        "\u201cWe will not abandon the city to the militants.\u201d"
    )
    (quote,) = quotes_of(text)
    assert quote.text == "We will not abandon the city to the militants."
    assert (quote.speaker, quote.cue) == ("Ahmed Karimi", "say")
    assert speaker_text(text, quote) == "Ahmed Karimi"


def test_speaker_before_a_colon_in_the_previous_sentence() -> None:
    text = (
        "Colonel Anna Berg told journalists on Friday:\n"
        "\u201cThe bridge is ours and we will keep it.\u201d"
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Colonel Anna Berg"
    assert quote.cue == "tell"


def test_speaker_after_the_quote() -> None:
    text = "\u201cOur forces have withdrawn to defensive lines,\u201d the defence ministry said."
    (quote,) = quotes_of(text)
    assert quote.text == "Our forces have withdrawn to defensive lines"
    assert quote.speaker is not None and quote.speaker.endswith("defence ministry")
    assert quote.cue == "say"
    claim = parse(text)[0]
    assert (claim.subject, claim.predicate) == ("Our forces", "withdraw")
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == (
        "defence ministry",
        "organisation",
    )


def test_said_before_the_speaker_after_the_quote() -> None:
    text = (
        "\u201cThe roads are closed and the hospitals are full,\u201d said Maria Lopez, "
        "a nurse in the town."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Maria Lopez"  # not "Maria Lopez, a nurse in the town"
    assert speaker_text(text, quote) == "Maria Lopez"


def test_said_an_unnamed_speaker() -> None:
    text = "\u201cThe shelling has not stopped since midnight,\u201d said a doctor at the hospital."
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and quote.speaker.startswith("a doctor")


def test_he_said_is_the_person_named_last_with_that_mention_s_offsets() -> None:
    text = (
        "Commander Yusuf Demir spoke to reporters on Monday. "
        "\u201cWe took the bridge at dawn. The enemy fled without a fight,\u201d he said."
    )
    (quote,) = quotes_of(text)
    assert quote.text == "We took the bridge at dawn. The enemy fled without a fight"
    assert quote.speaker == "Yusuf Demir"
    assert speaker_text(text, quote) == "Yusuf Demir"
    flee = next(c for c in parse(text) if c.predicate == "flee")
    assert flee.attribution is not None and flee.attribution.source == "Yusuf Demir"


def test_a_quote_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    text = (
        "\u201cWe took the bridge at dawn,\u201d Colonel Ivan Petrenko said. "
        "\u201cThe enemy fled without a fight.\u201d"
    )
    first, second = quotes_of(text)
    assert first.speaker == second.speaker == "Colonel Ivan Petrenko"
    assert second.text == "The enemy fled without a fight."


def test_a_quote_continued_over_two_paragraphs() -> None:
    text = (
        "Senator Ellen Park criticised the plan.\n"
        "\u201cThis is a reckless gamble with people\u2019s savings.\n"
        "\u201cThe voters will remember it in November,\u201d she said."
    )
    (quote,) = quotes_of(text)
    assert quote.text.startswith("This is a reckless gamble")
    assert quote.text.endswith("remember it in November")
    assert quote.speaker == "Ellen Park"
    assert speaker_text(text, quote) == "Ellen Park"


def test_a_new_quote_opening_a_paragraph_after_one_left_open() -> None:
    text = (
        "\u201cWe took the bridge at dawn,\u201d Colonel Ivan Petrenko said. "
        "\u201cThe enemy fled without a fight.\n"
        "\u201cWe will push on to the river tomorrow.\u201d"
    )
    _, second = quotes_of(text)
    assert second.text.startswith("The enemy fled") and second.text.endswith("tomorrow.")
    assert second.speaker == "Colonel Ivan Petrenko"


def test_the_first_claim_inside_a_continued_quote_is_attributed_to_its_speaker() -> None:
    text = (
        "\u201cWe took the bridge at dawn,\u201d Colonel Ivan Petrenko said. "
        "\u201cThe enemy fled without a fight.\u201d"
    )
    flee = next(c for c in parse(text) if c.predicate == "flee")
    assert flee.attribution is not None
    assert flee.attribution.source == "Colonel Ivan Petrenko"


def test_straight_quotes_inside_a_sentence() -> None:
    text = 'The mayor said "the water supply will be restored by Friday" after the repairs.'
    (quote,) = quotes_of(text)
    assert quote.text == "the water supply will be restored by Friday"
    assert quote.speaker is not None and quote.speaker.endswith("mayor")
    claim = parse(text)[0]
    assert (claim.predicate, claim.object) == ("restore", "the water supply")


def test_scare_quotes_give_no_quote() -> None:
    text = "The rebels called the offensive a \u201cliberation\u201d of the region."
    assert quotes_of(text) == []
    claim = parse(text)[0]
    assert (claim.subject, claim.predicate) == ("The rebels", "call")


def test_unattributed_quote_has_no_speaker() -> None:
    text = "Protesters carried banners reading \u201cNo surrender, no retreat.\u201d"
    (quote,) = quotes_of(text)
    assert quote.text == "No surrender, no retreat."
    assert quote.speaker is None


# --- indirect speech ---------------------------------------------------------------------------


def test_vowed_to_is_indirect_speech() -> None:
    text = "Prime Minister Lena Holm vowed to rebuild every school destroyed in the floods."
    (quote,) = quotes_of(text, "indirect")
    assert quote.text == "to rebuild every school destroyed in the floods"
    assert (quote.speaker, quote.cue) == ("Prime Minister Lena Holm", "vow")
    assert quotes_of(text) == []


def test_said_that_is_indirect_speech() -> None:
    text = "Minister Hans Vogel said that the border would remain open."
    (quote,) = quotes_of(text, "indirect")
    assert quote.text == "that the border would remain open"
    assert (quote.speaker, quote.cue) == ("Minister Hans Vogel", "say")


def test_a_whole_direct_quote_is_not_also_indirect_speech() -> None:
    text = "The general said: \u201cWe will hold the line until the spring.\u201d"
    assert quotes_of(text, "indirect") == []
    assert len(quotes_of(text)) == 1


def test_a_passive_report_is_not_speech() -> None:
    text = "Rebels were reported to have captured the military airport."
    assert quotes_of(text, "indirect") == []


def test_a_speaker_is_not_taken_from_the_next_paragraph() -> None:
    text = (
        "\u201cWe will defend the city,\u201d the governor said. \u201cIt will not fall.\u201d\n"
        "The mayor told reporters that the roads were closed."
    )
    article = Article(id=article_id(text), text=text, paragraphs=text.split("\n"))
    quotes = [q for c in extract_claims(article) for q in c.quotes if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["the governor", "the governor"]
