"""A record's catalog form: its head, parsed row, paragraphs and search terms.

A record whose file did not change is taken from the catalog instead of being parsed
again: as a stub known by its head (`stub_record`), read in full on first use, or from
its parsed row (`from_cache`); its paragraphs are read only when something needs them.
Ingest workers serialise what they make (`prepare`), so the process that writes records
only writes them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from newsgen.article import Article
from newsgen.errors import RecordError
from newsgen.incremental.catalog import Catalog
from newsgen.records.record_file import LoadedRecord, dumps, read_record, text_digest
from newsgen.records.search_terms import index_terms
from newsgen.records.serial import (
    LazyParagraphs,
    article_from_row,
    article_to_row,
    lazy_quotes,
    row_quote_texts,
)
from newsgen.records.stub import ArticleStub, head_of


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
        """The article the record holds (the catalog form is lossless). Its paragraphs
        are decoded only if read: once stored, a record's are read from the catalog."""
        body = LazyParagraphs(partial(json.loads, self.body))
        return article_from_row(json.loads(self.data)[0], body)


def prepare(article: Article) -> PreparedRecord:
    """Serialise a generated record for `article.slug`; sets its fingerprint."""
    text = dumps(article)
    article.fingerprint = text_digest(text)
    loaded = LoadedRecord(
        article=article, path=Path(), present=frozenset(), generated=True, has_hash=True
    )
    return PreparedRecord(article.slug, text, *to_cache(loaded))


CHUNK = 64


def read_chunk(
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
        out.append((loaded, to_cache(loaded)))
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


def to_cache(loaded: LoadedRecord) -> tuple[tuple[Any, ...], str, str, str]:
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


class Reader:
    """What stubs and lazy bodies read through: the catalog of the build in progress.
    A store kept from one build to the next points it at each new catalog."""

    __slots__ = ("catalog",)

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog


class Fetch:
    """`partial(func, reader, rel)`: what a stub, a lazy body and lazy quotes read their
    record's part with, in half a partial's bytes (a build holds two a story)."""

    __slots__ = ("func", "reader", "rel")

    def __init__(self, func: Callable[[Reader, str], Any], reader: Reader, rel: str) -> None:
        self.func, self.reader, self.rel = func, reader, rel

    def __call__(self) -> Any:
        return self.func(self.reader, self.rel)

    @property
    def args(self) -> tuple[Reader, str]:
        return self.reader, self.rel


def from_cache(path: str, data: str, reader: Reader | None) -> LoadedRecord:
    row, present, generated, has_hash = json.loads(data)
    rel = f"articles/{os.path.basename(path)}"
    return LoadedRecord(
        article=stored_article(row, reader, rel),
        path=path,
        present=_keys(" ".join(present)),
        generated=generated,
        has_hash=has_hash,
    )


def stub_record(rel: str, path: str, head: list[Any], reader: Reader) -> LoadedRecord:
    """A record known by its catalog head. Every build makes one for every cached
    record, so it allocates no more than it must."""
    return LoadedRecord(
        article=ArticleStub(head, Fetch(load_stub, reader, rel)),  # type: ignore[arg-type]
        path=path,
        present=_keys(head[6]),
        generated=bool(head[7]),
        has_hash=bool(head[8]),
    )


# The front-matter keys a record sets, one set for each distinct list: every generated
# record sets the same ones (a set of them per story was a sixth of a big build's memory).
_KEYS: dict[str, frozenset[str]] = {}
_KEYS_MAX = 4_096


def _keys(joined: str) -> frozenset[str]:
    """The keys of a head's `present` column (space-separated), shared."""
    keys = _KEYS.get(joined)
    if keys is None:
        if len(_KEYS) >= _KEYS_MAX:  # hand-written records vary: never grow without end
            _KEYS.clear()
        keys = _KEYS[joined] = frozenset(sys.intern(k) for k in joined.split())
    return keys


def load_stub(reader: Reader, rel: str) -> Article:
    data = reader.catalog.read_data(rel)
    if data is None:  # the catalog changed under a running build: never show a wrong story
        raise RuntimeError(f"{rel}: its cached record vanished from the catalog; build again")
    return stored_article(json.loads(data)[0], reader, rel)


def stored_article(row: list[Any], reader: Reader | None, rel: str) -> Article:
    """The article of a catalog row: its paragraphs and its quotes' words are read from
    the catalog again when something needs them."""
    a = article_from_row(row, LazyParagraphs(Fetch(read_body, reader, rel)))
    shed_quotes(a, reader, rel)
    return a


def shed_quotes(a: Article, reader: Reader | None, rel: str) -> None:
    """Leave `a`'s quotes' words in its catalog entry `rel` until they are read: most of
    a story's quotes are shown by pages rendered in worker processes, never here."""
    if reader is not None:
        a.quotes = lazy_quotes(a.quotes, Fetch(read_quote_texts, reader, rel))


def read_quote_texts(reader: Reader, rel: str) -> list[str]:
    data = reader.catalog.read_data(rel)
    if data is None:  # the catalog changed under a running build: never show a wrong quote
        raise RuntimeError(f"{rel}: its cached record vanished from the catalog; build again")
    return row_quote_texts(data)


def read_body(reader: Reader | None, rel: str) -> list[str]:
    assert reader is not None
    body = reader.catalog.read_body(rel)
    if body is None:  # the catalog changed under a running build: never show a wrong body
        raise RuntimeError(f"{rel}: its cached text vanished from the catalog; build again")
    return json.loads(body)
