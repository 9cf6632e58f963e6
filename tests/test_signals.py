"""Stopping a run at any moment: one message, the shell's exit code, nothing published, the
previous output intact, no staging or work folder left; after a SIGKILL, the next run
removes what the killed one left."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from idrgen_duck.checksums import output_checksums
from tests.conftest import installed_cli, needs_cli

pytestmark = needs_cli


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(installed_cli()), *args], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def wait_for(process: subprocess.Popen[str], step: str) -> None:
    """Read the run's step lines (one per finished step in a pipe) until `step` is done."""
    assert process.stderr is not None
    for line in process.stderr:
        if step in line:
            return
    raise AssertionError(f"the run ended before {step}")


def stop(process: subprocess.Popen[str], signum: int) -> str:
    process.send_signal(signum)
    _, rest = process.communicate(timeout=120)
    return rest


@pytest.mark.parametrize(
    ("signum", "code", "after_step", "scale"),
    [
        (signal.SIGINT, 130, "010_seeds", "5M"),  # in the persons step
        (signal.SIGTERM, 143, "010_seeds", "5M"),
        (signal.SIGHUP, 129, "050_ecom_transactions", "1M"),  # in a later source
        (signal.SIGTERM, 143, "920_generation_report", "1M"),  # after the last SQL step
        (signal.SIGINT, 130, "920_generation_report", "1M"),
    ],
)
def test_a_signal_stops_the_run_and_keeps_the_previous_output(
    signum: int, code: int, after_step: str, scale: str, tmp_path: Path, small: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(small, out)
    process = start("run", "--scale", scale, "--output-dir", str(out), "--overwrite")
    wait_for(process, after_step)
    rest = stop(process, signum)
    assert process.returncode == code, rest
    name = signal.Signals(signum).name
    assert rest.strip().splitlines()[-1] == f"interrupted ({name}); nothing was published"
    assert "Traceback" not in rest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder
    assert output_checksums(out) == output_checksums(small)  # the previous output, intact


def test_after_a_sigkill_the_next_run_removes_what_was_left(tmp_path: Path) -> None:
    out, spill = tmp_path / "out", tmp_path / "spill"
    process = start("run", "--scale", "1M", "--output-dir", str(out), "--temp-dir", str(spill))
    wait_for(process, "020_persons")
    process.kill()
    process.communicate(timeout=60)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [f".out.partial-{process.pid}", "spill"]
    assert [p.name for p in spill.iterdir()] == [f".idrgen-duck-work-{process.pid}"]
    again = subprocess.run(
        [str(installed_cli()), "run", "--scale", "20K", "--output-dir", str(out),
         "--temp-dir", str(spill), "--quiet"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "spill"]
    assert list(spill.iterdir()) == []
