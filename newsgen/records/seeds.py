"""Finding seeds: every regular file below seeds/, in a stable order.

Hidden files are skipped, and so is any symlink (a link could point outside
the site: it is reported, never followed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import SeedError
from newsgen.records.listing import Entry, Listing
from newsgen.report import BuildReport


@dataclass(frozen=True, slots=True)
class Seed:
    """One seed file. `uri` is its '/'-separated path relative to the site root."""

    file: str
    uri: str
    size: int
    mtime: float
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.file)

    def read(self) -> bytes:
        try:
            with open(self.file, "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise SeedError(
                f"cannot be read: {exc.strerror}", path=self.uri, hint="check its permissions"
            ) from None


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_seeds(
    seeds_dir: Path, root: Path, report: BuildReport, listing: Listing | None = None
) -> list[Seed]:
    """All seeds, sorted by path, so every build sees them in the same order.

    Plain strings and `os.scandir`, not `Path` objects: an incremental build lists
    tens of thousands of seeds only to find the one that changed.
    """
    if not seeds_dir.is_dir():
        return []
    found: list[Seed] = []
    prefix = seeds_dir.relative_to(root).as_posix()
    _scan(str(seeds_dir), prefix, found, report, listing or Listing())
    found.sort(key=lambda s: s.uri)
    return found


def named_seeds(
    seeds_dir: Path, root: Path, uris: Iterable[str], report: BuildReport, listing: Listing
) -> list[Seed]:
    """Of the seeds `uris`, those that are there, sorted by path: what `find_seeds` would
    find of them in a flat seeds/ (a build told which files changed looks at no other)."""
    prefix = seeds_dir.relative_to(root).as_posix() + "/"
    found: list[Seed] = []
    for uri in sorted(set(uris)):
        name = uri.removeprefix(prefix)
        if name == uri or "/" in name:
            continue  # not directly in seeds/: no such file in a flat folder
        entry = listing.entry(str(seeds_dir), name)
        if entry is not None:
            _add(entry, uri, found, report, listing)
    return found


def _scan(
    folder: str, uri_prefix: str, found: list[Seed], report: BuildReport, listing: Listing
) -> None:
    for entry in listing.entries(folder):
        _add(entry, f"{uri_prefix}/{entry.name}", found, report, listing)


def _add(entry: Entry, uri: str, found: list[Seed], report: BuildReport, listing: Listing) -> None:
    """The seed `entry` is (or those below it, for a folder); a link is reported."""
    if entry.name.startswith("."):
        return
    if entry.is_symlink():
        report.error(
            SeedError(
                "is a symbolic link and was not followed",
                path=uri,
                hint="copy the file into seeds/ instead",
            )
        )
        return
    if entry.is_dir(follow_symlinks=False):
        _scan(entry.path, uri, found, report, listing)
        return
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError as exc:
        report.error(SeedError(f"cannot be read: {exc.strerror}", path=uri))
        return
    found.append(Seed(entry.path, uri, st.st_size, st.st_mtime, st.st_mtime_ns))
