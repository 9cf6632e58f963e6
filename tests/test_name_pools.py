"""Name pools against real name frequencies, from the committed seed files only.

For each country the test rebuilds what the SQL draws from (each locale/sex group of
first_names.csv and each locale of last_names.csv cut into equal buckets, every row owning
buckets in proportion to its weight, exactly as ``create_bucketed`` in sql/macros/lookup.sql
does) and checks two measures against ``seed_names.TARGETS``:

* the top surname's share of the country's persons;
* the collision probability C: two persons of the country drawn at random carry the same
  given name and family name (sum of p**2 over full names; given name keyed by person and
  family name by household, so the two are independent, as in the SQL).

Both must be within 2x of the real figure in every country.
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

from idrgen_duck.seed_names import SEX_SHARES, TARGETS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _lookup_buckets() -> int:
    """The bucket count the SQL uses for names (sql/macros/random.sql), so the test follows it."""
    text = (ROOT / "sql" / "macros" / "random.sql").read_text(encoding="utf-8")
    match = re.search(r"macro name_buckets\(\) -%\}\s*(\d+)", text)
    assert match, "name_buckets() not found in sql/macros/random.sql"
    return int(match.group(1))


BUCKETS = _lookup_buckets()


def _micro(weight: str) -> int:
    """round(weight * 10^6) as the SQL computes it (a double, rounded half away from zero)."""
    return math.floor(float(weight) * 1_000_000 + 0.5)


def _order(*values: str) -> tuple[int, int]:
    """The SQL's row order: the md5 of 'a|b' read as two 48-bit integers."""
    digest = hashlib.md5("|".join(values).encode("utf-8")).hexdigest()
    return int(digest[:12], 16), int(digest[12:24], 16)


def quantise(
    rows: list[tuple[str, str, str]], buckets: int, by_name_only: bool = False
) -> dict[str, float]:
    """Share of draws each name gets: rows (name, name_latin, weight) of one group.

    Rows are ordered by the md5 of 'name|name_latin' (the name tables) or of the name alone
    (country_locales.csv, ordered by locale only).
    """
    ordered = sorted(rows, key=lambda r: _order(r[0]) if by_name_only else _order(r[0], r[1]))
    weights = [_micro(r[2]) for r in ordered]
    total, cum = sum(weights), 0
    shares: dict[str, float] = defaultdict(float)
    for (name, _latin, _w), weight in zip(ordered, weights, strict=True):
        first = buckets * cum // total
        cum += weight
        after = buckets * cum // total
        if after > first:
            shares[name] += (after - first) / buckets
    return dict(shares)


@cache
def _groups() -> tuple[dict, dict, dict]:
    first: dict[tuple[str, str], list] = defaultdict(list)
    last: dict[str, list] = defaultdict(list)
    locales: dict[str, list] = defaultdict(list)
    with (SEEDS / "first_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            first[(row["locale"], row["gender"])].append(
                (row["name"], row["name_latin"], row["weight"])
            )
    with (SEEDS / "last_names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            last[row["locale"]].append((row["name"], row["name_latin"], row["weight"]))
    with (SEEDS / "country_locales.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            locales[row["country_code"]].append((row["locale"], row["locale"], row["weight"]))
    return first, last, locales


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(p * b.get(name, 0.0) for name, p in a.items())


@cache
def measures(country: str, buckets: int) -> tuple[dict[str, float], float]:
    """(share of each surname, collision probability) of a country's persons."""
    first, last, locales = _groups()
    # country_locales.csv is bucketed the same way (by locale, within the country).
    mix = quantise(locales[country], buckets, by_name_only=True)
    family = {loc: quantise(last[loc], buckets) for loc in mix}
    given: dict[str, dict[str, float]] = {}
    for loc in mix:
        shares: dict[str, float] = defaultdict(float)
        for sex, weight in SEX_SHARES:
            for name, p in quantise(first[(loc, sex)], buckets).items():
                shares[name] += weight * p
        given[loc] = dict(shares)
    surnames: dict[str, float] = defaultdict(float)
    for loc, w in mix.items():
        for name, p in family[loc].items():
            surnames[name] += w * p
    # P(full name) = sum over locales of w * g(first) * f(last), so sum of P**2 expands into
    # pairs of locales: w1 w2 <g1, g2> <f1, f2>.
    collision = sum(
        w1 * w2 * _dot(given[l1], given[l2]) * _dot(family[l1], family[l2])
        for l1, w1 in mix.items()
        for l2, w2 in mix.items()
    )
    return dict(surnames), collision


def test_locale_mix_is_the_one_the_sql_draws() -> None:
    # The locale table has 4096 buckets too; Canada is 3072 en_CA and 1024 fr_CA buckets.
    _first, _last, locales = _groups()
    shares = quantise(locales["CA"], 4096, by_name_only=True)
    assert shares == {"en_CA": 0.75, "fr_CA": 0.25}


def test_quantise_matches_the_sql_rule() -> None:
    # Three rows with weights 1:1:2 over 8 buckets: 2, 2 and 4 buckets, in md5 order.
    shares = quantise([("a", "a", "1.0"), ("b", "b", "1.0"), ("c", "c", "2.0")], 8)
    assert shares == {"a": 0.25, "b": 0.25, "c": 0.5}


def test_every_country_has_a_target() -> None:
    _first, _last, locales = _groups()
    assert sorted(TARGETS) == sorted(locales)


@pytest.mark.parametrize("country", sorted(TARGETS))
def test_top_surname_share_within_2x(country: str) -> None:
    # The real top name keeps its share, and no other name grows past twice that share (two
    # near-equal names, such as Andersson and Johansson, may swap places when quantised).
    name, share, _collision = TARGETS[country]
    surnames, _ = measures(country, BUCKETS)
    top, top_share = max(surnames.items(), key=lambda item: (item[1], item[0]))
    assert share / 2 <= surnames.get(name, 0.0) <= share * 2, f"{country}: {name}"
    assert top_share <= share * 2, f"{country}: {top} {top_share:.4%} vs {share:.4%}"


@pytest.mark.parametrize("country", sorted(TARGETS))
def test_full_name_collision_within_2x(country: str) -> None:
    _name, _share, target = TARGETS[country]
    _surnames, collision = measures(country, BUCKETS)
    assert 1 / 2 <= collision / target <= 2, f"{country}: C {collision:.3g} vs {target:.3g}"
