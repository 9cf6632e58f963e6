"""`idrgen-duck status OUT`: what an output folder holds, from its report, and whether its
files are still the ones the report describes.

The quick check reads no data: each file exists, has the size the report wrote down (the
sources and products; the report has no sizes for the truth files) and a Parquet footer that
reads, with the row count of the report's checksum ('<rows>:<hash>'). `--full` also
recomputes every content checksum (as `validate` does), which reads every value.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from idrgen_duck import db, folders, profile
from idrgen_duck.checksums import content_checksum
from idrgen_duck.config import ConfigError
from idrgen_duck.render import REPORT, output_layout, parquet_files, report_sources


@dataclass(frozen=True)
class FileState:
    """One output file against the report: `problem` is None when it matches."""

    name: str  # 'parquet/crm_customers'
    rows: int | None
    size: int | None
    problem: str | None = None


def read_report(output_dir: Path) -> dict[str, Any]:
    """The report of an output folder; refuses, in one line, a folder that is not one."""
    if not output_dir.is_dir():
        raise ConfigError(f"OUT: {output_dir} is not a folder")
    if not folders.has_marker(output_dir, output_layout()):
        raise ConfigError(f"OUT: {output_dir} is not an idrgen-duck output (it has no marker)")
    try:
        report = json.loads((output_dir / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"OUT: {output_dir / REPORT} cannot be read ({error})") from None
    return report if isinstance(report, dict) else {}


def report_parameters(
    path: Path,
) -> tuple[str, str, str, tuple[tuple[str, float | int | str], ...], str | None]:
    """(scale, seed, difficulty, profile overrides, sources or None for all) of a generation
    report, for `run --from-report`: what decides the data (the worker count and the memory
    limit never change it)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        values = (report["scale"], report["seed"], report["difficulty"])
        overrides = report["run"].get("profile", {}).get("values", {})
        _, checked = profile.parse(None, [f"{k}={v}" for k, v in overrides.items()])
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise ConfigError(
            f"--from-report: {path} is not a generation report ({type(error).__name__}: "
            f"{error}); give an output's stats/generation_report.json"
        ) from None
    sources = report_sources(report)
    return (
        str(values[0]),
        str(values[1]),
        str(values[2]),
        checked,
        ",".join(sources) if sources else None,
    )


def file_states(output_dir: Path, report: dict[str, Any], full: bool) -> list[FileState]:
    """Each output file against the report."""
    sizes = {f"parquet/{t['table']}": t.get("bytes") for t in report.get("tables", [])}
    checksums: dict[str, str] = report.get("checksums", {})
    states = []
    with contextlib.closing(duckdb.connect()) as con:
        for name in parquet_files(report_sources(report)):
            path = output_dir / f"{name}.parquet"
            expected_rows = int(checksums[name].split(":")[0]) if name in checksums else None
            if not path.exists():
                states.append(FileState(name, None, None, "missing"))
                continue
            size = db.file_bytes(path)
            if sizes.get(name) is not None and sizes[name] != size:
                problem = f"size {size:,} bytes, the report says {sizes[name]:,}"
                states.append(FileState(name, None, size, problem))
                continue
            try:
                row = con.execute(
                    f"SELECT sum(num_rows) FROM parquet_file_metadata({db.parquet_files(path)})"
                ).fetchone()
            except duckdb.Error as error:
                problem = f"unreadable ({str(error).splitlines()[0][:80]})"
                states.append(FileState(name, None, size, problem))
                continue
            rows = int(row[0]) if row and row[0] is not None else 0
            problem = None
            if expected_rows is not None and rows != expected_rows:
                problem = f"{rows:,} rows, the report says {expected_rows:,}"
            elif full and name in checksums and content_checksum(con, path) != checksums[name]:
                problem = "content differs from the report's checksum"
            states.append(FileState(name, rows, size, problem))
    return states
