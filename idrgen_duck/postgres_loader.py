"""`load --to postgresql://...`: an output folder in a PostgreSQL database.

The 8 tables and the two truth tables go in one schema (default `idrgen`) with PostgreSQL's
own types, primary keys, the spec's foreign keys and an index per identifier column; the IDR
engine's metadata tables go in a schema beside it, `<schema>_idr_meta`. Both schemas carry a
marker table (`__idr_load`, as the DuckDB database of `load --db` does): only schemas holding
it, and nothing else but what `load` writes, are ever replaced.

Rows travel by COPY: DuckDB writes each table as CSV into a pipe, this process hands the bytes
to psycopg's `COPY ... FROM STDIN`, in chunks, so no table is ever held in memory and no row
passes through Python (measured on a 1M output: 0.6-0.7M rows/s, against 0.2M for binary COPY
fed row by row from Python). Everything happens in one transaction, in schemas under temporary
names renamed at its end: until it commits, nobody sees anything, and an interrupted load, a
lost connection or a full disk leave the previous schemas exactly as they were.

psycopg (pip install 'idrgen-duck[postgresql]') is imported only here, only when asked for.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from idrgen_duck import __version__, catalog, db, interrupts
from idrgen_duck.config import ConfigError
from idrgen_duck.engines import DuckDBEngine
from idrgen_duck.idr_metadata import MAPPINGS
from idrgen_duck.loader import IDR_META_DDL, LOAD_MARKER, METADATA_FILES
from idrgen_duck.plan import SOURCE_BY_ID
from idrgen_duck.render import RenderedStep, output_sources, parquet_files
from idrgen_duck.runner import POLL_SECONDS, StepObserver, Unobserved

DEFAULT_SCHEMA = "idrgen"
META_SUFFIX = "_idr_meta"  # the metadata schema: `idrgen_idr_meta` beside `idrgen`
META_SCHEMA_IN_DUCKDB = "idr_meta"  # where IDR_META_DDL and the metadata files put them
# The schemas under construction: invisible to other sessions until the transaction commits.
PARTIAL_PREFIX = "__partial_"
# PostgreSQL cuts names at 63 bytes; the longest name we make is the partial metadata schema.
MAX_SCHEMA_LENGTH = 63 - len(PARTIAL_PREFIX) - len(META_SUFFIX)
# Lower-case names only: PostgreSQL folds unquoted names to lower case, so `idrgen.crm_customers`
# typed in psql is the table we made. `pg_` is PostgreSQL's own prefix.
SCHEMA_RE = re.compile(r"^(?!pg_)[a-z_][a-z0-9_]*$")
URL_SCHEMES = ("postgresql://", "postgres://")
INSTALL_HINT = "pip install 'idrgen-duck[postgresql]'"
CONNECT_TIMEOUT_S = 10  # unless the URL says otherwise: an unreachable host fails in seconds
PIPE_READ_BYTES = 1 << 20

# DuckDB's types as the catalog writes them, and PostgreSQL's for each; lists become arrays
# and DECIMAL(p,s) numeric(p,s) (postgres_type). Every one is written by DuckDB's CSV in a form
# PostgreSQL's COPY reads as it is.
POSTGRES_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}
_DECIMAL_RE = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")


class ServerError(RuntimeError):
    """PostgreSQL refused or failed: the message is one line, with what to do."""


def postgres_type(duckdb_type: str) -> str:
    """PostgreSQL's type for a column of the catalog's (DuckDB's) type."""
    if duckdb_type.endswith("[]"):
        element = duckdb_type[:-2]
        if element.endswith("[]"):
            raise ValueError(f"no PostgreSQL array type for nested lists ({duckdb_type})")
        return postgres_type(element) + "[]"
    decimal = _DECIMAL_RE.match(duckdb_type)
    if decimal:
        return f"numeric({decimal.group(1)},{decimal.group(2)})"
    if duckdb_type not in POSTGRES_TYPES:
        raise ValueError(f"no PostgreSQL type known for DuckDB's {duckdb_type}")
    return POSTGRES_TYPES[duckdb_type]


def copy_expression(column: str, duckdb_type: str) -> str:
    """The column as DuckDB's CSV must carry it: a list as PostgreSQL's array literal
    ({"a","b\\"c",NULL}: every element quoted, backslash before a quote or a backslash)."""
    if not duckdb_type.endswith("[]"):
        return column
    element = (
        "CASE WHEN x IS NULL THEN 'NULL' ELSE '\"' || "
        "replace(replace(CAST(x AS VARCHAR), '\\', '\\\\'), '\"', '\\\"') || '\"' END"
    )
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE "
        f"'{{' || array_to_string(list_transform({column}, lambda x: {element}), ',') || '}}' "
        f"END AS {column}"
    )


