"""The generation report describes what is on disk: its figures equal independent SQL."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from idrgen_duck import realism
from idrgen_duck.plan import SOURCES
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
            f"""SELECT CASE WHEN n >= 5 THEN 'high_value' WHEN n >= 2 THEN 'regular'
                            ELSE 'one_time' END, count(*)
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
