"""One way to open DuckDB, so every connection of the tool behaves alike."""

from __future__ import annotations

import duckdb


def connect(path: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A connection that tracks query progress (read by `run`'s progress bar) but never
    prints DuckDB's own bar: the CLI draws its own."""
    con = duckdb.connect(path)
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    return con
