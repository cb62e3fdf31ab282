"""CPU per story of each step of ingest and of a record's serialising, without analysis.

Each step runs over every seed of a corpus, several passes; the fastest pass is
reported in ms per story, so one step's change can be measured apart from the file
system and the rest of a build (`bench/ingest_speed.py` times the whole intake).

    python bench/ingest_stages.py ../shared/corpora/bbc-dev [--passes 7]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgen.ingest import (
    _dateline,
    boilerplate,
    dates,
    frontmatter,
    ingest_bytes,
    quotes,
    structure,
    summary,
)
from newsgen.records import record_file, search_terms
from newsgen.records.cached import prepare, to_cache
from newsgen.records.record_file import LoadedRecord
from newsgen.slugs import make_slug

decoding = importlib.import_module("newsgen.ingest.decode")  # the module, not the function


def best_ms(step: Callable[[Any], object], items: Sequence[Any], passes: int) -> float:
    """The fastest of `passes` runs of `step` over `items`, in CPU ms per item."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        for item in items:
            step(item)
        best = min(best, time.process_time() - start)
    return best / len(items) * 1000


def cold_dumps(articles: Sequence[Any]) -> None:
    """`dumps` as a cold build meets it: no string worked out before."""
    record_file._STRINGS.clear()
    record_file._KEYS.clear()
    for article in articles:
        record_file.dumps(article)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder like ../shared/corpora/bbc-dev")
    parser.add_argument("--passes", type=int, default=7)
    args = parser.parse_args()
    seeds = [(f"seeds/{f.name}", f.read_bytes()) for f in sorted(args.corpus.glob("*/*.txt"))]
    texts = [decoding.decode(data, path=uri) for uri, data in seeds]
    bodies = [frontmatter.split(text, path="seed")[1] for text in texts]
    kept = [boilerplate.clean(structure.split_blocks(body))[0] for body in bodies]
    layouts = [structure.layout(blocks, title=None) for blocks in kept]
    paragraphs = [layout.paragraphs for layout in layouts]
    datelines = [_dateline({}, p) for p in paragraphs]
    articles = []
    for uri, data in seeds:
        article = ingest_bytes(data, source_file=uri)
        article.slug = make_slug(article.title)
        articles.append(article)
    n, passes = range(len(seeds)), args.passes
    steps: list[tuple[str, Callable[[Any], object], Sequence[Any]]] = [
        ("decode", lambda s: decoding.decode(s[1], path=s[0]), seeds),
        ("boilerplate.clean", lambda b: boilerplate.clean(structure.split_blocks(b)), bodies),
        ("structure.layout", lambda k: structure.layout(k, title=None), kept),
        ("dateline", lambda p: _dateline({}, p), paragraphs),
        (
            "dates.find_date",
            lambda i: dates.find_date(
                front_matter=None,
                metadata=layouts[i].date,
                dateline=datelines[i],
                paragraphs=paragraphs[i],
                path="seed",
            ),
            n,
        ),
        ("word count + language", lambda p: summary.count_and_language(" ".join(p)), paragraphs),
        ("summarise", lambda i: summary.summarise(paragraphs[i], datelines[i]), n),
        (
            "extract_quotes",
            lambda i: quotes.extract_quotes(paragraphs[i], title=layouts[i].title),
            n,
        ),
        ("extract_sources", quotes.extract_sources, paragraphs),
        ("sha256", lambda s: hashlib.sha256(s[1]).hexdigest(), seeds),
        ("ingest_bytes (whole)", lambda s: ingest_bytes(s[1], source_file=s[0]), seeds),
        ("record_file.dumps", record_file.dumps, articles),
        ("search_terms.index_terms", lambda a: search_terms.index_terms(a.title, a.body), articles),
        ("cached.to_cache", lambda a: to_cache(_generated(a)), articles),
        ("cached.prepare (whole)", prepare, articles),
    ]
    print(f"{len(seeds)} seeds, CPU ms per story, fastest of {passes} passes")
    for name, step, items in steps:
        print(f"{name:28s} {best_ms(step, items, passes):8.4f}")
    cold = best_ms(lambda _: cold_dumps(articles), [None], passes) / len(articles)
    print(f"{'record_file.dumps (cold)':28s} {cold:8.4f}")


def _generated(article: Any) -> LoadedRecord:
    return LoadedRecord(
        article=article, path=Path(), present=frozenset(), generated=True, has_hash=True
    )


if __name__ == "__main__":
    main()
