"""What a run will need, estimated from its plan before any work, and the refusal when the
machine has less free disk than that.

The figures per record are measured (docs/performance.md, "Disk"): the peak size of the
output's folder and the work folder while `run` works, polled every half second, at 5M, 20M
and 50M records with the default 3GB memory limit, rounded up. Work space is what the
work database and DuckDB's spill files hold at their peak; it grows with the scale once the
persons tables no longer fit in memory.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from idrgen_duck.config import ConfigError
from idrgen_duck.plan import Plan

# Parquet output and truth: 75-76 bytes per record at 5M, 20M and 50M.
OUTPUT_BYTES_PER_RECORD = 80
# Work database and spill at their peak, for runs whose persons tables live in the work file.
WORK_BYTES_PER_RECORD = 100
# Runs whose persons tables fit in memory spill little: 11 MB at 5M.
SMALL_WORK_BYTES_PER_RECORD = 10
# Peak resident memory above DuckDB's memory limit (Python, the Parquet writers' buffers).
MEMORY_HEADROOM_BYTES = 600 * 10**6


@dataclass(frozen=True)
class Estimate:
    output_bytes: int
    work_bytes: int
    memory_bytes: int

    def describe(self) -> str:
        return (
            f"about {gigabytes(self.output_bytes)} of output, {gigabytes(self.work_bytes)} of "
            f"work space at its peak and {gigabytes(self.memory_bytes)} of memory"
        )


def gigabytes(count: int) -> str:
    if count >= 10**8:
        return f"{count / 1e9:,.1f} GB"
    return f"{count / 1e6:,.0f} MB" if count >= 10**6 else "under 1 MB"


def estimate(plan: Plan) -> Estimate:
    records = plan.total_records
    per_record = SMALL_WORK_BYTES_PER_RECORD if plan.persons_in_memory else WORK_BYTES_PER_RECORD
    return Estimate(
        output_bytes=OUTPUT_BYTES_PER_RECORD * records,
        work_bytes=per_record * records,
        memory_bytes=plan.config.memory_limit_bytes + MEMORY_HEADROOM_BYTES,
    )


def _existing(path: Path) -> Path:
    """The nearest folder at or above `path` that exists (where the disk is measured)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(need: Estimate, output_dir: Path, temp_dir: Path | None) -> None:
    """Refuse, with the estimate, when the output's disk (and the work space's, when
    --temp-dir puts it on another disk) has less free space than the run needs."""
    output_disk = _existing(output_dir.parent)
    wanted = {output_disk: (need.output_bytes, "--output-dir")}
    work_disk = _existing(temp_dir) if temp_dir is not None else output_disk
    if os.stat(work_disk).st_dev == os.stat(output_disk).st_dev:
        wanted[output_disk] = (need.output_bytes + need.work_bytes, "--output-dir")
    else:
        wanted[work_disk] = (need.work_bytes, "--temp-dir")
    for disk, (bytes_needed, option) in wanted.items():
        free = shutil.disk_usage(disk).free
        if free < bytes_needed:
            raise ConfigError(
                f"{option}: this run needs {need.describe()}, {gigabytes(bytes_needed)} of it "
                f"on the disk of {disk}, which has {gigabytes(free)} free; free some space, "
                "choose another folder, or put the work space on another disk with --temp-dir"
            )
