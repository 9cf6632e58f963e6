"""What a BigQuery run of `render --dialect bigquery` would be billed for, estimated here.

BigQuery's on-demand price is per byte read (logical bytes: INT64, FLOAT64, DATE and DATETIME
8 bytes, BOOL 1, NUMERIC 16, STRING 2 + its UTF-8 bytes, an array the sum of its items). No
warehouse is reachable from here, so this builds the same tables with DuckDB (the DuckDB
steps make every work table the BigQuery steps make, from the same templates, with the same
rows), measures each table's logical bytes, and adds them up for every statement of the
BigQuery run.sql that names the table, as if it read the whole table (BigQuery reads only the
columns a query uses, so this is an upper bound). Also prints the logical bytes of the tables
the run leaves (storage).

    python bench/warehouse_bytes.py --scale 200K 1M

Bytes grow linearly with the scale past the seeds' fixed share: two scales give both parts.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import duckdb

from idrgen_duck.config import RunConfig, parse_scale
from idrgen_duck.engines import split_statements
from idrgen_duck.plan import make_plan
from idrgen_duck.render import REPORT_STEP, parquet_files, render_run, warehouse_table_names

# the table a statement creates: it does not read it
CREATED = r"\s*CREATE (?:OR REPLACE )?(?:\w+ )?TABLE {target}\.(\w+)"


def logical_bytes(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """A table's size as BigQuery counts it."""
    terms = []
    for name, kind, *_ in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall():
        column = f'"{name}"'
        if kind == "VARCHAR":
            terms.append(f"coalesce(sum(2 + octet_length(encode({column}))), 0)")
        elif kind.endswith("[]"):
            items = f"(SELECT sum(2 + octet_length(encode(item))) FROM unnest({column}) AS u(item))"
            terms.append(f"coalesce(sum({items}), 0)")
        elif kind == "BOOLEAN":
            terms.append("count(*)")
        elif kind.startswith("DECIMAL"):
            terms.append("16 * count(*)")
        else:
            terms.append("8 * count(*)")
    row = con.execute(f"SELECT {' + '.join(terms)} FROM {relation}").fetchone()
    return int(row[0]) if row else 0


def measure(scale: int) -> tuple[int, int]:
    """(bytes read by the BigQuery run, at most; logical bytes of the tables it leaves)."""
    plan = make_plan(RunConfig(scale=scale, seed=42))
    con = duckdb.connect()
    with tempfile.TemporaryDirectory(prefix="idrgen-bytes-") as work:
        out = Path(work)
        for folder in ("parquet", "truth"):
            (out / folder).mkdir()
        for step in render_run(plan, out.as_posix(), out.as_posix(), "duckdb"):
            if step.engine != "duckdb" or step.filename.startswith(REPORT_STEP):
                continue
            for statement in split_statements(step.sql):
                if not statement.lstrip().upper().startswith("DROP"):  # keep every work table
                    con.execute(statement)
        work_tables = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__idr_')"
        ).fetchall()
        sizes = {name: logical_bytes(con, name) for (name,) in work_tables}
        for file, table in zip(parquet_files(), warehouse_table_names(), strict=True):
            sizes[table] = logical_bytes(con, f"read_parquet('{out / file}.parquet')")
    read = 0
    target = "idrgen"
    for step in render_run(plan, target, None, "bigquery"):
        for statement in split_statements(step.sql):
            if step.engine != "bigquery" or statement.lstrip().upper().startswith("DROP"):
                continue
            created = re.match(CREATED.format(target=target), statement)
            named = set(re.findall(rf"\b{target}\.(\w+)", statement))
            named.discard(created.group(1) if created else "")
            read += sum(sizes.get(table, 0) for table in named)
    return read, sum(sizes[table] for table in warehouse_table_names())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", nargs="+", default=["200K", "1M"])
    scales = [parse_scale(text) for text in parser.parse_args().scale]
    print(f"{'scale':>12} {'read GB (at most)':>18} {'tables GB':>10}")
    for scale in scales:
        read, stored = measure(scale)
        print(f"{scale:>12,} {read / 1e9:>18.3f} {stored / 1e9:>10.3f}")


if __name__ == "__main__":
    main()
