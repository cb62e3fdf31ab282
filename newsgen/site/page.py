"""What the page plan is made of: a `Page`, its pagination, and the names pages use."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from newsgen.site.urls import paged

KIND_LABELS = {
    "section": ("Section", "Sections"),
    "topic": ("Topic", "Topics"),
    "person": ("Person", "People"),
    "place": ("Place", "Places"),
    "organization": ("Organisation", "Organisations"),
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(slots=True)
class Page:
    """One HTML page to render: where it goes, with which template and context."""

    uri: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # Articles whose change should re-render this page (for incremental builds).
    shows: tuple[str, ...] = ()

    @property
    def is_outline(self) -> bool:
        """Only where the page goes and what it shows (see `plan_pages`)."""
        return not self.template


@dataclass(frozen=True, slots=True)
class Pagination:
    page: int
    pages: int
    prev_uri: str | None
    next_uri: str | None
    first_uri: str

    @classmethod
    def of(cls, first_uri: str, page: int, pages: int) -> Pagination:
        return cls(
            page=page,
            pages=pages,
            prev_uri=paged(first_uri, page - 1) if page > 1 else None,
            next_uri=paged(first_uri, page + 1) if page < pages else None,
            first_uri=first_uri,
        )


def page_count(items: int, per_page: int) -> int:
    """How many pages a listing of `items` has (an empty one still has one)."""
    return max(1, math.ceil(items / per_page))
