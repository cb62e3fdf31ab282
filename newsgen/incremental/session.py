"""What a long-lived process (`newsgen serve`) keeps from one build to the next.

The records, the two trees' manifests and the model snapshot, so a rebuild after one
edit reads none of them again; and the input stats, so a rebuild told what changed
looks at nothing else. Trusted only while the catalog is as this session's last build
left it (its generation): a build by another process in between, or a failed one, and
the next build starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgen.incremental.catalog import Catalog
from newsgen.incremental.inputs import InputStats
from newsgen.paths import SitePaths
from newsgen.report import BuildReport

if TYPE_CHECKING:
    from newsgen.incremental.snapshot import Snapshot
    from newsgen.records.store import RecordStore


@dataclass
class BuildSession:
    """What one build of a session hands the next (see the module docstring)."""

    generation: str | None = None
    store: RecordStore | None = None
    manifests: tuple[dict[str, str], dict[str, str] | None] | None = None
    snapshot: Snapshot | None = None
    inputs: InputStats | None = None
    clean: bool = False
    """The last build reported no errors: a build told what changed may then look at
    nothing else (an error in a file it does not look at would go unreported)."""

    def take(self, catalog: Catalog) -> BuildSession:
        """What this session holds if the catalog is as its last build left it (else an
        empty session); the session itself holds nothing until the build is done."""
        current = catalog.get_meta("generation")
        kept = BuildSession()
        if self.generation is not None and current == self.generation:
            kept = BuildSession(
                self.generation, self.store, self.manifests, self.snapshot, self.inputs, self.clean
            )
        self.keep(BuildSession())
        return kept

    def keep(self, other: BuildSession) -> None:
        self.generation, self.store = other.generation, other.store
        self.manifests, self.snapshot = other.manifests, other.snapshot
        self.inputs, self.clean = other.inputs, other.clean
        if other.inputs is not None:
            other.inputs.listing.compact()  # held until the next build: a third of the memory

    def keep_skipped(
        self, kept: BuildSession, paths: SitePaths, catalog: Catalog, inputs: InputStats
    ) -> None:
        """After a build that found nothing changed: neither did what the session kept.
        A session with nothing kept (its first build) is primed from the catalog."""
        if kept.generation is None:
            kept = prime(paths, catalog, inputs)
        kept.inputs = inputs if kept.generation is not None else None
        self.keep(kept)


def prime(paths: SitePaths, catalog: Catalog, inputs: InputStats) -> BuildSession:
    """What a session would have kept from the build that made this site: a long-lived
    process whose first build had nothing to do (serve, started on a built site) then
    makes its first rebuild as quickly as every later one."""
    from newsgen.incremental.snapshot import Snapshot
    from newsgen.output.standby import published_manifests
    from newsgen.records.store import RecordStore

    changes = catalog.db.total_changes
    store = RecordStore.load(
        paths.articles_dir, paths.root, BuildReport(), catalog, lazy=True, listing=inputs.listing
    )
    known = Snapshot.load(catalog, inputs.render_inputs)
    manifests = published_manifests(catalog, paths.output_dir)
    if catalog.db.total_changes != changes:  # loading changed the catalog: do not vouch
        return BuildSession()
    # A site whose inputs are as its last clean build left them: clean.
    return BuildSession(catalog.get_meta("generation"), store, manifests, known, clean=True)
