"""Executes a rendered run on its engine and publishes the output atomically.

Everything is written into a staging folder beside the output folder and renamed into place
only when every step succeeded (folders.py), so a failed or interrupted run never leaves
output that looks complete, and an existing output folder is replaced only when the user
asks and only when it is this product's. The generation runs on the configured engine
(DuckDB, or Spark); the report is computed by DuckDB over the written files either way.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from idrgen_duck import evaluate, folders, preflight, report_html
from idrgen_duck.config import RunConfig
from idrgen_duck.engines import DuckDBEngine, Engine, SparkEngine
from idrgen_duck.plan import Plan, make_plan
from idrgen_duck.render import (
    REFERENCE,
    REPORT,
    REPORT_STEP,
    RenderedStep,
    output_layout,
    recorded_step_log,
    render_metadata,
    render_run,
)

# Up to this scale `run` also scores the exact-match reference (seconds); above it, on demand
# with `idrgen-duck evaluate --reference`.
REFERENCE_MAX_SCALE = 2_000_000
# The reference's pseudo-step, shown in the progress like the SQL steps.
REFERENCE_STEP = RenderedStep("930_reference", "", None)


@dataclass
class StepResult:
    name: str
    seconds: float
    finished_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


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
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS).
    Spark's JVM is another process: a Spark run's peak is Python's and DuckDB's only."""
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


# How often a running step's progress is read while the engine works.
POLL_SECONDS = 0.25


def execute_steps(
    engine: Engine,
    steps: list[RenderedStep],
    observer: StepObserver | None = None,
) -> list[StepResult]:
    observer = observer or Unobserved()
    results = []
    for step in steps:
        started = time.perf_counter()
        observer.started(step)
        _execute_step(engine, step, observer)
        elapsed = time.perf_counter() - started
        results.append(StepResult(step.name, elapsed))
        observer.finished(step, elapsed)
    return results


def _execute_step(engine: Engine, step: RenderedStep, observer: StepObserver) -> None:
    """A step's statements, one by one, with its fraction done reported meanwhile:
    (statements finished + progress of the current one) / statements."""
    statements = engine.statements(step.sql)
    done = [0]

    def work() -> None:
        for statement in statements:
            engine.execute(statement)
            done[0] += 1

    def poll() -> None:
        current = engine.progress() if done[0] < len(statements) else 0
        observer.advanced(step, min(1.0, (done[0] + current) / max(len(statements), 1)))

    run_interruptibly(engine, work, poll)


