"""One listing of each input folder per build.

The input check, the record store and seed discovery all walk the same folders
(tens of thousands of files in a large archive); a listing keeps each folder's
entries, and `os.DirEntry` keeps its own `stat`, so each file is listed and
stat'ed once per build, not three times.
"""

from __future__ import annotations

import os


class Listing:
    def __init__(self) -> None:
        self._folders: dict[str, list[os.DirEntry[str]]] = {}

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
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

    def forget(self, folder: str) -> None:
        """The build changed the folder: list it again when next asked."""
        below = folder.rstrip(os.sep) + os.sep
        for key in [k for k in self._folders if k == folder or k.startswith(below)]:
            del self._folders[key]
