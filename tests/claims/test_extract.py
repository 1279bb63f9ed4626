"""Claims on invented news sentences: actors and action, quantities with roles, distances,
times, attribution and its source types, hedges, indirect speech.

Each test parses one small article; the spaCy model is loaded once per process (``get_nlp``).
"""

from __future__ import annotations

from typing import Any

import pytest

from corroborate.claims import extract_claims
from corroborate.claims.nlp import get_nlp
from corroborate.records import Article, Claim, article_id

SUNDAY = "2024-12-01"  # Sunday 1 December 2024


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    get_nlp()  # loaded once for the module; every test then parses one article


def claims_of(text: str, published: str | None = SUNDAY) -> list[Claim]:
    article = Article(
        id=article_id(text), text=text, paragraphs=text.split("\n"), published=published
    )
    found = extract_claims(article)
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
        for actor in claim.actors:
            assert text[actor.start : actor.end] == actor.text
        if claim.attribution and claim.attribution.source:
            a = claim.attribution
            assert text[a.start : a.end] == a.source
    return found


def one(text: str, published: str | None = SUNDAY) -> Claim:
    found = claims_of(text, published)
    assert len(found) == 1, [(c.predicate, c.text) for c in found]
    return found[0]


def by_predicate(claims: list[Claim], predicate: str) -> Claim:
    matching = [c for c in claims if c.predicate == predicate]
    assert len(matching) == 1, [(c.predicate, c.text) for c in claims]
    return matching[0]


def actor_types(claim: Claim) -> dict[str, str]:
    return {a.text: a.type for a in claim.actors}


def quantity(claim: Claim, text: str) -> dict[str, Any]:
    matching = [q for q in claim.quantities if q["text"] == text]
    assert len(matching) == 1, [q["text"] for q in claim.quantities]
    return matching[0]


# --- actors and action ---------------------------------------------------------------------------


def test_active_clause_subject_predicate_object_and_a_place() -> None:
    claim = one("Rebels captured the military airport near Homs on Saturday.")
    assert (claim.subject, claim.predicate, claim.object) == (
        "Rebels",
        "capture",
        "the military airport",
    )
    assert not claim.negated
    assert actor_types(claim) == {"Homs": "place"}
    assert claim.attribution is None and claim.hedge is None


def test_passive_agent_becomes_the_subject_and_the_victims_the_object() -> None:
    claim = one("Dozens of soldiers were killed by rebels near Aleppo on Wednesday.")
    assert (claim.subject, claim.predicate, claim.object) == (
        "rebels",
        "kill",
        "Dozens of soldiers",
    )
    dozens = quantity(claim, "Dozens")
    assert dozens["qualifier"] == "vague"
    assert dozens["value"] is None and dozens["low"] == 24
    assert dozens["counted"] == "soldiers" and dozens["role"] == "kill"


def test_negated_predicate() -> None:
    claim = one("The army did not confirm the losses.")
    assert claim.negated
    assert (claim.subject, claim.predicate, claim.object) == ("The army", "confirm", "the losses")


def test_affirmative_predicate_is_not_negated() -> None:
    assert not one("The army confirmed the losses.").negated


def test_conjoined_verbs_share_their_subject() -> None:
    claims = claims_of("Rebels took the airport and advanced into the city.")
    take, advance = by_predicate(claims, "take"), by_predicate(claims, "advance")
    assert take.subject == advance.subject == "Rebels"
    assert take.object == "the airport"
    assert advance.object == "into the city"
    assert advance.text == "advanced into the city"


def test_conjoined_subjects_and_objects_stay_whole() -> None:
    claim = one("The army and the police sealed off the square.")
    assert claim.subject == "The army and the police"
    assert claim.predicate == "seal off"
    other = one("Rebels seized tanks, rockets and ammunition.")
    assert other.object == "tanks, rockets and ammunition"


def test_armed_groups_nationalities_and_factions_are_groups() -> None:
    claim = one(
        "Hezbollah fighters and Kurdish militias clashed with the Syrian Democratic Forces "
        "near Manbij."
    )
    assert claim.subject == "Hezbollah fighters and Kurdish militias"
    assert claim.predicate == "clash"
    assert claim.object == "with the Syrian Democratic Forces"
    types = actor_types(claim)
    assert types["Hezbollah"] == "group"
    assert types["Kurdish"] == "group"
    assert types["Syrian Democratic Forces"] == "group"


def test_person_group_and_place_mentions() -> None:
    claim = one("President Joe Biden met Turkish officials in Ankara.")
    assert claim.subject == "President Joe Biden"
    assert (claim.predicate, claim.object) == ("meet", "Turkish officials")
    assert actor_types(claim) == {"Joe Biden": "person", "Turkish": "group", "Ankara": "place"}


def test_organisation_mention() -> None:
    claim = one("The Interior Ministry imposed a curfew in Basra.")
    types = actor_types(claim)
    assert types["Interior Ministry"] == "organisation"
    assert types["Basra"] == "place"


