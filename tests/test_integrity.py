"""Keys, references, counts, timestamps and truth coverage of a small output."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from idrgen_duck.config import RunConfig
from idrgen_duck.plan import SOURCES, make_plan
from tests.conftest import Generate, parquet, scalar

PRIMARY_KEYS = {"products": "product_id", **{s.table: s.key_column for s in SOURCES}}


@pytest.mark.parametrize("table", sorted(PRIMARY_KEYS))
def test_primary_keys_are_unique_and_present(
    small: Path, con: duckdb.DuckDBPyConnection, table: str
) -> None:
    key = PRIMARY_KEYS[table]
    rows, distinct, nulls = con.execute(
        f"SELECT count(*), count(DISTINCT {key}), count(*) - count({key}) "
        f"FROM {parquet(small, table)}"
    ).fetchone() or (0, 0, 0)
    assert rows > 0 and distinct == rows and nulls == 0


def test_record_counts_are_exact(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    plan = make_plan(RunConfig(scale=20_000))
    for source in SOURCES:
        rows = scalar(con, f"SELECT count(*) FROM {parquet(small, source.table)}")
        assert rows == plan.records[source.table_id], source.table
    assert scalar(con, f"SELECT count(*) FROM {parquet(small, 'products')}") == plan.products
    assert scalar(con, f"SELECT count(*) FROM {parquet(small, 'persons', 'truth')}") == 4_000


def test_loyalty_ids_are_unique_cards(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    members = parquet(small, "loyalty_members")
    assert scalar(con, f"SELECT count(DISTINCT loyalty_id) = count(*) FROM {members}")
    # 13 digits with a valid Luhn check digit
    bad = scalar(
        con,
        f"""SELECT count(*) FROM {members}
            WHERE NOT regexp_full_match(loyalty_id, '[67][0-9]{{12}}')
               OR (SELECT sum(CASE WHEN (14 - i) % 2 = 0
                                   THEN (2 * d) // 10 + (2 * d) % 10 ELSE d END)
                   FROM (SELECT i, CAST(loyalty_id[i] AS INTEGER) AS d FROM range(1, 14) r(i)))
                  % 10 <> 0""",
    )
    assert bad == 0


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("ecom_transactions", "product_id"),
        ("pos_transactions", "product_id"),
        ("survey_responses", "product_id"),
        ("product_reviews", "product_id"),
    ],
)
def test_every_product_exists(
    small: Path, con: duckdb.DuckDBPyConnection, table: str, column: str
) -> None:
    orphans = scalar(
        con,
        f"SELECT count(*) FROM {parquet(small, table)} t "
        f"ANTI JOIN {parquet(small, 'products')} p ON p.product_id = t.{column} "
        f"WHERE t.{column} IS NOT NULL",
    )
    assert orphans == 0


def test_survey_orders_exist_and_precede_the_survey(
    small: Path, con: duckdb.DuckDBPyConnection
) -> None:
    surveys, ecom = parquet(small, "survey_responses"), parquet(small, "ecom_transactions")
    linked = scalar(con, f"SELECT count(order_id) FROM {surveys}")
    assert linked > 0
    orphans = scalar(
        con,
        f"SELECT count(*) FROM {surveys} s ANTI JOIN {ecom} e USING (order_id) "
        "WHERE s.order_id IS NOT NULL",
    )
    assert orphans == 0
    before = scalar(
        con,
        f"SELECT count(*) FROM {surveys} s JOIN (SELECT DISTINCT order_id, order_date "
        f"FROM {ecom}) e USING (order_id) WHERE s.submitted_at < e.order_date",
    )
    assert before == 0
    # the survey is about the respondent's own order (same true person)
    truth = parquet(small, "record_person", "truth")
    foreign = scalar(
        con,
        f"""SELECT count(*) FROM {surveys} s
            JOIN {truth} ts ON ts.table_id = 'survey' AND ts.record_key = s.response_id
            JOIN {ecom} e USING (order_id)
            JOIN {truth} te ON te.table_id = 'ecom' AND te.record_key = e.transaction_id
            WHERE ts.person_id <> te.person_id""",
    )
    assert foreign == 0


def test_orders_and_baskets_are_consistent(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    for table, group, total, date in (
        ("ecom_transactions", "order_id", "order_total", "order_date"),
        ("pos_transactions", "receipt_id", "transaction_total", "transaction_date"),
    ):
        bad = scalar(
            con,
            f"""SELECT count(*) FROM (
                    SELECT {group}, sum(quantity * unit_price) AS lines,
                           count(DISTINCT {total}) AS totals, any_value({total}) AS total,
                           count(DISTINCT {date}) AS dates
                    FROM {parquet(small, table)} GROUP BY {group})
                WHERE totals <> 1 OR dates <> 1 OR lines <> total""",
        )
        assert bad == 0, table
    multi_line = scalar(
        con,
        f"SELECT count(*) FROM (SELECT order_id FROM {parquet(small, 'ecom_transactions')} "
        "GROUP BY order_id HAVING count(*) > 1)",
    )
    assert multi_line > 0


def test_unit_prices_are_product_prices(small: Path, con: duckdb.DuckDBPyConnection) -> None:
    """A dollar line costs the product's list price; in any currency, one product has one
    price (tests/test_money_time.py checks the conversion)."""
    for table in ("ecom_transactions", "pos_transactions"):
        dollars, bad = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE t.unit_price <> p.price)
                FROM {parquet(small, table)} t JOIN {parquet(small, "products")} p USING (product_id)
                WHERE t.currency = 'USD'"""
        ).fetchone() or (0, 1)
        assert dollars > 100 and bad == 0, table
        prices = scalar(
            con,
            f"""SELECT count(*) FROM (SELECT product_id, currency FROM {parquet(small, table)}
                                      GROUP BY ALL HAVING count(DISTINCT unit_price) > 1)""",
        )
        assert prices == 0, table


