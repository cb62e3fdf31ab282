"""The standby tree: the site before last, kept beside the published one.

An incremental build brings it up to date with only the files that differ and then swaps
it in (`swap.exchange`). Building or clearing a whole tree is nearly all system calls,
so helper processes do it beside the build's own work: `StandbyCopy` (a copy of the
published site, when the catalog vouches for it but no standby exists), `SecondTree` (a
cold build's second tree), `Trash` (trees nobody vouches for, deleted). The catalog's
manifests say which tree holds what (`trusted_manifest`); `PublishedReads` is what a
build learnt of a published site nobody vouched for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgen.errors import OutputError
from newsgen.executor import die_with_parent
from newsgen.incremental.catalog import Catalog
from newsgen.incremental.inputs import output_marks
from newsgen.output.swap import TRASH, can_exchange, recover
from newsgen.paths import safe_join


class StandbyCopy:
    """The second tree, made by a helper process while the build loads its inputs.

    The first build after a cold one has no second tree: it needs a copy of the
    published site to bring up to date, one hard link per file and one mkdir per
    page folder (seconds at 20k stories, nearly all of it system calls). Started
    before ingest, the copy runs beside the build's own work; `OutputWriter` takes
    it over. Nothing is copied when a trusted second tree already exists.
    """

    def __init__(self, output_dir: Path, catalog: Catalog) -> None:
        self.folder = output_dir.with_name(f".{output_dir.name}.staging-{os.getpid()}")
        self.manifest: dict[str, str] | None = None
        self._linking: _Linking | None = None
        standby = output_dir.with_name(f".{output_dir.name}.standby")
        if not _trusted(catalog, "live", output_dir) or _trusted(catalog, "standby", standby):
            return
        if not can_exchange():
            return
        live = catalog.manifest("live")
        recover(output_dir)
        shutil.rmtree(standby, ignore_errors=True)
        self.manifest = live
        self._linking = _Linking(output_dir, self.folder, sorted(live))

    def close(self) -> None:
        """Wait for the helper (a build that failed before writing anything)."""
        if self._linking is not None:
            self._linking.close()

    def result(self) -> tuple[Path, dict[str, str]] | None:
        """The copy and its manifest (without any file that could not be linked)."""
        if self._linking is None or self.manifest is None:
            return None
        failed = self._linking.failed()
        if failed is None:  # the helper died: fall back to the cold path
            return None
        for uri in failed:
            self.manifest.pop(uri, None)
        return self.folder, self.manifest


class SecondTree:
    """A cold build's second tree, linked from its staging folder by a helper process
    while the build goes on with its feeds and search index.

    Without it the first build after a cold one has no standby tree to update and
    must link one (`StandbyCopy`: seconds at 20k stories, all system calls).
    """

    def __init__(self, source: Path, uris: list[str]) -> None:
        self.folder = source.with_name(source.name.replace(".staging-", ".second-"))
        shutil.rmtree(self.folder, ignore_errors=True)
        self.linked = set(uris)
        self._linking = _Linking(source, self.folder, uris)

    def finish(self, source: Path, uris: Iterable[str]) -> Path | None:
        """Link the files written since; the folder, or None if one could not be linked
        (then there is no second tree: the next build links one)."""
        failed = self._linking.failed()
        rest = sorted(u for u in uris if u not in self.linked)
        if failed is None or failed or _link_tree(source, self.folder, rest):
            shutil.rmtree(self.folder, ignore_errors=True)
            return None
        return self.folder

    def close(self) -> None:
        self._linking.close()


# Past this size a helper starts from a forkserver, not as a fork of this process: the
# build goes on beside it (search index, sitemap) touching every story it holds, and each
# page it writes to is then copied, once for each process (at 100k stories, 430 MiB).
_FORK_MAX = 256 * 2**20


def _rss() -> int:
    """This process's resident bytes now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class Helper:
    """One process beside the build, for file system work, running `calls` in turn; it
    dies with the build. It is a fork of this process when this process has no other
    thread and is small, else it starts from a forkserver (a fork while a pool's or a
    Dask client's thread runs could deadlock; one of a big build holds a copy of each
    page the build writes to meanwhile: `_FORK_MAX`). It keeps no thread here: its
    result comes back through a pipe, read when asked for."""

    def __init__(self, calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> None:
        if threading.active_count() > 1 or _rss() > _FORK_MAX:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])  # each helper then starts at once
        else:
            # A fork starts in milliseconds; a forkserver is a new interpreter importing
            # this module first: 0.1 s of CPU, and a cold build's second tree (linked
            # while the search index is made) waited for it.
            context = multiprocessing.get_context("fork")
        self._results, sent = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_calls, args=(calls, sent), daemon=True)
        self._process.start()
        sent.close()
        self._got: list[Any] | None = None

    def result(self) -> list[Any]:
        """Each call's result; raises if the helper died."""
        if self._got is None:
            try:
                self._got = self._results.recv()
            except (EOFError, OSError):
                raise OutputError("a helper process died") from None
        return self._got

    def close(self) -> None:
        """Wait until it is done (its result read, so it is never left blocked on the
        pipe)."""
        with contextlib.suppress(OutputError):
            self.result()
        self._process.join()
        self._results.close()


