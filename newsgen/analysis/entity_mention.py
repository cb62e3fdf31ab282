"""One occurrence of a candidate name in a story, and the names a story groups."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsgen.analysis import gazetteer as gz


@dataclass(slots=True)
class Mention:
    """One occurrence of a candidate name in the story."""

    order: int
    text: str
    tokens: list[str]
    label: str
    margin: float
    team: bool = False
    # After a title or a post ("President Suharto", "Mr Prescott"): a person, even alone.
    titled: bool = False
    # In an ALL-CAPS line, the form the body writes the name in ("FED": "Fed"), which
    # names the entity; `text` stays what the line says.
    named: str = ""
    # A title after a work's noun ("the film Million Dollar Baby"): no name of ours.
    work: bool = False


@dataclass(slots=True)
class Group:
    name: str
    kind: str
    order: int
    forms: list[str] = field(default_factory=list)
    country: str | None = None
    count: int = 0
    uses: Counter[str] = field(default_factory=Counter)
    # What the page's slug is made of where it is not `name` (see `person_page_name`).
    page: str = ""

    def add(self, form: str) -> None:
        self.count += 1
        self.uses[form] += 1
        if form not in self.forms:
            self.forms.append(form)

    def shown(self) -> str:
        """The canonical name if the story uses it, else the story's own commonest form
        (a person's fullest):
        a story that only says "U.S." is not credited with "United States" (the slug
        stays the canonical one, so the archive still has one page). A name that ends in
        "'s" is used by a form without it: tokens part the two, so "Moody's" in the text is
        the form "Moody"."""
        name = gz.key(self.name)
        own = name.removesuffix("'s")  # a key folds ’ to '
        if any(gz.key(f) in (name, own) for f in self.forms):
            return self.name
        if self.kind == "person":
            # The fullest name the story gives: "George Bush", not the "Bush" it repeats.
            return max(self.forms, key=lambda f: (f.count(" "), self.uses[f], -self.forms.index(f)))
        return max(self.forms, key=lambda f: (self.uses[f], -self.forms.index(f)))
