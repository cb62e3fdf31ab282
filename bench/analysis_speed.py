"""Where an ingest worker's time goes, per story, on one core.

Parses every seed of a corpus once, then times each stage over all of them:
parsing the seed, section and topics, people/places/organisations, keywords,
and writing the record (YAML + catalog forms). Prints milliseconds per story
for the first pass (every cache cold, as in a worker's first stories) and the
best of --passes passes (caches warm, as after a worker has seen the names and
places that recur), and a fingerprint of the records made, so a speed-up can be
checked not to change a byte of output. A worker in a real build also reads
each seed and sends its record back to the parent.

    python bench/analysis_speed.py ../shared/corpora/bbc-dev [../shared/corpora/conll-dev]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgen.analysis import analyse, warm_up
from newsgen.analysis.entities import extract_entities
from newsgen.analysis.keywords import extract_keywords
from newsgen.analysis.topics import classify
from newsgen.ingest import ingest_bytes
from newsgen.records.cached import prepare


def first_and_best(passes: int, work: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times[0], min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+", help="folders of .txt seeds")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    seeds = [(p.name, p.read_bytes()) for c in args.corpora for p in sorted(c.rglob("*.txt"))]
    warm_up()
    articles = [ingest_bytes(data, source_file=name) for name, data in seeds]
    n = len(articles)

    def names(a: object) -> list[str]:
        return [f for e in a.entities for f in (e.name, *e.forms)]  # type: ignore[attr-defined]

    stages: list[tuple[str, Callable[[], object]]] = [
        ("parse seed", lambda: [ingest_bytes(d, source_file=s) for s, d in seeds]),
        ("section + topics", lambda: [classify(a.title, a.paragraphs) for a in articles]),
        (
            "people/places/orgs",
            lambda: [extract_entities(a.title, a.paragraphs, sources=a.sources) for a in articles],
        ),
    ]
    for a in articles:
        analyse(a)
    stages += [
        (
            "keywords",
            lambda: [extract_keywords(a.title, a.paragraphs, names=names(a)) for a in articles],
        ),
        ("write record", lambda: [prepare(a) for a in articles]),
    ]
    first_total = best_total = 0.0
    print(f"{n} stories, ms per story on one core: first pass, best of {args.passes}")
    for label, work in stages:
        first, best = (t / n * 1000 for t in first_and_best(args.passes, work))
        first_total += first
        best_total += best
        print(f"  {label:20s} {first:6.3f} {best:6.3f}")
    print(f"  {'total':20s} {first_total:6.3f} {best_total:6.3f}")
    digest = hashlib.sha256()
    for record in (prepare(a) for a in articles):
        digest.update(record.text.encode())
    print(f"records fingerprint {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
