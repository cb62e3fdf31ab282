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
import os
import stat


class StatEntry:
    """An `os.DirEntry` for one file looked at again by name (see `Listing.patch`)."""

    __slots__ = ("_lstat", "name", "path")

    def __init__(self, folder: str, name: str, lstat: os.stat_result) -> None:
        self.name = name
        self.path = os.path.join(folder, name)
        self._lstat = lstat

    @classmethod
    def of(cls, folder: str, name: str) -> StatEntry | None:
        """The entry as the file is now; None if it is gone."""
        try:
            return cls(folder, name, os.lstat(os.path.join(folder, name)))
        except OSError:
            return None

    def is_symlink(self) -> bool:
        return stat.S_ISLNK(self._lstat.st_mode)

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        if follow_symlinks and self.is_symlink():
            return os.stat(self.path)
        return self._lstat

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        try:
            return stat.S_ISDIR(self.stat(follow_symlinks=follow_symlinks).st_mode)
        except OSError:
            return False

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        try:
            return stat.S_ISREG(self.stat(follow_symlinks=follow_symlinks).st_mode)
        except OSError:
            return False


Entry = os.DirEntry[str] | StatEntry


class Listing:
    def __init__(self) -> None:
        self._folders: dict[str, list[Entry]] = {}

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
        return found

    def patch(self, folder: str, name: str) -> StatEntry | None:
        """Look at `folder`'s file `name` again (added, changed or gone) and keep what
        is there now; returns its entry (None: gone). A folder not listed yet is
        listed when next asked, as always."""
        entry = StatEntry.of(folder, name)
        found = self._folders.get(folder)
        if found is None:
            return entry
        i = bisect.bisect_left(found, name, key=lambda e: e.name)
        if i < len(found) and found[i].name == name:
            if entry is None:
                del found[i]
            else:
                found[i] = entry
        elif entry is not None:
            found.insert(i, entry)
        return entry

    def forget(self, folder: str) -> None:
        """The build changed the folder: list it again when next asked."""
        below = folder.rstrip(os.sep) + os.sep
        for key in [k for k in self._folders if k == folder or k.startswith(below)]:
            del self._folders[key]
