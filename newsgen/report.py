"""BuildReport: what happened to every input, and the summary at the end.

Stages record problems here instead of stopping; the CLI prints the summary
and turns it into the exit status (cf. MkDocs' CountHandler, Lektor's
FailureController).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from newsgen.errors import NewsgenError

try:  # Unix only; elsewhere peaks are not reported
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


@dataclass
class BuildReport:
    """Counts and per-file problems for one command run."""

    errors: list[NewsgenError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)  # MiB of peak RSS after each stage

    def error(self, exc: NewsgenError) -> None:
        self.errors.append(exc)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the time spent in the block to `stage`, and note the peak RSS after it."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start
            if resource is not None:
                self.peaks[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    @property
    def exit_code(self) -> int:
        return max((e.exit_code for e in self.errors), default=0)

    def summary_lines(self) -> list[str]:
        lines = []
        if self.counts:
            lines.append(", ".join(f"{n} {what}" for what, n in sorted(self.counts.items())))
        for w in self.warnings:
            lines.append(f"warning: {w}")
        if self.errors:
            lines.append(f"{len(self.errors)} input(s) had errors:")
            lines.extend(f"  error: {e}" for e in self.errors)
        return lines
