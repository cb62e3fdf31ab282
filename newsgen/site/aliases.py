"""Names the archive ties to another entity's page: a lone surname to the one person of
it the archive names in full, "The Times" and "Times" to one page, "Labor" to "Labor
Party" (see docs/DECISIONS.md, "resolved against the archive")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

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
# "Labor" goes to "Labor Party" when the party's full name gives at least this share of
# the bare name's stories, and two stories or more: "Senate Party" in one story of 258
# that name the Senate is a tagger's slip, not the Senate's full name.
PARTY_SHARE = 0.2

Votes = Mapping[str, Mapping[str, int]]


def entity_aliases(votes: Votes, kinds: Mapping[str, str]) -> dict[str, str]:
    """Entity slug -> the slug of the page the archive lists it on: `surname_aliases`
    and `body_aliases`, each followed to its end ("the-green" -> "green" -> "green-party")."""
    out = {**surname_aliases(votes, kinds), **body_aliases(votes, kinds)}
    for slug in out:
        seen = {slug}
        while out[slug] in out and out[out[slug]] not in seen:
            seen.add(out[slug])
            out[slug] = out[out[slug]]
    return {slug: target for slug, target in out.items() if target != slug}


def _stories(votes: Votes, slug: str) -> int:
    return sum(votes[slug].values())


def surname_aliases(votes: Votes, kinds: Mapping[str, str]) -> dict[str, str]:
    """Lone surname slug -> the slug of the one person of that surname the archive knows
    well: people named in full whose slug ends with the surname's, by their stories."""
    lone = {s for s, k in kinds.items() if k == "person" and "-" not in s}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for slug, kind in kinds.items():
        if kind == "person" and "-" in slug:
            last = slug.rsplit("-", 1)[1]
            if last in lone:
                by_surname[last].append((_stories(votes, slug), slug))
    out = {}
    for last, people in by_surname.items():
        people.sort(key=lambda p: (-p[0], p[1]))
        best, total = people[0][0], sum(n for n, _ in people)
        if best >= SURNAME_SHARE * total and (len(people) == 1 or best > people[1][0]):
            out[last] = people[0][1]
    return out


def body_aliases(votes: Votes, kinds: Mapping[str, str]) -> dict[str, str]:
    """Organisations' slugs -> the page of the same body under its other name: "The X"
    and "X" on the page of the one with more stories (ties to "X"), and "X" on "X
    Party"'s where the party's name is common enough (`PARTY_SHARE`)."""
    bodies = {s for s, k in kinds.items() if k == "organization"}
    out = {}
    for slug in bodies:
        bare = slug.removeprefix("the-")
        if bare != slug and bare in bodies:
            if _stories(votes, slug) > _stories(votes, bare):
                out[bare] = slug
            else:
                out[slug] = bare
    for slug in bodies:
        party = slug + "-party"
        if party in bodies:
            n = _stories(votes, party)
            if n >= 2 and n >= PARTY_SHARE * _stories(votes, slug):
                out[slug] = party
    return out


def may_move(slugs: Iterable[str], votes: Votes, aliases: Mapping[str, str]) -> bool:
    """Whether a change to the stories of `slugs` may change `entity_aliases`: one of
    them is a lone word, "The ..." or "... Party", or another name of one is counted."""
    for s in slugs:
        if s in aliases or "-" not in s or s.startswith("the-") or s.endswith("-party"):
            return True
        if s.rsplit("-", 1)[1] in votes or f"the-{s}" in votes or f"{s}-party" in votes:
            return True
    return False
