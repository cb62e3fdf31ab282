"""The record store: one record per slug, and a load told what changed equals a whole one."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgen.build import BuildOptions, BuildSession, build
from newsgen.cli import cli
from newsgen.config import load_config
from newsgen.incremental.catalog import Catalog
from newsgen.paths import SitePaths
from newsgen.records.store import RecordStore
from newsgen.report import BuildReport


def _record(title: str, slug: str | None = None) -> str:
    head = f"title: {title}\n" + (f"slug: {slug}\n" if slug else "") + "date: 2024-05-01\n"
    return f"---\n{head}---\n\nThe body of {title}.\n"


def _seed(n: int) -> str:
    return (
        f"Harbour story {n}\n\nPublished: {1 + n} May 2024\n\n"
        f"Officials in Lisbon said the harbour reopened, according to Reuters ({n}).\n"
    )


def _seeds_and_a_hand_record(root: Path, name: str, title: str) -> Path:
    """Three seeds and one record written by hand (`articles/<name>.md`)."""
    (root / "seeds").mkdir(parents=True)
    for n in range(3):
        (root / "seeds" / f"s{n}.txt").write_text(_seed(n))
    (root / "articles").mkdir()
    (root / "articles" / f"{name}.md").write_text(_record(title))
    return root


def _built(root: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    return root


# -------------------------------------------------------------- one slug, one record


def test_two_records_with_one_slug_are_reported_not_hidden(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(_record("One", slug="same"))
    (tmp_path / "articles" / "b.md").write_text(_record("Two", slug="same"))
    runner = CliRunner()
    for _ in range(2):  # reported again until it is fixed, from the catalog too
        result = runner.invoke(cli, ["build", "--root", str(tmp_path), "--jobs", "1"])
        assert result.exit_code == 1, result.output
        assert "articles/b.md" in result.output and "articles/a.md" in result.output
        assert "another `slug:`" in result.output
    page = (tmp_path / "_site" / "articles" / "same" / "index.html").read_text()
    assert "One" in page and "Two" not in page
    assert (tmp_path / "articles" / "b.md").read_text() == _record("Two", slug="same")


def test_the_record_named_for_its_slug_is_the_one_kept(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(_record("Stray", slug="same"))
    (tmp_path / "articles" / "same.md").write_text(_record("Owner"))
    result = CliRunner().invoke(cli, ["build", "--root", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 1
    assert "articles/a.md: has slug 'same', as articles/same.md has" in result.output
    page = (tmp_path / "_site" / "articles" / "same" / "index.html").read_text()
    assert "Owner" in page and "Stray" not in page


# ------------------------------------------------- told what changed = a whole look


class Session:
    """Builds as `newsgen serve` makes them: one session, each build told which files
    changed since the last one began; after each, the store equals a whole load."""

    def __init__(self, root: Path) -> None:
        self.root, self.session = root, BuildSession()
        self.paths = SitePaths.for_site(root, "_site")
        self.before = self._stats()
        self.build(None)

    def _stats(self) -> dict[str, tuple[int, int]]:
        found = {}
        for top in ("seeds", "articles"):
            for p in (self.root / top).iterdir() if (self.root / top).is_dir() else []:
                st = p.lstat()
                found[str(p)] = (st.st_size, st.st_mtime_ns)
        return found

    def build(self, changed: set[str] | None) -> BuildReport:
        report = BuildReport()
        options = BuildOptions(jobs=1)
        config = load_config(self.root)
        build(self.paths, config, report, options, self.session, changed=changed)
        # A watcher reports the build's own writes too, even a file an edit then deletes.
        self.written = _differ(self.before, self._stats())
        return report

    def rebuild(self) -> BuildReport:
        now = self._stats()
        changed = _differ(self.before, now) | self.written
        self.before = now
        return self.build(changed)

    def store_state(self) -> tuple[object, ...]:
        store = self.session.store
        assert store is not None
        return _state(store)


def _differ(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def _state(store: RecordStore) -> tuple[object, ...]:
    records = {s: (r.name, r.article.fingerprint) for s, r in store.records.items()}
    return records, store.by_source, store.broken, store.broken_sources


def _whole_state(root: Path) -> tuple[object, ...]:
    """The store a build with no session makes of the same files."""
    copy = root.parent / f"{root.name}-whole"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns("_site", "._site*"))
    paths = SitePaths.for_site(copy, "_site")
    catalog = Catalog(paths.state_dir / "catalog.sqlite")
    store = RecordStore.load(paths.articles_dir, copy, BuildReport(), catalog, lazy=True)
    state = _state(store)
    catalog.close()
    return state


@pytest.fixture
def site(tmp_path: Path) -> Session:
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    for n in range(4):
        (root / "seeds" / f"s{n}.txt").write_text(_seed(n))
    return Session(root)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each build's store load took the told path (True) or fell back."""
    seen: list[bool] = []
    original = RecordStore._load_changed

    def spy(self: RecordStore, *args: object, **kwargs: object) -> bool:
        result = original(self, *args, **kwargs)  # type: ignore[arg-type]
        seen.append(result)
        return result

    monkeypatch.setattr(RecordStore, "_load_changed", spy)
    return seen


