"""`load`: a DuckDB database ready for sql-identity-resolution's DuckDB runner.

It holds the 8 tables (native tables from the Parquet files, named as the metadata's
table_fqn), the `idr_meta` tables with the engine's columns, and our metadata loaded.
"""

from __future__ import annotations

from pathlib import Path

from idrgen_duck.config import ConfigError
from idrgen_duck.db import connect
from idrgen_duck.plan import SOURCES

METADATA_FILES = (
    "source_table_config.sql",
    "rule_config.sql",
    "identifier_mapping_config.sql",
    "test_exclusions.sql",
)

# The engine's metadata tables, with the columns its DuckDB runner reads (see the contract in
# the README). run_state and the output schema are the engine's own business.
IDR_META_DDL = """
CREATE SCHEMA IF NOT EXISTS idr_meta;
CREATE TABLE IF NOT EXISTS idr_meta.source_table (
    table_id VARCHAR, table_fqn VARCHAR, entity_type VARCHAR, entity_key_expr VARCHAR,
    watermark_column VARCHAR, watermark_lookback_minutes INTEGER, is_active BOOLEAN);
CREATE TABLE IF NOT EXISTS idr_meta.rule (
    rule_id VARCHAR, rule_name VARCHAR, is_active BOOLEAN, priority INTEGER,
    identifier_type VARCHAR, canonicalize VARCHAR, allow_hashed BOOLEAN,
    require_non_null BOOLEAN, max_group_size INTEGER DEFAULT 10000);
CREATE TABLE IF NOT EXISTS idr_meta.identifier_mapping (
    table_id VARCHAR, identifier_type VARCHAR, identifier_value_expr VARCHAR, is_hashed BOOLEAN);
CREATE TABLE IF NOT EXISTS idr_meta.identifier_exclusion (
    identifier_type VARCHAR, identifier_value_pattern VARCHAR, match_type VARCHAR,
    reason VARCHAR, created_at TIMESTAMP DEFAULT current_timestamp, created_by VARCHAR);
"""


def load(output_dir: Path, db: Path, overwrite: bool = False) -> list[str]:
    """Create `db` from an output folder; returns the tables created."""
    parquet = output_dir / "parquet"
    tables = ["products", *(s.table for s in SOURCES)]
    missing = [t for t in tables if not (parquet / f"{t}.parquet").exists()]
    missing += [f for f in METADATA_FILES if not (output_dir / "metadata" / f).exists()]
    if missing:
        raise ConfigError(f"--output-dir: {output_dir} lacks {', '.join(missing)}")
    if db.exists():
        if not overwrite:
            raise ConfigError(f"--db: {db} exists; pass --overwrite to replace it")
        db.unlink()
    partial = db.with_name(db.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        con = connect(str(partial))
        try:
            for table in tables:
                path = (parquet / f"{table}.parquet").as_posix()
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{path}')")
            con.execute(IDR_META_DDL)
            for name in METADATA_FILES:
                con.execute((output_dir / "metadata" / name).read_text(encoding="utf-8"))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        partial.rename(db)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return tables
