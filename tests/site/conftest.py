"""One small site, built once per module through the CLI, for the golden tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from newsgen.cli import cli

REPO = Path(__file__).resolve().parents[2]
BUNDLED_SEED = REPO / "seeds" / "000_642a102f9749f317.txt"

# A second, invented story: dated, sharing the topic "Kim Jong Un" (a site rule)
# with the bundled seed, whose person page has the same name.
SECOND_SEED = """Harbour city opens new ferry terminal after two years of building

SEOUL, March 3, 2024 - The city of Incheon opened a new ferry terminal on Sunday, \
officials said, ending two years of construction along the western harbour.

"This terminal will carry a million passengers a year," said Park Min-ho, \
the city's transport director, at the opening ceremony.

Officials said a visit by Kim Jong Un to a northern port last year had no bearing \
on the schedule, which was set in 2021.

The terminal has twelve berths and a new rail link to the city centre.
"""

CONFIG = """title: Test Gazette
description: Stories for the golden tests.
base_url: https://example.org/archive/
language: en-GB
per_page: 1
topics:
  - name: Kim Jong Un
    keywords: [Kim Jong Un]
"""


def build_site(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    shutil.copy(BUNDLED_SEED, root / "seeds" / BUNDLED_SEED.name)
    (root / "seeds" / "ferry.txt").write_text(SECOND_SEED, encoding="utf-8")
    (root / "newsgen.yaml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "_site"


@pytest.fixture(scope="package")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("golden") / "site")


@pytest.fixture(scope="package")
def soup_of(built: Path):
    def soup(uri: str) -> BeautifulSoup:
        return BeautifulSoup((built / uri).read_text(encoding="utf-8"), "html.parser")

    return soup
