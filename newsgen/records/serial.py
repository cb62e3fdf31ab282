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
import hashlib
import json
import sys
from collections import UserList
from collections.abc import Callable
from typing import Any

from newsgen.article import Article, Dateline, Entity, Quote, Topic


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

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a page sent to a cluster's worker): as the paragraphs, read now; the
        # fetch holds a catalog connection, which cannot travel.
        return (list, (self.data,))


class QuoteTexts:
    """The words of a cached record's quotes, fetched (all at once) the first time one
    is read: the site model and page signatures need only who spoke, and the words,
    a fifth of a story's metadata, are read only by the pages that show them (in
    render workers, which fetch them from the catalog)."""

    __slots__ = ("_fetch", "texts")

    def __init__(self, fetch: Callable[[], list[str]]) -> None:
        self._fetch = fetch
        self.texts: list[str] | None = None

    def get(self, i: int) -> str:
        texts = self.texts
        if texts is None:
            texts = self.texts = self._fetch()
        return texts[i]


class LazyQuote(Quote):
    """A `Quote` whose text is read from its record's catalog entry on first use."""

    __slots__ = ("_i", "_texts")

    def __init__(self, speaker: str | None, texts: QuoteTexts, i: int) -> None:
        self.speaker, self._texts, self._i = speaker, texts, i

    @property  # type: ignore[override]
    def text(self) -> str:
        return self._texts.get(self._i)

    @text.setter
    def text(self, value: str) -> None:
        # A setter of its own: the slot's would be hidden by the property.
        self._texts = QuoteTexts(lambda: [value])
        self._i = 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quote):
            return NotImplemented
        return (self.text, self.speaker) == (other.text, other.speaker)

    __hash__ = None  # type: ignore[assignment]  # as a dataclass's with eq

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a page sent to a cluster's worker, a copy): as a plain quote, read now.
        return (Quote, (self.text, self.speaker))


def lazy_quotes(quotes: list[Quote], fetch: Callable[[], list[str]]) -> list[Quote]:
    """`quotes` with their words left to `fetch` (every quote's text, in order): what a
    build keeps of a stored record's quotes."""
    if not quotes:
        return quotes
    texts = QuoteTexts(fetch)
    return [LazyQuote(q.speaker, texts, i) for i, q in enumerate(quotes)]


_QUOTES = 0  # set below, once the row's field order is known


def row_quote_texts(data: str) -> list[str]:
    """Every quote's text from a record's catalog data (see `records.cached.to_cache`)."""
    return [q[0] for q in json.loads(data)[0][_QUOTES]]


_intern = sys.intern


def _topic(r: list[Any]) -> Topic:
    # Names, slugs and origins repeat across thousands of stories: keep one copy each.
    return Topic(_intern(r[0]), _intern(r[1]), r[2] and _intern(r[2]), r[3], _intern(r[4]), r[5])


def _entity(r: list[Any]) -> Entity:
    return Entity(_intern(r[0]), _intern(r[1]), _intern(r[2]), _forms(r[3]), *r[4:])


# Each distinct tuple of forms once: a build holds a dozen entities a story, and most
# forms are just the name, which recurs from story to story.
_FORMS: dict[tuple[str, ...], tuple[str, ...]] = {}
_FORMS_MAX = 500_000


def _forms(found: list[str]) -> tuple[str, ...]:
    forms = tuple(_intern(f) for f in found)
    if len(_FORMS) >= _FORMS_MAX:  # a long-lived process: never grow without end
        _FORMS.clear()
    return _FORMS.setdefault(forms, forms)


def _same(value: Any) -> Any:
    return value


def _interned(value: Any) -> Any:
    return _intern(value) if type(value) is str else value


def _interned_list(values: list[str]) -> list[str]:
    return [_intern(v) for v in values]


def _quote_rows(quotes: list[Quote]) -> list[list[Any]]:
    # By `Quote`'s own fields: a `LazyQuote`'s slots are its fetch's.
    return [[q.text, q.speaker] for q in quotes]


def _entities(rows: list[list[Any]]) -> list[Entity]:
    return [_entity(e) for e in rows]


def _dump_extra(extra: dict[str, Any]) -> str:
    # `extra` holds arbitrary YAML values: the only field that needs tagging.
    return json.dumps(_encode(extra), ensure_ascii=False) if extra else ""


def _load_extra(text: str) -> dict[str, Any]:
    return json.loads(text, object_hook=decode_hook) if text else {}


# Field -> (encode, decode) for the fields that are more than text, numbers and lists of
# them; every other `Article` field is stored as it is, so a new field of that kind needs
# no line here (and `FORMAT` below changes by itself).
_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "date": (dump_when, load_when),
    "date_source": (_same, _interned),
    "updated": (dump_when, load_when),
    "authors": (_same, _same),
    "dateline": (_row, lambda r: Dateline(*r) if r else None),
    "section": (_row, lambda r: _topic(r) if r else None),
    "sections": (_rows, lambda rows: [_topic(t) for t in rows]),
    "topics": (_rows, lambda rows: [_topic(t) for t in rows]),
    "people": (_rows, _entities),
    "places": (_rows, _entities),
    "organizations": (_rows, _entities),
    "quotes": (_quote_rows, lambda rows: [Quote(*q) for q in rows]),
    "sources": (_same, _interned_list),
    "keywords": (_same, _interned_list),
    "language": (_same, _interned),
    "extra": (_dump_extra, _load_extra),
}
_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_ENCODE = tuple((name, _CODECS.get(name, (_same, _same))[0]) for name in _FIELDS)
_DECODE = tuple(_CODECS.get(name, (_same, _same))[1] for name in _FIELDS)
_PARAGRAPHS = _FIELDS.index("paragraphs")
_QUOTES = _FIELDS.index("quotes")
# The row shape: a catalog made with another one is not read (see `catalog.Catalog`).
_NESTED = (Dateline, Entity, Quote, Topic)
_SHAPE = [(n, n in _CODECS) for n in _FIELDS] + [c.__slots__ for c in _NESTED]
FORMAT = "3:" + hashlib.blake2b(repr(_SHAPE).encode(), digest_size=6).hexdigest()


def article_to_row(a: Article, *, body: bool = True) -> list[Any]:
    """Every field of `a`, in `Article` field order (see `article_from_row`);
    `body=False` leaves the paragraphs out (the catalog keeps them apart)."""
    row = [encode(getattr(a, name)) for name, encode in _ENCODE]
    row[_PARAGRAPHS] = list(row[_PARAGRAPHS]) if body else None
    return row


def article_from_row(r: list[Any], paragraphs: list[str] | None = None) -> Article:
    """`paragraphs` stands in for a row stored without them."""
    values = [decode(v) for decode, v in zip(_DECODE, r, strict=True)]
    if paragraphs is not None:
        values[_PARAGRAPHS] = paragraphs
    return Article(*values)


def dumps_article(a: Article) -> str:
    return json.dumps(article_to_row(a), ensure_ascii=False, separators=(",", ":"))


def loads_article(text: str) -> Article:
    return article_from_row(json.loads(text))
