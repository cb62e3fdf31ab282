"""Front matter -> Article: typed, validated fields.

Every wrong value is a RecordError at the line of its key, saying what was
expected; unknown keys are kept in `Article.extra`, never turned into
attributes; a slug or template name is checked before it can become a path.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from newsgen.article import Article, Dateline, Entity, Quote, Topic, primary_first
from newsgen.errors import RecordError
from newsgen.records.markup import is_plain, markdown_to_paragraphs, unescape
from newsgen.slugs import is_safe_slug, make_slug
from newsgen.yaml_lines import key_line

# Front-matter keys the record format knows; anything else goes to `extra`.
KNOWN_KEYS = (
    "title",
    "slug",
    "date",
    "date_source",
    "updated",
    "authors",
    "standfirst",
    "summary",
    "dateline",
    "section",
    "sections",
    "topics",
    "people",
    "places",
    "organizations",
    "quotes",
    "sources",
    "keywords",
    "related",
    "language",
    "word_count",
    # Written for a story with no body (a headline-only seed); derived, so read as nothing.
    "headline_only",
    "reading_minutes",
    "source_file",
    "source_hash",
    "template",
)


class _Fields:
    """Typed access to front-matter values, raising RecordError at the key's line."""

    def __init__(self, data: dict[str, Any], path: Path, head: str) -> None:
        self.data, self.path, self.head = data, path, head

    def fail(self, key: str, expected: str) -> RecordError:
        value = self.data.get(key)
        return RecordError(
            f"'{key}' should be {expected}, got {value!r}",
            path=self.path,
            line=key_line(self.head, key, 2),
            hint=f"correct or remove '{key}'",
        )

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise RecordError(
                    f"has no '{key}'", path=self.path, line=2, hint=f"add a '{key}:' field"
                )
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(key, "text")
        return value

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of text")
        return list(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "a whole number")
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.fail(key, "a date as YYYY-MM-DD")

    def mappings(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str | dict):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(key, "a list")
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise self.fail(key, "a list of names or of {name: ...} mappings")
            out.append(item)
        return out


def article_from(data: dict[str, Any], body: str, path: Path, head: str) -> Article:
    """The `Article` a record's front matter and body describe, checked key by key."""
    f = _Fields(data, path, head)
    title = f.text("title", required=True) or ""
    slug = _slug(f, path, head)
    template = _template(f, path, head)
    section_list = [_topic(d, f, "front matter") for d in f.mappings("section")[:1]]
    sections = [_topic(d, f, "front matter", "sections") for d in f.mappings("sections")]
    # `section:` is the primary and `sections:` all of them; either alone is enough, and
    # `section:` alone (a record from before `sections:`, or a hand edit) means that one only.
    section = section_list[0] if section_list else (sections[0] if sections else None)
    dateline = _dateline(data, f)
    quotes = _quotes(data, f)
    paragraphs, body_markdown = _paragraphs(body)
    known = set(KNOWN_KEYS)
    extra = {k: v for k, v in data.items() if k not in known}
    words = sum(len(p.split()) for p in paragraphs)
    return Article(
        slug=slug,
        title=title,
        paragraphs=paragraphs,
        standfirst=f.text("standfirst"),
        summary=f.text("summary") or "",
        date=f.date("date"),
        date_source=f.text("date_source") or ("front matter" if "date" in data else None),
        updated=f.date("updated"),
        authors=f.texts("authors"),
        dateline=dateline,
        section=section,
        sections=_filed(section, sections),
        topics=[_topic(d, f, "front matter") for d in f.mappings("topics")],
        people=_entities(f, "people", "person"),
        places=_entities(f, "places", "place"),
        organizations=_entities(f, "organizations", "organization"),
        quotes=quotes,
        sources=f.texts("sources"),
        keywords=f.texts("keywords"),
        related=[s for s in f.texts("related") if is_safe_slug(s)],
        language=f.text("language") or "en",
        word_count=f.integer("word_count") or words,
        reading_minutes=f.integer("reading_minutes") or max(1, round(words / 200)),
        source_file=f.text("source_file"),
        source_hash=f.text("source_hash"),
        body_markdown=body_markdown,
        locked=[],
        extra={**extra, **({"template": template} if template else {})},
    )


def _slug(f: _Fields, path: Path, head: str) -> str:
    slug = f.text("slug") or path.stem
    if not is_safe_slug(slug):
        raise RecordError(
            f"slug {slug!r} is not allowed",
            path=path,
            line=key_line(head, "slug", 2),
            hint="use lowercase letters, digits and hyphens only",
        )
    return slug


