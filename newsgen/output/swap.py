"""The atomic swap of two trees, and putting the published site back after a crash.

Linux's `renameat2(RENAME_EXCHANGE)` swaps the published site and its standby tree in
one step, so readers only ever see a complete site; elsewhere the writer falls back to
building a fresh staging tree and renaming it into place.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path

# Folders renamed out of the way and deleted by a helper process (see `standby.Trash`).
TRASH = ".newsgen-trash-"


def recover(output_dir: Path) -> None:
    """Put back the previous site if a build died mid-swap; drop dead staging folders."""
    parent = output_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{output_dir.name}.old-*"))
    if olds and not output_dir.exists():
        os.replace(olds[-1], output_dir)
        olds = olds[:-1]
    dead = [
        *parent.glob(f".{output_dir.name}.staging-*"),
        *parent.glob(f".{output_dir.name}.second-*"),
        *parent.glob(f"{TRASH}.{output_dir.name}.*"),
    ]
    for leftover in [*olds, *dead]:
        shutil.rmtree(leftover, ignore_errors=True)


def can_exchange() -> bool:
    return sys.platform == "linux"


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not can_exchange():
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = ctypes.c_int(-100), ctypes.c_uint(2)
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
