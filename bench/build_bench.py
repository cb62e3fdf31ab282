"""Whole-build benchmark: cold, no-op and one-edit builds at several archive sizes.

Builds the BBC development corpus replicated K times (unique titles, like the
anchor harness), each build a separate `newsgen build` process, and reports
wall time, CPU, ms per story and output size of cold builds with the analysis on and
off (`analysis: false`), and peak memory as the summed PSS of the build's process
tree (bench/pss.py; RSS counts forked workers' shared pages again in each). The
one-edit builds
add a paragraph to a story twice, then one that names a person new to the
archive (which re-tags the story: it moves in the site model). With --anchors it
then runs ../shared/bench-anchors/run.sh for Pelican and Hugo on the same
articles in the same run, so the figures can be compared as ratios.

    python bench/build_bench.py --k 5 --k 50 [--alone 225] [--repeat 3] [--jobs 2] [--anchors]

--alone K builds a size for newsgen only (225 x 445 = 100,125 stories: `make bench
BENCH_BIG=1`), never for the anchors, to show how cost grows. --repeat N builds each --k size N
times from a fresh corpus and reports medians: on a small VM, file-system time
for the same build varies by seconds from one run to the next.
"""

from __future__ import annotations

import argparse
import compileall
import ctypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus
from bench.pss import PeakPss

