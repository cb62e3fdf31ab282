"""build(): the whole pipeline, one call per stage.

seeds -> ingest -> records -> site model -> pages -> render -> write

The catalog (`.newsgen/`) makes every stage incremental: an unchanged seed is
not read, an unchanged record not parsed, a page whose inputs did not change
not rendered, and a file whose bytes did not change not rewritten. When
nothing at all changed since the last build, nothing is done.
"""

from __future__ import annotations

import dataclasses
import gc
import sys
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

try:  # Unix only; elsewhere builds simply do not lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from newsgen.config import SiteConfig
from newsgen.incremental.catalog import Catalog
from newsgen.incremental.inputs import InputStats, output_marks
from newsgen.incremental.session import BuildSession
from newsgen.paths import SitePaths
from newsgen.report import BuildReport

# The stages are imported where a build has work for them: a build that finds nothing
# changed (the most common one) then costs no more than its input check.
if TYPE_CHECKING:
    from newsgen.article import Article
    from newsgen.executor import Executor
    from newsgen.incremental.delta import Delta
    from newsgen.output.standby import StandbyCopy
    from newsgen.output.writer import OutputWriter
    from newsgen.records.listing import Listing
    from newsgen.records.store import RecordStore
    from newsgen.site.model import SiteModel


@dataclass
class BuildResult:
    report: BuildReport
    pages: int = 0
    rendered: int = 0
    skipped: bool = False
    small: bool = False
    """Only what the changed stories reach was planned (see snapshot.py)."""
    built_elsewhere: bool = False
    """Skipped, because another process (a second `serve`, a build in a terminal) built
    the site since this session's last build: the site changed all the same."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    jobs: int | None = None
    """Worker processes; None means one per core."""
    scheduler: str | None = None
    """A Dask scheduler (`tcp://host:8786`, or `local:N`); None: the config's `executor`,
    else `jobs` processes."""
    cache: bool = True
    """Use the catalog in .newsgen/; False throws it away first: a clean build, whose
    catalog the next build then uses (as after `newsgen clean`, but the site is kept)."""
    progress: bool = False
    """Show progress on stderr for builds longer than a second."""


def open_catalog(paths: SitePaths, options: BuildOptions) -> Catalog:
    """The site's catalog; a new, empty one with `cache` off. Call under `site_lock`."""
    path = paths.state_dir / "catalog.sqlite"
    if not options.cache:
        Catalog.delete(path)
    return Catalog(path)


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
    told: dict[str, set[str]] | None = None,
) -> RecordStore:
    """seeds/ -> articles/, returning every record (cached ones as stubs with `lazy`).
    `told`: the files that may have changed since `previous` was made, by folder (see
    `InputStats.refreshed`); no other file is looked at."""
    from newsgen.records.intake import ingest_seeds
    from newsgen.records.store import RecordStore

    with report.timed("load records"):
        store = RecordStore.load(
            paths.articles_dir,
            paths.root,
            report,
            catalog,
            executor,
            lazy=lazy,
            listing=listing,
            previous=previous,
            changed=(told or {}).get(str(paths.articles_dir)),
        )
    with report.timed("ingest"):
        ingest_seeds(
            paths,
            config,
            store,
            report,
            executor,
            progress=progress,
            listing=listing,
            changed=(told or {}).get(str(paths.seeds_dir)),
        )
    store.catalog.commit()
    return store


def load_articles(store: RecordStore, config: SiteConfig) -> list[Article]:
    """Records as articles; hand-written ones get the analysis they left out (none
    with `analysis: false`)."""
    from newsgen.records.record_file import ANALYSIS_KEYS

    articles = []
    for slug in sorted(store.records):
        loaded = store.records[slug]
        if config.analysis and not loaded.has_hash and not set(ANALYSIS_KEYS) <= loaded.present:
            from newsgen.analysis import analyse  # only a record without its analysis needs it

            analyse(loaded.article, config.topics, keep=loaded.present)
        articles.append(loaded.article)
    return articles


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
    *,
    changed: Collection[str] | None = None,
) -> BuildResult:
    """`changed`: every file changed since the last build of this `session`, as a
    watcher saw them (absolute paths); then only those are looked at again."""
    with site_lock(paths), _no_gc():
        return _build(paths, config, report, options, session, changed)


def _build(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport | None,
    options: BuildOptions | None,
    session: BuildSession | None,
    changed: Collection[str] | None,
) -> BuildResult:
    """The stages in order; each skips what did not change (see incremental/)."""
    report = report or BuildReport()
    options = options or BuildOptions()
    if options.scheduler is None and config.executor is not None:  # the flag wins
        options = dataclasses.replace(options, scheduler=config.executor.scheduler)
    catalog = open_catalog(paths, options)
    had = session.generation if session is not None else None
    kept = session.take(catalog) if session is not None and options.cache else BuildSession()
    try:
        with report.timed("check inputs"):
            inputs = _inputs(paths, kept, session, changed)
            up_to_date = _up_to_date(paths, catalog, inputs)
        if up_to_date:
            elsewhere = had is not None and kept.generation is None
            if session is not None:
                session.keep_skipped(kept, paths, catalog, inputs)
            return BuildResult(report=report, skipped=True, built_elsewhere=elsewhere)
        loaded = _load(paths, config, report, options, catalog, inputs, kept, session)
        result, writer = _publish(paths, config, report, options, catalog, loaded, kept)
        with report.timed("finish"):
            _finish(paths, catalog, report, inputs, loaded.store)
    finally:
        catalog.close()
    if session is not None:
        if not result.small:
            loaded.store.as_stubs()  # the catalog holds them: keep what a small build would
        small = loaded.delta.snapshot if loaded.delta is not None and result.small else None
        session.keep(
            BuildSession(
                catalog.generation,
                loaded.store,
                writer.manifests(),
                small,
                inputs,
                clean=not report.errors,
            )
        )
    report.count("articles", len(loaded.model.articles))
    report.count("pages rendered", result.rendered)
    return result


