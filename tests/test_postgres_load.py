"""`load --to postgresql://...` into a real PostgreSQL server this module starts
(tests/postgres_server.py), as a user runs it: the installed command on the 20K output.

Skipped, saying why, without the server binaries, the `postgres` user (when root) or psycopg.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from idrgen_duck import catalog
from idrgen_duck.idr_metadata import MAPPINGS
from idrgen_duck.loader import IDR_META_DDL, METADATA_FILES
from idrgen_duck.plan import SOURCE_BY_ID
from idrgen_duck.postgres_loader import postgres_type
from tests import postgres_server
from tests.conftest import cli, needs_cli, parquet

pytestmark = needs_cli
needs_psycopg = pytest.mark.skipif(
    importlib.util.find_spec("psycopg") is None,
    reason="psycopg is not installed (pip install '.[test]' or '.[postgresql]')",
)

SCHEMA = "idrgen_test"

# What PostgreSQL reports (format_type) for each of the catalog's types: the expectation,
# written out here rather than taken from the loader's own mapping.
REPORTED = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp without time zone",
    "VARCHAR[]": "text[]",
    "DECIMAL(5,2)": "numeric(5,2)",
    "DECIMAL(10,2)": "numeric(10,2)",
    "DECIMAL(12,2)": "numeric(12,2)",
    "DECIMAL(14,2)": "numeric(14,2)",
}


@pytest.fixture(scope="module")
def server() -> Iterator[postgres_server.Server]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (the test extra)")
    reason = postgres_server.skip_reason()
    if reason:
        pytest.skip(reason)
    # in /tmp, not pytest's folder: that one is closed to the server's user (mode 0700)
    folder = Path(tempfile.mkdtemp(prefix="idrgen-pg-"))
    try:
        running = postgres_server.start(folder)
        yield running
        running.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def loaded(server: postgres_server.Server, small: Path) -> subprocess.CompletedProcess[str]:
    """The 20K output loaded once into SCHEMA of the `postgres` database."""
    return cli("load", "--output-dir", str(small), "--to", server.url(), "--schema", SCHEMA)


def rows(
    server: postgres_server.Server, sql: str, params: Any = None, database: str = "postgres"
) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(server.url(database)) as conn:
        return conn.execute(sql, params).fetchall()


def one_line_failure(done: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """Exit `code` and one line saying why; before it, only the lines of the tables loaded
    (the progress a log shows, indented)."""
    assert done.returncode == code, done.stderr
    lines = [line for line in done.stderr.splitlines() if line and not line.startswith("  ")]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(("error: ", "failed: ")) and "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_every_table_is_loaded_with_its_rows_types_and_key(
    loaded: subprocess.CompletedProcess[str],
    server: postgres_server.Server,
    small: Path,
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(f"wrote postgresql://postgres@127.0.0.1:{server.port}/")
    assert postgres_server.PASSWORD not in loaded.stdout + loaded.stderr
    types = rows(
        server,
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0 ORDER BY a.attnum",
        [SCHEMA],
    )
    keys = dict(
        rows(
            server,
            "SELECT conrelid::regclass::text, a.attname FROM pg_constraint k JOIN pg_attribute a "
            "ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) "
            "WHERE k.contype = 'p' AND k.connamespace = %s::regnamespace",
            [SCHEMA],
        )
    )
    for table in catalog.TABLES:
        columns = [(c, t) for name, c, t in types if name == table.name]
        assert columns == [(c.name, REPORTED[c.type]) for c in table.columns], table.name
        assert keys[f"{SCHEMA}.{table.name}"] == table.key
        folder, name = table.file.split("/")
        want = con.execute(f"SELECT count(*) FROM {parquet(small, name, folder)}").fetchall()
        assert rows(server, f"SELECT count(*) FROM {SCHEMA}.{table.name}") == want, table.name
    marker = rows(server, f"SELECT tool, source FROM {SCHEMA}.__idr_load")
    assert marker == [("idrgen-duck", str(small))]


def test_every_value_arrives_as_it_is_in_the_files(
    loaded: subprocess.CompletedProcess[str],
    server: postgres_server.Server,
    small: Path,
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Whole tables, row by row: NULL against '', decimals, timestamps, arrays, quotes and
    every script the names and texts are written in."""
    assert loaded.returncode == 0, loaded.stderr
    for file in ("parquet/crm_customers", "parquet/ecom_transactions", "truth/record_person",
                 "truth/persons", "parquet/product_reviews"):  # fmt: skip
        table = catalog.TABLE_BY_FILE[file]
        folder, name = file.split("/")
        want = con.execute(
            f"SELECT * FROM {parquet(small, name, folder)} ORDER BY {table.key}"
        ).fetchall()
        got = rows(server, f"SELECT * FROM {SCHEMA}.{table.name} ORDER BY {table.key}")
        assert got == want, table.name


