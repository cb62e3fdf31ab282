"""Finding seeds: every regular file below seeds/, in a stable order.

Hidden files are skipped, and so is any symlink (a link could point outside
the site: it is reported, never followed).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import SeedError
from newsgen.report import BuildReport


@dataclass(frozen=True, slots=True)
class Seed:
    """One seed file. `uri` is its '/'-separated path relative to the site root."""

    path: Path
    uri: str
    size: int
    mtime: float
    mtime_ns: int

    def read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise SeedError(
                f"cannot be read: {exc.strerror}", path=self.uri, hint="check its permissions"
            ) from None


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_seeds(seeds_dir: Path, root: Path, report: BuildReport) -> list[Seed]:
    """All seeds, sorted by path, so every build sees them in the same order."""
    if not seeds_dir.is_dir():
        return []
    found: list[Seed] = []
    for dirpath, dirnames, filenames in os.walk(seeds_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            uri = path.relative_to(root).as_posix()
            if path.is_symlink():
                report.error(
                    SeedError(
                        "is a symbolic link and was not followed",
                        path=uri,
                        hint="copy the file into seeds/ instead",
                    )
                )
                continue
            try:
                st = path.stat()
            except OSError as exc:
                report.error(SeedError(f"cannot be read: {exc.strerror}", path=uri))
                continue
            found.append(
                Seed(
                    path=path, uri=uri, size=st.st_size, mtime=st.st_mtime, mtime_ns=st.st_mtime_ns
                )
            )
    found.sort(key=lambda s: s.uri)
    return found
