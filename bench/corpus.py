"""Make a seeds folder from the BBC development corpus, replicated K times.

Replica r > 0 gets " (copy r)" on its headline, like the Pelican/Hugo anchor
harness, so every story has a unique title and slug. The corpus stays outside
the repo: this only copies it into a scratch folder for measuring.

    python bench/corpus.py --src ../shared/corpora/bbc-dev --out /tmp/bbc-k10 --k 10
"""

from __future__ import annotations

import argparse
from pathlib import Path


def make_corpus(src: Path, out: Path, k: int) -> int:
    seeds = out / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    files = sorted(src.glob("*/*.txt"))
    n = 0
    for r in range(k):
        for f in files:
            raw = f.read_bytes()
            if r:
                head, sep, rest = raw.partition(b"\n")
                raw = head.rstrip() + f" (copy {r})".encode() + sep + rest
            (seeds / f"{f.parent.name}-{f.stem}-r{r}.txt").write_bytes(raw)
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path("../shared/corpora/bbc-dev"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--k", type=int, default=1)
    args = parser.parse_args()
    print(make_corpus(args.src, args.out, args.k))


if __name__ == "__main__":
    main()
