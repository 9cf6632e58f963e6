"""Scores from the contingency table, on hand-built partitions with known answers, and the
exact-match reference on hand-built data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from idrgen_duck.evaluate import reference, score
from idrgen_duck.idr_metadata import MAPPINGS
from idrgen_duck.plan import SOURCES

# 6 records: person 1 has a, b, c; person 2 has d, e; f is anonymous (no person)
TRUTH = (
    "SELECT *, CAST(NULL AS VARCHAR) AS anonymous_basket FROM (VALUES ('a', 1), ('b', 1), "
    "('c', 1), ('d', 2), ('e', 2), ('f', NULL)) t(entity_key, person_id)"
)


def membership(pairs: list[tuple[str, str]]) -> str:
    if not pairs:
        return "SELECT 'none' AS entity_key, 'none' AS cluster_id WHERE false"
    rows = ", ".join(f"('{k}', '{c}')" for k, c in pairs)
    return f"SELECT * FROM (VALUES {rows}) m(entity_key, cluster_id)"


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def test_perfect(con: duckdb.DuckDBPyConnection) -> None:
    s = score(
        con,
        TRUTH,
        membership([("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"), ("e", "2"), ("f", "3")]),
    )
    assert (s.pairwise_precision, s.pairwise_recall, s.bcubed_precision, s.bcubed_recall) == (
        1,
        1,
        1,
        1,
    )
    assert (s.true_clusters, s.predicted_clusters, s.largest_predicted_cluster) == (3, 3, 3)
    assert s.unattributed_records == 1


def test_all_singletons(con: duckdb.DuckDBPyConnection) -> None:
    s = score(con, TRUTH, membership([]))  # nothing resolved: every record alone
    assert s.pairwise_precision == 1 and s.pairwise_recall == 0 and s.pairwise_f1 == 0
    assert s.bcubed_precision == 1
    assert s.bcubed_recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6)
    assert s.predicted_clusters == 6


def test_everything_merged(con: duckdb.DuckDBPyConnection) -> None:
    s = score(con, TRUTH, membership([(k, "x") for k in "abcdef"]))
    assert s.pairwise_recall == 1
    assert s.pairwise_precision == pytest.approx(4 / 15)  # 3 + 1 true pairs of 15
    assert s.bcubed_recall == 1
    assert s.bcubed_precision == pytest.approx((3 * 3 / 6 + 2 * 2 / 6 + 1 / 6) / 6)
    assert s.largest_predicted_cluster == 6


def test_an_anonymous_basket_is_one_unknown_person(con: duckdb.DuckDBPyConnection) -> None:
    # g and h: two anonymous lines of one basket (paid with one card); i: another basket
    truth = (
        "SELECT * FROM (VALUES ('a', 1, NULL), ('g', NULL, 'RCP-1'), ('h', NULL, 'RCP-1'), "
        "('i', NULL, 'RCP-2')) t(entity_key, person_id, anonymous_basket)"
    )
    s = score(con, truth, membership([("a", "1"), ("g", "2"), ("h", "2"), ("i", "3")]))
    assert (s.pairwise_precision, s.pairwise_recall, s.bcubed_f1) == (1, 1, 1)
    assert s.true_clusters == 3 and s.unattributed_records == 3
    apart = score(con, truth, membership([("a", "1"), ("g", "2"), ("h", "3"), ("i", "3")]))
    assert apart.pairwise_recall == 0 and apart.pairwise_precision == 0


def test_one_split(con: duckdb.DuckDBPyConnection) -> None:
    s = score(con, TRUTH, membership([("a", "1"), ("b", "1"), ("c", "9"), ("d", "2"), ("e", "2")]))
    assert s.pairwise_precision == 1
    assert s.pairwise_recall == pytest.approx(2 / 4)  # kept a-b and d-e of a-b, a-c, b-c, d-e
    assert s.bcubed_recall == pytest.approx((2 * (2 / 3) + 1 / 3 + 2 * 1 + 1) / 6)


def test_one_wrong_merge(con: duckdb.DuckDBPyConnection) -> None:
    s = score(
        con,
        TRUTH,
        membership([("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"), ("e", "2"), ("f", "2")]),
    )
    assert s.pairwise_recall == 1
    assert s.pairwise_precision == pytest.approx(4 / 6)  # d-f and e-f are wrong
    assert s.bcubed_precision == pytest.approx((3 * 1 + 2 * (2 / 3) + 1 / 3) / 6)


def make_output(root: Path, ecom_email: str) -> Path:
    """A tiny output folder: person 1 in crm/ecom/loyalty, person 2 in crm/mobile/pos, and an
    anonymous POS line. Only the columns the metadata maps are present."""
    records = {
        "crm": [
            ("C1", {"email": "a@x.com", "phone": "+1 202-555-0101", "loyalty_id": "L1"}, 1),
            ("C2", {"email": "b@y.com", "phone": None, "loyalty_id": "L2"}, 2),
        ],
        "ecom": [
            (
                "T1",
                {
                    "email": ecom_email,
                    "phone": "",
                    "payment_token": "tok1",
                    "shipping_address_hash": None,
                },
                1,
            )
        ],
        "loyalty": [("M1", {"loyalty_id": "L1", "email": None, "phone": "12025550101"}, 1)],
        "mobile": [("A2", {"device_id": "D2", "email": "B@Y.com", "phone": None}, 2)],
        "pos": [
            ("S2", {"loyalty_id": "L2", "payment_token": None}, 2),
            ("S3", {"loyalty_id": None, "payment_token": None}, None),
        ],
        "survey": [],
        "review": [],
    }
    con = duckdb.connect()
    (root / "parquet").mkdir(parents=True)
    (root / "truth").mkdir()
    truth_rows = []
    for source in SOURCES:
        columns = [m.expression for m in MAPPINGS if m.table_id == source.table_id]
        names = sorted({m.column for m in MAPPINGS if m.table_id == source.table_id})
        rows = records[source.table_id]
        select = ", ".join(f"CAST(NULL AS VARCHAR) AS {n}" for n in [source.key_column, *names])
        values = (
            " UNION ALL ".join(
                "SELECT "
                + ", ".join(
                    [f"'{key}' AS {source.key_column}"]
                    + [f"{_lit(row.get(n))} AS {n}" for n in names]
                )
                for key, row, _ in rows
            )
            or f"SELECT {select} WHERE false"
        )
        assert columns
        con.execute(f"COPY ({values}) TO '{root}/parquet/{source.table}.parquet' (FORMAT parquet)")
        truth_rows += [(f"{source.table_id}:{key}", person) for key, _, person in rows]
    values = ", ".join(f"('{k}', {p if p is not None else 'NULL'})" for k, p in truth_rows)
    con.execute(
        f"COPY (SELECT entity_key, CAST(person_id AS BIGINT) AS person_id FROM (VALUES {values}) "
        f"t(entity_key, person_id)) TO '{root}/truth/record_person.parquet' (FORMAT parquet)"
    )
    return root


def _lit(value: str | None) -> str:
    return "CAST(NULL AS VARCHAR)" if value is None else "'" + value.replace("'", "''") + "'"


def test_reference_is_the_truth_without_noise(tmp_path: Path) -> None:
    out = make_output(tmp_path / "clean", ecom_email=" A@X.com")  # case and spaces normalise
    s = reference(out)
    assert (s.pairwise_precision, s.pairwise_recall, s.bcubed_f1) == (1, 1, 1)
    assert s.predicted_clusters == 3


def test_reference_shows_what_noise_costs(tmp_path: Path) -> None:
    out = make_output(tmp_path / "typo", ecom_email="a@xx.com")  # a typo no rule undoes
    s = reference(out)
    assert s.pairwise_precision == 1 and s.pairwise_recall < 1
    assert s.predicted_clusters == 4
