"""Snowflake and BigQuery: the rendered SQL, checked as far as no warehouse is needed.

Three checks. Every statement parses in its dialect (sqlglot, strict) and calls only
functions and types known to exist in that warehouse (an allow-list: sqlglot accepts much
that the warehouse rejects). The whole 20K generation runs in fakesnow, the Snowflake
emulator on DuckDB, and writes what DuckDB writes (the golden checksums). And every fault of
the emulator that the checks work around has a probe here, so a wrong emulator cannot hide a
wrong macro unnoticed, and a fixed one shows up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from idrgen_duck.checksums import content_checksum, output_checksums
from idrgen_duck.config import RunConfig
from idrgen_duck.engines import split_statements
from idrgen_duck.idr_metadata import MAPPINGS, identifier_expression
from idrgen_duck.kit import KIT_EXPECTED, KIT_QUERY, kit_files, reference_tables
from idrgen_duck.plan import make_plan
from idrgen_duck.render import (
    DEFAULT_TARGETS,
    EXPORT_SCRIPT,
    parquet_files,
    render_export,
    render_warehouse_files,
    warehouse_table_names,
)
from idrgen_duck.validate import validate
from tests.conftest import cli, needs_cli
from tests.emulators import bigquery as emulators
from tests.emulators import snowflake as snowflake_emulator
from tests.idr_engine import assert_identifiers_as_duckdb, ddl_path, metadata_tables_ddl
from tests.test_portable import PORTABLE_FUNCTIONS

sqlglot = pytest.importorskip("sqlglot")
GOLDEN = Path(__file__).parent / "golden" / "checksums_20K_seed_7.json"
PLAN = make_plan(RunConfig(scale=20_000, seed=7, workers=2))

# What the templates may call besides the portable functions (tests/test_portable.py), by
# warehouse: each checked in its reference; a new one goes here only after checking it exists.
PORTABLE = PORTABLE_FUNCTIONS
FUNCTIONS = {
    "snowflake": PORTABLE | {
        "array_construct", "array_construct_compact", "array_generate_range", "array_size",
        "bitand", "bitshiftright", "bitxor", "flatten", "floor", "generator", "md5", "mod",
        "position", "regexp_instr", "regexp_replace", "repeat", "right", "seq8", "split",
        "split_part", "table", "to_date", "to_timestamp_ntz",
        # the conformance kit's check.sql
        "array_to_string", "bitxor_agg", "concat", "count", "date_part", "datediff",
    },
    "bigquery": PORTABLE | {
        "array", "array_length", "concat", "date", "datetime", "div", "format", "ordinal", "safe_ordinal",
        "generate_array", "md5", "mod", "offset", "regexp_contains", "regexp_replace",
        "safe_offset", "split", "timestamp_seconds", "to_hex", "trunc", "unnest",
        # the conformance kit's check.sql
        "array_to_string", "bit_xor", "count", "timestamp", "unix_date", "unix_micros",
    },
}  # fmt: skip
# Types written in CAST and CREATE TABLE, by warehouse (BigQuery's BIGINT, INTEGER, BOOLEAN and
# DECIMAL(p, s) are its documented aliases of INT64, BOOL and NUMERIC(p, s)).
TYPES = {
    "snowflake": {"ARRAY", "BIGINT", "BOOLEAN", "DOUBLE", "INTEGER", "NUMBER", "VARCHAR", "DECIMAL"},
    "bigquery": {"ARRAY", "BIGINT", "BIGNUMERIC", "BOOLEAN", "FLOAT64", "INT64", "INTEGER", "STRING", "DECIMAL"},
}  # fmt: skip
KEYWORDS = {"and", "as", "by", "case", "decimal", "else", "from", "in", "not", "number", "over", "select",
            "then", "when", "numeric", "options", "type"}  # fmt: skip
# Where export.sql unloads the tables in these tests.
EXPORT_URIS = {"snowflake": "@idrgen_stage/export", "bigquery": "gs://bucket/export"}
# What sqlglot parses without complaint in these dialects but the warehouse rejects or reads
# differently.
NOT_IN = {
    "snowflake": [
        (r"//", "Snowflake reads // as a comment: idiv()"),
        (r"\bprintf\b|\bHUGEINT\b|\bINT128\b|\bUBIGINT\b", "DuckDB only"),
        (r"\bREGEXP_LIKE\b|\bRLIKE\b", "Snowflake anchors these at both ends: regex_found()"),
        (r"::", "casts are CAST(x AS type)"),
    ],
    "bigquery": [
        (r"//|%", "BigQuery has DIV() and MOD() only: idiv(), imod()"),
        (r"\bprintf\b|\bHUGEINT\b|\bINT128\b|\bUBIGINT\b|\bDOUBLE\b", "DuckDB only"),
        (r"\bSPLIT_PART\b", "BigQuery has no SPLIT_PART: split_field()"),
        (r"::", "casts are CAST(x AS type)"),
    ],
}


def code(sql: str) -> str:
    """SQL without comments and string literals (BigQuery's may escape quotes with \\)."""
    without_strings = re.sub(r"r?'(?:[^'\\]|\\.|'')*'", "''", sql)
    return re.sub(r"--[^\n]*", "", without_strings)


def function_calls(sql: str) -> set[str]:
    names = re.findall(r"\b([A-Za-z_]\w*)\s*\(", code(sql))
    return {name.lower() for name in names if not name.startswith("__idr_")}  # tables' columns


def type_names(sql: str) -> set[str]:
    """The type names after AS in CASTs and after column names in CREATE TABLE."""
    text = code(sql)
    casts = re.findall(
        r"\bAS\s+([A-Z][A-Z0-9_]*)(?:<\w+>)?(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?\s*\)", text
    )
    columns = re.findall(r"^\s+[a-z_0-9]+ ([A-Z][A-Z0-9]*),?$", text, flags=re.M)
    return set(casts) | set(columns)


def rendered(dialect: str) -> dict[str, str]:
    return render_warehouse_files(PLAN, dialect, DEFAULT_TARGETS[dialect])


@pytest.fixture(scope="module", params=["snowflake", "bigquery"])
def warehouse(request: pytest.FixtureRequest, small: Path) -> tuple[str, dict[str, str]]:
    """A warehouse's render with its conformance kit."""
    dialect = request.param
    export = render_export(PLAN, dialect, DEFAULT_TARGETS[dialect], EXPORT_URIS[dialect])
    return dialect, rendered(dialect) | {
        KIT_QUERY: kit_check(dialect, small),
        EXPORT_SCRIPT: export,
    }


def statements(files: dict[str, str]) -> list[str]:
    return split_statements(files["run.sql"])


def kit_statements(files: dict[str, str]) -> list[str]:
    """check.sql's and export.sql's statements."""
    return [st for name in (KIT_QUERY, EXPORT_SCRIPT) for st in split_statements(files[name])]


def metadata_statements(files: dict[str, str]) -> list[str]:
    return [st for name, sql in files.items() if name.startswith("metadata/")
            for st in split_statements(sql)]  # fmt: skip


@needs_cli
def test_render_writes_the_warehouse_folder_and_refuses_a_bad_target(tmp_path: Path) -> None:
    """As a user runs it: the folder with run.sql and metadata/, naming the --target; the
    --output-dir (unused by a warehouse) is not checked, so a folder of the user's there is
    no obstacle; a malformed target is one line, exit 2."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("the user's", encoding="utf-8")
    out = tmp_path / "sql_bq"
    done = cli("render", "--dialect", "bigquery", "--scale", "20K", "--target", "proj.ds",
               "--out", str(out), "--output-dir", str(mine))  # fmt: skip
    assert done.returncode == 0, done.stderr
    run_sql = (out / "run.sql").read_text(encoding="utf-8")
    assert "CREATE OR REPLACE TABLE proj.ds.crm_customers AS" in run_sql
    assert "DROP FUNCTION IF EXISTS proj.ds.__idr_rand;" in run_sql
    assert "'proj.ds.crm_customers'" in (out / "metadata" / "source_table_config.sql").read_text()
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "the user's"
    refused = cli("render", "--dialect", "snowflake", "--target", "just_a_schema",
                  "--out", str(tmp_path / "sql_sf"))  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: --target: 'just_a_schema' is not DATABASE.SCHEMA (letters, digits, _)"
    ]
    assert not (tmp_path / "sql_sf").exists()
    exported = cli("render", "--dialect", "bigquery", "--export-to", "s3://bucket/x",
                   "--out", str(tmp_path / "sql_bq2"))  # fmt: skip
    assert (exported.returncode, exported.stderr.strip().splitlines()) == (2, [
        "error: --export-to: 's3://bucket/x' is not a Cloud Storage URI such as "
        "gs://my-bucket/idrgen (for --dialect bigquery)"
    ])  # fmt: skip
    missing = cli("import", "--from", str(tmp_path / "nothing"), "--scale", "20K",
                  "--output-dir", str(tmp_path / "imported"))  # fmt: skip
    assert (missing.returncode, missing.stderr.strip().splitlines()) == (2, [
        f"error: --from: {tmp_path / 'nothing'} is not a folder"
    ])  # fmt: skip
    assert not (tmp_path / "imported").exists()


@needs_cli
def test_render_kit_writes_the_check_with_duckdb_checksums(tmp_path: Path, small: Path) -> None:
    """`render --kit` as a user runs it: with no --scale the kit is 20K records; its expected
    checksums are those of a DuckDB run of the same data (here `small`, seed 7), computed in a
    work folder that is gone afterwards; check.sql names each table with its checksum. A kit
    for DuckDB's own dialect is refused, one line, exit 2."""
    out, work = tmp_path / "kit", tmp_path / "work"
    work.mkdir()
    done = cli("render", "--dialect", "bigquery", "--kit", "--seed", "7", "--out", str(out),
               "--temp-dir", str(work))  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = json.loads((out / KIT_EXPECTED).read_text(encoding="utf-8"))
    assert (expected["scale"], expected["seed"], expected["target"]) == (20_000, 7, "idrgen")
    reference = {t.name: t.checksum for t in reference_tables(small)}
    assert expected["checksums"] == reference
    check = (out / KIT_QUERY).read_text(encoding="utf-8")
    for name, checksum in reference.items():
        assert f"'{checksum}' AS expected" in check and f"FROM idrgen.{name}\n" in check
    assert "CREATE OR REPLACE TABLE idrgen.crm_customers AS" in (out / "run.sql").read_text()
    assert list(work.iterdir()) == []
    refused = cli("render", "--kit", "--out", str(tmp_path / "kit_duckdb"))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: --kit: a conformance kit is for --dialect snowflake or bigquery"
    ]


