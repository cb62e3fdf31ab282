"""Article <-> a JSON-safe dict, for the build catalog's record cache.

Lossless for everything a record can hold, including front-matter values of
YAML types JSON lacks (dates), so a cached record equals a freshly parsed one.
JSON, not pickle: a cache in the site folder must never be able to run code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
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


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_PLAIN = (str, int, float, bool, type(None))


def _slots(obj: Any) -> dict[str, Any]:
    # Topic, Entity, Quote and Dateline hold only text, numbers and lists of text.
    return {name: getattr(obj, name) for name in obj.__slots__}


def article_to_dict(a: Article) -> dict[str, Any]:
    """Specialised for the record's known shapes (this runs once per stored record);
    only `extra`, which holds arbitrary YAML values, takes the generic path."""
    out: dict[str, Any] = {}
    for name in _ARTICLE_FIELDS:
        value = getattr(a, name)
        if isinstance(value, _PLAIN) or name in (
            "paragraphs",
            "authors",
            "sources",
            "keywords",
            "related",
            "locked",
        ):
            out[name] = value
        elif name in ("topics", "people", "places", "organizations", "quotes"):
            out[name] = [_slots(item) for item in value]
        elif name in ("section", "dateline"):
            out[name] = _slots(value)
        else:
            out[name] = _encode(value)
    return out


def _interned(d: dict[str, Any]) -> dict[str, Any]:
    # Names, slugs and origins repeat across thousands of stories: keep one copy each.
    return {k: sys.intern(v) if isinstance(v, str) else v for k, v in d.items()}


def article_from_dict(d: dict[str, Any]) -> Article:
    """From a dict loaded with `decode_hook`."""
    d = dict(d)
    d["dateline"] = Dateline(**_interned(d["dateline"])) if d.get("dateline") else None
    d["section"] = Topic(**_interned(d["section"])) if d.get("section") else None
    d["topics"] = [Topic(**_interned(t)) for t in d.get("topics", [])]
    for key in ("people", "places", "organizations"):
        d[key] = [
            Entity(**{**_interned(e), "forms": [sys.intern(f) for f in e.get("forms", [])]})
            for e in d.get(key, [])
        ]
    d["quotes"] = [Quote(**q) for q in d.get("quotes", [])]
    d["keywords"] = [sys.intern(k) for k in d.get("keywords", [])]
    d["sources"] = [sys.intern(k) for k in d.get("sources", [])]
    return Article(**d)
