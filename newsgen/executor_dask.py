"""The Dask engine: newsgen's work units on a dask.distributed cluster.

`newsgen build --scheduler tcp://HOST:8786` (or `local:N`, a LocalCluster of N
worker processes on this machine) hands the same (function, batch) units as the
process pool to Dask's workers: everything a unit needs travels with it, pickled,
and what a whole batch shares is a task of its own, whose result each worker fetches
once (never scattered: Dask cannot make scattered data again). Results come back in
input order; the client stays the only writer of records and of the site. A worker
that dies has its tasks run again by Dask. Installed with the `dask` extra.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import importlib.util
import logging
import multiprocessing
import os
import pickle
import threading
import uuid
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from newsgen import __version__
from newsgen.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local:"
INSTALL = "pip install 'newsgen[dask]'"
CONNECT_TIMEOUT = "10s"
WORKER_WAIT = 30.0  # seconds to wait for a first worker to join the scheduler
# Units in flight per worker thread: enough that none waits for the client, few
# enough that a cold build's seeds and pages are not all held in the client at once.
IN_FLIGHT = 3

# A LocalCluster shares this machine's cores with the client: what Dask does beside the
# units there is taken from them. Its workers sample their own stacks every 10 ms for
# the dashboard's profile, and the scheduler moves queued units between workers (all of
# ours cost about the same, and are handed out as workers free up anyway); the system
# monitor and the event loops' health checks poll less often.
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.tick.interval": "500ms",
}

# A LocalCluster's workers fork from a server that has imported Dask and newsgen's
# ingest and render stages once: a spawned worker imports them itself, about 0.5 s of
# CPU each. The server starts before the client imports Dask, so the two imports run
# side by side. A forked server runs no thread, so its forks cannot deadlock. This module
# comes last: importing it there runs the build's warm-up (`_WARM_UP`).
WORKER_PRELOAD = [
    "distributed",
    "newsgen.records.intake",
    "newsgen.output.publish",
    "newsgen.output.standby",
    "newsgen.executor_dask",
]
# The executor's initializer (the analysis models, 0.3 s of CPU), pickled, for the fork
# server to run once before it forks any worker, instead of each worker loading them
# after it has joined the cluster. A fork server is told nothing but its preload list
# and its environment, so this is set in the environment for the one call that starts it.
_WARM_UP = "NEWSGEN_FORK_SERVER_WARM_UP"

# One client (and LocalCluster) per scheduler a process asked for: a LocalCluster takes
# seconds to start, and `serve` or a test suite builds many times.
_CLIENTS: dict[str, Any] = {}


def parse_scheduler(scheduler: str) -> str:
    """`scheduler` checked: `local:N` (N ≥ 1) or an address such as tcp://host:8786."""
    if scheduler.startswith(LOCAL):
        count = scheduler.removeprefix(LOCAL)
        if not count.isdigit() or int(count) < 1:
            raise UsageError(
                f"--scheduler {scheduler!r}: expected local:N with N a whole number of "
                "workers, e.g. local:2"
            )
        return scheduler
    if "://" not in scheduler:
        raise UsageError(
            f"--scheduler {scheduler!r}: expected a scheduler address such as "
            "tcp://127.0.0.1:8786, or local:N"
        )
    return scheduler


def require_dask() -> None:
    """Exit 2 with what to install when the extra is missing. It is only looked for, not
    imported: importing Dask takes a quarter of a second of CPU, which `start_soon` spends
    on a thread once the fork server that makes the workers is on its way."""
    try:
        found = importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):  # a broken install, or a test that hides it
        found = False
    if not found:
        raise UsageError(f"the Dask engine is not installed: {INSTALL}")


