"""Ingest throughput on one core, with and without analysis, in the same run.

Runs the real intake (seeds -> records on disk) twice over fresh copies of a
seeds folder: once with the analysis stage switched off, once with it on, and
prints seeds/s for each and their ratio. Model loading is included (it is part
of what a user waits for).

    python bench/ingest_speed.py ../shared/corpora/bbc-dev [--k 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus
from newsgen import analysis
from newsgen.config import SiteConfig
from newsgen.paths import SitePaths
from newsgen.records import intake
from newsgen.records.store import RecordStore
from newsgen.report import BuildReport


def run(root: Path, *, with_analysis: bool) -> tuple[int, float]:
    shutil.rmtree(root / "articles", ignore_errors=True)
    paths = SitePaths.for_site(root, "_site")
    report = BuildReport()
    original = analysis.analyse  # intake imports it when it ingests
    if not with_analysis:
        analysis.analyse = lambda *a, **k: None  # type: ignore[assignment]
    try:
        start = time.process_time()
        store = RecordStore.load(paths.articles_dir, root, report)
        intake.ingest_seeds(paths, SiteConfig(), store, report)
        seconds = time.process_time() - start
    finally:
        analysis.analyse = original
    return report.counts["seeds ingested"], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder like ../shared/corpora/bbc-dev")
    parser.add_argument("--k", type=int, default=1, help="replicate the corpus K times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_corpus(args.corpus, root, args.k)
        n0, plain = run(root, with_analysis=False)
        n1, full = run(root, with_analysis=True)
    print(f"seeds                      {n1}")
    print(f"ingest without analysis    {n0 / plain:8.0f} seeds/s  ({plain:.2f} s CPU)")
    print(f"ingest with analysis       {n1 / full:8.0f} seeds/s  ({full:.2f} s CPU)")
    print(f"ratio (with / without)     {full / plain:8.2f}x the time")


if __name__ == "__main__":
    main()
