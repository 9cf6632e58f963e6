"""Content checksums of output files: equal for equal rows, whatever the Parquet layout.

DuckDB writes the same rows into different row groups (and so different bytes) depending on
the thread count, so file hashes cannot show that two runs agree; these checksums can.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from idrgen_duck import db

# Between fields: a control character no generated value holds. For NULL: a marker no
# generated value equals, so NULL and '' (both planted as junk) hash differently.
SEPARATOR, NULL_MARKER = "chr(31)", r"'\N'"


def row_text(columns: list[str]) -> str:
    """SQL for one row as text: its fields in file order, without names.

    Cheaper than CAST(row AS VARCHAR), which writes every column name into every row."""
    fields = ", ".join(f'coalesce(CAST("{c}" AS VARCHAR), {NULL_MARKER})' for c in columns)
    return f"concat_ws({SEPARATOR}, {fields})"


def content_checksum(con: duckdb.DuckDBPyConnection, parquet: Path) -> str:
    """'<rows>:<xor of 64 bits of each row's md5>': independent of row order and layout.

    md5() and a hex cast, not md5_number_lower(), which is several times slower."""
    source = f"read_parquet('{parquet.as_posix()}')"
    columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    rows, digest = con.execute(
        f"SELECT count(*), coalesce(bit_xor(CAST('0x' || left(md5({row_text(columns)}), 16) "
        f"AS UBIGINT)), 0) FROM {source}"
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
