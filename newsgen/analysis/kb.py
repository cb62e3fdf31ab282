"""The knowledge base of well-known entities: canonical names, aliases, kinds, Wikidata ids.

Built by `tools/build_kb.py` from openly licensed lists (Party Facts, openfootball,
Wikidata world leaders, US Congress, PETRARCH2 Phoenix; see `data/NOTICE-entities.md`)
and our own `data/kb-own.tsv`. Places come from the gazetteer, which already gives each
its canonical name. The site calls `wikidata_id` at render time for an entity page's
JSON-LD `sameAs`; the analysis calls `lookup` to fold aliases into one entity.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from newsgen.analysis import gazetteer as gz
from newsgen.analysis.model_cache import cached

DATA = Path(__file__).parent / "data"
KB_PATH = DATA / "kb.json.gz"
OWN_PATH = DATA / "kb-own.tsv"
KINDS = ("person", "organization", "place")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One well-known entity: its canonical name, kind, Wikidata id and other names."""

    name: str
    kind: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    flags: str = ""


@dataclass(frozen=True, slots=True)
class _KB:
    """The shipped tables: entries as rows, and look-up keys (`gazetteer.key` of a name)
    precomputed by `tools/build_kb.py`, so loading is one `json.load`."""

    rows: list[list]
    keys: dict[str, int]
    surnames: dict[str, int]
    known: dict[str, str]
    given: frozenset[str]
    towns: frozenset[str]
    # An alias two bodies share: the sporting one's row, read in sports copy only.
    sport_keys: dict[str, int]
    # The surnames several people it knows share (`is_known_surname`).
    person_surnames: frozenset[str] = frozenset()

    def entry(self, i: int) -> KBEntry:
        name, kind, qid, aliases, flags = self.rows[i]
        return KBEntry(name, kind, qid, tuple(aliases), flags)


@functools.cache
def _load(path: Path = KB_PATH) -> _KB:
    """The knowledge base (see `model_cache`: built once, then unpickled)."""
    return cached("kb", [path, Path(__file__)], lambda: _read(path))


def _read(path: Path) -> _KB:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return _KB(
        data["entries"],
        data["keys"],
        data["surnames"],
        data["known"],
        frozenset(data["given"]),
        frozenset(data["towns"]),
        data.get("sport_keys", {}),
        frozenset(data.get("person_surnames", ())),
    )


def lookup_key(name: str) -> str:
    """The look-up key of a name: an acronym as written ("CUP" is a party, "Cup" is not),
    any other name case-folded (`gazetteer.key`)."""
    plain = name.replace(".", "").replace("&", "")
    if plain.isupper() and len(plain) <= 6:
        return "=" + name
    return gz.key(name)


@functools.lru_cache(maxsize=1 << 14)
def lookup(name: str, kind: str | None = None) -> KBEntry | None:
    """The entity `name` names, of `kind` if given, else of the first kind that knows it
    (person, organisation, place). None if the knowledge base does not know the name."""
    kb = _load()
    k = lookup_key(name)
    for each in (kind,) if kind else KINDS:
        i = kb.keys.get(f"{each}|{k}")
        if i is not None:
            return kb.entry(i)
        if each == "place" and (place := gz.lookup_place(name)) is not None:
            i = kb.keys.get(f"place|{gz.key(place.name)}")
            return kb.entry(i) if i is not None else KBEntry(place.name, "place")
    return None


def in_sports_copy(name: str, kind: str) -> KBEntry | None:
    """The sporting body `name` names in a sports report, where it shares the name with
    another body that it names anywhere else ("ECB"); None for any other name."""
    kb = _load()
    i = kb.sport_keys.get(f"{kind}|{lookup_key(name)}")
    return kb.entry(i) if i is not None else None


def wikidata_id(kind: str, name: str) -> str | None:
    """The Wikidata item ("Q9626") of the entity `name` of `kind`, where the KB knows it:
    for `sameAs` in an entity page's JSON-LD."""
    entry = lookup(name, kind)
    return entry.wikidata if entry else None


def by_surname(surname: str) -> KBEntry | None:
    """The one well-known person of that surname ("Blair" -> Tony Blair), else None."""
    kb = _load()
    i = kb.surnames.get(gz.key(surname))
    return kb.entry(i) if i is not None else None


def is_known_surname(word: str) -> bool:
    """A surname several people the knowledge base knows share ("Howard": John Howard
    and Michael Howard), so that alone it names none of them (`by_surname`)."""
    return gz.key(word) in _load().person_surnames


def known_kind(name: str) -> str | None:
    """The kind the knowledge base gives `name`, its open lists' bare names included."""
    entry = lookup(name)
    if entry is not None and entry.kind != "place":
        return entry.kind
    return _load().known.get(gz.key(name))


def is_given_name(word: str) -> bool:
    """A first name many people in the lists have ("mike", "gordon"): lower case in."""
    return word in _load().given


def is_town(name: str) -> bool:
    """A town or district the open lists know ("Chesterfield", "Hove"): a place when
    it is where something happens."""
    return gz.key(name) in _load().towns
