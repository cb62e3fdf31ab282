"""What is a name, and which one: role words, events and fragments are no entity, and the
knowledge base folds an entity's aliases into one canonical name (so one page).

`entities.py` asks these questions of every candidate span; the word lists are ours,
written by hand from common knowledge (no data source).
"""

from __future__ import annotations

import functools
import re

from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.name_words import words
from newsgen.analysis.ner_model import load_model

# Words that say what someone does, not who: never a name alone ("Analysts", "MPs").
ROLE_WORDS = words(
    """
    analyst analysts expert experts official officials observer observers critic critics
    campaigner campaigners activist activists economist economists investor investors
    trader traders dealer dealers banker bankers executive executives boss bosses
    minister ministers mp mps msp msps mep meps mpp mpps mla mlas peer peers lord lords
    lordships
    shadow chancellor councillor councillors senator senators congressman congresswoman
    governor mayor judge judges magistrate magistrates prosecutor prosecutors lawyer
    lawyers solicitor barrister detective detectives inspector constable officer officers
    police spokesman spokeswoman spokesperson sources witnesses fly-half scrum-half
    full-back fullback flanker prop hooker winger striker midfielder defender goalkeeper
    keeper skipper captain coach manager chairman chief batsman bowler opener seamer
    spinner wicketkeeper all-rounder pitcher quarterback rookie veteran champion
    champions president premier secretary fans supporters voters viewers users
    consumers customers shoppers players gamers researchers scientists doctors nurses
    teachers pupils students parents commissioner commissioners
    beatle singer actor actress rapper guitarist drummer frontman producer novelist
    comedian presenter chef designer
    """
)
# Role words cut from the front of a name ("Fly-half Charlie Hodgson", "Shadow
# Chancellor Oliver Letwin"): not those that also start a body's name ("General Motors").
ROLE_PREFIX = ROLE_WORDS - words("chief president premier secretary police officer officers")
# "-based", "-born", "ex-": a word about a name, not part of it.
_AFFIX_RE = re.compile(r"-(?:based|born|led|ruled|sponsored|listed|owned|run|backed|bound)$|^ex-")
RANKS = words("lieutenant brigadier rear vice major general colonel commander field marshal")
# A party member's label before a name ("Democrat Walter Mondale").
PARTY_MEMBERS = words("democrat republican tory labour socialist communist liberal conservative")
# A party's members named together after their place or chamber ("Ontario Greens",
# "Scottish Conservatives", "House Democrats"): the party, a body, never a place.
PARTY_PLURALS = words(
    "democrats republicans tories socialists communists liberals conservatives greens"
)
# A lone compass word is a fragment ("the North has backed Russia"), never a name.
DIRECTIONS = words("north south east west northern southern eastern western central")
# The last word of a body's name, alone: a piece of a longer name, or a common noun.
LONE_HEADS = words(
    """
    department office league ministry bank committee commission council agency authority
    board bureau association federation union institute society foundation fund group
    company corporation court party club college university service network movement
    organisation organization exchange assembly academy channel olympic athletics
    government coalition army navy police military opposition republic alliance front
    ngo ngos church marine administration press strip state county province district
    territory mission radio television
    """
)
# Legal suffixes of company names.
CORPORATE = words("inc corp co cos ltd plc llc lp nv ag sa spa bv ab oy asa kk")
# Words that name no company alone, however a company's name starts with them.
GENERIC = words(
    "national international general american united first federal telecommunications "
    "communications financial services resources industries"
)
# Words only football reports use often.
FOOTBALL = words(
    """
    soccer goalkeeper goalless striker strikers midfielder midfielders premiership
    penalty equaliser equalizer header hat-trick keeper
    """
)
# Words of results and accounts tables ("Shr 20 cts vs 15 cts", "Revs", "Net"), and an
# organisation's suffix alone ("Co", "Corp"), an earthquake's magnitude scale ("Mw"):
# never a name.
TABLE_WORDS = words(
    """
    shr shrs net revs rev qtr qtrs mths avg dlrs dlr cts mln mlns bln pct oper loss
    profit assets deposits loans sales shares note vs co corp inc ltd plc co inc
    mw avgpric avgprice 1st 2nd 3rd 4th
    """
)
# Nationalities and believers name_words.DEMONYMS lacks: never a person or body alone.
MORE_DEMONYMS = words(
    """
    turkic chechen chechens moslem moslems muslim muslims kurd kurds islamist islamists tamil
    tamils basque basques bosnians shi'ites sikhs hindus jews christians catholics
    protestants iraqis afghans pakistanis iranians israelis palestinians confederate
    confederates native american americans shia shiite shiites sunni sunnis catholic roman
    orthodox evangelical evangelicals buddhist buddhists hindu sikh arab arabs
    """
)
# US state abbreviations of wire copy ("Boston, Mass.") -> the state.
# fmt: off
STATES = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ky": "Kentucky", "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts",
    "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri",
    "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "nh": "New Hampshire",
    "nj": "New Jersey", "nm": "New Mexico", "ny": "New York", "nc": "North Carolina",
    "nd": "North Dakota", "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota",
    "tenn": "Tennessee", "tex": "Texas", "va": "Virginia", "vt": "Vermont",
    "wash": "Washington", "wva": "West Virginia", "wis": "Wisconsin", "wyo": "Wyoming",
}
# fmt: on
# Last words of competitions, events, awards and works: not people, places or bodies.
EVENT_HEADS = words(
    """
    cup cups open championship championships games olympics olympiad trophy trophies
    award awards prix slam series bowl classic masters festival festivals show expo
    tournament marathon derby final finals war summit
    """
)
# Events and works named by one word, or a short fixed phrase.
EVENTS = words(
    """
    olympics paralympics oscars oscar grammys grammy baftas bafta emmys emmy brits
    wimbledon glastonbury eurovision wrestlemania euro ces e3
    """
)
EVENT_PHRASES = frozenset(
    {
        "six nations",
        "tour de france",
        "grand slam",
        "grand slams",
        "consumer electronics show",
        "national convention",  # a party's: "Republican National Convention"
        "grand national",
        "super bowl",
        "world series",
        "champions league",
        "premiership",
        "world cup",
        "ashes",
        "the ashes",
        "golden globes",
        "golden globe",
        "mercury prize",
        "booker prize",
        "turner prize",
        "state of the union",  # the president's address to Congress
        "queen's speech",
        "king's speech",
    }
)
# Storms are named like people, after the word that says what they are.
STORMS = words("hurricane typhoon cyclone storm")
# "Wimbledon" is a tournament in sports copy and a London district elsewhere.
_PLACE_EVENTS = words("wimbledon")


