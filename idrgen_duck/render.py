"""Jinja environment, per-dialect macro dispatch, and rendering of a run into SQL files.

`run` executes exactly the files `render` writes: both call `render_run`.
"""

from __future__ import annotations

import csv
import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2

from idrgen_duck import (
    __version__,
    catalog,
    distributions,
    folders,
    randomness,
    realism,
    resources,
)
from idrgen_duck import plan as plan_module
from idrgen_duck.config import ENGINES
from idrgen_duck.folders import MARKER, Layout, make_layout
from idrgen_duck.idr_metadata import metadata_context
from idrgen_duck.plan import SOURCE_BY_ID, SOURCES, Plan
from idrgen_duck.profile import Profile

# The warehouses: `render --dialect` writes SQL that generates the data inside them, into
# tables of a target schema or dataset (render_warehouse_files); nothing here runs it.
WAREHOUSES = ("snowflake", "bigquery")
DIALECTS = (*ENGINES, *WAREHOUSES)  # one dialect of SQL per engine that runs it
# The report step: always run by DuckDB over the written files, whatever engine wrote them.
REPORT_STEP = "920_generation_report"
# Every name the generated SQL creates starts with this, so it never clashes with user tables.
PREFIX = "__idr_"
# The folders of an output directory, and its files besides the Parquet files and metadata.
OUTPUT_FOLDERS = ("parquet", "metadata", "stats", "truth")
REPORT = "stats/generation_report.json"
REFERENCE = "stats/reference.json"
REPORT_PAGE = "stats/report.html"  # written when the `report` extra is installed
OUTPUT_MARKER = f"stats/{MARKER}"
# How every output file is written (copy_parquet in sql/macros/output.sql; the benchmark's bare
# write uses them too). zstd level 1, not the default 3: DuckDB dictionary-encodes the columns
# first, so the stronger level saved under 0.2% of the bytes and took 17% longer to write
# (persons at 20M records: 505 against 506 MB, 6.4-6.7 against 7.9 s).
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"


# A dialect for checking the templates only: every engine-layer macro renders as a
# placeholder call `__engine_<name>(...)`, so what remains is the SQL the templates write
# themselves, which must be portable (tests/test_portable.py).
PORTABLE = "portable"


# Arguments of engine macros that are literal text the engine quotes (patterns, separators).
_LITERAL_ARGUMENTS = {"regex_replace_all": (1, 2), "regex_found": (1,), "split_field": (1,)}


def engine_placeholder(name: str, args: tuple[Any, ...]) -> str:
    def text(arg: Any) -> str:
        if isinstance(arg, list | tuple):
            return ", ".join(text(item) for item in arg)
        if arg is None or not isinstance(arg, str | int | float):
            return "NULL"  # a setting (the run's configuration) or nothing
        return str(arg)

    quoted = _LITERAL_ARGUMENTS.get(name, ())
    shown = ["''" if i in quoted else text(a) for i, a in enumerate(args)]
    return f"__engine_{name}({', '.join(shown)})"


# Where the tables go when no --target is given: Snowflake's DATABASE.SCHEMA and BigQuery's
# [project.]dataset, where run.sql creates them; Spark's CATALOG.SCHEMA, where tables.sql
# registers the written Parquet folders for the IDR engine's Databricks flavour (its table_fqn
# is CATALOG.SCHEMA.TABLE).
DEFAULT_TARGETS = {
    "snowflake": "IDRGEN.PUBLIC",
    "bigquery": "idrgen",
    "spark": "spark_catalog.idrgen",
}
# A seed's rows per INSERT in the warehouses' SQL, and its bytes at most (both warehouses
# take statements of about 1 MB; engine.sql's warehouse_load_seed).
SEED_INSERT_ROWS = 50_000
SEED_INSERT_BYTES = 400_000


