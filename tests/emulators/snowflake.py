"""fakesnow, the Snowflake emulator: the Snowflake connector patched to run on DuckDB, with
the default target's database and schema created."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from idrgen_duck.render import DEFAULT_TARGETS


@contextmanager
def connection() -> Iterator[Any]:
    import fakesnow
    import snowflake.connector

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the connector's and pyarrow's deprecation notices
        with fakesnow.patch():
            connected = snowflake.connector.connect()
            cursor = connected.cursor()
            database, schema = DEFAULT_TARGETS["snowflake"].split(".")
            cursor.execute(f"CREATE DATABASE IF NOT EXISTS {database}")
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {database}.{schema}")
            try:
                yield connected
            finally:
                connected.close()
