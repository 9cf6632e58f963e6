"""The run's parameters, parsed and checked once, as one typed object."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SCALE = 50_000_000
DEFAULT_SEED = 42
# Seeds are mixed as 32-bit integers by the random macro, so they must fit in 32 bits.
MAX_SEED = 2**32 - 1

_SCALE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMbB]?)\s*$")
_SUFFIX = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_MEMORY_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
# as DuckDB reads them: KB = 1000 bytes, KiB = 1024
_MEMORY_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12} | {
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}

# Smallest scale that still gives every source, tier and edge case at least a few records.
MIN_SCALE = 1_000


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
                f"--scale: {text!r} is not a record count (examples: 50M, 1.5M, 500K, 1B, 20000)"
            )
        number, suffix = match.groups()
        scaled = float(number) * _SUFFIX[suffix.lower()]
        value = round(scaled)
        if abs(scaled - value) > 1e-6:
            raise ConfigError(f"--scale: {text!r} is not a whole number of records")
    if value < MIN_SCALE:
        raise ConfigError(f"--scale: {text!r} is below the minimum of {MIN_SCALE:,} records")
    return value


def format_scale(records: int) -> str:
    """Short human form of a record count (50000000 -> '50M')."""
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

    def __post_init__(self) -> None:
        if not isinstance(self.scale, int) or self.scale < MIN_SCALE:
            raise ConfigError(f"--scale: must be at least {MIN_SCALE:,} records")
        if not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"--seed: {self.seed} is outside 0..{MAX_SEED}")
        if self.workers < 0:
            raise ConfigError(f"--workers: {self.workers} is not a positive number of threads")
        if not _MEMORY_RE.match(self.memory_limit):
            raise ConfigError(
                f"--memory-limit: {self.memory_limit!r} is not a size (examples: 3GB, 512MB)"
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
    try:
        workers = int(text)
    except ValueError:
        raise ConfigError(f"--workers: {text!r} is not a number of threads") from None
    if workers < 1:
        raise ConfigError(f"--workers: {workers} is not a positive number of threads")
    return workers


def parse_seed(text: str | int) -> int:
    """--seed: an integer in 0..2^32-1 (the random macro mixes it as a 32-bit value)."""
    try:
        seed = int(text)
    except ValueError:
        raise ConfigError(f"--seed: {text!r} is not an integer") from None
    if not 0 <= seed <= MAX_SEED:
        raise ConfigError(f"--seed: {seed} is outside 0..{MAX_SEED}")
    return seed