@dataclass(frozen=True)
class SeedCsv:
    """A committed seed CSV's header and rows, for SQL that writes them as text literals."""

    columns: list[str]
    rows: list[list[str]]

    @classmethod
    def read(cls, file: str) -> SeedCsv:
        with resources.seeds_dir().joinpath(file).open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        # the warehouses' SQL writes rows as lines of tab-separated fields
        if any("\t" in value or "\n" in value for row in rows for value in row):
            raise ValueError(f"seed {file}: a value holds a tab or a line break")
        return cls(header, rows)

    def chunks(self) -> list[list[list[str]]]:
        """The rows cut into INSERTs of at most SEED_INSERT_ROWS rows and about
        SEED_INSERT_BYTES bytes."""
        chunks: list[list[list[str]]] = [[]]
        size = 0
        for row in self.rows:
            row_bytes = sum(len(value) + 4 for value in row)
            if chunks[-1] and (
                len(chunks[-1]) >= SEED_INSERT_ROWS or size + row_bytes > SEED_INSERT_BYTES
            ):
                chunks.append([])
                size = 0
            chunks[-1].append(row)
            size += row_bytes
        return chunks


def power_of_two_exponent(value: object) -> int | None:
    """k where value == 2^k (an int above 1), else None."""
    if isinstance(value, int) and value > 1 and value & (value - 1) == 0:
        return value.bit_length() - 1
    return None


class DispatchError(LookupError):
    """No implementation of a macro for the requested dialect."""


@dataclass(frozen=True)
class RenderedStep:
    """One numbered SQL file: its name and the SQL text."""

    name: str  # e.g. "040_crm_customers"
    sql: str
    rows: int | None = None  # rows the step writes, for progress; None for setup steps
    engine: str = "duckdb"  # the engine that runs it (the report is always DuckDB's)

    @property
    def filename(self) -> str:
        return f"{self.name}.sql"


class StreamRegistry:
    """Maps '<table>.<column>' stream names to 32-bit ids, refusing collisions.

    A stream id is the CRC-32 of its name: stable across Python versions and processes.
    """

    def __init__(self) -> None:
        self._by_id: dict[int, str] = {}

    def __call__(self, stream: str) -> int:
        if "." not in stream:
            raise ValueError(f"random stream {stream!r} must be named '<table>.<column>'")
        stream_id = randomness.stream_id(stream)
        known = self._by_id.setdefault(stream_id, stream)
        if known != stream:
            raise ValueError(f"random streams {known!r} and {stream!r} share an id; rename one")
        return stream_id


def epoch_seconds(text: str) -> int:
    """'2025-12-31 23:59:59' (UTC wall clock) -> integer epoch seconds."""
    moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


@dataclass(frozen=True)
class CalendarYear:
    year: int
    first_second: int  # epoch second of January 1st, 00:00
    november_first_day: int  # epoch day of November 1st


def calendar_globals(shape: plan_module.Shape) -> dict[str, object]:
    """The generated history's time constants, as integers (sql/macros/calendar.sql)."""
    first = epoch_seconds(shape.history_start_time)
    last = epoch_seconds(shape.as_of_time)
    years = range(datetime.fromtimestamp(first, timezone.utc).year,
                  datetime.fromtimestamp(last, timezone.utc).year + 1)  # fmt: skip
    as_of_day = last // 86400
    return {
        "history_start_s": first,
        "as_of_s": last,
        "as_of_year": years[-1],
        "history_days": (last - first) // 86400 + 1,
        "established_since_s": epoch_seconds(shape.established_since_time),
        # the Monday of as_of's week (1970-01-01, day 0, was a Thursday)
        "as_of_monday": as_of_day - (as_of_day + 3) % 7,
        "calendar_years": [
            CalendarYear(
                y,
                epoch_seconds(f"{y}-01-01 00:00:00"),
                epoch_seconds(f"{y}-11-01 00:00:00") // 86400,
            )
            for y in years
        ],
        "epoch_of": epoch_seconds,
    }


