"""Every mistake answers with one line and an exit code, and touches nothing of the user's.

Each case runs the installed command in a subprocess, as a user would, in a folder of its
own: the folder's files and their content are the same afterwards, and stderr holds exactly
one line. The README's table of bad inputs lists these cases (test_readme_lists_every_case).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from idrgen_duck import preflight
from idrgen_duck.config import RunConfig
from idrgen_duck.plan import make_plan
from tests.conftest import cli, installed_cli, needs_cli

README = Path(__file__).parent.parent / "README.md"


def nothing(tmp: Path, output: Path) -> None:
    return None


def foreign_files(tmp: Path, output: Path) -> None:
    (tmp / "out" / "sub").mkdir(parents=True)
    (tmp / "out" / "notes.txt").write_text("mine")
    (tmp / "out" / "sub" / "data.csv").write_text("a,b\n1,2\n")


def earlier_output(tmp: Path, output: Path) -> None:
    shutil.copytree(output, tmp / "out")


def earlier_output_and_notes(tmp: Path, output: Path) -> None:
    earlier_output(tmp, output)
    (tmp / "out" / "notes.txt").write_text("mine")


def a_file(tmp: Path, output: Path) -> None:
    (tmp / "notes.txt").write_text("mine")


def here_with_a_file(tmp: Path, output: Path) -> None:
    (tmp / "here" / "deeper").mkdir(parents=True)
    (tmp / "here" / "notes.txt").write_text("mine")


def home_with_a_file(tmp: Path, output: Path) -> None:
    (tmp / "home").mkdir()
    (tmp / "home" / "notes.txt").write_text("mine")


def sql_folder_with_foreign_files(tmp: Path, output: Path) -> None:
    (tmp / "sql").mkdir()
    (tmp / "sql" / "query.sql").write_text("SELECT 1;")


def foreign_duckdb(tmp: Path, output: Path) -> None:
    con = duckdb.connect(str(tmp / "other.duckdb"))
    con.execute("CREATE TABLE mine AS SELECT 42 AS answer")
    con.close()


def scored_folder(tmp: Path, output: Path) -> None:
    """Memberships that cannot be scored, and an IDR database without the result table."""
    (tmp / "empty.parquet").write_bytes(b"")
    con = duckdb.connect(str(tmp / "idr.duckdb"))
    con.execute("CREATE SCHEMA idr_out")
    con.execute("CREATE TABLE idr_out.other AS SELECT 1 AS x")
    con.execute(
        "COPY (SELECT 'crm:1' AS entity_key, 'c' AS resolved_id LIMIT 0) "
        f"TO '{tmp / 'none.parquet'}'"
    )
    con.execute(
        "COPY (SELECT * FROM (VALUES ('crm:CUST-0000000001', 'a'), ('crm:CUST-0000000001', 'b'),"
        " ('crm:CUST-0000000002', 'a')) t(entity_key, resolved_id)) "
        f"TO '{tmp / 'twice.parquet'}'"
    )
    con.close()


@dataclass(frozen=True)
class Case:
    shown: str  # the input, as the README's table shows it
    outcome: str  # what happens, as the README's table says
    args: tuple[str, ...]  # "{tmp}": the case's folder, "{output}": a finished 20K output
    message: str  # a regular expression that the one line on stderr matches
    code: int = 2
    setup: Callable[[Path, Path], None] = nothing
    cwd: str = "."  # relative to the case's folder
    env: dict[str, str] = field(default_factory=dict)


CASES = [
    # counts and sizes
    Case("run --scale 999", "refused: below the minimum of 1,000 records (0 is the schema only)",
         ("run", "--scale", "999"),
         r"--scale: '999' is below the minimum of 1,000 records \(0 writes the schema only\)"),
    Case("run --scale abc", "refused: not a record count, with examples",
         ("run", "--scale", "abc"), r"--scale: 'abc' is not a record count.*50M"),
    Case('run --scale "5 M"', "refused: no spaces inside a count", ("run", "--scale", "5 M"),
         r"--scale: '5 M' is not a record count; write it without spaces"),
    Case('run --scale " 2K "', "refused: no spaces around it either", ("run", "--scale", " 2K "),
         r"--scale: ' 2K ' is not a record count"),
    Case("run --scale 1m", "refused: suffixes are upper case K, M, B (m could be milli)",
         ("run", "--scale", "1m"), r"--scale: '1m' is not a record count"),
    Case("run --scale 1.2345K", "refused: not a whole number of records",
         ("run", "--scale", "1.2345K"), r"--scale: '1.2345K' is not a whole number"),
    Case("render --scale 99999999999999999999", "refused at once: above the maximum of 4B",
         ("render", "--out", "{tmp}/sql", "--scale", "99999999999999999999"),
         r"--scale: '99999999999999999999' is above the maximum of 4B records"),
    Case("run --scale 10000B", "refused at once: above the maximum of 4B",
         ("run", "--scale", "10000B"), r"--scale: '10000B' is above the maximum of 4B"),
    Case("run --seed -1", "refused: seeds are 0..4294967295", ("run", "--seed", "-1"),
         r"--seed: -1 is outside 0\.\.4294967295"),
    Case("run --seed 4294967296", "refused: seeds are 0..4294967295",
         ("run", "--seed", "4294967296"), r"--seed: 4294967296 is outside"),
    Case("run --difficulty medium", "refused: easy, realistic or hard",
         ("run", "--difficulty", "medium"),
         r"--difficulty: 'medium' is not one of easy, realistic, hard"),
    Case("run --workers 0", "refused: not a positive number of threads",
         ("run", "--workers", "0"), r"--workers: 0 is not a positive number of threads"),
    Case("run --workers many", "refused: not a number of threads",
         ("run", "--workers", "many"), r"--workers: 'many' is not a number of threads"),
    Case('run --memory-limit "3 GB"', "refused: no spaces inside a size",
         ("run", "--memory-limit", "3 GB"), r"--memory-limit: '3 GB' is not a size; write it"),
    Case("run --memory-limit lots", "refused: not a size, with examples",
         ("run", "--memory-limit", "lots"), r"--memory-limit: 'lots' is not a size"),
    # the output folder
    Case('run --output-dir ""', "refused: an empty path is not read as the current folder",
         ("run", "--output-dir", ""), r"--output-dir: the path is empty"),
    Case("run --output-dir . --overwrite", "refused always: the current folder, untouched",
         ("run", "--output-dir", ".", "--overwrite"), r"--output-dir: '\.' is the current folder",
         setup=here_with_a_file, cwd="here"),
    Case("run --output-dir .. --overwrite", "refused always: a folder holding the current one",
         ("run", "--output-dir", "..", "--overwrite"), r"--output-dir: '\.\.' holds the current",
         setup=here_with_a_file, cwd="here/deeper"),
    Case("run --output-dir ~ --overwrite", "refused always: the home folder",
         ("run", "--output-dir", "~", "--overwrite"), r"--output-dir: '~' is your home folder",
         setup=home_with_a_file, env={"HOME": "{tmp}/home"}),
    Case("run --output-dir / --overwrite", "refused always: a filesystem root",
         ("run", "--output-dir", "/", "--overwrite"), r"--output-dir: '/' is a filesystem root"),
    Case("run --output-dir out (holding notes.txt, sub/data.csv)",
         "refused: not an idrgen-duck output; its entries named", ("run", "--output-dir", "out"),
         r"--output-dir: .*out is not empty and is not an idrgen-duck output \(it holds "
         r"notes\.txt, sub/\)", setup=foreign_files),
    Case("run --output-dir out --overwrite (holding notes.txt, sub/data.csv)",
         "refused even with --overwrite; nothing deleted",
         ("run", "--output-dir", "out", "--overwrite"),
         r"--output-dir: .*out is not empty and is not an idrgen-duck output",
         setup=foreign_files),
    Case("run --output-dir out --overwrite (an earlier output plus notes.txt)",
         "refused: notes.txt named; the output and notes.txt stay",
         ("run", "--output-dir", "out", "--overwrite"),
         r"--output-dir: .*out holds entries idrgen-duck did not write \(notes\.txt\)",
         setup=earlier_output_and_notes),
    Case("run --output-dir out (an earlier output)", "refused: pass --overwrite to replace it",
         ("run", "--output-dir", "out"),
         r"--output-dir: .*out holds an earlier idrgen-duck output; pass --overwrite",
         setup=earlier_output),
    Case("run --output-dir notes.txt", "refused: a file, not a folder",
         ("run", "--output-dir", "notes.txt"), r"--output-dir: .*notes\.txt is a file",
         setup=a_file),
    Case("run --output-dir notes.txt/out", "refused: a file where a folder is needed",
         ("run", "--output-dir", "notes.txt/out"),
         r"--output-dir: .*notes\.txt is a file, so .*out cannot be a folder", setup=a_file),
    Case("run --output-dir /proc/out", "refused before any work: the folder cannot be made",
         ("run", "--output-dir", "/proc/idrgen-duck-out"),
         r"--output-dir: cannot write in /proc \(.*\), so /proc/idrgen-duck-out cannot be made"),
    Case("run --temp-dir notes.txt", "refused: a file, not a folder",
         ("run", "--temp-dir", "notes.txt"), r"--temp-dir: .*notes\.txt is a file",
         setup=a_file),
    # render
    Case('render --out ""', "refused: an empty path", ("render", "--out", ""),
         r"--out: the path is empty"),
    Case("render --out notes.txt", "refused: a file, not a folder",
         ("render", "--out", "notes.txt"), r"--out: .*notes\.txt is a file", setup=a_file),
    Case("render --out sql (holding query.sql)", "refused: not an idrgen-duck SQL folder",
         ("render", "--out", "sql", "--overwrite"),
         r"--out: .*sql is not empty and is not an idrgen-duck SQL folder \(it holds query\.sql",
         setup=sql_folder_with_foreign_files),
    Case("render --out x --output-dir x", "refused: two separate folders needed",
         ("render", "--out", "x", "--output-dir", "x"), r"--out .* and --output-dir .*separate"),
    Case("render --out sql --output-dir \"it's\"", "refused: a quote the SQL cannot hold",
         ("render", "--out", "sql", "--output-dir", "it's"), r"--output-dir: .* has a quote"),
    # load
    Case("load --db .", "refused: a folder, not a database file",
         ("load", "--output-dir", "{output}", "--db", "."), r"--db: .* is a folder"),
    Case("load --db notes.txt --overwrite", "refused: not a database written by load; kept",
         ("load", "--output-dir", "{output}", "--db", "notes.txt", "--overwrite"),
         r"--db: .*notes\.txt exists and is not a database written by idrgen-duck load",
         setup=a_file),
    Case("load --db other.duckdb --overwrite (a database of yours)",
         "refused: not written by load; kept",
         ("load", "--output-dir", "{output}", "--db", "other.duckdb", "--overwrite"),
         r"--db: .*other\.duckdb exists and is not a database written by idrgen-duck load",
         setup=foreign_duckdb),
    Case("load --output-dir missing", "refused: no such folder",
         ("load", "--output-dir", "missing"), r"--output-dir: .*missing does not exist"),
    # evaluate and validate
    Case("evaluate (no --membership, no --reference)", "refused: nothing to score",
         ("evaluate", "--output-dir", "{output}"), r"--membership: missing"),
    Case("evaluate --reference --identifiers EMAIL,NAME", "refused: the emitted types named",
         ("evaluate", "--output-dir", "{output}", "--reference", "--identifiers", "EMAIL,NAME"),
         r"--identifiers: 'EMAIL,NAME' is not a list of EMAIL, PHONE, LOYALTY_ID, DEVICE_ID, "
         r"PAYMENT_TOKEN"),
    Case("evaluate --membership idr.duckdb:idr_out.missing", "refused: the table, in one line",
         ("evaluate", "--output-dir", "{output}", "--membership", "idr.duckdb:idr_out.missing"),
         r"--membership: cannot read idr\.duckdb:idr_out\.missing \(.*missing.*\)$",
         setup=scored_folder),
    Case("evaluate --membership empty.parquet (0 bytes)", "refused: not readable, in one line",
         ("evaluate", "--output-dir", "{output}", "--membership", "empty.parquet"),
         r"--membership: cannot read empty\.parquet", setup=scored_folder),
    Case("evaluate --membership none.parquet (no rows)", "refused: nothing to score",
         ("evaluate", "--output-dir", "{output}", "--membership", "none.parquet"),
         r"--membership: none\.parquet has no rows", setup=scored_folder),
    Case("evaluate --membership twice.parquet (a key in two clusters)",
         "refused: a record must be in one cluster",
         ("evaluate", "--output-dir", "{output}", "--membership", "twice.parquet"),
         r"--membership: twice\.parquet lists 1 entity keys more than once "
         r"\(e\.g\. 'crm:CUST-0000000001'\)", setup=scored_folder),
    Case("validate --output-dir missing", "refused: no such folder",
         ("validate", "--output-dir", "missing"), r"--output-dir: .*missing does not exist"),
    # failures during the work
    Case("run --scale 20K --memory-limit 1MB --workers 1 --quiet",
         "fails in the persons step: out of memory, raise --memory-limit; nothing published",
         ("run", "--scale", "20K", "--memory-limit", "1MB", "--workers", "1", "--quiet",
          "--output-dir", "out"),
         r"^failed: out of memory \(.*\); raise --memory-limit", code=1),
]  # fmt: skip


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry below `folder` with its content (None for folders)."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@needs_cli
@pytest.mark.parametrize("case", CASES, ids=[c.shown for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, small: Path) -> None:
    case.setup(tmp_path, small)
    before = snapshot(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)).replace("{output}", str(small)) for a in case.args]
    env = os.environ | {k: v.replace("{tmp}", str(tmp_path)) for k, v in case.env.items()}
    done = cli(*args, cwd=tmp_path / case.cwd, env=env, timeout=120)
    assert done.returncode == case.code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    prefix = "error: " if case.code == 2 else ""
    assert re.search(case.message, lines[0]) and lines[0].startswith(prefix), lines[0]
    assert "Traceback" not in done.stderr and "Error:" not in lines[0], lines[0]
    assert done.stdout == ""
    assert snapshot(tmp_path) == before  # nothing created, changed or deleted


def test_readme_lists_every_case() -> None:
    """The README's table of bad inputs shows every case of the matrix, with its exit code."""
    readme = README.read_text(encoding="utf-8")
    for case in CASES:
        row = f"| `{case.shown}` | {case.outcome} | {case.code} |"
        assert row in readme, row


