"""The record store: every record in articles/, read once per command.

It answers "which record came from this seed?" and "is this slug taken?", and
it is the only code that writes records, so the never-overwrite-an-edit rule
lives in one place. With a catalog, a record whose size and mtime did not
change is taken from the catalog instead of being parsed again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from newsgen.article import Article
from newsgen.catalog import Catalog
from newsgen.errors import RecordError
from newsgen.executor import Executor, SerialExecutor, chunked, flatten
from newsgen.listing import Listing
from newsgen.records import TEMP_PREFIX, LoadedRecord, dumps, read_record, text_digest, write_record
from newsgen.report import BuildReport
from newsgen.search import index_terms
from newsgen.serial import LazyParagraphs, article_from_row, article_to_row
from newsgen.stub import ArticleStub, head_of


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
    reader: _Reader | None = None

    def __post_init__(self) -> None:
        if self.reader is None:
            self.reader = _Reader(self.catalog)

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
    ) -> RecordStore:
        """With `lazy`, a cached record is an `ArticleStub` until something reads more
        than its head (`materialise` reads them all). `previous` is this site's store
        as the last build in this process left it, with the catalog unchanged since:
        its unchanged records are taken as they are."""
        store = cls(articles_dir=articles_dir, root=root, catalog=catalog or Catalog(None))
        if previous is not None and previous.reader is not None:
            # Its stubs and lazy bodies read through this reader: point it at this build.
            store.reader = previous.reader
            store.reader.catalog = store.catalog
        reader = store.reader
        assert reader is not None
        if not articles_dir.is_dir():
            return store
        cached = store.catalog.record_stats()
        seen: set[str] = set()
        hits: dict[str, str] = {}  # catalog path -> file
        misses: list[Path] = []
        for entry in (listing or Listing()).entries(str(articles_dir)):
            name = entry.name
            if name.startswith(TEMP_PREFIX) and name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)  # left by a build killed mid-write
                store.touched.add(name)
                continue
            if name.startswith(".") or not name.endswith(".md"):
                continue
            rel = f"articles/{name}"
            if entry.is_symlink():
                report.error(RecordError("is a symbolic link and was not read", path=rel))
                store.broken.add(name.removesuffix(".md"))
                continue
            st = entry.stat()
            seen.add(rel)
            if cached.get(rel) == (st.st_size, st.st_mtime_ns):
                hits[rel] = entry.path
            else:
                misses.append(Path(entry.path))
        if hits:
            report.count("records cached", len(hits))
            if previous is not None:
                known = {r.name: r for r in previous.records.values()}
                for rel in list(hits):
                    loaded = known.get(rel.removeprefix("articles/"))
                    if loaded is not None:
                        store.add(loaded)
                        del hits[rel]
        if hits:
            if lazy:
                for rel, *head in store.catalog.iter_heads():
                    if rel in hits:
                        store.add(_stub(hits[rel], head, reader))
            else:
                for rel, data in store.catalog.iter_records():
                    if rel in hits:
                        store.add(_from_cache(hits[rel], data, reader))
        executor = executor or SerialExecutor()
        jobs = [(path, root) for path in misses]
        parsed = flatten(executor.map(_read_chunk, chunked(jobs, _CHUNK)))
        for path, result in zip(misses, parsed, strict=True):
            rel = f"articles/{path.name}"
            if isinstance(result, RecordError):
                report.error(result)
                store.broken.add(path.stem)
                source = claimed_seed(path)
                if source is not None:
                    store.broken_sources.setdefault(source, path.name)
                store.catalog.drop_records([rel])
                continue
            loaded, cache = result
            st = path.stat()
            store.catalog.put_record(rel, st.st_size, st.st_mtime_ns, *cache)
            store.add(loaded)
        # Which record a seed belongs to must not depend on what was cached.
        store.by_source = {}
        for slug in sorted(store.records):
            source = store.records[slug].article.source_file
            if source:
                store.by_source.setdefault(source, slug)
        store.catalog.drop_records(set(cached) - seen)
        return store

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
                loaded.article = _from_cache(loaded.file, data, self.reader).article
        for loaded in self.records.values():
            if type(loaded.article) is ArticleStub:
                loaded.article = loaded.article.full

    def add(self, loaded: LoadedRecord) -> None:
        slug = loaded.article.slug
        self.records[slug] = loaded
        if loaded.article.source_file:
            self.by_source.setdefault(loaded.article.source_file, slug)

    def catalog_path(self, slug: str) -> str:
        """The record's key in the catalog."""
        return f"articles/{self.records[slug].name}"

    def search_terms(self, article: Article) -> str | None:
        """The story's `search.index_terms`, as its record's catalog entry keeps them."""
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
            # From here the catalog holds the text: a cold build need not keep every body.
            article.paragraphs = LazyParagraphs(partial(_read_body, self.reader, rel))
        self.add(loaded)

    def remove(self, slug: str) -> None:
        loaded = self.records.pop(slug)
        path = self.articles_dir / f"{slug}.md"
        path.unlink(missing_ok=True)
        self.touched.add(path.name)
        self.catalog.drop_records([f"articles/{path.name}"])
        if loaded.article.source_file:
            self.by_source.pop(loaded.article.source_file, None)


