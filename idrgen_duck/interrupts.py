"""Ctrl-C, SIGTERM and SIGHUP: one way to stop, whatever the moment.

Each signal raises `Interrupted` in the main thread, so every `except BaseException` cleanup
runs (the staging folder is removed, DuckDB is interrupted). DuckDB's Python client turns an
exception raised during its own query into "Query interrupted", so the signal is also
recorded here: the CLI asks `received()` to tell an interrupt from a failure. Only the first
signal raises; later ones (a user pressing Ctrl-C again) are recorded and do not break the
cleanup of the first.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

HANDLED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_received: list[int] = []


class Interrupted(KeyboardInterrupt):
    """The process got SIGINT, SIGTERM or SIGHUP."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_once(signum: int, frame: FrameType | None) -> None:
    first = not _received
    _received.append(signum)
    if first:
        raise Interrupted(signum)


def received() -> int | None:
    """The first signal received since `handled()` began, if any."""
    return _received[0] if _received else None


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


def exit_code(signum: int) -> int:
    """The shell's convention: 128 + the signal number (130 SIGINT, 143 SIGTERM, 129 SIGHUP)."""
    return 128 + signum


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn the handled signals into `Interrupted` for the duration (main thread only)."""
    _received.clear()
    previous = {signum: signal.signal(signum, _raise_once) for signum in HANDLED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold the handled signals back for a few file renames that must not stop halfway;
    a signal that arrives meanwhile is delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HANDLED)
