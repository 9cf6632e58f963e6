"""`--scale 0`: every table written empty with the exact types of a full run, as a user runs it
(the installed command, and the DuckDB CLI on the rendered SQL)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from idrgen_duck.render import parquet_files
from tests.conftest import cli, needs_cli
from tests.test_determinism import duckdb_cli

pytestmark = needs_cli


def schemas(output: Path) -> dict[str, tuple[tuple[str, str], int]]:
    """Each file's (column, type) pairs and row count."""
    con = duckdb.connect()
    found = {}
    for name in parquet_files():
        relation = f"read_parquet('{output / name}.parquet')"
        columns = tuple(
            (row[0], row[1]) for row in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
        )
        rows = con.execute(f"SELECT count(*) FROM {relation}").fetchone()
        found[name] = (columns, rows[0] if rows else -1)
    return found


def test_scale_zero_writes_every_table_empty_with_the_full_runs_types(
    small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "schema"
    done = cli("run", "--scale", "0", "--output-dir", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    full = {name: (columns, 0) for name, (columns, _) in schemas(small).items()}
    assert schemas(out) == full
    assert not (out / "stats" / "reference.json").exists()  # nothing to score
    checked = cli("validate", "--output-dir", str(out))
    assert checked.returncode == 0, checked.stdout
    assert cli("status", str(out), "--full").returncode == 0


@pytest.mark.skipif(
    duckdb_cli() is None, reason="the duckdb CLI (pip install duckdb-cli) is absent"
)
def test_scale_zero_rendered_for_the_duckdb_cli_writes_the_same(
    small: Path, tmp_path: Path
) -> None:
    sql, out = tmp_path / "sql", tmp_path / "schema"
    rendered = cli("render", "--scale", "0", "--out", str(sql), "--output-dir", str(out))
    assert rendered.returncode == 0, rendered.stderr
    with (sql / "run.sql").open() as script:
        done = subprocess.run([str(duckdb_cli())], stdin=script, capture_output=True, text=True,
                              cwd=sql, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert schemas(out) == {name: (columns, 0) for name, (columns, _) in schemas(small).items()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--scale", "0", "--engine", "spark"],
         "--scale 0 (the schema only) is written by DuckDB: drop --engine"),
        (["render", "--scale", "0", "--dialect", "bigquery", "--out", "x"],
         "--scale 0 (the schema only) is rendered for DuckDB: drop --dialect"),
        (["run", "--scale", "999"],
         "--scale: '999' is below the minimum of 1,000 records (0 writes the schema only)"),
    ],
)  # fmt: skip
def test_scale_zero_elsewhere_is_refused(tmp_path: Path, args: list[str], message: str) -> None:
    done = cli(*args, "--output-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert (done.returncode, done.stderr.strip()) == (2, f"error: {message}")
    assert not (tmp_path / "out").exists() and not (tmp_path / "x").exists()