@needs_cli
def test_a_disk_too_small_is_refused_with_the_estimate(tmp_path: Path) -> None:
    need = preflight.estimate(make_plan(RunConfig(scale=4_000_000_000)))
    if shutil.disk_usage(tmp_path).free >= need.output_bytes + need.work_bytes:
        pytest.skip("this disk holds even the largest run")
    done = cli("run", "--scale", "4B", "--output-dir", str(tmp_path / "out"))
    assert done.returncode == 2
    assert re.fullmatch(
        r"error: --output-dir: this run needs about [\d,.]+ GB of output, [\d,.]+ GB of work "
        r"space at its peak and [\d,.]+ GB of memory, [\d,.]+ GB of it on the disk of .*, which has "
        r"[\d,.]+ GB free; free some space, choose another folder, or put the work space on "
        r"another disk with --temp-dir",
        done.stderr.strip(),
    ), done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 MB tmpfs of its own (needs the right to mount, as root in a container has)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


@needs_cli
def test_a_disk_that_fills_up_during_the_run_fails_in_one_line(small_disk: Path) -> None:
    """The preflight passes; then another program fills the disk while the run works: the
    run fails with one line, publishes nothing and leaves no staging folder."""
    out = small_disk / "out"
    process = subprocess.Popen(
        [str(installed_cli()), "run", "--scale", "200K", "--output-dir", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "020_persons" in line:
            break
    filler = small_disk / "filler"
    with filler.open("wb") as file:
        with contextlib.suppress(OSError):
            file.write(b"\0" * shutil.disk_usage(small_disk).free)
    rest = process.communicate(timeout=120)[1]
    assert process.returncode == 1, rest
    last = rest.strip().splitlines()[-1]
    assert last.startswith("failed: the disk is full (") and last.endswith(
        "; free some space, or choose another --output-dir or --temp-dir"
    ), last
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
