"""The names news gives places beyond what the open lists hold: a country's other
spellings, historical states, regions and seas, former names of cities and countries,
England's and Wales's counties. `gazetteer` builds its table from these."""

from __future__ import annotations

from newsgen.analysis.name_words import words

# Extra spellings news text uses for a country (alpha-2 code).
COUNTRY_ALIASES = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "NZ": ("NZ", "N.Z."),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa"),
    "KR": ("Republic of Korea", "ROK", "S. Korea"),
    "KP": ("DPRK", "D.P.R.K.", "Democratic People's Republic of Korea", "N. Korea"),
    "RU": ("Russian Federation",),
    "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "NL": ("Holland", "The Netherlands"),
    "CZ": ("Czechia",),
    "MM": ("Burma",),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "TR": ("Türkiye", "Turkiye"),
    "VA": ("Vatican", "Holy See"),
    "PS": ("Palestinian Territories",),
}

# Historical states still common in archives.
EXTRA_PLACES = {
    "Soviet Union": ("USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"),
    "Yugoslavia": (),
    "Czechoslovakia": (),
    "East Germany": (),
    "West Germany": (),
    "Zaire": (),
    "Europe": (),
    "Asia": (),
    "Africa": (),
    "North America": (),
    "South America": (),
    "Latin America": (),
    "Antarctica": (),
    "Oceania": (),
    "Middle East": ("Mideast",),
    "Gulf": (),
    "Balkans": (),
    "Caribbean": (),
    "Scandinavia": (),
    "Siberia": (),
    "Kashmir": (),
    "Gaza": ("Gaza Strip",),
    "West Bank": (),
    "Crimea": (),
    "Chechnya": (),
    "Kosovo": (),
    "Tibet": (),
    "Hong Kong": (),
    "England": (),
    "Scotland": (),
    "Wales": (),
    "Northern Ireland": (),
    "Ulster": (),
    # Seas, oceans, straits and other regions news names every day ("tensions in the South
    # China Sea" gave a place called "China Sea"). Only names of two words or more: a
    # bare "Pacific" or "Atlantic" is as often a company's or a club's word.
    "South China Sea": (),
    "East China Sea": (),
    "Black Sea": (),
    "Red Sea": (),
    "Mediterranean Sea": (),
    "Persian Gulf": ("Arabian Gulf",),
    "Gulf of Mexico": (),
    "Gulf of Aden": (),
    "Gulf of Oman": (),
    "Strait of Hormuz": (),
    "Taiwan Strait": (),
    "Sea of Japan": (),
    "North Sea": (),
    "Baltic Sea": (),
    "Caspian Sea": (),
    "Aegean Sea": (),
    "Adriatic Sea": (),
    "Arabian Sea": (),
    "Sea of Azov": (),
    "Dead Sea": (),
    "Indian Ocean": (),
    "Pacific Ocean": (),
    "Atlantic Ocean": (),
    "Arctic Ocean": (),
    "Southern Ocean": (),
    "English Channel": (),
    "Suez Canal": (),
    "Panama Canal": (),
    "Horn of Africa": (),
    "Golan Heights": (),
    "Korean Peninsula": (),
    "Great Barrier Reef": (),
    # A town and its prison, named like a person ("Abu ..."): a person's page in 2005's news.
    "Abu Ghraib": (),
    # A nuclear plant named after its prefecture and a number: a person in 2011's news.
    "Fukushima Daiichi": ("Fukushima Dai-ichi",),
    # A street a market is named by ("stocks rose on Wall Street"): the place, as the
    # wire's own tagging has it.
    "Wall Street": (),
    "Far East": (),
    "Midwest": (),
}

# Names of cities and countries as archives of earlier decades write them, and English
# copy still often does: the place of today's name ("Peking" is Beijing). Only names no
# other place or common word has ("Canton", "Salisbury", "Gorky" and "Moldavia" also
# name another place or a person, and are left out).
FORMER_NAMES = {
    "Peking": "Beijing",
    "Tientsin": "Tianjin",
    "Nanking": "Nanjing",
    "Chungking": "Chongqing",
    "Bombay": "Mumbai",
    "Calcutta": "Kolkata",
    "Madras": "Chennai",
    "Bangalore": "Bengaluru",
    "Poona": "Pune",
    "Benares": "Varanasi",
    "Gurgaon": "Gurugram",
    "Dacca": "Dhaka",
    "Rangoon": "Yangon",
    "Saigon": "Ho Chi Minh City",
    "Kiev": "Kyiv",
    "Odessa": "Odesa",
    "Kharkov": "Kharkiv",
    "Lvov": "Lviv",
    "Dnepropetrovsk": "Dnipro",
    "Leningrad": "Saint Petersburg",
    "Stalingrad": "Volgograd",
    "Sverdlovsk": "Yekaterinburg",
    "Alma-Ata": "Almaty",
    "Alma Ata": "Almaty",
    "Frunze": "Bishkek",
    "Ceylon": "Sri Lanka",
    "East Timor": "Timor-Leste",
    "Swaziland": "Eswatini",
    "Byelorussia": "Belarus",
    "Belorussia": "Belarus",
    "Kirghizia": "Kyrgyzstan",
    "Macedonia": "North Macedonia",
    "Kampuchea": "Cambodia",
    "Upper Volta": "Burkina Faso",
}

# Counties of England and Wales: places in general news, county sides in cricket reports.
UK_COUNTIES = words(
    """
    Bedfordshire Berkshire Buckinghamshire Cambridgeshire Cheshire Cornwall Cumbria
    Derbyshire Devon Dorset Durham Essex Glamorgan Gloucestershire Hampshire
    Herefordshire Hertfordshire Kent Lancashire Leicestershire Lincolnshire Middlesex
    Norfolk Northamptonshire Northumberland Nottinghamshire Oxfordshire Rutland
    Shropshire Somerset Staffordshire Suffolk Surrey Sussex Warwickshire Wiltshire
    Worcestershire Yorkshire
    """
)
