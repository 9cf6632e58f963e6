from __future__ import annotations

import math

import pytest

from idrgen_duck.config import RunConfig
from idrgen_duck.plan import (
    SOURCE_COUNT_SHARES,
    SOURCES,
    TIER_OF_COUNT,
    TIER_TARGETS,
    calibrate,
    inclusion_probabilities,
    make_plan,
    split_records,
)


def test_spec_counts_at_50m() -> None:
    plan = make_plan(RunConfig(scale=50_000_000))
    assert plan.records == {
        "crm": 8_000_000,
        "ecom": 15_000_000,
        "loyalty": 6_000_000,
        "mobile": 10_000_000,
        "pos": 8_000_000,
        "survey": 2_000_000,
        "review": 1_000_000,
    }
    assert plan.persons == 10_000_000
    assert plan.products == 50_000


@pytest.mark.parametrize("scale", [1_000, 1_234_567, 20_001, 99_999, 50_000_000])
def test_split_is_exact_and_close_to_shares(scale: int) -> None:
    counts = split_records(scale)
    assert sum(counts.values()) == scale
    for source in SOURCES:
        assert abs(counts[source.table_id] - scale * source.share) < 1


def test_products_have_a_floor() -> None:
    assert make_plan(RunConfig(scale=20_000)).products == 500


def test_tier_shares_come_from_source_counts() -> None:
    tiers: dict[str, float] = {}
    for count, share in SOURCE_COUNT_SHARES.items():
        tiers[TIER_OF_COUNT[count]] = tiers.get(TIER_OF_COUNT[count], 0) + share
    assert tiers == pytest.approx(TIER_TARGETS)
    assert 4 not in SOURCE_COUNT_SHARES  # the spec's tiers leave no one in exactly 4 sources


def test_inclusion_probabilities_sum_to_draws() -> None:
    weights = (0.5, 0.1, 0.2, 0.05, 0.1, 0.05)
    for draws in range(7):
        assert math.isclose(sum(inclusion_probabilities(weights, draws)), draws)
    # equal weights: every item equally likely
    assert inclusion_probabilities((1.0,) * 6, 2) == pytest.approx((2 / 6,) * 6)


def test_calibration_hits_every_overlap() -> None:
    calibration = calibrate()
    for source in SOURCES:
        if source.crm_overlap is None:
            continue
        wanted = source.crm_overlap / (0.4 if source.table_id == "pos" else 1)
        assert calibration.expected_overlap[source.table_id] == pytest.approx(wanted, abs=0.002)
    # every source keeps fewer persons than records, so each member gets a record
    plan = make_plan(RunConfig(scale=1_000_000))
    for source in SOURCES:
        records = (
            plan.pos_attributable if source.table_id == "pos" else plan.records[source.table_id]
        )
        persons = calibration.expected_persons[source.table_id] * plan.persons
        assert persons < 0.97 * records, source.table_id
