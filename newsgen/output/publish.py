"""Pages, feeds, search index and sitemap into the output writer: a whole build.

Every page is planned and signed, in batches, and only those whose signature
changed are rendered (on the executor's worker processes when there are many).
The small path for an edit that leaves its stories in place is in delta.py.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgen.article import Article
from newsgen.config import SiteConfig
from newsgen.errors import OutputError
from newsgen.executor import (
    Executor,
    ProcessExecutor,
    SerialExecutor,
    chunked,
    default_jobs,
    make_executor,
)
from newsgen.incremental import snapshot
from newsgen.incremental.catalog import Catalog
from newsgen.incremental.signature import Signer, templates_read_term_stories, theme_signature
from newsgen.output.render_spec import Packer, RenderSpec, StoryTable, unpack, worker_renderer
from newsgen.output.writer import OutputWriter
from newsgen.paths import SitePaths
from newsgen.progress import progress_counter
from newsgen.report import BuildReport
from newsgen.site.feeds import atom, json_feed
from newsgen.site.model import SiteModel
from newsgen.site.pages import Page, plan_pages
from newsgen.site.render import Renderer, check_site_templates, make_environment
from newsgen.site.search import search_files
from newsgen.site.sitemap import Entries, robots, sitemaps
from newsgen.site.theme import theme_dir

RENDER_CHUNK = 64
RENDER_BATCH = 4096
# A cluster's batches: each sends the stories its pages name once to each worker, which
# unpickles them there (a pool's workers share the parent's), so fewer, bigger batches
# send and unpickle each story fewer times: at 1,780 stories 8,192 pages a batch packed
# in 0.45 s of CPU instead of 0.55 s and unpacked in 0.72 s instead of 1.0 s. The first
# batch is smaller: the workers wait, idle, while the client plans and packs it; the
# next is planned and packed while they render it (1,024 pages keep them busy that long).
CLUSTER_BATCH = 8192
CLUSTER_FIRST_BATCH = 1024


@dataclass(frozen=True, slots=True)
class Published:
    """How many pages the site has, and how many were rendered this time."""

    pages: int
    rendered: int


@dataclass(frozen=True, slots=True)
class Press:
    """What every page of this build is made with and goes to: the renderer, the signer
    (whose base is the theme signature: newsgen, config, templates, assets), the
    writer, the catalog and the report."""

    config: SiteConfig
    renderer: Renderer
    signer: Signer
    base: str
    writer: OutputWriter
    catalog: Catalog
    report: BuildReport
    jobs: int | None = None
    progress: bool = False
    scheduler: str | None = None
    """A Dask scheduler (`--scheduler`): pages render on its workers."""


def start(
    paths: SitePaths,
    config: SiteConfig,
    writer: OutputWriter,
    catalog: Catalog,
    report: BuildReport,
    *,
    jobs: int | None = None,
    progress: bool = False,
    scheduler: str | None = None,
) -> Press:
    """Copy the static files (their fingerprinted names go into every page) and make
    the renderer and signer."""
    with report.timed("static"):
        assets = writer.copy_static([theme_dir("static"), paths.static_dir])
    env = make_environment(paths.templates_dir)
    check_site_templates(env, paths.templates_dir)
    renderer = Renderer(env, config, assets)
    with report.timed("plan"):
        template_dirs = [paths.templates_dir, theme_dir("templates")]
        base = theme_signature(config, template_dirs, assets)
        signer = Signer(base, term_stories=templates_read_term_stories(template_dirs))
    return Press(config, renderer, signer, base, writer, catalog, report, jobs, progress, scheduler)


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What every unit of a batch shares: the renderer (or, on a cluster, what a worker
    makes one from), the batch's pages, and the writer (None: the client writes); on
    a cluster, the table of stories and terms its packed pages name."""

    renderer: Renderer | RenderSpec
    pages: list[Page] | None
    writer: OutputWriter | None
    table: StoryTable | None = None


@dataclass(frozen=True, slots=True)
class RenderChunk:
    """One unit: page numbers in the batch, and the pages themselves, packed (see
    `render_spec.Packer`), when the workers do not share the batch (a cluster); on a
    cluster of this machine, the part of the writer that writes them, and the pages are
    where they are in the batch's table file."""

    indexes: list[int]
    packed: bytes | tuple[int, int] | None = None
    writer: OutputWriter | None = None
    # On this machine, the file the batch's `RenderJob` waits in: nothing is scattered,
    # so a unit run again on another worker, its first one dead, needs only the file.
    job: str | None = None


