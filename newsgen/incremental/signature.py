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
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsgen import PACKAGE_DIR, __version__
from newsgen.article import Article, Quote
from newsgen.records.serial import LazyQuote, dumps_article
from newsgen.records.stub import ArticleStub
from newsgen.site.model import Term


def _article_key(a: Article) -> str:
    if not a.fingerprint:
        # A record analysed in memory has no file hash of its own state.
        a.fingerprint = hashlib.sha256(dumps_article(a).encode()).hexdigest()
    return a.fingerprint


class _Digests:
    """Per-build memo of term digests: a hub page lists thousands of terms."""

    def __init__(self, term_stories: bool = True) -> None:
        self.term_stories = term_stories
        self.shallow: dict[int, bytes] = {}
        self.deep: dict[int, bytes] = {}
        self.keys: dict[int, tuple[str, str]] = {}
        # What the page being signed depends on: stories by slug, and the terms whose
        # every story it depends on (by id; `keys` names them).
        self.stories: set[str] = set()
        self.deep_terms: set[int] = set()

    def term(self, t: Term, deep: bool) -> bytes:
        memo = self.deep if deep else self.shallow
        key = id(t)
        deep_stories = deep and self.term_stories
        if deep_stories:
            self.deep_terms.add(key)
        found = memo.get(key)
        if found is None:
            h = hashlib.blake2b(digest_size=16)
            h.update(f"T{t.kind}\0{t.slug}\0{t.name}\0{t.qcode}\0{t.parent}\0{t.country}".encode())
            if deep:
                h.update(f"\0{t.count}".encode())
            if deep_stories:
                self.keys[key] = (t.kind, t.slug)
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
    if kind is Article or kind is ArticleStub:
        memo.stories.add(value.slug)
        h.update(b"A" + _article_key(value).encode())
    elif kind is Term:
        h.update(memo.term(value, deep_terms))
    elif kind in _SCALARS:
        h.update(f"{kind.__name__}:{value!r}\0".encode())
    elif kind is Quote or kind is LazyQuote:
        # A page shows a quote beside its story (`(quote, story)`), whose fingerprint
        # covers the words: reading them here would load every story's quotes.
        h.update(f"Q{value.speaker!r}\0".encode())
    elif kind is list or kind is tuple:
        # Lists of stories and of terms are most of every page: no call per item for them.
        h.update(b"[")
        terms = memo.deep if deep_terms else memo.shallow
        stories, deep_ids = memo.stories, memo.deep_terms
        track = deep_terms and memo.term_stories
        for item in value:
            item_kind = type(item)
            if item_kind is Article or item_kind is ArticleStub:
                stories.add(item.slug)
                h.update(b"A" + (item.fingerprint or _article_key(item)).encode())
            elif item_kind is Term:
                found = terms.get(id(item))
                if found is None:
                    found = memo.term(item, deep_terms)
                elif track:
                    deep_ids.add(id(item))
                h.update(found)
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
    """Signs the pages of one build; terms are digested once however many pages show them.

    A term shown on a listing, hub or home page stands in by its name and size, and
    with `term_stories` also by all its stories: needed only when a template reads
    `term.articles` (see `templates_read_term_stories`). Without it, editing a story
    re-renders the one listing page that shows it, not every page of its terms.
    """

    def __init__(self, base: str, *, term_stories: bool = True) -> None:
        self.base = base
        self.memo = _Digests(term_stories)

    def sign(self, template: str, context: Mapping[str, Any]) -> str:
        memo = self.memo
        memo.stories, memo.deep_terms = set(), set()
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.base}\0{template}\0".encode())
        _feed(h, context, True, memo)
        return h.hexdigest()

    def depends_on(self) -> tuple[set[str], list[tuple[str, str]]]:
        """What the page last signed was made from: the slugs of the stories it shows,
        and the terms (kind, slug) it shows whole. Only a change to one of these can
        change its signature."""
        keys = self.memo.keys
        return self.memo.stories, [keys[i] for i in self.memo.deep_terms]


# How a template can reach a term's stories: `term.articles`, `term["articles"]`,
# `term|attr("articles")`. No theme template does; a site's own may.
_TERM_STORIES = re.compile(r"""\.\s*articles\b|["']articles["']""")


def templates_read_term_stories(template_dirs: list[Path]) -> bool:
    """Whether any template may list a term's stories, so that pages showing a term
    depend on every story in it. Read from the sources: a name, not a type, but no
    other object a template sees has `articles`."""
    for folder in template_dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and reads_term_stories(path.read_text("utf-8", "replace")):
                    return True
    return False


def reads_term_stories(source: str) -> bool:
    """Whether a template's source may list a term's stories."""
    return _TERM_STORIES.search(source) is not None


def theme_signature(config: Any, template_dirs: list[Path], assets: Mapping[str, str]) -> str:
    """What every page depends on: newsgen itself, the config, templates and assets."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    # newsgen's own code too, so an upgrade or a local edit never serves stale pages.
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        st = path.stat()
        name = path.relative_to(PACKAGE_DIR).as_posix()
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
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
