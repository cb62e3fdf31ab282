"""`newsgen init DIR`: a new site folder that builds straight away."""

from __future__ import annotations

from pathlib import Path

from newsgen.errors import UsageError

CONFIG = """\
# newsgen site configuration; every key is optional (see the README).
title: {title}
description: An archive of news stories.
base_url: https://example.org/
language: en
per_page: 20
# Your own topics, applied alongside the built-in IPTC Media Topics:
# topics:
#   - name: Climate
#     keywords: [climate change, global warming, emissions]
"""

EXAMPLE_SEED = """\
Town council approves new riverside park after two-year debate

The town council voted on Tuesday to approve a new riverside park, ending a two-year debate over the future of the old dockyard site.

"This is a place for everyone," said Mayor Ana Lopez after the vote.

Work is expected to begin in the spring.
"""


def init_site(target: Path) -> list[Path]:
    """Create the folders and a starter config; refuse to touch a non-empty folder."""
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty", hint="choose a new folder, or an empty one")
    made = []
    for sub in ("seeds", "articles", "templates", "static"):
        (target / sub).mkdir(parents=True, exist_ok=True)
        made.append(target / sub)
    (target / "newsgen.yaml").write_text(
        CONFIG.format(title=target.resolve().name or "News"), encoding="utf-8"
    )
    (target / "seeds" / "example.txt").write_text(EXAMPLE_SEED, encoding="utf-8")
    (target / ".gitignore").write_text("_site/\n._site.*/\n.newsgen/\n", encoding="utf-8")
    made += [target / "newsgen.yaml", target / "seeds" / "example.txt"]
    return made
