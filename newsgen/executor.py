"""How work units are scheduled: one small interface, two engines.

Stages hand an `Executor` a function and a list of coarse work units and get
the results back in input order, so `--jobs 4` output is byte-identical to
`--jobs 1`. A work unit is a picklable (function, batch) pair, the same for every
engine; what a whole map shares (a renderer, a batch of pages) is passed once as
`shared` and the function is called as `fn(shared, item)`. The process pool hands
`shared` to its workers by forking after it is set (copy-on-write, for speed); the
Dask engine (`executor_dask`, `--scheduler`) makes it a task whose result each
worker fetches once.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    jobs: int
    local_files: bool
    """Workers see this machine's files (else a unit carries the bytes it needs)."""

    def map(self, fn: Callable[..., R], items: Iterable[Any], shared: Any = None) -> Iterator[R]:
        """`fn(item)` over `items` (`fn(shared, item)` with `shared`), in input order."""
        ...

    def close(self, *, wait: bool = True) -> None:
        """With `wait` False, workers still starting up finish in the background."""
        ...

    def start(self, initializer: Callable[[], None], *, one_at_a_time: bool = True) -> None:
        """Start the workers now, each running `initializer` while the caller goes on."""
        ...


class SerialExecutor:
    jobs = 1
    local_files = True

    def start(self, initializer: Callable[[], None], *, one_at_a_time: bool = True) -> None:
        pass  # the work runs here, when it comes

    def map(self, fn: Callable[..., R], items: Iterable[Any], shared: Any = None) -> Iterator[R]:
        return map(fn, items) if shared is None else map(partial(fn, shared), items)

    def close(self, *, wait: bool = True) -> None:
        pass


class ProcessExecutor:
    """A process pool, forked from the parent when first needed.

    Forking shares the parent's loaded data copy-on-write, so workers start in
    milliseconds; work units should be coarse (tens of items), which the
    callers arrange. Models load inside the workers, not in the parent.
    """

    local_files = True

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[..., R], items: Iterable[Any], shared: Any = None) -> Iterator[R]:
        """With `shared` and no pool yet, the pool forks now, with `shared` set: the
        workers inherit it and only `fn` and the items are pickled. A pool that already
        runs gets `shared` pickled with every unit (the same units, slower)."""
        # Even one unit goes to a worker: what it loads (the analysis models, for one
        # changed seed) then never grows the long-lived parent.
        items = list(items)
        if not items:
            return iter(())
        if shared is None:
            return self._get_pool().map(fn, items)
        if self._pool is not None or _threaded():
            return self._get_pool().map(partial(_call_shared, fn, 0, shared), items)
        key = id(shared)
        _FORKED_WITH[key] = shared
        try:
            # Every unit is submitted now, and the workers fork with the first.
            return self._get_pool().map(partial(_call_shared, fn, key, None), items)
        finally:
            del _FORKED_WITH[key]

    def start(self, initializer: Callable[[], None], *, one_at_a_time: bool = True) -> None:
        """With `one_at_a_time`, the workers run `initializer` in turn: the first is ready
        soonest (a small build needs only one), and the caller keeps a core to itself
        meanwhile. Without, all at once (a big build needs them all). A worker takes no
        work until its own initializer is done."""
        pool = self._get_pool(initializer, one_at_a_time)
        pool.submit(int)  # a forked pool starts all its workers with the first task

    def _get_pool(
        self, initializer: Callable[[], None] | None = None, one_at_a_time: bool = False
    ) -> ProcessPoolExecutor:
        if self._pool is None:
            # Forking while another thread runs (`newsgen serve` rebuilds from its watcher
            # while its server thread answers) can deadlock the child on a lock that thread
            # held: then the workers start from a fork server, and `shared` is pickled.
            context = multiprocessing.get_context("forkserver" if _threaded() else "fork")
            turn = context.Lock() if one_at_a_time else contextlib.nullcontext()
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(initializer, turn),
            )
        return self._pool

    def close(self, *, wait: bool = True) -> None:
        """Without `wait`, workers still busy (loading models no unit needed) are killed:
        the pool's thread is then gone at once, so a later fork (the render pool's)
        never happens while this process has a thread."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not wait:
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(OSError, ValueError):
                    process.kill()
        pool.shutdown(wait=True, cancel_futures=not wait)


def _threaded() -> bool:
    """Another thread runs in this process (a fork now could deadlock the child)."""
    return threading.active_count() > 1


# What a pool's workers inherit when they fork: see `ProcessExecutor.map`.
_FORKED_WITH: dict[int, Any] = {}


def _call_shared(fn: Callable[[Any, T], R], key: int, shared: Any, item: T) -> R:
    return fn(_FORKED_WITH[key] if shared is None else shared, item)


def _start_worker(initializer: Callable[[], None] | None, turn: Any) -> None:
    die_with_parent()
    if initializer is not None:
        # On failure the real work meets the same error, and reports it.
        with turn, contextlib.suppress(Exception):
            initializer()


def die_with_parent() -> None:
    """A worker must not outlive a build that was killed (Linux: PR_SET_PDEATHSIG)."""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        arg = ctypes.c_ulong
        # prctl is variadic: pass every argument at full width. 1 = PR_SET_PDEATHSIG.
        libc.prctl(1, arg(signal.SIGKILL), arg(0), arg(0), arg(0))
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before we got here
        os._exit(1)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_executor(jobs: int | None, scheduler: str | None = None) -> Executor:
    """With `scheduler` (`local:N` or a Dask scheduler's address) the Dask engine,
    else `jobs` processes (None: one per core)."""
    if scheduler:
        from newsgen.executor_dask import DaskExecutor, require_dask

        require_dask()
        return DaskExecutor(scheduler)
    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    return ProcessExecutor(jobs) if jobs > 1 and can_fork else SerialExecutor()


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def flatten(chunks: Iterable[list[R]]) -> Iterator[R]:
    for chunk in chunks:
        yield from chunk