def _inputs(
    paths: SitePaths,
    kept: BuildSession,
    session: BuildSession | None,
    changed: Collection[str] | None,
) -> InputStats:
    """Every input's stat; a session told what changed looks again only at that."""
    refreshed = None
    if kept.inputs is not None and changed is not None:
        refreshed = kept.inputs.refreshed(changed)
    return refreshed or InputStats(paths, session=session is not None)


def _up_to_date(paths: SitePaths, catalog: Catalog, inputs: InputStats) -> bool:
    """Nothing changed since the last clean build, and its site is there as it left it."""
    return (
        catalog.get_meta("inputs") == inputs.fingerprint()
        and (paths.output_dir / "index.html").is_file()
        and catalog.get_meta("output") == output_marks(paths.output_dir)
    )


@dataclass
class _Loaded:
    """What the load stages hand to publishing."""

    store: RecordStore
    model: SiteModel
    delta: Delta | None
    """Set when the model was restored and moved in place (the small path may fit)."""
    standby: StandbyCopy | None
    render_inputs: str


def _load(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport,
    options: BuildOptions,
    catalog: Catalog,
    inputs: InputStats,
    kept: BuildSession,
    session: BuildSession | None,
) -> _Loaded:
    """Records (seeds ingested first) and the site model, restored where it can be."""
    from newsgen.executor import make_executor
    from newsgen.incremental.delta import Delta
    from newsgen.output.standby import StandbyCopy
    from newsgen.records.intake import warm_up
    from newsgen.site.model import build_model

    executor = make_executor(options.jobs, options.scheduler)
    # Workers load the parsers and models while records load: in turn when the last
    # build was a clean one (an edit needs one worker), all at once for a first build.
    first = catalog.get_meta("inputs") is None
    executor.start(partial(warm_up, config.analysis), one_at_a_time=not first)
    # With a helper process to spare, the second output tree (if the last build was a
    # cold one) is linked while records load; see standby.StandbyCopy.
    with report.timed("standby tree"):
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
                lazy=True,
                listing=inputs.listing,
                previous=kept.store,
                told=inputs.told if kept.clean else None,  # set only when refreshed
            )
        finally:
            # A worker still loading models (`start`) need not hold up the build.
            executor.close(wait=False)
        for record, missing in store.unknown_related():
            named = ", ".join(repr(slug) for slug in missing)
            report.warn(f"{record}: 'related' names {named}, which no record has: left out")
        if session is None:
            inputs.listing.forget(str(paths.root))  # its entries are not needed again
        with report.timed("site model"):
            delta = Delta.prepare(store, catalog, inputs.render_inputs, config, kept.snapshot)
            if delta is not None:
                model = delta.model
            else:
                store.model_stubs()  # what the model reads of each story, not all of it
                articles = load_articles(store, config)
                model = build_model(articles, related_count=config.related_count)
    except BaseException:
        if standby is not None:
            standby.close()
        raise
    return _Loaded(store, model, delta, standby, inputs.render_inputs)


def _publish(
    paths: SitePaths,
    config: SiteConfig,
    report: BuildReport,
    options: BuildOptions,
    catalog: Catalog,
    loaded: _Loaded,
    kept: BuildSession,
) -> tuple[BuildResult, OutputWriter]:
    """Every page the change reaches (or every page) into the standby tree, then the
    swap; on any failure the published site stays as it was."""
    from newsgen.incremental import snapshot
    from newsgen.incremental.delta import analysed_at_load
    from newsgen.output import publish
    from newsgen.output.writer import OutputWriter

    with report.timed("standby tree"):
        writer = OutputWriter(paths.output_dir, catalog, loaded.standby, kept.manifests)
    try:
        press = publish.start(
            paths,
            config,
            writer,
            catalog,
            report,
            jobs=options.jobs,
            progress=options.progress,
            scheduler=options.scheduler,
        )
        delta = loaded.delta
        small = delta is not None and delta.fits(press)
        if delta is not None and small:
            published = delta.publish(press)
        else:
            keep = not analysed_at_load(loaded.store, config)
            published = publish.whole(
                loaded.model,
                press,
                search_terms=loaded.store.search_terms,
                snapshot_key=loaded.render_inputs if keep else None,
            )
        result = BuildResult(
            report=report, pages=published.pages, rendered=published.rendered, small=small
        )
        with report.timed("swap"):
            writer.commit()
    except BaseException:
        writer.abort()
        # What the catalog says was made was not published: trust none of it.
        catalog.replace_outputs({})
        snapshot.forget(catalog)
        raise
    return result, writer


def _finish(
    paths: SitePaths, catalog: Catalog, report: BuildReport, inputs: InputStats, store: RecordStore
) -> None:
    """What the next build compares with: the inputs and the published tree as left."""
    after = inputs.after_build(store.touched)
    # The published tree as this build left it (see standby._trusted).
    catalog.set_meta("output", output_marks(paths.output_dir))
    catalog.forget_replaced()
    if not report.errors:
        # Only a clean build may be skipped next time: errors must be shown again.
        catalog.set_meta("inputs", after)
    catalog.commit()


__all__ = ["BuildOptions", "BuildResult", "BuildSession", "build", "ingest", "load_articles"]