def test_every_statement_parses_strictly(warehouse: tuple[str, dict[str, str]]) -> None:
    from sqlglot.errors import ErrorLevel

    dialect, files = warehouse
    for statement in statements(files) + metadata_statements(files) + kit_statements(files):
        sqlglot.parse_one(statement, read=dialect, error_level=ErrorLevel.RAISE)  # raises if not


def test_only_known_functions_types_and_operators(warehouse: tuple[str, dict[str, str]]) -> None:
    dialect, files = warehouse
    sql = files["run.sql"] + files[KIT_QUERY] + files[EXPORT_SCRIPT]
    unknown = function_calls(sql) - FUNCTIONS[dialect] - KEYWORDS
    assert not unknown, f"functions {dialect} lacks (or not yet checked): {sorted(unknown)}"
    assert type_names(sql) <= TYPES[dialect], sorted(type_names(sql) - TYPES[dialect])
    problems = [why for pattern, why in NOT_IN[dialect] if re.search(pattern, code(sql))]
    assert not problems, problems


def test_the_metadata_names_the_tables_in_the_target_and_speaks_the_dialect(
    warehouse: tuple[str, dict[str, str]],
) -> None:
    dialect, files = warehouse
    metadata = "\n".join(metadata_statements(files))
    for table in warehouse_table_names():
        if not table.startswith("truth_") and table != "products":
            assert f"'{DEFAULT_TARGETS[dialect]}.{table}'" in metadata
    # the normalisation is SQL the IDR engine runs on the warehouse: linted as such
    expressions = [m.expression_in(dialect) for m in MAPPINGS]
    calls = set().union(*(function_calls(e) for e in expressions))
    assert calls <= FUNCTIONS[dialect] | KEYWORDS, sorted(calls - FUNCTIONS[dialect])
    problems = [why for e in expressions for pattern, why in NOT_IN[dialect]
                if re.search(pattern, code(e))]  # fmt: skip
    assert not problems, problems


