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
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgen import __version__

SCHEMA = 6
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT);
CREATE TABLE records (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, data TEXT, body TEXT, terms TEXT
);
CREATE TABLE outputs (uri TEXT PRIMARY KEY, signature TEXT);
CREATE TABLE manifests (tree TEXT, uri TEXT, digest TEXT, PRIMARY KEY (tree, uri)) WITHOUT ROWID;
"""


class Catalog:
    def __init__(self, path: Path | None) -> None:
        """`path` None gives an in-memory catalog that forgets everything (for --no-cache)."""
        self.path = path
        self.db = self._open()
        self._pid = os.getpid()
        self._reader: tuple[int, sqlite3.Connection] | None = None

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
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._create(sqlite3.connect(self.path))

    @staticmethod
    def _version() -> str:
        return f"{__version__}/{SCHEMA}"

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

    def file_hashes(self) -> dict[str, tuple[int, int, str]]:
        return {p: (s, m, h) for p, s, m, h in self.db.execute("SELECT * FROM files")}

    def put_files(self, rows: Iterable[tuple[str, int, int, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)

    def drop_files(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in paths))

    # -- parsed records -----------------------------------------------------

    def record_stats(self) -> dict[str, tuple[int, int]]:
        return {
            p: (s, m) for p, s, m in self.db.execute("SELECT path, size, mtime_ns FROM records")
        }

    def iter_records(self) -> Iterator[tuple[str, str]]:
        """(path, cached data), streamed: never all of them in memory at once."""
        yield from self.db.execute("SELECT path, data FROM records ORDER BY path")

    def put_record(
        self, path: str, size: int, mtime_ns: int, data: str, body: str, terms: str
    ) -> None:
        """`data` is the record's parsed form without its paragraphs, `body` those
        (read only when needed, see `read_body`), `terms` its words for search."""
        self.db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
            (path, size, mtime_ns, data, body, terms),
        )

    def read_body(self, path: str) -> str | None:
        """A cached record's paragraphs (JSON). A forked render worker must not use the
        parent's connection, so it opens its own, read-only."""
        db = self.db
        if os.getpid() != self._pid:
            if self._reader is None or self._reader[0] != os.getpid():
                assert self.path is not None, "an in-memory catalog caches no records"
                uri = f"file:{self.path}?mode=ro"
                self._reader = (os.getpid(), sqlite3.connect(uri, uri=True, timeout=60))
            db = self._reader[1]
        rows = db.execute("SELECT body FROM records WHERE path = ?", (path,)).fetchall()
        return rows[0][0] if rows else None

    def record_terms(self, path: str) -> str | None:
        """One record's search terms (`search.index_terms`); fetched one by one, in site
        order, so the whole archive's words are never in memory at once."""
        row = self.db.execute("SELECT terms FROM records WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def drop_records(self, paths: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM records WHERE path = ?", ((p,) for p in paths))

    # -- outputs ------------------------------------------------------------

    def outputs(self) -> dict[str, str]:
        intern = sys.intern
        return {intern(u): s for u, s in self.db.execute("SELECT uri, signature FROM outputs")}

    def replace_outputs(self, signatures: dict[str, str]) -> None:
        self.db.execute("DELETE FROM outputs")
        self.db.executemany("INSERT INTO outputs VALUES (?, ?)", sorted(signatures.items()))

    # -- output trees (see write.py) ----------------------------------------

    def manifest(self, tree: str) -> dict[str, str]:
        """uri -> content hash of every file in `tree` ("live" or "standby"), with one copy
        of each string however many maps of the build hold it."""
        intern = sys.intern
        rows = self.db.execute("SELECT uri, digest FROM manifests WHERE tree = ?", (tree,))
        return {intern(u): intern(d) for u, d in rows}

    def put_manifest(self, tree: str, items: Iterable[tuple[str, str]]) -> None:
        """Rows, not one JSON blob: a 20k-story site has 50k files."""
        self.db.execute("DELETE FROM manifests WHERE tree = ?", (tree,))
        self.db.executemany(
            "INSERT INTO manifests VALUES (?, ?, ?)", ((tree, u, d) for u, d in items)
        )

    def retire_live_manifest(self) -> None:
        """After a swap the published tree is the standby one: so is its manifest."""
        self.db.execute("DELETE FROM manifests WHERE tree = 'standby'")
        self.db.execute("UPDATE manifests SET tree = 'standby' WHERE tree = 'live'")

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()
        if self._reader is not None:
            self._reader[1].close()
            self._reader = None
