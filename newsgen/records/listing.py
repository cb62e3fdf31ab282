"""One listing of each input folder per build.

The input check, the record store and seed discovery all walk the same folders
(tens of thousands of files in a large archive); a listing keeps each folder's
entries, and `os.DirEntry` keeps its own `stat`, so each file is listed and
stat'ed once per build, not three times. A long-lived process (`newsgen serve`)
keeps its listing from one build to the next and looks again only at the files a
watcher reports (`patch`).
"""

from __future__ import annotations

import bisect
import contextlib
import os
import stat


class StatEntry:
    """An `os.DirEntry` that keeps only what a build reads of a file's stat (mode, size,
    mtime): one file looked at again by name (`Listing.patch`), or a listing kept from
    one build to the next (`Listing.compact`), at a third of a `DirEntry`'s memory."""

    __slots__ = ("name", "path", "st_mode", "st_mtime", "st_mtime_ns", "st_size")

    def __init__(self, name: str, path: str, st: os.stat_result) -> None:
        self.name, self.path = name, path
        self.st_mode, self.st_size = st.st_mode, st.st_size
        self.st_mtime, self.st_mtime_ns = st.st_mtime, st.st_mtime_ns

    @classmethod
    def of(cls, folder: str, name: str) -> StatEntry | None:
        """The entry as the file is now; None if it is gone."""
        path = os.path.join(folder, name)
        try:
            return cls(name, path, os.lstat(path))
        except OSError:
            return None

    def is_symlink(self) -> bool:
        return stat.S_ISLNK(self.st_mode)

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result | StatEntry:
        """Itself (it has the fields of a stat result a build reads), or for a followed
        symbolic link the target's."""
        if follow_symlinks and self.is_symlink():
            return os.stat(self.path)
        return self

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        try:
            return stat.S_ISDIR(self.stat(follow_symlinks=follow_symlinks).st_mode)
        except OSError:
            return False


Entry = os.DirEntry[str] | StatEntry


class Listing:
    def __init__(self) -> None:
        self._folders: dict[str, list[Entry]] = {}
        self._compact: set[str] = set()  # folders whose entries are all `StatEntry`s

    def entries(self, folder: str) -> list[Entry]:
        """The folder's entries sorted by name (empty if it cannot be listed)."""
        found = self._folders.get(folder)
        if found is None:
            try:
                with os.scandir(folder) as it:
                    found = sorted(it, key=lambda e: e.name)
            except OSError:
                found = []
            self._folders[folder] = found
            self._compact.discard(folder)
        return found

    def entry(self, folder: str, name: str) -> Entry | None:
        """`folder`'s entry for the file `name`, as listed (None: not there)."""
        found = self.entries(folder)
        i, listed = _position(found, name)
        return found[i] if listed else None

    def patch(self, folder: str, name: str) -> StatEntry | None:
        """Look at `folder`'s file `name` again (added, changed or gone) and keep what
        is there now; returns its entry (None: gone). A folder not listed yet is
        listed when next asked, as always."""
        entry = StatEntry.of(folder, name)
        found = self._folders.get(folder)
        if found is None:
            return entry
        i, listed = _position(found, name)
        if listed:
            if entry is None:
                del found[i]
            else:
                found[i] = entry
        elif entry is not None:
            found.insert(i, entry)
        return entry

    def compact(self) -> None:
        """Keep every listed entry as a `StatEntry`: for a listing kept between builds
        (44,500 files at 22k stories: 46 MiB as `DirEntry`s with their stats)."""
        for folder, found in self._folders.items():
            if folder in self._compact:
                continue
            self._compact.add(folder)
            for i, entry in enumerate(found):
                if type(entry) is not StatEntry:
                    # A file that cannot be stat'ed stays as it is (looked at when needed).
                    with contextlib.suppress(OSError):
                        st = entry.stat(follow_symlinks=False)
                        found[i] = StatEntry(entry.name, entry.path, st)

    def forget(self, folder: str) -> None:
        """The build changed the folder: list it again when next asked."""
        below = folder.rstrip(os.sep) + os.sep
        for key in [k for k in self._folders if k == folder or k.startswith(below)]:
            del self._folders[key]
            self._compact.discard(key)


def _position(found: list[Entry], name: str) -> tuple[int, bool]:
    """Where `name` is (True) or would go (False) in a folder's sorted entries."""
    i = bisect.bisect_left(found, name, key=lambda e: e.name)
    return i, i < len(found) and found[i].name == name
