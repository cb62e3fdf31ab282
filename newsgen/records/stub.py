"""ArticleStub: a cached record known by its head; the rest is read on first use.

An incremental build of a 20k-story archive needs, of most stories, only what
tells whether they changed (slug, seed, hashes, date). Reading every record's
full form costs a second; a stub reads its own only when a page that shows it
is rendered again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from newsgen.article import Article
from newsgen.records.serial import dump_when, load_when


class ArticleStub:
    """Stands in for an `Article`: the head's fields are its own, any other attribute
    loads the whole record (once) and is read from it."""

    __slots__ = (
        "_full",
        "_load",
        "date",
        "date_source",
        "fingerprint",
        "slug",
        "source_file",
        "source_hash",
    )

    def __init__(self, head: list[Any], load: Callable[[], Article]) -> None:
        self.slug: str = head[0]
        self.source_file: str | None = head[1]
        self.source_hash: str | None = head[2]
        self.date: dt.date | None = load_when(head[3])
        self.date_source: str | None = head[4]
        self.fingerprint: str = head[5]
        self._load = load
        self._full: Article | None = None

    @property
    def full(self) -> Article:
        full = self._full
        if full is None:
            full = self._full = self._load()
        return full

    @property
    def loaded(self) -> bool:
        return self._full is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probing: not an article's
            raise AttributeError(name)
        return getattr(self.full, name)

    def __repr__(self) -> str:
        return f"ArticleStub({self.slug!r})"


def head_of(a: Article) -> list[Any]:
    """What a stub of `a` knows without loading it (see `ArticleStub.__init__`)."""
    return [a.slug, a.source_file, a.source_hash, dump_when(a.date), a.date_source, a.fingerprint]
