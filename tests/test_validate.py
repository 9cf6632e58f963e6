"""`validate` passes on fresh output and names the file when something is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from idrgen_duck.cli import app

runner = CliRunner()


def run_validate(output: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--output-dir", str(output)])
    return result.exit_code, result.output


def test_fresh_output_passes(small: Path) -> None:
    code, output = run_validate(small)
    assert code == 0, output
    lines = output.strip().splitlines()
    assert len(lines) == 9 and all(line.startswith("PASS") for line in lines[:-1])
    assert lines[-1] == "8 of 8 checks passed"


def test_truncated_file_is_named(small_copy: Path) -> None:
    path = small_copy / "parquet" / "loyalty_members.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    code, output = run_validate(small_copy)
    assert code == 1
    assert "FAIL  files readable" in output and "loyalty_members.parquet unreadable" in output
    assert "Traceback" not in output


def test_missing_file_is_named(small_copy: Path) -> None:
    (small_copy / "parquet" / "product_reviews.parquet").unlink()
    code, output = run_validate(small_copy)
    assert code == 1 and "product_reviews.parquet missing" in output


def test_edited_row_changes_the_checksum(small_copy: Path) -> None:
    path = (small_copy / "parquet" / "crm_customers.parquet").as_posix()
    edited = path + ".edited"
    duckdb.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 1 THEN 'Mallory' "
        f"ELSE first_name END AS first_name) FROM read_parquet('{path}')) TO '{edited}' "
        "(FORMAT parquet)"
    )
    shutil.move(edited, path)
    code, output = run_validate(small_copy)
    assert code == 1
    assert "content differs from the report's checksum: parquet/crm_customers.parquet" in output


def test_missing_report_is_one_failed_check(small_copy: Path) -> None:
    (small_copy / "stats" / "generation_report.json").unlink()
    code, output = run_validate(small_copy)
    assert code == 1 and "FAIL  report readable" in output
