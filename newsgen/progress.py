"""Progress for long builds: a bar on a terminal, plain lines in a log, nothing with --quiet.

Nothing shows for the first second, so quick builds stay silent (tqdm's
`delay`); off a terminal a line is printed at most every few seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, desc: str, enabled: bool) -> Iterator[T]:
    if not enabled or total == 0:
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: a render pool forks later
        yield from tqdm(items, total=total, desc=desc, delay=1.0, unit=" items", leave=False)
        return
    start = last = time.perf_counter()
    for n, item in enumerate(items, 1):
        yield item
        now = time.perf_counter()
        if now - start > 1.0 and (now - last > 5.0 or n == total):
            print(f"{desc}: {n}/{total}", file=sys.stderr, flush=True)
            last = now


@contextmanager
def progress_counter(*, desc: str, enabled: bool) -> Iterator[Callable[[int], None]]:
    """For work whose size is found out as it goes (pages are planned in batches):
    yields `done(n)`, to call as each n items finish."""
    if not enabled:
        yield lambda n: None
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: a render pool forks later
        with tqdm(desc=desc, delay=1.0, unit=" items", leave=False) as bar:
            yield bar.update
        return
    start = last = time.perf_counter()
    count = 0

    def done(n: int) -> None:
        nonlocal count, last
        count += n
        now = time.perf_counter()
        if now - start > 1.0 and now - last > 5.0:
            print(f"{desc}: {count}", file=sys.stderr, flush=True)
            last = now

    yield done
