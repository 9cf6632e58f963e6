"""Noise, edge cases and business realism, measured on generated data (200K records)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from idrgen_duck import idr_metadata, realism
from idrgen_duck.config import RunConfig
from idrgen_duck.plan import make_plan
from tests.conftest import Generate, parquet, scalar

VARIATIONS = tuple(realism.EMAIL_VARIATIONS)
EMAIL_COLUMNS = {
    "crm": ("crm_customers", "customer_id", "email"),
    "ecom": ("ecom_transactions", "transaction_id", "email"),
    "loyalty": ("loyalty_members", "member_id", "email"),
    "mobile": ("mobile_app_users", "app_user_id", "email"),
    "survey": ("survey_responses", "response_id", "email"),
    "review": ("product_reviews", "review_id", "reviewer_email"),
}


@pytest.fixture(scope="module")
def out(generate: Generate) -> Path:
    return generate(scale=200_000, seed=42)


def emails_with_truth(out: Path) -> str:
    """Every email-bearing record: its email, its tags, and its person's own address."""
    parts = [
        f"""SELECT '{t}' AS table_id, s.{col} AS email, t.noise, p.email AS person_email,
                  p.person_id
           FROM {parquet(out, table)} s
           JOIN {parquet(out, "record_person", "truth")} t
             ON t.table_id = '{t}' AND t.record_key = s.{key}
           JOIN {parquet(out, "persons", "truth")} p USING (person_id)"""
        for t, (table, key, col) in EMAIL_COLUMNS.items()
    ]
    return "(" + " UNION ALL ".join(parts) + ")"


def test_email_variation_rate_is_about_five_percent(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    rows = con.execute(
        f"""SELECT table_id,
                   count(*) FILTER (WHERE list_has_any(noise, ?)) AS varied,
                   count(*) AS own
            FROM {emails_with_truth(out)}
            WHERE NOT list_contains(noise, 'email_work') AND email IS NOT NULL
              AND NOT list_has_any(noise, ['email_shared_family', 'email_shared_company',
                                           'email_giant_cluster', 'email_junk', 'disjoint_identity',
                                           'email_placeholder'])
            GROUP BY table_id""",
        [list(VARIATIONS)],
    ).fetchall()
    for table_id, varied, own in rows:
        if own > 2000:  # enough records for a fair rate
            assert 0.03 <= varied / own <= 0.07, (table_id, varied / own)


@pytest.mark.parametrize(
    ("tag", "undo"),
    [
        ("email_case", "lower(email)"),
        ("email_plus_tag", "regexp_replace(email, '\\+[^@]*@', '@')"),
        (
            "email_dot",
            "replace(split_part(email, '@', 1), '.', '') || '@' || split_part(email, '@', 2)",
        ),
        ("email_whitespace", "trim(email)"),
    ],
)
def test_recoverable_variations_undo_to_the_persons_email(
    out: Path, con: duckdb.DuckDBPyConnection, tag: str, undo: str
) -> None:
    target = (
        "person_email"
        if tag != "email_dot"
        else (
            "replace(split_part(person_email, '@', 1), '.', '') || '@' || split_part(person_email, '@', 2)"
        )
    )
    tagged, matching = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {undo} = {target}) "
        f"FROM {emails_with_truth(out)} WHERE list_contains(noise, ?)",
        [tag],
    ).fetchone() or (0, 0)
    assert tagged > 10 and tagged == matching
    if tag == "email_dot":
        assert scalar(
            con,
            f"SELECT bool_and(regexp_matches(person_email, '@(gmail|googlemail)[.]com$')) FROM "
            f"{emails_with_truth(out)} WHERE list_contains(noise, 'email_dot')",
        )


