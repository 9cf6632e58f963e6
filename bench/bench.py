"""Benchmark: idrgen-duck against a "bare write" of the same schemas, in the same process.

The bare write is the yardstick: the 7 source tables with the same row counts and similar
string widths, every value a trivial function of the row id, written with the same COPY
options. No generator writes those bytes faster on the same machine, so

    ratio = generator records/s / bare-write records/s

says how close generation comes to the cost of writing Parquet. The bare write covers the
sources only; `run` also writes the truth and the products. The **write floor** is what writing
`run`'s own output costs: every file it wrote, loaded into memory and written again with the
same options. No run can take less, so `floor_s / generate_s` is the part of generation that
is writing, and `best_ratio` (bare_write_s / floor_s) the highest ratio any generator of the
same output could reach.

    python bench/bench.py --scale 1M --workers 1 2 0 --repeat 3

(--workers 0 = every core; --engine spark generates with Spark in local mode, the yardsticks
stay DuckDB's). Prints one row per (scale, workers) with medians, then seconds and rows/s per
step. Peak RSS is the process's high-water mark so far: give scales in rising order.

`--faker N` adds the alternative people reach for: a plain Python loop that makes N person
records with Faker (the person columns of the CRM table) on one core. It is a small sample,
extrapolated per core, and printed as such.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from idrgen_duck import db, runner
from idrgen_duck.config import RunConfig, format_scale, parse_scale
from idrgen_duck.plan import SOURCES, make_plan
from idrgen_duck.render import PARQUET_OPTIONS, rows_written
from idrgen_duck.runner import REFERENCE_STEP

# Column shapes of the spec's tables: v = short string, t = timestamp, i = integer,
# d = decimal, b = boolean; the widths follow the generated data's typical values.
SHAPES = {
    "crm": "vvvvvvvvvttbbv",
    "ecom": "vvvvviddvvvvtvv",
    "loyalty": "vvvvvvvitt",
    "mobile": "vvvvvvvtti",
    "pos": "vvvvidvdtvv",
    "survey": "vvvvviivti",
    "review": "vvvvvivvbit",
}
VALUE = {
    "v": "'v' || lpad(CAST(id * 7 % 1000003 AS VARCHAR), 14, '0')",
    "t": "TIMESTAMP '2021-01-01' + to_seconds(id % 157000000)",
    "i": "CAST(id % 1000 AS INTEGER)",
    "d": "CAST((id % 100000) / 100 AS DECIMAL(10, 2))",
    "b": "id % 2 = 0",
}


def bare_write(scale: int, threads: int, out: Path) -> float:
    """Seconds to write the 7 tables with trivial values (ids from a table, like ours)."""
    plan = make_plan(RunConfig(scale=scale))
    con = db.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"CREATE TABLE ids AS SELECT range AS id FROM range({max(plan.records.values())})")
    started = time.perf_counter()
    for source in SOURCES:
        columns = ", ".join(
            f"{VALUE[kind]} AS c{i}" for i, kind in enumerate(SHAPES[source.table_id])
        )
        con.execute(
            f"COPY (SELECT {columns} FROM ids WHERE id < {plan.records[source.table_id]}) "
            f"TO '{out / source.table}.parquet' ({PARQUET_OPTIONS})"
        )
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def write_floor(output: Path, threads: int, target: Path) -> float:
    """Seconds to write again every Parquet file of a run's output, from memory.

    Called in a child process (`in_child`): the tables it loads would otherwise raise this
    process's peak RSS, which the table reports for the runs."""
    con = db.connect()
    con.execute(f"SET threads = {threads}")
    elapsed = 0.0
    for path in sorted(output.glob("*/*.parquet")):
        con.execute(f"CREATE OR REPLACE TABLE rows AS SELECT * FROM {db.parquet(path)}")
        started = time.perf_counter()
        con.execute(f"COPY rows TO '{target / path.name}' ({PARQUET_OPTIONS})")
        elapsed += time.perf_counter() - started
    con.close()
    return elapsed


