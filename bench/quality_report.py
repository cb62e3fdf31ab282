"""Quality of the whole pipeline against a corpus's gold file, through `newsgen export`.

Copies CORPUS's seeds into a scratch site (keeping their relative paths), runs
the real `newsgen export` and scores its output, unchanged, with
../shared/tools/score.py: sections (BBC), entities (CoNLL), datelines, dates,
titles and bodies, places (countries), whichever the gold file has.

    python bench/quality_report.py ../shared/corpora/bbc-dev
    python bench/quality_report.py ../shared/corpora/conll-dev
    python bench/quality_report.py ../shared/corpora/reuters-dev --year 1987

`--year` writes `year:` into the scratch site's newsgen.yaml, as the owner of an
archive of one year's wire copy would: the year of datelines that give only month and
day when neither the text nor the seed's folder gives it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCORER = REPO.parent / "shared" / "tools" / "score.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    parser.add_argument("--errors", type=int, default=0, help="show N errors per metric")
    parser.add_argument("--keep", type=Path, help="also write the predictions here")
    parser.add_argument("--pages", action="store_true", help="also build and check the pages")
    parser.add_argument("--year", type=int, help="the site's `year:` in newsgen.yaml")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for path in sorted(corpus.rglob("*.txt")):
            target = site / "seeds" / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        if args.year is not None:
            (site / "newsgen.yaml").write_text(f"year: {args.year}\n", encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "newsgen", "export", "--root", str(site)],
            check=False,
            capture_output=True,
            text=True,
        )
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
        # Scored exactly as printed: `newsgen export` carries the fields the scorer reads.
        pred_file = args.keep or site / "pred.jsonl"
        pred_file.write_text(out.stdout)
        cmd = [
            sys.executable,
            str(args.scorer),
            "--gold",
            str(corpus / "gold.jsonl"),
            "--pred",
            str(pred_file),
        ]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=True)
        records = [json.loads(x) for x in out.stdout.splitlines() if x.strip()]
        dateline_report(records, args.errors)
        if args.pages:
            page_report(site, corpus, records)


def _words(text: str) -> list[str]:
    return [w.strip(".,").casefold() for w in text.split() if w.strip(".,")]


def dateline_report(records: list[dict], errors: int) -> None:
    """Dateline leaks: a person or organisation named by words of the story's dateline
    place ("Mass" from `BOSTON, Mass.`), or any entity that is a fragment of its city
    ("BEND" from `SOUTH BEND, Ind.`)."""
    datelined = [r for r in records if (r.get("dateline") or {}).get("place")]
    if not datelined:
        return
    leaks: list[tuple[str, str, str]] = []
    for r in datelined:
        place = r["dateline"]["place"]
        words = set(_words(place))
        city = _words(place.split(",")[0])
        for kind, names in r.get("entities", {}).items():
            for name in names:
                got = _words(name)
                if not got:
                    continue
                named = kind != "place" and set(got) <= words
                fragment = set(got) < set(city) and " ".join(got) != " ".join(city)
                if named or fragment:
                    leaks.append((r["file"], kind, name))
    print(f"\nDATELINE LEAKS  ({len(datelined)} stories with a dateline place)")
    print(f"  persons/organisations from dateline words, or fragments of its city: {len(leaks)}")
    for file, kind, name in leaks[:errors]:
        print(f"    {file}: {kind} {name!r}")


def _fold(text: str) -> str:
    return " ".join(text.split())


def page_report(site: Path, corpus: Path, records: list[dict]) -> None:
    """Build the site and look for every gold paragraph in the rendered article page."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    subprocess.run(
        [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"], check=False
    )
    slug_of = {r["source_file"].removeprefix("seeds/"): r["slug"] for r in records}
    found = total = titles = pages = 0
    missing: list[str] = []
    for line in (corpus / "gold.jsonl").read_text().splitlines():
        gold = json.loads(line)
        slug = slug_of.get(gold["file"])
        page = site / "_site" / "articles" / str(slug) / "index.html"
        if not slug or not page.is_file():
            missing.append(gold["file"])
            continue
        pages += 1
        parser = Text()
        parser.feed(page.read_text(encoding="utf-8"))
        text = _fold(" ".join(parser.parts))
        titles += _fold(gold["title"]) in text
        for para in gold["paragraphs"]:
            total += 1
            found += _fold(para) in text
    print("\nRENDERED PAGES")
    print(f"  article pages          {pages}/{pages + len(missing)}")
    print(f"  headlines on the page  {titles}/{pages}")
    print(f"  gold paragraphs shown  {found}/{total}")
    desk_pages_report(site, corpus, slug_of)


# BBC desk -> the slug of the section page that files it (IPTC names, see taxonomy.py).
DESK_PAGES = {
    "business": "economy-business-and-finance",
    "entertainment": "arts-culture-entertainment-and-media",
    "politics": "politics",
    "sport": "sport",
    "tech": "science-and-technology",
}


def desk_pages_report(site: Path, corpus: Path, slug_of: dict[str, str]) -> None:
    """Where a reader looks (issue #22): is each story on its desk's section pages (every
    page of the listing), and on how many of the five desk pages is it?"""
    import re

    link = re.compile(r'href="[^"]*articles/([^/"]+)/')
    listed: dict[str, set[str]] = {}
    for desk, slug in DESK_PAGES.items():
        folder = site / "_site" / "sections" / slug
        pages = sorted(folder.glob("index.html")) + sorted(folder.glob("page/*/index.html"))
        listed[desk] = {m for p in pages for m in link.findall(p.read_text(encoding="utf-8"))}
    rows = [json.loads(line) for line in (corpus / "gold.jsonl").read_text().splitlines()]
    rows = [(slug_of.get(g["file"]), g["section"]) for g in rows if g.get("section") in listed]
    if not rows:
        return
    on_desk = sum(slug in listed[desk] for slug, desk in rows)
    desks = sum(slug in found for slug, _ in rows for found in listed.values())
    print("\nSECTION PAGES  (a story's BBC desk among the section pages that list it)")
    print(f"  on its desk's pages    {on_desk}/{len(rows)} = {on_desk / len(rows):.3f}")
    print(f"  desk pages per story   {desks / len(rows):.3f}")


if __name__ == "__main__":
    main()
