"""Progress for long builds: a bar on a terminal, plain lines in a log, nothing with --quiet.

Nothing shows for the first second, so quick builds stay silent (tqdm's
`delay`); off a terminal a line is printed at most every few seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, desc: str, enabled: bool) -> Iterator[T]:
    if not enabled or total == 0:
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=desc, delay=1.0, unit=" items", leave=False)
        return
    start = last = time.perf_counter()
    for n, item in enumerate(items, 1):
        yield item
        now = time.perf_counter()
        if now - start > 1.0 and (now - last > 5.0 or n == total):
            print(f"{desc}: {n}/{total}", file=sys.stderr, flush=True)
            last = now