def run_interruptibly(engine: Engine, work: Callable[[], None], poll: Callable[[], None]) -> None:
    """Run `work` (calls on `engine`) in a thread; this one calls `poll` meanwhile.

    A signal lands in this thread (interrupts.py), which interrupts the engine instead of
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
    # marked as stopped while the engine still runs, and closing the connection then fails.
    threading.Thread(target=target, name="idrgen-work", daemon=True).start()
    try:
        while not finished.wait(POLL_SECONDS):
            poll()
    except BaseException:
        while not finished.wait(POLL_SECONDS):
            engine.interrupt()  # again, in case the first landed between two statements
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


@contextlib.contextmanager
def generation_engine(config: RunConfig, work: Path) -> Iterator[Engine]:
    """The engine that generates: DuckDB on a database file in the work folder (its tables,
    persons above all, are stored compressed and evicted under the memory limit, so large
    scales never run out), or Spark."""
    engine: Engine
    if config.engine == "spark":
        engine = SparkEngine(config, work, config.spark_master)
    else:
        engine = DuckDBEngine(str(work / "work.duckdb"))
    try:
        yield engine
    finally:
        engine.close()


def report_engine(config: RunConfig, work: Path) -> DuckDBEngine:
    """DuckDB in memory, for the steps that read the written files back (report, reference)."""
    return DuckDBEngine(threads=config.threads, memory_limit=config.memory_limit, temp_dir=work)


# Writes the tables of an output (plan, staging folder, work folder, observer), reporting
# each step to the observer; returns the steps' times.
WriteTables = Callable[[Plan, Path, Path, "StepObserver"], list[StepResult]]


def run(
    config: RunConfig,
    overwrite: bool = False,
    observer: StepObserver | None = None,
) -> RunResult:
    """Generate every output of the spec into config.output_dir."""
    return produce(config, _generate, overwrite, observer)


def _generate(plan: Plan, staging: Path, work: Path, observer: StepObserver) -> list[StepResult]:
    """The generation steps on the configured engine (with DuckDB, the report too)."""
    steps = render_run(plan, staging.as_posix(), work.as_posix(), plan.config.engine)
    with generation_engine(plan.config, work) as engine:
        return execute_steps(engine, [s for s in steps if s.engine == plan.config.engine], observer)


def produce(
    config: RunConfig,
    write_tables: WriteTables,
    overwrite: bool = False,
    observer: StepObserver | None = None,
    runner: dict[str, str] | None = None,
) -> RunResult:
    """An output folder at config.output_dir: the tables `write_tables` writes, then the
    report (unless it wrote it), the metadata and the reference, published atomically.
    `runner`: what made the tables, for the report (default: `idrgen-duck run`)."""
    check(config, overwrite)
    output_dir = config.output_dir.resolve()
    layout = output_layout()
    plan = make_plan(config)
    observer = observer or Unobserved()
    result = RunResult(output_dir=output_dir, plan=plan)
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc)
    staging = folders.make_staging(output_dir, layout, "--output-dir")
    work = staging / folders.SPILL
    try:
        if config.temp_dir is not None:
            work = folders.make_work_folder(config.temp_dir.resolve(), "--temp-dir")
        work.mkdir(parents=True, exist_ok=True)
        result.steps = write_tables(plan, staging, work, observer)
        if REPORT_STEP not in {step.name for step in result.steps}:  # read back by DuckDB
            reading = report_engine(config, work)
            with contextlib.closing(reading):
                reading.execute(recorded_step_log(plan, started_at, result.steps))
                steps = render_run(plan, staging.as_posix(), work.as_posix(), config.engine)
                rest = [s for s in steps if s.name == REPORT_STEP]
                result.steps += execute_steps(reading, rest, observer)
        for name, text in render_metadata(plan).items():
            (staging / "metadata" / name).write_text(text, encoding="utf-8")
        if 0 < config.scale <= REFERENCE_MAX_SCALE:
            result.steps.append(_write_reference(staging, config, work, observer))
        result.seconds = time.perf_counter() - started
        result.peak_rss_bytes = peak_rss_bytes()
        _complete_report(staging / REPORT, result, runner or {"runner": "idrgen-duck run"})
        if report_html.available():  # the optional `report` extra; the CLI says how to get it
            with contextlib.closing(report_engine(config, work)) as reading:
                report_html.write_page(staging, reading.con)
        folders.remove_work_folder(work)
        folders.publish(staging, output_dir, layout, "--output-dir")
    except BaseException:
        folders.remove_work_folder(work)
        folders.discard_staging(staging)
        raise
    return result


def _write_reference(
    staging: Path, config: RunConfig, work: Path, observer: StepObserver
) -> StepResult:
    """Score the exact-match reference into stats/reference.json, shown as a step of its own."""
    observer.started(REFERENCE_STEP)
    started = time.perf_counter()
    scores: list[evaluate.Scores] = []
    engine = report_engine(config, work)
    with contextlib.closing(engine):
        run_interruptibly(
            engine, lambda: scores.append(evaluate.reference(staging, engine.con)), lambda: None
        )
    text = json.dumps(scores[0].as_dict(), indent=2) + "\n"
    (staging / REFERENCE).write_text(text, encoding="utf-8")
    elapsed = time.perf_counter() - started
    observer.finished(REFERENCE_STEP, elapsed)
    return StepResult(REFERENCE_STEP.name, elapsed)


def _complete_report(path: Path, result: RunResult, runner: dict[str, str]) -> None:
    """Write over the SQL report's run facts what only this process knows: its peak memory,
    the whole wall time and every step's time (the report's own and the reference's too)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    seconds = {s.name.split("_", 1)[1]: s.seconds for s in result.steps}
    for table in report["tables"]:
        table["seconds"] = round(seconds.get(table["table"], 0.0), 3)
    report["run"] |= runner | {
        "engine": result.plan.config.engine,
        "wall_seconds": round(result.seconds, 3),
        "peak_rss_bytes": result.peak_rss_bytes,
        "steps": [{"step": s.name, "seconds": round(s.seconds, 3)} for s in result.steps],
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
