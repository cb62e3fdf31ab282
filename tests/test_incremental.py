"""Incremental builds are byte-identical to clean builds of the same inputs.

A Hypothesis state machine applies random edits (add, change and delete seeds,
hand-edit and hand-write records, change a template, change the config) and
after each one compares an incremental build with a clean build of a copy; a
second one makes the same edits and rebuilds them as `newsgen serve` does.
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
        for _ in range(3):
            self.add_seed()

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _seeds(self) -> list[Path]:
        return sorted((self.site / "seeds").glob("*.txt"))

    def _records(self) -> list[Path]:
        return sorted((self.site / "articles").glob("*.md"))

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

    @rule(per_page=st.integers(1, 3))
    def change_config(self, per_page: int) -> None:
        (self.site / "newsgen.yaml").write_text(f"title: Edits {per_page}\nper_page: {per_page}\n")

    @invariant()
    def incremental_equals_clean(self) -> None:
        if not hasattr(self, "site"):
            return
        result = self.runner.invoke(cli, ["build", "--root", str(self.site), "--jobs", "1", "-q"])
        assert result.exit_code == 0, result.output
        self.compare_with_clean()

    def compare_with_clean(self) -> None:
        clean = self.tmp / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(self.site, clean, ignore=shutil.ignore_patterns("_site", ".newsgen"))
        result = self.runner.invoke(
            cli, ["build", "--root", str(clean), "--no-cache", "--jobs", "1", "-q"]
        )
        assert result.exit_code == 0, result.output
        assert _tree(self.site / "articles") == _tree(clean / "articles")
        assert _tree(self.site / "_site") == _tree(clean / "_site")


Edits.TestCase.settings = settings(
    max_examples=6, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
)
TestIncrementalBuilds = Edits.TestCase


def _stats(site: Path) -> dict[str, tuple[int, int]]:
    """Every input file (absolute path) -> (size, mtime): what a watcher sees change."""
    found = {}
    for top in ("seeds", "articles", "templates", "newsgen.yaml"):
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
        assert not report.errors, report.errors
        # A watcher reports the build's own writes too, even a file an edit then deletes.
        self.written = _differ(self.before, _stats(self.site))
        self.compare_with_clean()


SessionEdits.TestCase.settings = settings(
    max_examples=4, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
)
TestServeRebuilds = SessionEdits.TestCase
