"""The metadata SQL loads into the engine's idr_meta tables and does what the engine needs."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from idrgen_duck import idr_metadata, loader, realism
from idrgen_duck.cli import app
from idrgen_duck.plan import SOURCE_BY_ID, SOURCES

# The engine's metadata tables as its DuckDB DDL has them (columns from the contract), written
# here independently of idrgen_duck.loader.
ENGINE_DDL = """
CREATE SCHEMA idr_meta;
CREATE TABLE idr_meta.source_table (table_id VARCHAR, table_fqn VARCHAR, entity_type VARCHAR,
    entity_key_expr VARCHAR, watermark_column VARCHAR, watermark_lookback_minutes INTEGER,
    is_active BOOLEAN);
CREATE TABLE idr_meta.rule (rule_id VARCHAR, rule_name VARCHAR, is_active BOOLEAN,
    priority INTEGER, identifier_type VARCHAR, canonicalize VARCHAR, allow_hashed BOOLEAN,
    require_non_null BOOLEAN, max_group_size INTEGER DEFAULT 10000);
CREATE TABLE idr_meta.identifier_mapping (table_id VARCHAR, identifier_type VARCHAR,
    identifier_value_expr VARCHAR, is_hashed BOOLEAN);
CREATE TABLE idr_meta.identifier_exclusion (identifier_type VARCHAR,
    identifier_value_pattern VARCHAR, match_type VARCHAR, reason VARCHAR,
    created_at TIMESTAMP DEFAULT current_timestamp, created_by VARCHAR);
"""
META_TABLES = ("source_table", "rule", "identifier_mapping", "identifier_exclusion")


@pytest.fixture(scope="module")
def engine_db(small: Path, tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The engine's tables, our source tables, and all four metadata files loaded twice."""
    con = duckdb.connect(str(tmp_path_factory.mktemp("engine") / "engine.duckdb"))
    con.execute(ENGINE_DDL)
    for source in SOURCES:
        path = (small / "parquet" / f"{source.table}.parquet").as_posix()
        con.execute(f"CREATE TABLE {source.table} AS FROM read_parquet('{path}')")
    for _ in range(2):
        for name in loader.METADATA_FILES:
            con.execute((small / "metadata" / name).read_text())
    return con


def test_loading_twice_leaves_the_same_rows(engine_db: duckdb.DuckDBPyConnection) -> None:
    counts = {
        t: engine_db.execute(f"SELECT count(*) FROM idr_meta.{t}").fetchone()[0]
        for t in META_TABLES
    }  # type: ignore[index]
    assert counts == {
        "source_table": 7,
        "rule": len(idr_metadata.rules(20_000)),
        "identifier_mapping": len(idr_metadata.MAPPINGS),
        "identifier_exclusion": len(idr_metadata.EXCLUSIONS),
    }


def test_sources_name_tables_with_unique_keys_and_timestamps(
    engine_db: duckdb.DuckDBPyConnection,
) -> None:
    rows = engine_db.execute(
        "SELECT table_id, table_fqn, entity_key_expr, watermark_column FROM idr_meta.source_table"
    ).fetchall()
    for table_id, fqn, key, watermark in rows:
        unique = engine_db.execute(
            f"SELECT count(DISTINCT '{table_id}:' || CAST({key} AS VARCHAR)) = count(*) FROM {fqn}"
        ).fetchone()
        assert unique and unique[0], table_id
        engine_db.execute(f"SELECT CAST({watermark} AS TIMESTAMP) FROM {fqn} LIMIT 1")
    assert "products" not in {fqn for _, fqn, _, _ in rows}


def test_every_identifier_type_has_an_active_rule(engine_db: duckdb.DuckDBPyConnection) -> None:
    missing = engine_db.execute(
        """SELECT DISTINCT m.identifier_type FROM idr_meta.identifier_mapping m
           ANTI JOIN idr_meta.rule r ON r.identifier_type = m.identifier_type AND r.is_active"""
    ).fetchall()
    assert missing == []
    assert {
        r[0]
        for r in engine_db.execute(
            "SELECT match_type FROM idr_meta.identifier_exclusion"
        ).fetchall()
    } <= {"EXACT", "LIKE"}
    assert {
        r[0] for r in engine_db.execute("SELECT canonicalize FROM idr_meta.rule").fetchall()
    } == {"LOWERCASE"}


def normalised_values(con: duckdb.DuckDBPyConnection) -> str:
    """Every mapping expression, evaluated as the engine does (then LOWERCASE)."""
    rows = con.execute(
        "SELECT m.table_id, m.identifier_type, m.identifier_value_expr, s.table_fqn "
        "FROM idr_meta.identifier_mapping m JOIN idr_meta.source_table s USING (table_id)"
    ).fetchall()
    return " UNION ALL ".join(
        f"SELECT '{t}' AS table_id, '{kind}' AS identifier_type, lower({expr}) AS value FROM {fqn}"
        for t, kind, expr, fqn in rows
    )


def test_mappings_never_yield_empty_strings(engine_db: duckdb.DuckDBPyConnection) -> None:
    values = normalised_values(engine_db)
    empty = engine_db.execute(f"SELECT count(*) FROM ({values}) WHERE value = ''").fetchone()
    total = engine_db.execute(f"SELECT count(value) FROM ({values})").fetchone()
    assert empty == (0,) and total and total[0] > 10_000