# Share indices: a market's figure, not a body ("the Hang Seng fell 2%"), however often
# a market report names one; CoNLL files them as miscellaneous names, as we do.
MARKET_INDICES = frozenset(
    {
        "hang seng", "hang seng index", "nikkei", "nikkei 225", "nikkei average", "cac",
        "cac 40", "dax", "xetra dax", "ftse", "ftse 100", "ftse 250", "footsie", "ny dow",
        "dow jones average", "dow jones industrial average", "nasdaq composite", "s&p 500",
        "topix", "kospi", "sensex", "nifty", "ibex", "ibex 35", "smi", "bovespa", "merval",
        "stoxx", "euro stoxx", "euro stoxx 50", "asx 200", "all ordinaries",
        "straits times index", "taiex", "psei", "kse 100",
        # oil's benchmark crudes, quoted like indices ("Brent crude rose to $80")
        "brent crude", "brent crude oil", "west texas intermediate", "wti",
    }
)  # fmt: skip


def is_market_index(text: str) -> bool:
    """ "Hang Seng", "CAC 40", "Nikkei", and a stats line's "Hang Seng-tl": an index."""
    k = gz.key(text)
    return k in MARKET_INDICES or k.partition("-")[0] in MARKET_INDICES


# The US Congress, its chambers, its Supreme Court and two departments with the country
# in front: the same body a story also calls "Congress", "the Senate", "the House" or "the
# Supreme Court", so one page whichever it writes. (Other departments keep the country:
# "Department of Health" alone is as often Britain's.)
_US_PREFIXED = re.compile(
    r"(?:U\.S\.?|US|United States) +(Congress|House of Representatives|Supreme Court"
    r"|State Department|Justice Department|(?:Senate|House)(?: .+)?)"
    r"|(Supreme Court) of the United States"
)