def _psycopg() -> ModuleType:
    try:
        import psycopg
    except ImportError:
        raise ConfigError(
            f"--to: loading into PostgreSQL needs psycopg, which is not installed: {INSTALL_HINT}"
        ) from None
    return psycopg


@dataclass(frozen=True)
class Target:
    """Where `load --to` writes: a database (its libpq parameters) and a schema name."""

    parameters: tuple[tuple[str, str], ...]
    schema: str

    @property
    def meta_schema(self) -> str:
        return self.schema + META_SUFFIX

    def parameter(self, name: str, default: str = "") -> str:
        return dict(self.parameters).get(name, default)

    @property
    def server(self) -> str:
        """host:port as people name it in messages (libpq's defaults when not given)."""
        return f"{self.parameter('host', 'localhost')}:{self.parameter('port', '5432')}"

    @property
    def shown(self) -> str:
        """The URL without its password, for messages."""
        user = self.parameter("user")
        return f"postgresql://{user + '@' if user else ''}{self.server}/{self.parameter('dbname')}"


def checked_target(url: str, schema: str) -> Target:
    """--to and --schema, checked before any connection (a malformed one is exit 2)."""
    psycopg = _psycopg()
    if not url.startswith(URL_SCHEMES):
        raise ConfigError(
            "--to: not a PostgreSQL URL; write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        )
    try:
        parameters = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as error:
        # libpq quotes the whole URL, password included: keep only the reason
        reason = re.sub(r'\s*in URI: ".*"$', "", db.message(error)).removeprefix("invalid ")
        raise ConfigError(
            f"--to: malformed URL ({reason}); write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        ) from None
    port = str(parameters.get("port", "5432"))
    if not all(part.isdigit() for part in port.split(",")):
        raise ConfigError(f"--to: the port {port!r} is not a number (e.g. 5432)")
    if not SCHEMA_RE.match(schema) or len(schema) > MAX_SCHEMA_LENGTH:
        raise ConfigError(
            f"--schema: {schema!r} is not a schema name we write: lower-case letters, digits "
            f"and _, not starting with a digit or pg_, at most {MAX_SCHEMA_LENGTH} characters "
            f"(e.g. --schema {DEFAULT_SCHEMA})"
        )
    return Target(tuple((k, str(v)) for k, v in parameters.items()), schema)


@dataclass(frozen=True)
class SourceTable:
    """A table to load: its name in the database, where it is read from, its columns."""

    name: str
    relation: str  # DuckDB's FROM: read_parquet(...) or idr_meta.<table>
    columns: tuple[tuple[str, str, str | None], ...]  # name, DuckDB type, default expression
    key: str | None = None


@dataclass(frozen=True)
class PostgresLoad:
    """What a load wrote."""

    tables: list[str]
    meta_tables: list[str]
    rows: int
    seconds: float


def _output_tables(output_dir: Path) -> list[SourceTable]:
    """The catalog's tables the output folder holds: products, the truth and its sources
    (all 7, or those of its --sources)."""
    held = parquet_files(output_sources(output_dir))
    missing = [f"{file}.parquet" for file in held if not (output_dir / f"{file}.parquet").exists()]
    missing += [
        f"metadata/{name}"
        for name in METADATA_FILES
        if not (output_dir / "metadata" / name).exists()
    ]
    if missing:
        raise ConfigError(f"--output-dir: {output_dir} lacks {', '.join(missing)}")
    return [
        SourceTable(
            table.name,
            db.parquet(output_dir / f"{table.file}.parquet"),
            tuple((name, kind, None) for name, kind in table.types),
            table.key,
        )
        for table in catalog.TABLES
        if table.file in held
    ]


def _metadata_tables(duck: DuckDBEngine, output_dir: Path, schema: str) -> list[SourceTable]:
    """The engine's metadata tables, made and filled in DuckDB exactly as `load --db` does
    (the same DDL, the metadata files as written), with table_fqn naming our schema: the
    tables are not in PostgreSQL's search path, so an unqualified name would not find them."""
    duck.con.execute(IDR_META_DDL)
    for name in METADATA_FILES:
        duck.con.execute((output_dir / "metadata" / name).read_text(encoding="utf-8"))
    duck.con.execute(
        f"UPDATE {META_SCHEMA_IN_DUCKDB}.source_table SET table_fqn = ? || '.' || table_fqn "
        "WHERE table_fqn NOT LIKE '%.%'",
        [schema],
    )
    rows = duck.con.execute(
        "SELECT table_name, column_name, data_type, column_default FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = ? "
        "ORDER BY table_name, column_index",
        [META_SCHEMA_IN_DUCKDB],
    ).fetchall()
    columns: dict[str, list[tuple[str, str, str | None]]] = {}
    for table, column, kind, default in rows:
        columns.setdefault(table, []).append((column, kind, default))
    return [
        SourceTable(table, f"{META_SCHEMA_IN_DUCKDB}.{table}", tuple(found))
        for table, found in columns.items()
    ]


def _create_table(schema: str, table: SourceTable) -> str:
    columns = ", ".join(
        f"{quoted(name)} {postgres_type(kind)}"
        + (f" DEFAULT {default}" if default is not None else "")
        for name, kind, default in table.columns
    )
    return f"CREATE TABLE {quoted(schema, table.name)} ({columns})"


def _stream(duck: DuckDBEngine, select: str, copy: Any, progress: Callable[[float], None]) -> None:
    """DuckDB writes `select` as CSV into a pipe (in its own thread: it holds no Python lock
    while it works); this thread hands the bytes to `copy` as they come."""
    read_end, write_end = os.pipe()
    failure: list[BaseException] = []

    def write() -> None:
        try:
            # /dev/fd/N opens the pipe again; no temporary file (a pipe cannot be renamed)
            duck.execute(
                f"COPY ({select}) TO '/dev/fd/{write_end}' "
                "(FORMAT csv, HEADER false, USE_TMP_FILE false)"
            )
        except BaseException as error:  # raised in the main thread below
            failure.append(error)
        finally:
            os.close(write_end)  # with DuckDB's own closed, the reader sees the end

    writer = threading.Thread(target=write, name="idrgen-copy", daemon=True)
    writer.start()
    polled = time.perf_counter()
    with open(read_end, "rb", buffering=0) as pipe:
        try:
            while chunk := pipe.read(PIPE_READ_BYTES):
                copy.write(chunk)
                if time.perf_counter() - polled > POLL_SECONDS:
                    progress(duck.progress())
                    polled = time.perf_counter()
        except BaseException:
            duck.interrupt()
            while pipe.read(PIPE_READ_BYTES):  # drained, DuckDB never blocks on a full pipe
                pass
            raise
        finally:
            writer.join()
    if failure:
        raise failure[0]


# What a failure at the server means, by SQLSTATE or (connection failures, which carry none)
# by libpq's message: the line people read, and what to do.
def _explained(error: Exception, target: Target, started: bool) -> str:
    text = " ".join(db.message(error).replace("connection failed: ", "").split())
    state = getattr(error, "sqlstate", None) or ""
    kept = "; nothing was written" if started else ""
    user, database = target.parameter("user", "(your login)"), target.parameter("dbname")
    if "Connection refused" in text or "No such file or directory" in text:  # TCP, socket
        why = "connection refused" if "refused" in text else "no server socket there"
        return (
            f"cannot connect to PostgreSQL at {target.server} ({why}): start the server, or "
            "correct the host and port in --to"
        )
    if "password authentication failed" in text or state == "28P01":
        return (
            f"PostgreSQL at {target.server} refused the password of user {user}: correct it in "
            "--to (postgresql://USER:PASSWORD@HOST/DATABASE), PGPASSWORD or ~/.pgpass"
        )
    if "no password supplied" in text:
        return (
            f"PostgreSQL at {target.server} asks for the password of user {user}: give it in "
            "--to (postgresql://USER:PASSWORD@HOST/DATABASE), PGPASSWORD or ~/.pgpass"
        )
    if re.search(r'database ".*" does not exist', text) or state == "3D000":
        return (
            f"database {database!r} does not exist at {target.server}: create it "
            f"(createdb {database}) or name another in --to"
        )
    if "could not translate host name" in text or "failed to resolve host" in text:
        return f"unknown host in --to ({target.server}): correct the host name"
    if "timeout expired" in text:
        return (
            f"no answer from PostgreSQL at {target.server} within {CONNECT_TIMEOUT_S} s: check "
            "the host, the port and any firewall between"
        )
    if state == "53100" or "No space left on device" in text:
        return (
            f"the PostgreSQL server's disk is full ({text}){kept}: free space on the server "
            "(or its tablespace), then load again"
        )
    if state == "42501":
        return (
            f"PostgreSQL: {text}{kept}: connect as a user allowed to create schemas in "
            f"{database} (GRANT CREATE ON DATABASE {database} TO {user})"
        )
    if state in ("23503", "23505"):
        return (
            f"PostgreSQL: {text}{kept}: the output's keys or references do not hold; check it "
            "with idrgen-duck validate"
        )
    if state.startswith("08") or "server closed the connection" in text:
        return f"the connection to PostgreSQL at {target.server} was lost ({text}){kept}"
    code = f" (SQLSTATE {state})" if state else ""
    return f"PostgreSQL at {target.server}: {text}{code}{kept}"


@contextmanager
def _server_errors(target: Target, psycopg: ModuleType, began: list[float]) -> Iterator[None]:
    """psycopg's errors as one line each (ServerError); `began`: set once work has begun."""
    try:
        yield
    except psycopg.Error as error:
        if getattr(error, "sqlstate", None) == "2BP01":  # something else depends on ours
            # the detail names it: "view public.v depends on table idrgen.products"
            detail = (error.diag.message_detail or db.message(error)).splitlines()[0]
            raise ConfigError(
                f"--schema: schema {target.schema} cannot be replaced ({detail}); nothing was "
                "changed: drop what depends on it, or choose another --schema"
            ) from None
        raise ServerError(_explained(error, target, bool(began))) from None


def quoted(*parts: str) -> str:
    """A (qualified) name, quoted: a schema may be named like a keyword (`user`, `order`)."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def _schema_contents(cur: Any, names: list[str]) -> dict[str, set[str]]:
    """The relations (tables, views, sequences...) of each of these schemas that exists."""
    cur.execute(
        "SELECT n.nspname, c.relname FROM pg_namespace n "
        "LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN "
        "('r', 'p', 'v', 'm', 'f', 'S') WHERE n.nspname = ANY(%s)",
        [names],
    )
    found: dict[str, set[str]] = {}
    for schema, relation in cur.fetchall():
        found.setdefault(schema, set())
        if relation is not None:
            found[schema].add(relation)
    return found


def _replaceable(
    cur: Any, owned: dict[str, set[str]], overwrite: bool, when: str = ""
) -> dict[str, set[str]]:
    """The schemas of ours that exist, with their tables, to be replaced. Refuses
    (ConfigError) one that is not ours, holds anything we do not write, or exists without
    --overwrite."""
    present = _schema_contents(cur, list(owned))
    for schema, relations in present.items():
        if LOAD_MARKER not in relations:
            raise ConfigError(
                f"--schema: schema {schema} exists{when} and was not written by idrgen-duck "
                "load; it is never replaced: choose another --schema"
            )
        foreign = sorted(relations - owned[schema])
        if foreign:
            raise ConfigError(
                f"--schema: schema {schema} also holds {', '.join(foreign)}, which idrgen-duck "
                "did not write; it is never replaced: move them or choose another --schema"
            )
        if not overwrite:
            raise ConfigError(f"--schema: schema {schema} exists; pass --overwrite to replace it")
    return present


def load(
    output_dir: Path,
    target: Target,
    overwrite: bool = False,
    observer: StepObserver | None = None,
) -> PostgresLoad:
    """Load an output folder into `target` (see the module's docstring)."""
    psycopg = _psycopg()
    observer = observer or Unobserved()
    tables = _output_tables(output_dir)
    duck = DuckDBEngine()
    # rows leave in any order: DuckDB need not hold finished chunks back to keep the file's
    duck.con.execute("SET preserve_insertion_order = false")
    try:
        meta = _metadata_tables(duck, output_dir, target.schema)
        groups = {target.schema: tables, target.meta_schema: meta}
        # what we write, whichever tables this output holds: nothing else is ever dropped
        owned = {
            target.schema: {t.name for t in catalog.TABLES} | {LOAD_MARKER},
            target.meta_schema: {t.name for t in meta} | {LOAD_MARKER},
        }
        partial = {schema: PARTIAL_PREFIX + schema for schema in groups}
        parameters = dict(target.parameters)
        parameters.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        parameters.update(application_name="idrgen-duck load", client_encoding="UTF8")
        began: list[float] = []  # set once the work begins: from then on, nothing is kept
        with _server_errors(target, psycopg, began):
            conn = psycopg.connect(**parameters)
            try:
                cur = conn.cursor()
                # one load per schema at a time (the lock ends with the transaction)
                cur.execute(
                    "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                    [f"idrgen-duck load {target.schema}"],
                )
                if not cur.fetchone()[0]:
                    raise ConfigError(
                        f"--schema: another idrgen-duck load into {target.schema} is running; "
                        "wait for it to finish"
                    )
                _replaceable(cur, owned, overwrite)
                began.append(time.perf_counter())
                rows = 0
                for schema, group in groups.items():
                    _create_schema(cur, partial[schema], output_dir)
                    for table in group:
                        rows += _copy_table(duck, cur, partial[schema], table, observer)
                _constraints(cur, partial[target.schema], tables, observer)
                # again: a schema someone made meanwhile is never dropped
                for schema, relations in _replaceable(
                    cur, owned, overwrite, " (made while loading)"
                ).items():
                    cur.execute(f"DROP TABLE {', '.join(quoted(schema, r) for r in relations)}")
                    # RESTRICT: anything else in it (a function, a type) stops it all
                    cur.execute(f"DROP SCHEMA {quoted(schema)} RESTRICT")
                for schema, temporary in partial.items():
                    cur.execute(f"ALTER SCHEMA {quoted(temporary)} RENAME TO {quoted(schema)}")
                _analyze(cur, groups, observer)
                with interrupts.deferred():
                    conn.commit()
            finally:
                conn.close()  # uncommitted, the server rolls everything back
    finally:
        duck.close()
    return PostgresLoad(
        [t.name for t in tables], [t.name for t in meta], rows, time.perf_counter() - began[0]
    )


def _create_schema(cur: Any, schema: str, output_dir: Path) -> None:
    """A new schema with our marker in it (as `load --db` marks its database)."""
    cur.execute(f"CREATE SCHEMA {quoted(schema)}")
    marker = quoted(schema, LOAD_MARKER)
    cur.execute(
        f"CREATE TABLE {marker} (tool text, version text, source text, loaded_at timestamptz)"
    )
    cur.execute(
        f"INSERT INTO {marker} VALUES ('idrgen-duck', %s, %s, now())",
        [__version__, str(output_dir)],
    )


def _copy_table(
    duck: DuckDBEngine, cur: Any, schema: str, table: SourceTable, observer: StepObserver
) -> int:
    """Create one table and COPY its rows in; returns the row count."""
    (rows,) = duck.con.execute(f"SELECT count(*) FROM {table.relation}").fetchall()[0]
    step = RenderedStep(table.name, "", rows)
    began = time.perf_counter()
    observer.started(step)
    cur.execute(_create_table(schema, table))
    select = ", ".join(copy_expression(name, kind) for name, kind, _ in table.columns)
    names = ", ".join(quoted(name) for name, _, _ in table.columns)
    # FREEZE: the table is new in this transaction, so its rows are written frozen, as VACUUM
    # would leave them, sparing the first readers a rewrite of every page
    statement = f"COPY {quoted(schema, table.name)} ({names}) FROM STDIN (FORMAT csv, FREEZE)"
    with cur.copy(statement) as copy:
        _stream(
            duck,
            f"SELECT {select} FROM {table.relation}",
            copy,
            lambda fraction: observer.advanced(step, fraction),
        )
    observer.finished(step, time.perf_counter() - began)
    return rows


def _step(observer: StepObserver, name: str, statements: list[str], cur: Any) -> None:
    """Statements shown as one step of the display."""
    step = RenderedStep(name, "")
    began = time.perf_counter()
    observer.started(step)
    for number, statement in enumerate(statements):
        cur.execute(statement)
        observer.advanced(step, (number + 1) / len(statements))
    observer.finished(step, time.perf_counter() - began)


def _constraints(cur: Any, schema: str, tables: list[SourceTable], observer: StepObserver) -> None:
    """Keys, the foreign keys that need them, an index per identifier column: after the
    rows, since building each once is faster than keeping it up to date row by row."""
    loaded = {t.name for t in tables}
    keys = [
        f"ALTER TABLE {quoted(schema, t.name)} ADD PRIMARY KEY ({quoted(t.key)})"
        for t in tables
        if t.key
    ]
    foreign_keys = [
        f"ALTER TABLE {quoted(schema, r.table)} ADD FOREIGN KEY ({quoted(r.column)}) "
        f"REFERENCES {quoted(schema, r.parent)} ({quoted(r.parent_column)})"
        for r in catalog.REFERENCES
        if r.is_foreign_key and {r.table, r.parent} <= loaded
    ]
    # the columns the IDR metadata maps (one list, idr_metadata.MAPPINGS)
    indexes = [
        f"CREATE INDEX ON {quoted(schema, SOURCE_BY_ID[m.table_id].table)} ({quoted(m.column)})"
        for m in MAPPINGS
        if SOURCE_BY_ID[m.table_id].table in loaded
    ]
    _step(observer, "primary keys", keys, cur)
    _step(observer, "foreign keys", foreign_keys, cur)
    _step(observer, "identifier indexes", indexes, cur)


def _analyze(cur: Any, groups: dict[str, list[SourceTable]], observer: StepObserver) -> None:
    """Statistics, so the first queries on the tables are planned well."""
    statements = [
        f"ANALYZE {quoted(schema, t.name)}" for schema, group in groups.items() for t in group
    ]
    _step(observer, "analyze", statements, cur)
