"""A seed's own section and topics, set in its front matter, are the story's."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgen.cli import cli

SEED = """---
section: Politics
topics: [Harbour dues, Shipping]
---
Harbour board raises dues for the first time in a decade

The harbour board said on Tuesday that dues for cargo ships would rise by a tenth.
"""

SITE_SECTION = SEED.replace("section: Politics", "section: Waterfront")


def _export(root: Path, seed: str) -> dict:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "dues.txt").write_text(seed, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(CliRunner().invoke(cli, ["export", "--root", str(root)]).output)


def test_a_seeds_section_and_topics_are_kept(tmp_path: Path) -> None:
    record = _export(tmp_path / "a", SEED)
    assert (record["section"]["slug"], record["section"]["origin"]) == ("politics", "front matter")
    assert record["section"]["qcode"] == "medtop:11000000"  # the IPTC section of that name
    assert [t["name"] for t in record["topics"]] == ["Harbour dues", "Shipping"]
    assert [s["slug"] for s in record["sections"]] == ["politics"]


def test_a_section_the_taxonomy_does_not_know_is_the_sites_own(tmp_path: Path) -> None:
    record = _export(tmp_path / "b", SITE_SECTION)
    assert (record["section"]["name"], record["section"]["slug"]) == ("Waterfront", "waterfront")
    site = tmp_path / "b" / "_site"
    assert (site / "sections" / "waterfront" / "index.html").is_file()