def _render_chunk(job: RenderJob, chunk: RenderChunk) -> tuple[list[tuple[int, str]], Any]:
    """(page number, digest) of each page written, and what was read of an unvouched
    published site on the way (see `OutputWriter.take_seen`); without a writer,
    (page number, HTML) for the client to write."""
    renderer = job.renderer
    if isinstance(renderer, RenderSpec):
        renderer = worker_renderer(renderer)
    pages = job.pages
    if chunk.packed is not None:
        assert job.table is not None
        pages = unpack(chunk.packed, job.table)
    assert pages is not None
    offset = chunk.indexes[0] if chunk.packed is not None else 0
    writer = chunk.writer or job.writer
    if writer is None:
        return [(i, renderer.render(pages[i - offset])) for i in chunk.indexes], None
    done = [
        (i, writer.write_text(pages[i - offset].uri, renderer.render(pages[i - offset])))
        for i in chunk.indexes
    ]
    return done, writer.take_seen()


# A worker's jobs by file (`RenderChunk.job`): a unit reads its batch's job once, and
# two batches' units may interleave while the next batch starts.
_SPOOLED_JOBS: dict[str, RenderJob] = {}


def _render_spooled(chunk: RenderChunk) -> tuple[list[tuple[int, str]], Any]:
    """`_render_chunk` with the job its batch left in a file (`local:N`)."""
    assert chunk.job is not None
    job = _SPOOLED_JOBS.get(chunk.job)
    if job is None:
        job = pickle.loads(Path(chunk.job).read_bytes())
        while len(_SPOOLED_JOBS) > 1:
            del _SPOOLED_JOBS[next(iter(_SPOOLED_JOBS))]
        _SPOOLED_JOBS[chunk.job] = job
    return _render_chunk(job, chunk)


def whole(
    model: SiteModel,
    press: Press,
    *,
    search_terms: Callable[[Article], str | None] | None = None,
    snapshot_key: str | None = None,
) -> Published:
    """Every page, feed, search file and sitemap into the writer; `search_terms` gives
    a story's cached `search_terms.index_terms` (None: tokenise every story). With
    `snapshot_key`, the model is kept for the next build's small path."""
    renderer, signer, base = press.renderer, press.signer, press.base
    config, writer, catalog, report = press.config, press.writer, press.catalog, press.report
    jobs = press.jobs
    with report.timed("plan"):
        plan = PagePlan(model, signer, catalog.outputs(), writer)
    first, size = (None, None) if press.scheduler is None else (CLUSTER_FIRST_BATCH, CLUSTER_BATCH)
    batches = plan.batches(plan_pages(model, config), report, first=first, size=size)
    with progress_counter(desc="Rendering", enabled=press.progress) as shown:
        # The next batch is planned (signed, here) while workers render this one:
        # planning would otherwise leave a core idle.
        rendering: Rendering | None = None
        ahead: Rendering | None = None
        try:
            for batch in batches:
                with report.timed("render"):
                    if rendering is not None and not rendering.on_cluster:
                        rendering.finish()  # before the next pool forks
                    # A cluster's next batch is packed and queued while it renders this
                    # one: packing is the client's work, and the workers would wait for it.
                    ahead = rendering
                    rendering = Rendering(renderer, batch, writer, jobs, shown, press.scheduler)
                    if ahead is not None and ahead.on_cluster:
                        ahead.finish()
                    ahead = None
            if rendering is not None:
                with report.timed("render"):
                    rendering.finish()
        finally:
            for left in (ahead, rendering):  # planning failed while workers rendered
                if left is not None:
                    left.close()
    if (jobs or default_jobs()) > 1:
        writer.start_second_tree()
    with report.timed("snapshot"):
        # Before the search index: its dependencies need not be held beside it.
        if snapshot_key is not None:
            snapshot.save(catalog, snapshot_key, model, plan.deps)
        else:
            snapshot.forget(catalog)
        plan.deps = snapshot.PageDeps()
    with report.timed("feeds"):
        write_feeds(model, config, writer)
    with report.timed("search index"):
        for uri, text in search_files(model.articles, search_terms):
            writer.write_text(uri, text)
    with report.timed("sitemap"):
        for uri, lines in sitemaps(config, plan.entries):
            writer.write_stream(uri, lines)
        writer.write_text("robots.txt", robots(config))
    catalog.replace_outputs(plan.signatures)
    catalog.set_meta("base", base)
    return Published(pages=len(plan.signatures), rendered=plan.rendered)


