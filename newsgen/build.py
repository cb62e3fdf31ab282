"""build(): the whole pipeline, one line per stage.

seeds -> ingest -> records -> site model -> pages -> render -> write

The catalog (`.newsgen/`) makes every stage incremental: an unchanged seed is
not read, an unchanged record not parsed, a page whose inputs did not change
not rendered, and a file whose bytes did not change not rewritten. When
nothing at all changed since the last build, nothing is done.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # Unix only; elsewhere builds simply do not lock or report memory
    import fcntl
    import resource
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    resource = None  # type: ignore[assignment]

from newsgen import snapshot
from newsgen.article import Article
from newsgen.catalog import MAX_PATCHED, Catalog
from newsgen.config import CONFIG_NAME, SiteConfig
from newsgen.errors import OutputError
from newsgen.executor import Executor, SerialExecutor, chunked, default_jobs, make_executor
from newsgen.feeds import atom, json_feed
from newsgen.intake import ingest_seeds, warm_up
from newsgen.listing import Listing
from newsgen.pages import Page, plan_pages
from newsgen.paths import SitePaths
from newsgen.progress import progress_counter
from newsgen.records import ANALYSIS_KEYS
from newsgen.render import Renderer, make_environment
from newsgen.report import BuildReport
from newsgen.search import is_index_file, patch_search, search_files
from newsgen.signature import Signer, templates_read_term_stories, theme_signature
from newsgen.site import SiteModel, build_model
from newsgen.sitemap import robots, sitemaps
from newsgen.snapshot import Snapshot
from newsgen.store import RecordStore
from newsgen.theme import theme_dir
from newsgen.write import OutputWriter, StandbyCopy

RENDER_CHUNK = 64
RENDER_BATCH = 4096


@dataclass
class BuildResult:
    report: BuildReport
    pages: int = 0
    rendered: int = 0
    skipped: bool = False
    small: bool = False
    """Only what the changed stories reach was planned (see snapshot.py)."""


@dataclass
class BuildSession:
    """What a long-lived process (`newsgen serve`) keeps from one build to the next:
    the records, the two trees' manifests and the model snapshot, so a rebuild after
    one edit reads none of them again. Trusted only while the catalog is as this
    session's last build left it (its generation): a build by another process in
    between, or a failed one, and the next build starts afresh."""

    generation: str | None = None
    store: RecordStore | None = None
    manifests: tuple[dict[str, str], dict[str, str] | None] | None = None
    snapshot: Snapshot | None = None

    def valid(self, catalog: Catalog) -> bool:
        current = catalog.get_meta("generation")
        return self.generation is not None and current == self.generation

    def forget(self) -> None:
        self.generation, self.store, self.manifests, self.snapshot = None, None, None, None


@dataclass(frozen=True, slots=True)
class BuildOptions:
    jobs: int | None = None
    """Worker processes; None means one per core."""
    cache: bool = True
    """Use and update the catalog in .newsgen/; False builds everything from scratch."""
    progress: bool = False
    """Show progress on stderr for builds longer than a second."""


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start
        if resource is not None:
            report.peaks[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_catalog(paths: SitePaths, options: BuildOptions) -> Catalog:
    return Catalog(paths.state_dir / "catalog.sqlite" if options.cache else None)


def ingest(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport,
    catalog: Catalog | None = None,
    executor: Executor | None = None,
    *,
    progress: bool = False,
    lazy: bool = False,
    listing: Listing | None = None,
    previous: RecordStore | None = None,
) -> RecordStore:
    """seeds/ -> articles/, returning every record (cached ones as stubs with `lazy`)."""
    with _timed(report, "load records"):
        store = RecordStore.load(
            paths.articles_dir,
            paths.root,
            report,
            catalog,
            executor,
            lazy=lazy,
            listing=listing,
            previous=previous,
        )
    with _timed(report, "ingest"):
        ingest_seeds(paths, config, store, report, executor, progress=progress, listing=listing)
    store.catalog.commit()
    return store


def load_articles(store: RecordStore, config: SiteConfig) -> list[Article]:
    """Records as articles; hand-written ones get the analysis they left out."""
    from newsgen.analysis import analyse  # only a record without its analysis needs it

    articles = []
    for slug in sorted(store.records):
        loaded = store.records[slug]
        if not loaded.has_hash and not set(ANALYSIS_KEYS) <= loaded.present:
            analyse(loaded.article, config.topics, keep=loaded.present)
        articles.append(loaded.article)
    return articles


class InputStats:
    """Size and mtime of every input, in a fixed order: equal means nothing changed.

    Kept by part, so the check at the end of a build (which wrote records) walks
    articles/ again but not seeds/ or the theme, which a build never writes. The
    listing is handed on to the record store and seed discovery.
    """

    def __init__(self, paths: SitePaths) -> None:
        self.paths = paths
        self.listing = Listing()
        self.theme = self._walk(
            [
                paths.templates_dir,
                paths.static_dir,
                theme_dir("templates"),
                theme_dir("static"),
                Path(__file__).parent,
                paths.root / CONFIG_NAME,
            ]
        )
        self.seeds = self._walk([paths.seeds_dir])
        # articles/ line by line, so the check after a build re-reads only what it wrote
        self._lines: dict[str, str] | None = {}
        self.articles = self._walk([paths.articles_dir], self._lines)

    def fingerprint(self) -> str:
        parts = (str(self.paths.output_dir), self.theme, self.seeds, self.articles)
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()

    def after_build(self, touched: set[str]) -> str:
        """The fingerprint after a build that wrote or removed the files `touched`
        (names in articles/). Only those are looked at again: a file a human changed
        while the build ran is still new to the next build."""
        lines, folder = self._lines, self.paths.articles_dir
        if lines is None:
            self.listing.forget(str(folder))
            self.articles = self._walk([folder])
            return self.fingerprint()
        for name in touched:
            try:
                st = os.lstat(folder / name)
            except OSError:
                lines.pop(name, None)
                continue
            lines[name] = f"{name}:{st.st_size}:{st.st_mtime_ns}\0"
        h = hashlib.blake2b(digest_size=16)
        h.update(b"\x01" + str(folder).encode())
        for name in sorted(lines):
            h.update(lines[name].encode())
        self.articles = h.hexdigest()
        return self.fingerprint()

    def _walk(self, roots: list[Path], lines: dict[str, str] | None = None) -> str:
        h = hashlib.blake2b(digest_size=16)
        for root in roots:
            h.update(b"\x01" + str(root).encode())
            if root.is_dir():
                self._walk_into(h, str(root), lines)
            elif root.exists():
                st = root.lstat()
                h.update(f"{root}:{st.st_size}:{st.st_mtime_ns}\0".encode())
        return h.hexdigest()

    def _walk_into(self, h: Any, folder: str, lines: dict[str, str] | None = None) -> None:
        subdirs = []
        for entry in self.listing.entries(folder):
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry.path)
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            line = f"{entry.name}:{st.st_size}:{st.st_mtime_ns}\0"
            if lines is not None:
                lines[entry.name] = line
            h.update(line.encode())
        if subdirs and lines is not None:
            self._lines = None  # not a flat folder: the check after a build walks it again
        for sub in subdirs:
            h.update(b"\x02" + sub.encode())
            self._walk_into(h, sub)


@contextmanager
def site_lock(paths: SitePaths) -> Iterator[None]:
    """One build or ingest at a time per site (say `newsgen serve` and a build in a terminal):
    two would write the same records, catalog and standby tree."""
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with open(paths.state_dir / "lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Waiting for another newsgen build of this site to finish...", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _no_gc() -> Iterator[None]:
    """A build makes hundreds of thousands of long-lived, acyclic objects; the cyclic
    collector would rescan them again and again (a third of record loading)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport | None = None,
    options: BuildOptions | None = None,
    session: BuildSession | None = None,
) -> BuildResult:
    with site_lock(paths), _no_gc():
        return _build(paths, config, report, options, session)


