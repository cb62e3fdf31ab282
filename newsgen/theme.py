"""Where the default theme lives: inside the installed package, or in this repo.

A wheel carries the theme as `newsgen/theme/{templates,static}` (see
pyproject's force-include); a source checkout uses the top-level
`templates/` and `static/` directly, so there is one copy to edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def theme_dir(kind: str) -> Path:
    """`kind` is "templates" or "static"."""
    packaged = _PACKAGE / "theme" / kind
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / kind
