"""Same seed -> same data, whatever the thread count or the path (Python or DuckDB CLI)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from idrgen_duck import plan as plan_module
from idrgen_duck import runner
from idrgen_duck.checksums import output_checksums
from idrgen_duck.config import RunConfig
from idrgen_duck.plan import make_plan
from idrgen_duck.render import CliRun, render_cli_files, write_sql_folder
from idrgen_duck.validate import validate
from tests.conftest import Generate


def row_order(parquet: Path, key: str) -> list[str]:
    """The file's `key` values in the order its rows are stored."""
    (keys,) = duckdb.execute(
        f"SELECT list({key} ORDER BY file_row_number) FROM read_parquet(?, file_row_number = true)",
        [parquet.as_posix()],
    ).fetchone() or ([],)
    return keys


def test_workers_never_change_the_data(generate: Generate) -> None:
    one = output_checksums(generate(workers=1))
    two = output_checksums(generate(workers=2))
    assert len(one) == 10
    assert one == two


KEYS = {
    "parquet/crm_customers": "customer_id",
    "parquet/ecom_transactions": "transaction_id",
    "parquet/loyalty_members": "member_id",
    "parquet/mobile_app_users": "app_user_id",
    "parquet/pos_transactions": "pos_transaction_id",
    "parquet/survey_responses": "response_id",
    "parquet/product_reviews": "review_id",
    "parquet/products": "product_id",
    "truth/persons": "person_id",
    "truth/record_person": "entity_key",
}


def assert_same_row_order(one: Path, two: Path) -> None:
    """Every output file of two folders lists its rows in the same order."""
    for name, key in KEYS.items():
        parquet = f"{name}.parquet"
        assert row_order(one / parquet, key) == row_order(two / parquet, key), name


def test_rows_come_in_the_same_order(generate: Generate) -> None:
    """Files list rows in the same order too, not only the same set of rows. At 1M records
    the persons table spans several row groups, so two threads really split the scans (at
    20K every file came out in the same order even where the order followed the threads)."""
    one, two = generate(scale=1_000_000, workers=1), generate(scale=1_000_000, workers=2)
    assert sorted(str(p.relative_to(one))[:-8] for p in one.glob("*/*.parquet")) == sorted(KEYS)
    assert_same_row_order(one, two)


def test_same_seed_same_data_across_runs(generate: Generate, tmp_path: Path) -> None:
    again = tmp_path / "again"
    runner.run(RunConfig(scale=20_000, seed=7, output_dir=again, workers=2, memory_limit="2GB"))
    assert output_checksums(again) == output_checksums(generate())
    ceiling = Path("stats") / "reference.json"  # scores too, to the last digit
    assert (again / ceiling).read_text() == (generate() / ceiling).read_text()


def test_another_seed_changes_every_table(generate: Generate) -> None:
    seven, eight = output_checksums(generate(seed=7)), output_checksums(generate(seed=8))
    for name in seven:
        assert seven[name] != eight[name], name


def duckdb_cli() -> str | None:
    beside_python = Path(sys.executable).parent / "duckdb"
    return str(beside_python) if beside_python.exists() else shutil.which("duckdb")


@pytest.mark.skipif(
    duckdb_cli() is None, reason="the duckdb CLI (pip install duckdb-cli) is absent"
)
def test_duckdb_cli_gives_the_same_data(generate: Generate, tmp_path: Path) -> None:
    """`render` + `duckdb < run.sql` with no Python writes what `run` writes, in the same
    order (the CLI's DuckDB is an older release than the Python package's), started from
    inside the SQL folder itself; the output passes `validate` (checksums and run facts
    computed in SQL) and nothing else is left behind: no staging, no work database."""
    output, sql_dir = tmp_path / "cli-output", tmp_path / "sql"
    plan = make_plan(RunConfig(scale=20_000, seed=7, output_dir=output, workers=1))
    write_sql_folder(render_cli_files(plan, CliRun(sql_dir, output), overwrite=False), sql_dir)
    with (sql_dir / "run.sql").open() as script:
        done = subprocess.run(
            [str(duckdb_cli())],
            stdin=script,
            capture_output=True,
            text=True,
            cwd=sql_dir,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    python_run = generate()
    assert output_checksums(output) == output_checksums(python_run)
    assert_same_row_order(output, python_run)
    for name in (
        "source_table_config.sql",
        "rule_config.sql",
        "identifier_mapping_config.sql",
        "test_exclusions.sql",
    ):
        assert (output / "metadata" / name).read_text() == (
            python_run / "metadata" / name
        ).read_text()
    checks = validate(output)
    assert all(c.ok for c in checks), [c for c in checks if not c.ok]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cli-output", "sql"]
    assert not list(sql_dir.glob("*.duckdb*"))


def test_a_small_memory_limit_spills_and_changes_nothing(generate: Generate) -> None:
    """Under a memory limit far below what the tables need, DuckDB spills to disk: the run
    completes and writes the same data."""
    tight = generate(scale=200_000, seed=42, memory_limit="300MB")
    assert output_checksums(tight) == output_checksums(generate(scale=200_000, seed=42))


def test_work_tables_in_memory_or_in_the_work_file_give_the_same_data(
    generate: Generate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small scales keep the persons work tables in memory, large ones in the work file,
    built in person-id ranges (Plan.person_ranges), and stage the truth's rows in a work
    table (Plan.persons_in_memory): neither changes the data or the order of any file's rows
    (1M records: several row groups per table)."""
    config = RunConfig(scale=1_000_000, seed=7, output_dir=tmp_path / "out", workers=2)
    assert make_plan(config).persons_in_memory
    monkeypatch.setattr(plan_module, "PERSON_ROW_BYTES", 10**12)  # as if nothing fits
    assert not make_plan(config).persons_in_memory
    assert len(make_plan(config).person_ranges) == 2  # persons built in two id ranges
    runner.run(config)
    in_memory = generate(scale=1_000_000, workers=2)
    assert output_checksums(tmp_path / "out") == output_checksums(in_memory)
    assert_same_row_order(tmp_path / "out", in_memory)
