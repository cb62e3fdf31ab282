"""Progress output: nothing when disabled, plain counted lines off a terminal."""

from __future__ import annotations

import itertools

import pytest

from newsgen import progress


def test_counter_is_silent_when_disabled(capsys: pytest.CaptureFixture[str]) -> None:
    with progress.progress_counter(desc="Rendering", enabled=False) as done:
        done(5)
    assert capsys.readouterr().err == ""


def test_counter_prints_running_totals_off_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = itertools.count(0.0, 10.0)  # every reading ten seconds after the last
    monkeypatch.setattr(progress.time, "perf_counter", lambda: next(clock))
    with progress.progress_counter(desc="Rendering", enabled=True) as done:
        done(64)
        done(64)
    assert capsys.readouterr().err.splitlines() == ["Rendering: 64", "Rendering: 128"]
