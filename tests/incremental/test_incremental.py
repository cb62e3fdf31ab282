"""Incremental builds are byte-identical to clean builds of the same inputs.

A Hypothesis state machine applies random edits (add, change and delete seeds,
hand-edit, hand-write and delete records, change a template, a static file or the
config, break a seed or a record and mend it, delete the catalog or a published
page) and after each one compares an incremental build, its files and its exit
status, with a clean build of a copy; a second one makes the same edits and
rebuilds them as `newsgen serve` does.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from newsgen.build import BuildOptions, BuildSession, build
from newsgen.cli import cli
from newsgen.config import load_config
from newsgen.paths import SitePaths
from newsgen.report import BuildReport

PLACES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi"]
NEWCOMERS = ["Joana Ferreira", "Tomas Lindqvist", "Amara Okafor"]
# Hand edits that move a story in the site model (see retag.py): (pattern, replacement).
RETAGS = [
    (r"- name: Ana Costa\n  slug: ana-costa", "- name: Joana Ferreira\n  slug: joana-ferreira"),
    (r"section:\n  name: \w+\n  slug: \w+", "section:\n  name: sport\n  slug: sport"),
    (r"speaker: Ana Costa", "speaker: Tomas Lindqvist"),
    (r"places:\n- name: \w+\n  slug: \w+", "places:\n- name: Oslo\n  slug: oslo"),
    (r"topics:\n", "topics:\n- name: weather\n  slug: weather\n"),
]
TOPICS = ["election results", "football match", "stock market", "hospital funding", "flood warning"]


def _seed(n: int, variant: int) -> str:
    place, topic = PLACES[n % 5], TOPICS[(n + variant) % 5]
    return (
        f"{place} story {n}: {topic} update {variant}\n\n"
        f"Published: {1 + n % 27} May 2024\n\n"
        f"Officials in {place} said the {topic} dominated the week, according to Reuters.\n\n"
        f'"It matters to everyone," said Ana Costa, a spokeswoman, in {place}.\n'
    )


def seed_site(root: Path, n: int, *, varied: bool = True) -> Path:
    """A site folder with `n` seeds (`varied`: three headline variants, else one)."""
    (root / "seeds").mkdir(parents=True)
    for i in range(n):
        (root / "seeds" / f"s{i:03d}.txt").write_text(_seed(i, i % 3 if varied else 0))
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class Edits(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="newsgen-inc-"))
        self.site = self.tmp / "site"
        (self.site / "seeds").mkdir(parents=True)
        (self.site / "templates").mkdir()
        self.runner = CliRunner()
        self.next_id = 0
        # Files an edit broke, with the text that mends them: a build builds everything
        # else, reports a broken record every time, and still equals a clean build.
        self.broken: dict[Path, str] = {}
        for _ in range(3):
            self.add_seed()

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _seeds(self) -> list[Path]:
        """Seeds to edit: a broken one is left alone until `mend`."""
        return [p for p in sorted((self.site / "seeds").glob("*.txt")) if p not in self.broken]

    def _records(self) -> list[Path]:
        return [p for p in sorted((self.site / "articles").glob("*.md")) if p not in self.broken]

    @rule()
    def add_seed(self) -> None:
        (self.site / "seeds" / f"s{self.next_id:03d}.txt").write_text(_seed(self.next_id, 0))
        self.next_id += 1

    @rule(i=st.integers(0, 50), variant=st.integers(1, 4))
    def change_seed(self, i: int, variant: int) -> None:
        seeds = self._seeds()
        if seeds:
            path = seeds[i % len(seeds)]
            path.write_text(_seed(int(path.stem[1:]), variant))

    @rule(i=st.integers(0, 50))
    def add_paragraph(self, i: int) -> None:
        """An edit that keeps the story in place: the small path (see snapshot.py)."""
        seeds = self._seeds()
        if seeds:
            path = seeds[i % len(seeds)]
            path.write_text(path.read_text() + f"\nA later paragraph, the {i}th of the day.\n")

    @rule(i=st.integers(0, 50), who=st.integers(0, len(NEWCOMERS) - 1))
    def name_someone(self, i: int, who: int) -> None:
        """An edit that moves a story in the model: new person, speaker, place."""
        seeds = self._seeds()
        if seeds:
            path = seeds[i % len(seeds)]
            name, place = NEWCOMERS[who], PLACES[who]
            path.write_text(
                path.read_text() + f'\n"We will see," said {name}, the mayor, in {place}.\n'
            )

    @rule(i=st.integers(0, 50), which=st.integers(0, len(RETAGS) - 1))
    def retag_record(self, i: int, which: int) -> None:
        records = self._records()
        if records:
            path = records[i % len(records)]
            pattern, replacement = RETAGS[which]
            path.write_text(re.sub(pattern, replacement, path.read_text(), count=1))

    @rule(i=st.integers(0, 50))
    def touch_record(self, i: int) -> None:
        """Same bytes, new mtime: read again, nothing to show for it."""
        records = self._records()
        if records:
            path = records[i % len(records)]
            path.write_bytes(path.read_bytes())

    @rule(i=st.integers(0, 50))
    def delete_seed(self, i: int) -> None:
        seeds = self._seeds()
        if len(seeds) > 1:
            seeds[i % len(seeds)].unlink()

    @rule(i=st.integers(0, 50))
    def edit_record(self, i: int) -> None:
        records = self._records()
        if records:
            path = records[i % len(records)]
            path.write_text(
                path.read_text().replace("dominated", "shaped", 1) + "\nAn editor's note.\n"
            )

    @rule(i=st.integers(0, 50))
    def delete_record(self, i: int) -> None:
        """A record deleted by hand: its seed, if it has one, is ingested again."""
        records = self._records()
        if records:
            records[i % len(records)].unlink()

    @rule()
    def write_record(self) -> None:
        (self.site / "articles").mkdir(exist_ok=True)
        (self.site / "articles" / f"hand-{self.next_id}.md").write_text(
            f"---\ntitle: Hand-written note {self.next_id}\ndate: 2024-06-0{1 + self.next_id % 9}\n---\n\n"
            "The archive editor in Oslo wrote this note by hand.\n"
        )
        self.next_id += 1

    @rule(flag=st.booleans())
    def change_template(self, flag: bool) -> None:
        path = self.site / "templates" / "404.html"
        if flag:
            path.write_text(
                "{% extends 'theme/404.html' %}{% block main %}<h1>Lost {{ site.title }}</h1>{% endblock %}"
            )
        else:
            path.unlink(missing_ok=True)

    @rule(flag=st.booleans())
    def list_term_stories(self, flag: bool) -> None:
        """A hub that shows each term's latest story depends on every story."""
        path = self.site / "templates" / "hub.html"
        if flag:
            path.write_text(
                "{% extends 'theme/hub.html' %}{% block main %}{{ super() }}"
                "{% for t in terms %}{{ t.articles[0].title }}{% endfor %}{% endblock %}"
            )
        else:
            path.unlink(missing_ok=True)

    @rule(
        name=st.sampled_from(["style.css", "extra.css", "pics/logo.svg"]), variant=st.integers(0, 2)
    )
    def change_static(self, name: str, variant: int) -> None:
        """A site's own static file: one overrides the theme's (fingerprinted, so every
        page's link to it changes), the others are new; variant 0 deletes it."""
        path = self.site / "static" / name
        if variant:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"/* {name} {variant} */ body {{ margin: {variant}px; }}\n")
        else:
            path.unlink(missing_ok=True)

    @rule(i=st.integers(0, 50), how=st.sampled_from(["yaml", "slug", "fence"]))
    def break_record(self, i: int, how: str) -> None:
        """A hand edit that breaks a record: its story leaves the site until it is mended."""
        records = self._records()
        if records:
            path = records[i % len(records)]
            text = path.read_text()
            broken = {
                "yaml": text.replace("\ntitle: ", "\ntitle: [unclosed ", 1),
                "slug": re.sub(r"\nslug: .*", "\nslug: ../escape", text, count=1),
                "fence": text.replace("---\n", "", 1),
            }[how]
            if broken != text:
                self.broken[path] = text
                path.write_text(broken)

    @rule(i=st.integers(0, 50), content=st.sampled_from([b"", b"\x00\x01\x02 binary"]))
    def break_seed(self, i: int, content: bytes) -> None:
        """A seed that cannot be read (empty, or not text): its record stays as it was."""
        seeds = self._seeds()
        if seeds:
            path = seeds[i % len(seeds)]
            self.broken[path] = path.read_text()
            path.write_bytes(content)

    @rule()
    def mend(self) -> None:
        for path, text in self.broken.items():
            if path.parent.exists():
                path.write_text(text)
        self.broken.clear()

    @rule()
    def ingest_first(self) -> None:
        """`newsgen ingest` on its own: the records change before the build does (and,
        in a session, behind its back)."""
        result = self.runner.invoke(cli, ["ingest", "--root", str(self.site), "--jobs", "1", "-q"])
        assert result.exit_code in (0, 1), result.output

    @rule(i=st.integers(0, 50), what=st.sampled_from(["catalog", "page"]))
    def lose_track(self, i: int, what: str) -> None:
        """The catalog deleted (as by a newsgen upgrade), or a page deleted from the
        published site by hand: the next build cannot vouch for the site it finds, and
        the site it replaces is then its standby tree (see `OutputWriter.commit`)."""
        if what == "catalog":
            for path in (self.site / ".newsgen").glob("catalog.sqlite*"):
                path.unlink()
            return
        pages = sorted((self.site / "_site" / "articles").glob("*/"))
        if pages:
            shutil.rmtree(pages[i % len(pages)])

    @rule(per_page=st.integers(1, 3))
    def change_config(self, per_page: int) -> None:
        (self.site / "newsgen.yaml").write_text(f"title: Edits {per_page}\nper_page: {per_page}\n")

    @invariant()
    def incremental_equals_clean(self) -> None:
        if not hasattr(self, "site"):
            return
        result = self.runner.invoke(cli, ["build", "--root", str(self.site), "--jobs", "1", "-q"])
        assert result.exit_code in (0, 1), result.output
        self.compare_with_clean(result.exit_code)

    def compare_with_clean(self, status: int) -> None:
        """The same files and the same exit status as a clean build; status 0 when
        nothing is broken. (A broken seed whose record was edited by hand is not even
        read, so a broken file need not fail the build.)"""
        self.broken = {p: t for p, t in self.broken.items() if p.exists()}
        clean = self.tmp / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(self.site, clean, ignore=shutil.ignore_patterns("_site", ".newsgen"))
        result = self.runner.invoke(
            cli, ["build", "--root", str(clean), "--no-cache", "--jobs", "1", "-q"]
        )
        assert result.exit_code == status, result.output
        assert status == 0 or self.broken, result.output
        if any(p.suffix == ".md" for p in self.broken):
            assert status == 1, "a broken record must fail every build until it is mended"
        assert _tree(self.site / "articles") == _tree(clean / "articles")
        assert _tree(self.site / "_site") == _tree(clean / "_site")


