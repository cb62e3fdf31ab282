"""The build catalog: `.newsgen/catalog.sqlite`, what the last build saw and made.

It remembers, for every seed and record, its size, mtime and content hash (so
an unchanged file is never read again), every record's parsed form (so it is
not parsed again), and for every output file the signature of the inputs it
was made from (so a page whose inputs did not change is not rendered again).

The catalog is only a cache: delete it at any time and the next build is a
clean build. A catalog that is corrupt or from another newsgen version is
detected, thrown away and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsgen import __version__
from newsgen.records.serial import FORMAT as ROW_FORMAT

SCHEMA = 9
# Changed records beyond which a build no longer patches its search index.
MAX_PATCHED = 256
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT);
CREATE TABLE heads (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, slug TEXT, source_file TEXT,
    source_hash TEXT, date TEXT, date_source TEXT, fingerprint TEXT, present TEXT,
    generated INTEGER, has_hash INTEGER
) WITHOUT ROWID;
CREATE TABLE records (path TEXT PRIMARY KEY, data TEXT, body TEXT, terms TEXT);
CREATE TABLE outputs (uri TEXT PRIMARY KEY, signature TEXT);
CREATE TABLE manifests (tree TEXT, uri TEXT, digest TEXT, PRIMARY KEY (tree, uri)) WITHOUT ROWID;
CREATE TABLE snapshot (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE deps (key TEXT PRIMARY KEY, pages TEXT) WITHOUT ROWID;
CREATE TABLE replaced (path TEXT PRIMARY KEY, terms TEXT, data TEXT) WITHOUT ROWID;
"""


