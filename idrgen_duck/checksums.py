"""Content checksums of output files: equal for equal rows, whatever the Parquet layout.

DuckDB writes the same rows into different row groups (and so different bytes) depending on
the thread count, so file hashes cannot show that two runs agree; these checksums can. The
function is SQL, defined once in sql/macros/output.sql (`define_checksum`): the report of a
run computes it, and so does `validate` here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

from idrgen_duck import db
from idrgen_duck.render import PREFIX, make_environment, parquet_files


@cache
def checksum_definition() -> str:
    """The SQL that defines the checksum function, rendered from its macro."""
    return str(make_environment().globals["define_checksum"]())


def content_checksum(con: duckdb.DuckDBPyConnection, parquet: Path) -> str:
    """'<rows>:<xor of 64 bits of each row's md5>': independent of row order and layout."""
    con.execute(checksum_definition())
    files = db.parquet_files(parquet)
    row = con.execute(f"SELECT checksum FROM {PREFIX}content_checksum({files})").fetchone()
    assert row is not None
    return str(row[0])


def output_checksums(output_dir: Path) -> dict[str, str]:
    """Checksums of every Parquet file of an output folder, keyed by 'folder/name'."""
    con = db.connect()
    try:
        return {
            name: content_checksum(con, output_dir / f"{name}.parquet")
            for name in parquet_files()
            if (output_dir / f"{name}.parquet").exists()
        }
    finally:
        con.close()
