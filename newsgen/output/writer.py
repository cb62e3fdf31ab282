"""OutputWriter: the only code that writes under the output folder.

The published site is never written into. Each build brings a second tree up
to date and then swaps it with the published one in one atomic step
(`renameat2(RENAME_EXCHANGE)`), so a failed or killed build leaves the
previous site exactly as it was, and readers only ever see a complete site.

The second tree is kept between builds (`.<output>.standby`, the site before
last), so an incremental build only touches the files that differ between it
and the new site: cost grows with the change, not with the archive. Both
trees are described by manifests (file -> content hash) in the catalog; a
tree whose manifest cannot be trusted (catalog deleted, a build killed while
updating it, no atomic exchange on this system) is rebuilt from scratch in a
fresh staging folder, which is the cold path; a published file whose bytes are
the same is still linked into it, not written again (its bytes are read to know).

Two pages can never claim the same file, no path can leave the folder, and a
file whose bytes did not change is not rewritten (its mtime stays, which
helps rsync and CDN uploads).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Container, Iterable
from pathlib import Path

from newsgen.errors import OutputError
from newsgen.incremental.catalog import Catalog
from newsgen.output.assets import minify_css
from newsgen.output.standby import (
    PublishedReads,
    SecondTree,
    StandbyCopy,
    Trash,
    regular_files,
    trusted_manifest,
)
from newsgen.output.swap import can_exchange, exchange, recover
from newsgen.paths import safe_join

_TMP = ".newsgen-tmp-"


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class OutputWriter:
    def __init__(
        self,
        output_dir: Path,
        catalog: Catalog | None = None,
        standby_copy: StandbyCopy | None = None,
        known: tuple[dict[str, str], dict[str, str] | None] | None = None,
    ) -> None:
        """`known`: the (published, standby) manifests as this process's last build left
        them, when the catalog is unchanged since (`build.BuildSession`)."""
        self.output_dir = output_dir
        self.catalog = catalog or Catalog(None)
        self.standby = output_dir.with_name(f".{output_dir.name}.standby")
        self.written: set[str] = set()
        self._dirs: set[str] = set()  # folders of the tree made (or found) this build
        self.target: dict[str, str] = {}  # the new site: uri -> content hash
        copied = standby_copy.result() if standby_copy is not None else None
        if copied is None:
            recover(output_dir)
        self.live = trusted_manifest(self.catalog, "live", output_dir, known and known[0])
        standby = trusted_manifest(
            self.catalog, "standby", self.standby, known[1] if known else None
        )
        # The standby tree's manifest as it was, when it is the tree brought up to date:
        # the catalog then needs only the rows that differ (see `commit`).
        self._base_before: dict[str, str] | None = None
        self._cold = False
        self._second: SecondTree | None = None
        self._after: tuple[dict[str, str], dict[str, str] | None] = ({}, None)
        if self.live is not None and standby is not None and can_exchange():
            self.build_dir, self.base = self.standby, standby
            self._base_before = dict(standby)
        elif copied is not None and self.live is not None:
            # A linked copy of the published site: update it like a second tree.
            self.build_dir, self.base = copied
        else:
            self.build_dir = output_dir.with_name(f".{output_dir.name}.staging-{os.getpid()}")
            self.base = {}
            self._cold = True
        # A standby tree nobody vouches for goes, beside the build (see `Trash`).
        self._trash = Trash([self.standby, self.build_dir] if self._cold else [])
        # A published site the catalog cannot vouch for (catalog deleted, or files deleted
        # from the site by hand): each of its files is read before it is written again,
        # and kept if its bytes are the same. What was read is then known of it: after
        # the swap it is the standby tree, not deleted (see `commit`).
        self._unvouched: set[str] | None = None
        self._seen = PublishedReads()
        self._adopt = False
        if self.live is None and output_dir.is_dir():
            self._unvouched, only_regular = regular_files(output_dir)
            self._adopt = only_regular and self._cold and can_exchange()
        # From here until the swap the tree is half-updated: never trust it if we die.
        self.catalog.set_meta("standby_ino", "")
        self.catalog.commit()
        try:
            self.build_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create {self.build_dir}: {exc.strerror}",
                hint="check that the site folder is writable",
            ) from None

    # -- writing --------------------------------------------------------------

    def _claim(self, uri: str) -> None:
        if uri in self.written:
            raise OutputError(
                f"two pages would be written to {uri}", hint="check for duplicate slugs"
            )
        self.written.add(uri)

    def write_bytes(self, uri: str, data: bytes) -> str:
        self._claim(uri)
        digest = self.target[uri] = content_hash(data)
        if not self._has(uri, digest):
            self._put(uri, data)
        self.base[uri] = digest
        return digest

    def write_text(self, uri: str, text: str) -> str:
        return self.write_bytes(uri, text.encode("utf-8"))

    def write_stream(self, uri: str, chunks: Iterable[str]) -> str:
        """A big file written as it is made (a large archive's sitemap): hashed on its way
        to a temporary file, which becomes the file only if its bytes are new."""
        self._claim(uri)
        h = hashlib.blake2b(digest_size=16)
        try:
            target = self._target(uri)
            tmp = target.with_name(f"{_TMP}stream-{target.name}")
            with open(tmp, "wb") as fh:
                for chunk in chunks:
                    data = chunk.encode("utf-8")
                    h.update(data)
                    fh.write(data)
            digest = self.target[uri] = h.hexdigest()
            if self._has(uri, digest):
                tmp.unlink()
            else:
                os.replace(tmp, target)
        except OSError as exc:
            raise _cannot_write(uri, self.build_dir, exc) from None
        self.base[uri] = digest
        return digest

    def _has(self, uri: str, digest: str) -> bool:
        """The tree holds these bytes at `uri` already, or now does as a link to the
        published file: either way the file keeps its mtime and inode, so rsync and CDN
        uploads see no change."""
        if self.base.get(uri) == digest:
            return True
        if self.live is not None:
            return self.live.get(uri) == digest and self._link_live(uri)
        if self._unvouched is None or uri not in self._unvouched:
            return False
        try:
            published = content_hash((self.output_dir / uri).read_bytes())
        except OSError:
            self._seen.unread.add(uri)
            return False
        if published != digest:
            self._seen.other[uri] = published
            return False
        return self._link_live(uri)

    def take_seen(self) -> PublishedReads:
        """What this process read of an unvouched published site since the last call: a
        render worker hands it to the parent's writer (`saw`)."""
        seen, self._seen = self._seen, PublishedReads()
        return seen

    def saw(self, seen: PublishedReads) -> None:
        self._seen.other.update(seen.other)
        self._seen.unread.update(seen.unread)

    def _target(self, uri: str) -> Path:
        """Where `uri` goes in the tree, its folder made (once per build)."""
        target = safe_join(self.build_dir, uri)
        folder = str(target.parent)
        if folder not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(folder)
        return target

    def _target_name(self, uri: str) -> str:
        """`_target` as a string, for the many pages of a cold build: a uri of plain
        segments (no empty, `.` or `..` one) lands where joining says, inside the tree,
        so it needs neither `safe_join` nor a Path; any other goes through both."""
        segments = uri.split("/")
        odd = "" in segments or "." in segments or ".." in segments
        if odd or "\x00" in uri or uri.startswith("\\"):
            return str(self._target(uri))
        root = str(self.build_dir)
        folder = f"{root}/{uri[: -len(segments[-1]) - 1]}" if len(segments) > 1 else root
        if folder not in self._dirs:
            os.makedirs(folder, exist_ok=True)
            self._dirs.add(folder)
        return f"{root}/{uri}"

    def part(self, uris: Iterable[str]) -> OutputWriter:
        """A writer of only `uris` into this build's tree, for a worker process on this
        machine that does not share this one's memory (a LocalCluster's): it carries
        those files' manifest rows and nothing else (no catalog, no helper process).
        What it writes is `register`ed here and what it read `saw`, as a pool worker's."""
        part = object.__new__(OutputWriter)
        part.output_dir, part.standby, part.build_dir = (
            self.output_dir,
            self.standby,
            self.build_dir,
        )
        uris = list(uris)
        part.base = {u: self.base[u] for u in uris if u in self.base}
        live, unvouched = self.live, self._unvouched
        part.live = None if live is None else {u: live[u] for u in uris if u in live}
        part._unvouched = None if unvouched is None else {u for u in uris if u in unvouched}
        part.written, part.target, part._dirs, part._seen = set(), {}, set(), PublishedReads()
        return part

    def register(self, uri: str, digest: str) -> None:
        """A file a worker process wrote with `write_bytes`."""
        self._claim(uri)
        self.target[uri] = self.base[uri] = digest

    def keep(self, uri: str) -> bool:
        """The page is unchanged since the published build; False when it cannot be kept."""
        digest = (self.live or {}).get(uri)
        if digest is None:
            return False
        if self.base.get(uri) != digest and not (self.output_dir / uri).is_file():
            return False  # someone removed it from the published site: render it again
        self._claim(uri)
        self.target[uri] = digest
        return True

    def read_live(self, uri: str) -> str | None:
        """A file of the published site, if it is exactly what its manifest says."""
        digest = (self.live or {}).get(uri)
        if digest is None:
            return None
        try:
            data = (self.output_dir / uri).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if content_hash(data) == digest else None

    def can_keep_rest(self) -> bool:
        """Every file of the published site is still there to be kept (see `keep_rest`)."""
        live = self.live or {}
        for uri, digest in live.items():
            if self.base.get(uri) != digest and not (self.output_dir / uri).is_file():
                return False
        return bool(live)

    def keep_rest(self, drop: Container[str] = ()) -> None:
        """Keep every published file this build neither wrote nor `drop`s: a build that
        planned only the pages an edit reaches keeps the rest as they are."""
        for uri, digest in (self.live or {}).items():
            if uri not in self.written and uri not in drop:
                self._claim(uri)
                self.target[uri] = digest

    def _put(self, uri: str, data: bytes) -> None:
        """Write into the unpublished tree: no temp file needed, it is not live until the swap."""
        try:
            target = self._target_name(uri)
            if uri in self.base:
                # It may be a hard link shared with the published site: never write through it.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise _cannot_write(uri, self.build_dir, exc) from None

    def copy_static(self, sources: list[Path]) -> dict[str, str]:
        """Copy static folders (later ones override earlier); returns asset name -> uri.

        CSS is minified, and CSS and JS are fingerprinted (`style.<hash>.css`) so a
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

    # -- finishing --------------------------------------------------------------

    def start_second_tree(self) -> None:
        """A cold build: start linking its second tree now, in a helper process (see
        `SecondTree`); call once the bulk of the site is written."""
        if self._cold and self._second is None and can_exchange() and not self._adopt:
            self._second = SecondTree(self.build_dir, sorted(self.target))

    def commit(self) -> None:
        """Complete the new tree and swap it in for the published one."""
        self._fill_from_live()
        for uri in sorted(u for u in self.base if u not in self.target):
            _remove(self.build_dir, uri)
        second = self._second.finish(self.build_dir, self.target) if self._second else None
        self._second = None
        old_live = self.live
        exchanged = False
        if self.output_dir.exists() and not self.output_dir.is_dir():
            raise OutputError(f"{self.output_dir} exists and is not a folder", hint="move it away")
        if self.output_dir.is_dir():
            exchanged = exchange(self.build_dir, self.output_dir)
        adopted: dict[str, str] | None = None
        if exchanged:
            standby_path = self.build_dir.with_name(self.standby.name)
            if self.build_dir != self.standby:
                shutil.rmtree(self.standby, ignore_errors=True)
                os.replace(self.build_dir, standby_path)
            if self._adopt:
                adopted = self._adopt_old_site()
        else:
            # No atomic exchange here: two renames, and `recover` mends a crash between them.
            old = self.output_dir.with_name(f".{self.output_dir.name}.old-{os.getpid()}")
            if self.output_dir.exists():
                os.replace(self.output_dir, old)
            os.replace(self.build_dir, self.output_dir)
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(self.standby, ignore_errors=True)
        if second is not None:
            shutil.rmtree(self.standby, ignore_errors=True)
            os.replace(second, self.standby)
        self.catalog.set_meta("live_ino", str(self.output_dir.stat().st_ino))
        standby_after: dict[str, str] | None = None
        if exchanged and old_live is not None:
            # The tree just built is published, the published one is the standby: its
            # rows already say so. Write only the built tree's rows that changed.
            before = self._base_before
            if before is None:
                self.catalog.put_manifest("standby", self.target.items())
            else:
                changes = [(u, d) for u, d in self.target.items() if before.get(u) != d]
                changes += [(u, None) for u in before if u not in self.target]
                self.catalog.patch_manifest("standby", changes)
            self.catalog.swap_manifests()
            self.catalog.set_meta("standby_ino", str(self.standby.stat().st_ino))
            standby_after = old_live
        else:
            self.catalog.put_manifest("live", self.target.items())
        if second is not None:  # the second tree holds the same files
            self.catalog.put_manifest("standby", self.target.items())
            self.catalog.set_meta("standby_ino", str(self.standby.stat().st_ino))
            standby_after = dict(self.target)
        elif adopted is not None:
            self.catalog.put_manifest("standby", adopted.items())
            self.catalog.set_meta("standby_ino", str(self.standby.stat().st_ino))
            standby_after = adopted
        self._after = (self.target, standby_after)
        self.catalog.commit()
        self._trash.close()

    def _adopt_old_site(self) -> dict[str, str]:
        """The site this build replaced, now in the standby folder, as a standby tree: it
        is known by the files this build read of it; the rest (stale pages, files it
        could not read) go, so the old site need neither be deleted whole nor a second
        tree linked beside it."""
        assert self._unvouched is not None
        held = {}
        other, unread = self._seen.other, self._seen.unread
        for uri in sorted(self._unvouched):
            if uri in other:
                held[uri] = other[uri]
            elif uri in self.target and uri not in unread:
                held[uri] = self.target[uri]  # read, and the same bytes
            else:
                _remove(self.standby, uri)
        return held

    def _fill_from_live(self) -> None:
        """Files of the new site the tree lacks or has stale: link them from the live site."""
        for uri, digest in self.target.items():
            if self.base.get(uri) == digest:
                continue
            if not self._link_live(uri):  # no hard links here: copy the bytes
                self._put(uri, (self.output_dir / uri).read_bytes())
            self.base[uri] = digest

    def _link_live(self, uri: str) -> bool:
        """Put the published file at `uri` into the tree as a hard link; False if it cannot.

        The first build after a cold one links every file into a fresh folder: one
        `link` each, no temp name (one `mkdir` per page folder is its real cost).
        """
        source = self.output_dir / uri
        try:
            target = self._target(uri)
            if self.build_dir != self.standby and uri not in self.base:
                os.link(source, target)
                return True
            tmp = target.with_name(f"{_TMP}{target.name}")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            os.link(source, tmp)
            os.replace(tmp, target)
        except OSError:
            return False
        return True

    def manifests(self) -> tuple[dict[str, str], dict[str, str] | None]:
        """(published, standby) manifests after `commit`, for the next build in this
        process."""
        return self._after

    def abort(self) -> None:
        self._trash.close()
        if self._second is not None:
            self._second.close()
            shutil.rmtree(self._second.folder, ignore_errors=True)
        if self.build_dir != self.standby:
            shutil.rmtree(self.build_dir, ignore_errors=True)


def _cannot_write(uri: str, folder: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"cannot write {uri}: {exc.strerror}",
        path=folder,
        hint="check free disk space and that the site folder is writable",
    )


def _remove(root: Path, uri: str) -> None:
    path = safe_join(root, uri)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    parent = path.parent
    while parent != root:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
