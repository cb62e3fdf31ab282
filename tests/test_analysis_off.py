"""`analysis: false`: records keep what their text and front matter give; nothing is analysed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsgen.analysis
from newsgen.cli import cli
from newsgen.config import config_from_dict
from newsgen.errors import ConfigError

SEED = """---
title: Harbour dredging starts
section: Local
topics: [Harbours]
---
Work to dredge the harbour at Port Ellis began on Monday, the council said.

Mayor Jane Aldous said the work would take three weeks.
"""

HAND = """---
title: A record written by hand
date: 2024-03-02
---
Councillors in Port Ellis met Lord Fenwick of the Harbour Trust on Tuesday.
"""


@pytest.fixture
def never_analysed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A file that any analysis, in this process or a forked worker, writes to."""
    marker = tmp_path / "analysed"

    def note(*_args: object, **_kwargs: object) -> None:
        with marker.open("a") as fh:
            fh.write("analysed\n")

    monkeypatch.setattr(newsgen.analysis, "analyse", note)
    monkeypatch.setattr(newsgen.analysis, "warm_up", note)
    return marker


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_analysis_runs_and_records_keep_their_front_matter(
    runner: CliRunner, site: Path, never_analysed: Path, jobs: str
) -> None:
    (site / "newsgen.yaml").write_text("title: Gazette\nanalysis: false\n")
    (site / "seeds" / "dredging.txt").write_text(SEED)
    (site / "articles" / "by-hand.md").write_text(HAND)
    result = runner.invoke(cli, ["build", "--root", str(site), "--jobs", jobs, "-q"])
    assert result.exit_code == 0, result.output
    assert not never_analysed.exists()
    result = runner.invoke(cli, ["export", "--root", str(site), "--no-ingest"])
    assert result.exit_code == 0, result.output
    records = {r["title"]: r for r in map(json.loads, result.stdout.splitlines())}
    seeded = records["Harbour dredging starts"]
    assert seeded["section"]["name"] == "Local"
    # Analysis would find Jane Aldous, Port Ellis and keywords.
    assert seeded["people"] == [] and seeded["places"] == [] and seeded["keywords"] == []
    by_hand = records["A record written by hand"]
    assert by_hand["people"] == [] and by_hand["topics"] == []
    assert not never_analysed.exists()
    out = site / "_site"
    assert (out / "articles" / seeded["slug"] / "index.html").is_file()
    assert (out / "articles" / by_hand["slug"] / "index.html").is_file()


def test_analysis_on_analyses_a_hand_written_record(
    runner: CliRunner, site: Path, never_analysed: Path
) -> None:
    (site / "articles" / "by-hand.md").write_text(HAND)
    result = runner.invoke(cli, ["build", "--root", str(site), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert never_analysed.read_text().count("analysed") >= 1


def test_analysis_takes_true_or_false() -> None:
    assert config_from_dict({"analysis": False}).analysis is False
    assert config_from_dict({}).analysis is True
    with pytest.raises(ConfigError, match="'analysis': expected true or false"):
        config_from_dict({"analysis": "no"})