def test_every_division_is_an_integer_division_of_its_own(
    warehouse: tuple[str, dict[str, str]],
) -> None:
    """Snowflake's `/` gives a decimal of scale 6 and BigQuery's a FLOAT64: the generation
    divides only inside idiv(), which floors (Snowflake) or is DIV (BigQuery)."""
    from sqlglot import exp

    dialect, files = warehouse
    for statement in statements(files):
        for division in sqlglot.parse_one(statement, read=dialect).find_all(exp.Div):
            assert dialect == "snowflake", division.sql(dialect)
            parent = division.parent
            while isinstance(parent, exp.Paren):
                parent = parent.parent
            assert isinstance(parent, exp.Floor | exp.Cast), division.sql(dialect)[:200]


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery"])
@pytest.mark.parametrize(
    "wrong", ["printf('%d', x)", "x // 2", "CAST(x AS INT128)", "x::BIGINT", "shiftright(x, 2)"]
)
def test_the_lint_catches_what_the_warehouse_rejects(dialect: str, wrong: str) -> None:
    """Not vacuous: each of these parses in sqlglot and fails the checks."""
    sql = f"SELECT {wrong} FROM t"
    problems = [why for pattern, why in NOT_IN[dialect] if re.search(pattern, code(sql))]
    calls = function_calls(sql) - FUNCTIONS[dialect] - KEYWORDS
    assert problems or calls


