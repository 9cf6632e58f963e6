"""The command line as a user meets it: help, versions, safe output folders, what `run`
prints. Bad inputs are in test_bad_input.py, signals in test_signals.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from idrgen_duck import __version__
from idrgen_duck.checksums import output_checksums
from idrgen_duck.cli import app
from tests.conftest import cli, needs_cli
from tests.test_determinism import duckdb_cli

runner = CliRunner()


@needs_cli
def test_version_and_short_help() -> None:
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"idrgen-duck {__version__} (duckdb {duckdb.__version__})"
    for args in (["-h"], ["run", "-h"], ["load", "-h"]):
        assert cli(*args).returncode == 0, args


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("run", ["--scale RECORDS", "--seed INTEGER", "--workers THREADS", "--output-dir DIR",
                 "--memory-limit SIZE", "--temp-dir DIR", "OUTPUT:", "Example: idrgen-duck run"]),
        ("render", ["--out DIR", "OUTPUT:", "Example: idrgen-duck render"]),
        ("load", ["--output-dir DIR", "INPUT:", "--db FILE", "OUTPUT:", "Example: idrgen-duck load"]),
        ("evaluate", ["--output-dir DIR", "INPUT:", "required unless --reference",
                      "Example: idrgen-duck evaluate"]),
        ("validate", ["--output-dir DIR", "INPUT:", "Example: idrgen-duck validate"]),
        ("seeds", ["--seeds-dir DIR", "Example: idrgen-duck seeds"]),
    ],
)  # fmt: skip
def test_help_says_what_each_value_is_and_shows_an_example(command: str, shown: list[str]) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    text = re.sub(r"[ \t]+", " ", re.sub(r"[│╭╮╰╯─]", " ", result.output))
    for words in shown:
        assert words in text, words
    assert "<str>" not in text


@needs_cli
def test_workers_above_the_cores_are_capped_with_a_notice(tmp_path: Path) -> None:
    done = cli("run", "--scale", "1K", "--workers", "10000", "--output-dir", str(tmp_path / "o"))
    assert done.returncode == 0, done.stderr
    cores = os.cpu_count() or 1
    first = done.stderr.splitlines()[0]
    assert first == f"notice: --workers 10000 is more than the {cores} cores here; using {cores}"
    report = json.loads((tmp_path / "o" / "stats" / "generation_report.json").read_text())
    assert report["workers"] == cores


def test_overwrite_replaces_an_earlier_output_after_success(tmp_path: Path, small: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(small, out)
    before = output_checksums(out)
    result = runner.invoke(
        app, ["run", "--scale", "1K", "--seed", "8", "--output-dir", str(out), "--overwrite"]
    )
    assert result.exit_code == 0, result.output
    assert output_checksums(out) != before  # seed 8's data, not seed 7's
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging, no previous


def test_overwrite_replaces_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    result = runner.invoke(app, ["run", "--scale", "1K", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "stats" / ".idrgen-duck").is_file()


@needs_cli
def test_json_keeps_the_progress_on_stderr(tmp_path: Path) -> None:
    done = cli("run", "--scale", "1K", "--json", "--output-dir", str(tmp_path / "o"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scale"] == 1_000
    assert "020_persons" in done.stderr and "930_reference" in done.stderr
    quiet = cli("run", "--scale", "1K", "--json", "--quiet", "--output-dir", str(tmp_path / "q"))
    assert json.loads(quiet.stdout)["scale"] == 1_000 and quiet.stderr == ""


def test_render_writes_numbered_files_run_sql_and_a_marker(tmp_path: Path) -> None:
    args = ["render", "--scale", "20K", "--out", str(tmp_path / "sql"),
            "--output-dir", str(tmp_path / "out")]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "sql").glob("*.sql"))
    assert names[0] == "000_setup.sql" and "run.sql" in names
    tables = [n for n in names if n[:3].isdigit()]
    assert {"040_crm_customers.sql", "050_ecom_transactions.sql"} <= set(tables)
    run_sql = (tmp_path / "sql" / "run.sql").read_text()
    for name in tables:
        assert f".read '{tmp_path / 'sql' / name}'" in run_sql  # absolute: any folder works
    assert not (tmp_path / "out").exists()  # rendering writes no data
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "pass --overwrite" in again.output
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sql"]


@needs_cli
@pytest.mark.skipif(
    duckdb_cli() is None, reason="the duckdb CLI (pip install duckdb-cli) is absent"
)
def test_run_sql_refuses_a_foreign_output_folder_and_replaces_only_its_own(
    tmp_path: Path, small: Path
) -> None:
    """run.sql applies the rule of `run`: files of a user stop it before any work; an
    earlier output is replaced only when rendered with --overwrite."""
    sql, out = tmp_path / "sql", tmp_path / "out"
    render = ["render", "--scale", "20K", "--seed", "7", "--workers", "1",
              "--out", str(sql), "--output-dir", str(out)]  # fmt: skip
    assert cli(*render).returncode == 0
    out.mkdir()
    (out / "notes.txt").write_text("mine")

    def run_sql() -> subprocess.CompletedProcess[str]:
        with (sql / "run.sql").open() as script:
            return subprocess.run(
                [str(duckdb_cli())], stdin=script, capture_output=True, text=True, timeout=300
            )

    refused = run_sql()
    assert refused.returncode == 1
    assert "is not an idrgen-duck output (it holds notes.txt)" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "sql"]
    (out / "notes.txt").unlink()
    assert run_sql().returncode == 0  # an empty folder may be replaced
    again = run_sql()
    assert again.returncode == 1 and "render with --overwrite" in again.stderr
    assert cli(*render, "--overwrite").returncode == 0
    assert run_sql().returncode == 0
    assert output_checksums(out) == output_checksums(small)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "sql"]


@needs_cli
def test_installed_command_runs_outside_the_checkout(tmp_path: Path) -> None:
    """The installed package carries its SQL and seeds: run it from an unrelated folder."""
    done = cli("run", "--scale", "1K", "--seed", "3", "--output-dir", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "truth" / "record_person.parquet").exists()
    assert "records/s" in done.stderr


@needs_cli
@pytest.mark.skipif(
    duckdb_cli() is None, reason="the duckdb CLI (pip install duckdb-cli) is absent"
)
def test_load_writes_a_database_the_duckdb_cli_opens_and_replaces_only_its_own(
    tmp_path: Path, small: Path
) -> None:
    db = tmp_path / "new" / "folder" / "scale_test.duckdb"  # missing folders are created
    done = cli("load", "--output-dir", str(small), "--db", str(db))
    assert done.returncode == 0, done.stderr
    query = "SELECT count(*) FROM crm_customers; SELECT count(*) FROM idr_meta.rule;"
    opened = subprocess.run(
        [str(duckdb_cli()), "-readonly", "-csv", "-noheader", str(db), "-c", query],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["3200", "5"]
    again = cli("load", "--output-dir", str(small), "--db", str(db))
    assert again.returncode == 2 and "pass --overwrite" in again.stderr
    assert cli("load", "--output-dir", str(small), "--db", str(db), "--overwrite").returncode == 0
    assert sorted(p.name for p in db.parent.iterdir()) == ["scale_test.duckdb"]


@needs_cli
def test_evaluate_counts_missing_and_unknown_records(tmp_path: Path, small: Path) -> None:
    membership = tmp_path / "m.parquet"
    truth = (small / "truth" / "record_person.parquet").as_posix()
    duckdb.execute(
        f"""COPY (SELECT entity_key, entity_key AS resolved_id FROM read_parquet('{truth}')
                  WHERE entity_key NOT LIKE 'crm:%'
                  UNION ALL SELECT 'crm:NOT-A-RECORD', 'x')
            TO '{membership.as_posix()}'"""
    )
    done = cli("evaluate", "--output-dir", str(small), "--membership", str(membership), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)["membership"]
    assert (scores["missing_records"], scores["unknown_keys"]) == (3_200, 1)


@needs_cli
def test_a_failed_validate_says_what_failed_and_exits_1(tmp_path: Path, small: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(small, out)
    (out / "parquet" / "products.parquet").write_bytes(b"not parquet")
    done = cli("validate", "--output-dir", str(out))
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("FAIL  files readable") and "products.parquet unreadable" in lines[0]
    assert re.fullmatch(r"\d of \d+ checks passed", lines[-1])
    assert "failed" not in done.stderr and "Exit" not in done.stderr


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
