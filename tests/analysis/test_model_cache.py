"""The cache of built models: same object back, rebuilt when damaged or changed, and
never read from a folder another user could write to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgen.analysis import model_cache
from newsgen.analysis.model_cache import cached


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv(model_cache.ENV, str(folder))
    return folder


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_a_model_is_built_once_then_read_back(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "weights.json"
    source.write_text('{"a": 1}')
    calls, build = _counting({"weights": [1, 2, 3], "name": "tagger"})
    first = cached("tagger", [source], build)
    again = cached("tagger", [source], build)
    assert again == first == {"weights": [1, 2, 3], "name": "tagger"}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in folder.glob("*.pickle")] == ["tagger"]


def test_a_changed_source_builds_anew_and_drops_the_old_pickle(
    folder: Path, tmp_path: Path
) -> None:
    source = tmp_path / "weights.json"
    source.write_text("1")
    calls, build = _counting("model")
    cached("tagger", [source], build)
    source.write_text("2")
    cached("tagger", [source], build)
    assert len(calls) == 2
    assert len(list(folder.glob("tagger-*.pickle"))) == 1


def test_a_damaged_pickle_is_rebuilt(folder: Path) -> None:
    calls, build = _counting("model")
    cached("tagger", [b"v1"], build)
    (pickle,) = folder.glob("tagger-*.pickle")
    pickle.write_bytes(pickle.read_bytes()[:5])
    assert cached("tagger", [b"v1"], build) == "model"
    assert len(calls) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    calls, build = _counting("model")
    cached("tagger", [b"v1"], build)
    cached("tagger", [b"v1"], build)
    assert len(calls) == 2
    assert not list(folder.iterdir())


def test_off_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(model_cache.ENV, "off")
    assert model_cache.cache_dir() is None
