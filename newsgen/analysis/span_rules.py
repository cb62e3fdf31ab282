"""Rules for one candidate span where it stands in its line: spans that name nothing,
where a name ends (a post after a body's name, a chamber's leader's title), and what a
name's neighbours say of its kind (a firm's "and Co", a sports report's tables and
grounds). `entities._mentions` applies them in turn."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis import name_words as nw
from newsgen.analysis.entity_rules import junk, not_name
from newsgen.analysis.ner_model import load_model
from newsgen.analysis.ner_sports import athlete, cricketer, is_initial, team_row
from newsgen.analysis.noun_cues import work_cued

_NAME_CHARS = re.compile(r"[A-Za-z]")

_LIST_MARKS = frozenset({",", ";", ".", "(", ")"})


def is_lineup(toks: list[str]) -> bool:
    """A team sheet: three names or more written as an initial and a surname, each closed
    by a list's punctuation ("G Murphy; G Dempsey, B O'Driscoll (capt),"), which the
    tagger, seeing no full stop after the initial, takes for bodies or places."""
    n = len(toks)
    listed = 0
    # One-character tokens found in C (`len` mapped); most lines have few, and no initial.
    for i in compress(range(n - 1), map((1).__eq__, map(len, toks))):
        if (
            is_initial(toks[i])
            and toks[i + 1][:1].isupper()
            and (i + 2 == n or toks[i + 2] in _LIST_MARKS)
        ):
            listed += 1
    return listed >= 3


def squad_start(toks: list[str], least: int = 4) -> int:
    """Where a team sheet of surnames starts in the line, or -1: `least` names or more,
    each of one to three capitalised words, between commas, a substitute's
    "(Berkovic 83)" allowed, after a heading's colon if any ("Portsmouth: Ashdown,
    Griffin, De Zeeuw, Stone (Cisse 76)", "Subs not used: Lehmann, Fabregas"). Players,
    all of them, whom the tagger reads as bodies and places by the numbers beside them."""
    colon = next((i for i, t in enumerate(toks[:6]) if t == ":"), -1)
    items = run = commas = 0
    for tok in toks[colon + 1 :]:
        if tok in _LIST_MARKS:
            commas += tok in (",", ";")
            if 0 < run <= 3:
                items += 1
            elif run > 3:
                return -1
            run = 0
        elif tok[:1].isupper() or tok[:1] in "'’" or tok in _NAME_JOINS:
            run += 1
        elif not tok.isdigit():
            return -1  # a word in lower case: a sentence, not a sheet
    # Commas between the names: a results row ("Zorvan (Italy) 92 Kelmet (Russia) 81")
    # has brackets and numbers, but no list.
    enough = items + (0 < run <= 3) >= least and commas >= least - 1
    return colon + 1 if enough else -1


# A side's eleven and its substitutes: a line of this many names says the story is a
# match report, however few of its words are sports words.
TEAM_SHEET = 10


_NAME_JOINS = nw.SURNAME_PARTICLES | {"-"}


# A word before a number that is a grade or a provision, not a name ("Category 5",
# "Section 527 of the tax code", "Article 5").
_BEFORE_NUMBERS = frozenset(
    {"category", "phase", "level", "stage", "tier", "grade"}
    | {"section", "article", "clause", "chapter", "paragraph", "schedule", "subsection"}
)
# What follows a firm's founders' names: "Kleinwort Grieveson and Co", "Smith & Sons".
_FIRM_TAILS = frozenset(
    {"co", "cos", "company", "cie", "sons", "partners", "associates", "laboratories", "labs"}
)
_FIRM_JOINS = frozenset({"and", "&", "und", "et"})
# A chamber's leader's title cut short: "Senate Majority leader Bill Frist" names the Senate.
LEADS = frozenset({"Majority", "Minority"})


@lru_cache(maxsize=1 << 14)
def _names_nothing(joined: str, sports: bool) -> bool:
    """No letter, junk, or no name whatever surrounds it: the same spans recur story after
    story, and these tests read the span's words alone."""
    return not _NAME_CHARS.search(joined) or junk(joined) or not_name(joined, sports)


def no_candidate(
    toks: list[str], start: int, end: int, joined: str, sentence_start: bool, sports: bool
) -> bool:
    """A span that names nothing: no letter, junk, a ticker, or a news word that only
    starts a sentence. `joined` is " ".join(toks[start:end]), so a letter in it is a
    letter in a word."""
    if _names_nothing(joined, sports):
        return True
    if (
        end - start == 1
        and end < len(toks)
        and toks[end][:1].isdigit()
        and joined.lower() in _BEFORE_NUMBERS
    ):
        return True  # "Category 5", "Phase 3", "Level 4": a grade, not a name
    if start > 0 and (
        toks[start - 1] == "<" or (toks[start - 1] == "." and end < len(toks) and toks[end] == ">")
    ):
        return True  # a stock ticker: "<GENA>", "<SGEP.PA>"
    if _interview_label(toks, start, end, joined):
        return True
    return (
        end - start == 1
        and sentence_start
        and joined.lower() in load_model().news_words
        and kb.lookup(joined) is None
    )  # "Tariffs rose", "Barley fell": a word at a sentence start


def _interview_label(toks: list[str], start: int, end: int, joined: str) -> bool:
    """An interview's speaker initials before a colon at a line's start or after another
    answer ("DS: Why?"): no body, unless the knowledge base knows the letters."""
    return (
        end - start == 1
        and end < len(toks)
        and toks[end] == ":"
        and (start == 0 or toks[start - 1] == ":")
        and 2 <= len(joined) <= 3
        and joined.isalpha()
        and joined.isupper()
        and kb.lookup(joined) is None
    )


