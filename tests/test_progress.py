"""Progress while `run` works: the runner reports DuckDB's progress; the terminal bar shows it."""

from __future__ import annotations

import io

from rich.console import Console

from idrgen_duck.console import LiveProgress
from idrgen_duck.engines import DuckDBEngine
from idrgen_duck.render import RenderedStep
from idrgen_duck.runner import execute_steps


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, float]] = []

    def started(self, step: RenderedStep) -> None:
        self.events.append(("started", step.name, 0.0))

    def advanced(self, step: RenderedStep, fraction: float) -> None:
        self.events.append(("advanced", step.name, fraction))

    def finished(self, step: RenderedStep, seconds: float) -> None:
        self.events.append(("finished", step.name, seconds))


# Two statements, the second slow enough (a few seconds on 2 cores) to be polled several times.
SLOW = RenderedStep(
    "050_slow",
    "CREATE TABLE ids AS SELECT range AS id FROM range(3000000);"
    "CREATE TABLE digests AS SELECT id, md5(md5(md5(CAST(id AS VARCHAR)))) AS h FROM ids;",
    rows=3_000_000,
)


def test_steps_report_progress_between_zero_and_one_and_finish() -> None:
    engine = DuckDBEngine()
    recorder = Recorder()
    results = execute_steps(engine, [RenderedStep("000_setup", "SELECT 1"), SLOW], recorder)
    assert [r.name for r in results] == ["000_setup", "050_slow"]
    kinds = [(kind, name) for kind, name, _ in recorder.events]
    assert kinds[0] == ("started", "000_setup") and kinds[-1] == ("finished", "050_slow")
    fractions = [
        f for kind, name, f in recorder.events if kind == "advanced" and name == "050_slow"
    ]
    assert fractions and all(0.0 <= f <= 1.0 for f in fractions)
    assert any(0.0 < f < 1.0 for f in fractions), fractions  # seen mid-way, not only at the end
    assert engine.con.execute("SELECT count(*) FROM digests").fetchone() == (3_000_000,)


def test_terminal_progress_shows_rows_and_rate() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=140)
    with LiveProgress(console) as display:
        execute_steps(DuckDBEngine(), [SLOW], display)
    text = out.getvalue()
    assert "050_slow" in text and "100%" in text
    assert "3,000,000 rows" in text and "rows/s" in text
