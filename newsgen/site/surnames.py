"""A lone surname read against the archive: which person's page a story's "Howard" is
listed on (see docs/DECISIONS.md, "a lone surname resolved against the archive")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from newsgen.article import Article

SPORT_QCODE = "medtop:15000000"


def is_sports(a: Article) -> bool:
    """Whether the story is filed under sport."""
    return any(t.qcode == SPORT_QCODE or t.slug == "sport" for t in a.all_sections)


# A lone surname goes to the person of that surname with the most stories when they hold
# at least this share of the stories of everyone of that surname the archive names in
# full: "Howard" is John Howard in an archive of Australian politics, and stays "Howard"
# where Michael Howard and John Howard share the stories (see docs/DECISIONS.md).
SURNAME_SHARE = 0.8


def surname_aliases(
    votes: Mapping[str, Mapping[str, int]], kinds: Mapping[str, str]
) -> dict[str, str]:
    """Lone surname slug -> the slug of the one person of that surname the archive knows
    well: people named in full whose slug ends with the surname's, by their stories."""
    lone = {s for s, k in kinds.items() if k == "person" and "-" not in s}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for slug, kind in kinds.items():
        if kind == "person" and "-" in slug:
            last = slug.rsplit("-", 1)[1]
            if last in lone:
                by_surname[last].append((sum(votes[slug].values()), slug))
    out = {}
    for last, people in by_surname.items():
        people.sort(key=lambda p: (-p[0], p[1]))
        best, total = people[0][0], sum(n for n, _ in people)
        if best >= SURNAME_SHARE * total and (len(people) == 1 or best > people[1][0]):
            out[last] = people[0][1]
    return out
