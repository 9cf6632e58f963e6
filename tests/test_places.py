"""Checks on the places in the committed seeds: cities.csv and streets.csv.

cities.csv rows are (city, region, postcode) triples taken together from postal data and
weighted by population (see idrgen_duck/seed_places.py). These tests read the committed files
only, so they need none of the packages that built them; they fail if the seeds go back to
random combinations of invented names (``Eisleben | Mecklenburg-Vorpommern | 18099``).
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# Postcode shapes from the realism reference §4 (AR in its CPA form, JP with the hyphen).
SHAPES = {
    "US": r"\d{5}", "CA": r"[ABCEGHJ-NPRSTVXY]\d[A-Z] \d[A-Z]\d", "MX": r"\d{5}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "DE": r"\d{5}", "FR": r"\d{5}", "IT": r"\d{5}",
    "ES": r"\d{5}", "NL": r"[1-9]\d{3} [A-Z]{2}", "PL": r"\d{2}-\d{3}", "SE": r"\d{3} \d{2}",
    "JP": r"\d{3}-\d{4}", "CN": r"\d{6}", "KR": r"\d{5}", "IN": r"[1-9]\d{5}", "AU": r"\d{4}",
    "BR": r"\d{5}-\d{3}", "AR": r"[A-Z]\d{4}[A-Z]{3}", "CO": r"\d{6}", "CL": r"\d{7}",
}  # fmt: skip

# Known (city, first-level region, postcode prefix) facts: every row of the city must agree.
FACTS = [
    ("US", "Chicago", "IL", "606"), ("US", "Brooklyn", "NY", "112"),
    ("CA", "Toronto", "ON", "M"), ("MX", "Guadalajara", "Jalisco", "44"),
    ("GB", "Manchester", "England", "M"), ("DE", "München", "Bayern", "8"),
    ("DE", "Berlin", "Berlin", "1"), ("FR", "Lyon", "Auvergne-Rhône-Alpes", "69"),
    ("FR", "Paris", "Île-de-France", "75"), ("IT", "Milano", "Lombardia", "20"),
    ("ES", "Sevilla", "Andalucía", "41"), ("NL", "Amsterdam", "Noord-Holland", "1"),
    ("PL", "Kraków", "Małopolskie", "3"), ("SE", "Göteborg", "Västra Götalands län", "4"),
    ("JP", "大阪市北区", "大阪府", "53"), ("JP", "世田谷区", "東京都", "15"),
    ("CN", "成都市", "四川省", "61"), ("CN", "北京市朝阳区", "北京市", "10"),
    ("KR", "해운대구", "부산광역시", "48"), ("IN", "Mumbai", "Maharashtra", "40"),
    ("AU", "Parramatta", "NSW", "21"), ("BR", "Salvador", "Bahia", "4"),
    ("AR", "Rosario", "Santa Fe", "S2"), ("CO", "Medellín", "Antioquia", "05"),
    ("CL", "Valparaíso", "Región de Valparaíso", "23"),
]  # fmt: skip

# First-level regions each country has (US: 50 states and DC, JP: 47 prefectures, ...); the
# seeds must name most of them, and no more.
REGIONS = {
    "US": 51, "CA": 13, "MX": 32, "GB": 4, "DE": 16, "FR": 13, "IT": 20, "ES": 19, "NL": 12,
    "PL": 16, "SE": 21, "JP": 47, "CN": 31, "KR": 17, "IN": 36, "AU": 8, "BR": 27, "AR": 24,
    "CO": 33, "CL": 16,
}  # fmt: skip

# Countries with hundreds of cities that the SQL's 4096 lookup buckets can draw.
LARGE = ("US", "CN", "IN", "BR", "DE", "JP", "GB", "FR", "IT", "ES", "MX", "AU")

# Canadian FSA first letters per province (Canada Post).
CA_LETTERS = {
    "NL": "A", "NS": "B", "PE": "C", "NB": "E", "QC": "GHJ", "ON": "KLMNP", "MB": "R",
    "SK": "S", "AB": "T", "BC": "V", "NT": "X", "NU": "X", "YT": "Y",
}  # fmt: skip

# Street names that recur in most towns of a country: each list must hold them.
COMMON_STREETS = {
    "US": "Main St", "CA": "King St", "GB": "High Street", "AU": "George Street",
    "IN": "Mahatma Gandhi Road", "DE": "Hauptstraße", "NL": "Kerkstraat",
    "FR": "Rue de la République", "ES": "Calle Mayor", "MX": "Calle Hidalgo", "IT": "Via Roma",
    "BR": "Rua Sete de Setembro", "CN": "人民路", "JP": "本町1丁目",
}  # fmt: skip
# The street types English-speaking countries use: an invented "Joanne Mountains" fails.
EN_TYPES = {
    "US": "St Ave Rd Dr Ln Ct Blvd Way Pl Cir Ter Pkwy",
    "AU": "Street Road Avenue Drive Court Crescent Place Parade Close Way Lane Terrace",
}


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def by_country(name: str) -> dict[str, list[dict[str, str]]]:
    found: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows(name):
        found[row["country_code"]].append(row)
    return found


def drawable_cities(country_rows: list[dict[str, str]], buckets: int) -> int:
    """Distinct cities that own at least one bucket, the way sql/macros/lookup.sql cuts a
    country into buckets: rows in the order of md5(city|postcode|region_name) read as two
    48-bit integers, integer weights (weight x 10^6, rounded), [first, after) per row."""

    def order(row: dict[str, str]) -> tuple[int, int]:
        digest = hashlib.md5(f"{row['city']}|{row['postcode']}|{row['region_name']}".encode())
        text = digest.hexdigest()
        return int(text[:12], 16), int(text[12:24], 16)

    ordered = sorted(country_rows, key=order)
    weights = [math.floor(float(row["weight"]) * 1_000_000 + 0.5) for row in ordered]
    total, cum, cities = sum(weights), 0, set()
    for row, weight in zip(ordered, weights, strict=True):
        first = buckets * cum // total
        cum += weight
        if buckets * cum // total > first:
            cities.add((row["city"], row["region_name"]))
    return len(cities)


@pytest.mark.parametrize(("country", "city", "region", "prefix"), FACTS)
def test_known_places(country: str, city: str, region: str, prefix: str) -> None:
    found = [r for r in by_country("cities.csv")[country] if r["city"] == city]
    assert found, f"{city} missing from {country}"
    for row in found:
        assert row["region_name"] == region, row
        assert row["postcode"].startswith(prefix), row


def test_postcode_shapes() -> None:
    for country, country_rows in by_country("cities.csv").items():
        shape = re.compile(SHAPES[country])
        for row in country_rows:
            assert shape.fullmatch(row["postcode"]), row
    assert not [r for r in by_country("cities.csv")["IN"] if r["postcode"].startswith("0")]


def test_postcodes_agree_with_regions() -> None:
    """Where the postcode names the region, the two agree: the CPA letter is the Argentine
    province's, the FSA letter the Canadian province's, a JP code's prefecture is the same
    for all its rows, and no postcode is shared across regions."""
    letters = {
        "Buenos Aires": "B", "Ciudad Autónoma de Buenos Aires": "C", "Córdoba": "X",
        "Santa Fe": "S", "Mendoza": "M", "Tucumán": "T", "Salta": "A", "Neuquén": "Q",
    }  # fmt: skip
    for row in by_country("cities.csv")["AR"]:
        if row["region_name"] in letters:
            assert row["postcode"][0] == letters[row["region_name"]], row
    for row in by_country("cities.csv")["CA"]:
        assert row["postcode"][0] in CA_LETTERS[row["region_name"]], row
    for country, country_rows in by_country("cities.csv").items():
        regions: dict[str, set[str]] = defaultdict(set)
        for row in country_rows:
            regions[row["postcode"]].add(row["region_name"])
        shared = {code: names for code, names in regions.items() if len(names) > 1}
        assert len(shared) <= len(country_rows) // 200, (country, sorted(shared.items())[:5])


def test_regions_are_first_level() -> None:
    for country, country_rows in by_country("cities.csv").items():
        regions = {row["region_name"] for row in country_rows}
        assert REGIONS[country] * 0.75 <= len(regions) <= REGIONS[country], (country, regions)


def test_many_cities_are_drawable() -> None:
    for country, country_rows in by_country("cities.csv").items():
        cities = {(row["city"], row["region_name"]) for row in country_rows}
        drawable = drawable_cities(country_rows, 4096)
        assert drawable >= min(150, len(cities)), (country, drawable)
        if country in LARGE:
            assert drawable >= 300, (country, drawable)


def test_population_weighting() -> None:
    """The largest city holds a plausible share of its country (Berlin about 6% of Germany,
    London about 15% of the UK), and big cities outweigh small towns by far."""
    for country, country_rows in by_country("cities.csv").items():
        per_city: dict[tuple[str, str], float] = defaultdict(float)
        for row in country_rows:
            per_city[(row["city"], row["region_name"])] += float(row["weight"])
        shares = sorted((w / sum(per_city.values()) for w in per_city.values()), reverse=True)
        assert 0.005 <= shares[0] <= 0.25, (country, shares[0])
        # CN, KR and CL list only their large municipal units, so their spread is smaller
        factor = 3 if country in ("CN", "KR", "CL") else 10
        assert shares[0] >= factor * shares[len(shares) // 2], country


def test_big_cities_have_several_postcodes() -> None:
    big = {("US", "Chicago"), ("DE", "Berlin"), ("FR", "Paris"), ("GB", "London"),
           ("BR", "São Paulo"), ("IN", "Mumbai"), ("CN", "成都市"), ("MX", "Ciudad de México")}  # fmt: skip
    for country, city in big:
        codes = {r["postcode"] for r in by_country("cities.csv")[country] if r["city"] == city}
        assert len(codes) >= 5, (country, city, codes)


def test_real_looking_streets() -> None:
    streets = by_country("streets.csv")
    for country, name in COMMON_STREETS.items():
        assert name in {row["street_name"] for row in streets[country]}, (country, name)
    for country, country_rows in streets.items():
        assert len(country_rows) >= 100, country
    for country, types in EN_TYPES.items():
        allowed = set(types.split())
        for row in streets[country]:
            assert row["street_name"].split()[-1] in allowed, row
    for row in streets["JP"]:
        assert re.fullmatch(r"\S+[1-9]丁目", row["street_name"]), row
