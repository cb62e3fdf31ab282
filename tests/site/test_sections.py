"""A story filed under several sections is on every one of their pages (issue #22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from newsgen.cli import cli

# Invented for this test: a fraud trial at a bank (crime, and business) and a plain
# football report (sport alone).
FRAUD = """Former bank chief jailed for fraud

LONDON, May 2, 2024 - A former chief executive of a high street bank was jailed for \
six years on Tuesday after a jury found him guilty of fraud.

Prosecutors told the court the bank lost 40 million pounds and its shares fell sharply \
when the losses came to light. The bank said profits would recover this year.

The judge said the fraud had damaged investors and the trial heard evidence from auditors.
"""
MATCH = """United win derby with late goal

MANCHESTER, May 1, 2024 - United beat City 2-1 in the derby on Sunday with a goal in \
the last minute from their captain, who scored his tenth league goal of the season.

The win lifts United to third in the league table with three matches left to play, \
and the manager praised his players for their fight in the second half.
"""
# A hand-written record: its `sections:` wins over anything the classifier would say.
HAND = """---
title: Budget puts a tax on sugary drinks
date: 2024-04-30
sections:
- politics
- name: health
  slug: health
---

The chancellor put a tax on sugary drinks in the budget.
"""
# Hand-set `section:` alone: that one section only.
ALONE = """---
title: Museum opens a gallery of old banknotes
date: 2024-04-29
section: arts, culture, entertainment and media
---

A museum opened a gallery of old banknotes, the bank that printed them said.
"""

CRIME, BUSINESS = "crime-law-and-justice", "economy-business-and-finance"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sections") / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "seeds" / "fraud.txt").write_text(FRAUD, encoding="utf-8")
    (root / "seeds" / "match.txt").write_text(MATCH, encoding="utf-8")
    (root / "articles" / "sugar-tax.md").write_text(HAND, encoding="utf-8")
    (root / "articles" / "banknotes.md").write_text(ALONE, encoding="utf-8")
    (root / "newsgen.yaml").write_text("title: Sections\nbase_url: https://example.org/\n")
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--quiet"])
    assert result.exit_code == 0, result.output
    return root


def listed(site: Path, section: str) -> set[str]:
    """The stories a section's page links to, by slug."""
    page = site / "_site" / "sections" / section / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {
        a["href"].rstrip("/").removesuffix("/index.html").rsplit("/", 1)[-1]
        for a in soup.select("main a[href*='articles/']")
    }


def exported(site: Path) -> dict[str, dict]:
    result = CliRunner().invoke(cli, ["export", "--root", str(site)])
    assert result.exit_code == 0, result.output
    return {d["slug"]: d for d in map(json.loads, result.output.splitlines())}


def test_a_story_filed_under_two_sections_is_on_both_pages(site: Path) -> None:
    fraud = next(s for s, d in exported(site).items() if d["title"].startswith("Former bank"))
    assert fraud in listed(site, CRIME)
    assert fraud in listed(site, BUSINESS)
    # and each section's feed carries it
    for section in (CRIME, BUSINESS):
        feed = json.loads((site / "_site" / "sections" / section / "feed.json").read_text())
        assert any(item["url"].endswith(f"/articles/{fraud}/") for item in feed["items"])


def test_the_story_page_shows_its_sections(site: Path) -> None:
    fraud = next(s for s, d in exported(site).items() if d["title"].startswith("Former bank"))
    page = site / "_site" / "articles" / fraud / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    shown = {a["href"] for a in soup.select(".tags a")}
    assert any(f"sections/{CRIME}/" in h for h in shown)
    assert any(f"sections/{BUSINESS}/" in h for h in shown)


def test_export_shows_every_section_primary_first(site: Path) -> None:
    records = exported(site)
    fraud = next(d for d in records.values() if d["title"].startswith("Former bank"))
    assert [t["slug"] for t in fraud["sections"]] == [CRIME, BUSINESS]
    assert fraud["section"] == fraud["sections"][0]
    match = next(d for d in records.values() if d["title"].startswith("United"))
    assert [t["slug"] for t in match["sections"]] == ["sport"]


def test_a_hand_set_sections_list_wins(site: Path) -> None:
    sugar = exported(site)["sugar-tax"]
    assert sugar["section"]["name"] == "politics"
    assert [t["slug"] for t in sugar["sections"]] == ["politics", "health"]
    assert "sugar-tax" in listed(site, "politics")
    assert "sugar-tax" in listed(site, "health")


def test_a_hand_set_section_alone_is_the_only_one(site: Path) -> None:
    notes = exported(site)["banknotes"]
    assert [t["name"] for t in notes["sections"]] == ["arts, culture, entertainment and media"]
    assert (
        not (site / "_site" / "sections" / BUSINESS / "index.html").read_text().count("banknotes")
    )
