"""Rules that type one candidate name where it stands: teams, bodies, junk, tickers,
companies by their legal form, and what the knowledge base knows of it."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb, things
from newsgen.analysis import name_words as nw
from newsgen.analysis.name_words import words
from newsgen.analysis.ner_spans import (
    Span,
)
from newsgen.analysis.ner_sports import WHERE_WORDS, is_initial
from newsgen.analysis.noun_cues import WORK_MARGIN, named_after, role_before

# Words around a team name in sports reports: "Essex beat Kent", "against Somerset".
TEAM_NEXT = words("beat beats drew lost won v vs vs. versus defeated thrashed edged")


TEAM_PREV = words("beat beats v vs vs. versus against defeated thrashed edged host")


# Heads that name one body when they stand alone with a capital.
SINGLE_ORG_HEADS = words("treasury parliament congress senate cabinet bundesbank")


# Initialisms that name no body: times, units, money, technology, titles and honours,
# illnesses, formats and scores.
NOT_ORG_INITIALS = words(
    """
    gmt bst cet cest est edt cdt pdt pst utc am pm ad bc
    gdp gnp cpi ppi rpi vat ipo pfi ppp ceo cfo coo cto md vp pr hr
    kb mb gb tb ghz mhz mph kph kg km cm mm
    tv hd hdtv pc dvd cd lcd led mp3 usb gps dna pda sim sms mms wap gprs rss html
    http www url isp id pin atm dsl adsl isdn drm os xp nt ai vr it
    cbe obe mbe kbe qc phd mba bsc vip ok faq pdf ft fm diy
    hiv aids sars bse ivf gp pe mers covid covid-19 h1n1 h5n1 hpv
    usd eur gbp jpy chf cad aud nzd cny hkd sek nok dkk inr krw mmp
    ftse dax djia ied lng lgbt lgbtq lgbti lgbtqia lgbtq+ 5g max
    ep lp dj mc r&b rnb xv mvp era rbi ko
    gsm cdma wcdma umts vhs pal ntsc umd irc ie gcse wmd wwi wwii
    ne nw se sw la mp mep msp mla 3g 4g
    r&d suv gst hst ip ist npt ict iq mri cctv gmo cpu gpu ram ufo wifi voip iptv eps apr
    """
)


# An acronym of two to five capitals ("IBM", "OSCE"): the tagger knows few as names.
INITIALS = re.compile(r"[A-Z][A-Z&]{1,4}")


CALENDAR = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "christmas easter halloween thanksgiving ramadan diwali hanukkah passover"
)


# Last words no person's name has: a name that ends in one is a body ("Labour Party",
# "Liberal Democrats"), whatever the tagger says.
# Last words of companies' names, which end no person's or place's name.
COMPANY_HEADS = words(
    "securities industries systems technologies motors airlines airways holdings bancorp"
    " pharmaceuticals chemicals electronics communications telecom investments inc corp"
    " ltd plc"
)
NEVER_PERSON_HEADS = COMPANY_HEADS | words(
    "party parties democrat democrats dem dems republican republicans conservatives "
    "administration government "
    "socialists liberals council committee association federation ministry department "
    "agency commission corporation university institute league union "
    # A media company's: "Showtime Networks", "Universal Studios".
    "networks studios productions pictures records "
    # A town's, a club's: "Park City", "Paris Club".
    "city club "
    # More of a company's suffix: "Automation Inc", "Anheuser-Busch Cos".
    "inc. corp. co co. cos ltd. nv ag sa spa bv llc lp group "
    "bank guaranty trust savings financial capital partners associates brothers committees "
    "petroleum oil energy resources properties insurance center centre int int. intl "
    "telephone holding"
)


# First words of banks' and companies' names in several languages.
BODY_FIRST_WORDS = words(
    "banque banca banco bank bankers credit societe société compagnie cie groupe grupo "
    "deutsche caisse"
)


TEAM_WORDS = words(
    "united city fc dynamo dinamo real sporting rovers athletic inter olympique wanderers "
    "spartak lokomotiv torpedo celtic rangers county albion hotspur"
)


# What a leader's surname heads: "the Obama administration", "the Blair government".
LEADS = words("administration government cabinet presidency campaign aides era")


def leader_of(toks: list[str], start: int, end: int, joined: str) -> bool:
    """A well-known person's surname before what they lead: the person, not a body."""
    return (
        end - start == 1
        and end < len(toks)
        and toks[end] in LEADS
        and kb.by_surname(joined) is not None
        and kb.lookup(joined) is None
    )


# A line's tokens, their bounds (see `_tokens`) and the line itself.
Line = tuple[list[str], list[int], str]


