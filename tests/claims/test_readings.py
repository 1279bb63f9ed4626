"""Places read in context and sources that are speakers, on invented sentences: one test a rule.

Places: a person or organisation is not a place, ships are not places, a town the tagger took
for a person is a place in a place context, alternate names need the article's countries, one
name keeps one sense in an article. Sources: never a dateline, a relative pronoun, a figure, a
date fragment or a village; pronouns resolve by gender and number or stay unnamed.
"""

from __future__ import annotations

import pytest

from corroborate.claims import extract_claims
from corroborate.claims.nlp import get_nlp
from corroborate.claims.places import resolve_place
from corroborate.claims.speakers import check
from corroborate.records import Article, Claim, Mention, article_id


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    get_nlp()


def claims_of(text: str) -> list[Claim]:
    article = Article(id=article_id(text), text=text, paragraphs=text.split("\n"))
    return extract_claims(article)


def places_of(text: str) -> list[tuple[str, str | None]]:
    return [(p.text, p.country) for c in claims_of(text) for p in c.places]


def types_of(text: str) -> dict[str, str]:
    return {a.text: a.type for c in claims_of(text) for a in c.actors}


def sources_of(text: str) -> list[tuple[str, str] | None]:
    return [
        (c.attribution.source, c.attribution.type) if c.attribution else None
        for c in claims_of(text)
    ]


# --- places ----------------------------------------------------------------------------------


def test_a_person_named_like_a_town_is_no_place() -> None:
    text = "Bill Clinton said the talks would resume on Monday."
    assert places_of(text) == []
    assert types_of(text)["Bill Clinton"] == "person"


def test_an_agency_or_a_government_building_is_no_place() -> None:
    assert places_of("Xinhua reported the fire at the port on Monday.") == []
    # "White House" is an old name of Casablanca in the gazetteer: never taken for it
    assert all(c != "MA" for _, c in places_of("Officials at the White House said nothing."))


def test_ships_named_after_cities_are_no_places() -> None:
    text = "The submarines Memphis and Toledo left the harbour on Monday."
    assert places_of(text) == []
    assert {types_of(text).get("Memphis"), types_of(text).get("Toledo")} <= {"other", None}


def test_a_town_tagged_as_a_person_is_a_place_in_a_place_context() -> None:
    assert ("Gherla", "RO") in places_of("Floodwater reached the outskirts of Gherla on Monday.")
    assert ("Gherla", "RO") in places_of("Rebels entered Gherla before dawn.")


def test_a_town_name_without_a_place_context_keeps_the_taggers_reading() -> None:
    assert places_of("Gherla said the water was rising.") == []


def test_a_word_of_a_persons_name_is_that_person() -> None:
    text = "Lindsay Preston met reporters on Monday. Later, Preston said she was tired."
    assert places_of(text) == []


def test_a_city_naming_a_team_is_no_place() -> None:
    types = types_of("Springfield defeated Drake 71-60 on Friday.")
    assert types.get("Springfield") != "place"
    assert places_of("Springfield defeated Drake 71-60 on Friday.") == []


def test_a_demonym_tagged_as_a_place_is_a_people() -> None:
    assert types_of("Ukrainian boxer Ivan Petrenko won on Saturday.").get("Ukrainian") in (
        "group",
        None,
    )


def test_a_site_named_like_an_organisation_is_a_place_after_a_preposition() -> None:
    text = (
        "The singer checked into the Sunrise Treatment Center on Tuesday. "
        "She stayed at Sunrise for a month."
    )
    types = types_of(text)
    assert types.get("Sunrise Treatment Center") == "place"
    assert types_of("Sunrise Treatment Center said it had no comment.").get(
        "Sunrise Treatment Center"
    ) in ("organisation", None)


def test_alternate_names_never_resolve_against_the_articles_countries() -> None:
    # near spellings of other towns' names: Karni (Kearny, US), Qana (Qina, Egypt)
    assert resolve_place("Karni", ["IL", "PS"]) is None
    assert resolve_place("Qana", ["LB", "IL"]) is None
    assert resolve_place("White House") is None
    kyiv = resolve_place("Kiev", ["RU"])  # a large city's old name stands
    assert kyiv is not None and kyiv.country == "UA"


# --- sources and speakers ---------------------------------------------------------------------


def test_a_dateline_is_no_source() -> None:
    sources = sources_of("MOSCOW (AP) -- The navy said the submarine had sunk.")
    assert sources[0] is not None and sources[0][0] == "navy"


def test_a_figure_is_no_source() -> None:
    assert sources_of("At least 50 said they had seen the blast.") == [("", "unnamed")]


def test_a_relative_pronoun_stands_for_its_noun() -> None:
    claims = claims_of('The mayor, who said "we will rebuild the bridge soon", left.')
    speakers = [q.speaker for c in claims for q in c.quotes]
    assert speakers and all(s not in ("who", "which") for s in speakers)
    assert "The mayor" in speakers


def test_she_resolves_to_the_nearest_woman_named_before() -> None:
    text = "Mrs. Ortega met Mr. Haddad on Monday. She said the deal was done."
    assert sources_of(text)[1] == ("Ortega", "person")


def test_he_with_only_a_woman_named_before_stays_unnamed() -> None:
    text = "Mrs. Ortega spoke first. \u201cWe will rebuild,\u201d he said."
    quotes = [q for c in claims_of(text) for q in c.quotes]
    assert quotes and quotes[0].speaker is None


def test_they_resolves_to_an_organisation_named_just_before() -> None:
    text = "Greenpeace protested on Monday. They said the ship was unsafe."
    assert sources_of(text)[1] == ("Greenpeace", "organisation")


def test_check_refuses_datelines_dates_figures_and_villages() -> None:
    village = Mention(0, 6, "Gherla", "place", "GPE")
    text = "Gherla said"
    assert check("Gherla", 0, 6, [village], text) is None
    assert check("--Aug", 0, 5, [], "--Aug said") is None
    assert check("Tuesday", 0, 7, [], "Tuesday said") is None
    assert check("More than 300", 0, 13, [], "More than 300 said") is None
    assert check("which", 0, 5, [], "which said") is None
    assert check("MOSCOW", 0, 6, [], "MOSCOW said") is None
    country = Mention(0, 6, "Israel", "place", "GPE")
    assert check("Israel", 0, 6, [country], "Israel said") == ("Israel", 0, 6)
    assert check("a navy spokesman", 0, 16, [], "a navy spokesman said") is not None