class Catalog:
    def __init__(self, path: Path | None) -> None:
        """`path` None gives an in-memory catalog that forgets everything (a store or writer
        used on its own, in tests and tools)."""
        self.path = path
        self.db = self._open()
        self._pid = os.getpid()
        self._reader: tuple[int, sqlite3.Connection] | None = None
        self.generation: str | None = None
        self._committed_changes = self.db.total_changes
        # Record rows `put_record` may replace (see `replaced_terms`); None: not known,
        # look (a build that read only the rows of the records a watcher named).
        self._stored: set[str] | None = set()
        # Search terms of records replaced since the last build, as that build saw them:
        # a build that patches the search index needs to know which words a story lost.
        # None once more than a few changed (such a build rebuilds the index anyway).
        # Kept in a table too, as `newsgen ingest` replaces them for the next build.
        rows = self.db.execute("SELECT path, terms, data FROM replaced").fetchall()
        self.replaced_terms: dict[str, str] | None = {p: t for p, t, _ in rows}
        # Their parsed form, as it was: a story that moves in the site model must leave
        # the terms it was in (see retag.py).
        self.replaced_data: dict[str, str] = {p: d for p, _, d in rows}
        if len(rows) > MAX_PATCHED:
            self.replaced_terms, self.replaced_data = None, {}

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._create(sqlite3.connect(":memory:"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.path)
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row and row[0] == self._version():
                return db
            db.close()
        except sqlite3.DatabaseError:
            with contextlib.suppress(Exception):
                db.close()
        # Missing, corrupt or foreign: start again.
        self.delete(self.path)
        return self._create(sqlite3.connect(self.path))

    @staticmethod
    def delete(path: Path) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    @staticmethod
    def _version() -> str:
        return f"{__version__}/{SCHEMA}/{ROW_FORMAT}"

    def _create(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.executescript(_TABLES)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (self._version(),))
        db.commit()
        return db

    # -- meta ---------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- input files ----------------------------------------------------------

    def file_hashes(self, paths: Iterable[str] | None = None) -> dict[str, tuple[int, int, str]]:
        """Size, mtime and hash of every seed read before (or only of `paths`)."""
        if paths is None:
            return {p: (s, m, h) for p, s, m, h in self.db.execute("SELECT * FROM files")}
        query = "SELECT * FROM files WHERE path = ?"
        found = (self.db.execute(query, (p,)).fetchone() for p in paths)
        return {row[0]: (row[1], row[2], row[3]) for row in found if row is not None}

    def put_files(self, rows: Iterable[tuple[str, int, int, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)

    # -- parsed records -----------------------------------------------------

    def record_stats(self) -> dict[str, tuple[int, int]]:
        stats = {p: (s, m) for p, s, m in self.db.execute("SELECT path, size, mtime_ns FROM heads")}
        self._stored = set(stats)
        return stats

    def record_heads(self, paths: Iterable[str]) -> dict[str, tuple[int, int, str]]:
        """Size, mtime and slug of the cached records `paths` (those the catalog has)."""
        query = "SELECT size, mtime_ns, slug FROM heads WHERE path = ?"
        found = ((p, self.db.execute(query, (p,)).fetchone()) for p in paths)
        self._stored = None
        return {p: (row[0], row[1], row[2]) for p, row in found if row is not None}

    def iter_records(self) -> Iterator[tuple[str, str]]:
        """(path, cached data), streamed: never all of them in memory at once."""
        yield from self.db.execute("SELECT path, data FROM records ORDER BY path")

    def iter_heads(self) -> Iterator[tuple[Any, ...]]:
        """(path, *head): what a build must know of every record before it knows which
        ones changed (slug, seed, hashes, date: see `store.PreparedRecord.head`). A table
        of their own: a scan of the records would read every record's pages."""
        yield from self.db.execute(
            "SELECT path, slug, source_file, source_hash, date, date_source, fingerprint,"
            " present, generated, has_hash FROM heads ORDER BY path"
        )

    def put_record(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        head: Sequence[Any],
        data: str,
        body: str,
        terms: str,
    ) -> None:
        """`data` is the record's parsed form without its paragraphs, `body` those
        (read only when needed, see `read_body`), `terms` its words for search."""
        replaced = self.replaced_terms
        stored = self._stored is None or path in self._stored
        if replaced is not None and stored and path not in replaced:
            row = self.db.execute(
                "SELECT terms, data FROM records WHERE path = ?", (path,)
            ).fetchone()
            if row is not None and row[0] is not None:
                replaced[path], self.replaced_data[path] = row
                self.db.execute("INSERT INTO replaced VALUES (?, ?, ?)", (path, *row))
                if len(replaced) > MAX_PATCHED:
                    self.replaced_terms = None
                    self.replaced_data = {}
        self.db.execute(
            "INSERT OR REPLACE INTO heads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, size, mtime_ns, *head),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", (path, data, body, terms)
        )

    def forget_replaced(self) -> None:
        """A build has seen every record as it is now: nothing replaced since."""
        self.db.execute("DELETE FROM replaced")
        self.replaced_terms, self.replaced_data = {}, {}

    def read_body(self, path: str) -> str | None:
        """A cached record's paragraphs (JSON)."""
        return self._read("body", path)

    def read_data(self, path: str) -> str | None:
        """A cached record's parsed form (JSON), for a record loaded on first use."""
        return self._read("data", path)

    def _read(self, column: str, path: str) -> str | None:
        """A forked render worker must not use the parent's connection, so it opens its
        own, read-only."""
        db = self.db
        if os.getpid() != self._pid:
            if self._reader is None or self._reader[0] != os.getpid():
                assert self.path is not None, "an in-memory catalog caches no records"
                uri = f"file:{self.path}?mode=ro"
                self._reader = (os.getpid(), sqlite3.connect(uri, uri=True, timeout=60))
            db = self._reader[1]
        rows = db.execute(f"SELECT {column} FROM records WHERE path = ?", (path,)).fetchall()
        return rows[0][0] if rows else None

    def record_terms(self, path: str) -> str | None:
        """One record's search terms (`search_terms.index_terms`); fetched one by one, in site
        order, so the whole archive's words are never in memory at once."""
        row = self.db.execute("SELECT terms FROM records WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def drop_records(self, paths: Iterable[str]) -> None:
        paths = list(paths)
        self.db.executemany("DELETE FROM heads WHERE path = ?", ((p,) for p in paths))
        self.db.executemany("DELETE FROM records WHERE path = ?", ((p,) for p in paths))

    # -- outputs ------------------------------------------------------------

    def outputs(self) -> dict[str, str]:
        intern = sys.intern
        return {intern(u): s for u, s in self.db.execute("SELECT uri, signature FROM outputs")}

    def page_uris(self) -> set[str]:
        return {u for (u,) in self.db.execute("SELECT uri FROM outputs")}

    def signatures(self, uris: Iterable[str]) -> dict[str, str]:
        """The recorded signatures of a few pages."""
        out = {}
        for uri in uris:
            row = self.db.execute("SELECT signature FROM outputs WHERE uri = ?", (uri,)).fetchone()
            if row:
                out[uri] = row[0]
        return out

    def replace_outputs(self, signatures: dict[str, str]) -> None:
        self.db.execute("DELETE FROM outputs")
        self.db.executemany("INSERT INTO outputs VALUES (?, ?)", sorted(signatures.items()))

    def update_outputs(self, signatures: dict[str, str]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?)", sorted(signatures.items())
        )

    # -- the site model of the last build (see snapshot.py) ------------------

    def get_snapshot(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM snapshot WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put_snapshot(self, items: dict[str, str]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO snapshot VALUES (?, ?)", items.items())

    def drop_snapshot(self) -> None:
        self.db.execute("DELETE FROM snapshot")
        self.db.execute("DELETE FROM deps")

    def replace_deps(self, rows: Iterable[tuple[str, str]]) -> None:
        self.db.execute("DELETE FROM deps")
        self.db.executemany("INSERT INTO deps VALUES (?, ?)", rows)

    def add_deps(self, items: Iterable[tuple[str, list[str]]]) -> None:
        """Pages that now show these keys too (a page shown a key no longer only costs
        a signature the next time that key changes)."""
        for key, uris in items:
            row = self.db.execute("SELECT pages FROM deps WHERE key = ?", (key,)).fetchone()
            pages = json.loads(row[0]) if row else []
            known = set(pages)
            new = [u for u in uris if u not in known]
            if new:
                pages.extend(new)
                self.db.execute(
                    "INSERT OR REPLACE INTO deps VALUES (?, ?)",
                    (key, json.dumps(pages, ensure_ascii=False, separators=(",", ":"))),
                )

    def drop_outputs(self, uris: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM outputs WHERE uri = ?", ((u,) for u in uris))

    def deps(self, keys: Iterable[str]) -> Iterator[str]:
        """The pages (JSON lists of uris) that show any of `keys`."""
        for key in keys:
            row = self.db.execute("SELECT pages FROM deps WHERE key = ?", (key,)).fetchone()
            if row:
                yield row[0]

    # -- output trees (see write.py) ----------------------------------------

    def _label(self, tree: str) -> str:
        """Rows are kept under labels "a" and "b"; which one is live is one meta value,
        so a swap relabels no rows."""
        live = self.get_meta("live_label") or "a"
        return live if tree == "live" else {"a": "b", "b": "a"}[live]

    def manifest(self, tree: str) -> dict[str, str]:
        """uri -> content hash of every file in `tree` ("live" or "standby"), with one copy
        of each string however many maps of the build hold it."""
        intern = sys.intern
        rows = self.db.execute(
            "SELECT uri, digest FROM manifests WHERE tree = ?", (self._label(tree),)
        )
        return {intern(u): intern(d) for u, d in rows}

    def put_manifest(self, tree: str, items: Iterable[tuple[str, str]]) -> None:
        """Rows, not one JSON blob: a 20k-story site has 50k files."""
        label = self._label(tree)
        self.db.execute("DELETE FROM manifests WHERE tree = ?", (label,))
        self.db.executemany(
            "INSERT INTO manifests VALUES (?, ?, ?)", ((label, u, d) for u, d in items)
        )

    def patch_manifest(self, tree: str, changes: Iterable[tuple[str, str | None]]) -> None:
        """Set (or with None, remove) a few files of `tree`'s manifest."""
        label = self._label(tree)
        for uri, digest in changes:
            if digest is None:
                self.db.execute("DELETE FROM manifests WHERE tree = ? AND uri = ?", (label, uri))
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO manifests VALUES (?, ?, ?)", (label, uri, digest)
                )

    def swap_manifests(self) -> None:
        """After a swap the published tree is the standby one, and the other way round."""
        self.set_meta("live_label", self._label("standby"))

    def commit(self) -> None:
        """Every commit that changes something gets a new generation: a process that
        keeps what it built (`build.BuildSession`) can tell whether anyone else has
        built since."""
        if self.path is not None and self.db.total_changes != self._committed_changes:
            self.generation = uuid.uuid4().hex
            self.set_meta("generation", self.generation)
            self._committed_changes = self.db.total_changes
        self.db.commit()

    def close(self) -> None:
        self.commit()
        self.db.close()
        if self._reader is not None:
            self._reader[1].close()
            self._reader = None
