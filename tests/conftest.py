"""Shared generated outputs: each scale/seed/workers combination is generated once per session."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from idrgen_duck import runner
from idrgen_duck.config import RunConfig

Generate = Callable[..., Path]


@pytest.fixture(scope="session")
def generate(tmp_path_factory: pytest.TempPathFactory) -> Generate:
    """generate(scale=20_000, seed=7, workers=2) -> output folder (cached for the session)."""
    cache: dict[tuple[int, int, int, str, str], Path] = {}

    def _generate(
        scale: int = 20_000,
        seed: int = 7,
        workers: int = 2,
        memory_limit: str = "2GB",
        difficulty: str = "realistic",
    ) -> Path:
        key = (scale, seed, workers, memory_limit, difficulty)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"out-{scale}-{seed}-{workers}-{difficulty}") / "output"
            config = RunConfig(
                scale=scale,
                seed=seed,
                output_dir=out,
                workers=workers,
                memory_limit=memory_limit,
                difficulty=difficulty,
            )
            runner.run(config)
            cache[key] = out
        return cache[key]

    return _generate


@pytest.fixture(scope="session")
def small(generate: Generate) -> Path:
    """The default small output every content test reads: 20K records, seed 7, 2 workers."""
    return generate()


@pytest.fixture()
def small_copy(small: Path, tmp_path: Path) -> Path:
    """A copy of the small output, free to edit."""
    copy = tmp_path / "output"
    shutil.copytree(small, copy)
    return copy


@pytest.fixture()
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def parquet(output: Path, table: str, folder: str = "parquet") -> str:
    """A read_parquet() expression for one output table."""
    return f"read_parquet('{(output / folder / f'{table}.parquet').as_posix()}')"


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def installed_cli() -> str | None:
    """The installed `idrgen-duck` command (beside this Python, else on PATH)."""
    beside_python = Path(sys.executable).parent / "idrgen-duck"
    return str(beside_python) if beside_python.exists() else shutil.which("idrgen-duck")


needs_cli = pytest.mark.skipif(installed_cli() is None, reason="idrgen-duck is not installed")


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would, in a subprocess."""
    return subprocess.run(
        [str(installed_cli()), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def regenerated(output: Path, again: Path) -> Path:
    """`run --from-report` of an output's report into `again` (which it returns)."""
    done = cli("run", "--from-report", str(output / "stats" / "generation_report.json"),
               "--output-dir", str(again), "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return again


def local_spark(warehouse: Path) -> Any:
    """A local Spark session on 2 cores, UTC, quiet, its tables kept under `warehouse`."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("OFF")
    return session