class _Taken:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def __contains__(self, slug: object) -> bool:
        return slug in self.store.records or slug in self.store.broken


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A generated record serialised where it was made (an ingest worker), so the
    process that writes records only writes them: its text and catalog entries."""

    slug: str
    text: str
    head: tuple[Any, ...]
    """slug, seed, seed hash, date, date source, fingerprint, fields set (space-separated),
    generated, has_hash: a row of the catalog's heads table."""
    data: str
    body: str
    terms: str

    def article(self) -> Article:
        """The article the record holds (the catalog form is lossless)."""
        return article_from_row(json.loads(self.data)[0], json.loads(self.body))


def prepare(article: Article) -> PreparedRecord:
    """Serialise a generated record for `article.slug`; sets its fingerprint."""
    text = dumps(article)
    article.fingerprint = text_digest(text)
    loaded = LoadedRecord(
        article=article, path=Path(), present=frozenset(), generated=True, has_hash=True
    )
    return PreparedRecord(article.slug, text, *_to_cache(loaded))


_CHUNK = 64


def _read_chunk(
    jobs: list[tuple[Path, Path]],
) -> list[tuple[LoadedRecord, tuple[tuple[Any, ...], str, str, str]] | RecordError]:
    """Parse records, and make their catalog entries, in a worker: YAML is the slow part
    of a build without a cache."""
    out: list[tuple[LoadedRecord, tuple[tuple[Any, ...], str, str, str]] | RecordError] = []
    for path, root in jobs:
        try:
            loaded = read_record(path, root=root)
        except RecordError as exc:
            out.append(exc)
            continue
        out.append((loaded, _to_cache(loaded)))
    return out


_SOURCE_LINE = re.compile(r"^source_file:[ \t]*(\S.*)$", re.MULTILINE)


def claimed_seed(path: Path) -> str | None:
    """The seed a record that failed to load was made from, if its `source_file:` line
    can still be read on its own."""
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return None
    head = text.split("\n---", 1)[0]  # the front matter, or all of a file without its end
    found = _SOURCE_LINE.search(head)
    if found is None:
        return None
    try:
        value = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) and value.startswith("seeds/") else None


def _to_cache(loaded: LoadedRecord) -> tuple[tuple[Any, ...], str, str, str]:
    """The record's head (see `stub`), parsed form, paragraphs and search terms, for the
    catalog."""
    a = loaded.article
    present = sorted(loaded.present)
    row = [article_to_row(a, body=False), present, loaded.generated, loaded.has_hash]
    head = (*head_of(a), " ".join(present), int(loaded.generated), int(loaded.has_hash))
    body = _compact(list(a.paragraphs))
    return head, _compact(row), body, index_terms(a.title, a.body)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Reader:
    """What stubs and lazy bodies read through: the catalog of the build in progress.
    A store kept from one build to the next points it at each new catalog."""

    __slots__ = ("catalog",)

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog


def _from_cache(path: str, data: str, reader: _Reader | None) -> LoadedRecord:
    row, present, generated, has_hash = json.loads(data)
    rel = f"articles/{os.path.basename(path)}"
    return LoadedRecord(
        article=article_from_row(row, LazyParagraphs(partial(_read_body, reader, rel))),
        path=path,
        present=frozenset(present),
        generated=generated,
        has_hash=has_hash,
    )


def _stub(path: str, head: list[Any], reader: _Reader) -> LoadedRecord:
    rel = f"articles/{os.path.basename(path)}"
    return LoadedRecord(
        article=ArticleStub(head, partial(_load_stub, reader, rel)),  # type: ignore[arg-type]
        path=path,
        present=frozenset(head[6].split()),
        generated=bool(head[7]),
        has_hash=bool(head[8]),
    )


def _load_stub(reader: _Reader, rel: str) -> Article:
    data = reader.catalog.read_data(rel)
    if data is None:  # the catalog changed under a running build: never show a wrong story
        raise RuntimeError(f"{rel}: its cached record vanished from the catalog; build again")
    return article_from_row(json.loads(data)[0], LazyParagraphs(partial(_read_body, reader, rel)))


def _read_body(reader: _Reader | None, rel: str) -> list[str]:
    assert reader is not None
    body = reader.catalog.read_body(rel)
    if body is None:  # the catalog changed under a running build: never show a wrong body
        raise RuntimeError(f"{rel}: its cached text vanished from the catalog; build again")
    return json.loads(body)
