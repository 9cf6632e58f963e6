"""sql-identity-resolution's side of a platform, for the tests that load our metadata into it.

Its DDL per platform (the engine's own files, where the checkout is beside the project), and
what the engine does first with our metadata: read each mapping's identifier_value_expr,
CAST((expr) AS text), over the mapping's table_fqn. Those values must be DuckDB's, whatever
the platform, or the same data would resolve differently there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from idrgen_duck.idr_metadata import MAPPINGS
from idrgen_duck.plan import SOURCE_BY_ID

CLIENT = Path(__file__).resolve().parents[2] / "shared/clients/sql-identity-resolution/sql"
TEXT_TYPES = {"snowflake": "VARCHAR", "bigquery": "STRING", "databricks": "STRING"}


def ddl_path(platform: str) -> Path:
    """The engine's DDL of a platform (snowflake, bigquery, databricks)."""
    return CLIENT / platform / "core" / "00_ddl_all.sql"


def verb(statement: str) -> str:
    """The first word of a statement, after its comments."""
    return re.sub(r"^(\s*--[^\n]*\n)*\s*", "", statement).split(None, 1)[0].upper()


def metadata_tables_ddl(platform: str, split: Callable[[str], list[str]]) -> list[str]:
    """The engine's CREATE statements of its idr_meta schema and tables (not its MERGE of
    default settings, nor its output tables)."""
    statements = split(ddl_path(platform).read_text(encoding="utf-8"))
    creates = re.compile(r"^CREATE (SCHEMA|TABLE) IF NOT EXISTS `?idr_meta\b", re.M)
    return [st for st in statements if creates.search(st)]


def assert_identifiers_as_duckdb(
    platform: str, query: Callable[[str], list[Any]], small: Path
) -> None:
    """Every mapping loaded in idr_meta gives, run by the platform as the engine runs it over
    its table_fqn, the values DuckDB's mapping gives over the same data (as multisets)."""
    rows = query(
        "SELECT m.table_id, m.identifier_type, m.identifier_value_expr, s.table_fqn "
        "FROM idr_meta.identifier_mapping AS m "
        "JOIN idr_meta.source_table AS s ON s.table_id = m.table_id"
    )
    assert len(rows) == len(MAPPINGS)
    con = duckdb.connect()
    for table_id, kind, expression, table_fqn in rows:
        values = Counter(
            row[0]
            for row in query(
                f"SELECT CAST(({expression}) AS {TEXT_TYPES[platform]}) FROM {table_fqn}"
            )
        )
        mapping = next(m for m in MAPPINGS if (m.table_id, m.identifier_type) == (table_id, kind))
        file = small / "parquet" / f"{SOURCE_BY_ID[table_id].table}.parquet"
        expected = Counter(
            row[0]
            for row in con.execute(
                f"SELECT CAST(({mapping.expression}) AS VARCHAR) FROM read_parquet('{file}')"
            ).fetchall()
        )
        assert values == expected, (platform, table_id, kind)
        assert len(values) > 1  # real values, not one constant
