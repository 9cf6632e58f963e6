"""One way to open DuckDB, so every connection of the tool behaves alike."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

# DuckDB prefixes its messages with the error's kind ("Binder Error: ...") and may add lines
# (a caret under the query, hints); people need the message.
_KIND_PREFIX = re.compile(r"^[A-Za-z ]*Error: ")


def message(error: BaseException) -> str:
    """The first line of an error, without DuckDB's kind prefix."""
    lines = str(error).strip().splitlines() or [""]
    return _KIND_PREFIX.sub("", lines[0]).strip()


def connect(
    path: str = ":memory:",
    threads: int | None = None,
    memory_limit: str | None = None,
    temp_dir: Path | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection that tracks query progress (read by `run`'s progress bar) but never
    prints DuckDB's own bar: the CLI draws its own. Threads, memory limit and spill folder
    when given (an in-memory database would otherwise spill into the working directory)."""
    config: dict[str, str | int | bool] = {}
    if threads is not None:
        config["threads"] = threads
    if memory_limit is not None:
        config["memory_limit"] = memory_limit
    if temp_dir is not None:
        config["temp_directory"] = temp_dir.as_posix()
    con = duckdb.connect(path, config=config)
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    return con


def sql_text(value: str) -> str:
    """A SQL string literal holding `value` (for paths in statements that take no parameters)."""
    return "'" + value.replace("'", "''") + "'"


def parquet_files(path: Path) -> str:
    """The files of an output table, as a SQL string: the file DuckDB writes, or the part
    files in the folder Spark writes for the same name."""
    files = path / "*.parquet" if path.is_dir() else path
    return sql_text(files.as_posix())


def file_bytes(path: Path) -> int:
    """Bytes of an output table: its file, or the part files of its folder."""
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def parquet(path: Path) -> str:
    """A read_parquet() of an output table, in either layout."""
    return f"read_parquet({parquet_files(path)})"
