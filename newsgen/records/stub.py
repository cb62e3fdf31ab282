"""ArticleStub: a cached record known by its head; the rest is read on first use.

An incremental build of a 20k-story archive needs, of most stories, only what
tells whether they changed (slug, seed, hashes, date). Reading every record's
full form costs a second; a stub reads its own only when a page that shows it
is rendered again.

A whole build's stub also keeps what the site model reads of its story (`fill`):
the parent then holds that, not every story in full (at 100k stories, most of its
memory). A story read in full is kept among the last few read (`RECENT`), not for
ever: a build reads each one once or twice, in site order, or a few at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from newsgen.article import Article, Topic, primary_first
from newsgen.records.serial import dump_when, load_when

# What `fill` keeps of a story: every field `site.model.MODEL_READS` reads (through
# `all_sections` and `entities` too), what the theme's card and the search index's
# excerpt read besides (a story is listed on a dozen pages: read in full for each, a
# render worker spent a third more), and `extra`'s page template, which the plan reads.
MODEL_FIELDS = (
    "title",
    "summary",
    "reading_minutes",
    "section",
    "sections",
    "topics",
    "people",
    "places",
    "organizations",
    "quotes",
    "related",
)

# How many stories read in full stay read: a listing page's, a feed's, a search chunk's.
RECENT = 256
_recent: dict[int, tuple[ArticleStub, Article]] = {}


class _Empty(list):  # type: ignore[type-arg]
    """The one empty list every filled stub shares (a list each was 56 bytes a story,
    seven a story); it refuses to change, as a shared value must."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a stub's empty list is shared: read the story in full to change it")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, ())


EMPTY: list[Any] = _Empty()
_UNFILLED: Any = "\0unfilled"  # a stub's `template` until `fill`: compared by identity


class ArticleStub:
    """Stands in for an `Article`: the head's fields are its own (and, once filled, what
    the model reads), any other attribute loads the whole record and is read from it."""

    __slots__ = (
        "_load",
        "date",
        "date_source",
        "fingerprint",
        "slug",
        "source_file",
        "source_hash",
        "template",
        *MODEL_FIELDS,
    )

    def __init__(self, head: list[Any], load: Callable[[], Article]) -> None:
        self.slug: str = head[0]
        self.source_file: str | None = head[1]
        self.source_hash: str | None = head[2]
        self.date: dt.date | None = load_when(head[3])
        self.date_source: str | None = head[4]
        self.fingerprint: str = head[5]
        self._load = load
        self.template: str | None = _UNFILLED

    def fill(self, a: Article) -> ArticleStub:
        """Keep what the site model and the page plan read of `a` (this stub's story)."""
        for name in MODEL_FIELDS:
            value = getattr(a, name)
            setattr(self, name, value if value or type(value) is not list else EMPTY)
        template = a.extra.get("template")
        self.template = str(template) if template else None
        return self

    @property
    def filled(self) -> bool:
        return self.template is not _UNFILLED

    @property
    def full(self) -> Article:
        key = id(self)
        got = _recent.pop(key, None)
        if got is None:
            got = (self, self._load())
            if len(_recent) >= RECENT:
                del _recent[next(iter(_recent))]
        _recent[key] = got  # the newest last
        return got[1]

    @property
    def loaded(self) -> bool:
        """Whether its story is among those read in full lately."""
        return id(self) in _recent

    def forget(self) -> None:
        """Its story no longer kept read (one read only to be sent elsewhere)."""
        _recent.pop(id(self), None)

    @property
    def all_sections(self) -> list[Topic]:
        return primary_first(self.section, self.sections)

    @property
    def entities(self) -> list[Any]:
        return [*self.people, *self.places, *self.organizations]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probing: not an article's
            raise AttributeError(name)
        return getattr(self.full, name)

    def __repr__(self) -> str:
        return f"ArticleStub({self.slug!r})"


def page_template(a: Article | ArticleStub) -> str | None:
    """The page template a story's record names (`template:`), if any, without reading
    a filled stub's story."""
    if type(a) is ArticleStub and a.filled:
        return a.template
    template = a.extra.get("template")
    return str(template) if template else None


def head_of(a: Article) -> list[Any]:
    """What a stub of `a` knows without loading it (see `ArticleStub.__init__`)."""
    return [a.slug, a.source_file, a.source_hash, dump_when(a.date), a.date_source, a.fingerprint]
