"""Wire copy through a whole build: headline-only seeds and year-less datelines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgen.cli import cli

STORY = "Harbour board meets\n\nKESTREL BAY, JUne 4 - The harbour board met on Tuesday.\n"


def _warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("warning:")]


def test_a_headline_only_seed_builds_with_one_warning(runner: CliRunner, site: Path) -> None:
    (site / "seeds" / "flash.txt").write_text("HARBOUR BOARD RESIGNS\n")
    result = runner.invoke(cli, ["build", "--root", str(site), "-v"])
    assert result.exit_code == 0, result.output
    warnings = _warnings(result.output)
    assert len(warnings) == 1 and "seeds/flash.txt" in warnings[0], warnings
    page = site / "_site" / "articles" / "harbour-board-resigns" / "index.html"
    assert "HARBOUR BOARD RESIGNS" in page.read_text(encoding="utf-8")
    record = (site / "articles" / "harbour-board-resigns.md").read_text(encoding="utf-8")
    assert "\nheadline_only: true\n" in record


def test_the_sites_year_dates_a_year_less_dateline(runner: CliRunner, site: Path) -> None:
    (site / "seeds" / "kb.txt").write_text(STORY)
    (site / "newsgen.yaml").write_text("year: 1987\n")
    result = runner.invoke(cli, ["build", "--root", str(site), "-v"])
    assert result.exit_code == 0, result.output
    assert not _warnings(result.output)
    out = runner.invoke(cli, ["export", "--root", str(site)])
    record = json.loads(out.output.splitlines()[0])
    assert (record["date"], record["date_source"]) == ("1987-06-04", "dateline")


def test_a_year_from_the_file_time_is_never_silent(runner: CliRunner, site: Path) -> None:
    (site / "seeds" / "kb.txt").write_text(STORY)
    result = runner.invoke(cli, ["build", "--root", str(site), "-v"])
    assert result.exit_code == 0, result.output
    warnings = _warnings(result.output)
    assert len(warnings) == 1 and "seeds/kb.txt" in warnings[0] and "year" in warnings[0]
    out = runner.invoke(cli, ["export", "--root", str(site)])
    record = json.loads(out.output.splitlines()[0])
    assert record["date_source"] == "dateline, year from file mtime"
    # The export states month and day only: the year was a guess.
    assert record["date"] == "--06-04"