def start_soon(scheduler: str, initializer: Callable[[], None] | None = None) -> bool:
    """Start connecting to `scheduler` (starting a LocalCluster: about a second) on a
    thread of its own, while the caller goes on reading the site; `client_for` waits for
    it. An error is raised there, by the caller's thread. Each worker runs `initializer`
    first (a LocalCluster's fork server runs it once, before it forks them). False: it
    was started already."""
    scheduler = parse_scheduler(scheduler)
    if scheduler in _CLIENTS or scheduler in _STARTING:
        return False
    require_dask()
    if scheduler.startswith(LOCAL):
        _start_forkserver(initializer)
    starting = _Starting(scheduler)
    # Still run on each worker once it is up: quick where the fork server ran it, and
    # what loads the models where the server was started without them (by another build).
    starting.initializer = initializer
    _STARTING[scheduler] = starting
    starting.thread.start()
    return True


class _Starting:
    """A client being connected on a thread: its client, or the error it met."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler
        self.client: Any = None
        self.error: BaseException | None = None
        self.initializer: Callable[[], None] | None = None
        self.thread = threading.Thread(target=self._run, name="newsgen-dask-start", daemon=True)

    def _run(self) -> None:
        try:
            self.client = _connected(self.scheduler)
            if self.initializer is not None:
                _WARMING[self.scheduler] = _warm_up(self.client, self.initializer)
        except BaseException as exc:  # handed to the thread that asks for the client
            self.error = exc

    def result(self) -> Any:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.client


_STARTING: dict[str, _Starting] = {}
# Warm-up tasks a starting thread submitted, until an executor holds them.
_WARMING: dict[str, list[Any]] = {}


def _start_forkserver(initializer: Callable[[], None] | None = None) -> None:
    """Start this process's fork server (see `WORKER_PRELOAD`), running `initializer`
    once it has imported them, unless it runs already (the standby tree's helpers use it
    too, and would then import what they need)."""
    from multiprocessing import forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    forkserver.set_forkserver_preload(WORKER_PRELOAD)
    if initializer is not None:
        os.environ[_WARM_UP] = base64.b64encode(pickle.dumps(initializer)).decode()
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_WARM_UP, None)


def _warm_up_fork_server() -> None:
    """In a fork server (importing this module last of `WORKER_PRELOAD`): the initializer
    its starter left in the environment, run once; the workers it forks inherit what it
    loaded. Taken out of the environment first, so no worker runs it again on import. On
    failure each worker's own warm-up, or its first unit, meets the error and reports it."""
    data = os.environ.pop(_WARM_UP, None)
    if data is not None:
        with contextlib.suppress(Exception):
            pickle.loads(base64.b64decode(data))()


_warm_up_fork_server()


def _warm_up(client: Any, initializer: Callable[[], None]) -> list[Any]:
    """`initializer` run once on each worker; the futures must be held, or Dask drops the
    tasks unfinished."""
    return [
        client.submit(initializer, workers=[address], pure=False) for address in client.nthreads()
    ]


def client_for(scheduler: str) -> Any:
    """This process's client of `scheduler`, connected and checked on first use."""
    scheduler = parse_scheduler(scheduler)
    starting = _STARTING.get(scheduler)
    if starting is not None:
        try:
            client = starting.result()
        except BaseException:
            # Interrupted while it starts: kept, so `close_clients` closes it at exit.
            if not starting.thread.is_alive():
                _STARTING.pop(scheduler, None)
            raise
        _STARTING.pop(scheduler, None)
        _CLIENTS[scheduler] = client
    client = _CLIENTS.get(scheduler)
    if client is not None and client.status == "running":
        return client
    require_dask()
    client = _CLIENTS[scheduler] = _connected(scheduler)
    return client


def _connected(scheduler: str) -> Any:
    client = _connect(scheduler)
    try:
        _check_workers(client, scheduler)
    except BaseException:
        _close(client)
        raise
    return client


