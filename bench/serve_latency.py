"""`newsgen serve` latency: from saving an edit to the reload message a tab receives.

Builds the BBC development corpus replicated K times (or uses --site), starts
`newsgen serve` on it, listens on the live-reload event stream as an open tab
does, appends a paragraph to one seed and times until the stream says
"reload". The browser's own reload (one page from localhost) comes on top.
Edits take turns: a paragraph that keeps the story's shape (same names and
topics), then one that names a person new to the archive (the story is
re-tagged: it moves in the site model, see newsgen/retag.py).

    python bench/serve_latency.py --k 50 [--edits 6]
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import make_corpus

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/index.html")
            conn.getresponse().read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# Made-up names. A name the site has met (an earlier run on the same site) is skipped,
# so each "names someone new" edit really brings a new person.
FIRST_NAMES = ("Harriet", "Tobias", "Amara", "Jonas", "Ellis", "Ottilie", "Casimir", "Wilhelmina")
SURNAMES = ("Quillon", "Wrenfield", "Castellane", "Petravelli", "Marrowby", "Brannagh", "Ostrander")


def new_people(site: Path) -> Iterator[str]:
    from newsgen.slugs import make_slug

    for surname in SURNAMES:
        for first in FIRST_NAMES:
            name = f"{first} {surname}"
            if not (site / "_site" / "people" / make_slug(name)).exists():
                yield name


KINDS = ("keeps shape", "names someone new")


def measure(site: Path, edits: int) -> dict[str, list[float]]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgen", "serve", "--root", str(site), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tempfile.gettempdir(),  # see build_bench.NEUTRAL_CWD
    )
    try:
        _wait_up(port, 600)
        seeds = sorted((site / "seeds").glob("*.txt"))
        people = new_people(site)
        times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for i in range(edits):
            kind = KINDS[i % 2]
            if kind == "keeps shape":
                seed = seeds[len(seeds) // 2]
                text = f"A paragraph added while serving ({i})."
            else:
                seed = seeds[len(seeds) // 3 + i]
                name = next(people)
                text = f'"We will look at the figures again," said {name}, who chairs the panel.'
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", "/__newsgen/events")
            stream = conn.getresponse()
            # A person pauses between edits: long enough for the rebuild that looks at
            # every input once edits settle (newsgen.commands.serve.SETTLE_MS) to be done.
            time.sleep(2.5)
            start = time.perf_counter()
            seed.write_text(seed.read_text() + f"\n\n{text}\n")
            while not stream.fp.readline().startswith(b"data: reload"):
                pass
            times[kind].append(time.perf_counter() - start)
            conn.close()
        return times
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc-dev")
    parser.add_argument("--k", type=int, default=50, help="replicate the corpus K times")
    parser.add_argument("--site", type=Path, help="an existing site folder instead")
    parser.add_argument("--edits", type=int, default=6, help="taking turns, see above")
    args = parser.parse_args()
    tmp = None
    site = args.site.resolve() if args.site else None
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="newsgen-serve-"))
        site = tmp / "site"
        make_corpus(args.corpus, site, args.k)
        build = [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"]
        subprocess.run(build, cwd=tempfile.gettempdir())
    try:
        stories = len(list((site / "articles").glob("*.md")))
        times = measure(site, args.edits)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"newsgen serve, {stories} stories: save -> reload message, {args.edits} edits")
    for kind, seconds in times.items():
        if seconds:
            print(
                f"  {kind}: " + ", ".join(f"{t:.2f}" for t in seconds) + " s; "
                f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s"
            )


if __name__ == "__main__":
    main()
