"""Ingest: raw seed bytes -> `Article`. The one place that knows the order of the steps.

decode -> (a web page: its story as text) -> front matter -> blocks -> boilerplate ->
headline/metadata/paragraphs -> dateline -> date -> quotes and sources -> summary,
length, language.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from newsgen.article import Article, Dateline
from newsgen.errors import SeedError

from . import boilerplate, datelines, dates, frontmatter, html, quotes, structure, summary
from .decode import decode

__all__ = ["IngestReport", "ingest_bytes", "ingest_report"]

# Front matter keys that analysis must not overwrite once a human has set them.
_LOCKABLE = ("title", "date", "updated", "section", "topics", "authors", "dateline",
             "summary", "standfirst", "language")  # fmt: skip


# (message, hint) for a text seed and for a web page.
_NO_HEADLINE = {
    False: ("no headline found", "put the headline on the first line"),
    True: ("the page has no headline: no <h1>, no <title>", "save the story as text"),
}
# A text seed with a headline and no body (a wire flash, an archive that kept only its
# headlines) is a story all the same: published, and the build warns of it (intake). A
# web page with no story text after its headline is a page we failed to read: refused.
_NO_PAGE_TEXT = (
    "the page has no story text after its headline",
    "save the story as text: the headline on the first line, then its paragraphs",
)


@dataclass(slots=True)
class IngestReport:
    """What ingest did besides building the article: for reports and tests, not records."""

    article: Article
    removed: list[str] = field(default_factory=list)
    metadata_lines: list[str] = field(default_factory=list)
    front_matter: str = ""


def ingest_bytes(
    data: bytes, *, source_file: str, mtime: float | None = None, default_year: int | None = None
) -> Article:
    """Build an Article (slug "") from one seed; raise SeedError when it cannot be read.
    `default_year`: the site's `year:`, for datelines that give only month and day."""
    return ingest_report(
        data, source_file=source_file, mtime=mtime, default_year=default_year
    ).article


def ingest_report(
    data: bytes, *, source_file: str, mtime: float | None = None, default_year: int | None = None
) -> IngestReport:
    """Like `ingest_bytes`, but also return the removed debris and metadata lines."""
    text = decode(data, path=source_file)
    page = html.is_page(text)
    if page:
        text = html.to_text(text)
    fields, body, raw_front = frontmatter.split(text, path=source_file)
    kept, removed = boilerplate.clean(structure.split_blocks(body))
    layout = structure.layout(kept, title=fields.get("title"))
    if not layout.title:
        message, hint = _NO_HEADLINE[page]
        raise SeedError(message, path=source_file, hint=hint)
    if not layout.paragraphs and page:
        raise SeedError(_NO_PAGE_TEXT[0], path=source_file, hint=_NO_PAGE_TEXT[1])
    if not layout.paragraphs and not has_words(layout.title):
        # A "headline" of symbols alone (a binary file read as text, a stray "!") is no
        # story, with or without a body.
        raise SeedError(
            "the seed has no story text, and its first line holds no words",
            path=source_file,
            hint="put the headline on the first line and the story's paragraphs below it",
        )
    paragraphs = layout.paragraphs
    dateline = _dateline(fields, paragraphs)
    date, date_source = dates.find_date(
        front_matter=fields.get("date"),
        metadata=layout.date,
        dateline=dateline,
        paragraphs=paragraphs,
        path=source_file,
        mtime=mtime,
        default_year=default_year,
    )
    # == summary.word_count(paragraphs): no word holds a space
    count, language = summary.count_and_language(" ".join(paragraphs))
    article = Article(
        slug="",
        title=layout.title,
        paragraphs=paragraphs,
        standfirst=fields.get("standfirst"),
        summary=fields.get("summary") or summary.summarise(paragraphs, dateline),
        date=date,
        date_source=date_source,
        updated=fields.get("updated") or layout.updated,
        authors=fields.get("authors") or layout.authors,
        dateline=dateline,
        quotes=quotes.extract_quotes(paragraphs, title=layout.title),
        sources=quotes.extract_sources(paragraphs),
        language=fields.get("language") or language,
        word_count=count,
        reading_minutes=summary.reading_minutes(count),
        source_file=source_file,
        source_hash=hashlib.sha256(data).hexdigest(),
        locked=[key for key in _LOCKABLE if key in fields],
        extra=_extra(fields),
    )
    return IngestReport(
        article=article,
        removed=removed,
        metadata_lines=layout.metadata,
        front_matter=raw_front,
    )


def has_words(text: str) -> bool:
    """Whether `text` holds a word: two letters in a row (modifier marks do not count)."""
    run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in _LETTERS else 0
        if run >= 2:
            return True
    return False


_LETTERS = frozenset(("Lu", "Ll", "Lt", "Lo"))


def _dateline(fields: dict[str, Any], paragraphs: list[str]) -> Dateline | None:
    if "dateline" in fields:
        text = fields["dateline"]
        parsed = datelines.parse(text)
        return parsed or Dateline(text=text, place=datelines.title_place(text))
    return datelines.find(paragraphs)


def _extra(fields: dict[str, Any]) -> dict[str, Any]:
    """Raw front matter values the lead maps later (section/topic names, slug suggestion)."""
    return {key: fields[key] for key in ("section", "topics", "slug") if key in fields}
