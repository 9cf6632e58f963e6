"""`--sources`: a subset of the sources, as a user runs it.

The identity graph is always the whole one, so each table of a subset is the full run's, byte
for byte in content; the truth holds the subset's records and their persons; the metadata,
the report, `validate`, `status`, `load` and `run --from-report` follow the sources written.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from idrgen_duck.checksums import output_checksums
from tests.conftest import cli, needs_cli, regenerated
from tests.test_determinism import duckdb_cli

pytestmark = needs_cli
SUBSET = ("crm", "ecom", "survey")
TABLES = ("crm_customers", "ecom_transactions", "survey_responses")


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("subset") / "out"
    done = cli("run", "--scale", "20K", "--seed", "7", "--sources", ",".join(SUBSET),
               "--output-dir", str(out), "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def rows_differ(a: str, b: str) -> int:
    """Rows in one relation and not in the other, both ways (duplicates counted)."""
    con = duckdb.connect()
    one = con.execute(f"SELECT count(*) FROM ({a} EXCEPT ALL {b})").fetchone()[0]
    other = con.execute(f"SELECT count(*) FROM ({b} EXCEPT ALL {a})").fetchone()[0]
    return int(one) + int(other)


def test_a_subset_writes_the_full_runs_tables_and_their_truth(subset: Path, small: Path) -> None:
    written = sorted(p.name for p in (subset / "parquet").iterdir())
    assert written == sorted(f"{t}.parquet" for t in ("products", *TABLES))
    mine, full = output_checksums(subset), output_checksums(small)
    for table in ("products", *TABLES):
        assert mine[f"parquet/{table}"] == full[f"parquet/{table}"], table
    # the truth: the full run's rows of these sources, and the persons they belong to
    listed = ", ".join(f"'{s}'" for s in SUBSET)
    truth = "truth/record_person.parquet"
    assert rows_differ(f"SELECT * FROM '{subset / truth}'",
                       f"SELECT * FROM '{small / truth}' WHERE table_id IN ({listed})") == 0  # fmt: skip
    persons = "truth/persons.parquet"
    held = " OR ".join(f"records_{s} > 0" for s in SUBSET)
    assert rows_differ(f"SELECT * FROM '{subset / persons}'",
                       f"SELECT * FROM '{small / persons}' WHERE {held}") == 0  # fmt: skip
    con = duckdb.connect()
    count = con.execute(f"SELECT count(*) FROM '{subset / persons}'").fetchone()[0]
    assert 0 < count < con.execute(f"SELECT count(*) FROM '{small / persons}'").fetchone()[0]


def test_metadata_report_and_checks_follow_the_subset(subset: Path, tmp_path: Path) -> None:
    config = (subset / "metadata" / "source_table_config.sql").read_text()
    mappings = (subset / "metadata" / "identifier_mapping_config.sql").read_text()
    for source in ("crm", "ecom", "loyalty", "mobile", "pos", "survey", "review"):
        assert (f"('{source}', " in config) == (source in SUBSET), source
        assert (f"('{source}', " in mappings) == (source in SUBSET), source
    report = json.loads((subset / "stats" / "generation_report.json").read_text())
    assert report["sources"] == list(SUBSET)
    assert sorted(t["table"] for t in report["tables"]) == sorted(("products", *TABLES))
    assert {o["table_id"] for o in report["crm_overlap"]} == {"ecom", "survey"}
    assert all(t["target"] is None for t in report["tiers"])  # tiers of all 7 do not apply
    assert (subset / "stats" / "reference.json").exists()
    checked = cli("validate", "--output-dir", str(subset))
    assert checked.returncode == 0, checked.stdout
    assert "crm, ecom, survey of 20,000 records" in checked.stdout
    status = cli("status", str(subset), "--full")
    assert status.returncode == 0 and "sources crm, ecom, survey" in status.stdout, status.stdout
    assert "6 of 6 files match" in status.stdout  # 4 tables, 2 truth files
    loaded = cli("load", "--output-dir", str(subset), "--db", str(tmp_path / "s.duckdb"))
    assert loaded.returncode == 0, loaded.stderr
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                       "WHERE schema_name = 'main'").fetchall()}  # fmt: skip
    assert names == {"__idr_load", "products", *TABLES}


def test_a_subset_regenerates_from_its_report(subset: Path, tmp_path: Path) -> None:
    assert output_checksums(regenerated(subset, tmp_path / "again")) == output_checksums(subset)


@pytest.mark.skipif(
    duckdb_cli() is None, reason="the duckdb CLI (pip install duckdb-cli) is absent"
)
def test_the_rendered_subset_gives_the_same_tables(subset: Path, tmp_path: Path) -> None:
    sql, out = tmp_path / "sql", tmp_path / "cli_out"
    done = cli("render", "--scale", "20K", "--seed", "7", "--sources", ",".join(SUBSET),
               "--out", str(sql), "--output-dir", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    with (sql / "run.sql").open() as script:
        ran = subprocess.run([str(duckdb_cli())], stdin=script, capture_output=True, text=True,
                             cwd=sql, timeout=300)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert output_checksums(out) == output_checksums(subset)


def test_bad_subsets_are_refused_in_one_line(tmp_path: Path) -> None:
    cases = {
        ("--sources", "survey"): "survey refers to ecom's orders",
        ("--sources", "crm,shop"): "shop is not a source; choose from crm, ecom",
        ("--sources", ","): "is not a source",
        ("--sources", "crm", "--engine", "spark"): "DuckDB's for now",
        ("--sources", "crm", "--scale", "0"): "drop --sources",
    }
    for args, message in cases.items():
        done = cli("run", *args, "--output-dir", str(tmp_path / "never"))
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "never").exists()
    warehouse = cli("render", "--dialect", "snowflake", "--sources", "crm", "--out",
                    str(tmp_path / "sql"), "--output-dir", str(tmp_path / "o"))  # fmt: skip
    assert warehouse.returncode == 2 and "drop --dialect" in warehouse.stderr
