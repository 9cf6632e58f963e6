"""The folders and files the product writes, and the rules that keep it off everything else.

- Every folder the product writes carries a marker file. `--overwrite` replaces only a folder
  with the marker whose entries all have names the product writes, or an empty folder;
  anything else is refused with the foreign entries named. Some paths are refused always:
  "", ".", the home folder, a filesystem root and any folder holding the working directory.
- Work happens in a hidden staging sibling, `.<name>.partial-<pid>`, carrying a staging
  marker with the process id and host. The next run removes those whose process is gone.
- Publishing renames the finished staging folder into place. A replaced output is first
  renamed aside, then removed file by file, by name: never a recursive delete of a folder a
  user could have put something into.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from idrgen_duck import __version__, interrupts
from idrgen_duck.config import ConfigError

TOOL = "idrgen-duck"
MARKER = ".idrgen-duck"  # JSON: {"tool": "idrgen-duck", "kind": ..., "version": ...}
STAGING_MARKER = ".idrgen-duck-staging"  # JSON: {"pid": ..., "host": ..., "target": ...}
# What Spark writes for one table: a folder of part files (its marker and checksum files are
# turned off, but an engine that writes them still writes only these names).
PART_FILE = re.compile(r"^\.?(part-[\w.-]+|_SUCCESS)(\.crc)?$")
# Folders published by this process (the CLI tells an interrupt after publishing apart).
PUBLISHED: list[Path] = []
# Paths the rendered SQL for the DuckDB CLI cannot quote safely (in SQL strings and .shell).
# (glob characters too: run.sql lists the output folder with DuckDB's glob)
UNQUOTABLE = re.compile(r"['\"\n\r`$\\*?\[]")


@dataclass(frozen=True)
class Layout:
    """What one kind of folder holds: the files the product writes there, by relative path."""

    kind: str  # "output" or "sql", as written in the marker
    marker: str  # relative path of the marker file
    files: frozenset[str]  # relative POSIX paths, the marker included

    @property
    def folders(self) -> frozenset[str]:
        parents = {str(PurePosixPath(f).parent) for f in self.files}
        return frozenset(p for p in parents if p != ".")

    def describe(self) -> str:
        return "idrgen-duck output" if self.kind == "output" else "idrgen-duck SQL folder"


def marker_text(kind: str) -> str:
    return json.dumps({"tool": TOOL, "kind": kind, "version": __version__}) + "\n"


def has_marker(folder: Path, layout: Layout) -> bool:
    """Whether the folder carries the product's marker of this kind."""
    try:
        marker = json.loads((folder / layout.marker).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and (marker.get("tool"), marker.get("kind")) == (
        TOOL,
        layout.kind,
    )


# --- checks before any work ------------------------------------------------------------------


def checked_path(text: str, option: str, example: str) -> Path:
    """The absolute path the user named, refused where replacing it could never be right."""
    if not text.strip():
        raise ConfigError(f"{option}: the path is empty; name a folder, e.g. {option} {example}")
    path = Path(text).expanduser().resolve()
    cwd = Path.cwd().resolve()
    why = None
    if path == Path(path.anchor):
        why = "is a filesystem root"
    elif path == Path.home().resolve():
        why = "is your home folder"
    elif path == cwd:
        why = "is the current folder"
    elif path in cwd.parents:
        why = "holds the current folder"
    if why:
        raise ConfigError(
            f"{option}: {text!r} {why}; idrgen-duck writes only into a folder of its own, "
            f"e.g. {option} {example}"
        )
    return path


def quotable(path: Path, option: str) -> Path:
    """Paths that the rendered SQL can hold in quotes and glob (see UNQUOTABLE)."""
    if UNQUOTABLE.search(path.as_posix()):
        raise ConfigError(
            f"{option}: {path} has a quote, backslash, $ or glob character that the rendered "
            "SQL cannot hold; choose a plainer path"
        )
    return path


def foreign_entries(folder: Path, layout: Layout) -> list[str]:
    """Entries of `folder` that the product does not write there (folders end with '/')."""
    foreign: list[str] = []

    def walk(directory: Path, prefix: str) -> None:
        for entry in sorted(directory.iterdir()):
            relative = f"{prefix}{entry.name}"
            if entry.is_dir() and not entry.is_symlink():
                if relative in layout.folders:
                    walk(entry, relative + "/")
                elif relative in layout.files:  # a table written as a folder of part files
                    foreign.extend(
                        f"{relative}/{part.name}"
                        for part in sorted(entry.iterdir())
                        if not PART_FILE.match(part.name) or not part.is_file()
                    )
                else:
                    foreign.append(relative + "/")
            elif relative not in layout.files or entry.is_symlink():
                foreign.append(relative)

    walk(folder, "")
    return foreign


def _named(entries: list[str], shown: int = 5) -> str:
    names = ", ".join(entries[:shown])
    return names + (f" and {len(entries) - shown} more" if len(entries) > shown else "")


def check_replaceable(path: Path, layout: Layout, option: str, overwrite: bool) -> None:
    """Refuse, naming why, unless `path` is absent, empty, or a folder of this layout that
    may be replaced (`overwrite`). Nothing is touched."""
    if not path.exists():
        if path.is_symlink():
            raise ConfigError(f"{option}: {path} is a broken link; name a folder")
        return
    if not path.is_dir():
        raise ConfigError(f"{option}: {path} is a file; name a folder")
    try:
        if not any(path.iterdir()):
            return
        foreign = foreign_entries(path, layout)
    except PermissionError:
        raise ConfigError(f"{option}: {path} cannot be read (permission denied)") from None
    if not has_marker(path, layout):
        raise ConfigError(
            f"{option}: {path} is not empty and is not an {layout.describe()} "
            f"(it holds {_named(foreign)}); idrgen-duck never replaces it: choose a new folder"
        )
    if foreign:
        raise ConfigError(
            f"{option}: {path} holds entries idrgen-duck did not write ({_named(foreign)}); "
            "move them out or choose a new folder"
        )
    if not overwrite:
        raise ConfigError(
            f"{option}: {path} holds an earlier {layout.describe()}; pass --overwrite to replace it"
        )


def check_removable(path: Path, layout: Layout, option: str) -> None:
    """Refuse, naming why, to remove `path` unless it is a folder of this layout holding only
    what the product writes there (`clean`: the rule of --overwrite)."""
    try:
        check_replaceable(path, layout, option, overwrite=True)
    except ConfigError as refusal:
        if path.is_dir() and not has_marker(path, layout) and any(path.iterdir()):
            raise ConfigError(
                f"{option}: {path} is not an idrgen-duck folder (it holds "
                f"{_named(foreign_entries(path, layout))}); clean removes only what "
                "idrgen-duck wrote"
            ) from None
        raise refusal from None


def check_seeds_folder(folder: Path) -> None:
    """`seeds` rewrites its CSVs by name: only into a new or empty folder or a seeds folder
    (one with the manifest that `seeds` writes)."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"--seeds-dir: {folder} is a file; name a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "manifest.csv").is_file():
        raise ConfigError(
            f"--seeds-dir: {folder} is not empty and holds no manifest.csv, so it is not a "
            "seeds folder; choose a new folder"
        )


def check_writable(folder: Path, option: str, wanted: Path | None = None) -> None:
    """The nearest existing folder at or above `folder` must be a folder we can write in
    (`wanted`: the path the user named, for the message; `folder` by default)."""
    wanted = wanted or folder
    existing = folder
    while not existing.exists():
        if existing.is_symlink():
            raise ConfigError(f"{option}: {existing} is a broken link; name a folder")
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"{option}: {existing} is a file, so {wanted} cannot be a folder")
    try:  # a real probe: permissions, read-only mounts and /proc answer it alike
        probe = tempfile.mkdtemp(prefix=".idrgen-duck-probe-", dir=existing)
    except OSError as error:
        raise ConfigError(
            f"{option}: cannot write in {existing} ({error.strerror}), so {wanted} cannot be made"
        ) from None
    os.rmdir(probe)


def make_folder(folder: Path, option: str) -> None:
    """mkdir -p, with one clear line when the place cannot hold a folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ConfigError(f"{option}: {folder} is a file; name a folder") from None
    except OSError as error:
        raise ConfigError(f"{option}: cannot create {folder} ({error.strerror})") from None


# --- staging ---------------------------------------------------------------------------------


def _host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _staging_owner(path: Path) -> dict | None:
    """The staging marker of a folder (or None when it has none we wrote)."""
    marker = path / STAGING_MARKER if path.is_dir() else None
    if marker is None:
        return None
    try:
        owner = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) and owner.get("tool") == TOOL else None


