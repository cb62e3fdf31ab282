"""Small edits take the small path: the last build's model with the changed stories
swapped in, and only the pages, feeds and search files that show them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgen.article import Article, Entity, Quote, Topic
from newsgen.cli import cli
from newsgen.config import SiteConfig
from newsgen.incremental.catalog import Catalog
from newsgen.incremental.signature import Signer
from newsgen.incremental.snapshot import PageDeps, Snapshot, save, shape
from newsgen.records.stub import ArticleStub, head_of
from newsgen.site import search
from newsgen.site.model import build_model
from newsgen.site.pages import plan_pages
from tests.incremental.test_incremental import _tree, seed_site

SMALL_PATH = "stories changed in place"
MOVED = "stories moved in the site model"


def _build(runner: CliRunner, root: Path, *extra: str) -> str:
    result = runner.invoke(cli, ["build", "--root", str(root), "-v", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _clean_equals(site: Path, tmp_path: Path, runner: CliRunner) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".newsgen", "._site*"))
    _build(runner, clean, "--no-cache", "--jobs", "1")
    assert _tree(site / "articles") == _tree(clean / "articles")
    assert _tree(site / "_site") == _tree(clean / "_site")


def test_edits_that_keep_a_story_in_place(tmp_path: Path) -> None:
    site = seed_site(tmp_path / "site", 150)
    runner = CliRunner()
    _build(runner, site, "--jobs", "2")

    # A paragraph added to a seed: new words for search, the same place in the site.
    seed = site / "seeds" / "s042.txt"
    seed.write_text(seed.read_text() + "\nEven the quokkas were not consulted.\n")
    output = _build(runner, site, "--jobs", "2")
    assert f"1 {SMALL_PATH}" in output
    # The record it rewrote is known to the next build, which has nothing to do.
    assert "Nothing changed since the last build" in _build(runner, site)
    _clean_equals(site, tmp_path, runner)
    assert "quokkas" in (site / "_site" / "search" / "words" / "qu.json").read_text()

    # A hand edit that rewords a quote and drops those words again.
    record = next(p for p in (site / "articles").glob("*.md") if "s042.txt" in p.read_text())
    text = record.read_text().replace("It matters to everyone", "It matters to us all")
    record.write_text(text.replace("Even the quokkas were not consulted.", "Nobody asked."))
    output = _build(runner, site, "--jobs", "1")
    assert f"1 {SMALL_PATH}" in output
    _clean_equals(site, tmp_path, runner)
    assert "quokkas" not in (site / "_site" / "search" / "meta.json").read_text()

    # A new headline that keeps the story's place: it changes shape but not place.
    seed = site / "seeds" / "s043.txt"
    seed.write_text(seed.read_text().replace("story 43:", "story forty-three:"))
    output = _build(runner, site, "--jobs", "2")
    assert f"1 {MOVED}" in output
    _clean_equals(site, tmp_path, runner)

    # A new date moves it: the whole site is planned again, still exactly.
    seed.write_text(seed.read_text().replace("Published: 17 May", "Published: 18 May"))
    output = _build(runner, site, "--jobs", "2")
    assert SMALL_PATH not in output
    _clean_equals(site, tmp_path, runner)


def test_edits_ingested_on_their_own_still_take_the_small_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsgen ingest` replaces the records the build then needs as they were (to move a
    story in the model, to take its old words out of the search index): the catalog
    keeps those for the next build."""
    site = seed_site(tmp_path / "site", 150)
    runner = CliRunner()
    _build(runner, site, "--jobs", "2")
    seed = site / "seeds" / "s043.txt"
    seed.write_text(seed.read_text().replace("story 43:", "story forty-three:"))
    seed = site / "seeds" / "s042.txt"
    seed.write_text(seed.read_text() + "\nEven the quokkas were not consulted.\n")
    for _ in range(2):  # the second finds nothing to do and forgets nothing
        ingested = runner.invoke(cli, ["ingest", "--root", str(site), "--jobs", "1"])
        assert ingested.exit_code == 0, ingested.output
    with monkeypatch.context() as m:  # the search index is patched, not made whole
        m.setattr("newsgen.incremental.delta.search_files", lambda *a: pytest.fail("whole index"))
        output = _build(runner, site, "--jobs", "2")
    assert f"2 {SMALL_PATH}" in output
    assert f"1 {MOVED}" in output
    _clean_equals(site, tmp_path, runner)
    # That build saw them as they are: the next edit is measured from there.
    seed.write_text(seed.read_text().replace("quokkas", "wombats"))
    assert runner.invoke(cli, ["ingest", "--root", str(site)]).exit_code == 0
    assert f"1 {SMALL_PATH}" in _build(runner, site)
    _clean_equals(site, tmp_path, runner)
    assert "quokkas" not in (site / "_site" / "search" / "meta.json").read_text()


