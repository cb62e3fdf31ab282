"""What changed since the last build: the size and mtime of every input.

A build that finds the same fingerprint as the last clean build has nothing to
do; one that does not hands the listing it made to the record store and seed
discovery, so each file is listed and stat'ed once per build. `newsgen serve`
keeps the stats from one build to the next and looks again only at the files its
watcher reports (`InputStats.refreshed`).
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgen import PACKAGE_DIR
from newsgen.config import CONFIG_NAME
from newsgen.paths import SitePaths
from newsgen.records.listing import Listing
from newsgen.site.theme import theme_dir


class InputStats:
    """Size and mtime of every input, in a fixed order: equal means nothing changed.

    Kept by part, and seeds/ and articles/ file by file (when flat), so the check at the
    end of a build (which wrote records) looks again only at what it wrote, and a
    long-lived process only at what a watcher saw change (`refreshed`). The listing is
    handed on to the record store and seed discovery.
    """

    def __init__(self, paths: SitePaths, *, session: bool = False) -> None:
        """With `session`, seeds/ is kept file by file too, for `refreshed`."""
        self.paths = paths
        self.listing = Listing()
        # Everything every page is rendered with: templates, static files, newsgen's
        # own code and the config. Unchanged, the last build's model and pages still hold.
        self.render_inputs = self._walk(
            [
                paths.templates_dir,
                paths.static_dir,
                theme_dir("templates"),
                theme_dir("static"),
                PACKAGE_DIR,  # newsgen's own code
                paths.root / CONFIG_NAME,
            ]
        )
        # folder -> {file name -> its line}; None for a folder that is not flat
        self._lines: dict[str, dict[str, str] | None] = {}
        # After `refreshed`: each flat folder's names looked at again (maybe changed).
        self.told: dict[str, set[str]] | None = None
        self.seeds = self._folder(paths.seeds_dir, keep=session)
        self.articles = self._folder(paths.articles_dir)

    def fingerprint(self) -> str:
        parts = (str(self.paths.output_dir), self.render_inputs, self.seeds, self.articles)
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()

    def after_build(self, touched: set[str]) -> str:
        """The fingerprint after a build that wrote or removed the files `touched`
        (names in articles/). Only those are looked at again: a file a human changed
        while the build ran is still new to the next build."""
        folder = self.paths.articles_dir
        lines = self._lines.get(str(folder))
        if lines is None or not all(self._look_again(str(folder), n, lines) for n in touched):
            self.listing.forget(str(folder))
            self.articles = self._folder(folder)
        else:
            self.articles = _folder_hash(str(folder), lines)
        return self.fingerprint()

    def refreshed(self, changed: Iterable[str]) -> InputStats | None:
        """These stats with only the files `changed` looked at again: what a watcher that
        saw every change since they were taken (`newsgen serve`) needs. None when a
        whole walk is needed: a change outside seeds/ and articles/ (the theme, the
        config), to a folder, or in a folder that is not flat."""
        folders = {os.path.abspath(f): f for f, lines in self._lines.items() if lines is not None}
        names: dict[str, set[str]] = {}
        for path in changed:
            parent, name = os.path.split(os.path.abspath(path))
            if parent not in folders or not name:
                return None
            names.setdefault(folders[parent], set()).add(name)
        new = copy.copy(self)
        new._lines = dict(self._lines)
        new.told = {f: names.get(f, set()) for f, lines in self._lines.items() if lines is not None}
        for folder, changed_here in names.items():
            lines = dict(self._lines[folder] or {})
            if not all(new._look_again(folder, name, lines) for name in changed_here):
                return None
            new._lines[folder] = lines
            if folder == str(self.paths.seeds_dir):
                new.seeds = _folder_hash(folder, lines)
            else:
                new.articles = _folder_hash(folder, lines)
        return new

    def _look_again(self, folder: str, name: str, lines: dict[str, str]) -> bool:
        """Update `name`'s line (and listing entry); False if it is now a folder."""
        entry = self.listing.patch(folder, name)
        if entry is None:
            lines.pop(name, None)
            return True
        if entry.is_dir(follow_symlinks=False):
            return False
        lines[name] = _line(name, entry.stat(follow_symlinks=False))
        return True

    def _folder(self, folder: Path, *, keep: bool = True) -> str:
        """The hash `_walk([folder])` gives; with `keep`, the folder's lines if it is flat."""
        h = hashlib.blake2b(digest_size=16)
        lines: dict[str, str] = {}
        flat = self._hash_root(h, folder, lines)
        self._lines[str(folder)] = lines if keep and flat else None
        return h.hexdigest()

    def _walk(self, roots: list[Path]) -> str:
        h = hashlib.blake2b(digest_size=16)
        for root in roots:
            self._hash_root(h, root)
        return h.hexdigest()

    def _hash_root(self, h: Any, root: Path, lines: dict[str, str] | None = None) -> bool:
        """Hash one root (a folder, a file or nothing) into `h`; True if it is a flat
        folder, whose files' lines are then in `lines`."""
        h.update(b"\x01" + str(root).encode())
        if root.is_dir():
            return self._walk_into(h, str(root), lines)
        if root.exists():
            h.update(_line(str(root), root.lstat()).encode())
        return False

    def _walk_into(self, h: Any, folder: str, lines: dict[str, str] | None = None) -> bool:
        """Hash the folder's files into `h` (and their lines into `lines`); False if it
        has folders of its own."""
        subdirs = []
        for entry in self.listing.entries(folder):
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry.path)
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            line = _line(entry.name, st)
            if lines is not None:
                lines[entry.name] = line
            h.update(line.encode())
        for sub in subdirs:
            h.update(b"\x02" + sub.encode())
            self._walk_into(h, sub)
        return not subdirs


def output_marks(output_dir: Path) -> str:
    """What the published folder holds at its top (names, leaving out dot-files such as
    Finder's `.DS_Store`) and each of its folders' inode and mtime. Deleting a file or
    folder from it (`rm -rf _site/articles`), or a page's folder from one of those,
    changes a mark, so a build that would have nothing to do builds, and puts the
    missing files back. (A file deleted deeper than that is put back by the next build
    that has work: checking every file would cost a no-op build a stat per page.)"""
    h = hashlib.blake2b(digest_size=16)
    try:
        h.update(f"{output_dir.stat().st_ino}\0".encode())
        with os.scandir(output_dir) as found:
            entries = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in found)
        for name, is_dir in entries:
            if name.startswith("."):
                continue
            if is_dir:
                st = os.stat(os.path.join(output_dir, name), follow_symlinks=False)
                h.update(f"{name}/:{st.st_ino}:{st.st_mtime_ns}\0".encode())
            else:
                h.update(f"{name}\0".encode())
    except OSError:
        return ""
    return h.hexdigest()


def _line(name: str, st: Any) -> str:
    """What one file adds to the fingerprint: its name, size and mtime."""
    return f"{name}:{st.st_size}:{st.st_mtime_ns}\0"


def _folder_hash(folder: str, lines: dict[str, str]) -> str:
    """What `InputStats._folder` gives for a flat folder holding the files of `lines`."""
    h = hashlib.blake2b(digest_size=16)
    h.update(b"\x01" + folder.encode())
    for name in sorted(lines):
        h.update(lines[name].encode())
    return h.hexdigest()
