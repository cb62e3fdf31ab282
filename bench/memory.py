"""Peak memory of one cold build: the process tree's summed PSS and the parent's RSS.

Builds bbc-dev replicated K times (bench/corpus.py) with `analysis: false` from raw
seeds, in a fresh `newsgen build` process, and prints CPU (ms per story), the peak
summed PSS of the build's process tree (bench/pss.py), the parent's own peak RSS
(VmHWM: what holds the archive's metadata, and the client of a cluster, #25) and
the processes' PSS at the tree's peak.

    python bench/memory.py --k 10 --work /tmp/mem-bench [--analysis] [--mode no-cache]

`--mode no-cache` builds again from the records of the last build (`--no-cache`),
`--mode cold` (the default) from the seeds, with nothing left of an earlier build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus
from bench.pss import tree_pss_kib

REPO = Path(__file__).resolve().parent.parent


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


def _tree(pid: int) -> list[tuple[int, int]]:
    """(pid, its own PSS in KiB) of `pid` and every process below it."""
    out, todo = [], [pid]
    while todo:
        one = todo.pop()
        try:
            rollup = Path(f"/proc/{one}/smaps_rollup").read_text().splitlines()
            out.append((one, next(int(x.split()[1]) for x in rollup if x.startswith("Pss:"))))
            for task in Path(f"/proc/{one}/task").glob("*/children"):
                todo += [int(k) for k in task.read_text().split()]
        except (OSError, ValueError, StopIteration):  # ended while we looked
            continue
    return out


def measure(site: Path, args: list[str]) -> dict[str, object]:
    cmd = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q", *args]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/")
    peak = {"pss": 0, "hwm": 0, "at": 0.0, "tree": []}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                total = tree_pss_kib(proc.pid)
                if total > peak["pss"]:  # type: ignore[operator]
                    peak.update(pss=total, at=time.monotonic() - start, tree=_tree(proc.pid))
                peak["hwm"] = max(peak["hwm"], _status_kib(proc.pid, "VmHWM:"))  # type: ignore[type-var]
            except (OSError, ValueError):
                pass
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    thread.join()
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    peak["cpu"] = usage.ru_utime + usage.ru_stime
    peak["wall"] = time.monotonic() - start
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--analysis", action="store_true")
    parser.add_argument("--mode", choices=("cold", "no-cache"), default="cold")
    args = parser.parse_args()
    site = args.work / f"k{args.k}{'a' if args.analysis else ''}"
    if not (site / "seeds").is_dir():
        make_corpus(REPO.parent / "shared" / "corpora" / "bbc-dev", site, args.k)
    analysis = "" if args.analysis else "analysis: false\n"
    (site / "newsgen.yaml").write_text(f"title: Bench\nbase_url: https://example.org/\n{analysis}")
    if args.mode == "cold":
        for name in ("articles", "_site", "._site.standby", ".newsgen"):
            shutil.rmtree(site / name, ignore_errors=True)
    stories = sum(1 for _ in (site / "seeds").iterdir())
    peak = measure(site, ["--no-cache"] if args.mode == "no-cache" else [])
    cpu, mib = float(peak["cpu"]), 1024  # type: ignore[arg-type]
    print(
        f"K={args.k} stories={stories} {args.mode} analysis={'on' if args.analysis else 'off'}: "
        f"wall {peak['wall']:.1f} s, CPU {cpu:.1f} s ({1000 * cpu / stories:.2f} ms/story), "
        f"peak PSS {int(peak['pss']) / mib:.0f} MiB (tree) at {peak['at']:.0f} s, "  # type: ignore[call-overload]
        f"parent peak RSS {int(peak['hwm']) / mib:.0f} MiB"  # type: ignore[call-overload]
    )
    tree = " ".join(f"{pid}:{kib // 1024}" for pid, kib in peak["tree"])  # type: ignore[union-attr]
    print(f"  PSS MiB by process at the peak (parent first): {tree}")


if __name__ == "__main__":
    main()
