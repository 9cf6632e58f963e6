"""Executes a rendered run in DuckDB and publishes the output atomically.

Everything is written into a staging folder beside the output folder and renamed into place
only when every step succeeded, so a failed or interrupted run never leaves output that
looks complete, and an existing output folder is replaced only when the user asks.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import duckdb

from idrgen_duck import __version__, db, evaluate
from idrgen_duck.checksums import output_checksums
from idrgen_duck.config import ConfigError, RunConfig
from idrgen_duck.plan import Plan, make_plan
from idrgen_duck.render import OUTPUT_FOLDERS, RenderedStep, render_metadata, render_run

REPORT = Path("stats") / "generation_report.json"
CEILING = Path("stats") / "ceiling.json"
# Up to this scale `run` also scores the exact-match ceiling (seconds); above it, on demand
# with `idrgen-duck evaluate --ceiling`.
CEILING_MAX_SCALE = 2_000_000


@dataclass
class StepResult:
    name: str
    seconds: float


@dataclass
class RunResult:
    output_dir: Path
    plan: Plan
    steps: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_bytes: int = 0

    @property
    def report_path(self) -> Path:
        return self.output_dir / REPORT


def peak_rss_bytes() -> int:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def check_output_dir(output_dir: Path, overwrite: bool) -> None:
    """Refuse to replace a user's folder unless asked; refuse things that are not folders."""
    if output_dir.exists() and not output_dir.is_dir():
        raise ConfigError(f"--output-dir: {output_dir} exists and is not a folder")
    if output_dir.is_dir() and any(output_dir.iterdir()) and not overwrite:
        raise ConfigError(
            f"--output-dir: {output_dir} is not empty; pass --overwrite to replace it"
        )


def make_output_folders(root: Path) -> None:
    for folder in OUTPUT_FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)


class StepObserver(Protocol):
    """What `run` tells a display while it works (the CLI's progress bar, or nothing)."""

    def started(self, step: RenderedStep) -> None: ...

    def advanced(self, step: RenderedStep, fraction: float) -> None: ...

    def finished(self, step: RenderedStep, seconds: float) -> None: ...


class Unobserved:
    """No display (`--quiet`, the API): steps still run the same way, so Ctrl-C does too."""

    def started(self, step: RenderedStep) -> None:
        return None

    def advanced(self, step: RenderedStep, fraction: float) -> None:
        return None

    def finished(self, step: RenderedStep, seconds: float) -> None:
        return None


# How often a running step's progress is read while DuckDB works.
POLL_SECONDS = 0.25


def execute_steps(
    con: duckdb.DuckDBPyConnection,
    steps: list[RenderedStep],
    observer: StepObserver | None = None,
) -> list[StepResult]:
    observer = observer or Unobserved()
    results = []
    for step in steps:
        started = time.perf_counter()
        observer.started(step)
        _execute_observed(con, step, observer)
        elapsed = time.perf_counter() - started
        results.append(StepResult(step.name, elapsed))
        observer.finished(step, elapsed)
    return results


def _execute_observed(
    con: duckdb.DuckDBPyConnection, step: RenderedStep, observer: StepObserver
) -> None:
    """Run a step's statements in a thread and report DuckDB's progress from this one.

    The step's fraction done is (statements finished + progress of the current one) / count.
    Ctrl-C lands in this thread, which interrupts DuckDB instead of waiting for the query.
    """
    statements = con.extract_statements(step.sql)
    done = [0]
    failure: list[BaseException] = []
    stop, finished = threading.Event(), threading.Event()

    def work() -> None:
        try:
            for statement in statements:
                if stop.is_set():
                    return
                con.execute(statement)
                done[0] += 1
        except BaseException as error:  # handed to the main thread below
            failure.append(error)
        finally:
            finished.set()

    # An Event, not Thread.join(timeout): a join interrupted by Ctrl-C can leave the thread
    # marked as stopped while DuckDB still runs, and closing the connection then fails.
    threading.Thread(target=work, name=f"idrgen-{step.name}", daemon=True).start()
    try:
        while not finished.wait(POLL_SECONDS):
            current = max(con.query_progress(), 0.0) / 100 if done[0] < len(statements) else 0
            observer.advanced(step, min(1.0, (done[0] + current) / max(len(statements), 1)))
    except BaseException:
        stop.set()
        while not finished.wait(POLL_SECONDS):
            con.interrupt()  # again, in case the first landed between two statements
        raise
    if failure:
        raise failure[0]


def run(
    config: RunConfig,
    overwrite: bool = False,
    observer: StepObserver | None = None,
) -> RunResult:
    """Generate every output of the spec into config.output_dir."""
    output_dir = config.output_dir.resolve()
    check_output_dir(output_dir, overwrite)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.parent / f".{output_dir.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    make_output_folders(staging)
    temp_dir = config.temp_dir or staging / ".spill"
    work_db = temp_dir / f"idrgen-work-{os.getpid()}.duckdb"
    plan = make_plan(config)
    result = RunResult(output_dir=output_dir, plan=plan)
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc)
    try:
        steps = render_run(plan, staging.as_posix(), temp_dir.as_posix())
        # a database file in the spill folder, not memory: its tables (persons above all) are
        # stored compressed and evicted under the memory limit, so large scales never run out
        temp_dir.mkdir(parents=True, exist_ok=True)
        try:
            with contextlib.closing(db.connect(str(work_db))) as con:
                result.steps = execute_steps(con, steps, observer)
        finally:
            for path in (work_db, work_db.with_name(work_db.name + ".wal")):
                path.unlink(missing_ok=True)
        for name, text in render_metadata(plan).items():
            (staging / "metadata" / name).write_text(text, encoding="utf-8")
        if config.scale <= CEILING_MAX_SCALE:
            scores = evaluate.ceiling(staging).as_dict()
            (staging / CEILING).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
        # content checksums, so `validate` can tell a copied or damaged dataset from this one
        checksums = output_checksums(staging)
        result.seconds = time.perf_counter() - started
        result.peak_rss_bytes = peak_rss_bytes()
        _complete_report(staging / REPORT, result, started_at, checksums)
        shutil.rmtree(staging / ".spill", ignore_errors=True)
        _publish(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _complete_report(
    path: Path, result: RunResult, started_at: datetime, checksums: dict[str, str]
) -> None:
    """Add what only the running process knows (versions, timings, memory) to the SQL report."""
    report = json.loads(path.read_text(encoding="utf-8"))
    root = path.parent.parent
    seconds = {s.name.split("_", 1)[1]: s.seconds for s in result.steps}
    for table in report["tables"]:
        table["bytes"] = (root / "parquet" / f"{table['table']}.parquet").stat().st_size
        table["seconds"] = round(seconds.get(table["table"], 0.0), 3)
    report["checksums"] = checksums
    report["run"] = {
        "tool_version": __version__,
        "duckdb_version": duckdb.__version__,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "wall_seconds": round(result.seconds, 3),
        "peak_rss_bytes": result.peak_rss_bytes,
        "memory_limit": result.plan.config.memory_limit,
        "steps": [{"step": s.name, "seconds": round(s.seconds, 3)} for s in result.steps],
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _publish(staging: Path, output_dir: Path) -> None:
    """Swap the finished staging folder into place; the old output goes only after that."""
    previous = None
    if output_dir.exists():
        previous = output_dir.parent / f".{output_dir.name}.previous-{os.getpid()}"
        output_dir.rename(previous)
    staging.rename(output_dir)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
