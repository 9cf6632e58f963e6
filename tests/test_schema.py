"""Every output table has the spec's columns, names and types (plus the documented additions)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import parquet

V, TS, INT, BOOL = "VARCHAR", "TIMESTAMP", "INTEGER", "BOOLEAN"
MONEY = "DECIMAL(10,2)"
# Sales lines are in the customer's currency: a Colombian peso or won price needs more digits
# than the spec's DECIMAL(10,2), sized for dollars (README: the columns).
PRICE, TOTAL = "DECIMAL(12,2)", "DECIMAL(14,2)"

# The spec's DDL, column by column. Additions (documented in the README): ecom order_id groups
# line items into orders, pos receipt_id groups them into baskets, pos currency.
SPEC_SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "products": [
        ("product_id", V),
        ("product_name", V),
        ("category", V),
        ("subcategory", V),
        ("brand", V),
        ("price", MONEY),
        ("margin_pct", "DECIMAL(5,2)"),
        ("is_private_label", BOOL),
        ("launch_date", "DATE"),
    ],
    "crm_customers": [
        ("customer_id", V),
        ("email", V),
        ("phone", V),
        ("first_name", V),
        ("last_name", V),
        ("loyalty_id", V),
        ("address_line1", V),
        ("city", V),
        ("country_code", V),
        ("created_at", TS),
        ("updated_at", TS),
        ("opt_in_email", BOOL),
        ("opt_in_sms", BOOL),
        ("customer_segment", V),
    ],
    "ecom_transactions": [
        ("transaction_id", V),
        ("user_id", V),
        ("email", V),
        ("phone", V),
        ("product_id", V),
        ("quantity", INT),
        ("unit_price", PRICE),
        ("order_total", TOTAL),
        ("currency", V),
        ("shipping_address_hash", V),
        ("payment_token", V),
        ("device_type", V),
        ("order_date", TS),
        ("promo_code", V),
        ("order_id", V),
    ],
    "loyalty_members": [
        ("member_id", V),
        ("loyalty_id", V),
        ("email", V),
        ("phone", V),
        ("first_name", V),
        ("last_name", V),
        ("tier", V),
        ("points_balance", INT),
        ("enrollment_date", TS),
        ("last_activity_date", TS),
    ],
    "mobile_app_users": [
        ("app_user_id", V),
        ("device_id", V),
        ("email", V),
        ("phone", V),
        ("push_token", V),
        ("os_type", V),
        ("app_version", V),
        ("first_open_date", TS),
        ("last_active_date", TS),
        ("total_sessions", INT),
    ],
    "pos_transactions": [
        ("pos_transaction_id", V),
        ("store_id", V),
        ("loyalty_id", V),
        ("product_id", V),
        ("quantity", INT),
        ("unit_price", PRICE),
        ("payment_token", V),
        ("transaction_total", TOTAL),
        ("currency", V),
        ("transaction_date", TS),
        ("payment_method", V),
        ("receipt_id", V),
    ],
    "survey_responses": [
        ("response_id", V),
        ("survey_type", V),
        ("email", V),
        ("order_id", V),
        ("product_id", V),
        ("nps_score", INT),
        ("satisfaction_rating", INT),
        ("feedback_text", V),
        ("submitted_at", TS),
        ("completion_time_seconds", INT),
    ],
    "product_reviews": [
        ("review_id", V),
        ("product_id", V),
        ("reviewer_user_id", V),
        ("reviewer_email", V),
        ("reviewer_display_name", V),
        ("rating", INT),
        ("review_title", V),
        ("review_text", V),
        ("verified_purchase", BOOL),
        ("helpful_votes", INT),
        ("submitted_at", TS),
    ],
}

TRUTH_SCHEMAS = {
    "record_person": [
        ("entity_key", V),
        ("table_id", V),
        ("record_key", V),
        ("person_id", "BIGINT"),
        ("anonymous_basket", V),
        ("noise", "VARCHAR[]"),
    ],
}


def schema(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str]]:
    rows = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    return [(name, kind) for name, kind, *_ in rows]


@pytest.mark.parametrize("table", sorted(SPEC_SCHEMAS))
def test_table_schema_is_the_spec(small: Path, con: duckdb.DuckDBPyConnection, table: str) -> None:
    assert schema(con, parquet(small, table)) == SPEC_SCHEMAS[table]


def test_truth_schema(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    assert schema(con, parquet(small, "record_person", "truth")) == TRUTH_SCHEMAS["record_person"]
    persons = dict(schema(con, parquet(small, "persons", "truth")))
    for column in (
        "person_id",
        "region",
        "country_code",
        "locale",
        "first_name",
        "last_name",
        "birth_year",
        "tier",
        "household_id",
        "email",
        "phone_e164",
        "loyalty_id",
        "device_ids",
        "payment_tokens",
        "address_hash",
    ):
        assert column in persons
    assert persons["device_ids"] == "VARCHAR[]"


def test_output_layout(small: Path) -> None:
    files = sorted(p.relative_to(small).as_posix() for p in small.rglob("*") if p.is_file())
    assert files == sorted(
        [f"parquet/{t}.parquet" for t in SPEC_SCHEMAS]
        + ["truth/record_person.parquet", "truth/persons.parquet"]
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
