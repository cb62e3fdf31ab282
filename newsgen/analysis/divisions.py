"""The provinces, states and regions that international news names alone ("floods in
Guangdong", "fighting in Helmand", "voters in Catalonia"): places of the gazetteer.

Taken from pycountry's ISO 3166-2 first-level divisions of the countries whose divisions
news names most, written as English copy writes them (no diacritics, no Chinese "Sheng"),
plus the English names of regions the ISO lists give in their own languages. A division
whose name is also a word, a person's name or a company's stays out: it would be a place
in every story that names the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pycountry

# Countries (ISO alpha-2) whose first-level division names, in pycountry, are the names
# English copy uses; and whether it keeps their accents (Spanish and Portuguese names do,
# a transliteration's macrons are dropped).
_COUNTRIES = {
    "CN": False, "IN": False, "PK": False, "AF": False, "NG": False, "JP": False,
    "SD": False, "SS": False, "ZA": False, "MM": False, "MX": True, "BR": True, "CO": True,
    "VE": True,
}  # fmt: skip

# Also a word, a given name or surname, a company, a people or a river in English copy.
# fmt: off
_NOT_ALONE = frozenset([
    "Delta", "Plateau", "Rivers", "Niger", "Hidalgo", "Guerrero", "Morelos", "México", "Acre",
    "Pará", "Para", "Amazonas", "Saga", "Mie", "Nara", "Unity", "Lakes", "Northern", "Chin",
    "Mon", "Shan", "Meta", "Caldas", "Cesar", "Magdalena", "Santander", "Sucre", "Bolívar",
    "Córdoba", "Miranda", "Lara", "Falcón", "Trujillo", "Portuguesa", "Mérida", "Ogun", "Farāh",
    "Farah", "Taiwan", "Tabasco", "North-West", "Distrito Federal"
])
# fmt: on

# China's type words after a province's name ("Sichuan Sheng"), and the parts of an ISO
# name English copy leaves out ("Michoacán de Ocampo").
_SUFFIX = re.compile(r" (?:(?:Huizu |Zhuangzu |Uygur )?Zizhiqu|Sheng|Shi|SAR)$")
_LONG_FORMS = {
    "Michoacán de Ocampo": "Michoacán",
    "Veracruz de Ignacio de la Llave": "Veracruz",
    "Coahuila de Zaragoza": "Coahuila",
    "Nei Mongol": "Inner Mongolia",
    "Xizang": "Tibet",
    "Kwazulu-Natal": "KwaZulu-Natal",
}

# English names of regions news names often, by country (None: more than one country's).
_ENGLISH = {
    "DE": "Bavaria|Saxony|Lower Saxony|North Rhine-Westphalia|Hesse|Thuringia|"
    "Rhineland-Palatinate|Saxony-Anhalt|Baden-Württemberg|Brandenburg|Schleswig-Holstein|"
    "Mecklenburg-Western Pomerania|Saarland",
    "ES": "Catalonia|Andalusia|Basque Country|Galicia|Aragon|Asturias|Navarre|Canary Islands|"
    "Balearic Islands",
    "IT": "Sicily|Sardinia|Lombardy|Tuscany|Piedmont|Apulia|Calabria|Campania|Veneto|Liguria|"
    "Umbria|Emilia-Romagna|Abruzzo",
    "FR": "Corsica|Normandy|Provence|Alsace|Île-de-France",
    "BE": "Flanders|Wallonia",
    "IQ": "Anbar|Nineveh|Diyala|Salahuddin|Babil|Wasit|Maysan|Dhi Qar|Muthanna|Dohuk|"
    "Kurdistan Region",
    "SY": "Idlib|Deir ez-Zor|Raqqa|Daraa|Latakia|Hasakah|Quneitra|Tartus",
    "YE": "Marib|Hadramawt|Hadramout|Abyan|Shabwa|Saada",
    "LY": "Cyrenaica|Tripolitania|Fezzan",
    "ET": "Tigray|Amhara|Oromia",
    "SO": "Puntland|Somaliland|Jubaland",
    "CD": "North Kivu|South Kivu|Ituri|Katanga|Kasai",
    "RU": "Dagestan|Ingushetia|Tatarstan|Bashkortostan|Siberia",
    "UA": "Donbas|Donbass",
    "ID": "Aceh|Papua|West Papua|Sumatra|Java|Bali|Borneo|Sulawesi|Kalimantan|Maluku",
    "PH": "Mindanao|Luzon|Visayas|Basilan",
    "TH": "Pattani|Yala|Narathiwat",
    "IR": "Khuzestan|Sistan and Baluchestan|Kurdistan Province|Kermanshah|Mazandaran|Gilan|"
    "Isfahan Province|Razavi Khorasan",
    "": "Punjab|Kurdistan|Darfur|Kordofan",
}


def divisions(unaccented: Callable[[str], str]) -> Iterator[tuple[str, str | None]]:
    """(name as English copy writes it, ISO alpha-2 code of its country or None); a name
    two countries give is yielded for each. `unaccented` drops a name's diacritics."""
    for code, accents in _COUNTRIES.items():
        for division in pycountry.subdivisions.get(country_code=code):
            if division.parent_code is not None or division.name in _NOT_ALONE:
                continue
            name = _SUFFIX.sub("", division.name)
            name = _LONG_FORMS.get(name, name)
            if not accents:
                name = unaccented(name)
            if name not in _NOT_ALONE and len(name) > 3 and not re.search(r"[(),/\[]", name):
                yield name, code
    for code, names in _ENGLISH.items():
        for name in names.split("|"):
            yield name, code or None
