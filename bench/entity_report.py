"""Measure extract_entities against a gold corpus with the shared scorer.

    python bench/entity_report.py [CORPUS_DIR] [--bbc DIR] [--scorer PATH] [--out PRED.jsonl]

CORPUS_DIR defaults to /work/shared/corpora/conll-dev (docs/*.txt + gold.jsonl); the
predictions JSONL is written in score.py's format and scored; then the same extraction
is timed over the BBC corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgen.analysis.entities import extract_entities


def read_doc(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    head, _, rest = text.partition("\n")
    paras = [" ".join(p.split()) for p in rest.split("\n\n")]
    return head.strip(), [p for p in paras if p]


def predict(files: list[Path], root: Path) -> tuple[list[dict], float]:
    rows = []
    spent = 0.0
    for path in files:
        title, paras = read_doc(path)
        t0 = time.perf_counter()
        people, places, orgs = extract_entities(title, paras)
        spent += time.perf_counter() - t0
        rows.append(
            {
                "file": str(path.relative_to(root)),
                # As `newsgen export` gives them: the scorer unions names and forms.
                "entities": {
                    kind: [f for e in ents for f in (e.name, *e.forms)]
                    for kind, ents in (
                        ("person", people),
                        ("place", places),
                        ("organization", orgs),
                    )
                },
            }
        )
    return rows, 1000 * spent / max(len(files), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("/work/shared/corpora/conll-dev"))
    ap.add_argument("--bbc", type=Path, default=Path("/work/shared/corpora/bbc-dev"))
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/tools/score.py"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    extract_entities("Warm up", ["Load the model."])
    print(f"load: {1000 * (time.perf_counter() - t0):.0f} ms")

    files = sorted((args.corpus / "docs").glob("*.txt")) or sorted(args.corpus.rglob("*.txt"))
    rows, ms = predict(files, args.corpus)
    out = args.out or Path(tempfile.gettempdir()) / "entity_predictions.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{args.corpus}: {len(rows)} docs, {ms:.2f} ms/article, predictions in {out}")
    gold = args.corpus / "gold.jsonl"
    if gold.exists():
        cmd = [sys.executable, str(args.scorer), "--gold", str(gold), "--pred", str(out)]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=True)
    if args.bbc.exists():
        bbc = sorted(p for p in args.bbc.rglob("*.txt"))
        _, ms = predict(bbc, args.bbc)
        print(f"{args.bbc}: {len(bbc)} docs, {ms:.2f} ms/article")


if __name__ == "__main__":
    main()
