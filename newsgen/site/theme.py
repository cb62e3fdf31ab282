"""Where the default theme lives: inside the installed package, or in this repo.

A wheel carries the theme as `newsgen/theme/{templates,static}` (see
pyproject's force-include); a source checkout uses the top-level
`templates/` and `static/` directly, so there is one copy to edit.
"""

from __future__ import annotations

from pathlib import Path

from newsgen import PACKAGE_DIR


def theme_dir(kind: str) -> Path:
    """`kind` is "templates" or "static"."""
    packaged = PACKAGE_DIR / "theme" / kind
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / kind
