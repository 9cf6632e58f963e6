"""Every engine computes the same data.

The engine layer's primitives are checked against values computed in Python (the reference),
on DuckDB and on Spark; whole runs on Spark are compared with DuckDB's file by file, by
content checksum. Spark runs in local mode: PySpark (the `spark` extra, in `test`) and a Java
runtime; the Spark tests are skipped, saying so, where either is missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from idrgen_duck import distributions, engines, randomness
from idrgen_duck.checksums import output_checksums
from idrgen_duck.config import RunConfig
from idrgen_duck.plan import make_plan
from idrgen_duck.render import DEFAULT_TARGETS, WAREHOUSES, make_environment
from idrgen_duck.validate import validate
from tests.conftest import Generate, cli, local_spark, needs_cli
from tests.emulators import bigquery
from tests.emulators import snowflake as snowflake_emulator

needs_spark = pytest.mark.skipif(
    not engines.available("spark"), reason="PySpark or a Java runtime is missing"
)
SEEDS = Path(__file__).parent.parent / "seeds"

Evaluate = Callable[[str], Any]


def luhn_digit(payload: int) -> int:
    digits = [int(d) for d in str(payload)][::-1]
    total = sum(sum(divmod(2 * d, 10)) if i % 2 == 0 else d for i, d in enumerate(digits))
    return (10 - total % 10) % 10


# (name, expression built from the engine layer's macros, the value Python expects)
PRIMITIVES: list[tuple[str, Callable[[Any], str], object]] = [
    ("idiv", lambda m: m.idiv(17, 5), 3),
    ("imod", lambda m: m.imod(17, 5), 2),
    ("muldiv", lambda m: m.muldiv(3_000_000, 4_000_001, 7), 3_000_000 * 4_000_001 // 7),
    (
        "muldiv beyond 63 bits",
        lambda m: m.muldiv(3_000_000_000, 4_000_000_000_000, 7_000_000),
        3_000_000_000 * 4_000_000_000_000 // 7_000_000,
    ),
    ("bit_xor", lambda m: m.bit_xor(0xF0F0, 0x0FF0), 0xF0F0 ^ 0x0FF0),
    ("shift_right", lambda m: m.shift_right(2**40 + 5, 16), (2**40 + 5) >> 16),
    ("digits", lambda m: m.digits(42, 6), "000042"),
    ("hex_join", lambda m: m.hex_join([("255", 8), "-", ("4095", 4)]), "000000ff-0fff"),
    ("hex_join upper", lambda m: m.hex_join([("48879", 6)], upper=True), "00BEEF"),
    (
        "luhn_check_digit",
        lambda m: m.luhn_check_digit("600000000012", 12),
        luhn_digit(600000000012),
    ),
    ("split_field", lambda m: m.split_field("'a.b@c.de'", "@", 2), "c.de"),
    (
        "regex_replace_all with groups",
        lambda m: m.regex_replace_all("'12 Main St'", "^([0-9]+) (.*)$", "\\2 \\1"),
        "Main St 12",
    ),
    ("regex_replace_all", lambda m: m.regex_replace_all("'a  b\t c'", "\\s+", " "), "a b c"),
    ("regex_found", lambda m: m.regex_found("'Main St 12'", " [0-9]+$"), True),
    ("regex_found no", lambda m: m.regex_found("'12 Main St'", " [0-9]+$"), False),
    ("upper_text", lambda m: m.upper_text("'straße'"), "STRAẞE"),
    ("md5_hex", lambda m: m.md5_hex("'Zoë'"), hashlib.md5("Zoë".encode()).hexdigest()),
    ("hex_to_int", lambda m: m.hex_to_int("'fedcba987654'", 12), 0xFEDCBA987654),
    ("array_item", lambda m: m.array_item(m.array_of(["'x'", "'y'", "'z'"]), 2), "y"),
    ("array_size", lambda m: m.array_size(m.array_of(["'x'", "'y'", "'z'"])), 3),
    ("compact_list", lambda m: m.compact_list(["'a'", "NULL", "'b'"]), ["a", "b"]),
    ("empty_text_array", lambda m: m.array_size(m.empty_text_array()), 0),
    (
        "timestamp_of",
        lambda m: m.timestamp_of(1767225599),
        dt.datetime(2025, 12, 31, 23, 59, 59),
    ),
    ("date_of", lambda m: m.date_of(86400 * 365 + 3600), dt.date(1971, 1, 1)),
    ("cents_to_decimal", lambda m: m.cents_to_decimal(12345), Decimal("123.45")),
    ("as_text", lambda m: m.as_text(1234567890123), "1234567890123"),
    # what the conformance checksum (kit.py) builds on
    (
        "xor_aggregate",
        lambda m: f"(SELECT {m.xor_aggregate('t.v')} FROM (SELECT 5 AS v UNION ALL SELECT 3) AS t)",
        5 ^ 3,
    ),
    (
        "epoch_microseconds",
        lambda m: m.epoch_microseconds(m.timestamp_of(1767225599)),
        1767225599 * 10**6,
    ),
    ("epoch_days", lambda m: m.epoch_days(m.date_of(86400 * 365 + 3600)), 365),
    ("array_text", lambda m: m.array_text(m.array_of(["'x'", "'y'"]), ","), "x,y"),
]


# Primitives an emulator cannot compute, with the error it gives (its fault, probed in
# tests/test_warehouses.py): fakesnow holds NUMBER(38, 0) in 64 bits.
EMULATOR_FAULTS = {("snowflake", "muldiv beyond 63 bits"): "Overflow in multiplication"}


def evaluator(execute: Callable[[str], Any]) -> Evaluate:
    """SQL text of setup statements and a final expression -> the expression's value."""

    def evaluate(text: str) -> Any:
        *setup, expression = engines.split_statements(text)
        for statement in setup:
            execute(statement)
        return execute(f"SELECT {expression}")

    return evaluate


