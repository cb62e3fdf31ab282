"""The record store: every record in articles/, read once per command.

It answers "which record came from this seed?" and "is this slug taken?", and
it is the only code that writes records, so the never-overwrite-an-edit rule
lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsgen.article import Article
from newsgen.errors import RecordError
from newsgen.records import TEMP_PREFIX, LoadedRecord, dumps, read_record, write_record
from newsgen.report import BuildReport


@dataclass
class RecordStore:
    """Records by slug; malformed ones are reported and left untouched on disk."""

    articles_dir: Path
    root: Path
    records: dict[str, LoadedRecord] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, articles_dir: Path, root: Path, report: BuildReport) -> RecordStore:
        store = cls(articles_dir=articles_dir, root=root)
        if not articles_dir.is_dir():
            return store
        for stale in articles_dir.glob(f"{TEMP_PREFIX}*.tmp"):
            stale.unlink(missing_ok=True)  # left by a build that was killed mid-write
        for path in sorted(articles_dir.glob("*.md")):
            if path.name.startswith("."):
                continue
            if path.is_symlink():
                report.error(
                    RecordError("is a symbolic link and was not read", path=_rel(path, root))
                )
                store.broken.add(path.stem)
                continue
            try:
                loaded = read_record(path, root=root)
            except RecordError as exc:
                report.error(exc)
                store.broken.add(path.stem)
                continue
            store.add(loaded)
        return store

    def add(self, loaded: LoadedRecord) -> None:
        slug = loaded.article.slug
        self.records[slug] = loaded
        if loaded.article.source_file:
            self.by_source.setdefault(loaded.article.source_file, slug)

    @property
    def taken(self) -> set[str]:
        return set(self.records) | self.broken

    def save(self, article: Article) -> None:
        """Write a generated record; callers have checked it is not a human's."""
        path = self.articles_dir / f"{article.slug}.md"
        text = dumps(article)
        write_record(path, text)
        self.add(
            LoadedRecord(
                article=article,
                path=path,
                present=frozenset(),
                generated=True,
                hand_edited=False,
                has_hash=True,
            )
        )

    def articles(self) -> list[Article]:
        return [self.records[slug].article for slug in sorted(self.records)]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
