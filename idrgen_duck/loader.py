"""`load`: a DuckDB database ready for sql-identity-resolution's DuckDB runner.

It holds the 8 tables (native tables from the Parquet files, named as the metadata's
table_fqn), the `idr_meta` tables with the engine's columns, and our metadata loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from idrgen_duck import __version__, catalog, db, folders, interrupts
from idrgen_duck.config import ConfigError
from idrgen_duck.render import output_sources, parquet_files

# The database opens in DuckDB releases from 1.2 on, the CLI of the README's test extra
# (duckdb-cli 1.5) included: DuckDB 2.0 otherwise writes storage version 69, which the 1.5
# CLI refuses ("we can only read versions between 64 and 68").
STORAGE_VERSION = "v1.2.0"
# The table that marks a database as written by `load`: only such a file is ever replaced.
LOAD_MARKER = "__idr_load"
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file

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


def checked_output(text: str) -> Path:
    """An output folder given as input (--output-dir of load, evaluate, validate)."""
    if not text.strip():
        raise ConfigError(
            "--output-dir: the path is empty; name the folder `idrgen-duck run` wrote, "
            "e.g. --output-dir ./output"
        )
    path = Path(text).expanduser().resolve()
    if not path.exists():
        raise ConfigError(
            f"--output-dir: {path} does not exist; name the folder `idrgen-duck run` wrote"
        )
    if not path.is_dir():
        raise ConfigError(
            f"--output-dir: {path} is a file; name the folder `idrgen-duck run` wrote"
        )
    return path


def written_by_load(path: Path) -> bool:
    """Whether `path` is a DuckDB database that `load` wrote (it holds the marker table)."""
    try:
        with path.open("rb") as file:
            if file.read(12)[8:12] != DUCKDB_MAGIC:
                return False
        con = duckdb.connect(str(path), read_only=True)
    except (OSError, duckdb.Error):
        return False
    try:
        row = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
            [LOAD_MARKER],
        ).fetchone()
        return bool(row and row[0])
    except duckdb.Error:
        return False
    finally:
        con.close()


def checked_database(text: str, overwrite: bool) -> Path:
    """The --db file to write: new, or a database `load` wrote earlier and may replace."""
    if not text.strip():
        raise ConfigError(
            "--db: the path is empty; name a database file, e.g. --db scale_test.duckdb"
        )
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise ConfigError(
            f"--db: {path} is a folder; name a database file in it, "
            f"e.g. --db {path / 'scale_test.duckdb'}"
        )
    if path.exists():
        if not written_by_load(path):
            raise ConfigError(
                f"--db: {path} exists and is not a database written by idrgen-duck load; "
                "it is never replaced: choose another file"
            )
        if not overwrite:
            raise ConfigError(f"--db: {path} exists; pass --overwrite to replace it")
    folders.check_writable(path.parent, "--db")
    return path


def _remove_stale_partials(database: Path) -> None:
    """Databases half-written by killed `load`s for the same file (their process is gone)."""
    prefix = f".{database.name}.partial-"
    for entry in database.parent.glob(f"{prefix}*"):
        pid = folders.pid_suffix(entry.name.removesuffix(".wal"), prefix)
        if pid is not None and not folders.process_alive(pid):
            entry.unlink(missing_ok=True)


def load(output_dir: Path, database: Path, overwrite: bool = False) -> list[str]:
    """Create `database` from an output folder; returns the tables created.

    It is written beside its final path under a hidden name and renamed over it at the end,
    so an interrupted load leaves the previous database as it was."""
    parquet = output_dir / "parquet"
    # the catalog's tables under parquet/ that the output holds (all, or those of its
    # --sources); the truth stays out: the engine must not see it
    held = parquet_files(output_sources(output_dir))
    tables = [t.name for t in catalog.TABLES if t.file in held and t.file.startswith("parquet/")]
    missing = [t for t in tables if not (parquet / f"{t}.parquet").exists()]
    missing += [f for f in METADATA_FILES if not (output_dir / "metadata" / f).exists()]
    if missing:
        raise ConfigError(f"--output-dir: {output_dir} lacks {', '.join(missing)}")
    database = checked_database(str(database), overwrite)
    folders.make_folder(database.parent, "--db")
    _remove_stale_partials(database)
    partial = database.parent / f".{database.name}.partial-{os.getpid()}"
    wal = partial.with_name(partial.name + ".wal")
    for path in (partial, wal):
        path.unlink(missing_ok=True)
    try:
        con = duckdb.connect(
            str(partial), config={"storage_compatibility_version": STORAGE_VERSION}
        )
        try:
            con.execute(
                f"CREATE TABLE {LOAD_MARKER} (tool VARCHAR, version VARCHAR, source VARCHAR, "
                "loaded_at TIMESTAMP WITH TIME ZONE)"
            )
            con.execute(
                f"INSERT INTO {LOAD_MARKER} VALUES ('idrgen-duck', ?, ?, now())",
                [__version__, str(output_dir)],
            )
            for table in tables:
                source = db.parquet(parquet / f"{table}.parquet")
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM {source}")
            con.execute(IDR_META_DDL)
            for name in METADATA_FILES:
                con.execute((output_dir / "metadata" / name).read_text(encoding="utf-8"))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        with interrupts.deferred():
            if database.exists() and not written_by_load(database):  # changed while we worked
                raise ConfigError(f"--db: {database} changed while loading; nothing was written")
            os.replace(partial, database)
    except BaseException:
        for path in (partial, wal):
            path.unlink(missing_ok=True)
        raise
    return tables
