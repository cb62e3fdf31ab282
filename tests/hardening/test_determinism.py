"""Two builds of the same records in different folders, with shuffled file
order and different mtimes, give byte-identical sites."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from click.testing import CliRunner

from newsgen.cli import cli

SEEDS = {
    f"story-{i:02d}.txt": f"Story number {i} about the harbour in Lisbon\n\n"
    f"Published: {1 + i % 28} March 2024\n\n"
    f"The harbour authority in Lisbon said on Monday that traffic rose by {i} percent. "
    f'"We are busy," said Maria Costa, the harbour master.\n\nMore paragraphs follow here.\n'
    for i in range(12)
}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_builds_are_identical_across_paths_order_and_mtimes(tmp_path: Path) -> None:
    runner = CliRunner()
    first = tmp_path / "a" / "site"
    (first / "seeds").mkdir(parents=True)
    for name, text in SEEDS.items():
        (first / "seeds" / name).write_text(text)
    assert runner.invoke(cli, ["ingest", "--root", str(first)]).exit_code == 0

    second = tmp_path / "elsewhere" / "deeper" / "site"
    second.mkdir(parents=True)
    names = list(SEEDS)
    random.Random(7).shuffle(names)
    for sub in ("seeds", "articles"):
        (second / sub).mkdir()
        files = sorted((first / sub).iterdir())
        random.Random(3).shuffle(files)
        for f in files:
            shutil.copy(f, second / sub / f.name)
            os.utime(
                second / sub / f.name,
                (1_000_000_000, 1_000_000_000 + random.Random(f.name).randint(0, 10**6)),
            )

    assert runner.invoke(cli, ["build", "--root", str(first)]).exit_code == 0
    assert runner.invoke(cli, ["build", "--root", str(second)]).exit_code == 0
    assert _tree(first / "_site") == _tree(second / "_site")
