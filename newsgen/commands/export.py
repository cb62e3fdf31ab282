"""`newsgen export`: every record as one JSON object per line (docs/RECORDS.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from newsgen.article import YEAR_FROM_FILE_TIME, Article, Entity, Topic
from newsgen.site.aliases import is_sports
from newsgen.site.model import SiteModel, Term


def _topic(t: Topic) -> dict[str, Any]:
    return {
        "name": t.name,
        "slug": t.slug,
        "qcode": t.qcode,
        "confidence": round(t.confidence, 3),
        "origin": t.origin,
        "parent": t.parent,
    }


def _entity(e: Entity, page: Term | None = None) -> dict[str, Any]:
    """`page`: the page the archive lists the entity on, where it ties the name to
    another's (`site.aliases`: a lone surname's person, "Times" on "The Times")."""
    return {
        "name": e.name,
        "slug": page.slug if page else e.slug,
        "canonical": page.name if page else e.canonical or e.name,
        "forms": list(e.forms),
        "country": e.country,
        "count": e.count,
        "wikidata": e.wikidata,
    }


def _date(a: Article) -> str | None:
    """ISO 8601; a date whose year is only the file's time is month and day ("--02-26"):
    the record keeps a year to order the site by, but an export never states a guess."""
    if a.date is None:
        return None
    if a.date_source == YEAR_FROM_FILE_TIME:
        return f"--{a.date.month:02d}-{a.date.day:02d}"
    return a.date.isoformat()


def article_json(
    a: Article, related: list[str], pages: Mapping[str, Term] | None = None
) -> dict[str, Any]:
    """The story as it is exported; `pages`: entity slugs -> the pages the site lists
    them on, where the archive ties them to another (see `site.aliases`)."""
    pages = pages or {}
    people = {} if is_sports(a) else pages  # players go by their surnames
    return {
        "slug": a.slug,
        "title": a.title,
        "standfirst": a.standfirst,
        "summary": a.summary,
        "body": a.body,
        "date": _date(a),
        "date_source": a.date_source,
        "updated": a.updated.isoformat() if a.updated else None,
        "authors": a.authors,
        "dateline": (
            {
                "text": a.dateline.text,
                "place": a.dateline.place,
                "agency": a.dateline.agency,
                "city": a.dateline.city,
                "region": a.dateline.region,
                "country": a.dateline.country,
            }
            if a.dateline
            else None
        ),
        "section": _topic(a.section) if a.section else None,
        # every section the story is filed under, primary first (`section` is the primary)
        "sections": [_topic(t) for t in a.all_sections],
        "topics": [_topic(t) for t in a.topics],
        "people": [_entity(e, people.get(e.slug)) for e in a.people],
        # The places the story names; a country it is only filed under (count 0) is in
        # `place_countries`, not here: it is no name the story used.
        "places": [_entity(e, pages.get(e.slug)) for e in a.places if e.count],
        "organizations": [_entity(e, pages.get(e.slug)) for e in a.organizations],
        "place_countries": place_countries(a),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in a.quotes],
        "sources": a.sources,
        "keywords": a.keywords,
        "related": related,
        "language": a.language,
        "word_count": a.word_count,
        "reading_minutes": a.reading_minutes,
        "source_file": a.source_file,
        # For evaluation tools: the seed path below seeds/, and every surface form by type
        # (a country the story is only filed under, count 0, is no form it used).
        "file": a.source_file.removeprefix("seeds/") if a.source_file else None,
        "entities": {
            kind: sorted({form for e in entities if e.count for form in (e.forms or [e.name])})
            for kind, entities in (
                ("person", a.people),
                ("place", a.places),
                ("organization", a.organizations),
            )
        },
    }


def place_countries(a: Article) -> list[str]:
    """The countries the story is filed under: of every place it names (a country is its
    own), however the story wrote it ("U.S." is United States), and of its dateline."""
    found = {e.country for e in a.places if e.country}
    if a.dateline is not None and a.dateline.country:
        found.add(a.dateline.country)
    return sorted(found)


def export_lines(model: SiteModel) -> Iterator[str]:
    pages = {
        slug: model.terms[kind][target]
        for slug, target in model.entity_aliases.items()
        if (kind := model.entity_kinds.get(slug)) and target in model.terms[kind]
    }
    for a in sorted(model.articles, key=lambda a: a.slug):
        related = [r.slug for r in model.related.get(a.slug, [])]
        yield json.dumps(article_json(a, related, pages), ensure_ascii=False, sort_keys=False)