def _dead_here(owner: dict) -> bool:
    """Whether the process that wrote a staging marker is gone (only known on its own host)."""
    pid = owner.get("pid")
    return owner.get("host") == _host() and isinstance(pid, int) and not process_alive(pid)


def pid_suffix(name: str, prefix: str) -> int | None:
    """The process id of a name `<prefix><pid>`, else None."""
    rest = name[len(prefix) :] if name.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


def _remove_if_abandoned(folder: Path, prefix: str) -> bool:
    """Remove `folder` (named `<prefix><pid>`) whole when its staging marker says it is ours
    and its process is gone: nobody else writes into such a hidden folder."""
    if pid_suffix(folder.name, prefix) is None:
        return False
    owner = _staging_owner(folder)
    if owner is None or not _dead_here(owner):
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True


def stale_entries(target: Path, layout: Layout) -> list[Path]:
    """What killed runs for `target` left beside it (see remove_stale), touching nothing."""
    parent = target.parent
    if not parent.is_dir():
        return []
    stale = []
    for entry in sorted(parent.iterdir()):
        if pid_suffix(entry.name, f".{target.name}.partial-") is not None:
            owner = _staging_owner(entry)
            if owner is not None and _dead_here(owner):
                stale.append(entry)
        pid = pid_suffix(entry.name, f".{target.name}.previous-")
        if pid is not None and entry.is_dir() and not process_alive(pid):
            if has_marker(entry, layout) or not any(entry.iterdir()):
                stale.append(entry)
    return stale


