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
    """The stories and terms a batch's packed pages name, each once, by number.

    Pickled when made, by the client's own thread: a story's body may still be unread,
    and reading it needs the catalog's connection, which belongs to that thread (Dask
    pickles what it sends on a thread of its own). A worker unpickles it once."""

    __slots__ = ("_entries", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._entries: list[Any] | None = None

    @property
    def entries(self) -> list[Any]:
        if self._entries is None:
            self._entries = pickle.loads(self.data)
        return self._entries

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoryTable, (self.data,))


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
        self._entries: list[Any] = []
        self._numbers: dict[int, int] = {}

    def pack(self, pages: list[Page]) -> bytes:
        out = io.BytesIO()
        _Pickler(out, self._number).dump(pages)
        return out.getvalue()

    def table(self) -> StoryTable:
        return StoryTable(pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL))

    def _number(self, obj: Any) -> int | None:
        kind = type(obj)
        if kind is not Article and kind is not ArticleStub and kind is not Term:
            return None
        number = self._numbers.get(id(obj))
        if number is None:
            number = self._numbers[id(obj)] = len(self._entries)
            self._entries.append(self._entry(obj))
        return number

    def _entry(self, obj: Any) -> Any:
        if isinstance(obj, ArticleStub):
            return obj.full  # its loader cannot travel; the worker needs the story anyway
        if isinstance(obj, Term) and not self.term_stories:
            return dataclasses.replace(obj, articles=StoryCount(len(obj.articles)))
        return obj


class _Pickler(pickle.Pickler):
    def __init__(self, out: io.BytesIO, number: Callable[[Any], int | None]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self._number_of = number

    def persistent_id(self, obj: Any) -> int | None:
        return self._number_of(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, table: StoryTable) -> None:
        super().__init__(io.BytesIO(data))
        self._entries = table.entries

    def persistent_load(self, pid: Any) -> Any:
        return self._entries[pid]


def unpack(data: bytes, table: StoryTable) -> list[Page]:
    """Pages packed by a `Packer`, read against its table."""
    pages: list[Page] = _Unpickler(data, table).load()
    return pages