# "U.S. Navy", "US Navy" and "United States Navy": one public body, so one page, named
# in full. Only a public body's name is spelt out: "US West" and "US Airways" are
# companies' own names, and "USA Today" keeps its name.
_US_SHORT = re.compile(r"(?:U\.S\.|US) +(?=[A-Z])")
_PUBLIC_BODIES = words(
    """
    navy army force corps guard command department agency commission court government
    treasury embassy military forces service administration office bureau council board
    authority mission marshals
    """
)


def us_spelled_out(name: str) -> str:
    """ "U.S. Central Command" -> "United States Central Command"."""
    m = _US_SHORT.match(name)
    if m is None or name.rsplit(" ", 1)[-1].lower() not in _PUBLIC_BODIES:
        return name
    return "United States " + name[m.end() :]


# The last word of a country's division: a region, never a person or a body ("Krasnodar
# Krai", "Borno State", "Los Angeles County", "Balochistan Province").
ADMIN_DIVISIONS = words(
    "krai oblast okrug governorate prefecture province voivodeship canton county region "
    "municipality state"
)


def is_admin_division(name: str) -> bool:
    """A division's name of two words or more ("Minas Gerais", "Republika Srpska"), or a
    place or a division the open lists know then a division's word ("Borno State"), and
    no body or person the knowledge base knows ("Islamic State" is a body, "Garden State"
    no division the lists know)."""
    head, _, last = name.rpartition(" ")
    if not head or head.count(" ") > 1:
        return False
    if not gz.is_subdivision(name) and (
        last.lower() not in ADMIN_DIVISIONS
        or (gz.lookup_place(head) is None and not gz.is_subdivision(head))
    ):
        return False
    return kb.known_kind(name) is None


def without_us_prefix(name: str) -> str:
    """ "U.S. Senate" -> "Senate", "United States House of Representatives" -> "House of
    Representatives", "US Senate Finance Committee" -> "Senate Finance Committee"."""
    m = _US_PREFIXED.fullmatch(name)
    if m is None:
        return name
    rest = m.group(1) or m.group(2)
    return "House of Representatives" if rest == "House" else rest


# A peer named by the title ("the Duchess of Cambridge", "the Earl of Wessex"): British copy
# names royals and peers so, and the tagger reads "X of Y" as a body's name.
_PEER = re.compile(
    r"(?:Duke|Duchess|Prince|Princess|Earl|Countess|Marquess|Marchioness|Viscount"
    r"|Viscountess|Baron|Baroness) of [A-Z][a-z]+"
)


# A middle initial as wire copy writes it: "H.", "H", "H.W." (not "II" of "Soul II Soul").
_INITIAL = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,3}")
# Arabic's article, which some copy writes and some leaves out ("Bashar al-Assad",
# "Bashar Assad"): a prefix, or a word of its own.
_ARTICLE = re.compile(r"^(?:(?:al|el)-(?=\w)|(?:al|el)$)", re.IGNORECASE)


def _without_articles(parts: list[str]) -> list[str]:
    """A name's words after the first without Arabic's article."""
    out = [parts[0]]
    for p in parts[1:]:
        bare = _ARTICLE.sub("", p, count=1)
        if bare:
            out.append(bare)
    return out


def _plain_key(name: str) -> str:
    return gz.key(" ".join(_without_articles(name.split())))


