"""What changed since the last build: the size and mtime of every input.

A build that finds the same fingerprint as the last clean build has nothing to
do; one that does not hands the listing it made to the record store and seed
discovery, so each file is listed and stat'ed once per build.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from newsgen.config import CONFIG_NAME
from newsgen.listing import Listing
from newsgen.paths import SitePaths
from newsgen.theme import theme_dir


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
                Path(__file__).parent,  # newsgen itself
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