class PagePlan:
    """Signs planned pages and hands out those to render, in batches: the one loop of
    every build, whole or small (`delta.Delta`).

    Each page is signed, its dependencies noted and, with `sitemap`, its sitemap entry
    kept; a page whose signature matches `before` and whose file the writer can keep is
    not rendered again. Only the batch being rendered is held, so not even a cold build
    holds 50k page contexts at once; what outlives a page is its signature and entry.
    Outline pages (a small path's sitemap-only pages) are counted, never signed.
    """

    def __init__(
        self,
        model: SiteModel,
        signer: Signer,
        before: dict[str, str],
        writer: OutputWriter,
        *,
        sitemap: bool = True,
        every: bool = False,
    ) -> None:
        self.model, self.signer, self.before, self.writer = model, signer, before, writer
        self.sitemap = sitemap
        self.signatures: dict[str, str] = {}
        self.deps = snapshot.PageDeps()
        self.entries = Entries()
        self.every: set[str] | None = set() if every else None
        """With `every`: the uri of every page planned, outline pages included."""
        self.rendered = 0
        self.size = RENDER_BATCH
        """How many pages the batch being planned may hold."""

    def batches(
        self,
        pages: Iterator[Page],
        report: BuildReport,
        *,
        first: int | None = None,
        size: int | None = None,
    ) -> Iterator[list[Page]]:
        """Batches of `size` pages to render (`RENDER_BATCH`), the first of `first` if
        given."""
        size = size or RENDER_BATCH
        self.size = first or size
        while True:
            with report.timed("plan"):
                batch = self._next_batch(pages)
            self.size = size
            if not batch:
                self.before = {}
                return
            self.rendered += len(batch)
            yield batch

    def _next_batch(self, pages: Iterator[Page]) -> list[Page]:
        batch: list[Page] = []
        for page in pages:
            page.uri = sys.intern(page.uri)  # one copy, shared by the manifests
            if page.uri in self.signatures:
                raise OutputError(
                    f"two pages would be written to {page.uri}", hint="check for duplicate slugs"
                )
            if self.every is not None:
                self.every.add(page.uri)
            if self.sitemap:
                entry = sitemap_entry(self.model, page)
                if entry is not None:
                    self.entries.append(entry)
            if page.is_outline:
                continue
            signature = self.signatures[page.uri] = self.signer.sign(page.template, page.context)
            self.deps.add(page.uri, *self.signer.depends_on())
            if self.before.get(page.uri) == signature and self.writer.keep(page.uri):
                continue
            batch.append(page)
            if len(batch) == self.size:
                break
        return batch


def render_batch(
    renderer: Renderer,
    batch: list[Page],
    writer: OutputWriter,
    jobs: int | None,
    shown: Callable[[int], None],
    scheduler: str | None = None,
) -> None:
    """Render pages into `writer`; see `Rendering`."""
    Rendering(renderer, batch, writer, jobs, shown, scheduler).finish()


