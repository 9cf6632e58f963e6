"""Content checksums of output files: equal for equal rows, whatever the Parquet layout.

DuckDB writes the same rows into different row groups (and so different bytes) depending on
the thread count, so file hashes cannot show that two runs agree; these checksums can.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from idrgen_duck import db


def content_checksum(con: duckdb.DuckDBPyConnection, parquet: Path) -> str:
    """'<rows>:<xor of the rows' md5s>': independent of row order and row-group layout."""
    rows, digest = con.execute(
        "SELECT count(*), coalesce(bit_xor(md5_number_lower(CAST(t AS VARCHAR))), 0) "
        "FROM read_parquet(?) AS t",
        [parquet.as_posix()],
    ).fetchone() or (0, 0)
    return f"{rows}:{digest:016x}"


def output_checksums(output_dir: Path) -> dict[str, str]:
    """Checksums of every Parquet file of an output folder, keyed by 'folder/name'."""
    con = db.connect()
    try:
        return {
            f"{path.parent.name}/{path.stem}": content_checksum(con, path)
            for path in sorted(output_dir.glob("*/*.parquet"))
        }
    finally:
        con.close()