Edits.TestCase.settings = settings(
    max_examples=8, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
)
TestIncrementalBuilds = Edits.TestCase


def _stats(site: Path) -> dict[str, tuple[int, int]]:
    """Every input file (absolute path) -> (size, mtime): what a watcher sees change."""
    found = {}
    for top in ("seeds", "articles", "templates", "static", "newsgen.yaml"):
        base = site / top
        for p in [base, *base.rglob("*")] if base.exists() else []:
            if p.is_file():
                st = p.lstat()
                found[str(p)] = (st.st_size, st.st_mtime_ns)
    return found


def _differ(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


class SessionEdits(Edits):
    """The same edits, rebuilt as `newsgen serve` rebuilds them: in one session, each
    build told which files changed since the last one began (its own writes too, as a
    watcher reports them)."""

    @invariant()
    def incremental_equals_clean(self) -> None:
        if not hasattr(self, "site"):
            return
        if not hasattr(self, "session"):
            self.session, self.before, changed = BuildSession(), _stats(self.site), None
        else:
            now = _stats(self.site)
            changed = _differ(self.before, now) | self.written
            self.before = now
        report = BuildReport()
        paths = SitePaths.for_site(self.site, "_site")
        options = BuildOptions(jobs=1)
        build(paths, load_config(self.site), report, options, self.session, changed=changed)
        # A watcher reports the build's own writes too, even a file an edit then deletes.
        self.written = _differ(self.before, _stats(self.site))
        self.compare_with_clean(report.exit_code)


SessionEdits.TestCase.settings = settings(
    max_examples=5, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
)
TestServeRebuilds = SessionEdits.TestCase