def person_page_name(name: str) -> str:
    """The name a person's page is known by: without middle initials ("Donald H.
    Rumsfeld" is "Donald Rumsfeld") or Arabic's article ("Bashar al-Assad" is "Bashar
    Assad"), which some copy writes and some leaves out, and without middle names where
    the knowledge base knows the person by first name and surname ("Hillary Rodham
    Clinton"). The name stays whole where the knowledge base knows the shorter one as
    someone else ("George P. Bush": "George Bush" is George W Bush), or it starts with an
    initial."""
    parts = name.split()
    if len(parts) < 2 or _INITIAL.fullmatch(parts[0]):
        return name
    core = _without_articles(parts)
    if len(core) < 2:
        return name
    core = [core[0], *(p for p in core[1:-1] if not _INITIAL.fullmatch(p)), core[-1]]
    bare = " ".join(core)
    if len(core) > 2:
        short = f"{core[0]} {core[-1]}"
        entry = kb.lookup(short, "person")
        if entry is not None and _plain_key(entry.name) == gz.key(short):
            return short
    if bare == name:
        return name
    entry = kb.lookup(bare, "person")
    if entry is not None and _plain_key(entry.name) != gz.key(bare):
        return name
    return bare


def is_peer(text: str) -> bool:
    """ "Duke of Edinburgh", "Countess of Wessex": a person; not "Prince of Wales Hospital"."""
    return _PEER.fullmatch(text) is not None


def is_role(text: str) -> bool:
    """The name says what someone does: "Analysts", "Shadow", "Tory MPs", "U.S. Officials"."""
    ws = gz.key(text).split()
    if not ws or (ws[-1] not in ROLE_WORDS and ws[-1] not in nw.HEAD_TITLES):
        return False
    return all(
        w in ROLE_WORDS
        or w in nw.HEAD_TITLES
        or w in nw.TITLE_MODIFIERS
        or gz.is_demonym(w)
        or gz.lookup_place(w) is not None
        or kb.lookup(w, "organization") is not None
        for w in ws[:-1]
    )


def is_junk(text: str) -> bool:
    """Table words, nationalities, and a run of capitals longer than an acronym that
    the gazetteer and the knowledge base do not know ("BOCA RATON", "AUTOMATION"): in
    news copy such a run is a heading or a dateline, not a name the tagger can type."""
    ws = gz.key(text).split()
    if all(w.strip(".") in TABLE_WORDS for w in ws) or all(w in MORE_DEMONYMS for w in ws):
        return True
    letters = text.replace(" ", "").replace(".", "")
    return (
        letters.isupper()
        and len(letters) > 5
        and any(len(w) > 4 for w in text.split())
        and gz.lookup_place(text) is None
        and kb.lookup(text) is None
    )


def role_prefix(tokens: list[str]) -> int:
    """How many leading tokens say what or where someone is rather than who: role words
    ("Fly-half Charlie Hodgson"), ranks ("Major-General"), "New York-based", "ex-Yankee",
    a party ("Democrat Walter Mondale")."""
    n = 0
    while n < len(tokens) - 1 and _prefix_word(tokens[n], tokens[n + 1]):
        n += 1
    if n and any(t.lower() in nw.ORG_HEADS for t in tokens[n:]):
        return 0  # a body's name: "Major League Baseball", "Lord's Resistance Army"
    return n


def _prefix_word(tok: str, nxt: str) -> bool:
    low = tok.lower()
    if low in ROLE_PREFIX or _AFFIX_RE.search(low):
        return True
    if "-" in low and all(p in nw.HEAD_TITLES or p in RANKS for p in low.split("-")):
        return True  # "Major-General", "Lieutenant-Colonel"
    return low in PARTY_MEMBERS and kb.is_given_name(nxt.lower())


def is_event(text: str, *, sports: bool) -> bool:
    """A competition, event, award or work: "Davis Cup", "Grand Slam", "US Open"."""
    k = gz.key(text)
    ws = k.split()
    if not ws:
        return False
    if len(ws) == 1 and ws[0] in EVENTS and ws[0] not in _PLACE_EVENTS:
        return True
    if k in EVENT_PHRASES or any(k[i + 1 :] in EVENT_PHRASES for i in _spaces(k)):
        return True  # "Six Nations", "RBS Six Nations"
    if ws[0] in _PLACE_EVENTS and len(ws) == 1:
        return sports
    if len(ws) > 1 and ws[0] in STORMS:
        return True  # "Hurricane Irma", "Typhoon Haiyan": weather, not a person
    if len(ws) == 2 and ws[1] == "fire" and not sports and gz.lookup_place(ws[0]) is None:
        return True  # "Thomas Fire", "Camp Fire": a wildfire; "Chicago Fire" plays
    if len(ws) > 1 and ws[-1] in ("league", "tour"):
        # "American League", "PGA Tour": competitions, unless a body ("Arab League").
        return kb.lookup(text, "organization") is None and not gz.is_demonym(ws[0])
    return len(ws) > 1 and ws[-1] in EVENT_HEADS and gz.lookup_place(text) is None