def _records(site: Session) -> list[Path]:
    return sorted((site.root / "articles").glob("*.md"))


def test_a_record_deleted_by_hand_is_made_again_from_its_seed(
    site: Session, told: list[bool]
) -> None:
    gone = _records(site)[1]
    gone.unlink()
    assert not site.rebuild().errors
    assert told == [True]
    assert gone.is_file()
    assert site.store_state() == _whole_state(site.root)


def test_a_deleted_seed_takes_its_record_with_it(site: Session, told: list[bool]) -> None:
    (site.root / "seeds" / "s2.txt").unlink()
    site.rebuild()
    assert told == [True]
    assert len(_records(site)) == 3
    assert all("seeds/s2.txt" not in p.read_text() for p in _records(site))
    assert site.store_state() == _whole_state(site.root)


def test_a_new_seed_and_a_hand_written_record(site: Session, told: list[bool]) -> None:
    (site.root / "seeds" / "s9.txt").write_text(_seed(9))
    (site.root / "articles" / "note.md").write_text(_record("A note by hand"))
    assert not site.rebuild().errors
    assert told == [True]
    assert len(_records(site)) == 6
    assert site.store_state() == _whole_state(site.root)


def test_a_hand_edit_that_takes_another_slug_is_left_to_a_whole_load(
    site: Session, told: list[bool]
) -> None:
    first, second = _records(site)[:2]
    text = second.read_text()
    second.write_text(re.sub(r"(?m)^slug: .*$", f"slug: {first.stem}", text, count=1))
    report = site.rebuild()
    assert told == [False]  # fell back: a whole load reports the clash
    assert [str(e.path) for e in report.errors] == [f"articles/{second.name}"]
    assert site.store_state() == _whole_state(site.root)


def test_a_record_that_became_a_link_is_reported(site: Session, told: list[bool]) -> None:
    record = _records(site)[0]
    target = site.root / "elsewhere.md"
    record.rename(target)
    os.symlink(target, record)
    report = site.rebuild()
    assert told == [True]
    assert [str(e.path) for e in report.errors] == [f"articles/{record.name}"]
    assert site.store_state() == _whole_state(site.root)


def test_after_a_build_with_errors_the_next_looks_at_everything(
    site: Session, told: list[bool]
) -> None:
    bad = site.root / "articles" / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nBody.\n")
    assert site.rebuild().errors
    (site.root / "seeds" / "s1.txt").write_text(_seed(1) + "\nOne more paragraph.\n")
    assert site.rebuild().errors  # the bad record is still reported, though not named
    assert told == [True]  # the first was told; the second, after errors, looked at all


def test_a_leftover_temporary_file_is_removed(site: Session, told: list[bool]) -> None:
    leftover = site.root / "articles" / ".newsgen-x1.tmp"
    leftover.write_text("half a record")
    assert not site.rebuild().errors
    assert not leftover.exists()
    assert site.store_state() == _whole_state(site.root)


def test_a_session_keeps_stubs_after_a_whole_build(tmp_path: Path) -> None:
    """A whole build read every story; what the session keeps is their heads (the
    catalog has the rest), but a record analysed at each load stays whole."""
    root = _seeds_and_a_hand_record(tmp_path / "site", "note", "A note by hand")
    site = Session(root)  # a cold build: whole
    store = site.session.store
    assert store is not None
    kinds = {slug: type(r.article).__name__ for slug, r in store.records.items()}
    assert kinds.pop("note") == "Article"  # no analysis in the record: made at each load
    assert set(kinds.values()) == {"ArticleStub"} and len(kinds) == 3
    assert not site.rebuild().errors  # and the next build reads them as it needs


def test_records_read_from_their_files_are_held_as_stubs(tmp_path: Path) -> None:
    """A load with a new catalog reads every record file; it caches each one as it comes
    and keeps only its head (at 22k stories, 600 MiB held otherwise, not 300)."""
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "s0.txt").write_text(_seed(0))
    _built(root)
    for n in range(3):
        (root / "articles" / f"r{n}.md").write_text(_record(f"Record {n}"))
    catalog = Catalog(tmp_path / "catalog.sqlite")
    store = RecordStore.load(root / "articles", root, BuildReport(), catalog, lazy=True)
    assert {type(r.article).__name__ for r in store.records.values()} == {"ArticleStub"}
    assert store.records["r1"].article.paragraphs == ["The body of Record 1."]
    store.materialise()  # what a whole build reads: the same records, from the catalog
    fresh = RecordStore.load(root / "articles", root, BuildReport())
    for slug, loaded in store.records.items():
        assert loaded.article == fresh.records[slug].article


