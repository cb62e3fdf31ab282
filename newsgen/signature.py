"""Page signatures: a short hash of everything a page is made from.

A page whose signature matches the one the catalog recorded for its output
file, in a build whose templates, config and assets are unchanged, would
render to the same bytes, so it is not rendered again. Articles stand in by
the hash of their record file; terms by their name and size (and, on listing
and hub pages, by the stories they hold); everything else by its value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgen import __version__
from newsgen.article import Article
from newsgen.serial import dumps_article
from newsgen.site import Term


def _article_key(a: Article) -> str:
    if not a.fingerprint:
        # A record analysed in memory has no file hash of its own state.
        a.fingerprint = hashlib.sha256(dumps_article(a).encode()).hexdigest()
    return a.fingerprint


class _Digests:
    """Per-build memo of term digests: a hub page lists thousands of terms."""

    def __init__(self) -> None:
        self.shallow: dict[int, bytes] = {}
        self.deep: dict[int, bytes] = {}

    def term(self, t: Term, deep: bool) -> bytes:
        memo = self.deep if deep else self.shallow
        key = id(t)
        found = memo.get(key)
        if found is None:
            h = hashlib.blake2b(digest_size=16)
            h.update(f"T{t.kind}\0{t.slug}\0{t.name}\0{t.qcode}\0{t.parent}\0{t.country}".encode())
            if deep:
                h.update(f"\0{t.count}".encode())
                for a in t.articles:
                    h.update(_article_key(a).encode())
            found = memo[key] = h.digest()
        return found


_SCALARS = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _feed(h: Any, value: Any, deep_terms: bool, memo: _Digests) -> None:
    """Feed a canonical form of `value` into the hash `h`.

    Dispatches on the exact type first: this runs millions of times a build, and
    isinstance checks against abstract classes were most of its cost.
    """
    kind = type(value)
    if kind is Article:
        h.update(b"A" + _article_key(value).encode())
    elif kind is Term:
        h.update(memo.term(value, deep_terms))
    elif kind in _SCALARS:
        h.update(f"{kind.__name__}:{value!r}\0".encode())
    elif kind is list or kind is tuple:
        # Lists of stories and of terms are most of every page: no call per item for them.
        h.update(b"[")
        terms = memo.deep if deep_terms else memo.shallow
        for item in value:
            item_kind = type(item)
            if item_kind is Article:
                h.update(b"A" + (item.fingerprint or _article_key(item)).encode())
            elif item_kind is Term:
                h.update(terms.get(id(item)) or memo.term(item, deep_terms))
            else:
                _feed(h, item, deep_terms, memo)
        h.update(b"]")
    elif kind is dict or isinstance(value, Mapping):
        h.update(b"{")
        for k in sorted(value, key=str):
            h.update(f"{k}=".encode())
            # An article page links its terms by name only: their size is not shown.
            deep = deep_terms and not (k == "terms" and isinstance(value[k], Mapping))
            _feed(h, value[k], deep, memo)
        h.update(b"}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        h.update(kind.__name__.encode())
        for name in names:
            _feed(h, getattr(value, name), deep_terms, memo)
    elif isinstance(value, str | int | float | dt.date):
        h.update(f"{kind.__name__}:{value!r}\0".encode())
    elif isinstance(value, Iterable):
        h.update(b"[")
        for item in value:
            _feed(h, item, deep_terms, memo)
        h.update(b"]")
    else:
        h.update(repr(value).encode())


class Signer:
    """Signs the pages of one build; terms are digested once however many pages show them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.memo = _Digests()

    def sign(self, template: str, context: Mapping[str, Any]) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.base}\0{template}\0".encode())
        _feed(h, context, True, self.memo)
        return h.hexdigest()


def theme_signature(config: Any, template_dirs: list[Path], assets: Mapping[str, str]) -> str:
    """What every page depends on: newsgen itself, the config, templates and assets."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    # newsgen's own code too, so an upgrade or a local edit never serves stale pages.
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    h.update(repr(config).encode())
    for folder in template_dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    h.update(
                        path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes()
                    )
        h.update(b"|")
    for name in sorted(assets):
        h.update(f"{name}={assets[name]}\0".encode())
    return h.hexdigest()