def _run_calls(calls: list[tuple[Callable[..., Any], tuple[Any, ...]]], sent: Any) -> None:
    die_with_parent()
    sent.send([fn(*args) for fn, args in calls])
    sent.close()


def _remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class Trash:
    """Folders renamed out of the way at once and deleted by a helper process while the
    build goes on: a standby tree the catalog cannot vouch for (the first build after
    an upgrade) holds the whole site, and deleting it is minutes at 100k stories.
    A build killed before it is gone leaves it to the next one's `recover`."""

    def __init__(self, folders: list[Path]) -> None:
        self._helper: Helper | None = None
        doomed = []
        for folder in folders:
            trash = folder.with_name(f"{TRASH}{folder.name}-{os.getpid()}")
            try:
                os.replace(folder, trash)
            except FileNotFoundError:
                continue
            except OSError:  # cannot be moved: deleted here, in the build's own time
                shutil.rmtree(folder, ignore_errors=True)
                continue
            doomed.append(trash)
        if doomed:
            self._helper = Helper([(_remove_tree, (trash,)) for trash in doomed])

    def close(self) -> None:
        """Wait until the folders are gone."""
        if self._helper is not None:
            self._helper.close()
            self._helper = None


class _Linking:
    """Hard links from one tree into another, made by a helper process (nearly all of
    it system calls, so it runs beside the build's own work)."""

    def __init__(self, source: Path, folder: Path, uris: list[str]) -> None:
        self._helper: Helper | None = Helper([(_link_tree, (source, folder, uris))])

    def failed(self) -> list[str] | None:
        """Wait for it: the files that could not be linked, or None if the helper died."""
        try:
            return self._helper.result()[0] if self._helper is not None else None
        except OutputError:
            return None
        finally:
            self.close()

    def close(self) -> None:
        if self._helper is not None:
            self._helper.close()
            self._helper = None


def _link_tree(source: Path, folder: Path, uris: list[str]) -> list[str]:
    made: set[Path] = set()
    failed = []
    for uri in uris:
        try:
            target = safe_join(folder, uri)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.link(source / uri, target)
        except (OSError, OutputError):
            failed.append(uri)
    return failed


def regular_files(root: Path) -> tuple[set[str], bool]:
    """The uris of the regular files under `root`, symbolic links neither listed nor
    followed: a link planted in the published site never becomes part of the next.
    And whether that was all the tree held (only folders and regular files)."""
    found: set[str] = set()
    only_regular = True
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found.add(f"{prefix}{entry.name}")
                else:
                    only_regular = False
    return found, only_regular


def _trusted(catalog: Catalog, tree: str, folder: Path) -> bool:
    """The catalog vouches for exactly this folder as `tree`, and for the published one,
    as the last build left it: a file or folder deleted from it by hand (see
    `inputs.output_marks`) makes its manifest a claim about files that are gone, which
    every later build would copy into both trees."""
    try:
        ino = str(folder.stat().st_ino)
    except OSError:
        return False
    if not folder.is_dir() or catalog.get_meta(f"{tree}_ino") != ino:
        return False
    return tree != "live" or catalog.get_meta("output") == output_marks(folder)


def published_manifests(
    catalog: Catalog, output_dir: Path
) -> tuple[dict[str, str], dict[str, str] | None] | None:
    """The (published, standby) manifests the catalog vouches for, as an `OutputWriter`
    would find them; None without a trusted published tree."""
    live = trusted_manifest(catalog, "live", output_dir)
    if live is None:
        return None
    standby = output_dir.with_name(f".{output_dir.name}.standby")
    return live, trusted_manifest(catalog, "standby", standby)


def trusted_manifest(
    catalog: Catalog, tree: str, folder: Path, known: dict[str, str] | None = None
) -> dict[str, str] | None:
    """The manifest of `folder` if the catalog vouches for exactly this folder."""
    if not _trusted(catalog, tree, folder):
        return None
    return known if known is not None else catalog.manifest(tree)


@dataclass(slots=True)
class PublishedReads:
    """What a build read of a published site nobody vouches for, beyond the files whose
    bytes it found unchanged: those it replaced (with their digests), and those it
    could not read."""

    other: dict[str, str] = field(default_factory=dict)
    unread: set[str] = field(default_factory=set)
