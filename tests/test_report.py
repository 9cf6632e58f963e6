"""The generation report describes what is on disk: its figures equal independent SQL."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from idrgen_duck import realism
from idrgen_duck.plan import SOURCES
from idrgen_duck.render import make_environment
from idrgen_duck.validate import tier_sql
from tests.conftest import parquet, scalar


def report(output: Path) -> dict:
    return json.loads((output / "stats" / "generation_report.json").read_text())


def test_counts_sizes_and_run_facts(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    r = report(small)
    assert (r["scale"], r["seed"], r["workers"]) == (20_000, 7, 2)
    for table in r["tables"]:
        assert table["records"] == scalar(
            con, f"SELECT count(*) FROM {parquet(small, table['table'])}"
        )
        assert table["bytes"] == (small / "parquet" / f"{table['table']}.parquet").stat().st_size
        assert table["seconds"] > 0
    assert r["run"]["peak_rss_bytes"] > 0 and r["run"]["duckdb_version"] == duckdb.__version__
    assert set(r["checksums"]) == {
        *(f"parquet/{t}" for t in ["products", *(s.table for s in SOURCES)]),
        "truth/record_person",
        "truth/persons",
    }


def test_graph_figures(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    r = report(small)
    truth = parquet(small, "record_person", "truth")
    per_source = dict(
        con.execute(
            f"SELECT table_id, count(DISTINCT person_id) FROM {truth} GROUP BY table_id"
        ).fetchall()
    )
    diagonal = {
        m["source"]: m["persons"] for m in r["source_overlap_matrix"] if m["source"] == m["other"]
    }
    assert diagonal == per_source
    crm_ecom = scalar(
        con,
        f"""SELECT count(*) FROM (SELECT person_id FROM {truth} WHERE person_id IS NOT NULL
            GROUP BY person_id HAVING bool_or(table_id = 'crm') AND bool_or(table_id = 'ecom'))""",
    )
    assert {(m["source"], m["other"]): m["persons"] for m in r["source_overlap_matrix"]}[
        ("crm", "ecom")
    ] == crm_ecom
    assert sum(c["persons"] for c in r["records_per_person"]) == r["persons_with_records"]
    assert sum(g["persons"] for g in r["regions"]) == 4_000
    # CRM overlaps and tiers, recomputed from the truth record by record
    in_crm = f"(SELECT DISTINCT person_id FROM {truth} WHERE table_id = 'crm')"
    for table_id in ("ecom", "pos"):
        records, person_share = (
            con.execute(
                f"""SELECT avg(CASE WHEN c.person_id IS NOT NULL THEN 1.0 ELSE 0.0 END),
                       count(DISTINCT c.person_id) / count(DISTINCT t.person_id)
                FROM {truth} AS t LEFT JOIN {in_crm} AS c USING (person_id)
                WHERE t.table_id = '{table_id}'"""
            ).fetchone()
            or ()
        )
        overlap = next(o for o in r["crm_overlap"] if o["table_id"] == table_id)
        assert overlap["record_share"] == round(records, 4)
        assert overlap["person_share"] == round(person_share, 4)
    tiers = dict(
        con.execute(
            f"""SELECT {tier_sql("n")}, count(*)
                FROM (SELECT count(DISTINCT table_id) AS n FROM {truth}
                      WHERE person_id IS NOT NULL GROUP BY person_id)
                GROUP BY ALL"""
        ).fetchall()
    )
    assert {t["tier"]: t["persons"] for t in r["tiers"]} == tiers


def test_noise_and_edge_case_figures(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    r = report(small)
    truth = parquet(small, "record_person", "truth")
    tags = {(t["table_id"], t["tag"]): t["records"] for t in r["noise_tags"]}
    assert tags[("crm", "email_case")] == scalar(
        con,
        f"SELECT count(*) FROM {truth} WHERE table_id = 'crm' AND list_contains(noise, 'email_case')",
    )
    giant = scalar(
        con,
        f"SELECT count(*) FROM {parquet(small, 'ecom_transactions')} "
        f"WHERE email = '{realism.GIANT_CLUSTER_EMAIL}'",
    )
    assert r["edge_cases"]["giant_cluster_records"] == giant > 0
    assert r["edge_cases"]["disjoint_identity_persons"] > 0


def test_column_schemas_and_null_rates(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    r = report(small)
    crm = {c["column"]: c for c in r["schemas"]["crm_customers"]}
    assert crm["created_at"]["type"] == "TIMESTAMP"
    nulls = scalar(
        con,
        f"SELECT 100.0 * count(*) FILTER (WHERE city IS NULL) / count(*) FROM {parquet(small, 'crm_customers')}",
    )
    assert abs(crm["city"]["null_percentage"] - float(nulls)) < 0.01
    products = {c["column"]: c for c in r["schemas"]["products"]}
    price = scalar(con, f"SELECT avg(price) FROM {parquet(small, 'products')}")
    assert abs(float(products["price"]["mean"]) - float(price)) < 0.01


def test_column_stats_equal_summarize_over_many_row_groups(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    """The report's per-column figures come from Parquet footers, combined over row groups:
    they must equal SUMMARIZE's, also where text order is not value order (9 < 10) and for
    columns with NULLs."""
    (tmp_path / "parquet").mkdir()
    con.execute(
        f"""COPY (SELECT CAST(range % 11 AS INTEGER) AS small_int,
                         CAST(range / 400 AS DECIMAL(10, 2)) AS amount,
                         CASE WHEN range % 3 > 0 THEN 'v' || (range * 7919 % 1000) END AS label,
                         TIMESTAMP '2021-01-01' + to_seconds(range * 3600) AS seen_at,
                         DATE '2020-01-01' + CAST(range AS INTEGER) AS day,
                         range % 2 = 0 AS flag
                  FROM range(5000))
            TO '{tmp_path.as_posix()}/parquet/t.parquet' (FORMAT parquet, ROW_GROUP_SIZE 1000)"""
    )
    path = f"{tmp_path.as_posix()}/parquet/t.parquet"
    groups = scalar(con, f"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')")
    assert groups > 1  # row groups of 2048 rows: maxima 5.12, 10.24, 12.50
    sql = (
        make_environment()
        .from_string("{{ column_stats(out, 't') }}")
        .render(out=tmp_path.as_posix())
    )
    ours = con.execute(
        f"SELECT column_name, column_type, null_percentage, min, max, mean FROM {sql} ORDER BY position"
    ).fetchall()
    theirs = con.execute(
        f"SELECT column_name, column_type, CAST(null_percentage AS DOUBLE), min, max, avg "
        f"FROM (SUMMARIZE SELECT * FROM '{path}')"
    ).fetchall()
    assert [row[:5] for row in ours] == [row[:5] for row in theirs]
    for mine, summarized in zip(ours, theirs, strict=True):
        assert (mine[5] is None) == (summarized[5] is None), mine[0]
    means = {row[0]: row[5] for row in ours}
    assert (
        abs(float(means["amount"]) - float(scalar(con, f"SELECT avg(amount) FROM '{path}'"))) < 1e-6
    )
    assert means["seen_at"] == str(scalar(con, f"SELECT avg(seen_at) FROM '{path}'"))
