"""Quantities on real phrasings, and on the five seed reports read in place."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from corroborate.claims import Quantity, extract_quantities

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "seeds"


def one(sentence: str) -> Quantity:
    found = extract_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


def fields(q: Quantity) -> tuple[object, ...]:
    return (q.value, q.low, q.high, q.qualifier, q.unit, q.counted)


# sentence -> (text, value, low, high, qualifier, unit, counted)
SINGLE = {
    "300+ people": ("300+", 300, 300, None, "more than", None, "people"),
    "more than 20 civilians": ("more than 20", 20, 20, None, "more than", None, "civilians"),
    "approximately 20 civilians": ("approximately 20", 20, None, None, "about", None, "civilians"),
    "about 2,300 people": ("about 2,300", 2300, None, None, "about", None, "people"),
    "some 2,300 fled": ("some 2,300", 2300, None, None, "about", None, None),
    "nearly 40 died": ("nearly 40", 40, None, 40, "about", None, None),
    "up to 5,000": ("up to 5,000", 5000, None, 5000, "up to", None, None),
    "fewer than 10 remain": ("fewer than 10", 10, None, 10, "less than", None, None),
    "between 20 and 30 people": ("between 20 and 30", None, 20, 30, "range", None, "people"),
    "20-30 people": ("20-30", None, 20, 30, "range", None, "people"),
    "20 to 30": ("20 to 30", None, 20, 30, "range", None, None),
    "between 2 and 3 million people": (
        "between 2 and 3 million",
        None,
        2e6,
        3e6,
        "range",
        None,
        "people",
    ),
    "fourteen people": ("fourteen", 14, None, None, "exact", None, "people"),
    "two engineering units": ("two", 2, None, None, "exact", None, "units"),
    "nine additional airstrikes": ("nine", 9, None, None, "exact", None, "airstrikes"),
    "twenty-five soldiers": ("twenty-five", 25, None, None, "exact", None, "soldiers"),
    "two hundred and fifty people": (
        "two hundred and fifty",
        250,
        None,
        None,
        "exact",
        None,
        "people",
    ),
    "a dozen": ("a dozen", 12, None, None, "exact", None, None),
    "half a million dead": ("half a million", 5e5, None, None, "exact", None, "dead"),
    "approximately half a million dead": (
        "approximately half a million",
        5e5,
        None,
        None,
        "about",
        None,
        "dead",
    ),
    "1.5 million": ("1.5 million", 1.5e6, None, None, "exact", None, None),
    "3 million": ("3 million", 3e6, None, None, "exact", None, None),
    "$2.5 billion": ("$2.5 billion", 2.5e9, None, None, "exact", "USD", None),
    "€40m": ("€40m", 4e7, None, None, "exact", "EUR", None),
    "£3bn": ("£3bn", 3e9, None, None, "exact", "GBP", None),
    "dozens of soldiers": ("dozens", None, 24, None, "vague", None, "soldiers"),
    "hundreds of thousands of deaths": (
        "hundreds of thousands",
        None,
        2e5,
        None,
        "vague",
        None,
        "deaths",
    ),
    "thousands of residents": ("thousands", None, 2000, None, "vague", None, "residents"),
    "several civilians": ("several", None, 3, None, "vague", None, "civilians"),
    "a stretch of more than 12 km": ("more than 12 km", 12, 12, None, "more than", "km", None),
    "30 millimetres of rain": ("30 millimetres", 30, None, None, "exact", "mm", None),
    "12 per cent": ("12 per cent", 12, None, None, "exact", "%", None),
    "12%": ("12%", 12, None, None, "exact", "%", None),
    "nearly 13 years after the outbreak": ("nearly 13 years", 13, None, 13, "about", "years", None),
    "13 years after": ("13 years", 13, None, None, "exact", "years", None),
    "in the past three days": ("three days", 3, None, None, "exact", "days", None),
    "One resident described": ("One", 1, None, None, "exact", None, "resident"),
    "about 2000 people": ("about 2000", 2000, None, None, "about", None, "people"),
}


@pytest.mark.parametrize("sentence", list(SINGLE))
def test_single_quantity(sentence: str) -> None:
    text, *expected = SINGLE[sentence]
    q = one(sentence)
    assert q.text == text
    assert fields(q) == tuple(expected)
    assert sentence[q.start : q.end] == q.text


def test_many_more_is_vague_without_a_bound() -> None:
    several, more = extract_quantities("killing several civilians and injuring many more.")
    assert (several.text, several.low, several.counted) == ("several", 3, "civilians")
    assert (more.text, more.qualifier, more.value, more.low, more.counted) == (
        "many more",
        "vague",
        None,
        None,
        None,
    )


def test_two_quantities_and_their_counted_nouns() -> None:
    sentence = "the fighting has already killed over 300 people, including at least 20 civilians."
    over, least = extract_quantities(sentence)
    assert (over.text, over.qualifier, over.low, over.value, over.counted) == (
        "over 300",
        "more than",
        300,
        300,
        "people",
    )
    assert (least.text, least.qualifier, least.low, least.counted) == (
        "at least 20",
        "at least",
        20,
        "civilians",
    )


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier", "also_as"),
    [
        (
            "a front line exceeding 100km (60 miles).",
            "exceeding 100km (60 miles)",
            100,
            "more than",
            60,
        ),
        ("just 55km (34 miles) from Aleppo", "55km (34 miles)", 55, "exact", 34),
        ("55 kilometers (34 miles) from Aleppo", "55 kilometers (34 miles)", 55, "exact", 34),
        (
            "about 40 kilometres (25 miles) downstream",
            "about 40 kilometres (25 miles)",
            40,
            "about",
            25,
        ),
    ],
)
def test_equivalent_in_parentheses_is_folded_in(
    sentence: str, text: str, value: float, qualifier: str, also_as: float
) -> None:
    q = one(sentence)  # the parenthesised figure is not a quantity of its own
    assert (q.text, q.value, q.qualifier, q.unit) == (text, value, qualifier, "km")
    assert q.also_as == ((also_as, "mi"),)


def test_parentheses_without_a_figure_are_left_alone() -> None:
    q = one("a 20 km stretch (the northern front) held")
    assert (q.text, q.also_as) == ("20 km", ())


@pytest.mark.parametrize(
    "sentence",
    [
        "the most intense violence since 2016",
        "the civil war that erupted in 2011",
        "since the 2020 ceasefire",
        "the 2015 UN Security Council peace plan",
        "between 2011 and 2016",
        "the 2011-2016 siege",
        "a curfew starting at 17:00 local time",
        "effective from 5:00 PM local time",
        "(14:00 GMT) on Saturday",
        "until 6 pm",
        "from 6.30pm",
        "published Dec 1",
        "on 1 December 2024",
        "on March 11, 2025",
        "Syria's second-largest city",
        "the 20th anniversary",
        "Hama, Syria's fourth-largest city",
        "Call or Whatsapp: 0803 561 7233, 0703 414 5611",
        "call +44 20 7946 0958 now",
        "Covid-19 restrictions",
        "the G7 summit",
        "an F-16 and a MiG-29",
        "under Resolution 2254",
        "the 1990s",
        "one of the most serious challenges",
        "One of these strikes caused casualties",
        "no one was hurt",
        "Idlib, a key rebel-controlled city",
        "the 5G network",
        "as many as",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert extract_quantities(sentence) == []


def test_curly_punctuation_and_non_breaking_spaces() -> None:
    sentence = "“Some\u00a02,300 people” fled 20\u201330\u00a0km, and 100\u202fkm (60\u00a0miles)."
    about, span, front = extract_quantities(sentence)
    assert (about.text, about.value, about.qualifier, about.counted) == (
        "Some\u00a02,300",
        2300,
        "about",
        "people",
    )
    assert (span.text, span.low, span.high, span.unit) == ("20\u201330\u00a0km", 20, 30, "km")
    assert (front.value, front.unit, front.also_as) == (100, "km", ((60, "mi"),))
    for q in (about, span, front):
        assert sentence[q.start : q.end] == q.text


def test_offset_is_added_and_text_kept() -> None:
    sentence = "at least 27 civilians"
    (plain,) = extract_quantities(sentence)
    (shifted,) = extract_quantities(sentence, offset=100)
    assert (shifted.start, shifted.end) == (plain.start + 100, plain.end + 100)
    assert shifted.text == plain.text == "at least 27"


def test_quantity_is_frozen_and_hashable() -> None:
    q = one("55km (34 miles)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0  # type: ignore[misc]
    assert len({q, one("55km (34 miles)")}) == 1


# --- the five seed reports, read in place -------------------------------------------------------


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def described(text: str) -> set[tuple[object, ...]]:
    return {(q.qualifier, q.value, q.low, q.unit, q.counted) for q in extract_quantities(text)}


SEED_EXPECTED: dict[str, list[tuple[object, ...]]] = {
    "000": [
        ("more than", 300, 300, None, "people"),
        ("at least", 20, 20, None, "civilians"),
        ("exact", 55, None, "km", None),
        ("more than", 100, 100, "km", None),
        ("vague", None, 24, None, "soldiers"),
        ("vague", None, 2000, None, "residents"),
    ],
    "001": [
        ("more than", 300, 300, None, "people"),
        ("more than", 20, 20, None, "civilians"),
        ("at least", 27, 27, None, "civilians"),
        ("about", 13, None, "years", None),
        ("exact", 3, None, "days", None),
        ("vague", None, 3, None, "civilians"),
    ],
    "002": [
        ("vague", None, 24, None, "soldiers"),
        ("vague", None, 2e5, None, "deaths"),
        ("vague", None, 2e6, None, None),
    ],
    "003": [
        ("more than", 300, 300, None, "lives"),
        ("at least", 20, 20, None, "civilians"),
        ("exact", 9, None, None, "airstrikes"),
        ("about", 5e5, None, None, "dead"),
    ],
    "004": [
        ("more than", 300, 300, None, "individuals"),
        ("about", 20, None, None, "civilians"),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_quantities(prefix: str) -> None:
    found = described(seed(prefix))
    for expected in SEED_EXPECTED[prefix]:
        assert expected in found, (expected, sorted(found, key=str))


@pytest.mark.parametrize(
    ("prefix", "km", "miles"),
    [("003", 55, 34), ("003", 100, 60), ("004", 55, 34), ("004", 100, 60)],
)
def test_seed_distances_carry_miles(prefix: str, km: float, miles: float) -> None:
    quantities = extract_quantities(seed(prefix))
    matches = [q for q in quantities if q.unit == "km" and q.value == km]
    assert len(matches) == 1, matches
    assert matches[0].also_as == ((miles, "mi"),)
    assert not [q for q in quantities if q.unit == "mi"]  # never a quantity of its own


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_give_no_year_clock_time_or_phone_number(prefix: str) -> None:
    text = seed(prefix)
    quantities = extract_quantities(text)
    assert quantities, prefix
    for q in quantities:
        assert text[q.start : q.end] == q.text
        assert not re.search(r"\b(?:19|20)\d\d\b", q.text), q
        assert ":" not in q.text, q
        assert q.value is None or q.value not in {561, 803, 7233, 703, 414, 5611}, q
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    assert not {q.value for q in quantities} & years


# --- patterns found on the dev half of bench/gold/quantities.jsonl (invented sentences) -------

# sentence -> (text, value, low, high, qualifier, unit, counted)
MORE_SINGLE = {
    "between 4% and 6%": ("between 4% and 6%", None, 4, 6, "range", "%", None),
    "tickets cost $20 to $25 each": ("$20 to $25", None, 20, 25, "range", "USD", None),
    "between three to five days": ("between three to five days", None, 3, 5, "range", "days", None),
    "a budget of C$45 million": ("C$45 million", 4.5e7, None, None, "exact", "CAD", None),
    "he paid Rs 3 lakh for it": ("Rs 3 lakh", 3e5, None, None, "exact", "INR", None),
    "it sells for RM500 there": ("RM500", 500, None, None, "exact", "MYR", None),
    "a $75MM contract": ("$75MM", 7.5e7, None, None, "exact", "USD", None),
    "a 27-inch monitor": ("27-inch", 27, None, None, "exact", "in", None),
    "16GB of memory": ("16GB", 16, None, None, "exact", "GB", None),
    "a 45W charger": ("45W", 45, None, None, "exact", "W", None),
    "a plant of 2.5 GW": ("2.5 GW", 2.5, None, None, "exact", "GW", None),
    "ran for 88 yards": ("88 yards", 88, None, None, "exact", "yd", None),
    "he weighs 210 pounds": ("210 pounds", 210, None, None, "exact", "lb", None),
    "a fine of 2 million pounds": ("2 million pounds", 2e6, None, None, "exact", "GBP", None),
    "an engine making 300 hp": ("300 hp", 300, None, None, "exact", "hp", None),
    "clocked at 110 mph": ("110 mph", 110, None, None, "exact", "mph", None),
    "a 5.8-magnitude quake": ("5.8-magnitude", 5.8, None, None, "exact", "magnitude", None),
    "it measured 5.2 on the Richter scale": (
        "5.2 on the Richter scale",
        5.2,
        None,
        None,
        "exact",
        "magnitude",
        None,
    ),
    "a storm lasting three decades": ("three decades", 3, None, None, "exact", "decades", None),
    "temperatures of minus 12 degrees": (
        "minus 12 degrees",
        -12,
        None,
        None,
        "exact",
        "degrees",
        None,
    ),
    "nearly two-thirds of the staff": (
        "nearly two-thirds",
        2 / 3,
        None,
        2 / 3,
        "about",
        None,
        "staff",
    ),
    "a quarter of the residents left": ("a quarter", 0.25, None, None, "exact", None, "residents"),
    "more than half of the villages": (
        "more than half",
        0.5,
        0.5,
        None,
        "more than",
        None,
        "villages",
    ),
    "Jane Doe, 34, of Leeds was charged": ("34", 34, None, None, "exact", "years", None),
    "he died at the age of 88 in hospital": ("88", 88, None, None, "exact", "years", None),
    "signed a one-year deal": ("one-year", 1, None, None, "exact", "years", None),
    "a one-seat majority": ("one", 1, None, None, "exact", None, "seat"),
    "a five-match ban": ("five", 5, None, None, "exact", None, "match"),
    "one small wooden boat was found": ("one", 1, None, None, "exact", None, "boat"),
    "one driver escaped": ("one", 1, None, None, "exact", None, "driver"),
    "seven of her neighbour's cats": ("seven", 7, None, None, "exact", None, "cats"),
    "three grandchildren survive him": ("three", 3, None, None, "exact", None, "grandchildren"),
    "a few hours later": ("a few", None, None, None, "vague", "hours", None),
    "for several weeks": ("several", None, 3, None, "vague", "weeks", None),
    "it cost thousands of dollars": ("thousands", None, 2000, None, "vague", "USD", None),
}


@pytest.mark.parametrize("sentence", list(MORE_SINGLE))
def test_more_single_quantities(sentence: str) -> None:
    text, *expected = MORE_SINGLE[sentence]
    q = one(sentence)
    assert q.text == text
    assert fields(q)[:1] == (pytest.approx(expected[0]) if expected[0] else expected[0],)
    assert fields(q)[1:] == tuple(expected[1:])
    assert sentence[q.start : q.end] == q.text


def test_a_change_from_one_figure_to_another_is_two_quantities() -> None:
    before, after = extract_quantities("turnout rose from 40% to 55% this year")
    assert (before.value, before.unit, after.value, after.unit) == (40, "%", 55, "%")
    first, second = extract_quantities("the toll fell from 30 to 20")
    assert (first.value, second.value) == (30, 20)


@pytest.mark.parametrize(
    "sentence",
    [
        "Posted at 9: 15 PM on Friday",
        "the '08 model",
        "as earlier trials showed (12, 13).",
        "as shown before (7).",
        "the shop is open 24/7",
        "they won 87-64 on Friday",
        "the Bears (8-3) lead the division",
        "a 747-8 freighter",
        "the Galaxy 9 phone",
        "an AR 15 rifle",
        "the Week 7 game",
        "the seventy-something actor",
        "a .45-caliber pistol",
        "saved in a 403(b)",
        "the lower half of the table",
        "in the second half of the match",
        "one doesn't exist yet",
        "a one-on-one meeting",
    ],
)
def test_more_not_quantities(sentence: str) -> None:
    assert extract_quantities(sentence) == []


def test_a_plural_noun_keeps_a_figure_after_a_capitalised_word() -> None:
    (q,) = extract_quantities("Storm Kills 12 People")
    assert (q.value, q.counted) == (12, "people")


# --- issue 14: figures on real news, one test per rule (invented sentences) ----------------------


def described_all(sentence: str) -> list[tuple[object, ...]]:
    return [(q.text, *fields(q)) for q in extract_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The mill lost $4.2b in the slump.", "$4.2b", 4.2e9, "USD"),
        ("Rivals bid $300M for the port.", "$300M", 3e8, "USD"),
        ("Lenders wrote off €1.5bn of loans.", "€1.5bn", 1.5e9, "EUR"),
        ("The budget is $2tn this year.", "$2tn", 2e12, "USD"),
        ("a grant of $7.5 mln for the dam", "$7.5 mln", 7.5e6, "USD"),
        ("Mills shipped 12.3m tonnes of grain.", "12.3m tonnes", 1.23e7, "t"),
        ("The app claims 5M users.", "5M", 5e6, None),
        ("The stadium drew 50k fans.", "50k", 5e4, None),
        ("The fund holds 4 hundred million dollars.", "4 hundred million dollars", 4e8, "USD"),
        ("a plan worth Rs 5 lakh crore", "Rs 5 lakh crore", 5e12, "INR"),
        ("a fine of €2.3 billion", "€2.3 billion", 2.3e9, "EUR"),
        ("over a 13.8-billion-year span", "13.8-billion-year", 1.38e10, "years"),
    ],
)
def test_compact_multipliers(sentence: str, text: str, value: float, unit: str | None) -> None:
    q = one(sentence)
    assert (q.text, q.unit) == (text, unit)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence",
    ["the 400m runner won", "the 100m hurdles final", "a 5K runners' club", "4K screens"],
)
def test_a_glued_letter_is_no_multiplier_for_lengths_races_and_screens(sentence: str) -> None:
    assert all(q.value is None or q.value < 1000 for q in extract_quantities(sentence))


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("She bought a 250ml flask.", "250ml", 250, "ml"),
        ("The 1.0l engine is frugal.", "1.0l", 1.0, "l"),
        ("a 2L bottle of water", "2L", 2, "l"),
        ("a 5kg sack of rice", "5kg", 5, "kg"),
        ("the limit is 30km/h here", "30km/h", 30, "km/h"),
        ("the car hit 100mph on the bypass", "100mph", 100, "mph"),
        ("a 12V battery", "12V", 12, "V"),
        ("a 5000mAh cell", "5000mAh", 5000, "mAh"),
        ("add 200g of flour", "200g", 200, "g"),
        ("a 500mg dose", "500mg", 500, "mg"),
        ("a 48MP camera", "48MP", 48, "MP"),
        ("a 100Mbps line", "100Mbps", 100, "Mbps"),
        ("a 6 oz steak", "6 oz", 6, "oz"),
    ],
)
def test_units_glued_to_figures(sentence: str, text: str, value: float, unit: str) -> None:
    q = one(sentence)
    assert (q.text, q.value, q.unit, q.counted) == (text, value, unit, None)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The council paid $US17,246,208 in fees.", "$US17,246,208", 17246208, "USD"),
        ("a grant of $A82,615,680", "$A82,615,680", 82615680, "AUD"),
        ("shares closed at US$5 each", "US$5", 5, "USD"),
        ("a ticket costs C$10", "C$10", 10, "CAD"),
        ("rent of HK$12,000", "HK$12,000", 12000, "HKD"),
        ("a NZ$30 fee", "NZ$30", 30, "NZD"),
        ("a £40 fine", "£40", 40, "GBP"),
        ("a ¥300 snack", "¥300", 300, "JPY"),
        ("a loan of USD 5 million", "USD 5 million", 5e6, "USD"),
        ("a charge of 300 EUR", "300 EUR", 300, "EUR"),
        ("a budget of 5 million euros", "5 million euros", 5e6, "EUR"),
        ("it cost 200 million yen", "200 million yen", 2e8, "JPY"),
        ("a deal of 3 billion yuan", "3 billion yuan", 3e9, "CNY"),
        ("a fund of 40 million Canadian dollars", "40 million Canadian dollars", 4e7, "CAD"),
        ("a bill of RMB 900", "RMB 900", 900, "CNY"),
    ],
)
def test_currency_before_and_after_the_figure(
    sentence: str, text: str, value: float, unit: str
) -> None:
    q = one(sentence)
    assert (q.text, q.value, q.unit) == (text, value, unit)


def test_a_change_from_one_price_to_another_is_two_quantities() -> None:
    assert described_all("The fare was cut from $2,415 to $2,315.") == [
        ("$2,415", 2415, None, None, "exact", "USD", None),
        ("$2,315", 2315, None, None, "exact", "USD", None),
    ]


def test_a_word_of_change_anywhere_before_from_makes_two_figures() -> None:
    sentence = "Turnout rose sharply in the north, from 41 percent to 48 percent."
    assert [(q.value, q.unit) for q in extract_quantities(sentence)] == [(41, "%"), (48, "%")]


def test_a_word_of_range_keeps_from_to_a_range() -> None:
    sentence = "Prices rose, with rooms ranging from $80 to $120 a night."
    (q,) = extract_quantities(sentence)
    assert (q.text, q.low, q.high, q.qualifier, q.unit) == ("$80 to $120", 80, 120, "range", "USD")


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "unit"),
    [
        ("between 50 and 70 percent of voters", "between 50 and 70 percent", 50, 70, "%"),
        ("20-30 boats sank", "20-30", 20, 30, None),
        ("its 0-to-60-mph time is quick", "0-to-60-mph", 0, 60, "mph"),
        ("rooms cost $10–$12 a night", "$10–$12", 10, 12, "USD"),
        ("a deal worth $10m-$12m", "$10m-$12m", 1e7, 1.2e7, "USD"),
        ("one or two guards stood by", "one or two", 1, 2, None),
        ("it takes 10 or 12 days", "10 or 12 days", 10, 12, "days"),
    ],
)
def test_ranges(sentence: str, text: str, low: float, high: float, unit: str | None) -> None:
    q = one(sentence)
    assert (q.text, q.value, q.low, q.high, q.qualifier, q.unit) == (
        text,
        None,
        low,
        high,
        "range",
        unit,
    )


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("twenty-eight thousand people marched", "twenty-eight thousand", 28000),
        ("one hundred and five people marched", "one hundred and five", 105),
        ("a quarter of a million people marched", "a quarter of a million", 250000),
        ("three dozen people marched", "three dozen", 36),
        ("two and a half million people marched", "two and a half million", 2.5e6),
        ("a hundred and fifty people marched", "a hundred and fifty", 150),
        ("two million three hundred thousand people marched", None, 2.3e6),
        ("forty two people marched", "forty two", 42),
    ],
)
def test_spelled_out_numbers(sentence: str, text: str | None, value: float) -> None:
    q = one(sentence)
    assert q.text == (text or sentence.removesuffix(" people marched"))
    assert (q.value, q.counted) == (value, "people")


@pytest.mark.parametrize(
    "sentence",
    [
        "The S&P 500 slipped on Friday.",
        "Airlines ordered the 787 Dreamliner again.",
        "Sales of the new iPhone 11 slowed.",
        "Most Windows 10 users upgraded.",
        "A Boeing 737 landed late.",
        "Covid-19 cases fell.",
        "He loves Formula 1 racing.",
        "He drove a Formula One car.",
        "The G20 leaders met.",
        "Write to Springfield, IL 62704.",
        "Write to Springfield, Illinois 62704.",
        "Call 555-1234 after lunch.",
        "Call (800) 555-1234 today.",
        "A friend called 911.",
        "The RTX 3080 card is out.",
        "Traffic backed up on the 405 Freeway.",
        "He lives at 10 Downing Street.",
        "The 30-year bond yield fell.",
        "See the notes [4] below.",
        "The cup is held 18-24 November.",
        "Trucks queued in area 55 overnight.",
        "One door closed, another opened.",
    ],
)
def test_names_and_identifiers_are_no_figures(sentence: str) -> None:
    assert extract_quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        ("Jupiter's 79 moons are cold.", 79, "moons"),
        ("Police said 5 Israeli soldiers were hurt.", 5, "soldiers"),
        ("Officials said 200 Chinese were evacuated.", 200, None),
        ("The club signed 3 Al Qaeda suspects.", 3, "suspects"),
        ("Storm Kills Two People", 2, "people"),
    ],
)
def test_figures_beside_capitalised_words_still_count(
    sentence: str, value: float, counted: str | None
) -> None:
    q = extract_quantities(sentence)[0]
    assert (q.value, q.counted) == (value, counted)


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier", "low", "high"),
    [
        ("Adults aged 26 or older were asked.", "26 or older", "at least", 26, None),
        ("Fans 18 and over may enter.", "18 and over", "at least", 18, None),
        ("Gifts of $100 or more are taxed.", "$100 or more", "at least", 100, None),
        ("Groups of 5 or fewer meet.", "5 or fewer", "at most", None, 5),
        ("a cure within 20 years", "within 20 years", "at most", None, 20),
        ("a fine of up to a $250,000", "up to a $250,000", "up to", None, 250000),
        ("laptops from $700 at the store", "from $700", "at least", 700, None),
    ],
)
def test_bounds_written_around_the_figure(
    sentence: str, text: str, qualifier: str, low: float | None, high: float | None
) -> None:
    q = one(sentence)
    assert (q.text, q.qualifier, q.low, q.high) == (text, qualifier, low, high)


def test_signed_figures_in_a_price_line() -> None:
    assert [q.value for q in extract_quantities("ACME CORP. 225.86 -12.99 -5.44%")] == [
        225.86,
        -12.99,
        -5.44,
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("Costs were cut by a third.", 1 / 3), ("The herd was cut in half.", 0.5)],
)
def test_fractions_standing_alone(sentence: str, value: float) -> None:
    assert one(sentence).value == pytest.approx(value)


def test_a_third_party_is_no_fraction() -> None:
    assert extract_quantities("It was sold by a third party.") == []


@pytest.mark.parametrize(
    ("sentence", "text", "low"),
    [
        ("a crowd of several dozen cheered", "several dozen", 36),
        ("a few hundred people cheered", "a few hundred", None),
    ],
)
def test_vague_multiples(sentence: str, text: str, low: float | None) -> None:
    q = one(sentence)
    assert (q.text, q.qualifier, q.value, q.low) == (text, "vague", None, low)


def test_split_thousands_and_year_ranges() -> None:
    assert [q.value for q in extract_quantities("around 1, 400 were hurt")] == [1400]
    assert extract_quantities("at sites from at least 2002 to 2005") == []


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Prices rose 5pc in May.", "5pc", 5, "%"),
        ("Rates rose 25 basis points.", "25 basis points", 25, "bp"),
        ("a 90 sq m flat", "90 sq m", 90, "m2"),
        ("a Dh5 million villa", "Dh5 million", 5e6, "AED"),
    ],
)
def test_more_units_and_currencies(sentence: str, text: str, value: float, unit: str) -> None:
    q = one(sentence)
    assert (q.text, q.value, q.unit) == (text, value, unit)


def test_a_unit_or_two_is_a_range_from_one() -> None:
    q = one("The rebuild may take a year or two.")
    assert (q.text, q.low, q.high, q.qualifier, q.unit) == ("a year or two", 1, 2, "range", "years")


def test_tens_of_billions_is_vague() -> None:
    q = one("Floods cost tens of billions of dollars.")
    assert (q.text, q.qualifier, q.low, q.unit) == ("tens of billions", "vague", 2e10, "USD")


def test_a_change_by_and_the_level_reached_are_two_figures() -> None:
    first, second = extract_quantities("Oil rose $1.20 to $58.30 a barrel.")
    assert (first.value, second.value, first.unit, second.unit) == (1.2, 58.3, "USD", "USD")
    (span,) = extract_quantities("Prices rose 5 to 10 percent.")
    assert (span.low, span.high, span.unit) == (5, 10, "%")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("a magnitude 6.4 quake struck", "magnitude 6.4", 6.4, "magnitude"),
        ("after a magnitude-7.1 shock", "magnitude-7.1", 7.1, "magnitude"),
        ("it hit 40C on Sunday", "40C", 40, "°C"),
        ("it hit 104F on Sunday", "104F", 104, "°F"),
        ("up a quarter of a percentage point", "a quarter of a percentage point", 0.25, "pp"),
        ("it took half an hour", "half an hour", 0.5, "hours"),
    ],
)
def test_units_written_around_a_figure_or_a_fraction(
    sentence: str, text: str, value: float, unit: str
) -> None:
    q = one(sentence)
    assert (q.text, q.value, q.unit) == (text, value, unit)


def test_half_a_chance_is_no_figure() -> None:
    assert extract_quantities("They had half a chance.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Apollo 11 landed in July.",
        "Lakers 102, Celtics 99.",
        "The match ended 6-4, 3-6, 7-6.",
        "The P5+1 talks resumed.",
    ],
)
def test_names_opening_a_sentence_scores_and_glued_signs_are_no_figures(sentence: str) -> None:
    assert extract_quantities(sentence) == []


def test_bounded_ages_take_years() -> None:
    q = one("Adults aged 65 or older were asked.")
    assert (q.text, q.qualifier, q.low, q.unit) == ("65 or older", "at least", 65, "years")