def _build(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport | None,
    options: BuildOptions | None,
    session: BuildSession | None,
) -> BuildResult:
    report = report or BuildReport()
    options = options or BuildOptions()
    catalog = open_catalog(paths, options)
    kept = BuildSession()
    if session is not None:
        if options.cache and session.valid(catalog):
            kept = BuildSession(**vars(session))
        session.forget()  # until this build has finished
    try:
        with _timed(report, "check inputs"):
            inputs = InputStats(paths)
            fingerprint = inputs.fingerprint()
        if (
            options.cache
            and catalog.get_meta("inputs") == fingerprint
            and (paths.output_dir / "index.html").is_file()
        ):
            if session is not None:  # nothing changed: neither did what it kept
                session.__dict__.update(vars(kept))
            return BuildResult(report=report, skipped=True)
        executor = make_executor(options.jobs)
        executor.start(warm_up)  # workers load the parsers and models while records load
        # With a helper process to spare, the second output tree (if the last build was a
        # cold one) is linked while records load; see write.StandbyCopy.
        with _timed(report, "standby tree"):
            standby = StandbyCopy(paths.output_dir, catalog) if executor.jobs > 1 else None
        try:
            try:
                store = ingest(
                    paths,
                    config,
                    report,
                    catalog,
                    executor,
                    progress=options.progress,
                    lazy=options.cache,
                    listing=inputs.listing,
                    previous=kept.store,
                )
            finally:
                # A worker still loading models (`start`) need not hold up the build.
                executor.close(wait=False)
            inputs.listing.forget(str(paths.root))  # its entries are not needed again
            with _timed(report, "site model"):
                theme = inputs.theme
                delta = (
                    Delta.prepare(store, catalog, theme, kept.snapshot) if options.cache else None
                )
                if delta is not None:
                    model = delta.model
                else:
                    store.materialise()
                    model = build_model(
                        load_articles(store, config), related_count=config.related_count
                    )
        except BaseException:
            if standby is not None:
                standby.close()
            raise
        with _timed(report, "standby tree"):
            writer = OutputWriter(paths.output_dir, catalog, standby, kept.manifests)
        try:
            files = {slug: f"articles/{r.name}" for slug, r in store.records.items()}
            result = render_site(
                model,
                paths,
                config,
                writer,
                report,
                catalog,
                options,
                search_terms=lambda a: catalog.record_terms(files[a.slug]),
                delta=delta,
                snapshot_key=theme if options.cache and not _analysed_at_load(store) else None,
            )
            with _timed(report, "swap"):
                writer.commit()
        except BaseException:
            writer.abort()
            # What the catalog says was made was not published: trust none of it.
            catalog.replace_outputs({})
            snapshot.forget(catalog)
            raise
        with _timed(report, "finish"):
            if not report.errors:
                # Only a clean build may be skipped next time: errors must be shown again.
                catalog.set_meta("inputs", inputs.after_build(store.touched))
            catalog.commit()
    finally:
        catalog.close()
    if session is not None and options.cache:
        session.generation = catalog.generation
        session.store, session.manifests = store, writer.manifests()
        session.snapshot = delta.snapshot if delta is not None and result.small else None
    report.count("articles", len(model.articles))
    report.count("pages rendered", result.rendered)
    return result


