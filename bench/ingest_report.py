"""Run ingest over a folder of seeds and report what it did.

    python bench/ingest_report.py FOLDER [--gold gold.jsonl] [--pred out.jsonl] [--quiet]

Prints files, failures, headlines equal to line 1, gold paragraphs found in the body
(whitespace-folded), every block removed as boilerplate, datelines, dates by source,
dateline accuracy against a gold `dateline_city`, and single-core throughput.
`--pred` writes JSON lines that /work/shared/tools/score.py reads.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from newsgen.errors import SeedError
from newsgen.ingest import IngestReport, ingest_report


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load_gold(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {row["file"]: row for row in rows}


def first_line(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def dateline_city(value: str | None) -> str:
    return (value or "").split(",")[0].strip().casefold()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--pred", type=Path, help="write predictions for score.py here")
    parser.add_argument("--quiet", action="store_true", help="do not list each removed block")
    args = parser.parse_args(argv)

    files = sorted(args.folder.rglob("*.txt"))
    seeds = [(path, path.read_bytes(), path.stat().st_mtime) for path in files]
    gold = load_gold(args.gold)

    results: dict[Path, IngestReport] = {}
    failures: list[tuple[Path, str]] = []
    started = time.process_time()
    for path, data, mtime in seeds:
        try:
            results[path] = ingest_report(data, source_file=str(path), mtime=mtime)
        except SeedError as err:
            failures.append((path, str(err)))
    elapsed = time.process_time() - started
    warm_started = time.process_time()
    for path, data, mtime in seeds:
        with contextlib.suppress(SeedError):
            ingest_report(data, source_file=str(path), mtime=mtime)
    warm = time.process_time() - warm_started

    exact = sum(
        1
        for path, data, _ in seeds
        if path in results and results[path].article.title == first_line(data)
    )
    print(f"files                 {len(seeds)}")
    print(f"failures              {len(failures)}")
    for _path, message in failures:
        print(f"  FAIL {message}")
    print(f"headline == line 1    {exact}/{len(results)}")

    removed = [(path, block) for path, report in results.items() for block in report.removed]
    print(f"blocks removed        {len(removed)} (in {len({p for p, _ in removed})} files)")
    if not args.quiet:
        for path, block in removed:
            print(f"  {path.relative_to(args.folder)}: {block!r}")

    found = Counter(bool(r.article.dateline) for r in results.values())
    print(f"datelines found       {found[True]}/{len(results)}")
    by_source = Counter(r.article.date_source or "none" for r in results.values())
    print("dates by source       " + ", ".join(f"{k}: {v}" for k, v in by_source.most_common()))
    quotes = sum(len(r.article.quotes) for r in results.values())
    attributed = sum(1 for r in results.values() for q in r.article.quotes if q.speaker)
    print(f"quotes                {quotes} ({attributed} with a speaker)")

    if gold:
        report_gold(args.folder, gold, results)
    rate = len(seeds) / elapsed if elapsed else float("inf")
    warm_rate = len(seeds) / warm if warm else float("inf")
    print(f"throughput            {rate:,.0f} seeds/s on one core ({elapsed:.2f} s CPU, cold)")
    print(f"                      {warm_rate:,.0f} seeds/s warm (data files already loaded)")
    if args.pred:
        write_pred(args.pred, args.folder, results)
    return 0


def _gold_row(folder: Path, path: Path, gold: dict[str, dict]) -> dict | None:
    return gold.get(path.relative_to(folder).as_posix())


def report_gold(folder: Path, gold: dict[str, dict], results: dict[Path, IngestReport]) -> None:
    wanted = present = 0
    titles = 0
    missing: list[tuple[Path, str]] = []
    dl_total = dl_right = dl_spurious = 0
    dl_misses: list[tuple[Path, str, str | None]] = []
    for path, report in results.items():
        row = _gold_row(folder, path, gold)
        if row is None:
            continue
        article = report.article
        titles += fold(article.title) == fold(row.get("title") or "")
        body = fold(" \n ".join([article.title, *article.paragraphs]))
        for paragraph in row.get("paragraphs", []):
            wanted += 1
            if fold(paragraph) in body:
                present += 1
            else:
                missing.append((path, paragraph))
        if "dateline_city" in row:
            place = article.dateline.place if article.dateline else None
            if row["dateline_city"]:
                dl_total += 1
                if dateline_city(place) == row["dateline_city"].casefold():
                    dl_right += 1
                else:
                    dl_misses.append((path, row["dateline"], place))
            elif place:
                dl_spurious += 1
    print(f"gold titles exact     {titles}/{len(results)}")
    print(f"gold paragraphs found {present}/{wanted}")
    for path, paragraph in missing[:20]:
        print(f"  MISSING {path.relative_to(folder)}: {paragraph[:90]!r}")
    if dl_total or dl_spurious:
        print(f"dateline city right   {dl_right}/{dl_total}; spurious {dl_spurious}")
        for path, want, got in dl_misses[:20]:
            print(f"  DATELINE {path.relative_to(folder)}: want {want!r} got {got!r}")


def write_pred(out: Path, folder: Path, results: dict[Path, IngestReport]) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for path, report in results.items():
            article = report.article
            row = {
                "file": path.relative_to(folder).as_posix(),
                "title": article.title,
                "dateline": article.dateline.place if article.dateline else None,
                "date": article.date.isoformat() if article.date else None,
                "date_source": article.date_source,
                "body": article.body,
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
