"""The real IDR engine on our data: sql-identity-resolution's DuckDB runner, run on a `load`
output, scores what the exact-match reference (our ceiling) says an exact-match engine should.

The engine lives beside the project in ../shared/clients/sql-identity-resolution (a test
fixture, not part of the product); a user's clone does not have it, and the test says so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from idrgen_duck import evaluate, loader
from tests.conftest import Generate

CLIENT = Path(__file__).resolve().parents[2] / "shared" / "clients" / "sql-identity-resolution"
RUNNER = CLIENT / "sql" / "duckdb" / "core" / "idr_run.py"
DDL = CLIENT / "sql" / "duckdb" / "core" / "00_ddl_all.sql"

pytestmark = pytest.mark.skipif(
    not RUNNER.exists(), reason=f"sql-identity-resolution is absent ({CLIENT} not found)"
)


def test_the_idr_engine_scores_the_exact_match_reference(
    generate: Generate, tmp_path: Path
) -> None:
    out = generate(scale=100_000, seed=11)
    db = tmp_path / "idr.duckdb"
    loader.load(out, db)
    con = duckdb.connect(str(db))
    con.execute(DDL.read_text(encoding="utf-8"))
    con.close()
    done = subprocess.run(
        [sys.executable, str(RUNNER), f"--db={db}", "--run-mode=FULL", "--max-iters=60"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    engine = evaluate.evaluate(out, f"{db}:idr_out.identity_resolved_membership_current")
    reference = evaluate.ceiling(out)
    assert engine.records == reference.records == 100_000
    for metric in ("pairwise_precision", "pairwise_recall", "bcubed_precision", "bcubed_recall"):
        got, wanted = getattr(engine, metric), getattr(reference, metric)
        assert abs(got - wanted) <= 0.01, (metric, got, wanted)
