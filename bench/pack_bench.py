"""CPU to pack a cold build's render batches for a cluster, and to unpack them there.

On a cluster (`--scheduler`) the client pickles each render batch's pages and the
stories they name (`output/render_spec.Packer`) and every worker unpickles what its
pages name; a pool's workers share the parent's instead. This times both halves in one
process, away from Dask and from the load of a shared machine: a site's pages are
planned as a whole build plans them, split into the cluster's batches, packed with
catalog places as on `local:N` (each batch's table written to a file, as there), and
each of `--workers` workers' share of the units unpacked against its own copy of the
table.

    python bench/pack_bench.py --k 4 --work /tmp/pack-bench [--first 1024 --batch 8192]

The site (bbc-dev replicated K times) is built once with `--jobs 1`, then reused.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    from newsgen.build import ingest, load_articles
    from newsgen.config import load_config
    from newsgen.executor import chunked
    from newsgen.incremental.catalog import Catalog
    from newsgen.output import publish
    from newsgen.output.render_spec import Packer, unpack
    from newsgen.paths import SitePaths
    from newsgen.report import BuildReport
    from newsgen.site.model import build_model
    from newsgen.site.pages import plan_pages

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-dev")
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--first", type=int, default=publish.CLUSTER_FIRST_BATCH)
    parser.add_argument("--batch", type=int, default=publish.CLUSTER_BATCH)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    site = args.work / f"k{args.k}"
    if not (site / "_site" / "index.html").is_file():
        make_corpus(args.corpus, site, args.k)
        cmd = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q", "--jobs", "1"]
        subprocess.run(cmd, check=True)
    paths = SitePaths(site, site / "_site")
    config = load_config(site)
    catalog = Catalog(paths.state_dir / "catalog.sqlite")
    store = ingest(paths, config, BuildReport(), catalog, lazy=True)
    store.materialise()
    model = build_model(load_articles(store, config), related_count=config.related_count)
    pages = [p for p in plan_pages(model, config) if not p.is_outline]
    batches = [pages[: args.first], *chunked(pages[args.first :], args.batch)]
    packing = unpacking = 0.0
    chunk = publish.RENDER_CHUNK
    spool = args.work / "pack-bench.table"
    for batch in batches:
        started = time.process_time()
        packer = Packer(True, catalog=True, spool=spool)
        units = [packer.pack(batch[i : i + chunk]) for i in range(0, len(batch), chunk)]
        table = pickle.dumps(packer.table())
        packing += time.process_time() - started
        started = time.process_time()
        for worker in range(args.workers):
            own = pickle.loads(table)  # each worker its own copy, as Dask gives it
            for unit in units[worker :: args.workers]:
                unpack(unit, own)
        unpacking += time.process_time() - started
    spool.unlink(missing_ok=True)
    catalog.close()
    sizes = ", ".join(str(len(b)) for b in batches)
    print(f"{len(model.articles)} stories, {len(pages)} pages in batches of {sizes}")
    print(f"pack {packing:.3f} s CPU, unpack ({args.workers} workers) {unpacking:.3f} s CPU")


if __name__ == "__main__":
    main()
