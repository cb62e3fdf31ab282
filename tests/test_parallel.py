"""`--jobs 2` output is byte-identical to `--jobs 1`, records and site alike."""

from __future__ import annotations

import multiprocessing
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgen.cli import cli
from newsgen.errors import OutputError
from newsgen.output import publish
from tests.incremental.test_incremental import _tree, seed_site


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    one = seed_site(tmp_path / "one", 80)
    two = tmp_path / "two"
    shutil.copytree(one, two)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(one), "--jobs", "1"]).exit_code == 0
    assert runner.invoke(cli, ["build", "--root", str(two), "--jobs", "2"]).exit_code == 0
    assert _tree(one / "articles") == _tree(two / "articles")
    assert _tree(one / "_site") == _tree(two / "_site")


def test_many_batches_on_pools_of_their_own_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big site renders in batches, each on a pool forked for it while the next batch
    is planned: small ones here."""
    one = seed_site(tmp_path / "one", 60)
    two = tmp_path / "two"
    shutil.copytree(one, two)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(one), "--jobs", "1"]).exit_code == 0
    monkeypatch.setattr(publish, "RENDER_BATCH", 24)
    monkeypatch.setattr(publish, "RENDER_CHUNK", 4)
    started = []
    original = publish.Rendering.__init__

    def counted(self, renderer, batch, *args):  # type: ignore[no-untyped-def]
        started.append(len(batch))
        original(self, renderer, batch, *args)

    monkeypatch.setattr(publish.Rendering, "__init__", counted)
    assert runner.invoke(cli, ["build", "--root", str(two), "--jobs", "2"]).exit_code == 0
    assert len(started) >= 4 and max(started) == 24  # several batches, pooled (24 > 2 * 4)
    assert _tree(one / "_site") == _tree(two / "_site")


def test_noop_and_one_edit_rebuilds(tmp_path: Path) -> None:
    site = seed_site(tmp_path / "site", 30, varied=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(site)]).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in (site / "_site").rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["build", "--root", str(site), "-v"])
    assert "Nothing changed since the last build" in result.output
    # One paragraph added to one story, twice (the first edit after a cold build also
    # makes the second output tree): only what shows it is rewritten.
    seed = site / "seeds" / "s007.txt"
    for edit in ("A late paragraph from the wire.", "And a later one."):
        before = {p: p.stat().st_mtime_ns for p in (site / "_site").rglob("*") if p.is_file()}
        old_bytes = {p: p.read_bytes() for p in before}
        seed.write_text(seed.read_text() + f"\n{edit}\n")
        result = runner.invoke(cli, ["build", "--root", str(site), "-v"])
        assert result.exit_code == 0, result.output
        after = {p: p.stat().st_mtime_ns for p in (site / "_site").rglob("*") if p.is_file()}
        touched = [p for p in after if before.get(p) != after[p]]
        # A file whose mtime moved has new bytes: nothing is rewritten as it was.
        assert [p for p in touched if p in old_bytes and p.read_bytes() == old_bytes[p]] == []
        assert site / "_site" / "robots.txt" not in touched
        # The second tree exists (made beside the first edit's own work), no staging left.
        assert (site / "._site.standby" / "index.html").is_file()
        assert not list(site.glob("._site.staging-*"))
    changed = {p.relative_to(site / "_site").as_posix() for p in touched}
    slug = next(r.stem for r in (site / "articles").glob("*.md") if "s007.txt" in r.read_text())
    assert f"articles/{slug}/index.html" in changed
    pages = {c for c in changed if c.endswith(".html")}
    assert len(pages) < len([p for p in after if str(p).endswith(".html")]) / 2


def test_bodies_read_from_the_catalog_in_forked_workers(tmp_path: Path) -> None:
    """Cached records load their paragraphs lazily; a theme change re-renders every
    article page in worker processes, which must read the right text (not the parent's
    database connection, not another story's body)."""
    site = seed_site(tmp_path / "site", 140)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(site), "--jobs", "2"]).exit_code == 0
    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text(
        '{% extends "theme/article.html" %}{% block og_type %}article.changed{% endblock %}\n'
    )
    result = runner.invoke(cli, ["build", "--root", str(site), "--jobs", "2", "-v"])
    assert result.exit_code == 0, result.output
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".newsgen", "._site*"))
    assert runner.invoke(cli, ["build", "--root", str(clean), "--jobs", "1"]).exit_code == 0
    assert _tree(site / "_site") == _tree(clean / "_site")
    page = next((site / "_site" / "articles").glob("*/index.html")).read_text()
    assert "article.changed" in page