def _analysed_at_load(store: RecordStore) -> bool:
    """Some record leaves out its analysis, so each build analyses it anew (see
    `load_articles`): its stories cannot be kept as stubs."""
    keys = set(ANALYSIS_KEYS)
    return any(not r.has_hash and not keys <= r.present for r in store.records.values())


@dataclass
class Delta:
    """A build whose changed records all kept their shape: the last build's model with
    them swapped in, and the pages that depend on them (see snapshot.py)."""

    model: SiteModel
    changed: list[str]
    snapshot: Snapshot
    store: RecordStore

    @classmethod
    def prepare(
        cls, store: RecordStore, catalog: Catalog, theme: str, known: Snapshot | None = None
    ) -> Delta | None:
        """`known`: the snapshot as this process's last build left it, if it still is."""
        if catalog.replaced_terms is None or _analysed_at_load(store):
            return None
        if known is not None and known.data["theme"] == theme:
            found: Snapshot | None = known
        else:
            found = Snapshot.load(catalog, theme)
        if found is None:
            return None
        articles = {slug: r.article for slug, r in store.records.items()}
        changed = found.changed(articles)
        if changed is None or len(changed) > MAX_PATCHED:
            return None
        return cls(found.restore(articles), changed, found, store)

    def words(self, catalog: Catalog) -> list[tuple[int, str, str]] | None:
        """(story number, old words, new words) of each changed story, if all are known."""
        number = {a.slug: i for i, a in enumerate(self.model.articles)}
        out = []
        for slug in self.changed:
            rel = f"articles/{self.store.records[slug].name}"
            old = (catalog.replaced_terms or {}).get(rel)
            new = catalog.record_terms(rel)
            if old is None or new is None:
                return None
            out.append((number[slug], old, new))
        return out


