from __future__ import annotations

import itertools
import os

import pytest

from idrgen_duck.config import (
    ConfigError,
    RunConfig,
    capped_workers,
    format_scale,
    parse_scale,
    parse_seed,
    parse_workers,
)
from idrgen_duck.plan import PERSON_ROW_BYTES, make_plan


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("50M", 50_000_000),
        ("500K", 500_000),
        ("1.5M", 1_500_000),
        ("1B", 1_000_000_000),
        ("4B", 4_000_000_000),
        ("20000", 20_000),
    ],
)
def test_scale_forms(text: str, records: int) -> None:
    assert parse_scale(text) == records


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "abc",
        "5X",
        "1.5",
        "",
        "999",
        "1.2345K",
        "5 M",  # no spaces inside a count
        " 2K ",  # nor around it
        "1m",  # lower case: m reads as milli
        "4000000001",  # above the maximum
        "10000B",
        "99999999999999999999",
    ],
)
def test_bad_scales_are_config_errors(text: str) -> None:
    with pytest.raises(ConfigError, match="--scale"):
        parse_scale(text)


def test_zero_is_the_schema_only() -> None:
    assert parse_scale("0") == 0
    with pytest.raises(ConfigError, match="0 writes the schema only"):
        parse_scale("1")


def test_format_scale_round_trips() -> None:
    for records in (50_000_000, 1_500_000, 20_000, 1_000_000_000, 12_345):
        assert parse_scale(format_scale(records)) == records


@pytest.mark.parametrize("text", ["0", "-1", "two", "1.5", " 2", "+3"])
def test_bad_workers(text: str) -> None:
    with pytest.raises(ConfigError, match="--workers"):
        parse_workers(text)


def test_workers_default_is_every_core() -> None:
    assert parse_workers(None) == 0
    assert parse_workers("3") == 3


def test_workers_above_the_cores_are_capped_with_a_notice() -> None:
    cores = os.cpu_count() or 1
    assert capped_workers(cores) == (cores, None)
    threads, notice = capped_workers(cores + 1)
    assert threads == cores and notice is not None and f"using {cores}" in notice


@pytest.mark.parametrize("text", ["-1", "4294967296", "x"])
def test_bad_seeds(text: str) -> None:
    with pytest.raises(ConfigError, match="--seed"):
        parse_seed(text)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [("3GB", 3 * 10**9), ("300MB", 3 * 10**8), ("1.5GiB", 3 * 2**29), ("512kib", 2**19)],
)
def test_memory_limit_is_read_as_duckdb_reads_it(limit: str, expected: int) -> None:
    assert RunConfig(memory_limit=limit).memory_limit_bytes == expected


@pytest.mark.parametrize("limit", ["3 GB", " 3GB", "lots", "3XB", ""])
def test_memory_limits_are_strict(limit: str) -> None:
    with pytest.raises(ConfigError, match="--memory-limit"):
        RunConfig(memory_limit=limit)


def test_persons_stay_in_memory_only_while_they_fit() -> None:
    assert make_plan(RunConfig(scale=1_000_000)).persons_in_memory
    assert not make_plan(RunConfig(scale=50_000_000)).persons_in_memory
    assert not make_plan(RunConfig(scale=1_000_000, memory_limit="200MB")).persons_in_memory


@pytest.mark.parametrize(
    ("scale", "limit", "ranges"),
    [("1M", "3GB", 1), ("50M", "3GB", 8), ("100M", "3GB", 16), ("50M", "12GB", 2)],
)
def test_persons_are_built_in_ranges_that_fit_in_memory(
    scale: str, limit: str, ranges: int
) -> None:
    plan = make_plan(RunConfig(scale=parse_scale(scale), memory_limit=limit))
    bounds = plan.person_ranges
    assert len(bounds) == ranges
    # contiguous, in order, covering every person exactly once
    assert bounds[0][0] == 0 and bounds[-1][1] == plan.persons
    assert all(hi == next_lo for (_, hi), (next_lo, _) in itertools.pairwise(bounds))
    assert all(
        (hi - lo) * PERSON_ROW_BYTES <= plan.config.memory_limit_bytes // 2
        or plan.persons_in_memory
        for lo, hi in bounds
    )
