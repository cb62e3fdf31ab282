"""Rules across a story's mentions: one type per name, a surname joined to the full
name, an acronym to the body it abbreviates, and the names nothing vouches for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.entity_mention import Mention
from newsgen.analysis.entity_rules import COMPANY_HEADS
from newsgen.analysis.name_words import words
from newsgen.analysis.ner_model import load_model


def vote(mentions: list[Mention]) -> None:
    """One type per name within a story: the margin-weighted majority."""
    keys = [gz.key(m.text) for m in mentions]
    votes: dict[str, dict[str, float]] = {}
    for m, k in zip(mentions, keys, strict=True):
        if not m.team:
            tally = votes.setdefault(k, {})
            tally[m.label] = tally.get(m.label, 0) + (1.0 + m.margin)
    # The first label with the highest total, in insertion order: max() picks it on ties,
    # as Counter.most_common(1) does. "No name" (O) and "some other name" (MISC, a work or
    # an event) both say the name is none of ours: together they outvote a lone guess.
    winner = {k: _winner(tally) for k, tally in votes.items()}
    for m, k in zip(mentions, keys, strict=True):
        if m.team:
            m.label = "ORG"
        else:
            m.label = winner[k]


def titles_of_works(mentions: list[Mention]) -> None:
    """A title the story gives after a work's noun ("the film Million Dollar Baby") is no
    name wherever else the story writes it: whole, or cut short at a sentence's start
    ("Million Dollar Baby won" reads as "Dollar Baby"), unless the cut names a place or a
    body the gazetteer or the KB knows ("the show Little Britain", and Britain)."""
    works = {gz.key(m.text) for m in mentions if m.work}
    if not works:
        return
    for m in mentions:
        k = gz.key(m.text)
        if k in works or (
            any(w.endswith(" " + k) for w in works)
            and gz.lookup_place(m.text) is None
            and kb.lookup(m.text) is None
        ):
            m.label = "MISC"


def _winner(tally: dict[str, float]) -> str:
    best = max(tally.items(), key=itemgetter(1))[0]
    none = tally.get("O", 0.0) + tally.get("MISC", 0.0)
    if best not in ("O", "MISC") and none > tally[best]:
        return "MISC" if tally.get("MISC", 0.0) >= tally.get("O", 0.0) else "O"
    return best


def link_surnames(mentions: list[Mention]) -> dict[int, str]:
    """Single-word mentions that repeat a word of a person's full name, and an initial with
    its surname ("B O'Driscoll"), -> that full name."""
    # The first full name that ends with a word, and the first that has it anywhere.
    by_last: dict[str, str] = {}
    by_word: dict[str, str] = {}
    for f in mentions:
        if f.label == "PER" and len(f.tokens) > 1:
            by_last.setdefault(f.tokens[-1], f.text)
            for w in f.tokens:
                by_word.setdefault(w, f.text)
    # "Brian O'Driscoll" by his initial: "B O'Driscoll" in the story's team sheet.
    by_initial: dict[tuple[str, str], str] = {}
    for f in mentions:
        if f.label == "PER" and len(f.tokens) > 1 and len(f.tokens[0].rstrip(".")) > 1:
            by_initial.setdefault((f.tokens[0][0], f.tokens[-1]), f.text)
    # "Van Persie" after "Robin van Persie": a surname with its particle, capitalised at
    # the start of a sentence or a team sheet.
    by_tail: dict[tuple[str, ...], str] = {}
    for f in mentions:
        if f.label == "PER" and len(f.tokens) > 2:
            for k in (2, 3):
                tail = f.tokens[-k:]
                if len(f.tokens) > k and tail[0].lower() in nw.SURNAME_PARTICLES:
                    by_tail.setdefault(tuple(t.lower() for t in tail), f.text)
    links: dict[int, str] = {}
    for m in mentions:
        if 1 < len(m.tokens) < 4 and m.tokens[0].lower() in nw.SURNAME_PARTICLES and by_tail:
            target = by_tail.get(tuple(t.lower() for t in m.tokens))
            if target is not None and target != m.text:
                m.label = "PER"
                links[m.order] = target
            continue
        if len(m.tokens) == 2 and len(m.tokens[0].rstrip(".")) == 1 and by_initial:
            target = by_initial.get((m.tokens[0][0], m.tokens[1]))
            if target is not None:
                m.label = "PER"
                links[m.order] = target
            continue
        if len(m.tokens) != 1 or (m.label in ("LOC",) and gz.lookup_place(m.text)):
            continue
        word = m.tokens[0]
        target = by_last.get(word)
        if target is None and len(word) > 2:
            target = by_word.get(word)
        if target is not None:
            m.label = "PER"
            links[m.order] = target
    return links


# A company's words after its own name ("Giant Bay Resources Ltd", "Grease Monkey Holding
# Corp"): the story names the company again by what comes before them.
_COMPANY_TAILS = COMPANY_HEADS | nw.words(
    """
    holding group resources international enterprises mines mining financial products
    services laboratories energy petroleum properties capital ventures
    """
)


def _first_and(words: list[str]) -> int:
    return next((i for i, w in enumerate(words) if w in ("and", "&")), -1)


def link_companies(mentions: list[Mention], links: dict[int, str]) -> None:
    """ "Allergan" after "Allergan Inc": a company named without its legal suffix is still
    that company, whatever the tagger made of the bare name; and "Giant Bay" after "Giant
    Bay Resources Ltd", where the tagger took the bare name for a person's."""
    short: set[str] = set()
    bare: dict[str, str] = {}  # the bare name's key -> the company's name, on one page
    for m in mentions:
        if m.label != "ORG":
            continue
        folded = cn.fold_company(m.text)
        if folded != m.text:
            short.add(gz.key(folded))
            words = folded.split()
            while len(words) > 2 and words[-1].lower() in _COMPANY_TAILS:
                words.pop()
                bare.setdefault(gz.key(" ".join(words)), folded)
        words = m.text.split()
        if words[-1].lower() in _COMPANY_TAILS and (joiner := _first_and(words)) >= 2:
            # "Smith Kline" after "Smith Kline and French Laboratories"
            bare.setdefault(gz.key(" ".join(words[:joiner])), folded)
    if not short and not bare:
        return
    for m in mentions:
        k = gz.key(m.text)
        if m.label != "ORG" and k in short:
            m.label = "ORG"
            links.pop(m.order, None)
        elif m.label == "PER" and k in bare:
            m.label, m.named = "ORG", bare[k]
            links.pop(m.order, None)


