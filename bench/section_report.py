#!/usr/bin/env python3
"""Section accuracy of newsgen's classifier on a labelled BBC-style corpus.

    python bench/section_report.py [CORPUS_DIR] [--pred OUT.jsonl] [--brief]

First the sections each story is filed under (issue #22): how often the BBC desk is among
them, how many of the five desk-mapped sections a story gets on average, and the primary
section's accuracy; then (unless --brief) the primary section's precision, recall and
confusion, and score.py's view of it.

CORPUS_DIR (default /work/shared/corpora/bbc-dev) holds labels.csv (path,category) and the
article files: headline on line 1, blank-line separated paragraphs after. Measurement only.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgen.analysis.topics import classify_sections, load_model, load_subjects

LABELS = ("business", "entertainment", "politics", "sport", "tech")
QCODE_TO_LABEL = {
    "medtop:04000000": "business",
    "medtop:01000000": "entertainment",
    "medtop:11000000": "politics",
    "medtop:15000000": "sport",
    "medtop:13000000": "tech",
}
SCORER = Path("/work/shared/tools/score.py")


def read_article(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    head, _, rest = text.partition("\n")
    paragraphs = [" ".join(p.split()) for p in rest.split("\n\n") if p.strip()]
    return head.strip(), paragraphs


# Targets of issue #22 for "filed where a reader looks".
TARGET_DESK_SHARE = 0.97
TARGET_MEAN_DESKS = 1.3
BASELINE_ACCURACY = 0.908


def print_filed(filed: list) -> None:
    """(a) share of stories whose desk is among their sections, (b) mean number of their
    sections among the five desk-mapped ones, (c) primary-section accuracy, with targets."""
    n = len(filed) or 1
    desks = [
        [QCODE_TO_LABEL[t.qcode] for t in s if t.qcode in QCODE_TO_LABEL] for _, _, s, _ in filed
    ]
    found = sum(label in d for (_, label, _, _), d in zip(filed, desks, strict=True))
    primary = sum(QCODE_TO_LABEL.get(s[0].qcode or "") == label for _, label, s, _ in filed)
    extra = Counter(len(s) for _, _, s, _ in filed)
    share, mean, accuracy = found / n, sum(map(len, desks)) / n, primary / n
    print(
        f"sections: desk among them {share:.4f} (target >= {TARGET_DESK_SHARE})  "
        f"desk sections per story {mean:.3f} (target <= {TARGET_MEAN_DESKS})  "
        f"primary accuracy {accuracy:.3f} = {primary}/{len(filed)} (target >= {BASELINE_ACCURACY})"
    )
    print("sections per story: " + "  ".join(f"{k}: {extra[k]}" for k in sorted(extra)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path("/work/shared/corpora/bbc-dev")
    )
    parser.add_argument("--pred", type=Path, help="also write predictions as JSON lines")
    parser.add_argument(
        "--brief", action="store_true", help="print only the sections a story is filed under"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    load_model()
    load_subjects()
    load_seconds = time.perf_counter() - started

    with (args.corpus / "labels.csv").open(encoding="utf-8") as handle:
        rows = [(row["path"], row["category"]) for row in csv.DictReader(handle)]
    articles = [(path, label, *read_article(args.corpus / path)) for path, label in rows]

    started = time.perf_counter()
    filed = [
        (path, label, *classify_sections(title, paras)) for path, label, title, paras in articles
    ]
    seconds = time.perf_counter() - started
    results = [(path, label, sections[0], topics) for path, label, sections, topics in filed]

    confusion: Counter[tuple[str, str]] = Counter()
    for _, label, section, _ in results:
        confusion[label, QCODE_TO_LABEL.get(section.qcode or "", section.name)] += 1
    right = sum(n for (gold, pred), n in confusion.items() if gold == pred)
    print(f"articles: {len(results)}  accuracy: {right / len(results):.4f}")
    print_filed(filed)
    if args.brief:
        return 0
    print(f"model load: {load_seconds:.3f} s  speed: {len(results) / seconds:.0f} articles/s")
    print(f"{'label':14} {'prec':>6} {'recall':>6} {'n':>4}")
    for label in LABELS:
        tp = confusion[label, label]
        predicted = sum(n for (_, p), n in confusion.items() if p == label)
        gold = sum(n for (g, _), n in confusion.items() if g == label)
        print(f"{label:14} {tp / max(predicted, 1):6.3f} {tp / max(gold, 1):6.3f} {gold:4d}")
    columns = sorted({p for _, p in confusion}, key=lambda p: (p not in LABELS, p))
    print("\nconfusion (rows gold, columns predicted):")
    print(" " * 14 + " ".join(f"{c[:8]:>8}" for c in columns))
    for label in LABELS:
        print(f"{label:14}" + " ".join(f"{confusion[label, c]:8d}" for c in columns))

    if args.pred or SCORER.exists():
        pred_path = args.pred or Path("/tmp/newsgen-section-pred.jsonl")
        with pred_path.open("w", encoding="utf-8") as out:
            for path, _, section, topics in results:
                record = {
                    "file": path,
                    "section": QCODE_TO_LABEL.get(section.qcode or "", section.name),
                    "topics": [t.name for t in topics],
                }
                out.write(json.dumps(record) + "\n")
        if SCORER.exists() and (args.corpus / "labels.csv").exists():
            print("\nscore.py:")
            subprocess.run(
                [
                    sys.executable,
                    str(SCORER),
                    "--gold",
                    str(args.corpus / "labels.csv"),
                    "--pred",
                    str(pred_path),
                ],
                check=False,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