def _template(f: _Fields, path: Path, head: str) -> str | None:
    # `layout:` is what Jekyll and Hugo users write; it means the same and is checked the same.
    for key in ("template", "layout"):
        name = f.text(key)
        if name is not None and not re.fullmatch(r"[A-Za-z0-9_\-]+\.html", name):
            raise RecordError(
                f"{key} {name!r} must be a file name in templates/, like 'article.html'",
                path=path,
                line=key_line(head, key, 2),
            )
    return f.text("template") or f.text("layout")


def _filed(section: Topic | None, sections: list[Topic]) -> list[Topic]:
    """`Article.sections` as a record gives it: empty when the story has one section."""
    every = primary_first(section, sections)
    return every if len(every) > 1 else []


def _topic(d: dict[str, Any], f: _Fields, origin: str, key: str = "topics") -> Topic:
    conf = d.get("confidence", 1.0)
    if not isinstance(conf, int | float):
        conf = 1.0
    return Topic(
        name=d["name"],
        slug=_slug_field(d, f, key),
        qcode=d.get("qcode") if isinstance(d.get("qcode"), str) else None,
        confidence=float(conf),
        origin=d.get("origin") if isinstance(d.get("origin"), str) else origin,
        parent=d.get("parent") if isinstance(d.get("parent"), str) else None,
    )


def _entities(f: _Fields, key: str, kind: str) -> list[Entity]:
    out = []
    for d in f.mappings(key):
        forms = d.get("forms")
        out.append(
            Entity(
                name=d["name"],
                slug=_slug_field(d, f, key),
                kind=kind,
                forms=tuple(x for x in forms if isinstance(x, str))
                if isinstance(forms, list)
                else (d["name"],),
                country=d.get("country") if isinstance(d.get("country"), str) else None,
                count=d["count"] if isinstance(d.get("count"), int) else 1,
                canonical=d["canonical"] if isinstance(d.get("canonical"), str) else None,
                wikidata=_wikidata(d.get("wikidata")),
            )
        )
    return out


def _wikidata(value: object) -> str | None:
    """A Wikidata item id ("Q42"); anything else is left out, never linked."""
    return value if isinstance(value, str) and re.fullmatch(r"Q[1-9][0-9]*", value) else None


def _dateline(data: dict[str, Any], f: _Fields) -> Dateline | None:
    raw = data.get("dateline")
    if isinstance(raw, str):
        return Dateline(text=raw)
    if isinstance(raw, dict) and isinstance(raw.get("text"), str):
        return Dateline(
            text=raw["text"],
            place=raw.get("place"),
            agency=raw.get("agency"),
            city=raw.get("city"),
            region=raw.get("region"),
            country=raw.get("country"),
        )
    if raw is not None:
        raise f.fail("dateline", "a mapping with text, place and agency")
    return None


def _quotes(data: dict[str, Any], f: _Fields) -> list[Quote]:
    quotes = []
    raw_quotes = data.get("quotes") or []
    if not isinstance(raw_quotes, list):
        raise f.fail("quotes", "a list of {text, speaker}")
    for q in raw_quotes:
        if isinstance(q, str):
            q = {"text": q}
        if not isinstance(q, dict) or not isinstance(q.get("text"), str):
            raise f.fail("quotes", "a list of {text, speaker}")
        speaker = q.get("speaker")
        quotes.append(Quote(text=q["text"], speaker=speaker if isinstance(speaker, str) else None))
    return quotes


def _paragraphs(body: str) -> tuple[list[str], str | None]:
    """The body's paragraphs as text, and its Markdown where it is more than plain text."""
    paragraphs_md = [p.strip("\n") for p in re.split(r"\n\s*\n", body.strip("\n")) if p.strip()]
    if all(is_plain(p) and "\n" not in p for p in paragraphs_md):
        return [unescape(p) for p in paragraphs_md], None
    body_markdown = body.strip("\n")
    return markdown_to_paragraphs(body_markdown), body_markdown


def _slug_field(d: dict[str, Any], f: _Fields, key: str) -> str:
    slug = d.get("slug")
    if slug is None:
        return make_slug(d["name"], fallback=key.rstrip("s") or "item")
    if not is_safe_slug(slug):
        raise f.fail(key, "entries whose slug is lowercase letters, digits and hyphens")
    return str(slug)