def link_caps_surnames(mentions: list[Mention], links: dict[int, str]) -> None:
    """ "BAKER" in a capitals headline after "James Baker" in the body: the same person."""
    full: dict[str, str] = {}
    for m in mentions:
        if m.label == "PER" and len(m.tokens) > 1:
            full.setdefault(m.tokens[-1].casefold(), links.get(m.order, m.text))
    for m in mentions:
        if m.label == "PER" and len(m.tokens) == 1 and m.order not in links:
            target = full.get(m.text.casefold())
            if target is not None:
                links[m.order] = target


def link_club_names(mentions: list[Mention], links: dict[int, str]) -> dict[int, str]:
    """ "Yankees" after "New York Yankees": the short name of a club said in full."""
    full = {}
    for m in mentions:
        last = m.tokens[-1]
        if (
            m.team
            and len(m.tokens) > 1
            and last[:1].isupper()
            and last.lower() not in nw.ORG_HEADS
            and gz.lookup_place(last) is None
        ):
            full.setdefault(last, m.text)
    out: dict[int, str] = {}
    for m in mentions:
        if len(m.tokens) == 1 and m.order not in links and m.tokens[0] in full:
            m.label = "ORG"
            out[m.order] = full[m.tokens[0]]
    return out


def lone_given_name(m: Mention, links: dict[int, str]) -> bool:
    """ "Bill" alone, tied to no full name in the story and to no well-known person: a
    first name or a capitalised word ("the Bill"), not a person the archive can know."""
    return (
        len(m.tokens) == 1
        and m.order not in links
        and kb.is_given_name(m.text.lower())
        and kb.by_surname(m.text) is None
        and not kb.is_known_surname(m.text)  # "Howard": John Howard's, Michael Howard's
    )


def person_name(m: Mention, sports: bool = False) -> str:
    """The knowledge base's name for a person: "George Bush" -> "George W Bush", and a
    surname alone the story never gives in full -> the one well-known person of it, or
    the person one word names ("Qaddafi", "Lula"). Not in sports copy, where players go
    by their surnames: "Brown" there is a player, not Gordon Brown."""
    if len(m.tokens) == 1:
        entry = (None if sports else kb.by_surname(m.text)) or kb.lookup(m.text, "person")
        return entry.name if entry else m.text
    return cn.canonical("person", m.text) or m.text


