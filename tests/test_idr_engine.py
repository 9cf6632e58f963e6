"""The real IDR engine on our data: sql-identity-resolution's DuckDB runner, run on a `load`
output, scores what the exact-match reference says an exact-match engine should.

The engine lives beside the project in ../shared/clients/sql-identity-resolution (a test
fixture, not part of the product); a user's clone does not have it, and the test says so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from idrgen_duck import evaluate, loader, realism
from tests.conftest import Generate

CLIENT = Path(__file__).resolve().parents[2] / "shared" / "clients" / "sql-identity-resolution"
RUNNER = CLIENT / "sql" / "duckdb" / "core" / "idr_run.py"
DDL = CLIENT / "sql" / "duckdb" / "core" / "00_ddl_all.sql"

pytestmark = pytest.mark.skipif(
    not RUNNER.exists(), reason=f"sql-identity-resolution is absent ({CLIENT} not found)"
)


def run_engine(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUNNER), f"--db={db}", "--run-mode=FULL", "--max-iters=60"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_the_idr_engine_scores_the_exact_match_reference(
    generate: Generate, tmp_path: Path
) -> None:
    out = generate(scale=100_000, seed=11)
    db = tmp_path / "idr.duckdb"
    loader.load(out, db)
    con = duckdb.connect(str(db))
    con.execute(DDL.read_text(encoding="utf-8"))
    con.close()
    membership = f"{db}:idr_out.identity_resolved_membership_current"
    run_engine(db)
    engine = evaluate.evaluate(out, membership)
    reference = evaluate.reference(out)
    assert engine.records == reference.records == 100_000
    for metric in ("pairwise_precision", "pairwise_recall", "bcubed_precision", "bcubed_recall"):
        got, wanted = getattr(engine, metric), getattr(reference, metric)
        assert abs(got - wanted) <= 0.01, (metric, got, wanted)

    # the emitted limits do work in the engine: without the EMAIL rule's max_group_size the
    # corporate inbox chains its hundreds of buyers into one cluster, and without the
    # exclusion list every placeholder email and phone does the same
    limit = realism.email_group_limit(100_000)
    for change in (
        "UPDATE idr_meta.rule SET max_group_size = 1000000 WHERE identifier_type = 'EMAIL'",
        # (the limit back as emitted, so each change is measured alone)
        f"UPDATE idr_meta.rule SET max_group_size = {limit} WHERE identifier_type = 'EMAIL';"
        "DELETE FROM idr_meta.identifier_exclusion",
    ):
        con = duckdb.connect(str(db))
        con.execute(change)
        con.close()
        run_engine(db)
        changed = evaluate.evaluate(out, membership)
        assert changed.largest_predicted_cluster > 2 * engine.largest_predicted_cluster, change
        assert changed.pairwise_precision < engine.pairwise_precision - 0.1, change
