#!/usr/bin/env python3
"""Measure the rule that files a story under further sections, on openly licensed data.

    python tools/calibrate_sections.py [--corpora /work/shared/corpora]

Reads wikinews-sections (whole Wikinews articles, CC BY 2.5; the topic model never saw
them) and prints, for each filing rule, how often every export an article came from is
among its sections, against the mean number of sections it gets. `SECONDARY_RATIO` and
`MAX_SECTIONS` in ``newsgen.analysis.topics`` are chosen from this table (docs/DECISIONS.md).
A missing label is not a negative (see the corpus README), so only coverage is measured;
`gain` is the coverage bought per added section against the row above.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgen.analysis.topics import desk_sections, filed_sections, section_ranking

# Wikinews export -> the section that files a story there. "Politics and conflicts" counts
# as politics only: a war story is owed the politics desk as well.
WIKINEWS_DESKS = {
    "Politics and conflicts": "medtop:11000000",
    "Economy and business": "medtop:04000000",
}
RATIOS = (1.01, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    args = parser.parse_args(argv)
    desks = desk_sections()
    rows = []
    path = args.corpora / "wikinews-sections" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            paragraphs = [" ".join(p.split()) for p in item["text"].split("\n\n") if p.strip()]
            wanted = {WIKINEWS_DESKS[label] for label in item["labels"]}
            rows.append((section_ranking(item["title"], paragraphs)[0], wanted))
    print(f"wikinews-sections: {len(rows)} articles")
    print(
        f"{'limit':>5} {'beat->desk':>10} {'ratio':>5} {'covered':>8} {'sections':>8} {'gain':>6}"
    )
    for limit in (2, 3):
        for beat_desk in (False, True):
            last: tuple[float, float] | None = None
            for ratio in RATIOS:
                covered = count = 0
                for ranked, wanted in rows:
                    filed = filed_sections(
                        ranked, desks, ratio=ratio, limit=limit, beat_desk=beat_desk
                    )
                    covered += wanted <= set(filed)
                    count += len(filed)
                share, mean = covered / len(rows), count / len(rows)
                gain = (share - last[0]) / (mean - last[1]) if last and mean > last[1] else 0.0
                print(
                    f"{limit:5d} {beat_desk!s:>10} {ratio:5.2f} {share:8.3f} {mean:8.3f} {gain:6.3f}"
                )
                last = (share, mean)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
