"""Build the knowledge base shipped in newsgen/analysis/data/kb.json.gz.

    python tools/build_kb.py [--corpus ../shared/corpora/entity-kb] [--out PATH]

Sources (all openly licensed, see newsgen/analysis/data/NOTICE-entities.md):
Party Facts parties, openfootball clubs, Wikidata world leaders, US Congress and
executive, PETRARCH2 Phoenix actors, and our own hand-written list
`newsgen/analysis/data/kb-own.tsv` for what they miss ("Tories", "Fifa", "KCNA").

Each entry is [name, kind, wikidata id or null, aliases, flags]. An alias two entities of
one kind share names neither (it is dropped), unless our own list claims it: ours wins.
Phoenix names are upper case and ASCII-folded, so they never give a display name; they
only say that a name is an organisation or a person ("known" keys). The output is
deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from newsgen.analysis.gazetteer import key, lookup_place, places, unaccented
from newsgen.analysis.kb import KB_PATH, OWN_PATH, lookup_key
from newsgen.analysis.name_words import words

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "entity-kb"
# Party Facts names one party per country; English-language news means these countries
# first when two parties share a name ("Labour Party").
PARTY_COUNTRIES = ("GBR", "USA", "IRL", "AUS", "CAN", "NZL", "ZAF", "IND")
# Short party names that are ordinary words or too short to mean one party.
_SHORT_OK = re.compile(r"[A-Z][A-Z0-9&-]{2,7}")
# Parties named by one English word: English news writes the word for what it means
# ("the Republic", "Voice of America", "Justice Kennedy"), never for a party abroad.
_WORD_PARTIES = words(
    "Alignment Alliance Amplitude Caps Citizens Coalition Coexistence Concordance Convergence"
    " Dawn Forward Hats Heritage Independence Justice Motherland Progress Red Renaissance"
    " Republic Revival Spring Together Unity Voice"
)
# The Phoenix International sections that list bodies rather than people.
PHOENIX_BODIES = (
    "The United Nations",
    "NATO",
    "World Bank and IMF",
    "The European Union",
    "Other IGOs",
    "Media Sources",
    "Multinational Corporations",
)

Entry = dict[str, object]


def _read(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def parties(corpus: Path) -> list[Entry]:
    rows = sorted(
        _read(corpus / "partyfacts_parties.jsonl.gz"),
        key=lambda r: (
            PARTY_COUNTRIES.index(r["country"]) if r["country"] in PARTY_COUNTRIES else 99,
            r["partyfacts_id"],
        ),
    )
    out = []
    for r in rows:
        if r["name"] in _WORD_PARTIES:
            continue
        aliases = [r["name_native"]] if r["name_native"] else []
        short = r["name_short"] or ""
        if _SHORT_OK.fullmatch(short):
            aliases.append(short)
        entry = _entry(r["name"], "organization", r["wikidata_id"], aliases, "party")
        entry["home"] = r["country"] in PARTY_COUNTRIES
        out.append(entry)
    return out


def clubs(corpus: Path) -> list[Entry]:
    out = []
    for r in _read(corpus / "openfootball_clubs.jsonl.gz"):
        # North American clubs share their cities' names with the baseball, basketball
        # and hockey teams news reports far more often ("Chicago", "Montreal").
        if r["reserve_of"] or r["dissolved"] or r["file"].startswith("north-america/"):
            continue
        out.append(_entry(r["name"], "organization", None, r["aliases"], "club"))
    return out


def leaders(corpus: Path) -> list[Entry]:
    seen: set[str] = set()
    out = []
    for r in _read(corpus / "world_leaders.jsonl.gz"):
        if r["wikidata_id"] in seen:
            continue
        seen.add(r["wikidata_id"])
        out.append(_entry(r["name"], "person", r["wikidata_id"], [], "leader"))
    return out


def congress(corpus: Path) -> list[Entry]:
    out = []
    for r in _read(corpus / "us_congress_executive.jsonl.gz"):
        first = r["nickname"] or r["first"]
        name = f"{first} {r['last']}"
        if r["suffix"]:
            name += f" {r['suffix']}"
        # Presidents are known by their surname; members of Congress are not.
        flag = "leader" if r["last_term"]["type"] == "prez" else ""
        out.append(_entry(name, "person", r["wikidata_id"], r["name_variants"], flag))
    return out


def phoenix_known(corpus: Path) -> dict[str, list[str]]:
    """Keys Phoenix says are organisations or people (never display names)."""
    orgs: set[str] = set()
    people: set[str] = set()
    for r in _read(corpus / "phoenix_actors.jsonl.gz"):
        names = [r["name"], *r["synonyms"]]
        if r["kind_hint"] == "person":
            # Only full names: its bare surnames ("MERKEL") are ambiguous.
            people.update(key(n) for n in names if len(n.split()) > 1 and "." not in n)
        elif r["kind_hint"] == "organisation" or (
            r["kind_hint"] is None and r["section"] in PHOENIX_BODIES
        ):
            orgs.update(key(n) for n in names if len(n) > 2)
        elif r["kind_hint"] is None and r["section"] == "NGOs":
            orgs.update(key(n) for n in names if _ngo_name(key(n)))
    return {"organization": sorted(orgs - people), "person": sorted(people - orgs)}


# Phoenix's NGO section also lists a few of their people ("EARL SLACK") and bare
# initialisms that are ordinary words elsewhere: only a name of two or more words
# with a word that says it is a body is taken ("HUMAN RIGHTS WATCH").
_NGO_WORDS = words(
    """
    international watch council association foundation federation union society committee
    organization organisation institute fund alliance league church forum network group
    centre center project campaign coalition movement trust aid relief rights amnesty
    cross crescent frontieres frontiers peace children mission service services
    """
)


def _ngo_name(k: str) -> bool:
    ws = k.split()
    return len(ws) > 1 and any(w in _NGO_WORDS for w in ws)


def towns(corpus: Path) -> list[str]:
    """Towns and districts that have a football club (openfootball's `city`, `district`):
    smaller places than the gazetteer's cities, known as places after "at", "in" ..."""
    out: set[str] = set()
    for r in _read(corpus / "openfootball_clubs.jsonl.gz"):
        if not r["file"].startswith("north-america/"):
            out.update(key(p) for p in (r["city"], r["district"]) if p and len(p) > 2)
    return sorted(out)


def given_names(corpus: Path) -> list[str]:
    """First names of many people in the lists: "Mike Ruddock" starts like a person's
    name, a feature of the tagger. A word the lists also use as a body's or a country's
    first word is left out."""
    counts: dict[str, int] = defaultdict(int)
    for r in _read(corpus / "phoenix_actors.jsonl.gz"):
        if r["kind_hint"] == "person" and len(r["name"].split()) > 1:
            counts[r["name"].split()[0].lower()] += 1
    for r in _read(corpus / "us_congress_executive.jsonl.gz"):
        for first in {r["first"], r["nickname"]} - {None}:
            counts[first.lower()] += 3
    for r in _read(corpus / "world_leaders.jsonl.gz"):
        counts[r["name"].split()[0].lower()] += 3
    # A word that starts a place's name ("New", "San") is no given name; a city's name
    # without its accents does not count ("Nicolás Romero" leaves "Nicolas" a name).
    heads = {
        k.split()[0]
        for k, place in places().items()
        if k == key(place.name) or k != unaccented(key(place.name))
    }
    return sorted(
        w for w, c in counts.items() if c >= 3 and w.isalpha() and len(w) > 2 and w not in heads
    )


def own(path: Path) -> list[Entry]:
    """Our own list: kind, name, wikidata id, aliases (|), flags; # starts a comment."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            raise SystemExit(f"{path}:{n}: expected 5 tab-separated columns, got {len(cols)}")
        kind, name, qid, aliases, flags = cols
        alias_list = [a for a in aliases.split("|") if a]
        out.append(_entry(name, kind, qid if qid != "-" else None, alias_list, flags.strip("-")))
    return out


def _entry(name: str, kind: str, qid: str | None, aliases: list[str], flags: str) -> Entry:
    # Compared as look-up keys: "Tass" is another key than the acronym "TASS" it names.
    forms = [a for a in dict.fromkeys(aliases) if a and lookup_key(a) != lookup_key(name)]
    return {"name": name, "kind": kind, "qid": qid, "aliases": forms, "flags": flags}


def merge(built: list[Entry], ours: list[Entry]) -> list[Entry]:
    """One entry per (kind, name); shared aliases dropped unless our list claims them."""
    by_name: dict[tuple[str, str], Entry] = {}
    for e in built:
        k = (str(e["kind"]), key(str(e["name"])))
        prev = by_name.get(k)
        if prev is None:
            by_name[k] = e
        elif prev.get("home") and not e.get("home"):
            # The same name in an English-speaking country and in another ("Republican
            # Party"): English news means the first, and the other's short names are not
            # its own.
            continue
        else:  # the same name twice: one party, or parties of several countries
            prev["aliases"] = list(dict.fromkeys([*prev["aliases"], *e["aliases"]]))  # type: ignore[misc]
            if prev["qid"] and e["qid"] and prev["qid"] != e["qid"]:
                # "Labor Party" (two in Poland, none of them Australia's), "United
                # Australia Party" (1931 and 2013): the name says no one party, so its
                # page claims no Wikidata item.
                prev["qid"], prev["ambiguous"] = None, True
            elif not prev.get("ambiguous"):
                prev["qid"] = prev["qid"] or e["qid"]
            prev["flags"] = prev["flags"] or e["flags"]
    _merge_items(by_name)
    claimed: set[tuple[str, str]] = set()
    for e in ours:
        claimed.update((str(e["kind"]), key(str(a))) for a in [e["name"], *e["aliases"]])  # type: ignore[misc]
    # A name our list gives as another entity's alias ("Tories", "George Bush") is no
    # entity of its own: the open lists' entry of that name goes.
    by_name = {k: e for k, e in by_name.items() if k not in claimed}
    for e in ours:
        by_name[(str(e["kind"]), key(str(e["name"])))] = e
    owners: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for k, e in by_name.items():
        for a in e["aliases"]:  # type: ignore[attr-defined]
            owners[(k[0], key(a))].add(k)
    for k, e in by_name.items():
        mine = k in {(str(o["kind"]), key(str(o["name"]))) for o in ours}
        e["aliases"] = [
            a
            for a in e["aliases"]  # type: ignore[attr-defined]
            if (mine or (k[0], key(a)) not in claimed)
            and (mine or len(owners[(k[0], key(a))]) == 1)
            # an alias that is another entity's name ("Tass" is TASS's own, kept)
            and by_name.get((k[0], key(a)), e) is e
        ]
    return [by_name[k] for k in sorted(by_name)]


def _merge_items(by_name: dict[tuple[str, str], Entry]) -> None:
    """One entry per Wikidata item: two lists may name one person two ways ("Joe Biden"
    the leader, "Joe Biden Jr." the member of Congress), which would make two pages. The
    shorter name is kept and the other becomes its alias."""
    by_item: dict[tuple[str, str], tuple[str, str]] = {}
    for k, e in sorted(by_name.items()):
        if not e["qid"]:
            continue
        item = (str(e["kind"]), str(e["qid"]))
        other = by_item.get(item)
        if other is None:
            by_item[item] = k
            continue
        a, b = sorted((other, k), key=lambda x: (len(str(by_name[x]["name"])), x))
        keep, gone = by_name[a], by_name.pop(b)
        forms = [*keep["aliases"], gone["name"], *gone["aliases"]]  # type: ignore[misc]
        own = lookup_key(str(keep["name"]))
        keep["aliases"] = [f for f in dict.fromkeys(forms) if lookup_key(f) != own]
        keep["flags"] = keep["flags"] or gone["flags"]
        by_item[item] = a


def index(
    entries: list[Entry], known: dict[str, list[str]], given: list[str], places: list[str]
) -> dict[str, object]:
    """The shipped form: entries, and every look-up key precomputed, so loading is one
    `json.load` (the analysis must load in well under half a second)."""
    keys: dict[str, int] = {}
    shared: dict[str, list[int]] = defaultdict(list)  # alias key -> entries giving it
    surnames: dict[str, int | None] = {}
    # How many people the KB knows of each surname: a leader's surname alone names them
    # only when it names nobody else the KB knows ("Castro" is Fidel as well as Xiomara).
    people = Counter(
        key(str(e["name"]).split()[-1])
        for e in entries
        if e["kind"] == "person" and " " in str(e["name"])
    )
    for i, e in enumerate(entries):
        kind, name = str(e["kind"]), str(e["name"])
        keys[f"{kind}|{lookup_key(name)}"] = i
        for alias in e["aliases"]:  # type: ignore[attr-defined]
            shared[f"{kind}|{lookup_key(alias)}"].append(i)
        if kind == "person" and e["flags"] in ("surname", "leader") and " " in name:
            last = key(name.split()[-1])
            # Two well-known people of one surname: the surname alone names neither,
            # unless our own list says which one it means.
            if e["flags"] == "surname":
                surnames[last] = i
            elif last not in surnames:
                surnames[last] = i if people[last] == 1 else None
    sport_keys = _shared_aliases(entries, keys, shared)
    kinds = {k: kind for kind, ks in known.items() for k in ks}
    return {
        "entries": [[e["name"], e["kind"], e["qid"], e["aliases"], e["flags"]] for e in entries],
        "keys": _with_folded(keys),
        "sport_keys": sport_keys,
        "surnames": _with_folded({k: i for k, i in surnames.items() if i is not None}),
        # The surnames several people the KB knows share: alone, such a word is a person
        # (one of them, or another), though the KB cannot say which.
        "person_surnames": sorted(k for k, n in people.items() if n > 1),
        "known": kinds,
        "given": given,
        "towns": places,
    }


SPORTING = frozenset({"sport", "club"})


def _with_folded(keys: dict[str, int]) -> dict[str, int]:
    """`keys` and, for a key with diacritics, the same key without them, where no name
    has that key already (news copy drops the accents the open lists keep). A place's
    name is left as it is: São Paulo FC's "São Paulo" folded would be a club's key for
    the city's unaccented name, and the city would be typed as a club outside sports."""
    out = dict(keys)
    for k, i in keys.items():
        if not k.isascii() and lookup_place(k.partition("|")[2]) is None:
            out.setdefault(unaccented(k), i)  # "atletico madrid", "fenerbahce"
    return out


def _shared_aliases(
    entries: list[Entry], keys: dict[str, int], shared: dict[str, list[int]]
) -> dict[str, int]:
    """Give each alias key its entity in `keys` (an entity's own name always keeps it).
    An alias two entities share (only our own list keeps one, see `merge`) names the one
    of general news; the sporting one is returned by key, for sports copy: "ECB" is the
    European Central Bank, and the England and Wales Cricket Board in a cricket report."""
    sport_keys: dict[str, int] = {}
    for k, owners in shared.items():
        if k in keys:
            continue
        general = [i for i in owners if entries[i]["flags"] not in SPORTING]
        sporting = [i for i in owners if entries[i]["flags"] in SPORTING]
        keys[k] = (general or owners)[0]
        if general and sporting:
            sport_keys[k] = sporting[0]
    return sport_keys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=KB_PATH)
    args = ap.parse_args()
    built = [
        *parties(args.corpus),
        *clubs(args.corpus),
        *leaders(args.corpus),
        *congress(args.corpus),
    ]
    entries = merge(built, own(OWN_PATH))
    payload = index(
        entries, phoenix_known(args.corpus), given_names(args.corpus), towns(args.corpus)
    )
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # mtime 0 and no file name: the same inputs give the same bytes.
    with open(args.out, "wb") as fh, gzip.GzipFile("", "wb", 9, fh, mtime=0) as gz:
        gz.write(raw.encode("utf-8"))
    print(f"wrote {args.out}: {len(entries)} entries, {args.out.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
