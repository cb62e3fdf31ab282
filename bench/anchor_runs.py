"""The anchor harness with a fixed number of runs per figure (it picks 3 or 5 itself).

`build_bench.py --anchor-runs N` passes this as the harness's HARNESS command, so a
22k-story Pelican/Hugo comparison fits in a session: `anchor_runs.py N -n 3 ... CMD`
runs `harness.py -n N ... CMD`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench-anchors" / "harness.py"


def main() -> None:
    runs, args = sys.argv[1], sys.argv[2:]
    if "-n" in args:
        i = args.index("-n")
        args[i + 1] = runs
    os.execv(sys.executable, [sys.executable, str(HARNESS), *args])


if __name__ == "__main__":
    main()
