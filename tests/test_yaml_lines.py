"""Naming the line of a YAML value that parses but cannot be built."""

from __future__ import annotations

import pytest

from newsgen.yaml_lines import unreadable_value_line


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("title: T\ndate: 2024-13-45\n", "month must be in 1..12", 3),
        ("a: 1\nb:\n  c: 2024-02-30\n", "day is out of range for month", 4),
        ("a:\n- 2024-02-30\nb: 2024-13-45\n", "month must be in 1..12", 4),
        # No value fails with that message: the first that fails at all.
        ("a:\n- 2024-02-30\nb: 2024-13-45\n", "something else", 3),
    ],
)
def test_the_line_of_the_value_that_failed(text: str, message: str, line: int) -> None:
    assert unreadable_value_line(text, message) == line


@pytest.mark.parametrize("text", ["title: T\ndate: 2024-01-31\n", "a: [unclosed\n", ""])
def test_no_line_when_every_value_builds_or_nothing_parses(text: str) -> None:
    assert unreadable_value_line(text, "month must be in 1..12") is None


def test_counts_from_the_line_the_block_starts_on() -> None:
    assert unreadable_value_line("date: 2024-13-45\n", "", first_line=10) == 10
