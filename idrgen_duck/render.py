"""Jinja environment, per-dialect macro dispatch, and rendering of a run into SQL files.

`run` executes exactly the files `render` writes: both call `render_run`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from idrgen_duck import __version__, folders, realism, resources
from idrgen_duck import plan as plan_module
from idrgen_duck.folders import MARKER, Layout, make_layout
from idrgen_duck.idr_metadata import metadata_context
from idrgen_duck.plan import SOURCE_BY_ID, SOURCES, Plan

DIALECTS = ("duckdb",)
# Every name the generated SQL creates starts with this, so it never clashes with user tables.
PREFIX = "__idr_"
# The folders of an output directory, and its files besides the Parquet files and metadata.
OUTPUT_FOLDERS = ("parquet", "metadata", "stats", "truth")
REPORT = "stats/generation_report.json"
CEILING = "stats/ceiling.json"
OUTPUT_MARKER = f"stats/{MARKER}"
TRUTH_TABLES = ("record_person", "persons")
# How every output file is written (copy_parquet in sql/macros/output.sql; the benchmark's bare
# write uses them too). zstd level 1, not the default 3: DuckDB dictionary-encodes the columns
# first, so the stronger level saved under 0.2% of the bytes and took 17% longer to write
# (persons at 20M records: 505 against 506 MB, 6.4-6.7 against 7.9 s).
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"


class DispatchError(LookupError):
    """No implementation of a macro for the requested dialect."""


@dataclass(frozen=True)
class RenderedStep:
    """One numbered SQL file: its name and the SQL text."""

    name: str  # e.g. "040_crm_customers"
    sql: str
    rows: int | None = None  # rows the step writes, for progress; None for setup steps

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
        stream_id = zlib.crc32(stream.encode())
        known = self._by_id.setdefault(stream_id, stream)
        if known != stream:
            raise ValueError(f"random streams {known!r} and {stream!r} share an id; rename one")
        return stream_id


def make_environment(plan: Plan | None = None, dialect: str = "duckdb") -> jinja2.Environment:
    """A Jinja environment whose globals hold every macro of sql/macros/ and `dispatch`.

    The plan and the realism defaults are globals too, so macros can use them.
    """
    if dialect not in DIALECTS:
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
    env.globals["stream_id"] = StreamRegistry()
    env.globals["P"] = PREFIX
    env.globals["parquet_options"] = PARQUET_OPTIONS
    env.globals["seeds"] = resources.seeds_dir().as_posix()
    env.globals["plan"] = plan
    env.globals["source_by_id"] = SOURCE_BY_ID
    env.globals["as_of"] = plan_module.AS_OF
    env.globals["history_start"] = plan_module.HISTORY_START
    if plan is not None:
        env.globals.update(
            realism.template_globals(plan.config.scale, plan.persons, plan.records["ecom"])
        )

    def dispatch(name: str) -> Callable[..., Any]:
        """dbt-style: `rand` -> `duckdb__rand`; a missing dialect fails loudly."""
        searched = [f"{dialect}__{name}", f"default__{name}"]
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


def metadata_names() -> list[str]:
    """The IDR engine's metadata files, as named in an output's metadata/ folder."""
    return sorted(p.name for p in resources.sql_dir().joinpath("metadata").glob("*.sql"))


def parquet_files() -> list[str]:
    """Every Parquet file of an output, as 'folder/name' without the extension."""
    tables = ["products", *(s.table for s in SOURCES)]
    return [f"parquet/{t}" for t in tables] + [f"truth/{t}" for t in TRUTH_TABLES]


def output_layout() -> Layout:
    """What an output folder holds; anything else in one is a user's, never replaced."""
    files = [f"{name}.parquet" for name in parquet_files()]
    files += [f"metadata/{name}" for name in metadata_names()]
    return make_layout("output", OUTPUT_MARKER, [*files, REPORT, CEILING])


SQL_SCRIPT = "run.sql"


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


def render_run(plan: Plan, output_dir: str, temp_dir: str | None = None) -> list[RenderedStep]:
    """Render every step of a run, in order.

    output_dir: where the Parquet files go, as the SQL will see it (absolute or relative to
    the directory DuckDB runs in). temp_dir: where DuckDB spills (None: DuckDB's default).
    """
    env = make_environment(plan)
    context = {
        "cfg": plan.config,
        "sources": SOURCES,
        "records": plan.records,
        "calibration": plan.calibration,
        "out": output_dir.rstrip("/"),
        "temp_dir": temp_dir,
        "activity": plan_module.ACTIVITY,
        "email_patterns": plan_module.EMAIL_PATTERNS,
        "source_count_shares": plan_module.SOURCE_COUNT_SHARES,
        "tier_targets": plan_module.TIER_TARGETS,
        "checksummed": parquet_files(),
        "output_marker": OUTPUT_MARKER,
    }
    steps = []
    for name in _table_templates():
        stem = name.removesuffix(".sql")
        sql = env.get_template(f"tables/{name}").render(context)
        # every step ends by noting its time in the step log, which the report reads
        sql = f"{sql.rstrip()}\n\n{env.globals['log_step'](stem)}\n"
        steps.append(RenderedStep(stem, sql, rows_written(plan, stem)))
    return steps


def render_metadata(plan: Plan) -> dict[str, str]:
    """The IDR engine's metadata files, rendered from sql/metadata/*.sql templates."""
    env = make_environment(plan)
    files = {}
    for path in sorted(resources.sql_dir().joinpath("metadata").glob("*.sql")):
        files[path.name] = env.get_template(f"metadata/{path.name}").render(
            sources=SOURCES, **metadata_context(plan.config.scale)
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
            return self.staging / ".spill"
        return self.temp_dir / ".idrgen-duck-work-sql"


def render_cli_files(plan: Plan, cli: CliRun, overwrite: bool) -> dict[str, str]:
    """Every file of a `render --out` folder, by relative path: the numbered steps (writing
    into the staging folder), the metadata, and run.sql, the CLI's driver script."""
    steps = render_run(plan, cli.staging.as_posix(), cli.work.as_posix())
    files = {step.filename: step.sql for step in steps}
    files |= {f"metadata/{name}": text for name, text in render_metadata(plan).items()}
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
