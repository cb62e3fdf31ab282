"""Kill `newsgen build` at random moments: _site/ is the old site or the new one,
complete, and articles/ holds no half-written record."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgen.records.record_file import read_record

N_SEEDS = 200


def _seed(i: int, extra: str = "") -> str:
    return (
        f"Report {i}: the city council debates the harbour budget\n\n"
        f"The council met on Tuesday to discuss item {i} of the budget for the harbour.{extra}\n\n"
        f'"We must invest now," said councillor Ana Silva during the session.\n'
    )


def _build(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsgen", "build", "--root", str(root), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _orphans(root: Path) -> list[int]:
    """Processes still running a build of this site (workers must die with their parent)."""
    deadline = time.monotonic() + 5
    while True:
        found = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    cmdline = (proc / "cmdline").read_bytes()
                except OSError:
                    continue
                if str(root).encode() in cmdline:
                    found.append(int(proc.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _site_state(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_sigkill_leaves_old_or_new_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    for i in range(N_SEEDS):
        (root / "seeds" / f"s{i:03d}.txt").write_text(_seed(i))
    assert _build(root).wait(timeout=300) == 0
    start = time.perf_counter()
    # Change every seed so the next build rewrites every record and page.
    for i in range(N_SEEDS):
        (root / "seeds" / f"s{i:03d}.txt").write_text(_seed(i, " Updated."))
    full = _build(root)
    assert full.wait(timeout=300) == 0
    full_time = time.perf_counter() - start
    out = root / "_site"
    for delay in (0.05, 0.3, 0.6, 0.85, 0.97):
        before = _site_state(out)
        for i in range(N_SEEDS):
            (root / "seeds" / f"s{i:03d}.txt").write_text(_seed(i, f" Run {delay}."))
        proc = _build(root)
        time.sleep(delay * full_time)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert out.is_dir(), f"no _site after a kill at {delay}"
        assert _orphans(root) == [], "worker processes outlived the killed build"
        state = _site_state(out)
        for record in (root / "articles").iterdir():
            assert record.suffix == ".md" or record.name.startswith(".newsgen-")
            if record.suffix == ".md":
                read_record(record)  # parses: complete, not half-written
        # The next build recovers and finishes.
        assert _build(root).wait(timeout=300) == 0
        after = _site_state(out)
        assert state in (before, after), f"partial site after a kill at {delay}"
        assert not [p for p in (root / "articles").iterdir() if p.name.startswith(".newsgen-")]
        assert [p.name for p in root.glob("._site.*")] in ([], ["._site.standby"])
