"""Where things live in a site folder, and the one containment check for writes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsgen.errors import OutputError, UsageError


@dataclass(frozen=True, slots=True)
class SitePaths:
    """The folders of one site. `*_dir` are OS paths."""

    root: Path
    output_dir: Path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def state_dir(self) -> Path:
        return self.root / ".newsgen"

    @classmethod
    def for_site(cls, root: Path, output: str | Path) -> SitePaths:
        root = root.resolve()
        if not root.is_dir():
            raise UsageError(f"site folder {root} does not exist", hint="pass --root DIR")
        out = Path(output)
        out = (out if out.is_absolute() else root / out).resolve()
        paths = cls(root=root, output_dir=out)
        paths.check_output()
        return paths

    def check_output(self) -> None:
        """Refuse an output folder that would swallow the site's own inputs."""
        out = self.output_dir
        if out.exists() and not out.is_dir():
            raise OutputError(
                f"output path {out} is a file, not a folder",
                hint="remove it or choose --output DIR",
            )
        if out == self.root or out in self.root.parents:
            raise OutputError(
                f"output folder {out} is the site root or contains it",
                hint="choose a folder inside the site, such as _site",
            )
        for inputs in (self.seeds_dir, self.articles_dir, self.templates_dir, self.static_dir):
            if out == inputs or _inside(out, inputs) or _inside(inputs, out):
                raise OutputError(
                    f"output folder {out} overlaps {inputs.name}/",
                    hint="choose a separate folder such as _site",
                )


def _inside(child: Path, parent: Path) -> bool:
    return child != parent and parent in child.parents


def safe_join(base: Path, relative: str) -> Path:
    """`base/relative`, refusing anything that would land outside `base`."""
    if not relative or relative.startswith(("/", "\\")) or "\x00" in relative:
        raise OutputError(f"refusing to write outside the output folder: {relative!r}")
    target = Path(os.path.normpath(base / relative))
    if os.path.commonpath([base, target]) != str(base):
        raise OutputError(f"refusing to write outside the output folder: {relative!r}")
    return target