@pytest.mark.parametrize(
    ("table", "earlier", "later"),
    [
        ("crm_customers", "created_at", "updated_at"),
        ("loyalty_members", "enrollment_date", "last_activity_date"),
        ("mobile_app_users", "first_open_date", "last_active_date"),
    ],
)
def test_timestamps_are_ordered(
    small: Path, con: duckdb.DuckDBPyConnection, table: str, earlier: str, later: str
) -> None:
    bad = scalar(con, f"SELECT count(*) FROM {parquet(small, table)} WHERE {earlier} > {later}")
    assert bad == 0


def test_verified_reviews_follow_a_purchase_of_that_product(
    small: Path, con: duckdb.DuckDBPyConnection
) -> None:
    reviews, ecom = parquet(small, "product_reviews"), parquet(small, "ecom_transactions")
    verified = scalar(con, f"SELECT count(*) FROM {reviews} WHERE verified_purchase")
    assert verified > 0
    unexplained = scalar(
        con,
        f"""SELECT count(*) FROM {reviews} r WHERE r.verified_purchase AND NOT EXISTS (
                SELECT 1 FROM {ecom} e
                WHERE e.user_id = r.reviewer_user_id AND e.product_id = r.product_id
                  AND e.order_date <= r.submitted_at)
            AND r.reviewer_user_id IS NOT NULL""",
    )
    assert unexplained == 0


def test_truth_covers_every_record_exactly_once(
    small: Path, con: duckdb.DuckDBPyConnection
) -> None:
    truth = parquet(small, "record_person", "truth")
    assert scalar(con, f"SELECT count(DISTINCT entity_key) = count(*) FROM {truth}")
    for source in SOURCES:
        keys = f"SELECT {source.key_column} AS k FROM {parquet(small, source.table)}"
        mine = f"SELECT record_key AS k FROM {truth} WHERE table_id = '{source.table_id}'"
        missing = scalar(con, f"SELECT count(*) FROM (({keys}) EXCEPT ({mine}))")
        extra = scalar(con, f"SELECT count(*) FROM (({mine}) EXCEPT ({keys}))")
        assert (missing, extra) == (0, 0), source.table_id
    assert (
        scalar(
            con, f"SELECT count(*) FROM {truth} WHERE entity_key <> table_id || ':' || record_key"
        )
        == 0
    )
    # only anonymous POS lines lack a person
    assert (
        scalar(con, f"SELECT count(*) FROM {truth} WHERE person_id IS NULL AND table_id <> 'pos'")
        == 0
    )


def test_noise_tags_are_sorted_without_repeats(
    generate: Generate, con: duckdb.DuckDBPyConnection
) -> None:
    """The truth's tag lists are canonical (sorted, distinct) by construction: no list is
    sorted at run time, so the order the tags are built in must keep them so, in every
    source, with several tags on one record and with disjoint identities."""
    truth = parquet(generate(scale=200_000, seed=42), "record_person", "truth")
    unsorted, multi, disjoint = (
        con.execute(
            f"""SELECT count(*) FILTER (WHERE noise <> list_sort(list_distinct(noise))),
                   count(*) FILTER (WHERE len(noise) > 1),
                   count(*) FILTER (WHERE list_contains(noise, 'disjoint_identity'))
            FROM {truth}"""
        ).fetchone()
        or ()
    )
    assert unsorted == 0
    assert multi > 10_000 and disjoint > 100  # the cases that could go wrong do occur
