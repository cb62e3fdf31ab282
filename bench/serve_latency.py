"""`newsgen serve` latency: from saving an edit to the reload message a tab receives.

Builds the BBC development corpus replicated K times (or uses --site), starts
`newsgen serve` on it, listens on the live-reload event stream as an open tab
does, appends a paragraph to one seed and times until the stream says
"reload". The browser's own reload (one page from localhost) comes on top.

    python bench/serve_latency.py --k 50 [--edits 5]
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


def measure(site: Path, edits: int) -> list[float]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgen", "serve", "--root", str(site), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_up(port, 600)
        seeds = sorted((site / "seeds").glob("*.txt"))
        seed = seeds[len(seeds) // 2]
        times = []
        for i in range(edits):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", "/__newsgen/events")
            stream = conn.getresponse()
            time.sleep(0.5)  # let the watcher settle
            start = time.perf_counter()
            seed.write_text(seed.read_text() + f"\n\nA paragraph added while serving ({i}).\n")
            while not stream.fp.readline().startswith(b"data: reload"):
                pass
            times.append(time.perf_counter() - start)
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
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    tmp = None
    site = args.site
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="newsgen-serve-"))
        site = tmp / "site"
        make_corpus(args.corpus, site, args.k)
        subprocess.run([sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"])
    try:
        stories = len(list((site / "articles").glob("*.md")))
        times = measure(site, args.edits)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"newsgen serve, {stories} stories: save -> reload message, {len(times)} edits")
    print("  " + ", ".join(f"{t:.2f}" for t in times) + " s")
    print(f"  median {statistics.median(times):.2f} s, max {max(times):.2f} s")


if __name__ == "__main__":
    main()