@pytest.fixture(scope="module")
def duckdb_sql() -> Iterator[Evaluate]:
    con = duckdb.connect()
    yield evaluator(lambda sql: (con.execute(sql).fetchone() or [None])[0])
    con.close()


@pytest.fixture(scope="module")
def spark_sql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Evaluate]:
    if not engines.available("spark"):
        pytest.skip("PySpark or a Java runtime is missing")
    spark = local_spark(tmp_path_factory.mktemp("warehouse"))

    def execute(sql: str) -> Any:
        rows = spark.sql(sql).collect()
        return rows[0][0] if rows else None

    yield evaluator(execute)
    spark.stop()


@pytest.fixture(scope="module")
def snowflake_sql() -> Iterator[Evaluate]:
    """fakesnow, the Snowflake emulator on DuckDB (its faults: tests/test_warehouses.py). Its
    arrays come back as JSON text, read here as lists."""
    pytest.importorskip("fakesnow")
    with snowflake_emulator.connection() as connection:
        cursor = connection.cursor()

        def execute(sql: str) -> Any:
            cursor.execute(sql)
            value = (cursor.fetchone() or [None])[0]
            if isinstance(value, str) and value.startswith("[") and sql.startswith("SELECT"):
                return json.loads(value)
            return value

        yield evaluator(execute)


@pytest.fixture(scope="module")
def bigquery_sql(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Evaluate]:
    """bqemulator, the BigQuery emulator, as a server (its faults: tests/test_warehouses.py)."""
    if bigquery.python() is None:
        pytest.skip("no environment with bqemulator (README: Snowflake and BigQuery)")
    emulator = bigquery.BigQueryEmulator(tmp_path_factory.mktemp("bqemulator"))
    emulator.query(f"CREATE SCHEMA IF NOT EXISTS {DEFAULT_TARGETS['bigquery']}")

    def execute(sql: str) -> Any:
        rows = emulator.query(sql)
        return rows[0][0] if rows else None

    yield evaluator(execute)
    emulator.stop()


def macros(dialect: str, seed: int = 7) -> Any:
    """The rendered macros of a dialect, as attributes (m.idiv(...)). The warehouses' draws
    take the run's seed from its plan (their random function is written out in place)."""

    class Macros:
        def __getattr__(self, name: str) -> Any:
            return environment.globals[name]

    plan = make_plan(RunConfig(scale=20_000, seed=seed)) if dialect in WAREHOUSES else None
    environment = make_environment(plan, dialect=dialect)
    return Macros()


def on(dialect: str, request: pytest.FixtureRequest) -> Evaluate:
    return request.getfixturevalue(f"{dialect}_sql")  # type: ignore[no-any-return]


DIALECTS = ["duckdb", pytest.param("spark", marks=needs_spark), "snowflake", "bigquery"]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("name", "build", "expected"), PRIMITIVES, ids=[p[0] for p in PRIMITIVES])
def test_primitive_equals_the_python_reference(
    dialect: str,
    name: str,
    build: Callable[[Any], str],
    expected: object,
    request: pytest.FixtureRequest,
) -> None:
    evaluate = on(dialect, request)
    if (dialect, name) in EMULATOR_FAULTS:
        with pytest.raises(Exception, match=EMULATOR_FAULTS[dialect, name]):
            evaluate(build(macros(dialect)))
        return
    value = evaluate(build(macros(dialect)))
    assert (list(value) if isinstance(value, list | tuple) else value) == expected