def test_a_template_change_is_never_a_small_edit(tmp_path: Path) -> None:
    site = seed_site(tmp_path / "site", 12, varied=False)
    runner = CliRunner()
    _build(runner, site)
    seed = site / "seeds" / "s003.txt"
    seed.write_text(seed.read_text() + "\nA paragraph.\n")
    (site / "templates").mkdir()
    (site / "templates" / "listing.html").write_text(
        '{% extends "theme/listing.html" %}{% block main %}LISTED {{ super() }}{% endblock %}'
    )
    output = _build(runner, site)
    assert SMALL_PATH not in output
    _clean_equals(site, tmp_path, runner)


def _story(n: int, *, words: str = "", quote: str = "We will see") -> Article:
    day = 1 + n % 5
    return Article(
        slug=f"story-{n}",
        title=f"Story {n} about {'harbour' if n % 2 else 'council'}",
        paragraphs=[f"Officials met on day {day}. {words}", f'"{quote}," said Ana Costa.'],
        summary=f"Summary {n}",
        date=__import__("datetime").date(2024, 5, day),
        section=Topic(
            name="Politics" if n % 3 else "Business", slug="politics" if n % 3 else "business"
        ),
        topics=[Topic(name="Ports", slug="ports")] if n % 2 else [],
        people=[Entity(name="Ana Costa", slug="ana-costa", kind="person")],
        places=[Entity(name="Lisbon", slug="lisbon", kind="place")] if n % 4 else [],
        quotes=[Quote(text=quote, speaker="Ana Costa")],
        fingerprint=f"fp{n}",
    )


def _signatures(model, config: SiteConfig) -> dict[str, str]:  # type: ignore[no-untyped-def]
    signer = Signer("base")
    return {p.uri: signer.sign(p.template, p.context) for p in plan_pages(model, config)}


def test_a_restored_model_plans_the_same_pages() -> None:
    config = SiteConfig(per_page=2)
    articles = [_story(n) for n in range(9)]
    model = build_model(articles, related_count=2)
    deps = PageDeps()
    signer = Signer("base")
    for page in plan_pages(model, config):
        signer.sign(page.template, page.context)
        deps.add(page.uri, *signer.depends_on())
    catalog = Catalog(None)
    save(catalog, "theme", model, deps)
    snapshot = Snapshot.load(catalog, "theme")
    assert snapshot is not None
    assert Snapshot.load(catalog, "another theme") is None

    stubs = {a.slug: ArticleStub(head_of(a), lambda a=a: a) for a in articles}
    restored = snapshot.restore(stubs)  # type: ignore[arg-type]
    assert not any(s.loaded for s in stubs.values())  # restoring reads no record
    assert _signatures(restored, config) == _signatures(model, config)

    # Every page whose signature story 4 feeds is among its pages, and not every page is.
    pages = snapshot.pages_of(catalog, ["story-4"])
    assert "articles/story-4/index.html" in pages
    assert len(pages) < len(_signatures(model, config))
    signer = Signer("base")
    for page in plan_pages(model, config):
        signer.sign(page.template, page.context)
        stories, _ = signer.depends_on()
        if "story-4" in stories:
            assert page.uri in pages


def test_changed_stories_keep_or_lose_their_shape() -> None:
    articles = [_story(n) for n in range(4)]
    model = build_model(articles, related_count=2)
    catalog = Catalog(None)
    save(catalog, "theme", model, PageDeps())
    snapshot = Snapshot.load(catalog, "theme")
    assert snapshot is not None
    current = {a.slug: a for a in articles}
    assert snapshot.changed(current) == ([], set())

    edited = _story(2, words="More words.", quote="We shall see")
    edited.fingerprint = "new"
    assert shape(edited) == shape(articles[2])
    assert snapshot.changed({**current, "story-2": edited}) == (["story-2"], set())

    retitled = _story(2)
    retitled.title, retitled.fingerprint = "Another headline", "new"
    assert shape(retitled) != shape(articles[2])
    assert snapshot.changed({**current, "story-2": retitled}) == (["story-2"], {"story-2"})
    assert snapshot.changed({k: v for k, v in current.items() if k != "story-2"}) is None