REPO = Path(__file__).resolve().parent.parent
NEW_NAME_PARAGRAPH = (
    '"We will look at the figures again next week," said Harriet Quillon, who chairs the panel.'
)
SHARED = REPO.parent / "shared"
# `python -m newsgen` imports from its working folder first: run it from one with no
# newsgen in it, so the newsgen timed is the installed one (or PYTHONPATH's), never
# whatever checkout the bench was started in.
NEUTRAL_CWD = tempfile.gettempdir()


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall, CPU and peak RSS of one process and the children it waited for, and the
    peak summed PSS of its process tree (RSS counts pages forked workers share with
    their parent once per process). CPU also counts processes the build left to end
    after it (see `_reap_orphans`)."""
    _become_subreaper()
    start = time.monotonic()
    out = subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, cwd=NEUTRAL_CWD, env=env)
    pss = PeakPss(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    pss_mib = pss.stop()
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    cpu = usage.ru_utime + usage.ru_stime + _reap_orphans()
    return {"wall": wall, "cpu": cpu, "rss_mib": usage.ru_maxrss / 1024, "pss_mib": pss_mib}


def _become_subreaper() -> None:
    """Descendants orphaned by a timed build become this process's children. A process's
    CPU reaches its parent's only when the parent waits for it, and a build never waits
    for its fork server (Dask's `local:N` workers, the standby tree's helpers on a
    threaded build), which ends only after the build: without this, their CPU (a Dask
    build's workers: most of it) would be missing."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _reap_orphans(timeout: float = 10.0) -> float:
    """CPU seconds of the orphans a build left (each with the children it waited for),
    once they have all ended, or after `timeout`."""
    cpu, deadline = 0.0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
            continue
        cpu += usage.ru_utime + usage.ru_stime
    return cpu


def output_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 2**20


def warm_up(corpus: Path, work: Path) -> None:
    """One untimed build of a small site first: the first process to import Python,
    Jinja and the models after a while reads them from disk, which would be charged
    to whichever size is timed first (seconds on a 12 s build)."""
    site = work / "warm-up"
    shutil.rmtree(site, ignore_errors=True)
    make_corpus(corpus, site, 1)
    timed([sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"])


def precompile() -> None:
    """Write newsgen's bytecode before anything is timed. pip compiles an installed
    package (Pelican's, in the anchor harness); an editable install is never compiled,
    and with PYTHONDONTWRITEBYTECODE set (as on the project's machine) every build
    process compiled newsgen's modules afresh: about 0.1 s a process, a cost no
    installed newsgen pays. compileall writes the files whatever that variable says."""
    compileall.compile_dir(timed_package(), quiet=1)


def timed_package() -> Path:
    """The newsgen package the timed `python -m newsgen` processes import."""
    where = subprocess.run(
        [sys.executable, "-c", "import newsgen; print(newsgen.__file__)"],
        cwd=NEUTRAL_CWD,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(where.stdout.strip()).parent


def run_sizes(
    corpus: Path, ks: list[int], jobs: int | None, work: Path, repeat: int = 1
) -> list[dict[str, Any]]:
    """Each figure is the median of `repeat` runs from a fresh corpus (the anchor harness
    also reports medians); the cold build's spread is kept as `cold_range`. The sizes
    take turns (2k, 22k, 2k, 22k, ...): the machine's speed drifts by tens of percent
    over minutes, and ms per story is compared across sizes, so every size should meet
    the same stretch of it."""
    runs: dict[int, list[dict[str, Any]]] = {k: [] for k in ks}
    for n in range(repeat):
        for k in ks:
            runs[k].append(_run_once(corpus, k, jobs, work / f"k{k}" / f"run{n}"))
    return [_median(runs[k]) for k in ks]


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict(runs[0])
    for kind in ("cold", "cold_plain", "noop", "edit", "edit2", "named"):
        out[kind] = {key: statistics.median(r[kind][key] for r in runs) for key in runs[0][kind]}
    walls = [r["cold"]["wall"] for r in runs]
    out["cold_range"] = (min(walls), max(walls))
    return out


def _run_once(corpus: Path, k: int, jobs: int | None, site: Path) -> dict[str, Any]:
    """One run in a folder of its own; sites go only with the work folder, once everything
    is timed. Deleting tens of thousands of files right before a timed build made it
    seconds slower (the file system, mounted with online discard, is still freeing them):
    a 2,225-story cold build took 10.3-11.3 s after deleting the previous run's site,
    7.1-8.5 s without."""
    if site.exists():  # left by an earlier bench in the same --work folder
        shutil.rmtree(site)
        os.sync()
        time.sleep(30)
    n = make_corpus(corpus, site, k)
    if n == 0:
        sys.exit(f"no seeds in {corpus}/*/*.txt: pass --corpus (the BBC corpus's folder)")
    # The same stories with `analysis: false`: page rendering alone, as Hugo does it.
    plain = site.with_name(site.name + "-no-analysis")
    shutil.rmtree(plain, ignore_errors=True)
    make_corpus(corpus, plain, k)
    (plain / "newsgen.yaml").write_text("analysis: false\n")
    # Let the disk finish the writes (and any earlier deletion) before timing.
    os.sync()
    time.sleep(5)
    cmd = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    cold = timed(cmd)
    cold_plain = timed([*cmd[:5], str(plain), *cmd[6:]])
    files, mib = output_size(site / "_site")
    noop = timed(cmd)
    seed = sorted((site / "seeds").glob("*.txt"))[n // 2]
    seed.write_text(seed.read_text() + "\n\nOne more paragraph added for the one-edit benchmark.\n")
    edit = timed(cmd)
    # The first build after a cold one also makes the second output tree (one mkdir per
    # page folder); every later edit only touches what changed. Report both.
    seed.write_text(seed.read_text() + "\n\nAnd a second paragraph, in a later edit.\n")
    edit2 = timed(cmd)
    # An edit that names someone the archive has never met changes what the site model
    # reads of the story (its shape, see newsgen/snapshot.py): it moves in the model.
    other = sorted((site / "seeds").glob("*.txt"))[n // 3]
    other.write_text(other.read_text() + f"\n\n{NEW_NAME_PARAGRAPH}\n")
    named = timed(cmd)
    return {
        "k": k,
        "articles": n,
        "cold": cold,
        "cold_plain": cold_plain,
        "noop": noop,
        "edit": edit,
        "edit2": edit2,
        "named": named,
        "files": files,
        "mib": mib,
    }


def compare_engines(
    corpus: Path,
    ks: list[int],
    scheduler: str,
    work: Path,
    repeat: int,
    jobs: int | None,
    baseline: Path | None = None,
) -> None:
    """Cold builds of the same corpus on the process pool and on `scheduler` (a Dask
    engine, e.g. local:2), taking turns so both meet the same stretch of a shared
    machine; medians of `repeat`, and the median of each round's ratio to the pool (on
    a machine shared with other builds, a round's engines meet the same load). CPU is
    every process of the build's (see `timed`). With `baseline` (another checkout),
    `scheduler` is also timed with the newsgen found there."""
    pool = ["--jobs", str(jobs)] if jobs else []
    on_scheduler = ["--scheduler", scheduler]
    engines: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "pool": (pool, None),
        scheduler: (on_scheduler, None),
    }
    if baseline is not None:
        env = {**os.environ, "PYTHONPATH": str(baseline.resolve())}
        engines[f"{scheduler} at {baseline}"] = (on_scheduler, env)
    print("\n| K | articles | engine | cold wall s | cold CPU s | peak RSS MiB | wall / pool |")
    print("|---|---|---|---|---|---|---|")
    for k in ks:
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in engines}
        n = 0
        for i in range(repeat):
            for name, (flags, env) in engines.items():
                site = work / f"engines-k{k}" / f"{name.replace(':', '-').replace('/', '-')}-{i}"
                n = make_corpus(corpus, site, k)
                os.sync()
                time.sleep(5)
                cmd = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"]
                runs[name].append(timed(cmd + flags, env))
        pool_wall = statistics.median(r["wall"] for r in runs["pool"])
        for name, got in runs.items():
            wall = statistics.median(r["wall"] for r in got)
            cpu = statistics.median(r["cpu"] for r in got)
            rss = statistics.median(r["rss_mib"] for r in got)
            rounds = statistics.median(
                r["wall"] / p["wall"] for r, p in zip(got, runs["pool"], strict=True)
            )
            print(
                f"| {k} | {n} | {name} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | "
                f"{wall / pool_wall:.2f} (rounds: {rounds:.2f}) |"
            )
        for name, got in runs.items():
            walls = ", ".join(f"{r['wall']:.1f}" for r in got)
            cpus = ", ".join(f"{r['cpu']:.1f}" for r in got)
            print(f"  {name}: wall {walls} s; CPU {cpus} s")


_FIGURE = re.compile(r"^([AB]) (wall s|peak MiB)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")


def anchor_figures(results: Path, k: int) -> dict[str, dict[str, float]]:
    """Median wall s and peak MiB of Pelican (A) and Hugo (B), read from the harness's
    files: {"cold": {"A wall s": ..., "B peak MiB": ...}, "noop": ..., "edit": ...}."""
    out: dict[str, dict[str, float]] = {}
    for kind in ("cold", "noop", "edit"):
        path = results / f"k{k}-{kind}.txt"
        if path.is_file():
            for line in path.read_text().splitlines():
                m = _FIGURE.match(line)
                if m:
                    out.setdefault(kind, {})[f"{m[1]} {m[2]}"] = float(m[4])
    return out


def print_ratios(rows: list[dict[str, Any]], results: Path) -> None:
    print("\n| K | build | newsgen s | Pelican s | Hugo s | newsgen/Pelican | newsgen/Hugo |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        figures = anchor_figures(results, r["k"])
        ours = {
            "cold": r["cold"],
            "cold, no analysis": r["cold_plain"],
            "noop": r["noop"],
            "edit": r["edit"],
        }
        for kind, mine in ours.items():
            theirs = figures.get(kind.split(",")[0])
            if not theirs:
                continue
            a, b = theirs["A wall s"], theirs["B wall s"]
            w = mine["wall"]
            print(
                f"| {r['k']} | {kind} | {w:.2f} | {a:.2f} | {b:.2f} | {w / a:.2f} | {w / b:.2f} |"
            )
        cold = figures.get("cold")
        if cold:
            kinds = ("cold", "cold_plain", "edit", "edit2", "named")
            rss = max(r[kind]["pss_mib"] for kind in kinds)  # the tree's summed PSS
            print(
                f"| {r['k']} | peak MiB | {rss:.0f} | {cold['A peak MiB']:.0f} | "
                f"{cold['B peak MiB']:.0f} | {rss / cold['A peak MiB']:.2f} | "
                f"{rss / cold['B peak MiB']:.2f} |"
            )


def print_table(rows: list[dict[str, Any]]) -> None:
    """Cold builds with analysis on and off, incremental builds, memory, cost per story."""
    print(
        "| K | articles | cold wall s | cold CPU s | ms/story | cold, no analysis: wall s "
        "| CPU s | ms/story | peak PSS MiB (tree) | peak RSS MiB (one process) | no-op s "
        "| one-edit s (first after cold) | one-edit s (later) | one-edit s (names someone new) "
        "| files | MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    kinds = ("cold", "cold_plain", "noop", "edit", "edit2", "named")
    for r in rows:
        c, p, o, e, e2, named = (r[kind] for kind in kinds)
        pss = max(r[kind]["pss_mib"] for kind in kinds)
        rss = max(r[kind]["rss_mib"] for kind in kinds)
        per = 1000 / r["articles"]
        print(
            f"| {r['k']} | {r['articles']} | {c['wall']:.1f} | {c['cpu']:.1f} | "
            f"{per * c['wall']:.2f} | {p['wall']:.1f} | {p['cpu']:.1f} | {per * p['wall']:.2f} | "
            f"{pss:.0f} | {rss:.0f} | {o['wall']:.2f} | {e['wall']:.2f} | {e2['wall']:.2f} | "
            f"{named['wall']:.2f} | {r['files']} | {r['mib']:.0f} |"
        )
    first = rows[0]
    print()
    for kind, label in (("cold", "analysis on"), ("cold_plain", "analysis off")):
        base = first[kind]["wall"] / first["articles"]
        growth = ", ".join(
            f"{r['articles']}: {r[kind]['wall'] / r['articles'] / base:.2f}" for r in rows
        )
        print(f"cold ms/story ({label}) relative to {first['articles']} stories: {growth}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-dev")
    parser.add_argument("--k", type=int, action="append", help="replication factor (repeat)")
    parser.add_argument(
        "--alone", type=int, action="append", default=[], help="a size newsgen builds alone"
    )
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per --k size, median reported (--alone sizes run once: minutes each)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="scratch folder, kept with every run's site (default: a temp dir, deleted)",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        help="only cold builds, the pool beside this Dask engine (e.g. local:2) at each --k",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="with --scheduler: also time it with the newsgen of this checkout (e.g. main)",
    )
    parser.add_argument("--anchors", action="store_true", help="also run Pelican and Hugo (slow)")
    parser.add_argument(
        "--anchor-runs", type=int, default=None, help="runs per anchor figure (harness: 3 to 5)"
    )
    args = parser.parse_args()
    ks = args.k or [5, 50]
    work = (args.work or Path(tempfile.mkdtemp(prefix="newsgen-bench-"))).resolve()
    print(f"Timing newsgen from {timed_package()}")
    precompile()
    warm_up(args.corpus, work)
    if args.scheduler:
        compare_engines(
            args.corpus, ks, args.scheduler, work, args.repeat, args.jobs, args.baseline
        )
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    rows = run_sizes(args.corpus, ks, args.jobs, work, args.repeat)
    rows += run_sizes(args.corpus, args.alone, args.jobs, work)
    print_table(rows)
    if args.repeat > 1:
        spread = ", ".join(
            f"{r['articles']}: {r['cold_range'][0]:.1f}-{r['cold_range'][1]:.1f} s"  # type: ignore[index]
            for r in rows
            if r["k"] in ks
        )
        print(f"cold wall, fastest-slowest of {args.repeat} runs: {spread}")
    if args.anchors:
        results = work / "anchors" / "results"
        env = {
            **os.environ,
            "KS": " ".join(str(k) for k in ks),
            "WORK": str(work / "anchors"),
            "RESULTS": str(results),
            "EXTRA": "0",
        }
        if args.anchor_runs:
            env["HARNESS"] = (
                f"{sys.executable} {REPO / 'bench' / 'anchor_runs.py'} {args.anchor_runs}"
            )
        subprocess.run(
            ["bash", str(SHARED / "bench-anchors" / "run.sh"), str(args.corpus)],
            env=env,
            check=False,
        )
        print_ratios([r for r in rows if r["k"] in ks], results)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