def remove_stale(target: Path, layout: Layout) -> list[Path]:
    """Remove what killed runs for `target` left beside it; returns what was removed.

    `.<name>.partial-<pid>`: a staging folder whose process is gone (removed whole: it is
    ours by its marker and nobody else writes into a hidden staging folder).
    `.<name>.previous-<pid>`: an output renamed aside by a publish that was killed before it
    finished; put back when the target is missing, else removed file by file.
    """
    removed = []
    for entry in stale_entries(target, layout):
        if pid_suffix(entry.name, f".{target.name}.partial-") is not None:
            shutil.rmtree(entry, ignore_errors=True)
        elif not target.exists():
            entry.rename(target)
            continue
        else:
            remove_by_layout(entry, layout)
        removed.append(entry)
    return removed


def _write_owner(folder: Path, target: Path) -> None:
    """The staging marker: who works in `folder`, so a later run can tell when it died."""
    owner = {
        "tool": TOOL,
        "pid": os.getpid(),
        "host": _host(),
        "target": str(target),
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    (folder / STAGING_MARKER).write_text(json.dumps(owner) + "\n", encoding="utf-8")


def make_staging(target: Path, layout: Layout, option: str) -> Path:
    """A fresh hidden staging folder beside `target` with the layout's folders in it."""
    remove_stale(target, layout)
    staging = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)  # our own pid: a leftover of this process
    make_folder(staging, option)
    _write_owner(staging, target)
    for folder in sorted(layout.folders):
        (staging / folder).mkdir(parents=True, exist_ok=True)
    return staging


WORK_PREFIX = ".idrgen-duck-work-"
SPILL = ".spill"  # the work folder inside a staging folder, when no --temp-dir is given


def make_work_folder(temp_dir: Path, option: str) -> Path:
    """This process's work folder (database and spill files) inside a user's --temp-dir,
    after removing those of dead runs: the folder is shared, so only our named, marked
    folders are touched."""
    make_folder(temp_dir, option)
    for entry in temp_dir.iterdir():
        _remove_if_abandoned(entry, WORK_PREFIX)
    work = temp_dir / f"{WORK_PREFIX}{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)  # our own pid: a leftover of this process
    make_folder(work, option)
    _write_owner(work, work)
    return work


def remove_work_folder(work: Path) -> None:
    """Remove a work folder this process made: its own in --temp-dir, or the staging's."""
    if work.name == SPILL or (_staging_owner(work) or {}).get("pid") == os.getpid():
        shutil.rmtree(work, ignore_errors=True)


def discard_staging(staging: Path) -> None:
    """Remove a staging folder this process made (and only such a folder)."""
    owner = _staging_owner(staging)
    if owner is not None and owner.get("pid") == os.getpid():
        shutil.rmtree(staging, ignore_errors=True)


def remove_by_layout(folder: Path, layout: Layout) -> list[str]:
    """Delete the layout's files, then its folders if empty, then `folder` if empty.
    Returns what stayed (anything foreign keeps its folders alive)."""
    for name in layout.files:
        path = folder / name
        if path.is_dir() and not path.is_symlink():  # a table written as part files
            for part in path.iterdir():
                if PART_FILE.match(part.name) and part.is_file():
                    part.unlink()
            with contextlib.suppress(OSError):
                path.rmdir()
        else:
            path.unlink(missing_ok=True)
    for name in sorted(layout.folders, key=lambda f: -f.count("/")):
        with contextlib.suppress(OSError):
            (folder / name).rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    return foreign_entries(folder, layout) if folder.exists() else []


def publish(staging: Path, target: Path, layout: Layout, option: str) -> None:
    """Swap the finished staging folder into place; a replaced output goes only after that.

    The target is checked again first: files put into it during the run stop the publish.
    """
    check_replaceable(target, layout, option, overwrite=True)
    with interrupts.deferred():
        (staging / STAGING_MARKER).unlink()
        previous = None
        if target.exists():
            previous = target.parent / f".{target.name}.previous-{os.getpid()}"
            target.rename(previous)
        staging.rename(target)
        PUBLISHED.append(target)
    if previous is not None:
        remove_by_layout(previous, layout)


# --- the layouts -----------------------------------------------------------------------------


def make_layout(kind: str, marker: str, files: Iterable[str]) -> Layout:
    return Layout(kind, marker, frozenset([*files, marker]))
