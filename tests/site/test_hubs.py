"""Hub pages at scale: the most covered first, then every name from A to Z (site/hubs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from newsgen.cli import cli
from newsgen.site import hubs

PEOPLE = ["Ada Okafor", "Bea Lindqvist", "Bo Marsh", "Bruno Tal", "Cy Adeyemi", "Zed Quill"]


def _story(i: int, names: list[str]) -> str:
    said = " ".join(f"{name} said the plan was sound." for name in names)
    return f"Council weighs harbour plan {i}\n\nLONDON, May {i + 1}, 2024 - {said}\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(hubs, "HUB_TOP", 2)
    monkeypatch.setattr(hubs, "LETTER_PAGE", 2)
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    # Ada in three stories, Bea in two, everyone else in one.
    stories = [PEOPLE, ["Ada Okafor", "Bea Lindqvist"], ["Ada Okafor"]]
    for i, names in enumerate(stories):
        (root / "seeds" / f"s{i}.txt").write_text(_story(i, names))
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--quiet"])
    assert result.exit_code == 0, result.output
    return root / "_site"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _names(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select("ul.hub a")]


def test_a_big_hub_shows_the_most_covered_then_links_every_letter(site: Path) -> None:
    hub = _soup(site / "people" / "index.html")
    people = set(_names(hub))
    assert _names(hub) == ["Ada Okafor", "Bea Lindqvist"]
    letters = [a.get_text() for a in hub.select("nav.letters a")]
    assert letters == ["A", "B", "C", "Z"]
    b_first = _soup(site / "people" / "a-z" / "b" / "index.html")
    b_second = _soup(site / "people" / "a-z" / "b" / "page" / "2" / "index.html")
    # Alphabetical, two to a page, and the second page links back to the first.
    assert _names(b_first) == ["Bea Lindqvist", "Bo Marsh"]
    assert _names(b_second) == ["Bruno Tal"]
    assert b_second.select_one('a[rel="prev"]')["href"] == "../../index.html"
    every = set()
    for page in (site / "people" / "a-z").rglob("index.html"):
        every |= set(_names(_soup(page)))
    assert every == set(PEOPLE) >= people
    for page in (site / "people" / "a-z").rglob("index.html"):
        for a in _soup(page).select("ul.hub a"):
            assert (page.parent / a["href"]).resolve().is_file()


def test_a_small_hub_lists_everything_and_has_no_a_to_z(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "s0.txt").write_text(_story(0, PEOPLE[:2]))
    assert CliRunner().invoke(cli, ["build", "--root", str(root), "-q"]).exit_code == 0
    hub = _soup(root / "_site" / "people" / "index.html")
    assert sorted(_names(hub)) == PEOPLE[:2]
    assert hub.select("nav.letters") == []
    assert not (root / "_site" / "people" / "a-z").exists()
