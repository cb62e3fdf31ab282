"""The wheel carries the default theme and models: `newsgen init` + `build` work outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_builds_a_new_site_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
    )
    wheel = next(dist.glob("newsgen-*.whl"))
    lib = tmp_path / "lib"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(lib)
    for needed in (
        "newsgen/theme/templates/base.html",
        "newsgen/theme/templates/article.html",
        "newsgen/theme/static/style.css",
        "newsgen/analysis/data/topics-model.json.gz",
        "newsgen/analysis/data/ner_model.json.gz",
        "newsgen/analysis/data/kb.json.gz",
    ):
        assert needed in names, needed
    env = {**os.environ, "PYTHONPATH": str(lib)}
    where = subprocess.run(
        [sys.executable, "-c", "import newsgen; print(newsgen.__file__)"], env=env, cwd=tmp_path,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(lib))
    subprocess.run(
        [sys.executable, "-m", "newsgen", "init", "mysite"], env=env, cwd=tmp_path, check=True
    )
    site = tmp_path / "mysite"
    subprocess.run([sys.executable, "-m", "newsgen", "build", "-q"], env=env, cwd=site, check=True)
    index = (site / "_site" / "index.html").read_text()
    assert "Town council approves new riverside park" in index
    assert list((site / "_site" / "static").glob("style.*.css"))
