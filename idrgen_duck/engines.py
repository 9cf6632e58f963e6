"""The engines that run rendered SQL: DuckDB in process, and Apache Spark (local or a cluster).

Both run a step's statements one by one and can be interrupted from another thread; the
runner (runner.py) does not know which one it drives. Spark is an optional extra, imported
only when asked for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Protocol

from idrgen_duck import db
from idrgen_duck.config import ConfigError, RunConfig


class Engine(Protocol):
    """What the runner needs of an engine."""

    name: str

    def statements(self, sql: str) -> list[Any]:
        """A step's SQL cut into the statements `execute` takes."""
        ...

    def execute(self, statement: Any) -> None: ...

    def progress(self) -> float:
        """Progress of the running statement, 0..1 (0 when unknown)."""
        ...

    def interrupt(self) -> None: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """DuckDB on a database file in the work folder (tables that do not fit are evicted
    compressed), or in memory."""

    name = "duckdb"

    def __init__(self, path: str = ":memory:", **settings: Any) -> None:
        self.con = db.connect(path, **settings)

    def statements(self, sql: str) -> list[Any]:
        return list(self.con.extract_statements(sql))  # parsed once, executed as they are

    def execute(self, statement: Any) -> None:
        self.con.execute(statement)

    def progress(self) -> float:
        return max(self.con.query_progress(), 0.0) / 100

    def interrupt(self) -> None:
        self.con.interrupt()

    def close(self) -> None:
        self.con.close()


# A string literal on one line (the rendered SQL has no multi-line strings).
_STRING = re.compile(r"'(?:[^']|'')*'")


def split_statements(sql: str) -> list[str]:
    """The statements of rendered SQL, in order: each ends with a ';' at the end of a line,
    outside string literals and comments. Empty statements and bare comments are dropped."""
    statements: list[str] = []
    current: list[str] = []
    for line in sql.splitlines():
        current.append(line)
        code = _STRING.sub("''", line).split("--", 1)[0]
        if code.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().removesuffix(";"))
            current = []
    statements.append("\n".join(current))
    return [s for s in statements if _has_code(s)]


def _has_code(statement: str) -> bool:
    return any(
        line.strip() and not line.strip().startswith("--") for line in statement.splitlines()
    )


class SparkEngine:
    """Spark SQL through PySpark: local mode with `threads` cores, or the cluster at
    `master`. Its work files (shuffle, spill, the cache of work tables) go to `work`."""

    name = "spark"

    def __init__(self, config: RunConfig, work: Path, master: str | None = None) -> None:
        try:
            from pyspark.sql import SparkSession  # an optional extra
        except ImportError:
            raise ConfigError(
                "--engine spark: PySpark is not installed; pip install 'idrgen-duck[spark]'"
            ) from None
        builder = (
            SparkSession.builder.master(master or f"local[{config.threads}]")
            .appName("idrgen-duck")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", spark_memory(config.memory_limit_bytes))
            .config("spark.local.dir", str(work))
            .config("spark.sql.warehouse.dir", str(work / "warehouse"))
            .config("spark.sql.session.timeZone", "UTC")
            # no _SUCCESS marker files in the output folders
            .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        )
        self.spark = builder.getOrCreate()
        # errors reach the caller as exceptions; the log would add Spark's own noise (such as
        # a code generator falling back to interpreting a large projection, which is fine)
        self.spark.sparkContext.setLogLevel("OFF")
        # Hadoop's local file system writes a .crc file beside every part file; not wanted
        hadoop = self.spark.sparkContext._jsc.hadoopConfiguration()
        self.spark.sparkContext._jvm.org.apache.hadoop.fs.FileSystem.get(hadoop).setWriteChecksum(
            False
        )

    def statements(self, sql: str) -> list[Any]:
        return list(split_statements(sql))

    def execute(self, statement: Any) -> None:
        self.spark.sql(statement)

    def progress(self) -> float:
        return 0.0

    def interrupt(self) -> None:
        self.spark.sparkContext.cancelAllJobs()

    def close(self) -> None:
        self.spark.stop()


def spark_memory(limit_bytes: int) -> str:
    """Spark's driver memory for a DuckDB-style limit (local mode runs in the driver)."""
    return f"{max(limit_bytes // 2**20, 512)}m"


def available(name: str) -> bool:
    """Whether an engine can be used here (Spark needs PySpark and a Java runtime)."""
    if name == "duckdb":
        return True
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return bool(os.environ.get("JAVA_HOME") or _on_path("java"))


def _on_path(program: str) -> bool:
    return any(
        (Path(folder) / program).exists() for folder in os.environ.get("PATH", "").split(os.pathsep)
    )
