"""The top of the index: the 50 people, places and organisations with the most stories.

For each corpus, copies its seeds into a scratch site, runs the real `newsgen export`,
counts stories per entity slug (each slug under the kind most stories give it, as the
site does), and scores the three top-50 lists against `bench/index_judgements.tsv`:

- kind: the share of each list that is an entity of that kind (goal: 96% or more);
- duplicates: real-world entities with two pages among the 150 (goal: none);
- every name not judged yet is printed, for a maintainer to judge and add.

    python bench/index_report.py ../shared/corpora/bbc-dev ../shared/corpora/conll-dev \\
        ../shared/corpora/reuters-dev

The judgements hold names and kinds only (no corpus text): name, the right kind
(person, place, organization, or "none" for no entity at all), and an entity id shared by
the names of one real-world entity.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "index_judgements.tsv"
KINDS = ("person", "place", "organization")
FIELDS = {"person": "people", "place": "places", "organization": "organizations"}
TOP = 50
GOAL = 0.96


def export(corpus: Path) -> list[dict]:
    """`newsgen export` of a scratch site holding the corpus's seeds."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for path in sorted(corpus.rglob("*.txt")):
            target = site / "seeds" / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        out = subprocess.run(
            [sys.executable, "-m", "newsgen", "export", "--quiet", "--root", str(site)],
            check=False,
            capture_output=True,
            text=True,
        )
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
    return [json.loads(x) for x in out.stdout.splitlines() if x.strip()]


def top_lists(records: list[dict]) -> dict[str, list[tuple[str, int]]]:
    """(name, stories) of the most-storied slugs of each kind."""
    stories: Counter[str] = Counter()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        seen: set[str] = set()
        for kind in KINDS:
            for e in r.get(FIELDS[kind]) or []:
                votes[e["slug"]][kind] += 1
                names[e["slug"]][e.get("canonical") or e["name"]] += 1
                seen.add(e["slug"])
        stories.update(seen)
    lists: dict[str, list[tuple[str, int]]] = {k: [] for k in KINDS}
    for slug, c in votes.items():
        # As `site.winning_kind`: the most stories' kind; ties go person, place, org.
        kind = min(c, key=lambda k: (-c[k], KINDS.index(k)))
        name = min(names[slug], key=lambda n: (-names[slug][n], n))
        lists[kind].append((name, stories[slug]))
    return {k: sorted(v, key=lambda x: (-x[1], x[0]))[:TOP] for k, v in lists.items()}


Judged = dict[str, dict[str, str]]


def read_judgements(path: Path) -> Judged:
    """name -> {right kind: entity id}: a name may rightly be two kinds (a city, and its
    team in sports copy), one line each."""
    out: Judged = defaultdict(dict)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            sys.exit(f"{path}:{n}: expected name, kind, entity id (tab-separated)")
        out[cols[0]][cols[1]] = cols[2]
    return dict(out)


def report(corpus: Path, judged: Judged) -> tuple[bool, list[str]]:
    lists = top_lists(export(corpus))
    ok = True
    new: list[str] = []
    ids: dict[str, list[str]] = defaultdict(list)
    print(f"\n{corpus.name}")
    for kind in KINDS:
        rows = lists[kind]
        right = sum(1 for name, _ in rows if kind in judged.get(name, {}))
        unjudged = [name for name, _ in rows if name not in judged]
        share = right / len(rows) if rows else 1.0
        ok &= share >= GOAL and not unjudged
        print(f"  {kind:13} {right}/{len(rows)} right ({share:.0%}), {len(unjudged)} not judged")
        for name, count in rows:
            verdict = judged.get(name)
            mark = " " if verdict and kind in verdict else "?" if not verdict else "x"
            note = "" if not verdict or kind in verdict else f"  (is: {', '.join(verdict)})"
            print(f"    {mark} {count:4}  {name}{note}")
            if verdict:
                ids[verdict.get(kind) or next(iter(verdict.values()))].append(f"{name} ({kind})")
        new.extend(f"{name}\t{kind}" for name in unjudged)
    dups = {i: ns for i, ns in ids.items() if len(ns) > 1}
    ok &= not dups
    print(f"  duplicates: {len(dups)}")
    for i, ns in sorted(dups.items()):
        print(f"    {i}: {', '.join(ns)}")
    return ok, new


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path, nargs="+")
    ap.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    args = ap.parse_args()
    judged = read_judgements(args.judgements)
    results = [report(c.resolve(), judged) for c in args.corpora]
    new = sorted({n for _, ns in results for n in ns})
    print(f"\nNOT JUDGED YET ({len(new)}): judge each and add it to {args.judgements.name}")
    for line in new:
        print(f"  {line}")
    print("\nINDEX", "PASS" if all(ok for ok, _ in results) else "FAIL")


if __name__ == "__main__":
    main()