def test_records_that_set_the_same_keys_share_one_set_of_them(tmp_path: Path) -> None:
    """A catalog made from the record files (the first build after an upgrade) holds
    each record's keys; every generated record sets the same ones, and a set of them
    per story was 1.8 KiB a story, a sixth of what an edit build of a big archive held."""
    root = _built(_seeds_and_a_hand_record(tmp_path / "site", "hand", "By hand"))
    fresh = RecordStore.load(root / "articles", root, BuildReport())
    catalog = Catalog(tmp_path / "catalog.sqlite")  # a new one: every file is read
    RecordStore.load(root / "articles", root, BuildReport(), catalog, lazy=True)
    cached = RecordStore.load(root / "articles", root, BuildReport(), catalog, lazy=True)
    assert all(type(r.article).__name__ == "ArticleStub" for r in cached.records.values())
    for slug, loaded in cached.records.items():
        assert loaded.present == fresh.records[slug].present
    generated = [r.present for r in cached.records.values() if r.generated]
    assert len(generated) == 3 and all(keys is generated[0] for keys in generated)
    assert {"title", "people", "summary"} <= generated[0]
    assert cached.records["hand"].present == {"title", "date"}


def test_stored_quotes_keep_their_speaker_and_read_their_words_when_shown(
    tmp_path: Path,
) -> None:
    """A whole build holds every story; the words of their quotes stay in the catalog
    (a fifth of what a story holds) until a page shows them, and are then the record's."""
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "s0.txt").write_text(
        "Harbour story\n\nPublished: 1 May 2024\n\n"
        '"The harbour is open again," said Maria Lopes, the port director.\n\n'
        '"Ships are already queueing," she added.\n'
    )
    _built(root)
    fresh = RecordStore.load(root / "articles", root, BuildReport())
    (slug,) = fresh.records
    quotes = fresh.records[slug].article.quotes
    assert [type(q).__name__ for q in quotes] == ["Quote", "Quote"]
    catalog = Catalog(root / ".newsgen" / "catalog.sqlite")
    store = RecordStore.load(root / "articles", root, BuildReport(), catalog, lazy=True)
    store.materialise()
    lazy = store.records[slug].article.quotes
    assert [type(q).__name__ for q in lazy] == ["LazyQuote", "LazyQuote"]
    texts = lazy[0]._texts  # type: ignore[attr-defined]
    assert [q.speaker for q in lazy] == [q.speaker for q in quotes] and texts.texts is None
    assert lazy == quotes and texts.texts == [q.text for q in quotes]
    assert pickle.loads(pickle.dumps(lazy[1])) == quotes[1]
    assert type(pickle.loads(pickle.dumps(lazy[1]))).__name__ == "Quote"


def test_a_whole_build_holds_of_each_story_what_the_model_reads(tmp_path: Path) -> None:
    """A whole build's parent keeps what the site model reads of each stored story, not
    the story: everything the model and the page plan read is there without a read, and
    the rest, read when asked, is the record's. A record analysed at each load (no
    analysis in it) stays whole."""
    from newsgen.incremental.snapshot import shape
    from newsgen.records.stub import ArticleStub, page_template

    root = _built(_seeds_and_a_hand_record(tmp_path / "site", "note", "A note by hand"))
    fresh = RecordStore.load(root / "articles", root, BuildReport())
    catalog = Catalog(root / ".newsgen" / "catalog.sqlite")
    store = RecordStore.load(root / "articles", root, BuildReport(), catalog, lazy=True)
    store.model_stubs()
    assert type(store.records.pop("note").article).__name__ == "Article"
    assert len(store.records) == 3
    for slug, loaded in store.records.items():
        a, whole = loaded.article, fresh.records[slug].article
        assert type(a) is ArticleStub and a.filled
        assert (shape(a), a.summary, page_template(a)) == (shape(whole), whole.summary, None)  # type: ignore[arg-type]
        assert not a.loaded  # none of that read the record
        assert (a.paragraphs, a.sources) == (whole.paragraphs, whole.sources)
        assert a.loaded
    catalog.close()


def test_a_stub_keeps_only_the_stories_read_lately(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stub read in full keeps its story among the last few read, not for ever: a whole
    build reads every story once for the search index."""
    from newsgen.article import Article
    from newsgen.records import stub as stub_module
    from newsgen.records.stub import ArticleStub, head_of

    monkeypatch.setattr(stub_module, "RECENT", 2)
    monkeypatch.setattr(stub_module, "_recent", {})
    reads: list[str] = []

    def load(a: Article) -> Article:
        reads.append(a.slug)
        return a

    stories = [Article(f"s{n}", f"Story {n}", [f"Text {n}."]) for n in range(3)]
    stubs = [ArticleStub(head_of(a), lambda a=a: load(a)) for a in stories]
    assert [s.body for s in stubs] == ["Text 0.", "Text 1.", "Text 2."]
    assert [s.loaded for s in stubs] == [False, True, True]
    assert stubs[1].title == "Story 1" and stubs[0].title == "Story 0"
    assert reads == ["s0", "s1", "s2", "s0"]  # s1 was still kept; s0 was read again
    assert [s.loaded for s in stubs] == [True, True, False]
