"""Checks on the committed seed CSVs that the SQL generator reads.

The SQL trusts these files (weights > 0, unique keys, every country fully covered), so the
checks here are what keeps a hand edit or a Faker upgrade from breaking generation quietly.
Only the rebuild test calls Faker; it is skipped when the installed Faker is not the version
recorded in the manifest, since Faker's data changes between releases.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest

from idrgen_duck.seeding import KEY_COLUMNS, MANIFEST, REGION_SHARES, TABLES

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

FILES = [*TABLES, MANIFEST]
HEADERS = {name: header for name, (header, _nkey, _weights) in TABLES.items()}
HEADERS[MANIFEST] = ("file", "rows", "faker_version")
WEIGHTS = {name: weights for name, (_header, _nkey, weights) in TABLES.items()}
# Columns that may legitimately be empty (no trunk prefix in ES, IT, PL, MX, CL).
OPTIONAL = {("countries.csv", "trunk_prefix")}

JAPANESE = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff\u3005]+$")
HANZI = re.compile(r"^[\u4e00-\u9fff]+$")
HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
LATIN = re.compile(r"^[A-Za-z]+(?:[ '\-][A-Za-z]+)*$")
# phrases: kana or kanji, hangul, hanzi somewhere in the text (ja, ko, zh)
JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
HANGUL_TEXT = re.compile(r"[\uac00-\ud7a3]")
HANZI_TEXT = re.compile(r"[\u4e00-\u9fff]")


@cache
def read(name: str) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    """Header and rows of one seed file (cached: several tests read the big name files)."""
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader))
        rows = tuple(dict(zip(header, row, strict=True)) for row in reader)
    return header, rows


def rows_of(name: str) -> tuple[dict[str, str], ...]:
    return read(name)[1]


@pytest.mark.parametrize("name", FILES)
def test_file_shape(name: str) -> None:
    path = SEEDS / name
    assert path.is_file(), f"missing {name}"
    raw = path.read_bytes()
    assert b"\r" not in raw, "line ends must be \\n"
    raw.decode("utf-8")
    header, rows = read(name)
    assert header == HEADERS[name]
    assert rows, f"{name} is empty"
    keys = [tuple(row[k] for k in KEY_COLUMNS[name]) for row in rows]
    assert keys == sorted(keys), f"{name} is not sorted by {KEY_COLUMNS[name]}"
    assert len(set(keys)) == len(keys), f"{name} has duplicate keys"
    for row in rows:
        for column, value in row.items():
            if (name, column) not in OPTIONAL:
                assert value != "", f"{name}: empty {column} in {row}"
        for column in WEIGHTS.get(name, ()):
            weight = float(row[column])
            assert math.isfinite(weight) and weight > 0, f"{name}: bad weight in {row}"


def test_total_size_is_small() -> None:
    # The frequency-weighted name pools (seed_names.py) take about 7.9 MB of this: the long
    # tails of rare names that keep full-name collisions near real rates (seeds/README.md).
    total = sum((SEEDS / name).stat().st_size for name in FILES)
    assert total < 10_000_000


def test_manifest_counts_rows() -> None:
    for row in rows_of(MANIFEST):
        assert int(row["rows"]) == len(rows_of(row["file"]))
    assert [row["file"] for row in rows_of(MANIFEST)] == sorted(TABLES)


def test_country_and_region_weights() -> None:
    countries = rows_of("countries.csv")
    assert math.isclose(sum(float(r["weight"]) for r in countries), 1.0, abs_tol=1e-6)
    by_region: dict[str, float] = defaultdict(float)
    for row in countries:
        by_region[row["region"]] += float(row["weight"])
    assert sorted(by_region) == sorted(name for name, _ in REGION_SHARES)
    for region, share in REGION_SHARES:
        assert math.isclose(by_region[region], share, abs_tol=1e-6), region
    for row in countries:
        assert row["calling_code"].isdigit()
        assert row["trunk_prefix"] in ("", "0", "1")
        assert re.fullmatch(r"[A-Z]{3}", row["currency"])
        int(row["utc_offset_hours"])
        family_first = row["country_code"] in ("CN", "JP", "KR")
        assert row["name_order"] == ("family_first" if family_first else "given_first")
        assert row["street_format"] in ("number_street", "street_number")


def test_every_country_is_covered() -> None:
    countries = [row["country_code"] for row in rows_of("countries.csv")]
    locales: dict[str, list[str]] = defaultdict(list)
    for row in rows_of("country_locales.csv"):
        locales[row["country_code"]].append(row["locale"])
    first = {(r["locale"], r["gender"]) for r in rows_of("first_names.csv")}
    last = {r["locale"] for r in rows_of("last_names.csv")}
    per_country: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name in ("cities.csv", "streets.csv", "email_domains.csv"):
        for row in rows_of(name):
            per_country[name][row["country_code"]] += 1
    assert sorted(locales) == sorted(countries)
    for country in countries:
        assert locales[country], country
        for locale in locales[country]:
            assert (locale, "F") in first and (locale, "M") in first, locale
            assert locale in last, locale
        assert per_country["cities.csv"][country] >= 20, country
        assert per_country["streets.csv"][country] >= 20, country
        assert per_country["email_domains.csv"][country] >= 4, country
    kinds = {(r["country_code"], r["kind"]) for r in rows_of("phone_blocks.csv")}
    assert kinds == {(c, k) for c in countries for k in ("mobile", "fixed")}


def test_scripts_and_romanisation() -> None:
    scripts = {"ja_JP": JAPANESE, "zh_CN": HANZI, "ko_KR": HANGUL}
    for name in ("first_names.csv", "last_names.csv"):
        for row in rows_of(name):
            assert LATIN.match(row["name_latin"]), row
            assert row["name_latin"].isascii(), row
            script = scripts.get(row["locale"])
            if script is not None:
                assert script.match(row["name"]), row
    latin = {(r["locale"], r["name"]): r["name_latin"] for r in rows_of("last_names.csv")}
    assert latin[("ko_KR", "김")] == "Kim"
    assert latin[("ko_KR", "박")] == "Park"
    assert latin[("zh_CN", "张")] == "Zhang"
    assert latin[("ja_JP", "佐藤")] == "Sato"
    first = {(r["locale"], r["name"]): r["name_latin"] for r in rows_of("first_names.csv")}
    assert first[("ko_KR", "민준")] == "Minjun"


def test_phone_blocks_have_full_length_numbers() -> None:
    # NSN lengths from the realism reference, table 1.1 (DE, IT and SE vary; AR mobiles
    # carry the 9 of E.164); every block's numbers have one of them.
    lengths = {
        "US": {10}, "CA": {10}, "MX": {10}, "GB": {10}, "DE": {10, 11}, "FR": {9}, "ES": {9},
        "IT": {9, 10}, "NL": {9}, "PL": {9}, "SE": {7, 8, 9}, "JP": {9, 10}, "CN": {10, 11},
        "KR": {9, 10}, "IN": {10}, "AU": {9}, "BR": {10, 11}, "AR": {10, 11}, "CO": {10},
        "CL": {9},
    }  # fmt: skip
    for row in rows_of("phone_blocks.csv"):
        assert row["prefix"].isdigit(), row
        total = len(row["prefix"]) + int(row["subscriber_digits"])
        assert total in lengths[row["country_code"]], row


def test_vocabulary_tables() -> None:
    categories = {r["category"] for r in rows_of("product_taxonomy.csv")}
    assert categories == {"Electronics", "Apparel", "Home", "Beauty", "Sports"}
    subs = {r["subcategory"] for r in rows_of("product_taxonomy.csv")}
    parts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows_of("product_name_parts.csv"):
        parts[(row["subcategory"], row["part"])] += 1
    for sub in subs:
        assert parts[(sub, "adjective")] >= 4 and parts[(sub, "noun")] >= 4, sub
    for category in categories:
        brands = [r for r in rows_of("brands.csv") if r["category"] == category]
        private = sum(float(r["weight"]) for r in brands if r["is_private_label"] == "true")
        share = private / sum(float(r["weight"]) for r in brands)
        assert 0.15 <= share <= 0.20, category
    en = [r for r in rows_of("nicknames.csv") if r["locale_group"] == "en"]
    assert len(en) >= 60


def test_phrases_cover_every_language() -> None:
    # The SQL picks a phrase by language || ':' || rating || ':' || kind (reviews) and
    # language || ':' || sentiment (surveys): every customer's language needs every group, and
    # each group as many phrases as English has, so no language repeats its texts more often.
    reviews: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in rows_of("review_phrases.csv"):
        reviews[(row["language"], row["rating"], row["kind"])] += 1
    surveys: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows_of("survey_phrases.csv"):
        surveys[(row["language"], row["sentiment"])] += 1
    languages = sorted({language for language, _, _ in reviews})
    assert languages == sorted({language for language, _ in surveys})
    assert len(languages) == 12
    groups = {(rating, kind) for _, rating, kind in reviews}
    assert groups == {(rating, kind) for rating in "12345" for kind in ("title", "body")}
    assert {sentiment for _, sentiment in surveys} == {"negative", "neutral", "positive"}
    for rating, kind in groups:
        assert reviews[("en", rating, kind)] >= (8 if kind == "title" else 12), (rating, kind)
    for sentiment in ("negative", "neutral", "positive"):
        assert surveys[("en", sentiment)] >= 12, sentiment
    for language in languages:
        for rating, kind in groups:
            key = (language, rating, kind)
            assert reviews[key] >= reviews[("en", rating, kind)], key
        for sentiment in ("negative", "neutral", "positive"):
            assert surveys[(language, sentiment)] >= surveys[("en", sentiment)], language
    for row in rows_of("country_locales.csv"):
        assert row["locale"][:2] in languages, row["locale"]
    scripts = {"ja": JAPANESE_TEXT, "ko": HANGUL_TEXT, "zh": HANZI_TEXT}
    for row in (*rows_of("review_phrases.csv"), *rows_of("survey_phrases.csv")):
        assert "\n" not in row["phrase"] and row["phrase"] == row["phrase"].strip(), row
        script = scripts.get(row["language"])
        if script is not None:
            assert script.search(row["phrase"]), row
        if row["language"] == "zh":
            assert not re.search(r"[\u3040-\u30ff]", row["phrase"]), row  # no kana


def _manifest_faker_version() -> str | None:
    if not (SEEDS / MANIFEST).is_file():
        return None
    return rows_of(MANIFEST)[0]["faker_version"]


def _installed_faker_version() -> str | None:
    try:
        return metadata.version("faker")
    except metadata.PackageNotFoundError:
        return None


@pytest.mark.skipif(
    _manifest_faker_version() is None or _installed_faker_version() != _manifest_faker_version(),
    reason="installed Faker differs from the version the seeds were built with",
)
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    from idrgen_duck.seeding import build_seeds

    # phone blocks for a few countries only: each block is checked against libphonenumber,
    # a minute for all of them (ids are per country, so these rows must match as they are)
    countries = ("CL", "DE", "NL", "SE")
    written = build_seeds(tmp_path, phone_countries=countries)
    assert sorted(p.name for p in written) == sorted(FILES)
    for path in written:
        if path.name == "phone_blocks.csv":
            committed = [r for r in rows_of(path.name) if r["country_code"] in countries]
            with path.open(encoding="utf-8", newline="") as handle:
                assert list(csv.DictReader(handle)) == committed
        elif path.name != "manifest.csv":
            assert path.read_bytes() == (SEEDS / path.name).read_bytes(), path.name
