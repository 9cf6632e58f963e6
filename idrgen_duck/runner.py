"""Executes a rendered run in DuckDB and publishes the output atomically.

Everything is written into a staging folder beside the output folder and renamed into place
only when every step succeeded (folders.py), so a failed or interrupted run never leaves
output that looks complete, and an existing output folder is replaced only when the user
asks and only when it is this product's.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from idrgen_duck import db, evaluate, folders, preflight
from idrgen_duck.config import RunConfig
from idrgen_duck.plan import Plan, make_plan
from idrgen_duck.render import (
    CEILING,
    REPORT,
    RenderedStep,
    output_layout,
    render_metadata,
    render_run,
)

# Up to this scale `run` also scores the exact-match ceiling (seconds); above it, on demand
# with `idrgen-duck evaluate --ceiling`.
CEILING_MAX_SCALE = 2_000_000
# The ceiling's pseudo-step, shown in the progress like the SQL steps.
CEILING_STEP = RenderedStep("930_ceiling", "", None)


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
        _execute_step(con, step, observer)
        elapsed = time.perf_counter() - started
        results.append(StepResult(step.name, elapsed))
        observer.finished(step, elapsed)
    return results


def _execute_step(
    con: duckdb.DuckDBPyConnection, step: RenderedStep, observer: StepObserver
) -> None:
    """A step's statements, one by one, with its fraction done reported meanwhile:
    (statements finished + progress of the current one) / statements."""
    statements = con.extract_statements(step.sql)
    done = [0]

    def work() -> None:
        for statement in statements:
            con.execute(statement)
            done[0] += 1

    def poll() -> None:
        current = max(con.query_progress(), 0.0) / 100 if done[0] < len(statements) else 0
        observer.advanced(step, min(1.0, (done[0] + current) / max(len(statements), 1)))

    run_interruptibly(con, work, poll)


def run_interruptibly(
    con: duckdb.DuckDBPyConnection, work: Callable[[], None], poll: Callable[[], None]
) -> None:
    """Run `work` (DuckDB calls on `con`) in a thread; this one calls `poll` meanwhile.

    A signal lands in this thread (interrupts.py), which interrupts DuckDB instead of
    waiting for the query, then re-raises once the work thread has stopped.
    """
    failure: list[BaseException] = []
    finished = threading.Event()

    def target() -> None:
        try:
            work()
        except BaseException as error:  # handed to the main thread below
            failure.append(error)
        finally:
            finished.set()

    # An Event, not Thread.join(timeout): a join interrupted by a signal can leave the thread
    # marked as stopped while DuckDB still runs, and closing the connection then fails.
    threading.Thread(target=target, name="idrgen-work", daemon=True).start()
    try:
        while not finished.wait(POLL_SECONDS):
            poll()
    except BaseException:
        while not finished.wait(POLL_SECONDS):
            con.interrupt()  # again, in case the first landed between two statements
        raise
    if failure:
        raise failure[0]


def check(config: RunConfig, overwrite: bool) -> None:
    """Everything that can be refused before any work: the output folder (ours or new), the
    places to write, and free disk against the plan's estimate."""
    output_dir = config.output_dir.resolve()
    folders.check_replaceable(output_dir, output_layout(), "--output-dir", overwrite)
    folders.check_writable(output_dir.parent, "--output-dir", output_dir)
    if config.temp_dir is not None:
        folders.check_writable(config.temp_dir, "--temp-dir")
    plan = make_plan(config)
    preflight.check_disk(preflight.estimate(plan), output_dir, config.temp_dir)


def run(
    config: RunConfig,
    overwrite: bool = False,
    observer: StepObserver | None = None,
) -> RunResult:
    """Generate every output of the spec into config.output_dir."""
    check(config, overwrite)
    output_dir = config.output_dir.resolve()
    layout = output_layout()
    plan = make_plan(config)
    observer = observer or Unobserved()
    result = RunResult(output_dir=output_dir, plan=plan)
    started = time.perf_counter()
    staging = folders.make_staging(output_dir, layout, "--output-dir")
    work = staging / ".spill"
    try:
        if config.temp_dir is not None:
            work = folders.make_work_folder(config.temp_dir.resolve(), "--temp-dir")
        work.mkdir(parents=True, exist_ok=True)
        steps = render_run(plan, staging.as_posix(), work.as_posix())
        # a database file in the work folder, not memory: its tables (persons above all) are
        # stored compressed and evicted under the memory limit, so large scales never run out
        with contextlib.closing(db.connect(str(work / "work.duckdb"))) as con:
            result.steps = execute_steps(con, steps, observer)
        for name, text in render_metadata(plan).items():
            (staging / "metadata" / name).write_text(text, encoding="utf-8")
        if config.scale <= CEILING_MAX_SCALE:
            result.steps.append(_write_ceiling(staging, config, work, observer))
        result.seconds = time.perf_counter() - started
        result.peak_rss_bytes = peak_rss_bytes()
        _complete_report(staging / REPORT, result)
        folders.remove_work_folder(work)
        folders.publish(staging, output_dir, layout, "--output-dir")
    except BaseException:
        folders.remove_work_folder(work)
        folders.discard_staging(staging)
        raise
    return result


def _write_ceiling(
    staging: Path, config: RunConfig, work: Path, observer: StepObserver
) -> StepResult:
    """Score the exact-match ceiling into stats/ceiling.json, shown as a step of its own."""
    observer.started(CEILING_STEP)
    started = time.perf_counter()
    scores: list[evaluate.Scores] = []
    with contextlib.closing(
        db.connect(threads=config.threads, memory_limit=config.memory_limit, temp_dir=work)
    ) as con:
        run_interruptibly(con, lambda: scores.append(evaluate.ceiling(staging, con)), lambda: None)
    text = json.dumps(scores[0].as_dict(), indent=2) + "\n"
    (staging / CEILING).write_text(text, encoding="utf-8")
    elapsed = time.perf_counter() - started
    observer.finished(CEILING_STEP, elapsed)
    return StepResult(CEILING_STEP.name, elapsed)


def _complete_report(path: Path, result: RunResult) -> None:
    """Write over the SQL report's run facts what only this process knows: its peak memory,
    the whole wall time and every step's time (the report's own and the ceiling's too)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    seconds = {s.name.split("_", 1)[1]: s.seconds for s in result.steps}
    for table in report["tables"]:
        table["seconds"] = round(seconds.get(table["table"], 0.0), 3)
    report["run"] |= {
        "runner": "idrgen-duck run",
        "wall_seconds": round(result.seconds, 3),
        "peak_rss_bytes": result.peak_rss_bytes,
        "steps": [{"step": s.name, "seconds": round(s.seconds, 3)} for s in result.steps],
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