def _connect(scheduler: str) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # found by `require_dask`, but it cannot be imported
        raise UsageError(f"the Dask engine cannot be imported: {exc}", hint=INSTALL) from None

    if scheduler.startswith(LOCAL):
        import dask

        # Read when the scheduler and nannies are made; a nanny hands them on to the worker
        # it starts (and restarts).
        config = dict(LOCAL_CONFIG)
        if "forkserver" in multiprocessing.get_all_start_methods():
            _start_forkserver()  # started by `start_soon`, unless the client was not
            config["distributed.worker.multiprocessing-method"] = "forkserver"
        with dask.config.set(config):
            cluster = LocalCluster(
                n_workers=int(scheduler.removeprefix(LOCAL)),
                threads_per_worker=1,  # rendering and analysis are CPU-bound Python
                processes=True,
                dashboard_address=None,
                # This machine only; the scheduler's HTTP server (health, metrics) on a free
                # port, so a busy 8787 is no warning.
                host="127.0.0.1",
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
                # No memory monitor: it pauses or spills a worker near a limit our units
                # never approach, and polls every 100 ms to know.
                memory_limit=0,
            )
        return Client(cluster, set_as_default=False)
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}",
            hint="start it with `dask scheduler`, or check the address and port",
        ) from None


def _worker_version() -> str:
    import newsgen

    return newsgen.__version__


def _check_workers(client: Any, scheduler: str) -> None:
    """At least one worker, and every worker running this newsgen."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except (OSError, TimeoutError):
        raise UsageError(
            f"the Dask scheduler at {scheduler} has no workers",
            hint="start some with `dask worker " + scheduler + "`",
        ) from None
    if scheduler.startswith(LOCAL):
        return  # forked from this process's fork server: this very newsgen
    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # a worker that cannot import newsgen at all
        raise UsageError(
            f"the Dask workers of {scheduler} cannot run newsgen: {exc}",
            hint=f"install newsgen {__version__} on every worker ({INSTALL})",
        ) from None
    wrong = sorted(f"{addr} has {v}" for addr, v in versions.items() if v != __version__)
    if wrong:
        raise UsageError(
            f"the Dask workers of {scheduler} run another newsgen: {', '.join(wrong)}; "
            f"this is {__version__}",
            hint=f"install newsgen {__version__} on every worker",
        )


def _close(client: Any) -> None:
    cluster = client.cluster
    with contextlib.suppress(Exception):
        client.close()
    if cluster is not None:
        with contextlib.suppress(Exception):
            cluster.close()


@atexit.register
def close_clients() -> None:
    """Every client and LocalCluster this process started, closed."""
    while _STARTING:  # started for a build that stopped before it needed the cluster
        starting = _STARTING.popitem()[1]
        with contextlib.suppress(BaseException):
            _close(starting.result())
    while _CLIENTS:
        _close(_CLIENTS.popitem()[1])


class DaskExecutor:
    """An `Executor` whose workers are a Dask cluster's."""

    local_files = False  # a worker may be another machine: files go out as bytes

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler = parse_scheduler(scheduler)
        self.local_files = scheduler.startswith(LOCAL)
        self._client: Any = None
        self._running: list[_InOrder[Any]] = []
        self._warming: list[Any] = []
        if self.local_files:
            # Known without waiting; the LocalCluster starts with `start` (or when first
            # needed), and then goes on starting while the caller reads the site.
            threads = int(scheduler.removeprefix(LOCAL))
        else:
            threads = sum(self.client.nthreads().values())
        self.jobs = max(2, threads)  # more than one: callers then hand out coarse units

    @property
    def client(self) -> Any:
        """The client, once connected (waits for a LocalCluster still starting)."""
        if self._client is None:
            self._client = client_for(self.scheduler)
            self._warming += _WARMING.pop(self.scheduler, [])
        return self._client

    def start(self, initializer: Callable[[], None], *, one_at_a_time: bool = True) -> None:
        """Each worker loads the models now, while the client reads records; a worker keeps
        them for every later task and build. A LocalCluster not started yet starts now, and
        its fork server loads them once for every worker; one still starting loads them as
        soon as it is up."""
        if self.local_files and start_soon(self.scheduler, initializer):
            return
        starting = _STARTING.get(self.scheduler)
        if self._client is None and starting is not None and starting.thread.is_alive():
            # Read by the starting thread once connected; if it has just read it, the
            # first units load the models themselves, as they would anyway.
            starting.initializer = initializer
            return
        self._warming = _warm_up(self.client, initializer)

    def map(self, fn: Callable[..., R], items: Iterable[Any], shared: Any = None) -> Iterator[R]:
        """`fn(item)` (or `fn(shared, item)`) on the workers, results in input order.
        `shared` reaches each worker once (see `_shared`), not with every unit. A list of
        units (the caller holds them already) is submitted whole, so no worker waits for
        the client to ask for more; units made as they are asked for (seeds read to bytes)
        are submitted a few a worker ahead of the one the caller waits for."""
        args: tuple[Any, ...] = ()
        if shared is not None:
            args = (fn, self._shared(shared))
            fn = _call_shared
        window = len(items) if isinstance(items, list) else IN_FLIGHT * self.jobs
        running = _InOrder(self.client, fn, args, iter(items), window)
        self._running.append(running)
        return running

    def _shared(self, shared: Any) -> Any:
        """`shared`, pickled here once, as a task of its own whose units depend on it: the
        scheduler keeps the task, so if the only worker that holds its result dies, it is
        run again elsewhere, and each unit gets it from any worker that has it, whenever
        it runs. (A broadcast scatter fails or hangs on a worker that has just died, and
        scattered data that is lost cannot be made again.)"""
        data = pickle.dumps(shared, pickle.HIGHEST_PROTOCOL)
        key = f"newsgen-shared-{uuid.uuid4().hex}"
        import dask

        # The bytes go in the task, once a map, on purpose: Dask's warning about a large
        # graph is for data repeated in many tasks, so it is raised past this task's size.
        threshold = dask.utils.parse_bytes(
            dask.config.get("distributed.admin.large-graph-warning-threshold")
        )
        limit = len(data) + threshold
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": limit}):
            return self.client.submit(_Shared, key, data, key=key, pure=False)

    def close(self, *, wait: bool = True) -> None:
        """Cancel what is still queued (Ctrl-C, an error); the cluster stays up for the
        next build of this process."""
        for running in self._running:
            running.cancel()
        self._running = []
        self._warming = []  # released: a worker still loading finishes on its own


