"""bqemulator, the BigQuery emulator, run as a server from its own environment, and queried
over BigQuery's REST API (jobs.query), values typed by the schema it returns.

Its environment: IDRGEN_BQEMULATOR_PYTHON, or .venv-bqemulator at the top of the repository
(README, "Snowflake and BigQuery": `pip install bqemulator==1.4.0 numpy`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent.parent
SERVER = Path(__file__).parent / "bqemulator_server.py"
PROJECT = "idrgentest"


def python() -> Path | None:
    """The interpreter of the environment holding bqemulator, if there is one."""
    configured = os.environ.get("IDRGEN_BQEMULATOR_PYTHON")
    candidate = Path(configured) if configured else ROOT / ".venv-bqemulator" / "bin" / "python"
    return candidate if candidate.exists() else None


class QueryError(RuntimeError):
    """The emulator refused or failed a statement (its message)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class BigQueryEmulator:
    """A bqemulator server on loopback ports, its data in `data_dir` (a DuckDB file); its
    Cloud Storage (gs://bucket/path, for EXPORT DATA) is the folder data_dir/gcs/bucket/path."""

    def __init__(self, data_dir: Path) -> None:
        interpreter = python()
        if interpreter is None:
            raise FileNotFoundError("no environment with bqemulator")
        self.data_dir = data_dir
        self.gcs = data_dir / "gcs"
        self.gcs.mkdir(exist_ok=True)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/bigquery/v2/projects/{PROJECT}/queries"
        self.process = subprocess.Popen(
            [str(interpreter), str(SERVER), "--rest-port", str(port), "--grpc-port",
             str(free_port()), "--project", PROJECT, "--log-level", "error", "--persistent",
             "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env=os.environ | {"BQEMU_GCS_LOCAL_ROOT": str(self.gcs)},
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                self.query("SELECT 1")
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    error = (
                        self.process.stderr.read().decode()[-2000:] if self.process.stderr else ""
                    )
                    self.stop()
                    raise RuntimeError(f"bqemulator did not start: {error}") from None
                time.sleep(0.5)

    def query(self, sql: str) -> list[list[Any]]:
        """Rows of a statement's result, typed (INT64 as int, NUMERIC as Decimal, arrays
        as lists...)."""
        body = json.dumps({"query": sql, "useLegacySql": False, "timeoutMs": 600_000}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=900) as response:
                result = json.load(response)
        except urllib.error.HTTPError as error:
            raise QueryError(error.read().decode()[:2000]) from None
        if result.get("errors") or not result.get("jobComplete", False):
            raise QueryError(json.dumps(result.get("errors"))[:2000])
        fields = result.get("schema", {}).get("fields", [])
        return [
            [typed(field, cell["v"]) for field, cell in zip(fields, row["f"], strict=True)]
            for row in result.get("rows", [])
        ]

    def stop(self) -> None:
        """Stop the server; its DuckDB file is then complete."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def database(self) -> Path:
        return self.data_dir / "bqemulator.duckdb"


def typed(field: dict[str, Any], value: Any) -> Any:
    if field.get("mode") == "REPEATED":
        return [typed({**field, "mode": "NULLABLE"}, item["v"]) for item in value or []]
    if value is None:
        return None
    kind = field["type"]
    if kind in ("INTEGER", "INT64"):
        return int(value)
    if kind in ("FLOAT", "FLOAT64"):
        return float(value)
    if kind in ("NUMERIC", "BIGNUMERIC"):
        return Decimal(value)
    if kind in ("BOOLEAN", "BOOL"):
        return value == "true"
    if kind == "DATETIME":
        return dt.datetime.fromisoformat(value)
    if kind == "DATE":
        return dt.date.fromisoformat(value)
    return value