def test_the_spec_foreign_keys_exist_and_hold(
    loaded: subprocess.CompletedProcess[str], server: postgres_server.Server
) -> None:
    assert loaded.returncode == 0, loaded.stderr
    found = rows(
        server,
        "SELECT conrelid::regclass::text, a.attname, confrelid::regclass::text, p.attname "
        "FROM pg_constraint k "
        "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
        "JOIN pg_attribute p ON p.attrelid = k.confrelid AND p.attnum = k.confkey[1] "
        "WHERE k.contype = 'f' AND k.connamespace = %s::regnamespace",
        [SCHEMA],
    )
    wanted = {
        (f"{SCHEMA}.{table}", "product_id", f"{SCHEMA}.products", "product_id")
        for table in (
            "ecom_transactions",
            "pos_transactions",
            "survey_responses",
            "product_reviews",
        )
    }
    assert set(found) == wanted
    # every reference holds in the loaded data, the survey's order (no key: not a foreign key)
    # too
    for ref in catalog.REFERENCES:
        orphans = rows(
            server,
            f"SELECT count(*) FROM {SCHEMA}.{ref.table} t WHERE t.{ref.column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {SCHEMA}.{ref.parent} p "
            f"WHERE p.{ref.parent_column} = t.{ref.column})",
        )
        assert orphans == [(0,)], ref


def test_identifier_columns_are_indexed(
    loaded: subprocess.CompletedProcess[str], server: postgres_server.Server
) -> None:
    assert loaded.returncode == 0, loaded.stderr
    indexed = set(
        rows(
            server,
            "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            "WHERE c.relnamespace = %s::regnamespace AND NOT i.indisprimary",
            [SCHEMA],
        )
    )
    assert indexed == {(SOURCE_BY_ID[m.table_id].table, m.column) for m in MAPPINGS}
    analyzed = rows(
        server,
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = %s "
        "AND relname <> '__idr_load' AND last_analyze IS NULL",
        [SCHEMA],
    )
    assert analyzed == [(0,)]


def test_metadata_is_loaded_beside_and_its_inserts_run_on_postgresql(
    loaded: subprocess.CompletedProcess[str], server: postgres_server.Server, small: Path
) -> None:
    """The idr_meta tables hold the metadata files' rows (table_fqn naming our schema); the
    files themselves run on PostgreSQL as written, into an `idr_meta` schema of the same
    tables."""
    assert loaded.returncode == 0, loaded.stderr
    meta = f"{SCHEMA}_idr_meta"
    import psycopg

    duck = duckdb.connect()
    duck.execute(IDR_META_DDL)
    for name in METADATA_FILES:
        duck.execute((small / "metadata" / name).read_text(encoding="utf-8"))
    tables = [
        t for (t,) in duck.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
    ]
    assert tables == ["identifier_exclusion", "identifier_mapping", "rule", "source_table"]
    assert rows(server, f"SELECT count(*) FROM {meta}.__idr_load") == [(1,)]
    with psycopg.connect(server.url()) as conn:
        conn.execute("CREATE SCHEMA idr_meta")
        for table in tables:
            conn.execute(f"CREATE TABLE idr_meta.{table} (LIKE {meta}.{table} INCLUDING DEFAULTS)")
        for name in METADATA_FILES:
            conn.execute((small / "metadata" / name).read_text(encoding="utf-8"))
        for table in tables:
            columns = [c for (c,) in duck.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table],
            ).fetchall()]  # fmt: skip
            # created_at: the moment each side inserted; the rest as written
            shown = ", ".join(c for c in columns if c != "created_at")
            want = sorted(duck.execute(f"SELECT {shown} FROM idr_meta.{table}").fetchall())
            loaded_rows = sorted(conn.execute(f"SELECT {shown} FROM {meta}.{table}").fetchall())
            run_here = sorted(conn.execute(f"SELECT {shown} FROM idr_meta.{table}").fetchall())
            if table == "source_table":  # the one difference: the tables' schema is named
                want = [(r[0], f"{SCHEMA}.{r[1]}", *r[2:]) for r in want]
                run_here = [(r[0], f"{SCHEMA}.{r[1]}", *r[2:]) for r in run_here]
            assert loaded_rows == want == run_here, table
        conn.rollback()