# --- quantities, distances, times ----------------------------------------------------------------


def test_toll_and_its_subset_are_both_figures_of_kill() -> None:
    claim = one(
        "Over 300 people have been killed, including at least 20 civilians, according to the "
        "Syrian Observatory for Human Rights."
    )
    assert claim.predicate == "kill"
    over = quantity(claim, "Over 300")
    assert (over["value"], over["low"], over["qualifier"]) == (300, 300, "more than")
    assert over["counted"] == "people" and over["role"] == "kill"
    least = quantity(claim, "at least 20")
    assert (least["value"], least["qualifier"]) == (20, "at least")
    assert least["counted"] == "civilians" and least["role"] == "kill"
    assert claim.attribution is not None
    assert claim.attribution.source == "Syrian Observatory for Human Rights"
    assert claim.attribution.cue == "according to"
    assert claim.attribution.type == "organisation"


def test_role_is_the_verb_of_each_clause() -> None:
    claims = claims_of("Gunmen killed five villagers and wounded 12 others.")
    assert quantity(by_predicate(claims, "kill"), "five")["role"] == "kill"
    assert quantity(by_predicate(claims, "wound"), "12")["role"] == "wound"


def test_distance_between_two_places() -> None:
    claim = one("The convoy reached Homs, a city 160 km from Damascus, late on Monday.")
    distance = quantity(claim, "160 km")
    assert (distance["value"], distance["unit"]) == (160, "km")
    assert distance["between"] == ["Homs", "Damascus"]


def test_a_plain_length_has_no_places_between() -> None:
    claim = one("Engineers repaired 3 km of the road outside Homs.")
    assert "between" not in quantity(claim, "3 km")


def test_weekday_resolved_against_the_publication_date() -> None:
    text = "Rebels captured the military airport near Homs on Saturday."
    (sunday,) = one(text).times
    assert (sunday.kind, sunday.weekday, sunday.date) == ("weekday", "Saturday", "2024-11-30")
    (wednesday,) = one(text, published="2024-12-04").times
    assert wednesday.date == "2024-11-30"
    (undated,) = one(text, published=None).times
    assert undated.weekday == "Saturday" and undated.date is None
    (later,) = one(text, published="2024-12-10").times
    assert later.date == "2024-12-07"


def test_figures_times_and_attribution_land_on_the_reported_clause() -> None:
    claim = one(
        "The strike, which hit a school in Gaza on Thursday, killed 14 children, "
        "health officials said."
    )
    assert (claim.subject, claim.predicate, claim.object) == ("The strike", "kill", "14 children")
    assert quantity(claim, "14")["role"] == "kill"
    assert [t.date for t in claim.times] == ["2024-11-28"]
    assert claim.attribution is not None
    assert claim.attribution.source == "health officials"
    assert claim.attribution.type == "unnamed"


# --- attribution ---------------------------------------------------------------------------------


def test_according_to_unnamed_witnesses() -> None:
    claim = one("According to witnesses, the militants burned several houses.")
    assert claim.predicate == "burn"
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("witnesses", "unnamed")


def test_said_that_attributes_the_reported_clause_to_an_organisation() -> None:
    claim = one(
        "The Interior Ministry said that insurgents had penetrated large parts of the city."
    )
    assert (claim.subject, claim.predicate) == ("insurgents", "penetrate")
    assert claim.object == "large parts of the city"
    a = claim.attribution
    assert a is not None
    assert (a.source, a.cue, a.type) == ("Interior Ministry", "say", "organisation")
    (indirect,) = claim.quotes
    assert indirect.kind == "indirect" and indirect.cue == "say"
    assert indirect.text == "that insurgents had penetrated large parts of the city"
    assert indirect.speaker == "The Interior Ministry"


def test_reports_from_a_body_are_attributed_to_the_body() -> None:
    claim = one("Reports from the UN suggest that thousands of families have fled.")
    assert claim.predicate == "flee"
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.cue) == ("UN", "suggest")
    assert claim.attribution.type == "organisation"
    assert quantity(claim, "thousands")["role"] == "flee"


def test_state_media_reported() -> None:
    claim = one("State media reported heavy clashes in Hama.")
    assert (claim.predicate, claim.object) == ("report", "heavy clashes in Hama")
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("State media", "media")


def test_a_news_agency_named_is_media_not_an_organisation() -> None:
    claim = one("Reuters reported that the convoy was attacked near Homs.")
    assert (claim.predicate, claim.object) == ("attack", "the convoy")
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("Reuters", "media")


def test_a_named_person_is_a_person_source() -> None:
    claim = one("Minister Hans Vogel said that the border would remain open.")
    assert (claim.subject, claim.predicate) == ("the border", "remain")
    assert claim.attribution is not None
    assert claim.attribution.source == "Minister Hans Vogel"
    assert claim.attribution.type == "person"


def test_a_title_with_a_name_in_apposition_is_the_person() -> None:
    claim = one("The governor, Ahmed Karimi, said that the city would not fall.")
    assert claim.predicate == "fall" and claim.negated
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("Ahmed Karimi", "person")