def is_team(
    toks: list[str], start: int, end: int, text: str, numbers: int, *, sports: bool
) -> bool:
    """A place name used as a sports team: followed by a score, or by "beat", "v" ...
    `text` is " ".join(toks[start:end]). Outside sport a city's name is no team."""
    if not sports and _city(text):
        return False
    place = gz.lookup_place(text)
    if place is not None and place.kind == "country":
        return False
    if end - start > 1 and any(w.lower() in TEAM_WORDS for w in toks[start:end]):
        return True
    if end - start > 1 and place is None and kb.lookup(text, "organization") is None:
        return False  # "Tiger Woods won", "Tiger Woods 66 68": a player, named in full
    nxt = toks[end] if end < len(toks) else ""
    prev = toks[start - 1].lower() if start > 0 else ""
    if nxt[:1].isdigit() and numbers >= 2:
        return True
    return nxt.lower() in TEAM_NEXT or prev in TEAM_PREV


# Tokens that are no name: a contraction ("I've", "I'm"), a US legislator's party and
# state ("D-Ark", "R-Tenn"), a credit rating ("Aa-3", "BBB+").
_NOT_A_NAME = re.compile(
    r"[A-Za-z]+['’](?:ve|m|re|ll|d|t)|[DRI]-[A-Z][a-z]+\.?"
    r"|.*-(?:based|listed|sponsored|backed|owned|led)"
    r"|(?:Aaa|Aa|A|Baa|Ba|B|Caa)-?[1-3]|(?:AAA|AA|BBB|BB|CCC)[+-]"
)


@lru_cache(maxsize=1 << 14)
def junk(text: str) -> bool:
    """Table headers, stray letters ("W D L Pct"), dates ("September"), posts ("Home
    Secretary") and initialisms that name nothing ("PC"), not names.

    `text` is a span's tokens joined by spaces (a token never holds one); memoised, as
    the same names and headers recur story after story.
    """
    words = text.split(" ")
    lowered = [w.lower() for w in words]
    if all(w.strip(".") in CALENDAR for w in lowered) or _NOT_A_NAME.fullmatch(text):
        return True
    if all(map(is_legal_form, words)):
        return True  # "Co AG" of "Hoffmann-La Roche und Co AG": a legal form, no name
    if text in nw.KNOWN_ORGS or gz.lookup_place(text):
        return False
    if lowered[-1] in nw.HEAD_TITLES and all(
        w in nw.HEAD_TITLES or w in nw.TITLE_MODIFIERS for w in lowered
    ):
        return True  # a post, not who holds it: "MP", "Labour MP", "Home Secretary"
    if len(words) == 1 and lowered[0] in NOT_ORG_INITIALS and words[0].isupper():
        return True  # "PC", "3G", "GMT"
    if len(words) == 1:
        return len(words[0].strip(".")) <= 1
    return all(len(w.strip(".")) <= 3 for w in words) and any(len(w) == 1 for w in words)


# Last words of bodies' names beyond the tagger's own list (`name_words.ORG_HEADS`, which
# its features read): "Land Tribunal", "Pacific Command", "Northern Alliance".
_MORE_HEADS = words(
    "tribunal command secretariat directorate taskforce alliance coalition newsroom"
)


def org_named(words: list[str], text: str) -> bool:
    """ "Federal Reserve", "Labour Party", "Treasury": the last word says organisation.
    `text` is " ".join(words)."""
    last = words[-1].lower()
    if (last not in nw.ORG_HEADS and last not in _MORE_HEADS) or gz.lookup_place(text):
        return False
    return len(words) > 1 or last in SINGLE_ORG_HEADS


def body_named(words: list[str], text: str, label: str) -> bool:
    """The name's last word says it is a body: over a place or no-name guess when it is an
    organisation's head ("Federal Reserve"), over a person too when no person's name ends
    in it ("Labour Party"); so does a bank's or a company's first word ("Banque Paribas"),
    and a body's head before "of" ("Cabinet of Israel")."""
    if (
        len(words) > 1
        and label != "ORG"
        and (words[0].lower() in BODY_FIRST_WORDS or words[-1].lower() in cn.PARTY_PLURALS)
    ):
        return True  # "Banque Paribas"; "Ontario Greens", a party, not a place
    if (
        len(words) > 1
        and label in ("LOC", "MISC", "O")
        and words[-1].lower() in COMPANY_HEADS
        and gz.lookup_place(text) is None
    ):
        return True  # "Daiwa Securities", "Boeing Industries": no place ends so
    if len(words) > 1 and words[0] in ("Los", "Las") and label != "ORG":
        return gz.lookup_place(text) is None  # "Los Zetas", "Los Pumas"; not Los Angeles
    if len(words) > 2 and words[1] == "of" and words[0].lower() in nw.ORG_HEADS:
        # "Cabinet of Israel", "Government of Japan": a body's head and what it is of;
        # not "Union of Soviet Socialist Republics", a place the gazetteer knows.
        return label != "ORG" and gz.lookup_place(text) is None
    if label in ("LOC", "MISC", "O"):
        return org_named(words, text)
    return label == "PER" and len(words) > 1 and words[-1].lower() in NEVER_PERSON_HEADS