def test_the_lint_catches_bigquery_only_gaps() -> None:
    sql = "SELECT split_part(a, '@', 2), MOD(x, 2) % 3 FROM t"
    assert [why for pattern, why in NOT_IN["bigquery"] if re.search(pattern, code(sql))]


# ---- the Snowflake emulator -------------------------------------------------------------

pytest.importorskip("fakesnow")

# Statements fakesnow cannot run, each with the reason; everything else runs as rendered.
FAKESNOW_SKIPS = {"ALTER SESSION SET TIMEZONE": "not implemented by fakesnow 0.12"}


@pytest.fixture(scope="module")
def snowflake() -> Iterator[Any]:
    """A fakesnow connection (the Snowflake connector, patched to run on DuckDB)."""
    with snowflake_emulator.connection() as connection:
        yield connection


def fetch(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    cursor.execute(sql)
    return list(cursor.fetchall())


def emulated_table(duck: duckdb.DuckDBPyConnection, table: str, like: str) -> str:
    """A SELECT of the emulator's table with each column as the DuckDB output's type: the
    emulator keeps NUMBER as HUGEINT (written to Parquet as DOUBLE) and some arrays as JSON
    text."""
    expected = [
        row[:2] for row in duck.execute(f"DESCRIBE SELECT * FROM read_parquet('{like}')").fetchall()
    ]
    held = {name.lower(): kind for name, kind, *_ in duck.execute(f"DESCRIBE {table}").fetchall()}
    columns = []
    for name, kind in expected:
        if kind.endswith("[]") and held[name] == "VARCHAR":
            columns.append(f"from_json({name}, '[\"VARCHAR\"]') AS {name}")
        else:
            columns.append(f"CAST({name} AS {kind}) AS {name}")
    return f"SELECT {', '.join(columns)} FROM {table}"


def arrays_as_lists(duck: duckdb.DuckDBPyConnection, table: str) -> None:
    """Store the array columns that fakesnow keeps as JSON (any array a UNION ALL made) as
    lists of text, as Snowflake keeps them ARRAYs: its ARRAY_TO_STRING cannot read the JSON
    (FAKESNOW_FAULTS)."""
    for name, kind, *_ in duck.execute(f"DESCRIBE {table}").fetchall():
        if kind == "JSON":
            duck.execute(
                f"ALTER TABLE {table} ALTER COLUMN {name} SET DATA TYPE VARCHAR[] "
                f"USING from_json({name}, '[\"VARCHAR\"]')"
            )


def kit_check(dialect: str, small: Path) -> str:
    """check.sql of the 20K seed 7 conformance kit, with DuckDB's values from `small`."""
    tables = reference_tables(small)
    return kit_files(PLAN.config, dialect, DEFAULT_TARGETS[dialect], tables)[KIT_QUERY]


# Identifier values the IDR engine normalises, for the three engines to agree on.
SAMPLES = {
    "EMAIL": [" John.Doe+news@GoogleMail.com ", "a.b+x@Example.com", "plain@x.org", "", None,
              "no-at-sign", "x@gmail.com+"],
    "PHONE": ["+44 7400 123456", "(555) 010-0000", "", "abc", None],
    "DEVICE_ID": ["  AB-12 ", "", None],
}  # fmt: skip


def normalised(kind: str, dialect: str, run: Callable[[str], Any]) -> list[Any]:
    expression = identifier_expression(kind, "v", dialect)
    values = []
    for value in SAMPLES[kind]:
        literal = "NULL" if value is None else "'" + value + "'"
        values.append(run(f"SELECT {expression} FROM (SELECT CAST({literal} AS STRING) AS v) AS t"
                          if dialect == "bigquery" else
                          f"SELECT {expression} FROM (SELECT CAST({literal} AS VARCHAR) AS v) AS t"))  # fmt: skip
    return values


def duckdb_normalised(kind: str) -> list[Any]:
    con = duckdb.connect()
    return normalised(kind, "duckdb", lambda sql: (con.execute(sql).fetchone() or [None])[0])


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_fakesnow_normalises_identifiers_as_duckdb(snowflake: Any, kind: str) -> None:
    assert normalised(kind, "snowflake", lambda sql: fetch(snowflake, sql)[0][0]) == (
        duckdb_normalised(kind)
    )


def test_the_whole_generation_runs_in_fakesnow_and_writes_what_duckdb_writes(
    snowflake: Any, small: Path, tmp_path: Path
) -> None:
    files = rendered("snowflake")
    ran, skipped = 0, []
    cursor = snowflake.cursor()
    for statement in statements(files):
        reason = next((why for start, why in FAKESNOW_SKIPS.items() if start in statement), None)
        if reason:
            skipped.append(reason)
            continue
        cursor.execute(statement)
        ran += 1
    assert skipped == [FAKESNOW_SKIPS["ALTER SESSION SET TIMEZONE"]]
    duck = snowflake._duck_conn  # the emulator's own DuckDB connection: its tables, as stored
    golden = json.loads(GOLDEN.read_text())
    checksums = {}
    for name, table in zip(parquet_files(), warehouse_table_names(), strict=True):
        written = tmp_path / f"{name}.parquet"
        written.parent.mkdir(exist_ok=True)
        query = emulated_table(
            duck, f"{DEFAULT_TARGETS['snowflake']}.{table}", str(small / f"{name}.parquet")
        )
        duck.execute(f"COPY ({query}) TO '{written}' (FORMAT parquet)")
        checksums[name] = content_checksum(duckdb.connect(), written)
    assert checksums == golden
    # the work tables are gone, the output tables remain
    left = {
        row[1].lower()
        for row in fetch(snowflake, f"SHOW TABLES IN SCHEMA {DEFAULT_TARGETS['snowflake']}")
    }
    assert left == set(warehouse_table_names())
    # the IDR metadata, loaded into the engine's own Snowflake tables, reads the identifiers
    # as DuckDB does
    if ddl_path("snowflake").exists():
        for statement in metadata_tables_ddl("snowflake", split_statements):
            cursor.execute(statement)
        for statement in metadata_statements(files):
            cursor.execute(statement)
        assert_identifiers_as_duckdb("snowflake", lambda sql: fetch(snowflake, sql), small)
    # the conformance kit's check: every table matches; a changed value is caught
    for table in warehouse_table_names():
        arrays_as_lists(duck, f"{DEFAULT_TARGETS['snowflake']}.{table}")
    check = kit_check("snowflake", small)
    assert [row[3] for row in fetch(snowflake, check)] == [True] * len(warehouse_table_names())
    cursor.execute(
        f"UPDATE {DEFAULT_TARGETS['snowflake']}.products SET price = price + 0.01 "
        "WHERE product_id = 'PRD-0000001'"
    )
    mismatched = [row[0] for row in fetch(snowflake, check) if row[3] is not True]
    assert mismatched == ["products"]


# ---- what fakesnow gets wrong ---------------------------------------------------------------
# Each claim of the notes' table (README, "Snowflake and BigQuery") with its probe: the probe
# passes while the emulator is wrong in that way. The macros avoid each fault where Snowflake
# allows it (named in the comment); where they cannot, the checks above say so.

FAKESNOW_FAULTS: list[tuple[str, str, Callable[[Any], bool]]] = [
    (
        "NUMBER division returns a double, not a decimal of scale 6 (so idiv's rounding "
        "cannot be checked here; its proof is the scale rule)",
        "SELECT 1 / 3",
        lambda value: isinstance(value, float),
    ),
    (
        "accepts DuckDB's printf, which Snowflake lacks (the lint rejects it)",
        "SELECT printf('%d', 3)",
        lambda value: value == "3",
    ),
    (
        "NUMBER(38, 0) overflows past 2^63 (muldiv's products are checked by the primitives "
        "on small values only)",
        "SELECT CAST(3000000000 AS NUMBER(38, 0)) * 4000000000000",
        lambda value: isinstance(value, Exception),
    ),
    (
        "TO_NUMBER with a hex format is not implemented (hex_to_int sums digits instead)",
        "SELECT TO_NUMBER('ff', 'XX')",
        lambda value: isinstance(value, Exception),
    ),
    (
        "an array that went through a UNION ALL is typed JSON, which ARRAY_TO_STRING cannot "
        "read (the kit's test stores such columns as lists first)",
        "SELECT ARRAY_TO_STRING(u.a, ',') FROM "
        "(SELECT ARRAY_CONSTRUCT('a') AS a UNION ALL SELECT ARRAY_CONSTRUCT('b')) AS u",
        lambda value: isinstance(value, Exception),
    ),
    (
        "ALTER SESSION SET TIMEZONE is not implemented (skipped; the values do not depend "
        "on it: times are computed from epoch seconds)",
        "ALTER SESSION SET TIMEZONE = 'UTC'",
        lambda value: isinstance(value, Exception),
    ),
]


@pytest.mark.parametrize(
    ("claim", "probe", "still_wrong"), FAKESNOW_FAULTS, ids=[f[1][:40] for f in FAKESNOW_FAULTS]
)
def test_fakesnow_fault_is_still_there(
    snowflake: Any, claim: str, probe: str, still_wrong: Callable[[Any], bool]
) -> None:
    value = probed(lambda sql: fetch(snowflake, sql), probe, Exception)
    assert still_wrong(value), f"fakesnow no longer: {claim} (got {value!r}); update the notes"


def probed(run: Callable[[str], Any], probe: str, refusal: type[Exception]) -> Any:
    """A probe's value, or the error it was refused with (a fault may be a refusal)."""
    try:
        return run(probe)[0][0]
    except refusal as error:
        return error


def test_fakesnow_types_a_null_array_as_json_and_cannot_index_it(snowflake: Any) -> None:
    """CAST(NULL AS ARRAY) is JSON in fakesnow, and so is a UNION of it with arrays, whose
    items a column cannot index (NULL); null_text_array writes a NULL of an array's type."""
    union = "SELECT ARRAY_CONSTRUCT('a', 'b') AS a, 1 AS i UNION ALL SELECT {}, 0"
    index = "SELECT CAST(u.a[CAST(u.i AS INTEGER)] AS VARCHAR) FROM ({}) AS u WHERE u.i = 1"
    cast_null = union.format("CAST(NULL AS ARRAY)")
    typed_null = union.format("CASE WHEN FALSE THEN ARRAY_CONSTRUCT('') END")
    assert fetch(snowflake, index.format(cast_null)) == [(None,)]
    assert fetch(snowflake, index.format(typed_null)) == [("b",)]


def test_fakesnow_reads_array_items_from_a_table_as_json_text(snowflake: Any) -> None:
    """GET(array, i)::VARCHAR of a stored array keeps the JSON quotes in fakesnow (Snowflake
    gives the text); array_item uses array[i], right in both."""
    fetch(
        snowflake, "CREATE OR REPLACE TABLE probe_arrays AS SELECT ARRAY_CONSTRUCT('x', 'y') AS a"
    )
    assert fetch(snowflake, "SELECT CAST(GET(a, 1) AS VARCHAR) FROM probe_arrays") == [('"y"',)]
    assert fetch(snowflake, "SELECT CAST(a[1] AS VARCHAR) FROM probe_arrays") == [("y",)]
    fetch(snowflake, "DROP TABLE probe_arrays")


# ---- the BigQuery emulator ----------------------------------------------------------------

# Statements bqemulator cannot run, each with the reason; everything else runs as rendered.
BQEMULATOR_SKIPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def bigquery_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if emulators.python() is None:
        pytest.skip("no environment with bqemulator (README: Snowflake and BigQuery)")
    emulator = emulators.BigQueryEmulator(tmp_path_factory.mktemp("bqemulator"))
    yield emulator
    emulator.stop()


# Each claim of the README's table about bqemulator, with its probe (see FAKESNOW_FAULTS).
BQEMULATOR_FAULTS: list[tuple[str, str, Callable[[Any], bool]]] = [
    (
        "DIV(a - b, c) runs as a - b // c (idiv parenthesises its arguments)",
        "SELECT DIV(10 - 4, 2)",
        lambda value: value == 8,
    ),
    (
        "3 * DIV(x, 7) runs as 3 * x // 7 (idiv parenthesises the call)",
        "SELECT 3 * DIV(x, 7) FROM (SELECT 10 AS x)",
        lambda value: value == 4,
    ),
    (
        "3 * MOD(x, 7) runs as 3 * x % 7 (imod parenthesises the call)",
        "SELECT 3 * MOD(x, 7) FROM (SELECT 10 AS x)",
        lambda value: value == 2,
    ),
    (
        "OFFSET(i) of an index that is a LEAST loses its + 1 (the SQL uses ORDINAL)",
        "SELECT a[OFFSET(LEAST(1, i))] FROM (SELECT [10, 20, 30] AS a, 2 AS i)",
        lambda value: value == 10,
    ),
    (
        "integer array literals are 32-bit (distribution tables are ARRAY<INT64>)",
        "SELECT [53017][OFFSET(0)] * 1000000",
        lambda value: isinstance(value, Exception),
    ),
    (
        "DIV of a BIGNUMERIC keeps a fraction (muldiv truncates it, which BigQuery's "
        "integral DIV does not need)",
        "SELECT DIV(CAST(990 AS BIGNUMERIC) * 201, 1000)",
        lambda value: str(value) == "198.99",
    ),
    (
        "refuses EXPORT DATA after a comment (the test strips export.sql's header comment)",
        "-- a comment\nEXPORT DATA OPTIONS (uri = 'gs://bucket/probe/part-*.parquet', "
        "format = 'PARQUET', overwrite = true) AS SELECT 1 AS x",
        lambda value: "Malformed EXPORT DATA" in str(value),
    ),
    (
        "accepts SPLIT_PART, which BigQuery lacks (the lint rejects it)",
        "SELECT SPLIT_PART('a.b', '.', 2)",
        lambda value: value == "b",
    ),
]


@pytest.mark.parametrize(
    ("claim", "probe", "still_wrong"), BQEMULATOR_FAULTS, ids=[f[1][:40] for f in BQEMULATOR_FAULTS]
)
def test_bqemulator_fault_is_still_there(
    bigquery_emulator: Any, claim: str, probe: str, still_wrong: Callable[[Any], bool]
) -> None:
    value = probed(bigquery_emulator.query, probe, emulators.QueryError)
    assert still_wrong(value), f"bqemulator no longer: {claim} (got {value!r}); update the README"


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_bqemulator_normalises_identifiers_as_duckdb(bigquery_emulator: Any, kind: str) -> None:
    run = lambda sql: bigquery_emulator.query(sql)[0][0]  # noqa: E731
    assert normalised(kind, "bigquery", run) == duckdb_normalised(kind)


def test_the_whole_generation_runs_in_bqemulator_and_writes_what_duckdb_writes(
    bigquery_emulator: Any, small: Path, tmp_path: Path
) -> None:
    dataset = DEFAULT_TARGETS["bigquery"]
    bigquery_emulator.query(f"CREATE SCHEMA IF NOT EXISTS {dataset}")
    files = rendered("bigquery")
    for statement in statements(files):
        bigquery_emulator.query(statement)
    # the IDR metadata, loaded into the engine's own BigQuery tables, reads the identifiers
    # as DuckDB does
    if ddl_path("bigquery").exists():
        for statement in metadata_tables_ddl("bigquery", split_statements):
            bigquery_emulator.query(statement)
        for statement in metadata_statements(files):
            bigquery_emulator.query(statement)
        assert_identifiers_as_duckdb("bigquery", bigquery_emulator.query, small)
    # the conformance kit's check: every table matches
    rows = bigquery_emulator.query(kit_check("bigquery", small))
    assert [row[3] for row in rows] == [True] * len(warehouse_table_names()), rows
    # export.sql unloads the tables as Parquet; `import` makes of them an output folder equal
    # to DuckDB's, file by file, which passes `validate`
    export = render_export(PLAN, "bigquery", dataset, EXPORT_URIS["bigquery"])
    for statement in split_statements(export):
        # the emulator takes no comment before EXPORT DATA (BQEMULATOR_FAULTS)
        bigquery_emulator.query(re.sub(r"^(\s*--[^\n]*\n)+", "", statement))
    imported = tmp_path / "imported"
    done = cli("import", "--from", str(bigquery_emulator.gcs / "bucket" / "export"),
               "--scale", "20K", "--seed", "7", "--output-dir", str(imported))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output_checksums(imported) == json.loads(GOLDEN.read_text())
    failed = [check for check in validate(imported) if not check.ok]
    assert not failed, failed
    # an IDR result exported from the warehouse is scored: here the truth itself (a person,
    # or an anonymous basket), perfect
    bigquery_emulator.query(
        f"CREATE TABLE {dataset}.membership AS SELECT entity_key, COALESCE(CAST(person_id AS "
        f"STRING), anonymous_basket) AS resolved_id FROM {dataset}.truth_record_person"
    )
    bigquery_emulator.query(
        "EXPORT DATA OPTIONS (uri = 'gs://bucket/membership/part-*.parquet', format = "
        f"'PARQUET', overwrite = true) AS SELECT * FROM {dataset}.membership"
    )
    bigquery_emulator.query(f"DROP TABLE {dataset}.membership")
    scored = cli("evaluate", "--output-dir", str(imported), "--membership",
                 str(bigquery_emulator.gcs / "bucket" / "membership"), "--json")  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    scores = json.loads(scored.stdout)["membership"]
    assert (scores["pairwise_precision"], scores["pairwise_recall"], scores["missing_records"]) == (
        1.0, 1.0, 0
    ), scores  # fmt: skip
    bigquery_emulator.stop()
    duck = duckdb.connect(str(bigquery_emulator.database()), read_only=True)
    # the emulator keeps dataset D of its project as the schema <project>__D
    stored_tables = duck.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = ?",
        [f"{emulators.PROJECT}__{dataset}"],
    ).fetchall()
    assert {row[0] for row in stored_tables} == set(warehouse_table_names())  # work tables gone
    checksums = {}
    for name, table in zip(parquet_files(), warehouse_table_names(), strict=True):
        written = tmp_path / f"{name}.parquet"
        written.parent.mkdir(exist_ok=True)
        stored = f"{emulators.PROJECT}__{dataset}.{table}"
        query = emulated_table(duck, stored, str(small / f"{name}.parquet"))
        duck.execute(f"COPY ({query}) TO '{written}' (FORMAT parquet)")
        checksums[name] = content_checksum(duckdb.connect(), written)
    assert checksums == json.loads(GOLDEN.read_text())