def test_overwrite_replaces_only_a_schema_load_wrote(
    server: postgres_server.Server, small: Path
) -> None:
    url = server.url()
    # someone's schema, and one of ours where someone added a table: never replaced
    server.sql(
        "CREATE SCHEMA theirs; CREATE TABLE theirs.t (x int); INSERT INTO theirs.t VALUES (1)"
    )
    refused = cli(
        "load", "--output-dir", str(small), "--to", url, "--schema", "theirs", "--overwrite"
    )
    one_line_failure(refused, 2, "schema theirs exists and was not written by idrgen-duck load")
    assert server.sql("SELECT x FROM theirs.t") == "1"
    # the metadata schema beside it counts as well
    server.sql("CREATE SCHEMA mine_idr_meta")
    refused = cli("load", "--output-dir", str(small), "--to", url, "--schema", "mine")
    one_line_failure(refused, 2, "schema mine_idr_meta exists and was not written")
    server.sql("DROP SCHEMA mine_idr_meta")

    first = cli("load", "--output-dir", str(small), "--to", url, "--schema", "again")
    assert first.returncode == 0, first.stderr
    stamp = server.sql("SELECT loaded_at FROM again.__idr_load")
    one_line_failure(
        cli("load", "--output-dir", str(small), "--to", url, "--schema", "again"),
        2,
        "schema again exists; pass --overwrite",
    )
    server.sql("CREATE VIEW again.mine AS SELECT 1 AS x")
    one_line_failure(
        cli("load", "--output-dir", str(small), "--to", url, "--schema", "again", "--overwrite"),
        2,
        "also holds mine, which idrgen-duck did not write",
    )
    assert server.sql("SELECT loaded_at FROM again.__idr_load") == stamp
    server.sql("DROP VIEW again.mine")
    # a view of someone's elsewhere on one of our tables: dropping it would drop theirs
    server.sql("CREATE VIEW theirs.customers AS SELECT * FROM again.crm_customers")
    one_line_failure(
        cli("load", "--output-dir", str(small), "--to", url, "--schema", "again", "--overwrite"),
        2,
        "view theirs.customers depends on table again.crm_customers",
        "nothing was changed",
    )
    assert server.sql("SELECT count(*) FROM theirs.customers") == "3200"
    assert server.sql("SELECT loaded_at FROM again.__idr_load") == stamp
    server.sql("DROP VIEW theirs.customers")
    replaced = cli(
        "load", "--output-dir", str(small), "--to", url, "--schema", "again", "--overwrite"
    )
    assert replaced.returncode == 0, replaced.stderr
    assert server.sql("SELECT loaded_at FROM again.__idr_load") != stamp
    assert server.sql("SELECT count(*) FROM again.crm_customers") == "3200"
    assert server.sql("SELECT nspname FROM pg_namespace WHERE nspname LIKE '\\_\\_partial%'") == ""


def test_server_failures_are_one_line_each(server: postgres_server.Server, small: Path) -> None:
    def load(url: str) -> subprocess.CompletedProcess[str]:
        return cli("load", "--output-dir", str(small), "--to", url, "--schema", "failures")

    nobody = postgres_server.free_port()
    one_line_failure(
        load(f"postgresql://postgres:x@127.0.0.1:{nobody}/postgres"),
        1,
        f"cannot connect to PostgreSQL at 127.0.0.1:{nobody} (connection refused)",
        "start the server",
    )
    wrong = load(server.url(password="not-the-password"))
    one_line_failure(wrong, 1, "refused the password of user postgres", "correct it in --to")
    assert "not-the-password" not in wrong.stderr
    one_line_failure(
        load(server.url("no_such_db")), 1, "database 'no_such_db' does not exist", "createdb"
    )
    assert server.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%failures%'") == "0"


@needs_psycopg
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--to", "postgresql://u:secret@[::1/db"), "--to: malformed URL"),
        (("--to", "mysql://u@h/db"), "--to: not a PostgreSQL URL"),
        (("--to", "postgresql://u@h:port/db"), "--to: the port 'port' is not a number"),
        (("--to", "postgresql://u@h/db", "--schema", "Mixed"), "--schema: 'Mixed' is not a schema name"),
        (("--to", "postgresql://u@h/db", "--db", "x.duckdb"), "--db and --to: give one"),
        (("--schema", "s"), "--schema: only with --to"),
    ],
)  # fmt: skip
def test_bad_targets_are_refused_before_connecting(
    small: Path, args: tuple[str, ...], words: str
) -> None:
    done = cli("load", "--output-dir", str(small), *args)
    one_line_failure(done, 2, words)
    assert "secret" not in done.stderr


