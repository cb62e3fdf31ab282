"""What the noun just before a name says it is: a work's title ("the film Finding
Neverland"), a band ("Glasgow band Franz Ferdinand"), a firm ("retailer Sears Roebuck"),
a person ("analyst Rosario Ilacqua")."""

from __future__ import annotations

from newsgen.analysis import canonical as cn
from newsgen.analysis import gazetteer as gz
from newsgen.analysis import kb
from newsgen.analysis.name_words import ORG_HEADS, words
from newsgen.analysis.ner_spans import BREAKS

# Nouns that name a work just before its title ("the film Finding Neverland", "the game
# Halo 2", "the show Little Britain"): a work is no person, place or organisation.
WORK_NOUNS = words(
    """
    film films movie movies album albums single singles song songs game games show shows
    series sitcom drama documentary novel musical blockbuster biopic comedy thriller
    memoir book sequel soap programme programmes cartoon
    """
)
# The margin a noun before a name gives its label ("the film ...", "the band ...").
WORK_MARGIN = 6.0
# A part in a work: "starring in Sideways", "his latest role in Finding Neverland". Not
# "stars in" or "appeared in" (a side's stars, a court), nor a bare "role in" (a role in
# the talks).
_PART_IN = words("starring starred cameo")
_VERBS_TOO = words("show shows")
_SHOW_BEFORE = words("the a an his her their its new hit tv chat talk comedy quiz game radio")
_ROLE_KINDS = words("latest starring title lead leading supporting film screen debut")
# Nouns that name a band just before its name ("Glasgow band Franz Ferdinand"); not "duo"
# or "trio", which as often name two or three players ("Irish duo Malcolm O'Kelly and").
BAND_NOUNS = words("band bands rockers")
# Nouns that name a firm just before its name ("retailer Sears Roebuck", "brokerage L.F.
# Rothschild"): firms are named after their founders, so the tagger reads people. Not
# "broker" or "stockbroker", which name a person as often ("said broker Shakil Rizvi"),
# but after a person's "of" a stockbroker is the firm they speak for ("Peter Lane of
# stockbroker Hoare Govett").
FIRM_NOUNS = words(
    "brokerage brokerages firm retailer carmaker chipmaker drugmaker insurer brewer conglomerate"
)
_OF_FIRM_NOUNS = words("stockbroker stockbrokers broker brokers")


def work_cued(toks: list[str], start: int, *, parts: bool = False) -> bool:
    """A work's noun just before the name at `start` ("the film Finding Neverland"); with
    `parts`, also a part in a work ("his latest role in Finding Neverland"), which only
    copy outside sports says so (a player "starred in" a club's win)."""
    if not start:
        return False
    prev = toks[start - 1].lower()
    if prev in WORK_NOUNS:
        # "show" is a verb as often ("polls show Bush ahead"): a noun after a determiner
        # or a broadcaster's name ("the show", "BBC show", "chat show").
        if prev not in _VERBS_TOO:
            return True
        before = toks[start - 2] if start > 1 else ""
        named = before[:1].isupper() and start > 2 and toks[start - 3] not in BREAKS
        return named or before.lower() in _SHOW_BEFORE
    if _listed_work(toks, start) and not kb.is_given_name(toks[start].lower()):
        # "films such as Open Water, Napoleon Dynamite and Garden State"; not a person in
        # a careless list ("albums such as Red Hot Chili Peppers, Ben Harper")
        return True
    if not parts or prev != "in" or start < 2:
        return False
    before = toks[start - 2].lower()
    return before in _PART_IN or (
        before in ("role", "roles") and start > 2 and toks[start - 3].lower() in _ROLE_KINDS
    )


_LIST_JOINS = frozenset({",", "and"})
_HITS = WORK_NOUNS | words("hits")


def _listed_work(toks: list[str], start: int) -> bool:
    """A name in a list of titles that a work's plural noun opens ("movies such as Open
    Water, Napoleon Dynamite, Garden State and Super-Size Me"): walks back over the
    list's capitalised items to what stands before the first."""
    i = start - 1
    for _ in range(8):
        if i < 2:
            return False
        if toks[i] == "as":
            return toks[i - 1] == "such" and toks[i - 2].lower() in _HITS
        if toks[i] not in _LIST_JOINS:
            return False
        i -= 1
        while i > 0 and (toks[i][:1].isupper() or toks[i][:1].isdigit() or toks[i] == "-"):
            i -= 1
    return False


def named_after(toks: list[str], start: int, joined: str) -> str | None:
    """The label the noun just before a name gives it: a work's title is MISC, a band an
    organisation; None without such a noun (or for a name the knowledge base knows)."""
    prev = toks[start - 1].lower() if start else ""
    if work_cued(toks, start) and kb.lookup(joined) is None:
        return "MISC"
    firm = prev in FIRM_NOUNS or (prev in _OF_FIRM_NOUNS and start > 1 and toks[start - 2] == "of")
    if (prev in BAND_NOUNS or firm) and kb.lookup(joined) is None:
        return None if gz.is_demonym(joined) else "ORG"
    return None


# Roles only a person holds, in lower case before a name: not "manager", "dealer" or
# "investor", which a wire writes before a bank ("lead manager Banca Commerciale").
_PERSONS_ROLES = words(
    """
    analyst economist strategist spokesman spokeswoman spokesperson official lawyer
    prosecutor judge senator congressman congresswoman governor mayor detective inspector
    commissioner chairman chairwoman minister secretary ambassador singer actor actress
    rapper guitarist drummer novelist author comedian presenter chef designer
    """
)


def role_before(toks: list[str], start: int, end: int, joined: str) -> bool:
    """A person's role in lower case before a name of two or three words ("analyst
    Rosario Ilacqua", "economist Maria Lipson"), where the tagger read a place or
    nothing: a name the knowledge base and the gazetteer do not know, with no body's
    head or legal form among its words."""
    if not 2 <= end - start <= 3 or not start:
        return False
    role = toks[start - 1]
    return (
        role in _PERSONS_ROLES
        and not any(
            w.lower() in ORG_HEADS or w.lower().rstrip(".") in cn.CORPORATE for w in toks[start:end]
        )
        and kb.lookup(joined) is None
        and gz.lookup_place(joined) is None
    )
