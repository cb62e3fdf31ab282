"""What a cluster's worker renders from: a renderer's spec (the site's templates as
text, the config and the static files' fingerprinted names) and a batch's pages, packed.

A worker may be another machine, so the templates travel (a few dozen kB, once per
worker and batch); the theme's own originals (`theme/...`) come with the worker's
newsgen, whose version the client checked. A worker keeps one renderer per spec.

Pages travel packed (`Packer`): a page's context holds stories, and terms with every
story they list, so pickled as they are 64 pages came to megabytes and the same story
went out dozens of times. A packed page names each story and term by its number in
the batch's `StoryTable`, which goes to every worker once a batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.incremental.signature import reads_term_stories
from newsgen.records.stub import ArticleStub
from newsgen.site.model import Term
from newsgen.site.page import Page
from newsgen.site.render import Renderer, make_environment


@dataclass(frozen=True, slots=True)
class RenderSpec:
    templates: tuple[tuple[str, str], ...]
    """(name, source) of every template a page can name, site's over theme's."""
    config: SiteConfig
    assets: tuple[tuple[str, str], ...]
    key: str
    """A digest of the above: equal specs make the same renderer."""
    term_stories: bool = True
    """Some template (the theme's originals too) may read `term.articles`."""

    @classmethod
    def of(cls, renderer: Renderer) -> RenderSpec:
        env = renderer.env
        assert env.loader is not None
        every = sorted(env.list_templates())
        sources = {n: env.loader.get_source(env, n)[0] for n in every}
        templates = tuple((n, sources[n]) for n in every if not n.startswith("theme/"))
        assets = tuple(sorted(renderer.assets.items()))
        digest = hashlib.sha256(repr((templates, renderer.config, assets)).encode())
        term_stories = any(reads_term_stories(text) for text in sources.values())
        return cls(templates, renderer.config, assets, digest.hexdigest(), term_stories)


# A worker's renderers by spec key: a worker renders many batches of one build.
_RENDERERS: dict[str, Renderer] = {}


def worker_renderer(spec: RenderSpec) -> Renderer:
    """The renderer `spec` describes, made once per worker process."""
    renderer = _RENDERERS.get(spec.key)
    if renderer is None:
        folder = Path(tempfile.mkdtemp(prefix="newsgen-templates-"))
        for name, source in spec.templates:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        env = make_environment(folder)
        renderer = _RENDERERS[spec.key] = Renderer(env, spec.config, dict(spec.assets))
    return renderer


class StoryTable:
    """The stories and terms a batch's packed pages name, each once, by number, each
    pickled on its own.

    Pickled as the client packs, by its own thread: a story's body may still be unread,
    and reading it needs the catalog's connection, which belongs to that thread (Dask
    pickles what it sends on a thread of its own). A worker unpickles an entry when one
    of its pages first names it: it needs only its own units' stories, not the batch's."""

    __slots__ = ("_entries", "data")

    def __init__(self, data: list[bytes]) -> None:
        self.data = data
        self._entries: list[Any] = [_UNREAD] * len(data)

    def entry(self, number: int) -> Any:
        entry = self._entries[number]
        if entry is _UNREAD:
            # An entry names the others it holds (a term its stories) by number too, so
            # each is one object however many pages and terms show it.
            self._entries[number] = _READING
            entry = self._entries[number] = _Unpickler(self.data[number], self).load()
        elif entry is _READING:  # never made: a story holds no term
            raise RuntimeError(f"story table entry {number} names itself")
        return entry

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoryTable, (self.data,))


_UNREAD = object()
_READING = object()


class StoryCount:
    """A term's stories where no template reads them (`RenderSpec.term_stories`): only
    how many, which is all `Term.count` needs."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoryCount, (self.n,))


class Packer:
    """Packs one batch's pages, unit by unit, naming every story and term it meets by its
    number in the batch's table (`table`, once every unit is packed)."""

    def __init__(self, term_stories: bool = True) -> None:
        self.term_stories = term_stories
        self._data: list[bytes] = []
        self._numbers: dict[int, int] = {}
        # Keeps each object numbered alive, so no id in `_numbers` is reused.
        self._named: list[Any] = []

    def pack(self, pages: list[Page]) -> bytes:
        out = io.BytesIO()
        _Pickler(out, self._number).dump(pages)
        return out.getvalue()

    def table(self) -> StoryTable:
        return StoryTable(self._data)

    def _number(self, obj: Any) -> int | None:
        kind = type(obj)
        if kind is not Article and kind is not ArticleStub and kind is not Term:
            return None
        number = self._numbers.get(id(obj))
        if number is None:
            number = self._numbers[id(obj)] = len(self._data)
            self._data.append(b"")  # its place, while what it names is numbered
            self._named.append(obj)
            self._data[number] = self._pickled(obj)
        return number

    def _pickled(self, obj: Any) -> bytes:
        """`obj`'s entry, pickled now. A stub's loader cannot travel, and the worker needs
        the story anyway: it goes in full. A stub keeps the story it loads (`full`), and
        a batch's listings name thousands of stories: the stub is emptied again once its
        story is pickled, or the client would end up holding every story of the archive
        in full, where the pool's parent loads none."""
        if isinstance(obj, ArticleStub):
            loaded = obj.loaded
            data = self._dumps(obj.full)
            if not loaded:
                obj._full = None  # what `full` filled, emptied again
            return data
        if isinstance(obj, Term) and not self.term_stories:
            obj = dataclasses.replace(obj, articles=StoryCount(len(obj.articles)))
        return self._dumps(obj)

    def _dumps(self, entry: Any) -> bytes:
        """`entry` pickled, naming the stories and terms it holds by number."""

        def number(obj: Any) -> int | None:
            return None if obj is entry else self._number(obj)

        out = io.BytesIO()
        _Pickler(out, number).dump(entry)
        return out.getvalue()


class _Pickler(pickle.Pickler):
    def __init__(self, out: io.BytesIO, number: Callable[[Any], int | None]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self._number_of = number

    def persistent_id(self, obj: Any) -> int | None:
        return self._number_of(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, table: StoryTable) -> None:
        super().__init__(io.BytesIO(data))
        self._table = table

    def persistent_load(self, pid: Any) -> Any:
        return self._table.entry(pid)


def unpack(data: bytes, table: StoryTable) -> list[Page]:
    """Pages packed by a `Packer`, read against its table."""
    pages: list[Page] = _Unpickler(data, table).load()
    return pages