def test_sources_named_by_role_or_body() -> None:
    sources = one("Security sources said the bridge was destroyed.").attribution
    assert sources is not None and sources.type == "unnamed"
    force = one("The air force said it had downed a drone over the coast.").attribution
    assert force is not None and (force.source, force.type) == ("air force", "organisation")


def test_he_said_is_the_person_named_before() -> None:
    claims = claims_of(
        "Commander Yusuf Demir spoke to reporters on Monday. He said that the enemy had fled."
    )
    flee = by_predicate(claims, "flee")
    assert flee.attribution is not None
    assert (flee.attribution.source, flee.attribution.type) == ("Yusuf Demir", "person")


def test_passive_report_is_an_unnamed_source_and_a_hedge() -> None:
    claim = one("Rebels were reported to have captured the military airport.")
    assert (claim.subject, claim.predicate, claim.object) == (
        "Rebels",
        "capture",
        "the military airport",
    )
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("", "unnamed")
    assert claim.hedge == "reported"
    assert claim.quotes == []  # nobody speaks: attribution, not indirect speech


def test_it_was_reported_that() -> None:
    claim = one("It was reported that the dam had collapsed.")
    assert (claim.subject, claim.predicate) == ("the dam", "collapse")
    assert claim.attribution is not None and claim.attribution.type == "unnamed"


def test_an_unattributed_claim_has_no_attribution() -> None:
    claim = one("The militia shelled the village at dawn.")
    assert claim.attribution is None and claim.quotes == []


# --- hedges --------------------------------------------------------------------------------------


def test_reportedly_and_allegedly_hedge() -> None:
    assert one("The militia reportedly shelled the village.").hedge == "reportedly"
    assert one("Insurgents allegedly executed three prisoners.").hedge == "allegedly"


def test_claims_to_have_hedges_and_attributes() -> None:
    claim = one("The group claims to have shot down a drone.")
    assert (claim.subject, claim.predicate, claim.object) == ("The group", "shoot down", "a drone")
    assert claim.hedge == "claims"
    assert claim.attribution is not None and claim.attribution.cue == "claim"


def test_claimed_lives_is_a_toll_not_a_claim() -> None:
    claim = one("The fighting has claimed 300 lives.")
    assert claim.predicate == "claim"
    assert claim.hedge is None
    assert claim.attribution is None
    assert quantity(claim, "300")["counted"] == "lives"


def test_believed_to_have_hedges_the_reported_clause() -> None:
    claim = one("The minister is believed to have fled the country.")
    assert (claim.subject, claim.predicate, claim.object) == (
        "The minister",
        "flee",
        "the country",
    )
    assert claim.hedge == "believed"


def test_a_report_in_a_subordinate_clause_does_not_hedge_the_main_one() -> None:
    claim = one("The navy sank two boats, although casualties have been reported.")
    assert claim.predicate == "sink" and claim.hedge is None


def test_a_modal_hedges() -> None:
    claim = one("Government troops may have used chemical weapons, the UN said.")
    assert claim.predicate == "use" and claim.hedge == "may"
    assert claim.attribution is not None and claim.attribution.source == "UN"


# --- indirect speech ---------------------------------------------------------------------------


def test_vowed_to_is_indirect_speech_even_with_a_few_quoted_words() -> None:
    claim = one('The president vowed to defend the capital "at any cost".')
    assert claim.predicate == "vow"
    kinds = {q.kind: q for q in claim.quotes}
    assert kinds["direct"].text == "at any cost"
    indirect = kinds["indirect"]
    assert indirect.text == 'to defend the capital "at any cost"'
    assert (indirect.speaker, indirect.cue) == ("The president", "vow")
    assert claim.attribution is not None and claim.attribution.type == "person"


def test_a_report_is_not_a_speaker() -> None:
    claim = one("Casualty reports indicate that many soldiers have died.")
    assert claim.predicate == "die"
    assert [q for q in claim.quotes if q.kind == "indirect"] == []


# --- real pastes ---------------------------------------------------------------------------------


def test_curly_punctuation_and_a_glued_quotation_mark() -> None:
    text = "Officials say the attack penetrated\u201clarge parts\u201d of the city\u2019s south."
    claim = one(text)
    assert (claim.subject, claim.predicate) == ("the attack", "penetrate")
    assert claim.object is not None and claim.object.startswith("large parts")
    assert claim.attribution is not None
    assert (claim.attribution.source, claim.attribution.type) == ("Officials", "unnamed")
    (direct,) = [q for q in claim.quotes if q.kind == "direct"]
    assert direct.text == "large parts"
    assert direct.speaker == "Officials"


def test_curly_apostrophe_possessive_is_not_part_of_a_name() -> None:
    claim = one("Rebels shelled Aleppo\u2019s airport on Friday.")
    assert actor_types(claim).get("Aleppo") == "place"
    assert claim.object == "Aleppo\u2019s airport"
