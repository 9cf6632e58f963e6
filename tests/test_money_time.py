"""Money and time that hold together, measured on generated data (200K records): prices in
each currency's own price points, nothing sold or reviewed before its launch, no loyalty card
used before it was issued, stores in countries, cash as each country pays, sign-ups at the
hours people sign up, app sessions that fit the time a user kept the app, a customer base from
the first day, and texts in the customer's language."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from idrgen_duck import realism, resources
from tests.conftest import Generate, parquet, scalar


@pytest.fixture(scope="module")
def out(generate: Generate) -> Path:
    return generate(scale=200_000, seed=42)


def currencies() -> dict[str, dict[str, str]]:
    with (resources.seeds_dir() / "currencies.csv").open(encoding="utf-8") as handle:
        return {row["currency"]: row for row in csv.DictReader(handle)}


def test_prices_are_in_the_currency_at_its_price_points(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    lines = f"""(SELECT e.currency, e.unit_price, p.price AS usd_price
                 FROM {parquet(out, "ecom_transactions")} e
                 JOIN {parquet(out, "products")} p USING (product_id)
                 UNION ALL
                 SELECT s.currency, s.unit_price, p.price
                 FROM {parquet(out, "pos_transactions")} s
                 JOIN {parquet(out, "products")} p USING (product_id))"""
    for code, c in currencies().items():
        rate = float(c["usd_rate"])
        unit = 10 ** -int(c["minor_units"])
        step, charm = int(c["price_step"]) * unit, int(c["price_charm"]) * unit
        # the dollar price at the fixed rate (in whole hundredths), rounded up to the next price
        # point (a multiple of the step, less the charm), never below the lowest price point
        rows, off_point, off_rate = con.execute(
            f"""SELECT count(*),
                       count(*) FILTER (WHERE (unit_price + {charm}) % {step} <> 0),
                       count(*) FILTER (WHERE unit_price > greatest(usd_price * {rate}, {step - charm})
                                                           + {step}
                                           OR unit_price < usd_price * {rate} - {charm} - 0.01)
                FROM {lines} WHERE currency = '{code}'"""
        ).fetchone() or (0, 1, 1)
        assert rows > 100 and off_point == 0 and off_rate == 0, (code, rows, off_point, off_rate)
    # currencies without minor units have whole prices
    fractional = scalar(
        con,
        f"""SELECT count(*) FROM {parquet(out, "ecom_transactions")}
            WHERE currency IN ('JPY', 'KRW', 'CLP') AND unit_price <> round(unit_price)""",
    )
    assert fractional == 0


def test_order_totals_add_up_in_their_currency(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    bad = scalar(
        con,
        f"""SELECT count(*) FROM (
                SELECT order_id, any_value(order_total) AS total, sum(quantity * unit_price) AS sum,
                       count(DISTINCT currency) AS currencies
                FROM {parquet(out, "ecom_transactions")} GROUP BY order_id)
            WHERE total <> sum OR currencies <> 1""",
    )
    assert bad == 0


def test_nothing_is_sold_or_reviewed_before_its_launch(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    products = parquet(out, "products")
    for table, column in (
        ("ecom_transactions", "order_date"),
        ("pos_transactions", "transaction_date"),
        ("product_reviews", "submitted_at"),
        ("survey_responses", "submitted_at"),
    ):
        total, early = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE CAST(t.{column} AS DATE) < p.launch_date)
                FROM {parquet(out, table)} t JOIN {products} p USING (product_id)"""
        ).fetchone() or (0, 1)
        assert total > 1000 and early == 0, table
    # launches spread over the catalogue's life: classics before the history, new ones during it
    before, during = con.execute(
        f"""SELECT count(*) FILTER (WHERE launch_date < DATE '2021-01-01'),
                   count(*) FILTER (WHERE launch_date >= DATE '2021-01-01') FROM {products}"""
    ).fetchone() or (0, 0)
    assert 0.3 <= before / (before + during) <= 0.5


