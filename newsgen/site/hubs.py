"""Index pages of one kind of term (People, Places, ...): the most covered, then A–Z.

A hub that listed every term would grow with the archive: tens of thousands of people
at 100,000 stories. So a hub page lists the `HUB_TOP` terms with the most stories and,
when there are more, links to an A–Z index: one folder a letter (`people/a-z/k/`),
alphabetical, in pages of `LETTER_PAGE` names. Every hub page then stays small (well
under 200 KB) whatever the archive's size, and every term is two clicks from its hub.
A letter folder cannot meet a term's own pages: a term's folder holds `index.html`,
`page/` and its feeds, never a folder named by one letter.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from newsgen.site.model import SiteModel, Term
from newsgen.site.page import KIND_LABELS, Page, Pagination, page_count
from newsgen.site.urls import KIND_FOLDERS, hub_uri, paged

HUB_TOP = 120
LETTER_PAGE = 400
_DIGITS = "0-9"


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter of a hub's A–Z index."""

    label: str
    uri: str
    count: int


def letter_key(term: Term) -> str:
    """The A–Z folder a term is filed under: its slug's first letter (slugs are folded
    to ASCII, so "Élysée" is under E), or 0-9."""
    first = term.slug[:1]
    return first if "a" <= first <= "z" else _DIGITS


def letter_uri(kind: str, key: str) -> str:
    return f"{KIND_FOLDERS[kind]}/a-z/{key}/index.html"


def _by_letter(terms: list[Term]) -> dict[str, list[Term]]:
    """A big hub's terms by A–Z folder, in index order (0-9 last); none for a small hub."""
    groups: dict[str, list[Term]] = {}
    if len(terms) > HUB_TOP:
        for term in terms:
            groups.setdefault(letter_key(term), []).append(term)
    return {k: groups[k] for k in sorted(groups, key=lambda k: (k == _DIGITS, k))}


def hub_uris(model: SiteModel, kind: str) -> list[str]:
    """Every page of the hub of `kind`: what a change to its terms' names or sizes reaches."""
    uris = [hub_uri(kind)]
    for key, group in _by_letter(model.terms_of(kind)).items():
        first = letter_uri(kind, key)
        uris += [paged(first, n) for n in range(1, page_count(len(group), LETTER_PAGE) + 1)]
    return uris


def hub_pages(model: SiteModel, kind: str, wanted: Container[str], outline: bool) -> Iterator[Page]:
    """The hub of `kind` and, past `HUB_TOP` terms, its A–Z pages (see `plan_pages`)."""
    terms = model.terms_of(kind)
    title = KIND_LABELS[kind][1]
    groups = _by_letter(terms)
    letters = [Letter(k.upper(), letter_uri(kind, k), len(g)) for k, g in groups.items()]
    uri = hub_uri(kind)
    if uri in wanted:
        context = {
            "title": title,
            "kind": kind,
            "terms": terms[:HUB_TOP],
            "total": len(terms),
            "letters": letters,
        }
        yield Page(uri=uri, template="hub.html", context=context)
    elif outline:
        yield Page(uri, "")
    for group, letter in zip(groups.values(), letters, strict=True):
        names = sorted(group, key=lambda t: (t.name.lower(), t.slug))
        yield from _letter_pages(kind, title, letter, letters, names, wanted, outline)


def _letter_pages(
    kind: str,
    title: str,
    letter: Letter,
    letters: list[Letter],
    names: list[Term],
    wanted: Container[str],
    outline: bool,
) -> Iterator[Page]:
    pages = page_count(len(names), LETTER_PAGE)
    for n in range(1, pages + 1):
        uri = paged(letter.uri, n)
        if uri not in wanted:
            if outline:
                yield Page(uri, "")
            continue
        heading = f"{title}: {letter.label}"
        yield Page(
            uri=uri,
            template="hub_letter.html",
            context={
                "title": heading if n == 1 else f"{heading} (page {n})",
                "heading": heading,
                "kind": kind,
                "letter": letter,
                "letters": letters,
                "terms": names[(n - 1) * LETTER_PAGE : n * LETTER_PAGE],
                "hub_uri": hub_uri(kind),
                "pagination": Pagination.of(letter.uri, n, pages),
            },
        )