def column_name(expression: str) -> str:
    """The name a SELECT-list item gets: its alias, else the expression (a column)."""
    match = re.search(r"\s+AS\s+(\w+)\s*$", expression, flags=re.IGNORECASE)
    return match.group(1) if match else expression


def make_environment(
    plan: Plan | None = None,
    dialect: str = "duckdb",
    written_as_folders: bool = False,
    target: str | None = None,
) -> jinja2.Environment:
    """A Jinja environment whose globals hold every macro of sql/macros/ and `dispatch`.

    The plan and the realism defaults are globals too, so macros can use them.
    `written_as_folders`: the output tables are folders of part files (Spark), for the
    report's SQL, which reads them back. `target`: a warehouse's schema or dataset, which
    holds the work tables too (default: DEFAULT_TARGETS).
    """
    if dialect not in (*DIALECTS, PORTABLE):
        raise DispatchError(f"unknown dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.sql_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.globals["dialect"] = dialect
    env.globals["tool_version"] = __version__
    env.globals["written_as_folders"] = written_as_folders
    env.filters["column_name"] = column_name
    env.filters["coalesced"] = lambda column: f"coalesce({column}, '')"
    # a profile's country weight as a CASE branch, to 9 decimals (the draw keeps 6)
    env.filters["country_weight_case"] = lambda pair: f"WHEN '{pair[0]}' THEN {pair[1]:.9f}"
    registry = StreamRegistry()
    env.globals["stream_id"] = registry
    env.globals["P"] = PREFIX
    if dialect in WAREHOUSES:
        # warehouses name every table in full: BigQuery has no default dataset
        env.globals["P"] = f"{target or DEFAULT_TARGETS[dialect]}.{PREFIX}"
    env.globals["xor"] = operator.xor
    env.globals["power_of_two_exponent"] = power_of_two_exponent
    env.globals["seed_csv"] = SeedCsv.read
    env.filters["add_suffix"] = lambda text, suffix: f"{text}{suffix}"
    env.filters["qualified"] = lambda column, alias: f"{alias}.{column}"
    env.globals["parquet_options"] = PARQUET_OPTIONS
    env.globals["seeds"] = resources.seeds_dir().as_posix()
    env.globals["plan"] = plan
    env.globals["source_by_id"] = SOURCE_BY_ID
    env.globals["tier_minimums"] = plan_module.TIER_MINIMUMS
    # the history's dates: a profile's, or the defaults where no plan is rendered
    shape = plan.shape if plan is not None else plan_module.Shape()
    env.globals["as_of"] = shape.as_of_time
    env.globals["history_start"] = shape.history_start_time
    env.globals["mixed_seed"] = randomness.seed_mix
    env.globals.update(calendar_globals(shape))
    env.globals.update(distributions.template_globals())
    if plan is not None:
        profile = Profile(plan.config.difficulty, plan.config.overrides)
        env.globals["profile"] = profile
        env.globals.update(
            realism.template_globals(
                plan.config.scale,
                plan.persons,
                plan.records["ecom"],
                profile.changes(),
                profile.edge(),
                profile.noise(),
                profile.noise_rates(),
            )
        )
        env.globals["calibration"] = plan.calibration
        env.globals["source_count_shares"] = plan.shape.source_count_shares
        env.globals["country_weights"] = plan.shape.country_weights_effective()

    def dispatch(name: str) -> Callable[..., Any]:
        """dbt-style: `rand` -> `duckdb__rand` (`warehouse__rand` serves Snowflake and
        BigQuery where they agree); a missing dialect fails loudly."""
        if dialect == PORTABLE:
            return lambda *args: engine_placeholder(name, args)
        searched = [f"{dialect}__{name}"]
        if dialect in WAREHOUSES:  # what Snowflake and BigQuery write alike
            searched.append(f"warehouse__{name}")
        searched.append(f"default__{name}")
        for candidate in searched:
            if candidate in env.globals:
                return env.globals[candidate]  # type: ignore[no-any-return]
        raise DispatchError(f"No macro named {name!r} found. Searched for: {', '.join(searched)}")

    env.globals["dispatch"] = dispatch

    def fail(message: str) -> None:
        """For templates: stop rendering with a message (a misuse of a macro)."""
        raise ValueError(message)

    env.globals["fail"] = fail
    # All macro files form one module, so a macro can call any other whatever its file.
    sources = sorted(resources.sql_dir().joinpath("macros").glob("*.sql"))
    module = env.from_string("\n".join(p.read_text(encoding="utf-8") for p in sources)).module
    for name in dir(module):
        if not name.startswith("_"):
            env.globals[name] = getattr(module, name)
    return env


def _table_templates() -> list[str]:
    return sorted(p.name for p in resources.sql_dir().joinpath("tables").glob("*.sql"))


# `--scale 0`: the setup, every table written empty with its types, and the report.
SCHEMA_ONLY_STEPS = ("tables/000_setup.sql", "schema_only/010_empty_tables.sql",
                     f"tables/{REPORT_STEP}.sql")  # fmt: skip


def step_templates(plan: Plan) -> list[str]:
    """The templates of a run's steps, as paths under sql/ (a source not written has none)."""
    if plan.config.scale == 0:
        return list(SCHEMA_ONLY_STEPS)
    unwritten = set(SOURCES) - set(plan.written)
    skipped = {catalog.TABLE_BY_FILE[f"parquet/{s.table}"].template for s in unwritten}
    return [f"tables/{name}" for name in _table_templates() if name not in skipped]


def metadata_names() -> list[str]:
    """The IDR engine's metadata files, as named in an output's metadata/ folder."""
    return sorted(p.name for p in resources.sql_dir().joinpath("metadata").glob("*.sql"))


def parquet_files(sources: tuple[str, ...] = ()) -> list[str]:
    """The Parquet files of an output, as 'folder/name' without the extension (the catalog's
    tables, in its order): every one, or those of the `sources` written (--sources)."""
    unwritten = set(SOURCES) - set(plan_module.sources_written(sources))
    skipped = {f"parquet/{s.table}" for s in unwritten}
    return [table.file for table in catalog.TABLES if table.file not in skipped]


def report_sources(report: dict[str, Any]) -> tuple[str, ...]:
    """The sources an output holds, from its report: () for all (reports before --sources
    have no list)."""
    written = tuple(report.get("sources") or ())
    return () if len(written) == len(SOURCES) else written


def output_report(output_dir: Path) -> dict[str, Any]:
    """An output folder's generation report, or {} where it has none (or none yet)."""
    try:
        return dict(json.loads((output_dir / REPORT).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def output_sources(output_dir: Path) -> tuple[str, ...]:
    """The sources an output folder holds, from its report: () for all."""
    return report_sources(output_report(output_dir))


def output_layout() -> Layout:
    """What an output folder holds; anything else in one is a user's, never replaced."""
    files = [f"{name}.parquet" for name in parquet_files()]
    files += [f"metadata/{name}" for name in metadata_names()]
    return make_layout("output", OUTPUT_MARKER, [*files, REPORT, REFERENCE, REPORT_PAGE])


SQL_SCRIPT = "run.sql"
SPARK_TABLES = "tables.sql"  # the Spark render's registration of its Parquet folders
EXPORT_SCRIPT = "export.sql"  # a warehouse render's unload of its tables as Parquet


def sql_layout() -> Layout:
    """What a `render --out` folder holds: the numbered steps, the metadata and run.sql."""
    files = [*_table_templates(), SQL_SCRIPT, *(f"metadata/{n}" for n in metadata_names())]
    return make_layout("sql", MARKER, files)


def rows_written(plan: Plan, step: str) -> int | None:
    """Rows a step's table gets ('040_crm_customers' -> the CRM count), None for the others."""
    table = step.split("_", 1)[1]
    by_table = {s.table: plan.records[s.table_id] for s in SOURCES} | {
        "persons": plan.persons,
        "products": plan.products,
        "truth_persons": plan.persons,
        "truth_record_person": plan.total_records,
    }
    return by_table.get(table)


def render_run(
    plan: Plan, output_dir: str, temp_dir: str | None = None, dialect: str = "duckdb"
) -> list[RenderedStep]:
    """Render every step of a run, in order, for the engine `dialect`.

    output_dir: where the Parquet files go, as the SQL will see it (absolute or relative to
    the directory the engine runs in). temp_dir: where DuckDB spills (None: DuckDB's default).
    The report step is DuckDB's whatever the dialect: it reads the files back.
    """
    # the report's DuckDB, and the dialect's engine where it is another (making an
    # environment compiles every macro: a second one for DuckDB was half a second a run)
    engines = {"duckdb": make_environment(plan, "duckdb", written_as_folders=dialect != "duckdb")}
    if dialect != "duckdb":
        target = output_dir if dialect in WAREHOUSES else None
        engines[dialect] = make_environment(plan, dialect, target=target)
    context = {
        "cfg": plan.config,
        "sources": SOURCES,
        # the sources this run writes (--sources), the identity graph being the whole one
        "written_sources": plan.written,
        "records": plan.records,
        "out": output_dir.rstrip("/"),
        "temp_dir": temp_dir,
        "activity": plan_module.ACTIVITY,
        "email_patterns": plan_module.EMAIL_PATTERNS,
        "tier_targets": plan.tier_targets,
        "crm_overlap_targets": plan.crm_overlap_targets,
        "checksummed": parquet_files(plan.config.sources),
        "catalog_tables": catalog.TABLES,
        "output_marker": OUTPUT_MARKER,
    }
    steps = []
    for path in step_templates(plan):
        stem = path.split("/")[-1].removesuffix(".sql")
        engine = "duckdb" if stem == REPORT_STEP else dialect
        env = engines[engine]
        sql = env.get_template(path).render(context)
        # every step ends by noting its time in the step log, which the report reads
        sql = f"{sql.rstrip()}\n\n{env.globals['log_step'](stem)}\n"
        steps.append(RenderedStep(stem, sql, rows_written(plan, stem), engine))
    return steps


def recorded_step_log(plan: Plan, started_at: datetime, steps: list[Any]) -> str:
    """DuckDB SQL that fills the report's step log with times measured by the process that
    ran the steps (a Spark run: the report runs on DuckDB, which saw none of them)."""
    rows = [("start", started_at.timestamp())]
    rows += [(step.name, step.finished_at.timestamp()) for step in steps]
    return str(make_environment(plan).globals["recorded_step_log"](rows))


def render_metadata(
    plan: Plan, dialect: str = "duckdb", target: str | None = None
) -> dict[str, str]:
    """The IDR engine's metadata files, rendered from sql/metadata/*.sql templates for the
    platform the engine runs on: its SQL for the identifiers' normalisation, its string
    literals, and the tables' full names in a warehouse's `target`."""
    env = make_environment(plan, dialect, target=target)
    prefix = f"{target or DEFAULT_TARGETS[dialect]}." if dialect in DEFAULT_TARGETS else ""
    files = {}
    for path in sorted(resources.sql_dir().joinpath("metadata").glob("*.sql")):
        files[path.name] = env.get_template(f"metadata/{path.name}").render(
            sources=plan.written, table_prefix=prefix, **metadata_context(plan.config.scale)
        )
    return files


@dataclass(frozen=True)
class CliRun:
    """Where the SQL run in the DuckDB CLI reads and writes (absolute paths).

    Like `run`, it writes into a staging folder beside the output, with a fixed name (the
    CLI knows no process id), and works in a database in its work folder."""

    sql_dir: Path
    output: Path
    temp_dir: Path | None = None

    @property
    def staging(self) -> Path:
        return self.output.parent / f".{self.output.name}.partial-sql"

    @property
    def work(self) -> Path:
        if self.temp_dir is None:
            return self.staging / folders.SPILL
        return self.temp_dir / f"{folders.WORK_PREFIX}sql"


def _steps_and_metadata(
    plan: Plan, steps: list[RenderedStep], dialect: str = "duckdb", target: str | None = None
) -> dict[str, str]:
    """The numbered step files and the metadata files of a rendered folder."""
    files = {step.filename: step.sql for step in steps}
    metadata = render_metadata(plan, dialect, target)
    return files | {f"metadata/{name}": text for name, text in metadata.items()}


def render_cli_files(plan: Plan, cli: CliRun, overwrite: bool) -> dict[str, str]:
    """Every file of a `render --out` folder, by relative path: the numbered steps (writing
    into the staging folder), the metadata, and run.sql, the CLI's driver script."""
    steps = render_run(plan, cli.staging.as_posix(), cli.work.as_posix())
    files = _steps_and_metadata(plan, steps)
    files[SQL_SCRIPT] = (
        make_environment(plan)
        .get_template(f"cli/{SQL_SCRIPT}")
        .render(
            scale=plan.config.scale,
            seed=plan.config.seed,
            script=SQL_SCRIPT,
            sql_dir=cli.sql_dir.as_posix(),
            output=cli.output.as_posix(),
            parent=cli.output.parent.as_posix(),
            name=cli.output.name,
            staging=cli.staging.as_posix(),
            staging_name=cli.staging.name,
            previous=f".{cli.output.name}.previous-sql",
            work=cli.work.as_posix(),
            layout=output_layout(),
            overwrite=overwrite,
            step_files=[step.filename for step in steps],
            metadata=metadata_names(),
        )
    )
    return files


def render_spark_files(plan: Plan, output: Path, target: str) -> dict[str, str]:
    """Every file of a `render --dialect spark` folder: the numbered Spark SQL steps, run.sql,
    all steps in one file for `spark-sql -f run.sql` (Spark 4, or Databricks SQL), which write
    the data in place, as Parquet folders under `output`; tables.sql, which registers them as
    tables of `target` (CATALOG.SCHEMA); and the IDR metadata for Databricks, naming those
    tables. The report is DuckDB's (`run --engine spark` computes it after the steps)."""
    steps = [s for s in render_run(plan, output.as_posix(), None, "spark") if s.engine == "spark"]
    files = _steps_and_metadata(plan, steps, "spark", target)
    files[SPARK_TABLES] = (
        make_environment(plan, "spark")
        .get_template(f"cli/{SPARK_TABLES}")
        .render(
            output=output.as_posix(),
            target=target,
            tables=list(zip(parquet_files(), warehouse_table_names(), strict=True)),
        )
    )
    header = (
        f"-- idrgen-duck {__version__}: {plan.config.scale} records, seed {plan.config.seed}, "
        f"into {output.as_posix()}\n"
        "-- The generation in Spark SQL (Spark 4): spark-sql -f run.sql\n"
    )
    files[SQL_SCRIPT] = header + "\n".join(step.sql for step in steps)
    return files


# DATABASE.SCHEMA; [project.]dataset; CATALOG.SCHEMA
_TARGET_PARTS = {"snowflake": (2, 2), "bigquery": (1, 2), "spark": (2, 2)}
_TARGET_SHAPES = {
    "snowflake": "DATABASE.SCHEMA",
    "bigquery": "[project.]dataset",
    "spark": "CATALOG.SCHEMA",
}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$-]*$")


def check_target(dialect: str, target: str | None) -> str:
    """The --target of a warehouse or Spark render, checked: DATABASE.SCHEMA for Snowflake,
    [project.]dataset for BigQuery, CATALOG.SCHEMA for Spark (unquoted names)."""
    from idrgen_duck.config import ConfigError

    if target is None:
        return DEFAULT_TARGETS[dialect]
    parts = target.split(".")
    low, high = _TARGET_PARTS[dialect]
    shape = _TARGET_SHAPES[dialect]
    if not low <= len(parts) <= high or not all(_IDENTIFIER.match(p) for p in parts):
        raise ConfigError(f"--target: {target!r} is not {shape} (letters, digits, _)")
    return target


def warehouse_table_names() -> list[str]:
    """The tables a warehouse render creates in its target, by output file:
    'parquet/crm_customers' -> 'crm_customers', 'truth/persons' -> 'truth_persons'."""
    return [table.name for table in catalog.TABLES]


_EXPORT_URI = {
    "snowflake": (re.compile(r"^@[A-Za-z0-9_.$~/-]+$"), "a stage path such as @my_stage/idrgen"),
    "bigquery": (re.compile(r"^gs://[a-z0-9][a-z0-9._-]*(/[A-Za-z0-9_.=-]+)*/?$"),
                 "a Cloud Storage URI such as gs://my-bucket/idrgen"),
}  # fmt: skip


def check_export_uri(dialect: str, uri: str) -> str:
    """The --export-to of a warehouse render, checked, without a trailing '/'."""
    from idrgen_duck.config import ConfigError

    pattern, shape = _EXPORT_URI[dialect]
    if not pattern.match(uri):
        raise ConfigError(f"--export-to: {uri!r} is not {shape} (for --dialect {dialect})")
    return uri.rstrip("/")


def render_export(plan: Plan, dialect: str, target: str, uri: str) -> str:
    """export.sql: every table of `target` unloaded as Parquet part files under `uri`, in an
    output folder's layout (parquet/crm_customers.parquet/, truth/persons.parquet/...)."""
    return (
        make_environment(plan, dialect, target=target)
        .get_template(f"cli/{EXPORT_SCRIPT}")
        .render(
            target=target,
            uri=uri,
            scale=plan.config.scale,
            seed=plan.config.seed,
            difficulty=plan.config.difficulty,
            tables=list(zip(parquet_files(), warehouse_table_names(), strict=True)),
        )
    )


def render_warehouse_files(plan: Plan, dialect: str, target: str) -> dict[str, str]:
    """Every file of a `render --dialect snowflake|bigquery` folder: the numbered steps and
    run.sql, all of them in one script, which creates the 8 tables and both truth tables in
    `target` and drops its work tables at the end. The report is DuckDB's, over exported
    files, so it is not part of it."""
    steps = [s for s in render_run(plan, target, None, dialect) if s.engine == dialect]
    files = _steps_and_metadata(plan, steps, dialect, target)
    created = re.findall(rf"(TABLE|FUNCTION) ({re.escape(target)}\.{PREFIX}\w+)",
                         "\n".join(s.sql for s in steps))  # fmt: skip
    cleanup = "\n".join(f"DROP {kind} IF EXISTS {name};" for kind, name in sorted(set(created)))
    header = (
        f"-- idrgen-duck {__version__}: {plan.config.scale} records, seed {plan.config.seed}, "
        f"into {target} ({dialect})\n"
        f"-- Creates {', '.join(warehouse_table_names())}; work tables (and BigQuery's "
        f"function) start with {PREFIX} and are dropped at the end.\n"
    )
    files[SQL_SCRIPT] = (
        header + "\n".join(step.sql for step in steps) + f"\n-- work tables\n{cleanup}\n"
    )
    return files


def write_sql_folder(files: dict[str, str], sql_dir: Path) -> None:
    """Write rendered files into `sql_dir` through a staging folder: a failure leaves the
    previous folder as it was. The caller has checked that `sql_dir` may be replaced."""
    sql = sql_layout()
    staging = folders.make_staging(sql_dir, sql, "--out")
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / sql.marker).write_text(folders.marker_text(sql.kind), encoding="utf-8")
        folders.publish(staging, sql_dir, sql, "--out")
    except BaseException:
        folders.discard_staging(staging)
        raise
