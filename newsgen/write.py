"""OutputWriter: the only code that writes under the output folder.

Everything is written into a staging folder beside the output and swapped in
at the end, so a failed or interrupted build leaves the previous site intact.
Two pages can never claim the same file, and no path can leave the folder.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

from newsgen.errors import OutputError
from newsgen.paths import safe_join

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{}:;,>])\s*")


class OutputWriter:
    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.staging = output_dir.with_name(f".{output_dir.name}.staging-{os.getpid()}")
        self.written: set[str] = set()
        recover(output_dir)
        try:
            self.staging.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create {self.staging}: {exc.strerror}",
                hint="check that the site folder is writable",
            ) from None

    def write_bytes(self, uri: str, data: bytes) -> None:
        if uri in self.written:
            raise OutputError(
                f"two pages would be written to {uri}", hint="check for duplicate slugs"
            )
        target = safe_join(self.staging, uri)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not self._link_if_same(uri, target, data):
                target.write_bytes(data)
        except OSError as exc:
            raise OutputError(
                f"cannot write {uri}: {exc.strerror}",
                path=self.staging,
                hint="check free disk space and that the site folder is writable",
            ) from None
        self.written.add(uri)

    def _link_if_same(self, uri: str, target: Path, data: bytes) -> bool:
        """Reuse the published file when its bytes are the same: keeps its mtime for rsync/CDNs."""
        old = self.output_dir / uri
        try:
            if old.stat().st_size != len(data) or old.read_bytes() != data:
                return False
            os.link(old, target)
        except OSError:
            return False
        return True

    def keep(self, uri: str) -> bool:
        """Carry the published file over unchanged; False when there is none to keep."""
        if uri in self.written:
            raise OutputError(
                f"two pages would be written to {uri}", hint="check for duplicate slugs"
            )
        old = self.output_dir / uri
        target = safe_join(self.staging, uri)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(old, target)
        except OSError:
            return False
        self.written.add(uri)
        return True

    def write_text(self, uri: str, text: str) -> None:
        self.write_bytes(uri, text.encode("utf-8"))

    def copy_static(self, sources: list[Path]) -> dict[str, str]:
        """Copy static folders (later ones override earlier); returns asset name -> uri.

        CSS and JS are minified (CSS) and fingerprinted (`style.<hash>.css`) so a
        host can cache them forever.
        """
        files: dict[str, Path] = {}
        for src in sources:
            if not src.is_dir():
                continue
            for path in sorted(src.rglob("*")):
                if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                    files[path.relative_to(src).as_posix()] = path
        assets: dict[str, str] = {}
        for name, path in sorted(files.items()):
            data = path.read_bytes()
            if name.endswith(".css"):
                data = minify_css(data.decode("utf-8")).encode("utf-8")
            if name.endswith((".css", ".js")):
                digest = hashlib.sha256(data).hexdigest()[:10]
                stem, ext = name.rsplit(".", 1)
                uri = f"static/{stem}.{digest}.{ext}"
            else:
                uri = f"static/{name}"
            self.write_bytes(uri, data)
            assets[name] = uri
        return assets

    def commit(self) -> None:
        """Swap the staging folder in place of the output folder, atomically where the OS can."""
        if self.output_dir.exists() and not self.output_dir.is_dir():
            raise OutputError(f"{self.output_dir} exists and is not a folder", hint="move it away")
        if self.output_dir.is_dir() and _exchange(self.staging, self.output_dir):
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        # No atomic exchange here: two renames, and `recover` mends a crash between them.
        old = self.output_dir.with_name(f".{self.output_dir.name}.old-{os.getpid()}")
        if self.output_dir.exists():
            os.replace(self.output_dir, old)
        os.replace(self.staging, self.output_dir)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def recover(output_dir: Path) -> None:
    """Put back the previous site if a build died mid-swap; drop dead staging folders."""
    parent = output_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{output_dir.name}.old-*"))
    if olds and not output_dir.exists():
        os.replace(olds[-1], output_dir)
        olds = olds[:-1]
    for leftover in [*olds, *parent.glob(f".{output_dir.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def minify_css(css: str) -> str:
    css = _CSS_COMMENT.sub("", css)
    css = _CSS_SPACE.sub(r"\1", css)
    css = re.sub(r"\s+", " ", css).replace(";}", "}")
    return css.strip() + "\n"
