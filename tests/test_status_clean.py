"""`status`, `clean` and `run --from-report`, as a user runs them (the installed command)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import duckdb

from idrgen_duck.checksums import output_checksums
from idrgen_duck.folders import STAGING_MARKER
from tests.conftest import cli, needs_cli

pytestmark = needs_cli


def marks(stdout: str) -> dict[str, str]:
    """'ok' or the problem, by file, from status's lines."""
    states = {}
    for line in stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in ("ok", "DIFF"):
            states[parts[1]] = "ok" if parts[0] == "ok" else line.split("  ")[-1]
    return states


def test_status_of_a_fresh_output(small_copy: Path) -> None:
    done = cli("status", str(small_copy), "--full")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "20K records" in lines[1] and "seed 7" in lines[1] and "realistic" in lines[1]
    assert set(marks(done.stdout).values()) == {"ok"} and len(marks(done.stdout)) == 10
    assert lines[-1] == "10 of 10 files match the report (sizes, footers and content)"


def test_status_finds_edited_and_missing_files(small_copy: Path) -> None:
    """The quick check sees a changed size and a missing file; a same-size, same-rows change
    of a truth file (the report has no size for those) only --full sees."""
    with (small_copy / "parquet" / "survey_responses.parquet").open("ab") as file:
        file.write(b"\0")
    (small_copy / "truth" / "persons.parquet").unlink()
    record_person = small_copy / "truth" / "record_person.parquet"
    edited = small_copy / "edited.parquet"
    duckdb.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN entity_key = (SELECT min(entity_key) FROM "
        f"'{record_person}') THEN 'x' ELSE table_id END AS table_id) FROM '{record_person}') "
        f"TO '{edited}' (FORMAT parquet)"
    )
    edited.replace(record_person)
    quick = cli("status", str(small_copy))
    assert quick.returncode == 1
    states = marks(quick.stdout)
    assert states["parquet/survey_responses.parquet"].startswith("size ")
    assert states["truth/persons.parquet"] == "missing"
    assert states["truth/record_person.parquet"] == "ok"
    full = cli("status", str(small_copy), "--full")
    assert marks(full.stdout)["truth/record_person.parquet"] == (
        "content differs from the report's checksum"
    )
    foreign = cli("status", str(small_copy / "parquet"))
    assert (foreign.returncode, foreign.stderr.strip()) == (
        2, f"error: OUT: {small_copy / 'parquet'} is not an idrgen-duck output (it has no marker)"
    )  # fmt: skip


def test_clean_removes_only_the_products_folders(small_copy: Path, tmp_path: Path) -> None:
    # what a run killed on this host left beside the output: its staging folder
    dead = tmp_path / ".output.partial-999999999"
    dead.mkdir()
    (dead / STAGING_MARKER).write_text(
        json.dumps({"tool": "idrgen-duck", "pid": 999_999_999, "host": socket.gethostname()})
    )
    (dead / "work.duckdb").write_bytes(b"half a run")
    dry = cli("clean", str(small_copy))
    assert dry.returncode == 0
    assert dry.stdout.splitlines() == [f"would remove {small_copy}", f"would remove {dead}",
                                       "pass --yes to remove them"]  # fmt: skip
    assert small_copy.exists() and dead.exists()
    done = cli("clean", str(small_copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert not small_copy.exists() and not dead.exists()
    # a user's folder, and an output holding a user's file, are refused and untouched
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    refused = cli("clean", str(mine), "--yes")
    assert (refused.returncode, refused.stderr.strip()) == (2, (
        f"error: OUT: {mine} is not an idrgen-duck folder (it holds notes.txt); "
        "clean removes only what idrgen-duck wrote"
    ))  # fmt: skip
    assert (mine / "notes.txt").read_text() == "mine"


def test_clean_keeps_an_output_holding_a_users_file(small_copy: Path) -> None:
    (small_copy / "parquet" / "mine.csv").write_text("a,b\n")
    refused = cli("clean", str(small_copy), "--yes")
    assert refused.returncode == 2
    assert "holds entries idrgen-duck did not write (parquet/mine.csv)" in refused.stderr
    assert (small_copy / "parquet" / "crm_customers.parquet").exists()


def test_run_from_report_regenerates_the_same_data(small: Path, tmp_path: Path) -> None:
    report = small / "stats" / "generation_report.json"
    again = tmp_path / "again"
    done = cli("run", "--from-report", str(report), "--output-dir", str(again), "--quiet",
               env=os.environ | {"COLUMNS": "200"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output_checksums(again) == output_checksums(small)
    clash = cli("run", "--from-report", str(report), "--seed", "3",
                "--output-dir", str(tmp_path / "x"))  # fmt: skip
    assert (clash.returncode, clash.stderr.strip()) == (2, (
        "error: --from-report: the report gives the scale, seed, difficulty, profile and "
        "sources; drop --seed"
    ))  # fmt: skip
    assert not (tmp_path / "x").exists()
