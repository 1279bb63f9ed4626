"""Place names: countries and their aliases, regions, cities with coordinates, namesakes, the
scan's stoplist, and the five seed reports read in place."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from corroborate.claims.places import distance_km, find_places, resolve_place
from corroborate.records import Place

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "seeds"


def resolved(name: str, context: set[str] | None = None) -> Place:
    place = resolve_place(name, context or ())
    assert place is not None, name
    return place


def scanned(sentence: str, context: Iterable[str] = ()) -> list[tuple[str, str | None, str | None]]:
    return [(p.text, p.kind, p.country) for p in find_places(sentence, context=context)]


COUNTRIES = {
    "Syria": "SY",
    "Syrian Arab Republic": "SY",
    "Russia": "RU",
    "the Russian Federation": "RU",
    "Iran": "IR",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Lebanon": "LB",
    "the U.S.": "US",
    "US": "US",
    "USA": "US",
    "United States": "US",
    "the United States of America": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Czech Republic": "CZ",
    "the Netherlands": "NL",
    "DRC": "CD",
    "Bosnia and Herzegovina": "BA",
    "UAE": "AE",
    "Kosovo": "XK",
}


@pytest.mark.parametrize(("name", "code"), COUNTRIES.items())
def test_countries_and_aliases(name: str, code: str) -> None:
    place = resolved(name)
    assert (place.kind, place.country, place.candidates) == ("country", code, 1)
    assert place.geonameid is not None
    assert place.lat is None  # no centroids in the packages
    assert (place.start, place.end, place.text) == (0, len(name), name)


def test_case_and_accents_do_not_matter() -> None:
    for name in ("SYRIA", "syria", "İdlib", "IDLIB", "idlib", "Türkiye", "TURKIYE"):
        assert resolved(name).country in {"SY", "TR"}


def test_lowercase_abbreviations_are_not_countries() -> None:
    assert resolve_place("us") is None
    assert resolve_place("Us") is None
    assert resolve_place("UN") is None  # an acronym, not the Indian town of Un
    assert resolve_place("EU") is None


@pytest.mark.parametrize("name", ["Aleppo", "Idlib", "Hama", "Damascus", "Homs"])
def test_syrian_cities_have_coordinates(name: str) -> None:
    place = resolved(name)
    assert (place.kind, place.country) == ("city", "SY")
    assert place.lat is not None and place.lon is not None
    assert 32 < place.lat < 37.5 and 35 < place.lon < 42.5  # inside Syria
    assert place.geonameid is not None


def test_exonyms_and_alternate_names() -> None:
    assert resolved("Kiev").name == "Kyiv"
    assert resolved("Bombay").country == "IN"
    assert resolved("Raqqa").country == "SY"
    assert resolved("Qamishli").country == "SY"  # GeoNames has "Al Qamishli"
    assert resolved("Kobani").country == "SY"  # 'Ayn al 'Arab
    assert resolved("Deir ez-Zor").country == "SY"
    assert resolved("Deir ez Zor").country == "SY"


def test_region_with_suffix() -> None:
    idlib = resolved("Idlib province")
    assert (idlib.kind, idlib.country, idlib.name) == ("region", "SY", "Idlib")
    assert idlib.lat is None and idlib.geonameid is None
    # "Aleppo" is "Ḩalab" in ISO 3166-2: the region around the city of that name
    aleppo = resolved("Aleppo Governorate")
    assert (aleppo.kind, aleppo.country) == ("region", "SY")
    assert resolved("Aleppo countryside").kind == "region"
    assert resolved("the province of Idlib").country == "SY"
    assert (resolved("Hatay province").kind, resolved("Hatay province").country) == (
        "region",
        "TR",
    )
    assert resolved("Rakhine State").country == "MM"
    assert resolved("Washington state").kind == "region"


def test_bare_region_names() -> None:
    assert (resolved("Texas").kind, resolved("Texas").country) == ("region", "US")
    assert (resolved("England").kind, resolved("England").country) == ("region", "GB")
    # a region named like a city of its country is the city when written bare
    assert resolved("Idlib").kind == "city"


def test_news_senses() -> None:
    assert (resolved("Washington").kind, resolved("Washington").country) == ("city", "US")
    assert resolved("New York").name == "New York City"
    assert resolved("Gaza").country == "PS"
    assert resolved("Georgia").country == "GE"  # the country outranks the US state


def test_possessives_and_curly_apostrophes() -> None:
    for name in ("Syria's", "Syria’s", "Syria‘s", "Aleppo’s", "the Philippines'"):
        place = resolved(name)
        assert place.country in {"SY", "PH"}
    assert resolved("Aleppo’s").lat is not None


def test_demonyms_and_macro_regions_are_not_places() -> None:
    for name in (
        "Syrian",
        "Russian",
        "Syrians",
        "Russians",
        "Turkish",
        "Iranian",
        "Lebanese",
        "Kurdish",
        "Middle East",
        "Latin America",
        "Africa",
    ):
        assert resolve_place(name) is None, name


def test_unknown_names() -> None:
    for name in ("", "   ", "Hayat Tahrir al-Sham", "Zzyzxqq", "Observatory"):
        assert resolve_place(name) is None, name


def test_tripoli_needs_context() -> None:
    bare = resolved("Tripoli")
    assert bare.candidates >= 2
    assert bare.country is None and bare.lat is None and bare.geonameid is None
    assert bare.kind == "city"  # every candidate agrees on that
    lebanon = resolved("Tripoli", {"LB"})
    assert (lebanon.country, lebanon.candidates) == ("LB", bare.candidates)
    assert lebanon.lat is not None and lebanon.lat > 34
    libya = resolved("Tripoli", {"ly"})
    assert libya.country == "LY" and libya.lat is not None and libya.lat < 33.5
    assert resolved("Tripoli", {"LB", "LY"}).country is None  # 5.7x: still ambiguous


def test_paris_by_population() -> None:
    paris = resolved("Paris")
    assert paris.candidates >= 2
    assert (paris.country, paris.kind) == ("FR", "city")  # 2.1 million against 25,000
    assert paris.lat == pytest.approx(48.85, abs=0.1)
    texas = resolved("Paris, Texas")
    assert (texas.country, texas.candidates) == ("US", 1)
    assert texas.lon is not None and texas.lon < -90
    assert resolved("Paris", {"US"}).country == "US"  # one candidate in a context country


def test_ambiguous_countries() -> None:
    korea = resolved("Korea")
    assert (korea.kind, korea.country, korea.candidates) == ("country", None, 2)
    assert resolved("Korea", {"KP"}).country == "KP"
    assert resolved("Congo").country == "CD"  # twenty times the Republic of the Congo
    punjab = resolved("Punjab")
    assert (punjab.kind, punjab.country) == ("region", None)  # India and Pakistan
    assert resolved("Punjab", {"PK"}).country == "PK"


def test_distance_between_aleppo_and_idlib() -> None:
    aleppo, idlib = resolved("Aleppo"), resolved("Idlib")
    km = distance_km(aleppo, idlib)
    assert km is not None
    assert 50 < km < 62  # the seed report says 55 km; GeoNames' points are 56.1 km apart
    assert distance_km(idlib, aleppo) == pytest.approx(km)
    assert distance_km(aleppo, aleppo) == pytest.approx(0.0)
    damascus = resolved("Damascus")
    assert 300 < (distance_km(aleppo, damascus) or 0) < 330
    assert distance_km(aleppo, resolved("Syria")) is None  # a country has no point
    assert distance_km(aleppo, resolved("Tripoli")) is None  # an ambiguous one neither


def test_scan_countries_cities_regions_with_offsets() -> None:
    sentence = "Rebels entered Idlib province and shelled Aleppo, Syria’s second city."
    places = find_places(sentence, offset=100)
    assert [(p.text, p.kind, p.country) for p in places] == [
        ("Idlib province", "region", "SY"),
        ("Aleppo", "city", "SY"),
        ("Syria", "country", "SY"),
    ]
    for place in places:
        assert sentence[place.start - 100 : place.end - 100] == place.text
    assert places[1].lat is not None


def test_scan_longest_match_and_connectors() -> None:
    assert scanned(
        "Talks with Bosnia and Herzegovina and the Democratic Republic of the Congo."
    ) == [
        ("Bosnia and Herzegovina", "country", "BA"),
        ("Democratic Republic of the Congo", "country", "CD"),
    ]
    assert scanned("Clashes near Deir ez-Zor and in South Korea.") == [
        ("Deir ez-Zor", "city", "SY"),
        ("South Korea", "country", "KR"),
    ]


def test_scan_stoplist_of_common_words() -> None:
    for sentence in (
        "Most residents fled overnight.",
        "Reading the statement aloud, he paused.",
        "Nice words will not stop the shelling.",
        "Bath houses were damaged.",
        "Split decisions followed.",
        "Bar owners closed early.",
        "Mobile networks went down.",
        "Of the dead, ten were children.",
        "Officials said the Union would respond.",
    ):
        assert find_places(sentence) == [], sentence
    # after a locative preposition they are places
    assert scanned("She moved to Nice in May.") == [("Nice", "city", "FR")]
    assert scanned("The ferry docked at Split.") == [("Split", "city", "HR")]
    # Reading, England and Reading, Pennsylvania are within 4x of each other
    assert scanned("He studied in Reading.") == [("Reading", "city", None)]
    # and a tagger's span is always resolved
    nice = find_places("She loves Nice.", spans=[(10, 14)])
    assert [(p.text, p.country) for p in nice] == [("Nice", "FR")]


def test_scan_skips_demonyms_affiliations_and_longer_names() -> None:
    assert scanned("Syrian and Russian jets struck Hama.") == [("Hama", "city", "SY")]
    assert scanned("Russia-backed forces and UK-based monitors and U.S.-led strikes.") == []
    assert scanned("Jordan Peterson and Paris Hilton read the Washington Post.") == []
    assert scanned("The Islamic State lost ground in the Middle East and Latin America.") == []
    assert scanned("US President and Iran's foreign minister met.") == [
        ("US", "country", "US"),
        ("Iran", "country", "IR"),
    ]
    assert scanned("Fighting spread across northern Syria.") == [("Syria", "country", "SY")]
    assert scanned("The UN and the EU condemned it.") == []
    assert scanned("ALEPPO FALLS: READING LIST") == []  # shouting headlines are skipped


def test_scan_uses_context_and_qualifiers() -> None:
    assert scanned("Protesters gathered in Tripoli.") == [("Tripoli", "city", None)]
    assert scanned("Protesters gathered in Tripoli.", context={"LB"}) == [("Tripoli", "city", "LB")]
    assert scanned("He drove from Paris, Texas to Tripoli, Lebanon.") == [
        ("Paris", "city", "US"),
        ("Texas", "region", "US"),
        ("Tripoli", "city", "LB"),
        ("Lebanon", "country", "LB"),
    ]


def test_spans_mode() -> None:
    sentence = "Jets hit the Syrian city of Aleppo’s outskirts and the U.S. protested."
    spans = [(13, 19), (28, 37), (51, 59)]  # "Syrian", "Aleppo’s", "the U.S."
    places = find_places(sentence, offset=7, spans=spans, context={"SY"})
    assert [(p.text, p.kind, p.country, p.start, p.end) for p in places] == [
        ("Aleppo", "city", "SY", 35, 41),
        ("the U.S.", "country", "US", 58, 66),
    ]
    assert find_places(sentence, spans=[]) == []


def test_lookup_is_fast_once_built() -> None:
    resolve_place("Aleppo")  # builds the index if no test did
    names = ["Aleppo", "Idlib province", "Tripoli", "Syria’s", "Syrian", "Nowhereville"]
    start = time.perf_counter()
    for _ in range(200):
        for name in names:
            resolve_place(name, {"SY"})
    per_lookup = (time.perf_counter() - start) / (200 * len(names))
    assert per_lookup < 200e-6  # measured ~5 µs


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed reports are not here")
def test_seed_reports_in_scan_mode() -> None:
    expected = {
        "Aleppo": "SY",
        "Idlib": "SY",
        "Hama": "SY",
        "Syria": "SY",
        "Russia": "RU",
        "Turkey": "TR",
        "Iran": "IR",
        "Lebanon": "LB",
    }
    seen: dict[str, set[str | None]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for place in find_places(text, context={"SY"}):
            assert text[place.start : place.end] == place.text
            seen.setdefault(place.text, set()).add(place.country)
    for name, code in expected.items():
        assert seen.get(name) == {code}, (name, seen.get(name))
    for name in ("Aleppo", "Idlib", "Hama"):
        place = resolved(name)
        assert place.lat is not None
    # demonyms in the reports ("Syrian", "Russian", "Iranian") never come out as places
    assert not {"Syrian", "Russian", "Iranian", "Turkish"} & seen.keys()
