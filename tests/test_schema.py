"""Every output table has the spec's columns, names and types (plus the documented additions)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from idrgen_duck import catalog, report_html
from idrgen_duck.render import parquet_files
from tests.conftest import parquet

# The spec's DDL has every column of the 8 tables but these, added for the identity graph
# (README: the columns): ecom order_id groups line items into orders, pos receipt_id groups
# them into baskets, pos currency names the till's currency.
ADDITIONS = {("ecom_transactions", "order_id"), ("pos_transactions", "receipt_id"),
             ("pos_transactions", "currency")}  # fmt: skip


def schema(con: duckdb.DuckDBPyConnection, source: str) -> tuple[tuple[str, str], ...]:
    rows = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    return tuple((name, kind) for name, kind, *_ in rows)


@pytest.mark.parametrize("table", catalog.TABLES, ids=[t.file for t in catalog.TABLES])
def test_every_file_has_the_catalogs_columns_and_types(
    small: Path, con: duckdb.DuckDBPyConnection, table: catalog.Table
) -> None:
    folder, name = table.file.split("/")
    assert schema(con, parquet(small, name, folder)) == table.types


def test_the_catalog_marks_the_documented_additions_only() -> None:
    additions = {(t.name, c.name) for t in catalog.TABLES for c in t.columns if not c.spec}
    assert additions == ADDITIONS
    assert [t.file for t in catalog.TABLES] == parquet_files()


def test_docs_columns_is_current() -> None:
    """docs/columns.md is what the catalog generates (python -m idrgen_duck.catalog)."""
    docs = Path(__file__).parent.parent / "docs" / "columns.md"
    assert docs.read_text(encoding="utf-8") == catalog.columns_markdown()


def test_output_layout(small: Path) -> None:
    files = sorted(p.relative_to(small).as_posix() for p in small.rglob("*") if p.is_file())
    assert files == sorted(
        [f"{t.file}.parquet" for t in catalog.TABLES]
        + [
            f"metadata/{m}.sql"
            for m in (
                "source_table_config",
                "rule_config",
                "identifier_mapping_config",
                "test_exclusions",
            )
        ]
        + ["stats/generation_report.json", "stats/reference.json", "stats/.idrgen-duck"]
        + (["stats/report.html"] if report_html.available() else [])  # the `report` extra
    )


def test_device_ids_and_tokens_have_their_platforms_shape(
    small: Path, con: duckdb.DuckDBPyConnection
) -> None:
    """iOS device ids are upper-case version-4 UUIDs, Android ids 16 hex digits, APNs push
    tokens 64 hex digits, FCM tokens '<11 chars>:APA91b' + hex, card tokens 'tok_' + 24 hex;
    a person has 1 to 3 devices and cards."""
    persons = parquet(small, "persons", "truth")
    bad_persons = con.execute(
        f"""SELECT count(*) FROM {persons}
            WHERE len(device_ids) NOT BETWEEN 1 AND 3 OR len(payment_tokens) NOT BETWEEN 1 AND 3
               OR NOT list_bool_and(list_transform(device_ids, lambda d: regexp_full_match(d,
                      CASE os_type WHEN 'iOS'
                           THEN '[0-9A-F]{{8}}-[0-9A-F]{{4}}-4[0-9A-F]{{3}}-[89AB][0-9A-F]{{3}}-[0-9A-F]{{12}}'
                           ELSE '[0-9a-f]{{16}}' END)))
               OR NOT list_bool_and(list_transform(payment_tokens,
                      lambda t: regexp_full_match(t, 'tok_[0-9a-f]{{24}}')))"""
    ).fetchone()
    assert bad_persons == (0,)
    bad_pushes, pushes = con.execute(
        f"""SELECT count(*) FILTER (WHERE NOT regexp_full_match(push_token,
                       CASE os_type WHEN 'iOS' THEN '[0-9a-f]{{64}}'
                            ELSE '[0-9a-f]{{11}}:APA91b[0-9a-f]{{48}}' END)),
                   count(push_token)
            FROM {parquet(small, "mobile_app_users")}"""
    ).fetchone() or (None, None)
    assert bad_pushes == 0 and pushes > 0