def in_child(function: Callable[..., float], *args: object) -> float:
    """function(*args), computed in a fresh process."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        return pool.submit(function, *args).result()


@dataclass
class Generated:
    """One full `run`: seconds per SQL step, wall seconds (with checksums and the reference),
    peak RSS of this process so far, and Parquet bytes."""

    steps: dict[str, float]
    rows: dict[str, int]
    wall: float
    peak_rss: int
    parquet_bytes: int

    @property
    def generating(self) -> float:
        """The SQL steps (the report's content checksums included), not the reference."""
        return sum(seconds for step, seconds in self.steps.items() if step != REFERENCE_STEP.name)


def generate(scale: int, workers: int, out: Path, engine: str = "duckdb") -> Generated:
    shutil.rmtree(out, ignore_errors=True)
    config = RunConfig(scale=scale, output_dir=out, workers=workers, engine=engine)
    result = runner.run(config)
    rows = {step.name: rows_written(result.plan, step.name) for step in result.steps}
    return Generated(
        steps={step.name: step.seconds for step in result.steps},
        rows={name: n for name, n in rows.items() if n},
        wall=result.seconds,
        peak_rss=result.peak_rss_bytes,
        # a file per table (DuckDB) or a folder of part files (Spark)
        parquet_bytes=sum(
            p.stat().st_size for p in (out / "parquet").rglob("*.parquet") if p.is_file()
        ),
    )


def print_scaling(medians: dict[tuple[int, int], float]) -> None:
    """How generation time grows with the records (per worker count, against the smallest
    scale: 10x the records should take about 10x the time) and shrinks with workers."""
    scales = sorted({scale for scale, _ in medians})
    threads = sorted({t for _, t in medians})
    lines = []
    for t in threads:
        small = scales[0]
        for large in scales[1:]:
            if (small, t) in medians and (large, t) in medians:
                lines.append(
                    f"  {t} workers, {format_scale(small)} -> {format_scale(large)}: "
                    f"{medians[large, t] / medians[small, t]:.1f}x the time for "
                    f"{large / small:.1f}x the records"
                )
    for scale in scales:
        for few, many in itertools.pairwise(threads):
            if (scale, few) in medians and (scale, many) in medians:
                lines.append(
                    f"  {format_scale(scale)}, {few} -> {many} workers: "
                    f"{medians[scale, few] / medians[scale, many]:.2f}x faster"
                )
    if lines:
        print("\nscaling (generation seconds, medians)")
        print("\n".join(lines))


def print_steps(columns: dict[str, list[Generated]]) -> None:
    """Median seconds and rows/s of every step, one column per (scale, workers)."""
    # every step any run has (the reference runs only up to 2M records)
    names = sorted({name for runs in columns.values() for name in runs[0].steps})
    print("\nper step: median seconds (rows/s)")
    print(f"{'step':<26}" + "".join(f"{label:>24}" for label in columns))
    for name in names:
        cells = []
        for runs in columns.values():
            if name not in runs[0].steps:
                cells.append("-")
                continue
            seconds = statistics.median(r.steps[name] for r in runs)
            rows = runs[0].rows.get(name)
            rate = f" ({rows / seconds / 1e3:,.0f}K/s)" if rows and seconds else ""
            cells.append(f"{seconds:>8.2f}{rate}")
        print(f"{name:<26}" + "".join(f"{c:>24}" for c in cells))


# The person columns a CRM record holds, as a plain Faker script would make them.
FAKER_COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "street_address",
    "city",
    "postcode",
    "country_code",
    "date_of_birth",
)


def faker_records_per_second(records: int) -> float:
    """Person records per second of a plain Faker loop on one core (en_US, seeded)."""
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(42)
    started = time.perf_counter()
    rows = [
        (
            fake.first_name(),
            fake.last_name(),
            fake.email(),
            fake.phone_number(),
            fake.street_address(),
            fake.city(),
            fake.postcode(),
            fake.country_code(),
            fake.date_of_birth(),
        )
        for _ in range(records)
    ]
    elapsed = time.perf_counter() - started
    assert len(rows[0]) == len(FAKER_COLUMNS)
    return records / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", nargs="+", default=["1M"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--engine",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="what generates (the bare write and the write floor are DuckDB's either way)",
    )
    parser.add_argument(
        "--faker",
        type=int,
        default=0,
        metavar="N",
        help="also time N person records made by a plain Faker loop",
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {cores} cores, {memory:.0f} GiB")
    print(
        "scale  workers  generate_s  wall_s  records/s  bare_write_s  bare_records/s  ratio"
        "  ratio_wall  floor_s  floor/generate  best_ratio  peak_rss_GiB  parquet_GB"
    )
    per_core: list[float] = []
    columns: dict[str, list[Generated]] = {}
    medians: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory(prefix="idrgen-bench-") as tmp:
        work = Path(tmp)
        for text in args.scale:
            scale = parse_scale(text)
            for workers in args.workers:
                threads = workers or cores
                runs = [
                    generate(scale, threads, work / "out", args.engine) for _ in range(args.repeat)
                ]
                bare, floor = [], []
                for _ in range(args.repeat):
                    target = work / "bare"
                    shutil.rmtree(target, ignore_errors=True)
                    target.mkdir()
                    bare.append(bare_write(scale, threads, target))
                    floor.append(in_child(write_floor, work / "out", threads, target))
                seconds = statistics.median(r.generating for r in runs)
                wall = statistics.median(r.wall for r in runs)
                bare_seconds = statistics.median(bare)
                floor_seconds = statistics.median(floor)
                per_core.append(scale / wall / threads)  # everything `run` does
                columns[f"{format_scale(scale)} x {threads}"] = runs
                medians[scale, threads] = seconds
                print(
                    f"{format_scale(scale):>5}  {threads:>7}  {seconds:>10.1f}  {wall:>6.1f}  "
                    f"{scale / seconds:>9,.0f}  {bare_seconds:>12.1f}  "
                    f"{scale / bare_seconds:>14,.0f}  {bare_seconds / seconds:>5.2f}  "
                    f"{bare_seconds / wall:>10.2f}  {floor_seconds:>7.1f}  "
                    f"{floor_seconds / seconds:>14.2f}  {bare_seconds / floor_seconds:>10.2f}  "
                    f"{max(r.peak_rss for r in runs) / 2**30:>12.2f}  "
                    f"{runs[-1].parquet_bytes / 1e9:>10.2f}",
                    flush=True,
                )
    print_steps(columns)
    print_scaling(medians)
    if args.faker:
        faker = faker_records_per_second(args.faker)
        print(
            f"faker: a plain Faker loop (en_US, {len(FAKER_COLUMNS)} person columns), "
            f"{args.faker:,} records, 1 core: {faker:,.0f} records/s; extrapolated, 50M records "
            f"take {50e6 / faker / 3600:.1f} core-hours"
        )
        if per_core:
            best = max(per_core)
            print(
                f"idrgen-duck: {best:,.0f} records/s per core (whole run, best row above): "
                f"{best / faker:,.0f}x Faker per core"
            )


if __name__ == "__main__":
    main()