def initials_org(text: str, common: frozenset[str]) -> bool:
    """An acronym the tagger took for no name ("IBM", "OSCE", "KDP"): in news copy one
    mostly names a body, unless it is a common word set in capitals. (A place is LOC by
    now, `relabel`; an initialism that names none, GMT or CEO, was dropped, `junk`.)"""
    return INITIALS.fullmatch(text) is not None and text.lower() not in common


def relabel(text: str, label: str, sources: frozenset[str]) -> str:
    """Gazetteer and source-list knowledge over the statistical guess."""
    if gz.is_demonym(text):
        return "MISC"
    if text in nw.KNOWN_ORGS or gz.key(text) in sources:
        return "ORG" if label != "PER" or text in nw.KNOWN_ORGS else label
    place = gz.lookup_place(text)
    if place is not None:
        if place.kind == "country" or place.kind == "region":
            return "LOC"
        if label in ("O", "MISC", "PER"):
            return "LOC"
    return label


@lru_cache(maxsize=1 << 14)
def not_name(text: str, sports: bool) -> bool:
    """Role words, fragments, events, works, ships, diseases and share indices are no
    person, place or organisation."""
    return (
        cn.is_role(text)
        or cn.is_fragment(text)
        or cn.is_junk(text)
        or cn.is_event(text, sports=sports)
        or cn.is_market_index(text)
        or things.is_vessel(text)
        or things.is_disease(text)
        or things.is_product(text)
        or things.is_programme(text)
    )


def join_and(tokens: list[str], spans: list[Span]) -> list[Span]:
    """ "Securities and Exchange Commission", "General Agreement on Tariffs and Trade",
    "Standard and Poor's": capitalised words joined by "and", "for", "on", "of" that the
    knowledge base knows as one body's name are one span (a plain "and" joins two names
    far more often). The words before the joiner need not have been a span of their own:
    "Standard" at a sentence start was cut as a common word."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        best = None
        for _ in range(3):
            # "Islamic State of Iraq and the Levant": a "the" may follow the joiner.
            the = start > 2 and tokens[start - 1] == "the"
            at = start - 1 - the
            if at < 1 or tokens[at] not in JOINERS or not tokens[at - 1][:1].isupper():
                break
            start = at - 1
            while start > 0 and tokens[start - 1][:1].isupper():
                start -= 1
            for cut in range(start, span.start - 1):
                if kb.lookup(" ".join(tokens[cut : span.end]), "organization") is not None:
                    best = Span(cut, span.end, " ".join(tokens[cut : span.end]))
                    break
            if best is not None:
                break
        if best is not None:
            while out and out[-1].end > best.start:
                out.pop()
            out.append(best)
        else:
            out.append(span)
    return out


JOINERS = frozenset({"and", "for", "on", "in", "of"})


def kb_relabel(toks: list[str], start: int, text: str, label: str, sports: bool) -> str:
    """What the knowledge base knows over the statistical guess: "Lib Dems" is a party,
    "Chelsea" a club in sports copy (but a place after "in", "at" ...)."""
    kind = cn.kb_kind(text, sports=sports)
    where = start > 0 and toks[start - 1].lower() in WHERE_WORDS
    if where and label != "LOC" and kb.is_town(text) and kind != "person":
        return "LOC"  # "at Chesterfield", "in Hove"
    if kind == "organization" and label != "ORG":
        place = gz.lookup_place(text)
        if place is None or (sports and place.kind != "country" and not where):
            return "ORG"
    elif kind == "person" and label != "PER" and gz.lookup_place(text) is None:
        return "PER"
    elif (
        label == "LOC"
        and kind is None
        and gz.lookup_place(text) is None
        and kb.lookup(text, "organization") is not None
        and not gz.is_town(text)
    ):
        return "ORG"  # "Celtic", "Spurs" outside sports copy: a club, and no town
    if label != "LOC" and not sports and kind is None and _city(text):
        return "LOC"  # "Gaza City", "New York City": outside sport, no club
    return label


def _city(text: str) -> bool:
    """A place's name and "City", no club's: "Gaza City", "Mexico City"."""
    head = text[:-5] if text.endswith(" City") else None
    return (
        bool(head)
        and kb.lookup(text, "organization") is None
        and (gz.lookup_place(text) is not None or gz.lookup_place(head) is not None)
    )


# A company's legal form, written with or without its dots ("S.p.A.", "N.V."). Narrower
# than `canonical.CORPORATE` (what folding drops): with that wider list one more CoNLL dev
# name became a wrong organisation (bench/entity_report.py, 2026-12-07).
LEGAL_FORMS = words(
    "inc co corp cos ltd plc ag ab nv sa spa gmbh llc lp llp bros cie bhd pty srl sarl"
)


def is_legal_form(word: str) -> bool:
    return word.lower().strip(",").replace(".", "") in LEGAL_FORMS


def company_words(text: str) -> bool:
    """A legal form among a name's words makes it a company's, never a person's."""
    return any(map(is_legal_form, text.split()))


