"""Docs that cannot drift (cf. sqlite-utils tests/test_docs.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsgen.article import Article
from newsgen.cli import cli
from newsgen.commands.export import article_json
from newsgen.config import SiteConfig

REPO = Path(__file__).resolve().parent.parent

README = (REPO / "README.md").read_text(encoding="utf-8")
RECORDS = (REPO / "docs" / "RECORDS.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`newsgen {command}" in README


@pytest.mark.parametrize("key", [f.name for f in dataclasses.fields(SiteConfig)])
def test_every_config_key_is_in_the_readme(key: str) -> None:
    assert f"| `{key}` |" in README


@pytest.mark.parametrize(
    "key", sorted(article_json(Article(slug="x", title="t", paragraphs=[]), []))
)
def test_every_export_field_is_documented(key: str) -> None:
    assert f"`{key}`" in RECORDS


def test_readme_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make build", "make test"]