class Rendering:
    """Pages being rendered into `writer`: a big batch on a pool forked for it (so the
    workers see this batch) or on a cluster, a small one here, at once. The caller may
    do other work (plan the next batch) before `finish`, which must be called."""

    def __init__(
        self,
        renderer: Renderer,
        batch: list[Page],
        writer: OutputWriter,
        jobs: int | None,
        shown: Callable[[int], None],
        scheduler: str | None = None,
    ) -> None:
        self.batch, self.writer, self.shown = batch, writer, shown
        self.spool: Path | None = None
        renderer.render(batch[0])  # compiles templates once, before any fork
        self.executor: Executor = SerialExecutor()
        if len(batch) > RENDER_CHUNK * 2:
            self.executor = make_executor(jobs, scheduler)
        self.on_cluster = not isinstance(self.executor, SerialExecutor | ProcessExecutor)
        numbers = chunked(range(len(batch)), RENDER_CHUNK)
        try:
            if not self.on_cluster:
                # A pool submits every unit now and forks its workers with the first:
                # from here they hold this batch, whatever the parent does next.
                job = RenderJob(renderer, batch, writer)
                chunks = [RenderChunk(n) for n in numbers]
                results = self.executor.map(_render_chunk, chunks, shared=job)
                if isinstance(self.executor, SerialExecutor):
                    results = iter(list(results))  # rendered here, now
            else:
                results = self._on_cluster(renderer, numbers)
            self.results = results
        except BaseException:
            self.close()
            raise

    def _on_cluster(self, renderer: Renderer, numbers: list[list[int]]) -> Iterator[Any]:
        """Each unit carries its pages, packed against one table for the batch. Workers on
        this machine (local:N) write their pages into the build's tree, as a pool's do; a
        remote cluster's send the HTML back for the client to write."""
        # Packing in groups of 16 units, a table each and each group submitted once
        # packed, let the workers start sooner but sent a story once per group it shows
        # in: 2 s more CPU at 1,780 stories, and no faster on two busy cores.
        batch, writer = self.batch, self.writer
        spec = RenderSpec.of(renderer)
        local = self.executor.local_files
        self.spool = _spool_file(writer) if local else None
        packer = Packer(spec.term_stories, catalog=local, spool=self.spool)
        job_file = None if self.spool is None else self.spool.with_suffix(".job")
        try:
            chunks = [
                RenderChunk(
                    n,
                    packer.pack([batch[i] for i in n]),
                    writer.part(batch[i].uri for i in n) if local else None,
                    None if job_file is None else str(job_file),
                )
                for n in numbers
            ]
            job = RenderJob(spec, None, None, packer.table())
        finally:
            packer.close()
        if job_file is None:
            return self.executor.map(_render_chunk, chunks, shared=job)
        # Not scattered: a broadcast to a worker that has just died fails or hangs, where a
        # unit it held is simply run again elsewhere.
        job_file.write_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
        return self.executor.map(_render_spooled, chunks)

    def finish(self) -> None:
        batch, writer = self.batch, self.writer
        try:
            for done, seen in self.results:
                for i, made in done:
                    if seen is None:  # HTML came back from a cluster: written here
                        writer.write_text(batch[i].uri, made)
                    elif batch[i].uri not in writer.written:  # written in a worker process
                        writer.register(batch[i].uri, made)
                if seen is not None:
                    writer.saw(seen)
                self.shown(len(done))
        finally:
            self.close()

    def close(self) -> None:
        """Queued units cancelled, if any are left, and the batch's table file removed:
        every unit that reads it has finished (or will never run)."""
        self.executor.close()
        if self.spool is not None:
            for left in (self.spool, self.spool.with_suffix(".job")):
                with contextlib.suppress(FileNotFoundError):
                    left.unlink()
            self.spool = None


def _spool_file(writer: OutputWriter) -> Path | None:
    """A new file for a batch's table in the build's state folder (beside the catalog,
    which `local:N` workers read too), or None with no catalog on disk. Files a killed
    build left there go first: builds of a site never overlap (`site_lock`)."""
    if writer.catalog.path is None:
        return None
    folder = writer.catalog.path.parent
    mine = f"render-{os.getpid()}-"
    for left in [*folder.glob("render-*.table"), *folder.glob("render-*.job")]:
        if not left.name.startswith(mine):
            with contextlib.suppress(FileNotFoundError):
                left.unlink()
    fd, name = tempfile.mkstemp(prefix=mine, suffix=".table", dir=folder)
    os.close(fd)
    return Path(name)


def _last_modified(model: SiteModel, page: Page) -> Any:
    """The sitemap's lastmod: the newest story the page shows."""
    shown = [model.by_slug[s].date for s in page.shows if s in model.by_slug]
    return max((d for d in shown if d), default=None)


def sitemap_entry(model: SiteModel, page: Page) -> tuple[str, Any] | None:
    """(uri, lastmod) of a page for the sitemap; None for the 404 page."""
    shows = page.shows
    if len(shows) == 1 and shows[0] in model.by_slug:  # most pages of an outline
        return page.uri, model.by_slug[shows[0]].date
    return None if page.uri == "404.html" else (page.uri, _last_modified(model, page))


def write_feeds(
    model: SiteModel,
    config: SiteConfig,
    writer: OutputWriter,
    only: set[str] | None = None,
    terms: Container[tuple[str, str]] = (),
) -> None:
    """Every feed, or with `only` the feeds that show one of those stories, and those of
    `terms`."""
    feeds = [(config.title, "feed", "index.html", model.articles, False)]
    for kind in ("section", "topic"):
        for term in model.terms_of(kind):
            folder = term.uri.removesuffix("/index.html")
            title = f"{term.name} — {config.title}"
            touched = (kind, term.slug) in terms
            feeds.append((title, f"{folder}/feed", term.uri, term.articles, touched))
    for title, stem, page_uri, articles, touched in feeds:
        shown = articles[: config.feed_size]
        if only is not None and not touched and only.isdisjoint(a.slug for a in shown):
            continue
        for ext, fn in (("xml", atom), ("json", json_feed)):
            uri = f"{stem}.{ext}"
            writer.write_text(
                uri, fn(config, title=title, feed_uri=uri, page_uri=page_uri, articles=articles)
            )