def test_a_stub_reads_its_record_once_and_only_when_asked() -> None:
    article = _story(1)
    calls = []

    def load() -> Article:
        calls.append(1)
        return article

    stub = ArticleStub(head_of(article), load)
    assert (stub.slug, stub.date, stub.fingerprint) == ("story-1", article.date, "fp1")
    assert calls == []
    assert stub.title == article.title
    assert stub.body == article.body
    assert calls == [1]
    with pytest.raises(AttributeError):
        stub.__deepcopy__  # noqa: B018


def _index(articles: list[Article]) -> dict[str, str]:
    return dict(search.search_files(articles))


_WORDS = st.text(alphabet="abcq", min_size=2, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    bodies=st.lists(st.lists(_WORDS, max_size=6), min_size=1, max_size=6),
    which=st.integers(0, 5),
    new_body=st.lists(_WORDS, max_size=6),
    split=st.integers(2, 40),
)
def test_a_patched_search_index_equals_a_whole_one(
    bodies: list[list[str]], which: int, new_body: list[str], split: int
) -> None:
    """Whatever words a story gains or loses, the patch gives the same files as the
    whole index, or declines (a shard would split or merge)."""
    articles = [
        Article(slug=f"s{i}", title=f"Title {i}", paragraphs=[" ".join(b)], summary=f"S {i}")
        for i, b in enumerate(bodies)
    ]
    old = articles[which % len(articles)]
    new = Article(slug=old.slug, title=old.title, paragraphs=[" ".join(new_body)], summary="New")
    changed = [new if a is old else a for a in articles]
    original = search.SHARD_SPLIT
    search.SHARD_SPLIT = split
    try:
        before, after = _index(articles), _index(changed)
        n = articles.index(old)
        patch = search.patch_search(
            before.get,
            [(n, search.index_terms(old.title, old.body), search.index_terms(new.title, new.body))],
            [(n, new)],
        )
    finally:
        search.SHARD_SPLIT = original
    if patch is None:
        return
    result = {**before, **{u: t for u, t in patch.items() if t is not None}}
    for uri, text in patch.items():
        if text is None:
            del result[uri]
    assert result == after
    assert json.loads(result["search/meta.json"])["count"] == len(articles)


def test_a_session_keeps_what_it_built_until_another_build_comes_between(
    tmp_path: Path,
) -> None:
    """`newsgen serve` keeps records, manifests and snapshot from one rebuild to the
    next; a build by anyone else in between makes it start afresh, never stale."""
    from newsgen.build import BuildOptions, BuildSession, build
    from newsgen.config import load_config
    from newsgen.paths import SitePaths
    from newsgen.report import BuildReport

    site = seed_site(tmp_path / "site", 40)
    paths, config = SitePaths.for_site(site, "_site"), load_config(site)
    session = BuildSession()
    runner = CliRunner()

    def rebuild() -> bool:
        result = build(paths, config, BuildReport(), BuildOptions(jobs=1), session)
        return result.small

    def edit(n: int, text: str) -> None:
        seed = site / "seeds" / f"s{n:03d}.txt"
        seed.write_text(seed.read_text() + f"\n{text}\n")

    rebuild()
    assert session.store is not None
    kept = next(iter(session.store.records.values()))
    edit(7, "A first late paragraph.")
    assert rebuild()
    assert kept in session.store.records.values()  # the same object, not read again
    _clean_equals(site, tmp_path, runner)

    assert not rebuild()  # nothing to do, and the session survives it
    assert session.generation is not None and session.snapshot is not None

    edit(8, "A paragraph from another terminal.")
    _build(runner, site)  # another process builds: the session must not be trusted
    edit(9, "And one more in the served site.")
    assert rebuild()
    assert kept not in session.store.records.values()
    _clean_equals(site, tmp_path, runner)


