"""Article <-> one compact JSON string, for the build catalog's record cache.

Lossless for everything a record can hold, including front-matter values of
YAML types JSON lacks (dates), so a cached record equals a freshly parsed one.
JSON, not pickle: a cache in the site folder must never be able to run code.

The shape is positional (a list per object, in field order) rather than a dict
per object: an incremental build of a 20k-story archive reads every cached
record, and positional rows decode about twice as fast with no per-object hook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections import UserList
from collections.abc import Callable
from typing import Any

from newsgen.article import Article, Dateline, Entity, Quote, Topic

# Bump when the row shape changes; the catalog's schema version covers it.
FORMAT = 2


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    return value


def decode_hook(value: dict[str, Any]) -> Any:
    """`json.loads(..., object_hook=decode_hook)` turns tagged values back into dates."""
    if len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$date":
            return dt.date.fromisoformat(inner)
        if key == "$datetime":
            return dt.datetime.fromisoformat(inner)
        if key == "$bytes":
            return bytes.fromhex(inner)
    return value


def dump_when(value: dt.date | None) -> str | None:
    if value is None:
        return None
    return ("t" if isinstance(value, dt.datetime) else "d") + value.isoformat()


def load_when(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if value[0] == "t":
        return dt.datetime.fromisoformat(value[1:])
    return dt.date.fromisoformat(value[1:])


def _row(obj: Any) -> list[Any] | None:
    # Topic, Entity, Quote and Dateline hold only text, numbers and lists of text.
    return None if obj is None else [getattr(obj, name) for name in obj.__slots__]


def _rows(items: list[Any]) -> list[list[Any]]:
    return [[getattr(obj, name) for name in obj.__slots__] for obj in items]


class LazyParagraphs(UserList[str]):
    """A cached record's paragraphs, fetched the first time something reads them.

    An incremental build lists every story but shows few bodies (the pages it
    renders, the newest feed entries), so 20k stories' text need not be loaded.
    """

    def __init__(self, fetch: Callable[[], list[str]]) -> None:  # no super(): stays unread
        self._fetch = fetch

    @property  # type: ignore[override]
    def data(self) -> list[str]:
        loaded = self.__dict__.get("_data")
        if loaded is None:
            loaded = self.__dict__["_data"] = self._fetch()
        return loaded

    @data.setter
    def data(self, value: list[str]) -> None:
        self.__dict__["_data"] = value


def article_to_row(a: Article, *, body: bool = True) -> list[Any]:
    """Every field of `a`, in `Article` field order (see `article_from_row`);
    `body=False` leaves the paragraphs out (the catalog keeps them apart)."""
    return [
        a.slug,
        a.title,
        list(a.paragraphs) if body else None,
        a.standfirst,
        a.summary,
        dump_when(a.date),
        a.date_source,
        dump_when(a.updated),
        a.authors,
        _row(a.dateline),
        _row(a.section),
        _rows(a.topics),
        _rows(a.people),
        _rows(a.places),
        _rows(a.organizations),
        _rows(a.quotes),
        a.sources,
        a.keywords,
        a.related,
        a.language,
        a.word_count,
        a.reading_minutes,
        a.source_file,
        a.source_hash,
        a.body_markdown,
        a.locked,
        # `extra` holds arbitrary YAML values: the only field that needs tagging.
        json.dumps(_encode(a.extra), ensure_ascii=False) if a.extra else "",
        a.fingerprint,
    ]


_intern = sys.intern


def _topic(r: list[Any]) -> Topic:
    # Names, slugs and origins repeat across thousands of stories: keep one copy each.
    return Topic(_intern(r[0]), _intern(r[1]), r[2] and _intern(r[2]), r[3], _intern(r[4]), r[5])


def _entity(r: list[Any]) -> Entity:
    return Entity(_intern(r[0]), _intern(r[1]), _intern(r[2]), _forms(r[3]), *r[4:])


# Each distinct tuple of forms once: a build holds a dozen entities a story, and most
# forms are just the name, which recurs from story to story (24 MiB of lists at 22k).
_FORMS: dict[tuple[str, ...], tuple[str, ...]] = {}
_FORMS_MAX = 500_000


def _forms(found: list[str]) -> tuple[str, ...]:
    forms = tuple(_intern(f) for f in found)
    if len(_FORMS) >= _FORMS_MAX:  # a long-lived process: never grow without end
        _FORMS.clear()
    return _FORMS.setdefault(forms, forms)


def article_from_row(r: list[Any], paragraphs: list[str] | None = None) -> Article:
    """`paragraphs` stands in for a row stored without them."""
    (slug, title, _, standfirst, summary, date, date_source, updated, authors) = r[:9]
    dateline, section, topics, people, places, orgs, quotes = r[9:16]
    sources, keywords, related, language, word_count, reading, *rest = r[16:]
    source_file, source_hash, body_markdown, locked, extra, fingerprint = rest
    return Article(
        slug=slug,
        title=title,
        paragraphs=paragraphs if paragraphs is not None else r[2],
        standfirst=standfirst,
        summary=summary,
        date=load_when(date),
        date_source=_intern(date_source) if type(date_source) is str else date_source,
        updated=load_when(updated),
        authors=authors,
        dateline=Dateline(*dateline) if dateline else None,
        section=_topic(section) if section else None,
        topics=[_topic(t) for t in topics],
        people=[_entity(e) for e in people],
        places=[_entity(e) for e in places],
        organizations=[_entity(e) for e in orgs],
        quotes=[Quote(*q) for q in quotes],
        sources=[_intern(s) for s in sources],
        keywords=[_intern(k) for k in keywords],
        related=related,
        language=_intern(language) if type(language) is str else language,
        word_count=word_count,
        reading_minutes=reading,
        source_file=source_file,
        source_hash=source_hash,
        body_markdown=body_markdown,
        locked=locked,
        extra=json.loads(extra, object_hook=decode_hook) if extra else {},
        fingerprint=fingerprint,
    )


def dumps_article(a: Article) -> str:
    return json.dumps(article_to_row(a), ensure_ascii=False, separators=(",", ":"))


def loads_article(text: str) -> Article:
    return article_from_row(json.loads(text))