def test_planted_junk_is_excluded_after_normalisation(
    engine_db: duckdb.DuckDBPyConnection,
) -> None:
    values = normalised_values(engine_db)
    # every planted junk value, normalised as the engine normalises it
    raw = (
        f"SELECT 'EMAIL' AS identifier_type, lower({idr_metadata.identifier_expression('EMAIL', 'x')}) AS value "
        "FROM (SELECT unnest($emails) AS x) UNION ALL "
        f"SELECT 'PHONE', lower({idr_metadata.identifier_expression('PHONE', 'x')}) FROM (SELECT unnest($phones) AS x)"
    )
    rows = engine_db.execute(
        f"""WITH v AS ({values}), raw AS ({raw})
            SELECT r.identifier_type, r.value,
                   EXISTS (SELECT 1 FROM idr_meta.identifier_exclusion e
                           WHERE e.identifier_type = r.identifier_type
                             AND ((e.match_type = 'EXACT' AND r.value = e.identifier_value_pattern)
                               OR (e.match_type = 'LIKE' AND r.value LIKE e.identifier_value_pattern))),
                   (SELECT count(*) FROM v WHERE v.identifier_type = r.identifier_type AND v.value = r.value)
            FROM raw AS r WHERE r.value IS NOT NULL""",
        {"emails": list(realism.JUNK_EMAILS), "phones": list(realism.JUNK_PHONES)},
    ).fetchall()
    assert len(rows) >= len(realism.JUNK_EMAILS) + len(realism.JUNK_PHONES) - 2  # N/A -> NULL
    assert sum(r[3] for r in rows) > 0, "no planted junk value reached the data"
    for kind, value, excluded, _ in rows:
        assert excluded, (kind, value)


def test_giant_cluster_exceeds_the_email_limit_and_is_not_excluded(
    engine_db: duckdb.DuckDBPyConnection,
) -> None:
    values = normalised_values(engine_db)
    limit = engine_db.execute(
        "SELECT max_group_size FROM idr_meta.rule WHERE identifier_type = 'EMAIL'"
    ).fetchone()
    size = engine_db.execute(
        f"SELECT count(*) FROM ({values}) WHERE identifier_type = 'EMAIL' AND value = ?",
        [realism.GIANT_CLUSTER_EMAIL],
    ).fetchone()
    assert limit and size and size[0] > limit[0]
    excluded = engine_db.execute(
        "SELECT count(*) FROM idr_meta.identifier_exclusion WHERE identifier_type = 'EMAIL' "
        "AND (? = identifier_value_pattern OR ? LIKE identifier_value_pattern)",
        [realism.GIANT_CLUSTER_EMAIL, realism.GIANT_CLUSTER_EMAIL],
    ).fetchone()
    assert excluded == (0,)


def test_load_command_builds_a_ready_database(small: Path, tmp_path: Path) -> None:
    db = tmp_path / "scale_test.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["load", "--output-dir", str(small), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "evaluate" in result.output
    con = duckdb.connect(str(db), read_only=True)
    for source in SOURCES:
        rows = con.execute(f"SELECT count(*) FROM {source.table}").fetchone()
        assert rows and rows[0] > 0
    assert con.execute("SELECT count(*) FROM idr_meta.rule").fetchone() == (5,)
    con.close()
    again = runner.invoke(app, ["load", "--output-dir", str(small), "--db", str(db)])
    assert again.exit_code == 2 and "--overwrite" in again.output
    assert (
        runner.invoke(
            app, ["load", "--output-dir", str(small), "--db", str(db), "--overwrite"]
        ).exit_code
        == 0
    )


def test_evaluate_command_scores_the_reference(small: Path) -> None:
    result = CliRunner().invoke(
        app, ["evaluate", "--output-dir", str(small), "--reference", "--json"]
    )
    assert result.exit_code == 0, result.output
    import json

    scores = json.loads(result.output)["reference"]
    assert 0.5 < scores["bcubed_f1"] < 1  # noise and shared identifiers cost something
    assert scores["records"] == 20_000
    bad = CliRunner().invoke(
        app, ["evaluate", "--output-dir", str(small), "--membership", "nope.parquet"]
    )
    assert bad.exit_code == 2 and bad.output.startswith("error: --membership")


def test_evaluate_scores_a_membership_file(small: Path, tmp_path: Path) -> None:
    """The truth itself, given as a result, scores perfectly."""
    membership = tmp_path / "membership.parquet"
    truth = (small / "truth" / "record_person.parquet").as_posix()
    duckdb.execute(
        f"COPY (SELECT entity_key, coalesce(CAST(person_id AS VARCHAR), anonymous_basket, entity_key) "
        f"AS resolved_id "
        f"FROM read_parquet('{truth}')) TO '{membership.as_posix()}' (FORMAT parquet)"
    )
    result = CliRunner().invoke(
        app, ["evaluate", "--output-dir", str(small), "--membership", str(membership)]
    )
    assert result.exit_code == 0, result.output
    f1_lines = [line for line in result.output.splitlines() if "_f1" in line]
    assert len(f1_lines) == 2 and all(line.split()[-1] == "1.0000" for line in f1_lines)


def test_mapped_columns_exist(small: Path) -> None:
    con = duckdb.connect()
    for m in idr_metadata.MAPPINGS:
        source = SOURCE_BY_ID[m.table_id]
        path = (small / "parquet" / f"{source.table}.parquet").as_posix()
        con.execute(f"SELECT {m.expression} FROM read_parquet('{path}') LIMIT 1")
