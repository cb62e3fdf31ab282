"""The article record: one typed object that every stage reads or fills in.

Ingest builds it from a seed, `records` stores it as `articles/<slug>.md`,
the site model lists it and the templates render it. Field shapes here are
the contract printed by `newsgen export` (see docs/RECORDS.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Where `Article.date` came from, most trusted first.
# "dateline, year from file mtime": the dateline gave month and day, and nothing (text,
# path, `year:` in newsgen.yaml) gave the year; the build warns of each such story.
YEAR_FROM_FILE_TIME = "dateline, year from file mtime"
DATE_SOURCES = (
    "front matter",
    "metadata",
    "dateline",
    "text",
    "path",
    "dateline, year from file mtime",
    "file mtime",
)

# Where a topic or section came from.
TOPIC_ORIGINS = ("front matter", "site rules", "classifier")

ENTITY_KINDS = ("person", "place", "organization")


@dataclass(slots=True)
class Dateline:
    """A wire dateline such as ``SEOUL, Aug 14 (Reuters) -``; it stays in the text too."""

    text: str
    place: str | None = None
    agency: str | None = None
    # The place's parts where the gazetteer knows them: "Fort Wayne, Ind." is the city
    # Fort Wayne in Indiana, United States (filled by analysis).
    city: str | None = None
    region: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Quote:
    """A direct quotation and, where the text attributes it, who said it."""

    text: str
    speaker: str | None = None


@dataclass(slots=True)
class Topic:
    """A section or subject topic from the IPTC Media Topics or the site's own rules."""

    name: str
    slug: str
    qcode: str | None = None
    confidence: float = 1.0
    origin: str = "classifier"
    parent: str | None = None


def primary_first(section: Topic | None, sections: list[Topic]) -> list[Topic]:
    """`section` first, then the others of `sections`, each slug once; nothing without a
    primary. `section` wins over a `sections` list that starts elsewhere (a hand edit)."""
    if section is None:
        return []
    if not sections or (len(sections) == 1 and sections[0].slug == section.slug):
        return [section]
    out = [section]
    seen = {section.slug}
    for topic in sections:
        if topic.slug not in seen:
            seen.add(topic.slug)
            out.append(topic)
    return out


@dataclass(slots=True)
class Entity:
    """A person, place or organisation, with the surface forms the story used (a tuple:
    most are just the name, and one tuple serves every story that uses the same forms)."""

    name: str
    slug: str
    kind: str
    forms: tuple[str, ...] = ()
    country: str | None = None
    count: int = 1
    # The archive-wide name when the story never uses it ("United States" for "U.S.");
    # `name` is what this story says, `canonical` what the entity's page is called.
    canonical: str | None = None
    # The entity's Wikidata item ("Q9545"), where the knowledge base knows it: its page
    # then says so (`sameAs`). A wrong one is corrected by editing the record.
    wikidata: str | None = None


@dataclass(slots=True)
class Article:
    """One news story. `paragraphs` is the plain text of the body, never markup."""

    slug: str
    title: str
    paragraphs: list[str]
    standfirst: str | None = None
    summary: str = ""
    date: dt.date | None = None
    date_source: str | None = None
    updated: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    # The primary section; `sections` is every section the story is filed under, primary
    # first (empty when `section` is the only one: see `all_sections`).
    section: Topic | None = None
    sections: list[Topic] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    language: str = "en"
    word_count: int = 0
    reading_minutes: int = 1
    source_file: str | None = None
    source_hash: str | None = None
    # Markdown body of a hand-written record; None when the body is plain paragraphs.
    body_markdown: str | None = None
    # Front-matter fields a human set by hand; analysis never overwrites these.
    locked: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # SHA-256 of the record file as read: what pages made from it depend on.
    fingerprint: str = ""

    @property
    def body(self) -> str:
        """The story as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def all_sections(self) -> list[Topic]:
        """Every section the story is filed under, `section` first and each once: what the
        site lists it under (see `primary_first`)."""
        return primary_first(self.section, self.sections)

    @property
    def entities(self) -> list[Entity]:
        return [*self.people, *self.places, *self.organizations]
