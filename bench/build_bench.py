"""Whole-build benchmark: cold, no-op and one-edit builds at several archive sizes.

Builds the BBC development corpus replicated K times (unique titles, like the
anchor harness), each build a separate `newsgen build` process, and reports
wall time, CPU, peak RSS, ms per article and output size. With --anchors it
then runs ../shared/bench-anchors/run.sh for Pelican and Hugo on the same
articles in the same run, so the figures can be compared as ratios.

    python bench/build_bench.py --k 5 --k 50 [--jobs 2] [--anchors]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def timed(cmd: list[str]) -> dict[str, float]:
    """Wall, CPU and peak RSS of one process and the children it waited for."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def output_size(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 2**20


def run_size(corpus: Path, k: int, jobs: int | None, work: Path) -> dict[str, object]:
    site = work / f"k{k}"
    shutil.rmtree(site, ignore_errors=True)
    n = make_corpus(corpus, site, k)
    # Let the disk finish the writes (and any earlier deletion) before timing.
    os.sync()
    time.sleep(5)
    cmd = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    cold = timed(cmd)
    files, mib = output_size(site / "_site")
    noop = timed(cmd)
    seed = sorted((site / "seeds").glob("*.txt"))[n // 2]
    seed.write_text(seed.read_text() + "\n\nOne more paragraph added for the one-edit benchmark.\n")
    edit = timed(cmd)
    # The first build after a cold one also makes the second output tree (one mkdir per
    # page folder); every later edit only touches what changed. Report both.
    seed.write_text(seed.read_text() + "\n\nAnd a second paragraph, in a later edit.\n")
    edit2 = timed(cmd)
    return {
        "k": k,
        "articles": n,
        "cold": cold,
        "noop": noop,
        "edit": edit,
        "edit2": edit2,
        "files": files,
        "mib": mib,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-dev")
    parser.add_argument("--k", type=int, action="append", help="replication factor (repeat)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument(
        "--work", type=Path, default=None, help="scratch folder (default: a temp dir)"
    )
    parser.add_argument("--anchors", action="store_true", help="also run Pelican and Hugo (slow)")
    args = parser.parse_args()
    ks = args.k or [5, 50]
    work = args.work or Path(tempfile.mkdtemp(prefix="newsgen-bench-"))
    rows = [run_size(args.corpus, k, args.jobs, work) for k in ks]
    print(
        "| K | articles | cold wall s | cold CPU s | ms/article | cold RSS MiB | no-op s "
        "| one-edit s (first after cold) | one-edit s (later) | edit RSS MiB | files | MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        c, o, e, e2 = r["cold"], r["noop"], r["edit"], r["edit2"]  # type: ignore[index]
        print(
            f"| {r['k']} | {r['articles']} | {c['wall']:.1f} | {c['cpu']:.1f} | "
            f"{1000 * c['wall'] / r['articles']:.2f} | {c['rss_mib']:.0f} | {o['wall']:.2f} | "
            f"{e['wall']:.2f} | {e2['wall']:.2f} | {max(e['rss_mib'], e2['rss_mib']):.0f} | "
            f"{r['files']} | {r['mib']:.0f} |"
        )
    if args.anchors:
        env = {**os.environ, "KS": " ".join(str(k) for k in ks), "WORK": str(work / "anchors")}
        subprocess.run(
            ["bash", str(SHARED / "bench-anchors" / "run.sh"), str(args.corpus)],
            env=env,
            check=False,
        )
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