FUNCTION_WORDS = words(
    "a an the and or but of in on at for to by from with as its his her their our this that "
    "these those it he she they we i said says"
)


def company_start(toks: list[str], start: int, end: int) -> int:
    """Where a company's name that ends in its legal form starts: a nationality or a
    trade before it is part of it ("British Petroleum Co PLC", "Manufacturers National
    Corp"), though the chunker cuts such words off a person's or a body's name."""
    if not any(map(is_legal_form, toks[start:end])):
        return start
    while start > 0 and end - start < 6:
        word = toks[start - 1]
        if word in ("'s", "’s") and start > 1 and toks[start - 2][:1].isupper():
            start -= 2  # "Moody's Investors Service Inc"
            continue
        if not word[:1].isupper() or not word.isalpha() or word.lower() in FUNCTION_WORDS:
            break
        start -= 1
    return start


# Words after a place's name that make the two a treaty's name: "the Kyoto protocol".
_TREATY_WORDS = frozenset(
    {"protocol", "protocols", "accord", "accords", "treaty", "convention", "conventions"}
    | {"agreement"}
)


def by_cues(
    toks: list[str], start: int, end: int, joined: str, label: str, margin: float, lineup: bool
) -> tuple[str, float]:
    """What the words around a span say of it: a leader's administration, a work's or a
    band's noun before it, a treaty's word after it, a team sheet's initial, a peer's
    title."""
    if label != "PER" and leader_of(toks, start, end, joined):
        label = "PER"
    if label != "PER" and role_before(toks, start, end, joined):
        label, margin = "PER", max(margin, 1.0)  # "analyst Rosario Ilacqua"
    if label != "PER" and _signs_off(toks, start, end):
        label, margin = "PER", max(margin, 1.0)  # "-- Luli Popescu, Bucharest Newsroom"
    if label == "LOC" and end < len(toks) and toks[end] in _TREATY_WORDS:
        return "MISC", max(margin, WORK_MARGIN)  # "the Kyoto protocol": a treaty
    if (named := named_after(toks, start, joined)) is not None:
        label, margin = named, max(margin, WORK_MARGIN)  # the noun outweighs a guess
    if lineup and end - start == 2 and is_initial(toks[start]) and kb.lookup(joined) is None:
        label, margin = "PER", 3.0  # "G Murphy; G Dempsey, B O'Driscoll"
    if label != "PER" and titled_initials(toks, start, end, joined):
        label, margin = "PER", 3.0  # "Vice President JD Vance"
    if label != "PER" and cn.is_peer(joined):
        label, margin = "PER", 3.0  # "the Duchess of Cambridge", read as a body's "X of Y"
    return label, margin


def _signs_off(toks: list[str], start: int, end: int) -> bool:
    """A wire reporter's name in a story's sign-off, before the newsroom: "-- Luli
    Popescu, Bucharest Newsroom 40-1 3120264"."""
    return (
        1 < end - start < 4
        and end + 2 < len(toks)
        and toks[end] == ","
        and any(t.lower() == "newsroom" for t in toks[end + 2 : end + 5])
    )


def titled_initials(toks: list[str], start: int, end: int, joined: str) -> bool:
    """Initials run together and a surname after a post ("President JD Vance",
    "Chairman JR Smith"): the tagger reads the capitals as a body's."""
    if end - start != 2 or not start or toks[start - 1].lower() not in nw.HEAD_TITLES:
        return False
    first, last = toks[start], toks[start + 1]
    return (
        2 <= len(first) <= 3
        and first.isalpha()
        and first.isupper()
        and last[:1].isupper()
        and last[1:].islower()
        and kb.lookup(first) is None
        and kb.lookup(joined) is None
    )
