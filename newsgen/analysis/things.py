"""Things news capitalises like names that are no person, place or organisation:
diseases ("Ebola"), products ("Sony PSP", "Windows XP"), television programmes
("EastEnders") and ships ("USS Cole")."""

from __future__ import annotations

from newsgen.analysis import gazetteer as gz
from newsgen.analysis import name_words as nw
from newsgen.analysis.name_words import words

# A ship's prefix: "USS George H. W. Bush", "HMS Belfast", "MV Hondius" name a vessel, no
# person or body. ("INS" is as often the US immigration service, "SS" the Nazi corps.)
_SHIPS = frozenset({"uss", "usns", "hms", "hmas", "hmcs", "hmnzs", "rms", "mv"})


# Diseases news capitalises like names ("Ebola", "Zika"): no body, person or place.
DISEASES = words(
    """
    ebola zika covid covid-19 coronavirus sars mers h1n1 h5n1 hiv aids malaria cholera
    measles polio tuberculosis mpox monkeypox dengue anthrax
    """
)


def is_disease(text: str) -> bool:
    """ "Ebola", "Zika": a disease."""
    return gz.key(text) in DISEASES


# Products news capitalises like names ("the Sony PSP", "Halo 2", "Windows XP"), which the
# tagger reads as their makers: no body, person or place. Their makers are ("Sony").
PRODUCTS = nw.phrases(
    """
    psp, sony psp, playstation, playstation 2, playstation 3, playstation 4, playstation 5,
    playstation portable, ps2, ps3, ps4, ps5, xbox, xbox 360, xbox one, ipod, ipod mini,
    ipod nano, ipod shuffle, iphone, ipad, itunes, imac, macbook, nintendo ds, ds lite,
    game boy, gameboy, wii, wii u, gamecube, n-gage, halo, halo 2, halo 3, windows,
    windows xp, windows vista, windows 7, windows 10, windows messenger, msn messenger,
    internet explorer, firefox, walkman, kindle, android, gmail, google earth, google maps,
    blu-ray, hd dvd, linux, ds, mac
    """
)


def is_product(text: str) -> bool:
    """ "Sony PSP", "Xbox 360", "Windows XP": a product, not its maker."""
    return gz.key(text) in PRODUCTS


# Long-running television programmes news names with no "the show" before them, which
# the tagger reads as places ("Little Britain") or bodies ("EastEnders").
_PROGRAMME_NAMES = nw.phrases(
    """
    eastenders, coronation street, emmerdale, hollyoaks, the archers, doctor who,
    little britain, top gear, blue peter, match of the day, newsnight, question time,
    strictly come dancing, the x factor, x factor, pop idol, american idol,
    the simpsons, desperate housewives, grey's anatomy, the sopranos, the apprentice
    """
)
PROGRAMMES = frozenset(map(gz.key, _PROGRAMME_NAMES))  # "The Archers" is "archers"


def is_programme(text: str) -> bool:
    """ "EastEnders", "Little Britain": a television programme."""
    return gz.key(text) in PROGRAMMES


def is_vessel(text: str) -> bool:
    """ "USS Cole", "MV Hondius": a ship."""
    first, _, rest = text.partition(" ")
    return bool(rest) and first.lower() in _SHIPS
