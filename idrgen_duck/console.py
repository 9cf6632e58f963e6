"""What `run` prints to people: live progress per step, then a summary of the report.

On a terminal each step gets a rich progress bar with rows and rows/s while DuckDB works;
anywhere else (logs, CI, pipes) one plain line per finished step, so logs stay readable.
Everything goes to stderr: stdout is kept for `--json`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from idrgen_duck import db
from idrgen_duck.render import OUTPUT_FOLDERS, RenderedStep
from idrgen_duck.runner import Unobserved


def _rows_done(task: Task) -> float:
    rows = task.fields.get("rows")
    return rows * task.percentage / 100 if rows else 0.0


class RowsColumn(ProgressColumn):
    """Rows written so far, estimated from DuckDB's progress of the step."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("rows"):
            return Text("")
        return Text(f"{_rows_done(task):>13,.0f} rows", style="progress.download")


class RowsPerSecondColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not task.fields.get("rows") or not elapsed:
            return Text("")
        return Text(f"{_rows_done(task) / elapsed:>11,.0f} rows/s", style="progress.data.speed")


class LiveProgress:
    """A progress bar per step on a terminal (a runner.StepObserver)."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<26}"),
            BarColumn(),
            TaskProgressColumn(),
            RowsColumn(),
            RowsPerSecondColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> LiveProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def started(self, step: RenderedStep) -> None:
        self.tasks[step.name] = self.progress.add_task(step.name, total=1.0, rows=step.rows)

    def advanced(self, step: RenderedStep, fraction: float) -> None:
        task = self.tasks[step.name]
        # one step runs several statements, whose progress can step back a little in between
        done = max(fraction, self.progress.tasks[task].completed)
        self.progress.update(task, completed=done)

    def finished(self, step: RenderedStep, seconds: float) -> None:
        self.progress.update(self.tasks[step.name], completed=1.0)


class StepLines(Unobserved):
    """One line per finished step, for logs and pipes (a runner.StepObserver)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def __enter__(self) -> StepLines:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def finished(self, step: RenderedStep, seconds: float) -> None:
        rows = (
            f"{step.rows:>12,} rows {step.rows / max(seconds, 1e-9):>11,.0f} rows/s"
            if step.rows
            else ""
        )
        self.console.print(f"  {step.name:<26} {seconds:8.2f} s {rows}".rstrip(), highlight=False)


def step_display(console: Console) -> LiveProgress | StepLines:
    return LiveProgress(console) if console.is_terminal else StepLines(console)


def print_summary(console: Console, report: dict[str, Any]) -> None:
    """Per table rows, size, time; then tiers and CRM overlaps, target against achieved."""
    tables = Table(title="written", title_justify="left")
    for column in ("table", "rows", "MB", "seconds", "rows/s"):
        tables.add_column(column, justify="left" if column == "table" else "right")
    for t in report["tables"] or []:  # (lists of nothing are null: --scale 0)
        rate = t["records"] / t["seconds"] if t.get("seconds") else 0
        tables.add_row(
            t["table"],
            f"{t['records']:,}",
            f"{t['bytes'] / 1e6:,.1f}",
            f"{t.get('seconds') or 0:.2f}",
            f"{rate:,.0f}",
        )
    graph = Table(title="identity graph", title_justify="left")
    for column in ("measure", "target", "achieved"):
        graph.add_column(column, justify="left" if column == "measure" else "right")
    for t in report["tiers"] or []:
        # a subset of the sources (--sources) has tiers but no target: those are of all 7
        target = "-" if t["target"] is None else f"{t['target']:.0%}"
        graph.add_row(f"tier {t['tier']}", target, f"{t['share']:.1%}")
    for o in report["crm_overlap"] or []:
        graph.add_row(
            f"{o['table_id']} overlap with CRM", f"{o['target']:.0%}", f"{o['record_share']:.1%}"
        )
    console.print(tables)
    console.print(graph)


def print_written(console: Console, output_dir: Path) -> None:
    """Each folder of the output: its files and their size (the marker is not counted)."""
    console.print("wrote:")
    for folder in OUTPUT_FOLDERS:
        files = sorted(p for p in (output_dir / folder).iterdir() if not p.name.startswith("."))
        size = sum(db.file_bytes(f) for f in files)
        console.print(f"  {output_dir / folder}/  {len(files)} files, {size / 1e6:,.1f} MB")
