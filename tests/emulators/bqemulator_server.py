"""Start bqemulator (the BigQuery emulator on DuckDB) without its GEOGRAPHY support.

Run by the interpreter of a separate environment that holds bqemulator (it pins an older
sqlglot than fakesnow): `python bqemulator_server.py --rest-port N ...` takes the options of
`bqemulator start`. The emulator loads DuckDB's spatial extension at start-up, which is
downloaded from the network; the generation uses no GEOGRAPHY, so the load is skipped.
"""

import sys

import bqemulator.storage.engine as engine
from bqemulator.cli import main

engine.DuckDBEngine._load_spatial = lambda self: None  # type: ignore[method-assign]
sys.argv = ["bqemulator", "start", *sys.argv[1:]]
main()