def acronym(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def canonical_org(text: str, long_names: list[str]) -> str:
    if text in nw.KNOWN_ORGS:
        return nw.KNOWN_ORGS[text]
    plain = text.replace(".", "")
    if plain.isupper() and len(plain) >= 2:
        for name in long_names:
            if acronym(name) == plain:
                return name
    return text


def unknown_lone_word(name: str, m: Mention, links: dict[int, str], sports: bool) -> bool:
    """One word the tagger took for a person that nothing vouches for: no full name in the
    story, no well-known person of that name, no results table or sports copy (where
    players go by surname). In wire copy such a word is far more often a company
    ("Aramco"), a crop or a place the gazetteer lacks than a person."""
    if " " in name or m.order in links or sports:
        return False
    if m.titled and name.lower() not in load_model().common:
        return False  # a title vouches for a lone name: "President Suharto", not "Mother"
    # The surname of several well-known people stays a person of its own: the archive
    # may know which one it means (`site.model.surname_aliases`).
    return (
        kb.lookup(name, "person") is None
        and kb.by_surname(name) is None
        and not kb.is_known_surname(name)
    )


# What a story says only of a company: "shares in Fiat", "Nintendo's profits", "Merck said
# its", "the carmaker Audi". A lone name the tagger took for a person, which nothing
# vouches for, is then the company (and it is dropped without such words).
_COMPANY_BEFORE = (
    r"(?:shares (?:in|of)|stake in|takeover of|firm|company|group|maker|carmaker"
    r"|chipmaker|retailer|airline|insurer|bank|brewer|rival|giant|operator|subsidiary)"
)
_COMPANY_AFTER = (
    r"(?:'s? (?:shares|profits?|sales|revenues?|earnings|chief executive|boss|board"
    r"|shareholders|share price)|,? (?:said|says) its\b| (?:shares|stock) (?:rose|fell|jumped"
    r"|slipped|gained|dropped))"
)


_COMPANY_CUE = re.compile(rf"\b{_COMPANY_BEFORE} ([A-Z][\w&.-]*)|\b([A-Z][\w&.-]*){_COMPANY_AFTER}")


def company_cued(lines: Sequence[str]) -> frozenset[str]:
    """The words the story says of what it says only of a company (one pass over it)."""
    found = (g for ms in map(_COMPANY_CUE.finditer, lines) for m in ms for g in m.groups())
    return frozenset(w.rstrip(".") for w in found if w)


NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve twenty hundred"
)


# "National Statistics Institute (INSEE)": the capitals in brackets name the body before.
BRACKETED_ACRONYM = re.compile(r"([A-Z][\w.&'-]*(?: [A-Za-z][\w.&'-]*){0,7}) \(([A-Z]{2,8})\)")


def bracketed_acronyms(lines: list[str]) -> dict[str, str]:
    """Acronym -> the name it stands in brackets after, in this story."""
    # Most lines hold no bracket: the search, which backtracks over capitalised runs, is
    # then not run at all.
    return {
        short: long
        for line in lines
        if " (" in line
        for long, short in BRACKETED_ACRONYM.findall(line)
    }


# Last words of places, works and things named after people, which no surname is (not
# "Park", "Hill", "Hall" or "Street": people are called so).
_NO_SURNAMES = nw.words(
    """airport airports station stadium hospital avenue boulevard highway motorway square
    cathedral university college expo prize award awards flight airlines airways estates
    heights foundation memorial mountains islands zone"""
)


def not_a_persons(name: str) -> bool:
    """A number word ("Record April One" in a table) or a post at the end ("Bronx
    Borough President") is no person's name; a post's word after a first name is a
    surname ("John Major", "Billie Jean King")."""
    words = gz.key(name).split()
    if any(w in NUMBER_WORDS for w in words):
        return True
    if name[:4].lower() == "the " or (len(words) > 1 and words[-1] in _NO_SURNAMES):
        return True  # "John F. Kennedy International Airport", "The Oval", "The Scotsman"
    if len(words) < 2 or not (words[-1] in cn.ROLE_WORDS or words[-1] in nw.HEAD_TITLES):
        return False
    surname = (
        words[-1] not in cn.ROLE_WORDS
        and words[-1] not in nw.PREFIX_TITLES
        and not name.endswith(".")
        and kb.is_given_name(words[-2])
    )
    return not surname and kb.lookup(name, "person") is None


def initials_of_a_company(name: str, story_orgs: set[str]) -> bool:
    """Initials before a well-known company's name are the company's founder in its
    name, not a person in the story ("Ing. C. Olivetti and C.", "J.P. Morgan")."""
    *first, last = name.split()
    return (
        bool(first)
        and all(len(w.replace(".", "")) <= 2 and w.endswith(".") for w in first)
        and kb.lookup(name, "person") is None
        and (gz.key(last) in story_orgs or kb.lookup(last, "organization") is not None)
    )


def short_for(name: str, acronyms: dict[str, str], long_orgs: list[str], us_story: bool) -> str:
    """The body a short name stands for in this story: an acronym in brackets after its
    name ("National Statistics Institute (INSEE)"), or a bare "House" in US copy."""
    long = acronyms.get(name)
    if long:
        for other in long_orgs:
            if other.endswith(long) or long.endswith(other):
                return other
    if name in ("House", "HOUSE") and us_story:
        return "House of Representatives"
    return name