def test_no_card_is_scanned_before_it_was_issued(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    total, early = con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE s.transaction_date < m.enrollment_date)
            FROM {parquet(out, "pos_transactions")} s
            JOIN {parquet(out, "loyalty_members")} m USING (loyalty_id)"""
    ).fetchone() or (0, 1)
    assert total > 1000 and early == 0


def test_stores_belong_to_countries_and_people_shop_at_home(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    carded = f"""(SELECT s.store_id, s.currency, p.country_code, p.currency AS home_currency
                  FROM {parquet(out, "pos_transactions")} s
                  JOIN {parquet(out, "record_person", "truth")} t
                    ON t.table_id = 'pos' AND t.record_key = s.pos_transaction_id
                  JOIN {parquet(out, "persons", "truth")} p USING (person_id))"""
    abroad, one_currency = con.execute(
        f"""SELECT avg(CASE WHEN split_part(store_id, '-', 2) <> country_code THEN 1.0 ELSE 0 END),
                   bool_and(currency = home_currency OR split_part(store_id, '-', 2) <> country_code)
            FROM {carded}"""
    ).fetchone() or (1, False)
    assert 0.005 <= float(abroad) <= 0.05  # travel: realism.TRAVEL_SHARE, 2% of baskets
    assert one_currency  # at home, a store sells in the customer's currency
    stores = scalar(
        con,
        f"""SELECT count(*) FROM (SELECT store_id, count(DISTINCT currency) AS n
                                  FROM {parquet(out, "pos_transactions")} GROUP BY 1) WHERE n > 1""",
    )
    assert stores == 0  # a store sells in one currency
    countries = scalar(
        con,
        f"SELECT count(DISTINCT split_part(store_id, '-', 2)) FROM {parquet(out, 'pos_transactions')}",
    )
    assert countries == 20


def test_cash_share_follows_the_country(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    baskets = f"""(SELECT DISTINCT s.receipt_id, s.payment_method, p.country_code
                   FROM {parquet(out, "pos_transactions")} s
                   JOIN {parquet(out, "record_person", "truth")} t
                     ON t.table_id = 'pos' AND t.record_key = s.pos_transaction_id
                   JOIN {parquet(out, "persons", "truth")} p USING (person_id))"""
    rows = con.execute(
        f"""SELECT country_code, count(*), avg(CASE WHEN payment_method = 'cash' THEN 1.0 ELSE 0 END)
            FROM {baskets} GROUP BY 1"""
    ).fetchall()
    assert len(rows) == 20
    for country, n, share in rows:
        expected = realism.CASH_SHARE[country]
        margin = 3 * (expected * (1 - expected) / n) ** 0.5 + 0.01
        assert abs(float(share) - expected) <= margin, (country, n, share, expected)


def test_sign_ups_follow_the_hours_people_shop_online(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    hours = dict(
        con.execute(
            f"""SELECT hour(created_at), count(*) / sum(count(*)) OVER ()
                FROM {parquet(out, "crm_customers")} GROUP BY 1"""
        ).fetchall()
    )
    evening = sum(float(hours[h]) for h in range(18, 24))
    night = sum(float(hours[h]) for h in range(2, 6))
    assert evening >= 0.35 and night <= 0.06  # flat hours would give 0.25 and 0.17


def test_app_sessions_fit_the_time_the_app_was_kept(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    long_single, per_week = con.execute(
        f"""SELECT count(*) FILTER (WHERE total_sessions = 1
                                     AND last_active_date - first_open_date > INTERVAL 180 DAY),
                   median(total_sessions / greatest(date_diff('day', first_open_date, last_active_date), 7) * 7)
            FROM {parquet(out, "mobile_app_users")}"""
    ).fetchone() or (1, 0)
    assert long_single == 0
    assert 0.6 <= float(per_week) <= 2.5  # realism.APP_SESSIONS_PER_WEEK_MEDIAN, 1.2


def test_a_customer_base_exists_from_the_first_month(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    months = dict(
        con.execute(
            f"""SELECT strftime(order_date, '%Y-%m'), count(DISTINCT order_id)
                FROM {parquet(out, "ecom_transactions")} GROUP BY 1"""
        ).fetchall()
    )
    # February against October (no season in either), first year against last
    growth = months["2025-02"] / months["2021-02"]
    assert 1.2 <= growth <= 3.0  # was ~500x when every customer's history began at sign-up
    established = scalar(
        con,
        f"""SELECT avg(CASE WHEN customer_since < TIMESTAMP '2021-01-01' THEN 1.0 ELSE 0 END)
            FROM {parquet(out, "persons", "truth")}""",
    )
    assert abs(float(established) - realism.ESTABLISHED_SHARE) < 0.01


def test_texts_are_in_the_customers_language(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    seeds = resources.seeds_dir()
    for table_id, table, column, phrases, key in (
        ("review", "product_reviews", "review_text", "review_phrases.csv", "review_id"),
        ("survey", "survey_responses", "feedback_text", "survey_phrases.csv", "response_id"),
    ):
        known = f"read_csv('{(seeds / phrases).as_posix()}', all_varchar = true)"
        wrong, total, languages = con.execute(
            f"""WITH written AS (
                    SELECT s.{column} AS phrase, left(p.locale, 2) AS language
                    FROM {parquet(out, table)} s
                    JOIN {parquet(out, "record_person", "truth")} t
                      ON t.table_id = '{table_id}' AND t.record_key = s.{key}
                    JOIN {parquet(out, "persons", "truth")} p USING (person_id)
                    WHERE s.{column} IS NOT NULL)
                SELECT count(*) FILTER (WHERE NOT EXISTS (
                           SELECT 1 FROM {known} k
                           WHERE k.language = w.language AND k.phrase = w.phrase)),
                       count(*), count(DISTINCT w.language)
                FROM written AS w"""
        ).fetchone() or (1, 0, 0)
        assert total > 1000 and wrong == 0 and languages == 12, table
