"""Loaded models and tables kept as pickles between runs.

Building the tagger, the section model, the knowledge base and the gazetteer from the
JSON the package ships is most of what loading the analysis costs (0.38 s a process);
unpickling what an earlier run built takes 0.15 s. A one-edit build and every worker of
a cold build load them, so the built objects are kept, keyed by the bytes they were
built from (data files and the modules that build them) and the Python version.

A pickle runs code when loaded, so the cache lives only in a folder this user owns and
no one else may write to (as Jinja's bytecode cache does): a private folder in the
temporary directory, or `NEWSGEN_MODEL_CACHE`. `NEWSGEN_MODEL_CACHE=off` turns it off.
Anything that goes wrong (no such folder, a truncated file, a full disk) means the model
is built from the shipped data, as without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV = "NEWSGEN_MODEL_CACHE"


def cached(name: str, sources: Iterable[Path | bytes], build: Callable[[], T]) -> T:
    """`build()`, or what it returned in an earlier run from the same `sources`."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    try:
        for source in sources:
            digest.update(source if isinstance(source, bytes) else source.read_bytes())
    except OSError:
        return build()
    path = folder / f"{name}-{digest.hexdigest()}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception:  # a damaged cache is rebuilt, never fatal
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            tmp.unlink()
        return
    for old in folder.glob(f"{name}-*.pickle"):  # models of other versions
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


def cache_dir() -> Path | None:
    """The private folder for the cache, made if need be; None when there is none."""
    chosen = os.environ.get(ENV)
    if chosen is not None and chosen.lower() in ("", "0", "off", "no", "false"):
        return None
    if chosen:
        folder = Path(chosen)
    else:
        uid = os.getuid() if hasattr(os, "getuid") else "user"
        folder = Path(tempfile.gettempdir()) / f"_newsgen-models-{uid}"
    try:
        folder.mkdir(mode=0o700, parents=bool(chosen), exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (
        info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return None  # another user could plant a pickle there
    return folder