# The second word of a country's name whose first word does the naming: alone, it is a
# piece of "North Korea" or "New Zealand", not a place of its own.
COUNTRY_TAILS = frozenset({"korea", "arabia", "zealand", "lanka", "kong", "rica", "leone"})


def _spaces(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c == " "]


def is_fragment(text: str) -> bool:
    """A compass word alone ("North"), a body's head alone ("Department", "League"), or
    a country's name without the word that makes it one ("Korea" of "North Korea")."""
    k = gz.key(text)
    return k in DIRECTIONS or k in LONE_HEADS or k in COUNTRY_TAILS


def state_abbreviation(text: str) -> str | None:
    """ "Fla", "Mass.", "W. Va": a US state as datelines and addresses shorten it."""
    return STATES.get(text.replace(".", "").replace(" ", "").lower())


def canonical(kind: str, text: str, *, football: bool = False, sports: bool = False) -> str | None:
    """The knowledge base's name for `text` of `kind` ("Tories" -> "Conservative Party").
    A city's name is its football club's only in football copy: "Birmingham" ->
    "Birmingham City FC" there, but a cricket or rugby side of that city is no such club.
    A name two bodies share is the sporting one's in sports copy ("ECB")."""
    entry = kb.in_sports_copy(text, kind) if sports or football else None
    if entry is None:
        entry = kb.lookup(text, kind)
    if entry is None and text.isupper() and len(text) > 4:
        entry = kb.lookup(text.title(), kind)  # "MOODY" in a headline in capitals
    if entry is None:
        return None
    if entry.flags == "club" and not football and gz.lookup_place(text) is not None:
        return None
    return entry.name


@functools.lru_cache(maxsize=1 << 13)
def fold_company(name: str) -> str:
    """A company without its legal suffix ("Caesars World Inc" -> "Caesars World",
    "GenCorp Inc" -> "GenCorp"), and a body without a leading "The" where two words or
    more remain ("The New York Times"): one body, one page, however a story writes it."""
    words_ = name.split()
    if len(words_) > 2 and words_[0] == "The":
        del words_[0]
    while len(words_) > 1 and words_[-1].lower().rstrip(".") in CORPORATE:
        words_.pop()
    last = words_[0].lower()
    if len(words_) == 1 and (last in load_model().common or last in LONE_HEADS or last in GENERIC):
        return name  # "Trust Co", "National Corp": no name without the suffix
    return " ".join(words_)


def is_football(token_lines: list[list[str]]) -> bool:
    """Football (soccer) copy: a sports story that speaks of goals, strikers or keepers."""
    return any(t.lower() in FOOTBALL for toks in token_lines for t in toks)


@functools.lru_cache(maxsize=1 << 14)
def kb_kind(text: str, *, sports: bool) -> str | None:
    """The kind the knowledge base gives a name ("Lib Dems": organisation). A football
    club's bare name ("Chelsea", "Brown") says organisation only in sports copy."""
    entry = kb.lookup(text, "organization")
    if entry is not None and entry.flags == "club" and not sports:
        entry = None
    if entry is not None:
        return "organization"
    if kb.lookup(text, "person") is not None:
        return "person"
    if " " not in text:
        # A surname our list says means one person alone ("Chirac", "Kennedy"), outside
        # sports copy, where players go by their surnames; not a word ("Straw polls").
        entry = None if sports else kb.by_surname(text)
        if entry is None or entry.flags != "surname":
            return None
        return None if text.lower() in load_model().common else "person"
    return kb.known_kind(text)
