"""The portable core: engine-specific SQL lives in sql/macros/engine.sql only.

Two checks. The templates rendered in a checking dialect, where every engine-layer macro
becomes a placeholder call, must write only portable SQL: no operator or literal that some
engine lacks or reads differently (`//`, `%`, `[...]`, `::`, VARCHAR, INTERVAL) and only
functions every engine has. And the SQL rendered for Spark must parse as Spark SQL (sqlglot,
strict) and call only functions Spark has.
"""

from __future__ import annotations

import re

import pytest

from idrgen_duck.config import RunConfig
from idrgen_duck.engines import split_statements
from idrgen_duck.plan import make_plan
from idrgen_duck.render import PORTABLE, REPORT_STEP, render_run

sqlglot = pytest.importorskip("sqlglot")

PLAN = make_plan(RunConfig(scale=20_000, seed=7, workers=2))
# Functions the templates may call themselves: each exists under this name, with these
# arguments, in DuckDB, Spark, Snowflake and BigQuery.
PORTABLE_FUNCTIONS = {
    "abs", "cast", "coalesce", "dense_rank", "greatest", "least", "left", "length", "lower", "lpad",
    "max", "min", "nullif", "replace", "round", "row_number", "rpad", "substr", "sum", "trim", "upper",
}  # fmt: skip
# Every function the rendered Spark SQL calls: each exists in Spark 4 (tests/test_engines.py
# runs the engine layer's on Spark); a new one goes here only after checking it does.
SPARK_FUNCTIONS = PORTABLE_FUNCTIONS | {
    "array", "concat", "conv", "date_from_unix_date", "element_at", "explode", "filter", "hex", "md5",
    "range", "regexp_replace", "sequence", "shiftright", "size", "split_part",
    "timestamp_seconds",
}  # fmt: skip
# Words followed by "(" that are not function calls, and the functions the setup defines.
KEYWORDS = {"and", "as", "case", "decimal", "div", "else", "from", "in", "not", "options", "over",
            "return", "select", "then", "when", "__idr_rand"}  # fmt: skip
NOT_PORTABLE = [
    (r"//", "integer division is idiv() (Snowflake reads // as a comment)"),
    (r"%", "modulo is imod() (BigQuery has only MOD)"),
    (r"\[", "arrays are array_of() / array_item() (1-based lists are DuckDB's)"),
    (r"::", "casts are CAST(x AS type)"),
    (r"\bVARCHAR\b", "text types are text_type() / as_text()"),
    (r"\bINTERVAL\b", "time is integer epoch seconds"),
    (r"\bEXCLUDE\b|\bBY NAME\b|\bGROUP BY ALL\b", "list the columns"),
    (
        r"\bCREATE OR REPLACE\b|\bCOPY\b|\bSET\b",
        "tables and files are create_table() / copy_parquet()",
    ),
]
# What copy_parquet puts before a query in Spark SQL (sqlglot does not read it; the query it does).
WRITE_HEADER = re.compile(
    r"^\s*INSERT OVERWRITE DIRECTORY '[^']*'\s*USING parquet OPTIONS \([^)]*\)"
)


# How load_seed reads a CSV in Spark SQL (sqlglot 30.22 cannot parse its OPTIONS).
SEED_VIEW = re.compile(
    r"^\s*CREATE OR REPLACE TEMPORARY VIEW __idr_seed_\w+\nUSING csv OPTIONS \(path '[^']+', "
    r"header 'true', escape '\"', encoding 'UTF-8'\)\s*$"
)


def code(sql: str) -> str:
    """SQL without comments and string literals."""
    return re.sub(r"--[^\n]*", "", re.sub(r"'(?:[^']|'')*'", "''", sql))


def function_calls(sql: str) -> set[str]:
    return {name.lower() for name in re.findall(r"\b([A-Za-z_]\w*)\s*\(", code(sql))}


def steps(dialect: str) -> list[tuple[str, str]]:
    """(step, SQL) of the generation steps (the report is DuckDB's by design)."""
    rendered = render_run(PLAN, "/data/out", "/data/work", dialect)
    return [(s.name, s.sql) for s in rendered if s.name != REPORT_STEP]


@pytest.mark.parametrize(
    ("step", "sql"), steps(PORTABLE), ids=lambda v: v if v[:1].isdigit() else ""
)
def test_templates_write_only_portable_sql_outside_the_engine_layer(step: str, sql: str) -> None:
    written = code(sql)
    problems = [why for pattern, why in NOT_PORTABLE if re.search(pattern, written)]
    assert not problems, problems
    calls = {f for f in function_calls(sql) if not f.startswith("__engine_")}
    assert calls <= PORTABLE_FUNCTIONS | KEYWORDS, sorted(calls - PORTABLE_FUNCTIONS - KEYWORDS)


def test_the_spark_sql_parses_and_calls_only_spark_functions() -> None:
    from sqlglot.errors import ErrorLevel

    called: set[str] = set()
    for _, sql in steps("spark"):
        for statement in split_statements(sql):
            query = WRITE_HEADER.sub("", re.sub(r"^\s*--[^\n]*\n", "", statement, flags=re.M))
            if SEED_VIEW.match(query):
                continue  # sqlglot 30.22 does not read OPTIONS with a path; the shape is checked
            sqlglot.parse_one(query, read="spark", error_level=ErrorLevel.RAISE)  # raises if not
            called |= function_calls(query)
    unknown = called - SPARK_FUNCTIONS - KEYWORDS
    assert not unknown, f"functions Spark lacks (or not yet checked): {sorted(unknown)}"


@pytest.mark.parametrize(
    "duckdb_only", ["printf(x)", "list_filter(l, x)", "len(l)", "x // 2", "x % 2", "l[1]"]
)
def test_the_checks_catch_duckdb_only_sql(duckdb_only: str) -> None:
    """Not vacuous: DuckDB's own spellings fail the portable check."""
    sql = f"SELECT {duckdb_only} FROM t"
    problems = [why for pattern, why in NOT_PORTABLE if re.search(pattern, code(sql))]
    calls = function_calls(sql) - PORTABLE_FUNCTIONS - KEYWORDS
    assert problems or calls
