"""The record store: every record in articles/, read once per command.

It answers "which record came from this seed?" and "is this slug taken?", and
it is the only code that writes records, so the never-overwrite-an-edit rule
lives in one place. With a catalog, a record whose size and mtime did not
change is taken from the catalog instead of being parsed again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgen.article import Article
from newsgen.errors import RecordError
from newsgen.executor import Executor, SerialExecutor, chunked, flatten
from newsgen.incremental.catalog import Catalog
from newsgen.records.cached import (
    CHUNK,
    Fetch,
    PreparedRecord,
    Reader,
    claimed_seed,
    from_cache,
    load_stub,
    prepare,
    read_body,
    read_chunk,
    shed_quotes,
    stored_article,
    stub_record,
)
from newsgen.records.listing import Entry, Listing
from newsgen.records.record_file import (
    ANALYSIS_KEYS,
    TEMP_PREFIX,
    LoadedRecord,
    write_record,
)
from newsgen.records.serial import LazyParagraphs
from newsgen.records.stub import ArticleStub, head_of
from newsgen.report import BuildReport


@dataclass
class RecordStore:
    """Records by slug; malformed ones are reported and left untouched on disk."""

    articles_dir: Path
    root: Path
    catalog: Catalog = field(default_factory=lambda: Catalog(None))
    records: dict[str, LoadedRecord] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    # Seeds claimed by a record that has errors (seed uri -> record file name): not
    # ingested again while it does, or fixing the record would leave the story twice.
    broken_sources: dict[str, str] = field(default_factory=dict)
    # Names of the files in articles/ this store wrote or removed.
    touched: set[str] = field(default_factory=set)
    reader: Reader | None = None
    # After a load told what changed: the seeds of the records it read again or found
    # gone (their seeds must be looked at too). None after a whole load.
    seeds_to_check: set[str] | None = None

    def __post_init__(self) -> None:
        if self.reader is None:
            self.reader = Reader(self.catalog)

    @classmethod
    def load(
        cls,
        articles_dir: Path,
        root: Path,
        report: BuildReport,
        catalog: Catalog | None = None,
        executor: Executor | None = None,
        *,
        lazy: bool = False,
        listing: Listing | None = None,
        previous: RecordStore | None = None,
        changed: Collection[str] | None = None,
    ) -> RecordStore:
        """With `lazy`, a cached record is an `ArticleStub` until something reads more
        than its head (`materialise` reads them all). `previous` is this site's store
        as the last build in this process left it, with the catalog unchanged since:
        its unchanged records are taken as they are. `changed`: with `previous` from a
        build without errors, the only files in articles/ that may have changed since
        (a watcher's report): no other is looked at."""
        store = cls(articles_dir=articles_dir, root=root, catalog=catalog or Catalog(None))
        if previous is not None and previous.reader is not None:
            # Its stubs and lazy bodies read through this reader: point it at this build.
            store.reader = previous.reader
            store.reader.catalog = store.catalog
        if previous is not None and changed is not None and articles_dir.is_dir():
            if store._load_changed(previous, changed, report, executor, listing or Listing()):
                return store
            store.broken, store.broken_sources = set(), {}
        store._load_all(report, executor, lazy=lazy, listing=listing, previous=previous)
        return store

    def _load_all(
        self,
        report: BuildReport,
        executor: Executor | None,
        *,
        lazy: bool,
        listing: Listing | None,
        previous: RecordStore | None,
    ) -> None:
        reader = self.reader
        assert reader is not None
        if not self.articles_dir.is_dir():
            return
        cached = self.catalog.record_stats()
        seen: set[str] = set()
        hits: dict[str, str] = {}  # catalog path -> file
        misses: list[Path] = []
        for entry in (listing or Listing()).entries(str(self.articles_dir)):
            rel = self._look_at(entry, report)
            if rel is None:
                continue
            st = entry.stat()
            seen.add(rel)
            if cached.get(rel) == (st.st_size, st.st_mtime_ns):
                hits[rel] = entry.path
            else:
                misses.append(Path(entry.path))
        clashes = _Clashes(self)
        if hits:
            report.count("records cached", len(hits))
            if previous is not None:
                known = {r.name: r for r in previous.records.values()}
                for rel in list(hits):
                    loaded = known.get(rel.removeprefix("articles/"))
                    if loaded is not None:
                        clashes.add(loaded)
                        del hits[rel]
        if hits:
            if lazy:
                for rel, *head in self.catalog.iter_heads():
                    if rel in hits:
                        clashes.add(stub_record(rel, hits[rel], head, reader))
            else:
                for rel, data in self.catalog.iter_records():
                    if rel in hits:
                        clashes.add(from_cache(hits[rel], data, reader))
        for parsed in self._read(misses, report, executor):  # cached as each one comes
            clashes.add(self._cache(parsed, stub=lazy))
        clashes.settle(report)
        self._claim_seeds()
        self.catalog.drop_records(set(cached) - seen)

    def _claim_seeds(self) -> None:
        """Which record each seed belongs to: the lowest slug that names it, so it never
        depends on what was cached or in which order records were read."""
        claims: dict[str, str] = {}
        for slug, loaded in self.records.items():
            source = loaded.article.source_file
            if source and (source not in claims or slug < claims[source]):
                claims[source] = slug
        self.by_source = claims

    def _load_changed(
        self,
        previous: RecordStore,
        names: Collection[str],
        report: BuildReport,
        executor: Executor | None,
        listing: Listing,
    ) -> bool:
        """`previous` with only the files `names` looked at again. False when a whole
        load is needed (a named record that has, had or would take another record's
        slug); it then reports nothing and leaves the catalog as a whole load would."""
        folder = str(self.articles_dir)
        here = BuildReport()  # kept only if this load stands
        entries: dict[str, Entry | None] = {}  # catalog path -> the file now (None: gone)
        for name in sorted(names):
            if not _is_record_name(name):
                if name.startswith(TEMP_PREFIX) and (entry := listing.entry(folder, name)):
                    self._look_at(entry, here)  # a killed build's leftover: removed
                continue
            entry = listing.entry(folder, name)
            if entry is None or self._look_at(entry, here) is None:
                entry = None  # gone, or a symbolic link (reported): not a record now
            entries[f"articles/{name}"] = entry
        cached = self.catalog.record_heads(entries)
        records = dict(previous.records)
        sources: set[str | None] = set()
        misses: list[Path] = []
        gone: list[str] = []
        for rel, entry in entries.items():
            was = cached.get(rel)
            if was is not None:
                old = records.get(was[2])
                if old is None or f"articles/{old.name}" != rel:
                    return False
                if entry is not None:
                    st = entry.stat()
                    if was[:2] == (st.st_size, st.st_mtime_ns):
                        continue  # as cached: the record `previous` holds
                del records[was[2]]
                sources.add(old.article.source_file)
            if entry is None:
                gone.append(rel)
            else:
                misses.append(Path(entry.path))
        parsed = list(self._read(misses, here, executor))
        for loaded, *_ in parsed:
            other = records.get(loaded.article.slug)
            if other is not None and other.name != loaded.name:
                return False  # two records, one slug: a whole load reports it
            records[loaded.article.slug] = loaded
            sources.add(loaded.article.source_file)
        for one in parsed:
            self._cache(one, stub=False)
        self.records = records
        self.seeds_to_check = {s for s in sources if s is not None}
        self.catalog.drop_records(gone)
        report.errors += here.errors
        self._claim_seeds()
        return True

    def _look_at(self, entry: Entry, report: BuildReport) -> str | None:
        """The catalog path of a record file; None for a file that is not one (a
        temporary file a killed build left is removed)."""
        name = entry.name
        if name.startswith(TEMP_PREFIX) and name.endswith(".tmp"):
            Path(entry.path).unlink(missing_ok=True)  # left by a build killed mid-write
            self.touched.add(name)
            return None
        if not _is_record_name(name):
            return None
        rel = f"articles/{name}"
        if entry.is_symlink():
            report.error(RecordError("is a symbolic link and was not read", path=rel))
            self.broken.add(name.removesuffix(".md"))
            return None
        return rel

    def _read(
        self, paths: list[Path], report: BuildReport, executor: Executor | None
    ) -> Iterator[_Parsed]:
        """Parse the record files `paths`, yielding each as it comes; the broken ones are
        reported (and dropped from the catalog). The others are cached only by `_cache`."""
        if executor is None or not executor.local_files:
            # Record files are read where they are: a cluster's worker may not see them.
            executor = SerialExecutor()
        jobs = [(path, self.root) for path in paths]
        parsed = flatten(executor.map(read_chunk, chunked(jobs, CHUNK)))
        for path, result in zip(paths, parsed, strict=True):
            rel = f"articles/{path.name}"
            if isinstance(result, RecordError):
                report.error(result)
                self.broken.add(path.stem)
                source = claimed_seed(path)
                if source is not None:
                    self.broken_sources.setdefault(source, path.name)
                self.catalog.drop_records([rel])
                continue
            loaded, cache = result
            yield loaded, rel, path.stat(), cache

    def _cache(self, parsed: _Parsed, *, stub: bool) -> LoadedRecord:
        """A record read from its file, into the catalog. From there the catalog holds it
        (as in `save`), so a build that reads every record file (the first with a new
        catalog) need not hold them all as parsed: its body is read when needed, and
        with `stub` all but its head (`materialise` then reads it as it reads cached
        ones, each string shared by every story that uses it)."""
        loaded, rel, st, cache = parsed
        self.catalog.put_record(rel, st.st_size, st.st_mtime_ns, *cache)
        reader = self.reader
        if self.catalog.path is None or reader is None:
            return loaded
        if stub:
            return stub_record(rel, loaded.file, list(cache[0]), reader)
        loaded.article.paragraphs = LazyParagraphs(Fetch(read_body, reader, rel))
        shed_quotes(loaded.article, reader, rel)
        return loaded

    def materialise(self) -> None:
        """Read every stub's record, in one pass over the catalog."""
        stubs = {
            f"articles/{r.name}": r
            for r in self.records.values()
            if type(r.article) is ArticleStub and not r.article.loaded
        }
        if not stubs:
            return
        for rel, data in self.catalog.iter_records():
            loaded = stubs.get(rel)
            if loaded is not None:
                loaded.article = from_cache(loaded.file, data, self.reader).article
        for loaded in self.records.values():
            if type(loaded.article) is ArticleStub:
                loaded.article = loaded.article.full

    def model_stubs(self) -> None:
        """Every record that its catalog entry holds whole, as a stub that keeps what the
        site model reads (`ArticleStub.fill`), in one pass over the catalog: what a whole
        build holds of each story, where `materialise` would hold it in full. A record
        analysed at each load (see `build.load_articles`) stays whole."""
        reader = self.reader
        if self.catalog.path is None or reader is None:
            self.materialise()
            return
        keys = set(ANALYSIS_KEYS)
        unread: dict[str, ArticleStub] = {}
        for loaded in self.records.values():
            a = loaded.article
            rel = f"articles/{loaded.name}"
            if not loaded.has_hash and not keys <= loaded.present:
                if type(a) is ArticleStub:
                    loaded.article = a.full
            elif type(a) is not ArticleStub:
                stub = ArticleStub(head_of(a), Fetch(load_stub, reader, rel))
                loaded.article = stub.fill(a)  # type: ignore[assignment]
            elif not a.filled:
                unread[rel] = a
        if unread:
            for rel, data in self.catalog.iter_records():
                stub = unread.get(rel)
                if stub is not None:
                    stub.fill(stored_article(json.loads(data)[0], reader, rel))

    def unknown_related(self) -> list[tuple[str, list[str]]]:
        """(record file, slugs) of each `related:` list set by hand that names a story
        the archive does not have (a typo, a story deleted since): the page leaves
        them out, and the person who wrote them should know. Only records that set
        the field are read."""
        found = []
        for loaded in self.records.values():
            if "related" in loaded.present:
                missing = [s for s in loaded.article.related if s not in self.records]
                if missing:
                    found.append((f"articles/{loaded.name}", missing))
        return sorted(found)

    def as_stubs(self) -> None:
        """Every record that its catalog entry holds whole, as an `ArticleStub` again:
        what a long-lived process keeps from a whole build, which read every story (at
        100k stories, most of its memory). A record analysed at each load stays whole."""
        reader = self.reader
        assert reader is not None
        keys = set(ANALYSIS_KEYS)
        for loaded in self.records.values():
            a = loaded.article
            if (type(a) is ArticleStub and not a.filled) or (
                not loaded.has_hash and not keys <= loaded.present
            ):
                continue
            rel = f"articles/{loaded.name}"
            loaded.article = ArticleStub(head_of(a), Fetch(load_stub, reader, rel))  # type: ignore[assignment]

    def add(self, loaded: LoadedRecord) -> None:
        slug = loaded.article.slug
        self.records[slug] = loaded
        if loaded.article.source_file:
            self.by_source.setdefault(loaded.article.source_file, slug)

    def catalog_path(self, slug: str) -> str:
        """The record's key in the catalog."""
        return f"articles/{self.records[slug].name}"

    def search_terms(self, article: Article) -> str | None:
        """The story's `search_terms.index_terms`, as its record's catalog entry keeps them."""
        return self.catalog.record_terms(self.catalog_path(article.slug))

    @property
    def taken(self) -> Container[str]:
        """Slugs in use; a view, not a copy (asked once per new record)."""
        return _Taken(self)

    def save(self, article: Article, prepared: PreparedRecord | None = None) -> None:
        """Write a generated record; callers have checked it is not a human's.

        `prepared` is the record as a worker serialised it; it is used only if it was
        made for the slug the record gets (otherwise the text is made again here).
        """
        if prepared is None or prepared.slug != article.slug:
            prepared = prepare(article)
        path = self.articles_dir / f"{article.slug}.md"
        write_record(path, prepared.text)
        self.touched.add(path.name)
        loaded = LoadedRecord(
            article=article,
            path=path,
            present=frozenset(),
            generated=True,
            has_hash=True,
        )
        st = path.stat()
        rel = f"articles/{path.name}"
        self.catalog.put_record(
            rel,
            st.st_size,
            st.st_mtime_ns,
            prepared.head,
            prepared.data,
            prepared.body,
            prepared.terms,
        )
        if self.catalog.path is not None:
            # From here the catalog holds the story: a cold build keeps what the site
            # model reads of it, not its every field (`ArticleStub.fill`).
            article.paragraphs = LazyParagraphs(Fetch(read_body, self.reader, rel))
            shed_quotes(article, self.reader, rel)
            load = Fetch(load_stub, self.reader, rel)
            loaded.article = ArticleStub(list(prepared.head), load).fill(article)  # type: ignore[assignment]
        self.add(loaded)

    def remove(self, slug: str) -> None:
        loaded = self.records.pop(slug)
        path = self.articles_dir / f"{slug}.md"
        path.unlink(missing_ok=True)
        self.touched.add(path.name)
        self.catalog.drop_records([f"articles/{path.name}"])
        if loaded.article.source_file:
            self.by_source.pop(loaded.article.source_file, None)


# A record parsed by `RecordStore._read`, with its catalog path, stat and entries.
_Parsed = tuple[LoadedRecord, str, os.stat_result, tuple[tuple[Any, ...], str, str, str]]


def _is_record_name(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".")


class _Clashes:
    """Records added to a store, noting any two that give the same slug: one story
    would silently hide the other."""

    def __init__(self, store: RecordStore) -> None:
        self.store = store
        self.rivals: dict[str, list[LoadedRecord]] = {}

    def add(self, loaded: LoadedRecord) -> None:
        slug = loaded.article.slug
        other = self.store.records.get(slug)
        if other is not None and other.file != loaded.file:
            self.rivals.setdefault(slug, [other]).append(loaded)
        self.store.add(loaded)

    def settle(self, report: BuildReport) -> None:
        """Keep, of each clash, the record in `<slug>.md` (else the first by file name);
        report the others as errors, as broken records are, until one is renamed."""
        store = self.store
        for slug, rivals in sorted(self.rivals.items()):
            ranked = sorted(rivals, key=lambda r: (r.name != f"{slug}.md", r.name))
            keep = ranked[0]
            store.records[slug] = keep
            for loaded in ranked[1:]:
                rel = f"articles/{loaded.name}"
                report.error(
                    RecordError(
                        f"has slug {slug!r}, as articles/{keep.name} has; it was left out",
                        path=rel,
                        hint="give one of the two another `slug:`, or delete one",
                    )
                )
                store.broken.add(loaded.name.removesuffix(".md"))
                source = loaded.article.source_file
                if source:
                    store.broken_sources.setdefault(source, loaded.name)
                store.catalog.drop_records([rel])  # read again next time: reported again


class _Taken:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def __contains__(self, slug: object) -> bool:
        return slug in self.store.records or slug in self.store.broken