def test_a_planning_error_while_a_batch_renders_leaves_no_worker_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = seed_site(tmp_path / "site", 60)
    monkeypatch.setattr(publish, "RENDER_BATCH", 24)
    monkeypatch.setattr(publish, "RENDER_CHUNK", 4)
    original = publish.PagePlan._next_batch
    calls = []

    def failing(self, pages):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:  # the first batch is on its pool by now
            raise OutputError("two pages would be written to x/index.html")
        return original(self, pages)

    monkeypatch.setattr(publish.PagePlan, "_next_batch", failing)
    result = CliRunner().invoke(cli, ["build", "--root", str(site), "--jobs", "2"])
    assert result.exit_code == 2
    assert "two pages would be written" in result.output
    assert multiprocessing.active_children() == []


def _packed_site() -> tuple[list[Any], Any]:
    """Two listing pages of one term of 200 stories, and one story's page."""
    from newsgen.article import Article
    from newsgen.site.model import Term
    from newsgen.site.page import Page

    stories = [Article(f"s{i}", f"Story {i}", ["A paragraph. " * 40]) for i in range(200)]
    term = Term("topic", "economy", "Economy", list(stories))
    pages = [
        Page(f"topic/economy/{n}.html", "listing.html", {"term": term, "articles": stories[n:]})
        for n in (0, 1)
    ]
    pages.append(Page("a/s0.html", "article.html", {"article": stories[0], "terms": [term]}))
    return pages, term


def test_a_packed_unit_names_each_story_once_a_batch() -> None:
    """On a cluster, a unit's pages travel packed against the batch's table: a story
    shown on many pages, and a term's story list, go out once, not with every page."""
    from newsgen.output.render_spec import Packer, unpack

    pages, term = _packed_site()
    packer = Packer(term_stories=False)
    units = [packer.pack(pages[:2]), packer.pack(pages[2:])]
    table = packer.table()
    assert len(table.data) == 201  # 200 stories and one term
    assert sum(len(u) for u in units) < 8_000  # about 6 bytes a story named
    first, second = unpack(units[0], table), unpack(units[1], table)
    assert first[1].context["articles"][0] is first[0].context["articles"][1]
    assert second[0].context["article"] is first[0].context["articles"][0]
    shipped = first[0].context["term"]
    assert shipped is second[0].context["terms"][0]
    assert (shipped.name, shipped.count, shipped.uri) == ("Economy", 200, term.uri)


def test_a_packed_term_keeps_its_stories_when_a_template_reads_them() -> None:
    from newsgen.output.render_spec import Packer, unpack

    pages, _ = _packed_site()
    packer = Packer(term_stories=True)
    unit = packer.pack(pages)
    shipped = unpack(unit, pickle.loads(pickle.dumps(packer.table())))
    term = shipped[0].context["term"]
    assert [a.slug for a in term.articles] == [f"s{i}" for i in range(200)]
    assert term.articles[0] is shipped[2].context["article"]


def test_a_big_build_starts_its_helpers_from_a_forkserver(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper forked from a build holding a big archive would share its pages until the
    build touches them, then hold a copy of each: past `_FORK_MAX` it starts small."""
    import os

    from newsgen.output import standby

    monkeypatch.setattr(standby, "_FORK_MAX", 1 << 60)
    forked = standby.Helper([(os.getppid, ())])
    assert forked.result() == [os.getpid()]
    forked.close()
    monkeypatch.setattr(standby, "_FORK_MAX", 0)
    started = standby.Helper([(os.getppid, ())])
    assert started.result() != [os.getpid()]  # a child of the forkserver
    started.close()
