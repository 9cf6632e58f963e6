"""Golden answers: the content checksums of every file at 20K records, seed 7, committed.

Any change to the data, wanted or not, fails here. After an intended change, regenerate the
file (IDRGEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py) and say why in the commit.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from idrgen_duck.checksums import output_checksums

GOLDEN = Path(__file__).parent / "golden" / "checksums_20K_seed_7.json"


def test_checksums_at_20k_match_the_committed_golden_file(small: Path) -> None:
    seen = output_checksums(small)
    if os.environ.get("IDRGEN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(seen, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert seen == json.loads(GOLDEN.read_text(encoding="utf-8"))