@pytest.mark.parametrize("dialect", DIALECTS)
def test_rand_equals_the_python_reference(dialect: str, request: pytest.FixtureRequest) -> None:
    evaluate = on(dialect, request)
    for seed in (0, 7, 4294967295):
        m = macros(dialect, seed)
        setup = m.define_random(seed)
        for stream, key in [
            ("persons.gender", 0),
            ("ecom.quantity", 123456789),
            ("a.b", 2**40 + 3),
        ]:
            value = evaluate(f"{setup}\n{m.rand(stream, key)}")
            assert value == randomness.rand(seed, stream, key), (seed, stream, key)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_distribution_tables_hold_the_python_values(
    dialect: str, request: pytest.FixtureRequest
) -> None:
    m, evaluate = macros(dialect), on(dialect, request)
    tables = distributions.template_globals()["distribution_tables"]
    assert isinstance(tables, dict)
    for name, values in tables.items():
        setup = m.define_distribution(name, values)
        for index in (1, 2, len(values) // 2, len(values)):
            assert evaluate(f"{setup}\n{m.distribution_item(name, index)}") == values[index - 1]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_repeated_numbers_the_copies(dialect: str, request: pytest.FixtureRequest) -> None:
    m, evaluate = macros(dialect), on(dialect, request)
    rows = m.repeated("t.x", "(SELECT 1 AS x) AS t", 4, "k", "t.x > 0")
    query = f"sum(k) * 100 + count(*) FROM ({rows}) AS r"
    assert evaluate(query) == (0 + 1 + 2 + 3) * 100 + 4


def seed_characters() -> str:
    """Every character of the name and place seeds (what upper/lower case noise touches)."""
    text = "".join(
        (SEEDS / name).read_text(encoding="utf-8")
        for name in ("first_names.csv", "last_names.csv", "cities.csv", "streets.csv")
    )
    return "".join(sorted(set(text) - {"\n", "'", "\r"}))


@needs_spark
def test_case_mapping_of_every_seed_character_agrees(
    duckdb_sql: Evaluate, spark_sql: Evaluate
) -> None:
    """upper_text and lower give the same text in both engines for every character the
    names and places hold (DuckDB and Java map a few characters differently: 'ß')."""
    characters = seed_characters()
    for dialect_sql, dialect in ((duckdb_sql, "duckdb"), (spark_sql, "spark")):
        m = macros(dialect)
        text = f"'{characters}'"
        value = dialect_sql(f"{m.upper_text(text)} || '|' || lower({text})")
        if dialect == "duckdb":
            expected = value
        else:
            assert value == expected


@needs_spark
@needs_cli
# 200K only: at 20K the same data is checked by spark-sql running the rendered SQL (below)
@pytest.mark.parametrize(("scale", "seed"), [(200_000, 42)])
def test_spark_writes_what_duckdb_writes(
    scale: int, seed: int, generate: Generate, tmp_path: Path
) -> None:
    """`run --engine spark` (local mode, 2 cores): every file's content checksum equals the
    DuckDB run's, and the output passes `validate`."""
    out = tmp_path / "spark"
    done = cli(
        "run", "--engine", "spark", "--scale", str(scale), "--seed", str(seed),
        "--workers", "2", "--output-dir", str(out), "--quiet",
        timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output_checksums(out) == output_checksums(generate(scale=scale, seed=seed))
    assert all(check.ok for check in validate(out)), [c for c in validate(out) if not c.ok]
    report = json.loads((out / "stats" / "generation_report.json").read_text())
    assert report["run"]["engine"] == "spark"


def spark_sql_cli() -> str | None:
    """The spark-sql launcher that PySpark installs (it needs Java, like Spark itself)."""
    if not engines.available("spark"):
        return None
    import pyspark

    launcher = Path(pyspark.__file__).parent / "bin" / "spark-sql"
    return str(launcher) if launcher.exists() else None


@needs_cli
@pytest.mark.skipif(spark_sql_cli() is None, reason="spark-sql (PySpark's launcher) is missing")
def test_the_rendered_spark_sql_runs_in_spark_sql(small: Path, tmp_path: Path) -> None:
    """`render --dialect spark` + `spark-sql -f run.sql`, with no Python: the data files
    equal DuckDB's (the report is not part of the rendered Spark SQL)."""
    sql, out = tmp_path / "sql", tmp_path / "out"
    rendered = cli("render", "--dialect", "spark", "--scale", "20K", "--seed", "7",
                   "--workers", "2", "--out", str(sql), "--output-dir", str(out))  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    done = subprocess.run(
        # the driver memory `run --engine spark` gives local mode (README: spark-sql's own
        # 1 GB runs out broadcasting the name lookups)
        [str(spark_sql_cli()), "--master", "local[2]", "--driver-memory", "3g",
         "--conf", "spark.ui.enabled=false",
         "--conf", f"spark.sql.warehouse.dir={tmp_path / 'warehouse'}", "-f", str(sql / "run.sql")],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert output_checksums(out) == output_checksums(small)
