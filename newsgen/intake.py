"""Seeds -> records: ingest new or changed seeds, never overwriting a human's edit.

A seed whose bytes hash to the `source_hash` of its record is not parsed
again. A changed seed whose record a human has edited is reported as a
conflict and the human's version is kept.
"""

from __future__ import annotations

from newsgen.analysis import analyse
from newsgen.config import SiteConfig
from newsgen.errors import SeedError
from newsgen.ingest import ingest_bytes
from newsgen.paths import SitePaths
from newsgen.report import BuildReport
from newsgen.seeds import find_seeds, hash_bytes
from newsgen.slugs import make_slug, unique_slug
from newsgen.store import RecordStore


def ingest_seeds(
    paths: SitePaths, config: SiteConfig, store: RecordStore, report: BuildReport
) -> None:
    """Bring articles/ up to date with seeds/."""
    for seed in find_seeds(paths.seeds_dir, paths.root, report):
        try:
            data = seed.read()
        except SeedError as exc:
            report.error(exc)
            continue
        digest = hash_bytes(data)
        slug = store.by_source.get(seed.uri)
        existing = store.records.get(slug) if slug else None
        if existing is not None and existing.article.source_hash == digest:
            report.count("seeds unchanged")
            continue
        if existing is not None and not existing.generated:
            report.warn(
                f"{seed.uri} changed, but its record {existing.path.name} was edited by hand; "
                "kept the edited record (delete it to re-ingest the seed)"
            )
            report.count("conflicts")
            continue
        try:
            article = ingest_bytes(data, source_file=seed.uri, mtime=seed.mtime)
        except SeedError as exc:
            report.error(exc)
            continue
        keep = set(article.locked)
        analyse(article, config.topics, keep=keep)
        if existing is not None:
            article.slug = existing.article.slug
            old = existing.article
            if article.date_source == "file mtime" and old.date is not None:
                # The date chosen at first ingest is part of the record; keep it.
                article.date, article.date_source = old.date, old.date_source
        else:
            suggested = article.extra.pop("slug", None)
            base = make_slug(suggested if isinstance(suggested, str) else article.title)
            article.slug = unique_slug(base, seed.uri, store.taken)
        store.save(article)
        report.count("seeds ingested")
