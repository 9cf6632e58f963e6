"""One way to open DuckDB, so every connection of the tool behaves alike."""

from __future__ import annotations

import duckdb


def connect(path: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A connection without DuckDB's progress bar (the CLI prints its own progress)."""
    con = duckdb.connect(path)
    con.execute("SET enable_progress_bar = false")
    return con
