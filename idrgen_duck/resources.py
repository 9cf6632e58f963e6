"""Where the SQL templates and seed CSVs are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # A wheel carries sql/ and seeds/ inside the package; a checkout has them at the top.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"idrgen-duck is installed without its {name}/ folder")


def sql_dir() -> Path:
    return _find("sql")


def seeds_dir() -> Path:
    return _find("seeds")
