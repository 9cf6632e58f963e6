"""The command line as a user meets it: exit codes, one-line errors, safe output folders."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from idrgen_duck.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--scale", "0"],
        ["run", "--scale", "-5"],
        ["run", "--scale", "abc"],
        ["run", "--workers", "0"],
        ["run", "--workers", "many"],
        ["run", "--seed", "-1"],
        ["run", "--memory-limit", "lots"],
        ["render", "--out", "x", "--scale", "12Q"],
    ],
)
def test_bad_values_are_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --"), result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_run_refuses_a_non_empty_folder_and_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("mine")
    result = runner.invoke(app, ["run", "--scale", "20K", "--output-dir", str(out)])
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert (out / "precious.txt").read_text() == "mine"


def test_failed_run_leaves_nothing_and_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("mine")
    # a memory limit far too small for the persons table: DuckDB fails mid-run
    result = runner.invoke(
        app,
        [
            "run",
            "--scale",
            "20K",
            "--output-dir",
            str(out),
            "--overwrite",
            "--memory-limit",
            "1MB",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 1, result.output
    last_line = result.output.strip().splitlines()[-1]
    assert last_line.startswith("failed: OutOfMemoryException:")
    assert last_line.endswith(
        "raise --memory-limit (runs need about 250MB with 2 workers, at any scale)"
    )
    assert (out / "precious.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left behind


def test_overwrite_replaces_after_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    result = runner.invoke(
        app, ["run", "--scale", "20K", "--output-dir", str(out), "--overwrite", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert not (out / "old.txt").exists()
    assert (out / "parquet" / "crm_customers.parquet").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_render_writes_numbered_files_and_run_sql(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "render",
            "--scale",
            "20K",
            "--out",
            str(tmp_path / "sql"),
            "--output-dir",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "sql").glob("*.sql"))
    assert names[0] == "000_setup.sql" and "run.sql" in names
    tables = [n for n in names if n[:3].isdigit()]
    assert {"040_crm_customers.sql", "050_ecom_transactions.sql"} <= set(tables)
    run_sql = (tmp_path / "sql" / "run.sql").read_text()
    for name in tables:
        assert name in run_sql
    assert not (tmp_path / "out").exists()  # rendering writes no data


def installed_cli() -> str | None:
    beside_python = Path(sys.executable).parent / "idrgen-duck"
    return str(beside_python) if beside_python.exists() else shutil.which("idrgen-duck")


@pytest.mark.skipif(installed_cli() is None, reason="idrgen-duck is not installed")
def test_installed_command_runs_outside_the_checkout(tmp_path: Path) -> None:
    """The installed package carries its SQL and seeds: run it from an unrelated folder."""
    done = subprocess.run(
        [str(installed_cli()), "run", "--scale", "20K", "--seed", "3", "--output-dir", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "truth" / "record_person.parquet").exists()
    assert "records/s" in done.stderr


@pytest.mark.skipif(installed_cli() is None, reason="idrgen-duck is not installed")
def test_ctrl_c_stops_the_run_and_publishes_nothing(tmp_path: Path) -> None:
    """Ctrl-C in the middle of the persons step: DuckDB is interrupted, nothing is left behind."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(installed_cli()), "run", "--scale", "5M", "--output-dir", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:  # one line per finished step: seeds done, persons running
        if "010_seeds" in line:
            break
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "interrupted; nothing was published" in rest and "Traceback" not in rest
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output, no staging folder


SNAPSHOT = Path(__file__).parent / "snapshots" / "run_20K_seed_5.txt"


def mask_run_output(text: str) -> str:
    """Blank what changes from run to run (timings, sizes, memory, paths); keep the data.

    Column widths follow the widest timing, so runs of spaces and of table rules are
    collapsed too.
    """
    text = re.sub(r"\d[\d,]*\.\d+ (s|MB|GiB)\b", r"<\1>", text)  # seconds, sizes, memory
    text = re.sub(r"[\d,]+ (rows|records)/s", r"<\1/s>", text)
    # the summary table's MB / seconds / rows/s cells are numbers without a unit
    text = re.sub(r"│[\d,. ]+│[\d. ]+│[\d, ]+│$", "│ <MB> │ <s> │ <rows/s> │", text, flags=re.M)
    text = re.sub(r"([━─])\1+", r"\1", text)
    return re.sub(r" {2,}", " ", text)


def test_run_output_matches_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a user sees at the end of `run` (non-terminal form), timings masked.

    After an intended change: IDRGEN_UPDATE_SNAPSHOTS=1 pytest tests/test_cli.py, review the diff.
    """
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["run", "--scale", "20K", "--seed", "5", "--output-dir", "out"], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    seen = mask_run_output(result.stderr.replace(str(tmp_path), "<tmp>"))
    if os.environ.get("IDRGEN_UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(seen, encoding="utf-8")
    assert seen == SNAPSHOT.read_text(encoding="utf-8")
