"""Decode robustness on real text: re-encode every story of a corpus and ingest it again.

Each file is written back as UTF-8 with BOM, UTF-16 (with BOM), cp1252 and
latin-1 (where the text fits), with CRLF line ends, and as UTF-8 mojibake
(UTF-8 bytes read as cp1252); the headline and paragraphs must come out as
from the original.

    python bench/encoding_report.py ../shared/corpora/bbc-dev
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from newsgen.errors import SeedError
from newsgen.ingest import ingest_bytes


def variants(text: str) -> dict[str, bytes]:
    out = {
        "utf-8-sig": text.encode("utf-8-sig"),
        "utf-16": text.encode("utf-16"),
        "utf-8 crlf": text.replace("\n", "\r\n").encode("utf-8"),
    }
    for enc in ("cp1252", "latin-1"):
        with contextlib.suppress(UnicodeEncodeError):
            out[enc] = text.encode(enc)
    with contextlib.suppress(UnicodeDecodeError):
        out["mojibake"] = text.encode("utf-8").decode("cp1252").encode("utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    ok: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    failures: list[str] = []
    for path in sorted(args.corpus.rglob("*.txt")):
        original = ingest_bytes(path.read_bytes(), source_file=str(path))
        for name, data in variants(path.read_text(encoding="utf-8")).items():
            tried[name] += 1
            try:
                again = ingest_bytes(data, source_file=str(path))
            except SeedError as exc:
                failures.append(f"{path.name} {name}: {exc}")
                continue
            if again.title == original.title and again.paragraphs == original.paragraphs:
                ok[name] += 1
            elif len(failures) < 20:
                failures.append(f"{path.name} {name}: {again.title[:60]!r}")
    for name in sorted(tried):
        print(f"{name:<12} {ok[name]}/{tried[name]}")
    for line in failures[:20]:
        print("  " + line)


if __name__ == "__main__":
    main()