@needs_psycopg
def test_an_output_missing_a_file_is_refused(small_copy: Path) -> None:
    (small_copy / "truth" / "persons.parquet").unlink()
    done = cli("load", "--output-dir", str(small_copy), "--to", "postgresql://u@127.0.0.1:1/db")
    one_line_failure(done, 2, "lacks truth/persons.parquet")


def test_an_output_of_some_sources_loads_those(
    server: postgres_server.Server, small_copy: Path
) -> None:
    """An output of `run --sources crm,ecom,survey`: its report names them, the other
    sources' files are not there; their keys and indexes follow."""
    report = small_copy / "stats" / "generation_report.json"
    report.write_text(
        json.dumps({**json.loads(report.read_text()), "sources": ["crm", "ecom", "survey"]})
    )
    for table in ("loyalty_members", "mobile_app_users", "pos_transactions", "product_reviews"):
        (small_copy / "parquet" / f"{table}.parquet").unlink()
    done = cli("load", "--output-dir", str(small_copy), "--to", server.url(), "--schema", "some")
    assert done.returncode == 0, done.stderr
    tables = server.sql("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
                         "WHERE relnamespace = 'some'::regnamespace AND relkind = 'r'")  # fmt: skip
    assert tables == ("__idr_load,crm_customers,ecom_transactions,products,survey_responses,"
                      "truth_persons,truth_record_person")  # fmt: skip
    foreign = server.sql("SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                          "AND connamespace = 'some'::regnamespace")  # fmt: skip
    assert foreign == "2"  # ecom's and the survey's product


def test_without_psycopg_it_says_how_to_install_it(small: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "psycopg"
    blocked.mkdir()
    (blocked / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = cli("load", "--output-dir", str(small), "--to", "postgresql://u@h/db", env=env)
    one_line_failure(done, 2, "needs psycopg", "pip install 'idrgen-duck[postgresql]'")


def test_a_full_disk_fails_in_one_line_and_keeps_the_previous_load(
    server: postgres_server.Server, small: Path
) -> None:
    """A real full disk: the database's tables go on a 1 MB tmpfs (needs root to mount)."""
    space = Path(tempfile.mkdtemp(prefix="idrgen-pg-tiny-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(space)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        space.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()}): needs root")
    try:
        postgres_server.hand_over(space)
        server.sql(f"CREATE TABLESPACE tiny LOCATION '{space}'")
        server.sql("CREATE DATABASE nearly_full")
        url = server.url("nearly_full")
        first = cli("load", "--output-dir", str(small), "--to", url)
        assert first.returncode == 0, first.stderr
        stamp = server.sql("SELECT loaded_at FROM idrgen.__idr_load", "nearly_full")
        # from now on, new tables of this database go to the tiny tablespace
        server.sql("ALTER DATABASE nearly_full SET default_tablespace = tiny")
        full = cli("load", "--output-dir", str(small), "--to", url, "--overwrite")
        one_line_failure(full, 1, "disk is full", "nothing was written", "free space")
        assert server.sql("SELECT loaded_at FROM idrgen.__idr_load", "nearly_full") == stamp
        assert (
            server.sql("SELECT count(*) FROM idrgen.truth_record_person", "nearly_full") == "20000"
        )
        schemas = server.sql("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace "
                              "WHERE nspname LIKE '%idr%'", "nearly_full")  # fmt: skip
        assert schemas == "idrgen,idrgen_idr_meta"
    finally:
        server.sql("DROP DATABASE IF EXISTS nearly_full")
        server.sql("DROP TABLESPACE IF EXISTS tiny")
        subprocess.run(["umount", str(space)], check=False)
        space.rmdir()


def test_every_catalog_type_has_one_postgresql_type() -> None:
    for table in catalog.TABLES:
        for column in table.columns:
            assert postgres_type(column.type)  # raises for a type it does not know
    assert postgres_type("DECIMAL(14,2)") == "numeric(14,2)"
    assert postgres_type("VARCHAR[]") == "text[]"
    with pytest.raises(ValueError, match="HUGEINT"):
        postgres_type("HUGEINT")