def test_typos_differ_from_the_persons_email(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    for tag, same_part in (("email_typo_domain", 1), ("email_typo_local", 2)):
        tagged, ok = con.execute(
            f"""SELECT count(*), count(*) FILTER (
                    WHERE email <> person_email AND lower(email) <> lower(person_email)
                      AND split_part(email, '@', {same_part}) = split_part(person_email, '@', {same_part}))
                FROM {emails_with_truth(out)} WHERE list_contains(noise, ?)""",
            [tag],
        ).fetchone() or (0, 0)
        assert tagged > 10 and tagged == ok, tag


def test_untagged_emails_are_exactly_the_persons(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    bad = scalar(
        con,
        f"SELECT count(*) FROM {emails_with_truth(out)} WHERE len(noise) = 0 "
        "AND email IS NOT NULL AND email <> person_email",
    )
    assert bad == 0


def test_every_junk_value_is_planted_and_excluded(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    planted_emails = {
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT email FROM {emails_with_truth(out)} WHERE list_contains(noise, 'email_junk')"
        ).fetchall()
    }
    assert planted_emails == set(realism.JUNK_EMAILS)
    phones = " UNION ALL ".join(
        f"SELECT s.phone FROM {parquet(out, table)} s JOIN {parquet(out, 'record_person', 'truth')} t "
        f"ON t.table_id = '{t}' AND t.record_key = s.{key} WHERE list_contains(t.noise, 'phone_junk')"
        for t, (table, key, _) in EMAIL_COLUMNS.items()
        if realism.SOURCE_NOISE[t].phone_styles
    )
    planted_phones = {
        r[0] for r in con.execute(f"SELECT DISTINCT phone FROM ({phones})").fetchall()
    }
    assert planted_phones == set(realism.JUNK_PHONES)
    # after the metadata's normalisation every junk value is NULL or caught by an exclusion
    checks = {"EMAIL": planted_emails, "PHONE": planted_phones}
    for kind, values in checks.items():
        expression = idr_metadata.identifier_expression(kind, "v")
        for value in values:
            normalised = scalar(
                con,
                f"SELECT lower({expression}) FROM (SELECT ? AS v)".replace(
                    "?", "'" + value.replace("'", "''") + "'"
                ),
            )
            if normalised is None:
                continue
            excluded = any(
                e.identifier_type == kind
                and (
                    normalised == e.pattern
                    if e.match_type == "EXACT"
                    else scalar(con, f"SELECT '{normalised}' LIKE '{e.pattern}'")
                )
                for e in idr_metadata.EXCLUSIONS
            )
            assert excluded, (kind, value, normalised)


def test_giant_cluster(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    ecom = parquet(out, "ecom_transactions")
    size = scalar(con, f"SELECT count(*) FROM {ecom} WHERE email = '{realism.GIANT_CLUSTER_EMAIL}'")
    expected = realism.EDGE.giant_cluster_size(200_000)
    assert abs(size - expected) < 4 * expected**0.5  # binomial spread
    persons = scalar(
        con,
        f"""SELECT count(DISTINCT t.person_id) FROM {ecom} e
            JOIN {parquet(out, "record_person", "truth")} t
              ON t.table_id = 'ecom' AND t.record_key = e.transaction_id
            WHERE e.email = '{realism.GIANT_CLUSTER_EMAIL}'""",
    )
    assert persons > 0.8 * size  # many different people, never one


def test_giant_cluster_is_5000_plus_from_1m_and_always_above_the_email_limit() -> None:
    for scale in (1_000_000, 5_000_000, 50_000_000, 1_000_000_000):
        plan = make_plan(RunConfig(scale=scale))
        size = realism.EDGE.giant_cluster_size(scale)
        assert size >= 5_000 + 5 * size**0.5  # expected count, five standard deviations clear
        assert size / plan.records["ecom"] < 0.02  # 1.8% of the lines at 1M, less above
    assert realism.EDGE.giant_cluster_size(500_000) == 2_750  # proportionally smaller below
    for scale in (1_000, 20_000, 100_000, 999_999, 1_000_000, 4_000_000_000):
        limit = realism.email_group_limit(scale)
        assert realism.EDGE.giant_cluster_size(scale) >= 2 * limit
        assert limit == max(50, min(1_000, scale // 1_000))  # the policy reads the size only


def test_shared_identifiers_link_different_persons_of_one_group(
    out: Path, con: duckdb.DuckDBPyConnection
) -> None:
    persons = parquet(out, "persons", "truth")
    family = con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE households = 1)
            FROM (SELECT e.email, count(DISTINCT e.person_id) AS n,
                         count(DISTINCT p.household_id) AS households
                  FROM {emails_with_truth(out)} e JOIN {persons} p USING (person_id)
                  WHERE list_contains(e.noise, 'email_shared_family') GROUP BY e.email)
            WHERE n > 1"""
    ).fetchone()
    assert family is not None and family[0] > 20 and family[0] == family[1]
    company = scalar(
        con,
        f"""SELECT count(*) FROM (SELECT email FROM {emails_with_truth(out)}
            WHERE list_contains(noise, 'email_shared_company')
            GROUP BY email HAVING count(DISTINCT person_id) > 1)""",
    )
    assert company > 5
    for tag, table in (
        ("phone_shared_household", "crm_customers"),
        ("phone_shared_business", "ecom_transactions"),
    ):
        t, key = {
            "crm_customers": ("crm", "customer_id"),
            "ecom_transactions": ("ecom", "transaction_id"),
        }[table]
        shared = scalar(
            con,
            f"""SELECT count(*) FROM (
                    SELECT regexp_replace(s.phone, '[^0-9]', '', 'g') AS digits
                    FROM {parquet(out, table)} s JOIN {parquet(out, "record_person", "truth")} r
                      ON r.table_id = '{t}' AND r.record_key = s.{key}
                    WHERE list_contains(r.noise, '{tag}')
                    GROUP BY digits HAVING count(DISTINCT r.person_id) > 1)""",
        )
        assert shared > 3, tag


def test_disjoint_identities_share_no_identifier(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Records tagged disjoint_identity share no normalised identifier with any other record
    of the same person, so no exact-match engine can join them; the truth still does."""
    values = " UNION ALL ".join(
        f"SELECT '{m.table_id}:' || {key} AS entity_key, '{m.identifier_type}' AS kind, "
        f"lower({m.expression}) AS value FROM {parquet(out, table)}"
        for m in idr_metadata.MAPPINGS
        for table, key in [_table_and_key(m.table_id)]
    )
    truth = parquet(out, "record_person", "truth")
    row = con.execute(
        f"""WITH v AS ({values}),
                 tagged AS (SELECT v.*, t.person_id, list_contains(t.noise, 'disjoint_identity') AS alt
                            FROM v JOIN {truth} t USING (entity_key) WHERE v.value IS NOT NULL)
            SELECT count(DISTINCT a.person_id),
                   count(*) FILTER (WHERE b.entity_key IS NOT NULL)
            FROM tagged a
            LEFT JOIN tagged b ON b.person_id = a.person_id AND NOT b.alt
                              AND b.kind = a.kind AND b.value = a.value
            WHERE a.alt"""
    ).fetchone()
    assert row is not None
    persons, shared = row
    assert persons >= 100 and shared == 0
    in_other_sources = scalar(
        con,
        f"""SELECT count(*) FROM (SELECT person_id FROM {truth} GROUP BY person_id
                                 HAVING bool_or(list_contains(noise, 'disjoint_identity'))
                                    AND count(DISTINCT table_id) >= 2)""",
    )
    assert in_other_sources == persons


def _table_and_key(table_id: str) -> tuple[str, str]:
    from idrgen_duck.plan import SOURCE_BY_ID

    source = SOURCE_BY_ID[table_id]
    return source.table, source.key_column


def test_phones_keep_the_persons_digits(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    table, key = "crm_customers", "customer_id"
    bad, total = con.execute(
        f"""SELECT count(*) FILTER (WHERE NOT ends_with(regexp_replace(s.phone, '[^0-9]', '', 'g'),
                                                         right(p.phone_e164, 8))
                                     OR NOT regexp_full_match(s.phone, '[+0-9 ()\\-]+')),
                   count(*)
            FROM {parquet(out, table)} s
            JOIN {parquet(out, "record_person", "truth")} t ON t.table_id = 'crm' AND t.record_key = s.{key}
            JOIN {parquet(out, "persons", "truth")} p USING (person_id)
            -- AR national forms put 15 inside the number (0342 15-452-1548): tests/test_phones.py
            -- checks that every form, those included, parses back to the person's number
            WHERE s.phone IS NOT NULL AND p.country_code <> 'AR' AND NOT list_has_any(t.noise,
                  ['phone_junk', 'phone_shared_household', 'phone_shared_business',
                   'phone_previous', 'phone_typo'])"""
    ).fetchone() or (1, 0)
    assert total > 1000 and bad == 0


def test_online_orders_keep_retail_time(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    orders = f"(SELECT DISTINCT order_id, order_date FROM {parquet(out, 'ecom_transactions')})"
    weekend = scalar(
        con, f"SELECT avg(CASE WHEN isodow(order_date) >= 6 THEN 1.0 ELSE 0 END) FROM {orders}"
    )
    assert 0.35 <= float(weekend) <= 0.45
    peak, night = con.execute(
        f"""SELECT avg(CASE WHEN hour(order_date) BETWEEN 18 AND 23 THEN 1.0 ELSE 0 END),
                   avg(CASE WHEN hour(order_date) BETWEEN 2 AND 5 THEN 1.0 ELSE 0 END)
            FROM {orders}"""
    ).fetchone() or (0, 1)
    # Worldpay: 44% of online orders at 18-24h; flat hours would give 25% and 17%
    assert 0.38 <= float(peak) <= 0.5 and night < 0.05
    # Nov-Dec per day against the neighbouring Sep-Oct and following Jan-Feb (which bracket
    # the growth of the customer base)
    ratio = scalar(
        con,
        f"""SELECT (count(*) FILTER (WHERE month(order_date) IN (11, 12)) / 61.0)
                   / ((count(*) FILTER (WHERE month(order_date) IN (9, 10)) / 61.0
                      + count(*) FILTER (WHERE month(order_date) IN (1, 2)
                                         AND year(order_date) > 2022) / 59.0) / 2)
            FROM {orders} WHERE order_date >= DATE '2022-09-01' AND order_date < DATE '2025-03-01'""",
    )
    assert 1.1 <= float(ratio) <= 1.6


def test_shipping_addresses_follow_their_tags(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    rows = dict(
        con.execute(
            f"""WITH e AS (
                    SELECT e.shipping_address_hash AS shipped, t.noise, p.address_hash AS own,
                           p.household_id
                    FROM {parquet(out, "ecom_transactions")} e
                    JOIN {parquet(out, "record_person", "truth")} t
                      ON t.table_id = 'ecom' AND t.record_key = e.transaction_id
                    JOIN {parquet(out, "persons", "truth")} p USING (person_id)),
                 households AS (SELECT DISTINCT address_hash, household_id FROM {parquet(out, "persons", "truth")})
                SELECT kind, count(*) FILTER (WHERE NOT ok) FROM (
                    SELECT CASE WHEN list_contains(noise, 'address_gift') THEN 'gift'
                                WHEN list_contains(noise, 'address_variant') THEN 'variant'
                                WHEN list_contains(noise, 'address_moved') THEN 'moved'
                                WHEN list_contains(noise, 'address_second') THEN 'second'
                                ELSE 'own' END AS kind,
                           CASE WHEN list_has_any(noise, ['address_variant', 'address_moved', 'address_gift',
                                                          'address_second'])
                                THEN shipped <> own AND shipped NOT IN (SELECT address_hash FROM households)
                                ELSE shipped = own END AS ok
                    FROM e)
                GROUP BY kind"""
        ).fetchall()
    )
    assert set(rows) == {"gift", "variant", "moved", "second", "own"}
    assert all(bad == 0 for bad in rows.values()), rows


def test_field_defects_at_their_rates(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    crm = parquet(out, "crm_customers")
    nulls, spaced = con.execute(
        f"SELECT avg(CASE WHEN city IS NULL THEN 1.0 ELSE 0 END), "
        f"avg(CASE WHEN city <> trim(city) THEN 1.0 ELSE 0 END) FROM {crm}"
    ).fetchone() or (0, 0)
    assert 0.008 <= nulls <= 0.025 and 0.012 <= spaced <= 0.03
    survey_nulls = scalar(
        con,
        f"SELECT avg(CASE WHEN completion_time_seconds IS NULL THEN 1.0 ELSE 0 END) "
        f"FROM {parquet(out, 'survey_responses')}",
    )
    assert 0.01 <= float(survey_nulls) <= 0.03
