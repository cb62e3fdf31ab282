"""Input stats: told which files changed, they equal a fresh look at every file."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgen.incremental.inputs import InputStats
from newsgen.paths import SitePaths
from newsgen.records.listing import StatEntry

NAMES = ["a.txt", "b.txt", "c.md", ".hidden"]
# (folder, file name, what happens to it)
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["seeds", "articles"]),
        st.sampled_from(NAMES),
        st.sampled_from(["write", "grow", "delete"]),
    ),
    max_size=8,
)


def _site(root: Path) -> SitePaths:
    for folder in ("seeds", "articles"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.txt").write_text("first\n")
    return SitePaths.for_site(root, "_site")


def _apply(root: Path, edits: list[tuple[str, str, str]]) -> set[str]:
    changed = set()
    for folder, name, what in edits:
        path = root / folder / name
        if what == "delete":
            path.unlink(missing_ok=True)
        elif what == "grow" and path.exists():
            path.write_text(path.read_text() + "more\n")
        else:
            path.write_text(f"{folder} {name}\n")
        changed.add(str(path))
    return changed


def _entries(stats: InputStats, folder: Path) -> list[tuple[str, int, int]]:
    found = []
    for e in stats.listing.entries(str(folder)):
        st_ = e.stat(follow_symlinks=False)
        found.append((e.name, st_.st_size, st_.st_mtime_ns))
    return found


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_refreshed_stats_equal_a_fresh_look(tmp_path_factory, edits) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("site")
    paths = _site(root)
    before = InputStats(paths, session=True)
    before.listing.compact()  # as a session keeps it between builds
    assert all(type(e) is StatEntry for e in before.listing.entries(str(paths.seeds_dir)))
    changed = _apply(root, edits)
    after = before.refreshed(changed)
    fresh = InputStats(paths)
    assert after is not None
    assert after.fingerprint() == fresh.fingerprint()
    for folder in (paths.seeds_dir, paths.articles_dir):
        assert _entries(after, folder) == _entries(fresh, folder)
    # ... and so do stats brought up to date after a build wrote records
    (root / "articles" / "b.txt").write_text("written by a build\n")
    assert after.after_build({"b.txt"}) == InputStats(paths).fingerprint()


def test_nothing_changed_is_the_same_fingerprint(tmp_path: Path) -> None:
    stats = InputStats(_site(tmp_path), session=True)
    again = stats.refreshed([])
    assert again is not None and again.fingerprint() == stats.fingerprint()


def test_a_change_it_was_not_told_of_is_not_seen(tmp_path: Path) -> None:
    """Which is why `serve` looks at every file again once edits settle."""
    paths = _site(tmp_path)
    stats = InputStats(paths, session=True)
    (tmp_path / "seeds" / "a.txt").write_text("changed behind the watcher's back\n")
    again = stats.refreshed([])
    assert again is not None and again.fingerprint() == stats.fingerprint()
    assert InputStats(paths).fingerprint() != stats.fingerprint()


def test_changes_outside_flat_seeds_and_articles_need_a_full_look(tmp_path: Path) -> None:
    paths = _site(tmp_path)
    stats = InputStats(paths, session=True)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "home.html").write_text("{{ site.title }}")
    assert stats.refreshed([str(tmp_path / "templates" / "home.html")]) is None
    (tmp_path / "newsgen.yaml").write_text("title: Changed\n")
    assert stats.refreshed([str(tmp_path / "newsgen.yaml")]) is None
    (tmp_path / "seeds" / "new-folder").mkdir()
    assert stats.refreshed([str(tmp_path / "seeds" / "new-folder")]) is None
    assert stats.refreshed([str(tmp_path / "seeds" / "new-folder" / "x.txt")]) is None
    nested = InputStats(paths, session=True)  # seeds/ is not flat now: a full look
    (tmp_path / "seeds" / "a.txt").write_text("changed\n")
    assert nested.refreshed([str(tmp_path / "seeds" / "a.txt")]) is None


def test_relative_paths_are_understood(tmp_path: Path) -> None:
    paths = _site(tmp_path)
    stats = InputStats(paths, session=True)
    (tmp_path / "seeds" / "b.txt").write_text("new\n")
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        again = stats.refreshed(["seeds/b.txt"])
    finally:
        os.chdir(here)
    assert again is not None and again.fingerprint() == InputStats(paths).fingerprint()


def test_a_build_outside_a_session_keeps_no_seed_lines(tmp_path: Path) -> None:
    """A one-off build never refreshes: 20k seeds' lines would only take memory."""
    paths = _site(tmp_path)
    stats = InputStats(paths)
    assert stats.refreshed([str(tmp_path / "seeds" / "a.txt")]) is None
    assert stats.refreshed([str(tmp_path / "articles" / "a.txt")]) is not None
