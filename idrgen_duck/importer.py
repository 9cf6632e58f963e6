"""`idrgen-duck import`: an output folder from the tables a warehouse exported as Parquet.

`render --dialect snowflake|bigquery --export-to URI` writes export.sql, which unloads each
table under URI in an output folder's layout: parquet/crm_customers.parquet/,
truth/persons.parquet/..., each a folder of part files. Copied to a local folder, `import`
makes a complete output of them, as `run` does: each table written with DuckDB's column types
(a warehouse exports its own: NUMBER(38, 0), NUMERIC(38, 9), DATETIME, Snowflake's arrays as
JSON text), then the report, the metadata and the exact-match reference, published
atomically. So `validate`, `evaluate` and `load` work on warehouse data, and the content
checksums equal a DuckDB run's exactly when the warehouse computed the same data.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb

from idrgen_duck import catalog, db, runner
from idrgen_duck.config import ConfigError, RunConfig
from idrgen_duck.plan import Plan
from idrgen_duck.render import PARQUET_OPTIONS, RenderedStep


def output_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each output file's columns with DuckDB's types, from the catalog."""
    return {table.file: table.types for table in catalog.TABLES}


def exported_types(
    source: Path, columns: dict[str, tuple[tuple[str, str], ...]]
) -> dict[str, dict[str, str]]:
    """The exported tables' column types (lower-case names: Snowflake upper-cases them), by
    file; refuses, naming what is wrong, a folder without every table and column."""
    held: dict[str, dict[str, str]] = {}
    with contextlib.closing(duckdb.connect()) as con:
        for file, wanted in columns.items():
            path = source / f"{file}.parquet"
            if not path.exists():
                raise ConfigError(
                    f"--from: {source} has no {file}.parquet (export.sql writes every table)"
                )
            described = con.execute(f"DESCRIBE SELECT * FROM {db.parquet(path)}").fetchall()
            held[file] = {str(row[0]).lower(): str(row[1]) for row in described}
            missing = [name for name, _ in wanted if name not in held[file]]
            if missing:
                raise ConfigError(
                    f"--from: {file}.parquet lacks the columns {', '.join(missing)}: it is not "
                    "this version's export"
                )
    return held


def import_step(
    source: Path,
    staging: Path,
    file: str,
    columns: tuple[tuple[str, str], ...],
    held: dict[str, str],
) -> RenderedStep:
    """The COPY that writes one table with DuckDB's types (`held`: the exported ones), rows
    in order of its first column (the exported parts come in no particular order)."""
    selected = []
    for name, kind in columns:
        if kind.endswith("[]") and held[name] in ("VARCHAR", "JSON"):  # arrays as JSON text
            selected.append(f"from_json({name}, '[\"VARCHAR\"]') AS {name}")
        else:
            selected.append(f"CAST({name} AS {kind}) AS {name}")
    relation = db.parquet(source / f"{file}.parquet")
    sql = (
        f"COPY (SELECT {', '.join(selected)} FROM {relation} ORDER BY {columns[0][0]})\n"
        f"TO '{(staging / f'{file}.parquet').as_posix()}' ({PARQUET_OPTIONS});\n"
    )
    return RenderedStep(f"import_{file.replace('/', '_')}", sql)


def import_output(
    config: RunConfig,
    source: Path,
    overwrite: bool = False,
    observer: runner.StepObserver | None = None,
) -> runner.RunResult:
    """The output folder config.output_dir made of the exported tables under `source`."""
    runner.check(config, overwrite)  # refuse the output folder before any work
    if not source.is_dir():
        raise ConfigError(f"--from: {source} is not a folder")
    columns = output_columns()
    held = exported_types(source, columns)

    def write_tables(
        plan: Plan, staging: Path, work: Path, observer: runner.StepObserver
    ) -> list[runner.StepResult]:
        for folder in {file.split("/")[0] for file in columns}:
            (staging / folder).mkdir(exist_ok=True)
        steps = [
            import_step(source, staging, file, wanted, held[file])
            for file, wanted in columns.items()
        ]
        engine = runner.report_engine(plan.config, work)
        try:
            return runner.execute_steps(engine, steps, observer)
        finally:
            engine.close()

    made_by = {"runner": "idrgen-duck import", "imported_from": source.as_posix()}
    return runner.produce(config, write_tables, overwrite, observer, made_by)