class _InOrder(Iterator[R]):
    """Units submitted `window` ahead of the one the caller waits for."""

    def __init__(
        self,
        client: Any,
        fn: Callable[..., R],
        args: tuple[Any, ...],
        items: Iterator[Any],
        window: int,
    ) -> None:
        self.client, self.fn, self.args, self.items = client, fn, args, items
        self.pending: deque[Any] = deque()
        self._fill(window)
        self.window = window

    def _fill(self, window: int) -> None:
        while len(self.pending) < window:
            item = next(self.items, _END)
            if item is _END:
                return
            # pure=False: two equal units (two identical seeds) are still two tasks.
            self.pending.append(self.client.submit(self.fn, *self.args, item, pure=False))

    def __next__(self) -> R:
        if not self.pending:
            raise StopIteration
        try:
            result = self.pending.popleft().result()
        except BaseException:
            self.cancel()
            raise
        self._fill(self.window)
        return result

    def cancel(self) -> None:
        if self.pending:
            with contextlib.suppress(Exception):
                self.client.cancel(list(self.pending))
            self.pending.clear()


_END = object()


# eq=False: found by identity (a worker hands each unit the one object it holds), and
# never hashed by its bytes; weakref_slot: `_LOADED` forgets it when the worker does.
@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class _Shared:
    """What every unit of a map shares, pickled: a task's result, which a worker fetches
    from another as plain bytes and unpickles once (`_call_shared`)."""

    key: str
    data: bytes


# A worker's shared values, unpickled, for as long as it holds the task's result (until
# the client releases the map, or the worker fetches it anew): a worker kept idle between
# builds holds no batch's job.
_LOADED: weakref.WeakKeyDictionary[_Shared, Any] = weakref.WeakKeyDictionary()
_LOADING = threading.Lock()


def _call_shared(fn: Callable[[Any, T], R], shared: _Shared, item: T) -> R:
    """`fn(shared, item)`, with `shared` unpickled once per worker and map."""
    with _LOADING:
        value = _LOADED.get(shared, _END)
        if value is _END:
            value = _LOADED[shared] = pickle.loads(shared.data)
    return fn(value, item)
