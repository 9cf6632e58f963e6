"""The Spark render's IDR metadata, loaded as sql-identity-resolution's Databricks flavour
loads it: its own DDL for idr_meta, then tables.sql and metadata/ in Spark SQL (local Spark).

What the engine does with them is checked the way it does it: every table_fqn has the
catalog.schema.table shape it requires and is found by its `SHOW TABLES IN catalog.schema LIKE`,
and every identifier_value_expr, run in Spark over that table as the engine runs it, gives the
values DuckDB's metadata gives over the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from idrgen_duck import engines
from idrgen_duck.config import RunConfig
from idrgen_duck.engines import split_statements
from idrgen_duck.plan import SOURCE_BY_ID, make_plan
from idrgen_duck.render import SPARK_TABLES, render_spark_files, warehouse_table_names
from tests.conftest import local_spark
from tests.idr_engine import assert_identifiers_as_duckdb, ddl_path, metadata_tables_ddl, verb

TARGET = "spark_catalog.idrgen_test"

pytestmark = [
    pytest.mark.skipif(
        not engines.available("spark"), reason="PySpark or a Java runtime is missing"
    ),
    pytest.mark.skipif(
        not ddl_path("databricks").exists(),
        reason=f"sql-identity-resolution is not at {ddl_path('databricks')}",
    ),
]


@pytest.fixture(scope="module")
def spark(small: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Local Spark with the engine's idr_meta tables, the output's tables and the metadata."""
    session = local_spark(tmp_path_factory.mktemp("warehouse"))
    files = render_spark_files(make_plan(RunConfig(scale=20_000, seed=7)), small, TARGET)
    metadata = [st for name, sql in sorted(files.items()) if name.startswith("metadata/")
                for st in split_statements(sql)]  # fmt: skip
    statements = metadata_tables_ddl("databricks", split_statements)
    for statement in statements + split_statements(files[SPARK_TABLES]) + metadata:
        # DELETE (which makes loading twice idempotent) needs Delta tables, Databricks' default;
        # local Spark's are Parquet tables, empty here anyway
        if verb(statement) != "DELETE":
            session.sql(statement)
    yield session
    session.stop()


def test_table_fqns_are_three_part_names_the_engine_finds(spark: Any) -> None:
    rows = spark.sql("SELECT table_id, table_fqn FROM idr_meta.source_table").collect()
    assert sorted(row.table_id for row in rows) == sorted(SOURCE_BY_ID)
    for row in rows:
        catalog, schema, table = row.table_fqn.split(".")  # IDR_Run.py's table_exists
        assert f"{catalog}.{schema}" == TARGET and table in warehouse_table_names()
        assert spark.sql(f"SHOW TABLES IN {catalog}.{schema} LIKE '{table}'").count() == 1


def test_identifier_expressions_give_duckdbs_values_in_spark(spark: Any, small: Path) -> None:
    """The engine's extraction, CAST((expr) AS STRING) over table_fqn, for every mapping."""
    assert_identifiers_as_duckdb(
        "databricks", lambda sql: [tuple(row) for row in spark.sql(sql).collect()], small
    )
