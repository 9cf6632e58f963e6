"""The run's parameters, parsed and checked once, as one typed object."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from idrgen_duck.realism import DEFAULT_DIFFICULTY, DIFFICULTIES

DEFAULT_SCALE = 50_000_000
DEFAULT_SEED = 42
# Seeds are mixed as 32-bit integers by the random macro, so they must fit in 32 bits.
MAX_SEED = 2**32 - 1

# Strict forms only: no spaces, upper-case suffixes (a lower-case 'm' could be read as milli).
_SCALE_RE = re.compile(r"^(\d+(?:\.\d+)?)([KMB]?)$")
_SUFFIX = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
_MEMORY_RE = re.compile(r"^(\d+(?:\.\d+)?)(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)
# as DuckDB reads them: KB = 1000 bytes, KiB = 1024
_MEMORY_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12} | {
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}

ENGINES = ("duckdb", "spark")
# Smallest scale that still gives every source, tier and edge case at least a few records.
MIN_SCALE = 1_000
SCHEMA_ONLY = 0  # --scale 0: every table written empty, with its types
# Largest scale: every random key (record numbers, person ids times their 4 device and card
# slots) stays below 2^32, where the random function gives distinct keys distinct streams, and
# primary keys keep their 10 digits. 4B records are 800M persons: keys up to 3.2 x 10^9.
MAX_SCALE = 4_000_000_000


class ConfigError(ValueError):
    """A user-supplied value is invalid; the CLI prints the message as one line, exit code 2."""


def parse_scale(text: str | int) -> int:
    """'50M', '1.5M', '500K', '1B' or a plain integer -> total records across the 7 sources."""
    if isinstance(text, int):
        value = text
    else:
        match = _SCALE_RE.match(text)
        if not match:
            raise ConfigError(
                f"--scale: {text!r} is not a record count; write it without spaces, "
                "as 50M, 1.5M, 500K, 1B or 20000"
            )
        number, suffix = match.groups()
        # exact decimal arithmetic: a float would round '1.0000001B' and huge inputs
        scaled = Decimal(number) * _SUFFIX[suffix]
        if scaled != scaled.to_integral_value():
            raise ConfigError(f"--scale: {text!r} is not a whole number of records")
        value = int(scaled)
    if 0 < value < MIN_SCALE:
        raise ConfigError(
            f"--scale: {text!r} is below the minimum of {MIN_SCALE:,} records "
            "(0 writes the schema only)"
        )
    if value > MAX_SCALE:
        raise ConfigError(
            f"--scale: {text!r} is above the maximum of {format_scale(MAX_SCALE)} records "
            "(README: Limits)"
        )
    return value


def format_scale(records: int) -> str:
    """Short human form of a record count (50000000 -> '50M')."""
    if records == 0:
        return "0"
    for suffix, unit in (("B", 10**9), ("M", 10**6), ("K", 10**3)):
        if records % unit == 0:
            return f"{records // unit}{suffix}"
    return str(records)


@dataclass(frozen=True)
class RunConfig:
    """Everything that decides what a run writes and how it runs."""

    scale: int = DEFAULT_SCALE
    seed: int = DEFAULT_SEED
    output_dir: Path = Path("output")
    workers: int = 0  # 0 = every core
    # DuckDB's ceiling: above it DuckDB spills to temp_dir, so a larger scale gets slower
    # instead of running out of memory. Peak RSS of the process stays a little above it.
    memory_limit: str = "3GB"
    temp_dir: Path | None = None
    engine: str = "duckdb"  # what generates: "duckdb", or "spark" (local, or spark_master)
    spark_master: str | None = None
    # how much identities change over the history (realism.DIFFICULTY)
    difficulty: str = DEFAULT_DIFFICULTY
    # a profile's values that differ from the difficulty's defaults ('section.key', value),
    # checked by profile.parse
    overrides: tuple[tuple[str, float | int | str], ...] = ()
    # the sources to write (plan.parse_sources): () for all 7
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.scale, int) or not (
            self.scale == SCHEMA_ONLY or MIN_SCALE <= self.scale <= MAX_SCALE
        ):
            raise ConfigError(
                f"--scale: must be {MIN_SCALE:,} to {format_scale(MAX_SCALE)} records, or 0 "
                "for the schema only"
            )
        if self.sources and self.scale == SCHEMA_ONLY:
            raise ConfigError("--sources: --scale 0 writes every table's schema; drop --sources")
        if self.sources and self.engine != "duckdb":
            raise ConfigError("--sources: generating a subset is DuckDB's for now; drop --engine")
        if self.scale == SCHEMA_ONLY and self.engine != "duckdb":
            raise ConfigError("--scale 0 (the schema only) is written by DuckDB: drop --engine")
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"--seed: {self.seed} is outside 0..{MAX_SEED}")
        if self.workers < 0:
            raise ConfigError(f"--workers: {self.workers} is not a positive number of threads")
        if self.engine not in ENGINES:
            raise ConfigError(f"--engine: {self.engine!r} is not one of {', '.join(ENGINES)}")
        if self.difficulty not in DIFFICULTIES:
            raise ConfigError(
                f"--difficulty: {self.difficulty!r} is not one of {', '.join(DIFFICULTIES)}"
            )
        if self.spark_master is not None and self.engine != "spark":
            raise ConfigError("--spark-master: only with --engine spark")
        if not _MEMORY_RE.match(self.memory_limit):
            raise ConfigError(
                f"--memory-limit: {self.memory_limit!r} is not a size; write it without "
                "spaces, as 3GB, 512MB or 2GiB"
            )

    @property
    def memory_limit_bytes(self) -> int:
        match = _MEMORY_RE.match(self.memory_limit)
        assert match is not None  # checked in __post_init__
        return int(float(match.group(1)) * _MEMORY_UNITS[match.group(2).upper()])

    @property
    def threads(self) -> int:
        """DuckDB threads: the worker count, or every core when none was given."""
        return self.workers or (os.cpu_count() or 1)


def parse_workers(text: str | int | None) -> int:
    """--workers: a positive thread count; None means every core (stored as 0)."""
    if text is None:
        return 0
    if isinstance(text, str) and not re.fullmatch(r"\d+", text):
        raise ConfigError(f"--workers: {text!r} is not a number of threads (e.g. 4)")
    workers = int(text)
    if workers < 1:
        raise ConfigError(f"--workers: {workers} is not a positive number of threads")
    return workers


def capped_workers(workers: int) -> tuple[int, str | None]:
    """More threads than cores only adds switching: cap at the core count, with a notice."""
    cores = os.cpu_count() or 1
    if workers <= cores:
        return workers, None
    return cores, f"notice: --workers {workers} is more than the {cores} cores here; using {cores}"


def parse_seed(text: str | int) -> int:
    """--seed: an integer in 0..2^32-1 (the random macro mixes it as a 32-bit value)."""
    if isinstance(text, str) and not re.fullmatch(r"-?\d+", text):
        raise ConfigError(f"--seed: {text!r} is not an integer (e.g. 42)")
    seed = int(text)
    if not 0 <= seed <= MAX_SEED:
        raise ConfigError(f"--seed: {seed} is outside 0..{MAX_SEED}")
    return seed
