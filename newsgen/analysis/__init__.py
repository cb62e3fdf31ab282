"""Text analysis: sections, topics, people, places, organisations and keywords.

`analyse` (in `pipeline`) is the one place that knows the order. This package's own
module imports none of it: a build with `analysis: false`, or one that only reads the
stop words (`records.search_terms`), does not load the tagger's code (74 ms).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgen.article import Article
    from newsgen.config import TopicRule


def analyse(
    article: Article, rules: Sequence[TopicRule] = (), *, keep: Collection[str] = ()
) -> None:
    """Fill in the analysis fields of `article` in place (see `pipeline.analyse`)."""
    from newsgen.analysis import pipeline

    pipeline.analyse(article, rules, keep=keep)


def warm_up() -> None:
    """Load every model and table now (see `pipeline.warm_up`)."""
    from newsgen.analysis import pipeline

    pipeline.warm_up()
