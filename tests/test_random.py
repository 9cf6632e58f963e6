"""The one source of randomness: rand(stream, key) is uniform, independent across streams and
keys, a pure function of (seed, stream, key), and refuses keys DuckDB would expand 16 times."""

from __future__ import annotations

import duckdb
import pytest

from idrgen_duck.render import make_environment

ENV = make_environment()
N = 200_000
BUCKETS = 64


def draws(con: duckdb.DuckDBPyConnection, seed: int, stream: str, key: str = "id") -> str:
    con.execute(ENV.globals["define_random"](seed))
    return ENV.globals["rand"](stream, key)


def chi_square_per_df(con: duckdb.DuckDBPyConnection, expr: str) -> float:
    counts = con.execute(
        f"SELECT count(*) FROM (SELECT {expr} AS r FROM range({N}) t(id)) GROUP BY r % {BUCKETS}"
    ).fetchall()
    expected = N / BUCKETS
    assert len(counts) == BUCKETS
    return sum((c - expected) ** 2 / expected for (c,) in counts) / (BUCKETS - 1)


def test_values_are_uniform_in_low_and_high_bits() -> None:
    con = duckdb.connect()
    r = draws(con, 42, "test.uniform")
    # chi-square / df of a fair draw is ~1; 1.6 is beyond the 99.9th percentile at 63 df
    assert chi_square_per_df(con, r) < 1.6
    assert chi_square_per_df(con, f"({r} // 67108864)") < 1.6  # the top 6 bits
    low, high = con.execute(f"SELECT min({r}), max({r}) FROM range({N}) t(id)").fetchone() or ()
    assert 0 <= low < 2**32 * 0.001 and 2**32 * 0.999 < high < 2**32


def test_streams_and_adjacent_keys_are_independent() -> None:
    con = duckdb.connect()
    a, b = draws(con, 42, "test.a"), draws(con, 42, "test.b")
    # a pair of draws of two streams, or of neighbouring keys, spread over all 64 cells
    assert chi_square_per_df(con, f"({a} % 8) * 8 + {b} % 8") < 1.6
    next_key = ENV.globals["rand"]("test.a", "id + 1")
    assert chi_square_per_df(con, f"({a} % 8) * 8 + {next_key} % 8") < 1.6


def test_same_seed_same_values_other_seed_other_values() -> None:
    con = duckdb.connect()
    sql = "SELECT list({} ORDER BY id) FROM range(1000) t(id)"
    first = con.execute(sql.format(draws(con, 42, "test.seed"))).fetchone()
    again = con.execute(sql.format(draws(con, 42, "test.seed"))).fetchone()
    other = con.execute(sql.format(draws(con, 43, "test.seed"))).fetchone()
    assert first == again and first != other


@pytest.mark.parametrize("key", ["CASE WHEN id > 2 THEN id ELSE 0 END", "nested"])
def test_complex_keys_are_refused(key: str) -> None:
    if key == "nested":
        key = ENV.globals["rand"]("test.inner", "id")
    with pytest.raises(ValueError, match="key must be a column"):
        ENV.globals["rand"]("test.outer", key)


def test_either_keeps_the_side_its_condition_picks() -> None:
    con = duckdb.connect()
    a, b = draws(con, 42, "test.either_a"), draws(con, 42, "test.either_b")
    picked = ENV.globals["either"]("id % 3 = 0", a, b)
    mismatches = con.execute(
        f"SELECT count(*) FROM range(10000) t(id) "
        f"WHERE {picked} IS DISTINCT FROM CASE WHEN id % 3 = 0 THEN {a} ELSE {b} END"
    ).fetchone()
    assert mismatches == (0,)


def test_draw_columns_are_the_draws_of_their_streams() -> None:
    con = duckdb.connect()
    columns = ENV.globals["draw_columns"]("test.parts", "id", "d", ["x", "y"])
    x, y = draws(con, 42, "test.parts:x"), draws(con, 42, "test.parts:y")
    mismatches = con.execute(
        f"SELECT count(*) FROM (SELECT id {columns} FROM range(1000) t(id)) "
        f"WHERE d_x <> {x} OR d_y <> {y} OR d_x = d_y"
    ).fetchone()
    assert mismatches == (0,)
