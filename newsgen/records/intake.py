"""Seeds -> records: ingest new or changed seeds, never overwriting a human's edit.

A seed whose size and mtime match the catalog is not even read; one whose
bytes hash to the `source_hash` of its record is not parsed again. Parsing
and analysis run on the executor in coarse chunks; slugs are given and records
written here, in seed order, so any number of jobs gives the same records.
A changed seed whose record a human has edited is reported as a conflict and
the human's version is kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from newsgen.article import Article
from newsgen.config import SiteConfig, TopicRule
from newsgen.errors import SeedError
from newsgen.executor import Executor, SerialExecutor, chunked, flatten
from newsgen.incremental.catalog import Catalog
from newsgen.paths import SitePaths
from newsgen.progress import progress as show_progress
from newsgen.records.cached import PreparedRecord, prepare
from newsgen.records.listing import Listing
from newsgen.records.seeds import Seed, find_seeds, hash_bytes, named_seeds
from newsgen.records.store import RecordStore
from newsgen.report import BuildReport
from newsgen.slugs import make_slug, unique_slug

CHUNK = 32


@dataclass(frozen=True, slots=True)
class _Job:
    seed: Seed
    # None: the worker reads the file (a new seed), so a cold build never holds them all.
    data: bytes | None
    rules: tuple[TopicRule, ...]
    # The site's `year:` (newsgen.yaml), for datelines that give only month and day.
    year: int | None
    # False with `analysis: false`: the record keeps what the text and front matter give.
    analyse: bool
    # The slug of the seed's record, if it has one; else the worker proposes one.
    slug: str | None


def _ingest_one(job: _Job) -> PreparedRecord | SeedError:
    """Parse, analyse and serialise one seed: everything but the writing, which stays
    in one process (in seed order) so slugs never depend on the number of jobs."""
    # Imported here: the parent process never parses or analyses, so it never loads
    # the parsers and models (see `warm_up`).
    from newsgen.ingest import ingest_bytes

    seed = job.seed
    try:
        data = job.data if job.data is not None else seed.read()
        article = ingest_bytes(data, source_file=seed.uri, mtime=seed.mtime, default_year=job.year)
    except SeedError as exc:
        return exc
    from newsgen.analysis.taxonomy import front_matter_terms

    front_matter_terms(article)
    if job.analyse:
        from newsgen.analysis import analyse

        analyse(article, job.rules, keep=set(article.locked))
    if job.slug is not None:
        article.slug = job.slug
    else:
        suggested = article.extra.pop("slug", None)
        article.slug = make_slug(suggested if isinstance(suggested, str) else article.title)
    return prepare(article)


def _ingest_chunk(jobs: list[_Job]) -> list[PreparedRecord | SeedError]:
    return [_ingest_one(job) for job in jobs]


def _with_bytes(jobs: list[_Job]) -> list[_Job]:
    """Jobs that carry their seed's bytes (one the client cannot read is read, and
    reported, by the worker)."""
    out = []
    for job in jobs:
        if job.data is None:
            with contextlib.suppress(SeedError):
                job = dataclasses.replace(job, data=job.seed.read())
        out.append(job)
    return out


def warm_up(analysis: bool = True) -> None:
    """What an ingest worker needs, loaded before it is needed (`Executor.start`);
    without `analysis`, the models are never imported."""
    from newsgen.ingest import ingest_bytes

    if analysis:
        from newsgen.analysis import warm_up as load_models

        load_models()
    ingest_bytes(b"Warm up\n\nA paragraph.\n", source_file="seeds/warm-up.txt")


def changed_seeds(
    seeds: Sequence[Seed],
    store: RecordStore,
    catalog: Catalog,
    report: BuildReport,
    *,
    every: bool = True,
) -> list[tuple[Seed, bytes | None]]:
    """The seeds whose bytes differ from what their record was made from, with those
    bytes where they had to be read to tell (None for a seed with no record yet).
    `every`: `seeds` are all the site's seeds (else only the catalog rows of those
    are read)."""
    known = catalog.file_hashes(None if every else [s.uri for s in seeds])
    todo: list[tuple[Seed, bytes | None]] = []
    rows = []
    for seed in seeds:
        slug = store.by_source.get(seed.uri)
        record = store.records.get(slug) if slug else None
        if record is None:
            todo.append((seed, None))
            continue
        hit = known.get(seed.uri)
        if (
            hit is not None
            and hit[:2] == (seed.size, seed.mtime_ns)
            and hit[2] == record.article.source_hash
        ):
            report.count("seeds unchanged")
            continue
        try:
            data = seed.read()
        except SeedError as exc:
            report.error(exc)
            continue
        digest = hash_bytes(data)
        rows.append((seed.uri, seed.size, seed.mtime_ns, digest))
        if record.article.source_hash == digest:
            report.count("seeds unchanged")
            continue
        todo.append((seed, data))
    catalog.put_files(rows)
    return todo


def ingest_seeds(
    paths: SitePaths,
    config: SiteConfig,
    store: RecordStore,
    report: BuildReport,
    executor: Executor | None = None,
    *,
    progress: bool = False,
    listing: Listing | None = None,
    changed: Collection[str] | None = None,
) -> None:
    """Bring articles/ up to date with seeds/. `changed`: after a store load told what
    changed, the only files in a flat seeds/ that may have changed since the last build
    (a watcher's report); then only those, and the seeds of the records that changed,
    are looked at."""
    executor = executor or SerialExecutor()
    if changed is None or store.seeds_to_check is None or listing is None:
        every = True
        seeds = find_seeds(paths.seeds_dir, paths.root, report, listing)
        looked_at = store.by_source
    else:
        every = False
        uris = {f"seeds/{name}" for name in changed} | store.seeds_to_check
        seeds = named_seeds(paths.seeds_dir, paths.root, uris, report, listing)
        looked_at = {uri: store.by_source[uri] for uri in uris if uri in store.by_source}
    _drop_orphans(store, looked_at, {s.uri for s in seeds}, paths, report)
    todo = []
    for seed, data in changed_seeds(seeds, store, store.catalog, report, every=every):
        slug = store.by_source.get(seed.uri)
        existing = store.records.get(slug) if slug else None
        claimed = store.broken_sources.get(seed.uri) if existing is None else None
        if claimed is not None:
            report.warn(
                f"{seed.uri} was not ingested: its record articles/{claimed} has errors "
                "(fix the record, or delete it to re-ingest the seed)"
            )
            continue
        if existing is not None and not existing.generated:
            report.warn(
                f"{seed.uri} changed, but its record {existing.path.name} was edited by hand; "
                "kept the edited record (delete it to re-ingest the seed)"
            )
            report.count("conflicts")
            continue
        rules, year, analyse = config.topics, config.year, config.analysis
        todo.append(_Job(seed=seed, data=data, rules=rules, year=year, analyse=analyse, slug=slug))
    if not todo:
        return
    units: Iterable[list[_Job]] = chunked(todo, CHUNK)
    if not executor.local_files:  # a cluster's worker may be another machine
        units = map(_with_bytes, units)  # read as each unit is sent, not all at once
    results = flatten(executor.map(_ingest_chunk, units))
    shown = show_progress(results, total=len(todo), desc="Ingesting", enabled=progress)
    read_by_workers = []
    ingested = set()
    for job, result in zip(todo, shown, strict=True):
        if isinstance(result, SeedError):
            report.error(result)
            continue
        article = result.article()
        if job.data is None:
            seed = job.seed
            read_by_workers.append((seed.uri, seed.size, seed.mtime_ns, article.source_hash))
        _store(article, result, job.seed.uri, store)
        # Its paragraphs are read from the catalog from here on: asked as the worker sent
        # them, so the parent never loads a story's text to know it has one.
        _warn_of_gaps(article, job.seed.uri, report, no_text=result.body == "[]")
        ingested.add(job.seed.uri)
        report.count("seeds ingested")
    store.catalog.put_files(read_by_workers)
    _warn_of_copies(store, ingested, report)


def _warn_of_gaps(article: Article, uri: str, report: BuildReport, *, no_text: bool) -> None:
    """What a story was published without: its body (`no_text`: no paragraphs), or the
    year of its dateline."""
    if no_text and article.body_markdown is None:
        report.warn(
            f"{uri} has a headline but no story text: published as a headline-only story "
            "(add the story's paragraphs below the headline, separated by blank lines)"
        )
    if article.date_source == "dateline, year from file mtime" and article.date is not None:
        report.warn(
            f"{uri}: the dateline gives the month and day but no year; took "
            f"{article.date.year} from the file's time (file the seed under a year folder, "
            "e.g. seeds/1987/, or set 'year:' in newsgen.yaml)"
        )


def _warn_of_copies(store: RecordStore, ingested: set[str], report: BuildReport) -> None:
    """Seeds with the same bytes, one of them ingested now: the story would be published
    twice (the same wire story saved twice, a file copied by mistake). Both are kept, as
    newsgen cannot know which one the newsroom means; the warning says to delete one."""
    if not ingested:
        return
    by_hash: dict[str, list[str]] = {}
    for loaded in store.records.values():
        a = loaded.article
        if a.source_hash and a.source_file:
            by_hash.setdefault(a.source_hash, []).append(a.source_file)
    copies = {tuple(sorted(seeds)) for seeds in by_hash.values() if len(seeds) > 1}
    for seeds in sorted(group for group in copies if ingested.intersection(group)):
        report.warn(
            f"{', '.join(seeds)} have the same text: the story is published "
            f"{len(seeds)} times (delete all but one of them)"
        )


def _store(article: Article, prepared: PreparedRecord, uri: str, store: RecordStore) -> None:
    slug = store.by_source.get(uri)
    existing = store.records.get(slug) if slug else None
    if existing is not None:
        old = existing.article
        # The date chosen at first ingest is part of the record; keep it.
        guessed = ("file mtime", "dateline, year from file mtime")
        keep_date = article.date_source in guessed and old.date is not None
        if keep_date and (article.date, article.date_source) != (old.date, old.date_source):
            article.date, article.date_source = old.date, old.date_source
            store.save(article)  # not as prepared: made again with the kept date
            return
    else:
        article.slug = unique_slug(article.slug, uri, store.taken)
    store.save(article, prepared)


def _drop_orphans(
    store: RecordStore,
    claimed: dict[str, str],
    seed_uris: set[str],
    paths: SitePaths,
    report: BuildReport,
) -> None:
    """A seed was deleted: remove its record too, unless a human has edited it.
    `claimed`: the seeds to look at (seed uri -> the slug of its record)."""
    if not paths.seeds_dir.is_dir():
        return  # no seeds folder at all: a records-only site
    for source, slug in sorted(claimed.items()):
        if source in seed_uris or not source.startswith("seeds/"):
            continue
        loaded = store.records.get(slug)
        if loaded is None:
            continue
        if loaded.generated:
            store.remove(slug)
            report.count("records removed")
        else:
            report.warn(f"{source} was deleted; kept its hand-edited record {loaded.path.name}")
