"""Peak memory of a process tree as the sum of its processes' PSS.

RSS counts a page once per process that maps it, so a build whose workers were forked
from it (sharing the parent's pages until they write them) shows several times its
real footprint. PSS shares each page among the processes that map it, so the sum over
the tree is what the build costs the machine. Read from /proc/PID/smaps_rollup
(Linux 4.14+) every `interval` seconds while the process runs.
"""

from __future__ import annotations

import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(k) for k in task.read_text().split()]
        except (OSError, ValueError):  # the task ended while we looked
            continue
    return kids


def tree_pss_kib(pid: int) -> int:
    """The summed PSS (KiB) of `pid` and every process below it, now."""
    total, todo = 0, [pid]
    while todo:
        one = todo.pop()
        try:
            for line in Path(f"/proc/{one}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):  # ended, or not ours to read
            continue
        todo += _children(one)
    return total


class PeakPss:
    """Samples `tree_pss_kib(pid)` on a thread until `stop`; `peak_mib` is the largest."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))
            self._done.wait(self.interval)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak_kib / 1024