def test_a_search_shard_that_would_split_is_rebuilt_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When patching would change how the index is sharded, the small path makes the
    index whole instead; the site is still what a clean build makes."""
    site = seed_site(tmp_path / "site", 30)
    runner = CliRunner()
    _build(runner, site, "--jobs", "1")
    sizes = {}
    for path in (site / "_site" / "search" / "words").glob("*.json"):
        sizes[path.stem] = sum(len(g) for g in json.loads(path.read_text())["b"].values())
    # The "of" shard sits just under the split: the next "of..." word tips it over.
    monkeypatch.setattr(search, "SHARD_SPLIT", sizes["of"])
    seed = site / "seeds" / "s004.txt"
    seed.write_text(seed.read_text() + "\nOfficers offered often.\n")
    output = _build(runner, site, "--jobs", "1")
    assert f"1 {SMALL_PATH}" in output
    assert "of" not in json.loads((site / "_site" / "search" / "meta.json").read_text())["shards"]
    _clean_equals(site, tmp_path, runner)


def test_a_cold_build_leaves_a_second_tree_for_the_next(tmp_path: Path) -> None:
    site = seed_site(tmp_path / "site", 150)
    runner = CliRunner()
    _build(runner, site, "--jobs", "2")
    assert _tree(site / "._site.standby") == _tree(site / "_site")
    assert not list(site.glob("._site.second-*")) and not list(site.glob("._site.staging-*"))
    page = next((site / "_site" / "articles").glob("*/index.html"))
    twin = site / "._site.standby" / page.relative_to(site / "_site")
    assert page.stat().st_ino == twin.stat().st_ino  # linked, not copied


def test_a_session_started_on_a_built_site_is_primed(tmp_path: Path) -> None:
    """`newsgen serve` on a site built before: its first build has nothing to do, and
    still leaves the session what the first rebuild needs."""
    from newsgen.build import BuildOptions, BuildSession, build
    from newsgen.config import load_config
    from newsgen.paths import SitePaths
    from newsgen.report import BuildReport

    site = seed_site(tmp_path / "site", 20)
    runner = CliRunner()
    _build(runner, site)
    paths, config = SitePaths.for_site(site, "_site"), load_config(site)
    session = BuildSession()
    assert build(paths, config, BuildReport(), BuildOptions(jobs=1), session).skipped
    assert session.store is not None and session.snapshot is not None
    assert session.manifests is not None
    kept = next(iter(session.store.records.values()))
    seed = site / "seeds" / "s005.txt"
    seed.write_text(seed.read_text() + "\nA paragraph while serving.\n")
    assert build(paths, config, BuildReport(), BuildOptions(jobs=1), session).small
    assert kept in session.store.records.values()
    _clean_equals(site, tmp_path, runner)


def test_a_story_filed_under_a_further_section_changes_shape() -> None:
    story = _story(1)
    assert story.section is not None
    filed = _story(1)
    filed.sections = [filed.section, Topic(name="weather", slug="weather")]
    assert shape(filed) != shape(story)
    # the same one section, as a list, is the same shape
    listed = _story(1)
    listed.sections = [listed.section]
    assert shape(listed) == shape(story)


def test_a_hand_edit_filing_a_story_under_another_section_moves_it(tmp_path: Path) -> None:
    from newsgen.records.record_file import read_record

    site = seed_site(tmp_path / "site", 12, varied=False)
    runner = CliRunner()
    _build(runner, site)
    record = sorted((site / "articles").glob("*.md"))[3]
    a = read_record(record).article
    assert a.section is not None and a.section.slug != "weather"
    text = record.read_text().replace(
        "\ntopics:", f"\nsections:\n- {a.section.slug}\n- weather\ntopics:", 1
    )
    record.write_text(text)
    output = _build(runner, site)
    assert f"1 {MOVED}" in output
    _clean_equals(site, tmp_path, runner)
    weather = (site / "_site" / "sections" / "weather" / "index.html").read_text()
    assert f"articles/{a.slug}/" in weather
    # and taken off again: the section page goes with its last story
    record.write_text(text.replace("- weather\n", "", 1))
    output = _build(runner, site)
    assert f"1 {MOVED}" in output
    _clean_equals(site, tmp_path, runner)
    assert not (site / "_site" / "sections" / "weather").exists()