# Handed to forked render workers; set just before the pool starts.
_RENDER_JOB: tuple[Renderer, list[Page], OutputWriter] | None = None


def _render_chunk(indexes: list[int]) -> list[tuple[int, str]]:
    assert _RENDER_JOB is not None
    renderer, pages, writer = _RENDER_JOB
    return [(i, writer.write_text(pages[i].uri, renderer.render(pages[i]))) for i in indexes]


def render_site(
    model: SiteModel,
    paths: SitePaths,
    config: SiteConfig,
    writer: OutputWriter,
    report: BuildReport,
    catalog: Catalog | None = None,
    options: BuildOptions | None = None,
    *,
    search_terms: Callable[[Article], str | None] | None = None,
    delta: Delta | None = None,
    snapshot_key: str | None = None,
) -> BuildResult:
    """Pages, feeds, search index and sitemap into `writer`; `search_terms` gives a
    story's cached `search.index_terms` (None: tokenise every story).

    With `delta`, only what depends on its changed stories, if the theme is as it was;
    with `snapshot_key`, the model is kept for the next build's delta.
    """
    catalog = catalog or Catalog(None)
    options = options or BuildOptions()
    with _timed(report, "static"):
        assets = writer.copy_static([theme_dir("static"), paths.static_dir])
    renderer = Renderer(make_environment(paths.templates_dir), config, assets)
    with _timed(report, "plan"):
        template_dirs = [paths.templates_dir, theme_dir("templates")]
        base = theme_signature(config, template_dirs, assets)
        signer = Signer(base, term_stories=templates_read_term_stories(template_dirs))
    if delta is not None and catalog.get_meta("base") == base and writer.can_keep_rest():
        return _render_delta(delta, renderer, config, writer, report, catalog, options, signer)
    with _timed(report, "plan"):
        plan = _Plan(model, signer, catalog.outputs(), writer)
    batches = plan.batches(plan_pages(model, config), report)
    with progress_counter(desc="Rendering", enabled=options.progress) as shown:
        for batch in batches:
            with _timed(report, "render"):
                _render_batch(renderer, batch, writer, options.jobs, shown)
    if (options.jobs or default_jobs()) > 1:
        writer.start_second_tree()
    with _timed(report, "snapshot"):
        # Before the search index: its dependencies need not be held beside it.
        if snapshot_key is not None:
            snapshot.save(catalog, snapshot_key, model, plan.deps)
        else:
            snapshot.forget(catalog)
        plan.deps = snapshot.PageDeps()
    with _timed(report, "feeds"):
        _write_feeds(model, config, writer)
    with _timed(report, "search index"):
        for uri, text in search_files(model.articles, search_terms):
            writer.write_text(uri, text)
    with _timed(report, "sitemap"):
        for uri, lines in sitemaps(config, plan.entries):
            writer.write_stream(uri, lines)
        writer.write_text("robots.txt", robots(config))
    catalog.replace_outputs(plan.signatures)
    catalog.set_meta("base", base)
    return BuildResult(report=report, pages=len(plan.signatures), rendered=plan.rendered)


def _render_delta(
    delta: Delta,
    renderer: Renderer,
    config: SiteConfig,
    writer: OutputWriter,
    report: BuildReport,
    catalog: Catalog,
    options: BuildOptions,
    signer: Signer,
) -> BuildResult:
    """Re-plan, sign and render only the pages that depend on the changed stories, and
    patch the feeds and search files that show them; keep every other file."""
    model, changed = delta.model, delta.changed
    with _timed(report, "plan"):
        wanted = delta.snapshot.pages_of(catalog, changed)
        before = catalog.signatures(wanted)
        signed: dict[str, str] = {}
        batch = []
        for page in plan_pages(model, config, wanted=wanted):
            signature = signed[page.uri] = signer.sign(page.template, page.context)
            if before.get(page.uri) == signature and writer.keep(page.uri):
                continue
            batch.append(page)
    with (
        progress_counter(desc="Rendering", enabled=options.progress) as shown,
        _timed(report, "render"),
    ):
        if batch:
            _render_batch(renderer, batch, writer, options.jobs, shown)
    with _timed(report, "feeds"):
        _write_feeds(model, config, writer, only=set(changed))
    drop: set[str] = set()
    with _timed(report, "search index"):
        number = {a.slug: i for i, a in enumerate(model.articles)}
        words = delta.words(catalog)
        patch = None
        if words is not None:
            docs = [(number[slug], model.by_slug[slug]) for slug in changed]
            patch = patch_search(writer.read_live, words, docs)
        if patch is None:  # rare: a shard splits; the index is made whole (reading stubs)
            terms = delta.store.catalog.record_terms
            files = {slug: f"articles/{r.name}" for slug, r in delta.store.records.items()}
            patch = dict(search_files(model.articles, lambda a: terms(files[a.slug])))
            drop = {uri for uri in writer.live or {} if is_index_file(uri)} - set(patch)
        for uri, text in patch.items():
            if text is None:
                drop.add(uri)
            else:
                writer.write_text(uri, text)
    writer.keep_rest(drop)
    catalog.update_outputs(signed)
    with _timed(report, "snapshot"):
        delta.snapshot.update(catalog, model.by_slug, changed)
    report.count("stories changed in place", len(changed))
    return BuildResult(report=report, pages=len(writer.target), rendered=len(batch), small=True)


