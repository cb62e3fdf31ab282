"""The dateline's place as a place: kept out of the tagger, filed with its country.

A wire dateline (``SOUTH BEND, Ind., March 3 -``) is a place in capitals followed by
abbreviations: read as running text it gives the tagger an organisation "BEND" or a
person "Mass". So the tagger never sees it (`tagger_paragraphs`); the place it names is
added as a place instead, and every city, state or region the story names, the
dateline's included, also files the story under its country (`file_places`).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.analysis import gazetteer as gz
from newsgen.article import Dateline, Entity
from newsgen.slugs import name_slug

# The top paragraphs a dateline may lead (as `ingest.datelines.find` looks for one).
_TOP = 3


def tagger_paragraphs(paragraphs: Sequence[str], dateline: Dateline | None) -> list[str]:
    """`paragraphs` without the dateline that leads one of the top ones (a paragraph that
    was only the dateline is left out)."""
    if dateline is None or not dateline.text:
        return list(paragraphs)
    out = list(paragraphs)
    for index, paragraph in enumerate(out[:_TOP]):
        if paragraph.startswith(dateline.text):
            rest = paragraph[len(dateline.text) :].lstrip()
            if rest:
                out[index] = rest
            else:
                del out[index]
            break
    return out


def without_dateline_names(people: list[Entity], dateline: Dateline | None) -> list[Entity]:
    """People less those named only by words of the dateline's place: the tagger may
    still read "Zurich" or "Mass" in the body as a person, but in a story filed from
    `ZURICH` or `BOSTON, Mass.` those words are the place. (Organisations keep theirs:
    "Milan" or "Texas" in a sports story filed from there is the team.)"""
    if dateline is None or not dateline.place:
        return people
    words = _words(dateline.place)
    return [e for e in people if not all(_words(f) <= words for f in (e.name, *e.forms))]


def without_dateline_country(orgs: list[Entity], dateline: Dateline | None) -> list[Entity]:
    """Organisations less one named only by the country or nation printed after the
    dateline's city (`PARAMARIBO, Surinam`, `BIRMINGHAM, England`): with the dateline out
    of its sight, the tagger may type the body's "Surinam" by its context alone. A state
    or province keeps its organisation ("Texas" in a sports story is the team)."""
    printed = (dateline.place or "").partition(",")[2].strip() if dateline else ""
    region = gz.state_or_province(printed) if printed else None
    if not printed or (region is not None and region[1] != "United Kingdom"):
        return orgs  # England, Scotland, Wales field nations' teams: those are places
    known = gz.lookup_place(printed)
    if known is not None and known.kind == "region" and known.country is not None:
        return orgs  # a US state or an English county: a team's name too
    return [e for e in orgs if not all(gz.key(f) == gz.key(printed) for f in (e.name, *e.forms))]


def _words(text: str) -> set[str]:
    """Case- and dot-folded words: "W. Va." -> {"w", "va"}."""
    return {w for w in (part.strip(".,").casefold() for part in text.split()) if w}


def resolve_dateline(dateline: Dateline | None) -> None:
    """Fill in the dateline's city, state or province, and country, where the gazetteer
    knows them."""
    if dateline is None or not dateline.place:
        return
    parts = gz.dateline_place(dateline.place)
    dateline.city, dateline.region, dateline.country = parts.city, parts.region, parts.country


def file_places(places: list[Entity], dateline: Dateline | None) -> list[Entity]:
    """`places` with the dateline's city (first: it is the story's first mention) and
    the country of every place that has one. A country the story never names itself is
    added with no forms and a count of 0."""
    out = list(places)
    if dateline is not None and dateline.city:
        out = _with_dateline_region(out, dateline)
        out = _with_dateline_city(out, dateline)
    seen = {gz.key(name) for e in out for name in (e.name, e.canonical or e.name, *e.forms)}
    for entity in list(out):
        country = entity.country
        if country and gz.key(country) not in seen:
            seen.add(gz.key(country))
            slug = name_slug(country)
            if slug:
                out.append(Entity(country, slug, "place", (), country, 0))
    return out


def _with_dateline_region(places: list[Entity], dateline: Dateline) -> list[Entity]:
    """The state, province or country printed after the city (`MILWAUKEE, Wisconsin`,
    `NICE, France`, `FORT WAYNE, Ind.`), as a place."""
    printed = (dateline.place or "").partition(",")[2].strip()
    if not printed or not dateline.region:
        return places
    # Whatever a dateline prints after its city is a place, known to the gazetteer or
    # not ("Faroe Islands").
    known = gz.lookup_place(dateline.region)
    name = known.name if known is not None else dateline.region
    country = known.country if known is not None else dateline.country
    return _mention(places, name, name, _printed(dateline.text, printed), country)


def _with_dateline_city(places: list[Entity], dateline: Dateline) -> list[Entity]:
    """The dateline's city, shown as the dateline reads in title case ("Teterboro"); its
    archive-wide name and slug are the gazetteer's where it knows the city."""
    city = dateline.city or ""
    if gz.key(city) in _NOT_PLACES:
        return places
    known = gz.lookup_place(city)
    name = known.name if known is not None and known.kind != "country" else city
    return _mention(places, name, city, _printed(dateline.text, city), dateline.country)


# Datelines that name an institution, not a place: "UNITED NATIONS, Aug 29 -".
_NOT_PLACES = frozenset(gz.key(name) for name in ("United Nations", "Vatican City"))


def _printed(text: str, place: str) -> str:
    """`place` as the dateline's text prints it (in capitals, say), else as given."""
    index = text.casefold().find(place.casefold())
    return text[index : index + len(place)] if index >= 0 else place


def _mention(
    places: list[Entity], name: str, shown: str, form: str, country: str | None
) -> list[Entity]:
    """One more mention of the place `name`, printed `form`: counted in the entity that
    already names it, else a new entity at the front (the dateline comes first)."""
    keys = {gz.key(name), gz.key(shown), gz.key(form)}
    for index, entity in enumerate(places):
        names = (entity.name, entity.canonical or entity.name, *entity.forms)
        if keys & {gz.key(n) for n in names}:
            forms = entity.forms if form in entity.forms else (*entity.forms, form)
            places[index] = Entity(
                entity.name, entity.slug, "place", forms, entity.country or country,
                entity.count + 1, entity.canonical,
            )  # fmt: skip
            return places
    slug = name_slug(name)
    if not slug:
        return places
    canonical = name if name != shown else None
    return [Entity(shown, slug, "place", (form,), country, 1, canonical), *places]
