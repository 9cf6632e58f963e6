"""The conformance kit of a warehouse render (`render --dialect snowflake|bigquery --kit`).

No warehouse is reachable from here, so the Snowflake and BigQuery SQL is proven in their
emulators only. The kit lets a user with an account prove it in the real one: next to run.sql
it writes check.sql, which computes every table's conformance checksum in the warehouse and
compares it with the value DuckDB gives for the same scale, seed and difficulty (also in
expected_checksums.json). The checksum is one macro (output.sql, portable_checksum) rendered
for each engine, over each value's engine-independent text, so equal rows give equal sums.

The expected values come from a real DuckDB run of the same plan, made in a temporary folder
here and removed afterwards: nothing is precomputed, so any seed or scale can be checked (20K
records take seconds).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from idrgen_duck import __version__, catalog, folders, runner
from idrgen_duck.config import RunConfig
from idrgen_duck.render import make_environment

KIT_QUERY = "check.sql"
KIT_EXPECTED = "expected_checksums.json"
# the scale of a kit when --scale is not given: small enough to check in a minute or two
KIT_SCALE = 20_000


@dataclass(frozen=True)
class KitTable:
    """One output table: its name in the warehouse, its columns (name, type: the catalog's)
    and its conformance checksum in DuckDB's output."""

    name: str
    columns: tuple[tuple[str, str], ...]
    checksum: str


def reference_tables(output_dir: Path) -> list[KitTable]:
    """Every table of a DuckDB output with its conformance checksum."""
    portable_checksum = make_environment().globals["portable_checksum"]
    tables = []
    with contextlib.closing(duckdb.connect()) as con:
        for table in catalog.TABLES:
            relation = f"read_parquet('{(output_dir / f'{table.file}.parquet').as_posix()}')"
            row = con.execute(portable_checksum(relation, table.types)).fetchone()
            assert row is not None  # an aggregate gives one row
            tables.append(KitTable(table.name, table.types, str(row[0])))
    return tables


def reference_run(config: RunConfig) -> list[KitTable]:
    """The tables of a DuckDB run of `config` (its output folder ignored), generated in a
    temporary folder of this process's own, which is removed afterwards."""
    work_parent = None
    if config.temp_dir is not None:
        folders.make_folder(config.temp_dir, "--temp-dir")
        work_parent = config.temp_dir.as_posix()
    with tempfile.TemporaryDirectory(prefix="idrgen-kit-", dir=work_parent) as work:
        output = Path(work) / "output"
        runner.run(dataclasses.replace(config, output_dir=output, engine="duckdb"))
        return reference_tables(output)


def kit_files(
    config: RunConfig, dialect: str, target: str, tables: list[KitTable]
) -> dict[str, str]:
    """check.sql (one query: a row per table with the expected and actual checksums and
    whether they match) and expected_checksums.json."""
    env = make_environment(dialect=dialect, target=target)
    portable_checksum = env.globals["portable_checksum"]
    literal = env.globals["string_literal"]
    selects = [
        f"SELECT {literal(t.name)} AS table_name, {literal(t.checksum)} AS expected, "
        f"computed.checksum AS actual, computed.checksum = {literal(t.checksum)} AS matches\n"
        f"FROM (\n{portable_checksum(f'{target}.{t.name}', t.columns)}\n) AS computed"
        for t in tables
    ]
    query = (
        f"-- idrgen-duck {__version__} conformance check ({dialect}): run after run.sql.\n"
        f"-- {config.scale} records, seed {config.seed}, {config.difficulty}, tables in "
        f"{target}.\n"
        "-- One row per table: the checksum DuckDB's output has (expected) and the one the\n"
        "-- tables here have (actual). Every row must say matches = true.\n"
        + "\nUNION ALL\n".join(selects)
        + "\nORDER BY table_name;\n"
    )
    expected = {
        "tool": "idrgen-duck",
        "version": __version__,
        "dialect": dialect,
        "target": target,
        "scale": config.scale,
        "seed": config.seed,
        "difficulty": config.difficulty,
        "checksums": {t.name: t.checksum for t in tables},
    }
    return {KIT_QUERY: query, KIT_EXPECTED: json.dumps(expected, indent=2) + "\n"}