# Posts written after their body's name: "White House Press Secretary", "Treasury
# Spokesman". Not "King" or "Director" (Burger King, Stephen King, a film's Director).
_POSTS = frozenset(
    {"secretary", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman"}
    | {"minister"}
)

_POST_WORDS = _POSTS | {"press"}  # "Press Secretary"


def a_firms(toks: list[str], start: int, end: int, person_end: int) -> bool:
    """A name the tagger read as a person's that its neighbours say is a firm's: after a
    person's "of" ("analyst Jim Ross of L.F. Rothschild"), before "and Co" ("Kleinwort
    Grieveson and Co", "Hoffmann-La Roche und Co", "Dillon, Read and Co") or a wire's
    ticker ("<GMHC>"), or with a body's word joined by a hyphen ("Manufacturers
    Bank-Wilmington")."""
    if start == person_end + 2 and toks[start - 1] == "of":
        return True
    if end < len(toks) and toks[end] == "<":
        return True
    join = end
    if end + 3 < len(toks) and toks[end] == "," and toks[end + 1][:1].isupper():
        join = end + 2  # "Dillon, Read and Co Inc": the partners' names before "and Co"
    if join + 1 < len(toks) and toks[join] in _FIRM_JOINS:
        # "and Co", or a firm's name run on: "Smith Kline and French Laboratories"; not
        # any body's head ("Kofi Annan and World Trade Organisation", "and Senate").
        for t in toks[join + 1 : join + 4]:
            if t.rstrip(".").lower() in _FIRM_TAILS:
                return True
            if not t[:1].isupper():
                break
    return any(
        "-" in t and any(p.lower() in nw.ORG_HEADS for p in t.split("-")) for t in toks[start:end]
    )


def firm_partner(toks: list[str], start: int, end: int, firm_end: int) -> bool:
    """One word after "and" that closes the firm a person spoke for ("Carol Bell of
    Phillips and Drew"): the firm's second partner, not a person (`firm_end`: the last
    token of that firm's name); not a person of another firm ("... and Jones of IBM")."""
    return (
        end - start == 1
        and start == firm_end + 2
        and toks[start - 1] in ("and", "&")
        and (end == len(toks) or toks[end] not in ("of", ","))
    )


def before_cut_post(toks: list[str], start: int, end: int) -> int:
    """Where a body's name ends whose post the chunker split off ("White House Press" |
    "Secretary Dana Perino"): before the post's own words ("Press")."""
    while end - start > 1 and end < len(toks) and toks[end].lower() in _POSTS:
        if toks[end - 1].lower() not in _POST_WORDS:
            break
        end -= 1
    return end


def before_post(words: list[str]) -> int:
    """How many of a body's words come before a post that closes it ("White House Press
    Secretary" -> 2); all of them where none does, or where nothing would be left."""
    n = len(words)
    if n < 2 or words[-1].lower() not in _POSTS:
        return n
    k = n - 1
    while k > 0 and (
        words[k - 1].lower() in nw.TITLE_MODIFIERS or words[k - 1].lower() in _POST_WORDS
    ):
        k -= 1
    return k if k > 0 and "of" not in words[:k] else n


# Posts a body's name may run into before its holder's name, beyond the titles.
_MIDDLE_POSTS = nw.HEAD_TITLES | nw.words(
    "commissioner superintendent sheriff marshal treasurer attorney editor counsel"
)


def person_after_post(words: list[str]) -> int:
    """Where a person's name starts after a body's post in one run of capitals
    ("Victorian Police Commissioner Christine Nixon" -> 3: a first name and more after
    the post); 0 where none does. A post that opens the run is `role_prefix`'s."""
    for k in range(1, len(words) - 2):
        if words[k].lower() in _MIDDLE_POSTS and kb.is_given_name(words[k + 1].lower()):
            return k + 1
    return 0


def in_sports(
    toks: list[str], start: int, end: int, joined: str, label: str, margin: float, numbers: int
) -> tuple[str, float]:
    """A sports story's own rules for a span: teams in tables, players, grounds."""
    if (
        label in ("PER", "O")
        and team_row(toks, start, end, numbers)
        and joined.lower() not in load_model().common
    ):
        return "ORG", 3.0  # "Hanwha 58 1 49 .542 6"
    if label != "PER" and (athlete(toks, start, end, joined) or cricketer(toks, start, end)):
        return "PER", 3.0
    if label == "PER" and end - start == 1 and start and toks[start - 1] == "at":
        return "LOC", margin  # "at Headingley": a ground, not a player
    if (
        label != "ORG"
        and end < len(toks)
        and toks[end] in _SIDE_NOUNS
        and gz.lookup_place(joined) is None
        and not gz.is_demonym(joined)  # "Austrian coach Herbert Prohaska"
        and kb.lookup(joined, "person") is None
    ):
        return "ORG", max(margin, 1.0)  # "Pompey striker Ricardo Fuller": a side's man
    return label, margin


# Lower-case nouns after a side's name ("Pompey coach", "Gunners striker"), not after a
# player's or a place's (a country's side is the country's name, as the wire tags it).
_SIDE_NOUNS = frozenset(
    {"coach", "manager", "boss", "striker", "defender", "midfielder", "keeper"}
    | {"goalkeeper", "defence", "fans", "skipper", "chairman", "squad"}
)


def in_a_work(toks: list[str], start: int, joined: str, sports: bool) -> bool:
    """A part in a work just before the name ("his latest role in Finding Neverland"),
    outside sports copy, for a name the KB and the gazetteer do not know."""
    return (
        not sports
        and work_cued(toks, start, parts=True)
        and kb.lookup(joined) is None
        and gz.lookup_place(joined) is None
    )