class _Plan:
    """Signs every planned page and hands out those to render, in batches.

    Only the batch being rendered is kept, so not even a cold build holds 50k page
    contexts at once; what outlives a page is its signature and sitemap entry.
    """

    def __init__(
        self, model: SiteModel, signer: Signer, before: dict[str, str], writer: OutputWriter
    ) -> None:
        self.model, self.signer, self.before, self.writer = model, signer, before, writer
        self.signatures: dict[str, str] = {}
        self.deps = snapshot.PageDeps()
        self.entries: list[tuple[str, Any]] = []
        self.rendered = 0

    def batches(self, pages: Iterator[Page], report: BuildReport) -> Iterator[list[Page]]:
        while True:
            with _timed(report, "plan"):
                batch = self._next_batch(pages)
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
            signature = self.signatures[page.uri] = self.signer.sign(page.template, page.context)
            self.deps.add(page.uri, *self.signer.depends_on())
            if page.uri != "404.html":
                self.entries.append((page.uri, _last_modified(self.model, page)))
            if self.before.get(page.uri) == signature and self.writer.keep(page.uri):
                continue
            batch.append(page)
            if len(batch) == RENDER_BATCH:
                break
        return batch


def _render_batch(
    renderer: Renderer,
    batch: list[Page],
    writer: OutputWriter,
    jobs: int | None,
    shown: Callable[[int], None],
) -> None:
    """Render pages into `writer`; a big batch on a pool forked for it (so the workers
    see this batch), a small one here."""
    global _RENDER_JOB
    renderer.render(batch[0])  # compiles templates once, before any fork
    executor: Executor = SerialExecutor()
    if len(batch) > RENDER_CHUNK * 2:
        executor = make_executor(jobs)
    _RENDER_JOB = (renderer, batch, writer)
    try:
        for done in executor.map(_render_chunk, chunked(range(len(batch)), RENDER_CHUNK)):
            for i, digest in done:
                if batch[i].uri not in writer.written:  # written in a worker process
                    writer.register(batch[i].uri, digest)
            shown(len(done))
    finally:
        _RENDER_JOB = None
        executor.close()


def _last_modified(model: SiteModel, page: Page) -> Any:
    """The sitemap's lastmod: the newest story the page shows."""
    shown = [model.by_slug[s].date for s in page.shows if s in model.by_slug]
    return max((d for d in shown if d), default=None)


def _write_feeds(
    model: SiteModel, config: SiteConfig, writer: OutputWriter, only: set[str] | None = None
) -> None:
    """Every feed, or with `only` the feeds that show one of those stories."""
    feeds = [(config.title, "feed", "index.html", model.articles)]
    for kind in ("section", "topic"):
        for term in model.terms_of(kind):
            folder = term.uri.removesuffix("/index.html")
            feeds.append(
                (f"{term.name} — {config.title}", f"{folder}/feed", term.uri, term.articles)
            )
    for title, stem, page_uri, articles in feeds:
        if only is not None and only.isdisjoint(a.slug for a in articles[: config.feed_size]):
            continue
        for ext, fn in (("xml", atom), ("json", json_feed)):
            uri = f"{stem}.{ext}"
            writer.write_text(
                uri, fn(config, title=title, feed_uri=uri, page_uri=page_uri, articles=articles)
            )


__all__ = ["BuildOptions", "BuildResult", "build", "ingest", "load_articles"]
