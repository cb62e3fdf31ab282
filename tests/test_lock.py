"""Two builds of one site never run at once: the second waits for the first."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from newsgen.build import site_lock
from newsgen.paths import SitePaths


def test_a_second_build_waits_for_the_lock(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    (site / "seeds" / "a.txt").write_text(
        "Harbour opens\n\nThe harbour in Oslo opened on Monday.\n"
    )
    paths = SitePaths.for_site(site, "_site")
    with site_lock(paths):
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsgen", "build", "--root", str(site), "-q"],
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert proc.poll() is None, "the build did not wait for the lock"
        assert not (site / "_site").exists()
    assert proc.wait(timeout=60) == 0
    assert "Waiting for another newsgen build" in proc.stderr.read()
    assert (site / "_site" / "index.html").is_file()
