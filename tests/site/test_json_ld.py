"""schema.org data a search engine reads: `sameAs` links an entity to its Wikidata item."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from newsgen.cli import cli

RECORD = """---
title: Engine plans found in a London archive
slug: engine-plans
date: 2024-03-01
section: {name: science, slug: science}
people:
- {name: Ada Lovelace, slug: ada-lovelace, wikidata: Q7259}
- {name: Jo Bloggs, slug: jo-bloggs, wikidata: "not an id"}
places:
- {name: London, slug: london}
---
Plans for an engine were found in an archive in London.
"""


def _ld(page: Path) -> dict:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_an_entity_page_and_its_stories_name_its_wikidata_item(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "engine-plans.md").write_text(RECORD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "_site"
    ada = _ld(site / "people" / "ada-lovelace" / "index.html")
    assert ada["@type"] == "Person"
    assert ada["sameAs"] == "https://www.wikidata.org/wiki/Q7259"
    # A value that is no Wikidata id is never linked; a place the KB does not know has none.
    assert "sameAs" not in _ld(site / "people" / "jo-bloggs" / "index.html")
    assert "sameAs" not in _ld(site / "places" / "london" / "index.html")
    story = _ld(site / "articles" / "engine-plans" / "index.html")
    linked = {m["name"]: m.get("sameAs") for m in story["mentions"]}
    assert linked == {
        "Ada Lovelace": "https://www.wikidata.org/wiki/Q7259",
        "Jo Bloggs": None,
        "London": None,
    }
    export = CliRunner().invoke(cli, ["export", "--root", str(tmp_path)])
    people = json.loads(export.output.splitlines()[0])["people"]
    assert [p["wikidata"] for p in people] == ["Q7259", None]
