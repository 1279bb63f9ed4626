"""Event-level claims and their alignment, on sentences written for these tests."""

from __future__ import annotations

from corroborate import Article
from corroborate.align import align_events, mark_background
from corroborate.claims import extract_claims, extract_many
from corroborate.records import Claim


def claims_of(text: str, published: str | None = "2021-05-12", aid: str = "a") -> list[Claim]:
    return extract_claims(Article(id=aid, text=text, paragraphs=[text], published=published))


def anchor(text: str, claim: Claim) -> str:
    assert claim.anchor_start is not None and claim.anchor_end is not None
    return text[claim.anchor_start : claim.anchor_end]


def test_two_events_in_one_sentence_give_two_claims() -> None:
    text = "A landslide buried the mountain village on Monday, killing 12 residents."
    claims = claims_of(text)
    assert [anchor(text, c) for c in claims] == ["buried", "killing"]
    buried, killing = claims
    assert killing.event_class == "death" and killing.event == "kill"
    assert [q["value"] for q in killing.quantities] == [12.0]  # the figure is the killing's
    assert [t.text for t in buried.times] == ["Monday"] and not killing.times


def test_relative_clause_is_its_own_claim() -> None:
    text = "The storm, which destroyed 40 homes, moved north overnight."
    claims = claims_of(text)
    assert sorted(anchor(text, c) for c in claims) == ["destroyed", "moved"]
    destroyed = next(c for c in claims if c.event == "destroy")
    assert [q["value"] for q in destroyed.quantities] == [40.0]
    # a clause of circumstance stays with its main clause
    text = "Residents fled north as the storm moved inland."
    assert len(claims_of(text)) == 1


def test_light_verb_gives_the_event_noun() -> None:
    text = "A strong earthquake struck the coast on Sunday. The death toll rose to 31."
    quake, toll = claims_of(text)
    assert anchor(text, quake) == "earthquake" and quake.event_class == "quake"
    assert [w.text for w in quake.events if w.anchor] == ["earthquake", "struck"]
    assert anchor(text, toll) == "toll" and toll.event_class == "death"


def test_nominal_coreference_within_an_article() -> None:
    text = (
        "A powerful earthquake struck the island on Sunday. "
        "Rescuers said the quake destroyed hundreds of homes. "
        "The tremor was felt across the region."
    )
    claims = claims_of(text)
    groups = align_events(claims)
    words = {text[s:e]: g.id for g in groups for _, s, e in g.spans}
    assert words["earthquake"] == words["quake"] == words["tremor"] == words["struck"]
    assert words["destroyed"] != words["quake"]


def test_synonyms_and_nominalisations_align_across_articles() -> None:
    one = "Police arrested the driver in Leeds on Tuesday."
    two = "Officers detained the driver in Leeds on Tuesday after a chase."
    claims = claims_of(one, aid="one") + claims_of(two, aid="two")
    groups = align_events(claims)
    arrest = next(g for g in groups if g.event_class == "arrest")
    assert arrest.articles == ["one", "two"]
    assert len(arrest.claims) == 2


def test_kill_and_death_align() -> None:
    one = "The blaze killed three people on Friday."
    two = "The death toll from the blaze reached three on Friday."
    claims = claims_of(one, aid="one") + claims_of(two, aid="two")
    groups = align_events(claims)
    death = [g for g in groups if g.event_class == "death" and g.claims]
    assert len(death) == 1 and death[0].articles == ["one", "two"]


def test_different_dates_block_alignment() -> None:
    one = "Police arrested a man in Leeds on 3 March 2021."
    two = "Police arrested a man in Leeds on 9 May 2021."
    claims = claims_of(one, aid="one") + claims_of(two, aid="two")
    arrests = [g for g in align_events(claims) if g.event_class == "arrest"]
    assert len(arrests) == 2


def test_different_places_block_alignment() -> None:
    one = "A bomb exploded at a market in Lahore on Friday."
    two = "A bomb exploded at a market in Nairobi on Friday."
    claims = claims_of(one, aid="one") + claims_of(two, aid="two")
    blasts = [g for g in align_events(claims) if g.event_class == "explosion" and g.claims]
    assert len(blasts) == 2
    same = claims_of(one, aid="one") + claims_of(one.replace("A bomb", "A device"), aid="two")
    blasts = [g for g in align_events(same) if g.event_class == "explosion" and g.claims]
    assert len(blasts) == 1


def test_background_flagged_and_kept_apart() -> None:
    text = (
        "Floods killed 14 people in the delta on Monday. "
        "The 1998 floods killed more than 2,000 people. "
        "A cyclone had killed 300 villagers in 1991."
    )
    claims = claims_of(text, published="2021-05-12")
    now, earlier, pluperfect = claims
    background = mark_background(claims, ["2021-05-12"])
    assert 0 not in background and {1, 2} <= background
    assert earlier.background and pluperfect.background and not now.background
    groups = align_events(claims, background=background)
    of = {ref: g for g in groups for ref in g.claims}
    assert of[("a", now.index)] is not of[("a", earlier.index)]
    assert of[("a", earlier.index)].background and not of[("a", now.index)].background


def test_background_without_publication_dates() -> None:
    one = "The ferry sank on 4 June 2019 near the port."
    two = "The ferry sank on 4 June 2019, and another ferry sank on 2 May 1987."
    articles = [Article(id=i, text=t, paragraphs=[t]) for i, t in (("one", one), ("two", two))]
    claims = [c for _, cs in extract_many(articles) for c in cs]
    background = mark_background(claims, [None, None])
    flagged = [claims[k].text for k in background]
    assert flagged and all("1987" in t for t in flagged)


def test_report_groups_by_event() -> None:
    from corroborate.embed import get_embedder
    from corroborate.report import group_claims

    texts = {
        "wire": "A strong earthquake struck the island of Lombok on Sunday. "
        "The quake destroyed hundreds of homes. The 2004 tsunami had killed thousands.",
        "paper": "An earthquake hit Lombok on Sunday, flattening hundreds of homes.",
    }
    articles = [
        Article(id=k, text=v, paragraphs=[v], published="2018-08-06") for k, v in texts.items()
    ]
    claims = {a.id: c for a, c in extract_many(articles)}
    groups = group_claims(
        articles, claims, [["wire"], ["paper"]], embedder=get_embedder(), method="events"
    )
    refs = [r for g in groups for r in g.refs]
    assert len(refs) == len(set(refs)) == sum(len(c) for c in claims.values())
    quake = next(g for g in groups if g.event_class == "quake")
    assert sorted(set(quake.articles)) == ["paper", "wire"] and quake.sources == 2
    assert any(text == "quake" for text in (texts[a][s:e] for a, s, e in quake.spans))
    assert [g.background for g in groups if any("tsunami" in c.text for c in g.claims)] == [True]
