"""The random function in Python: the reference the SQL of every engine must equal.

`rand(seed, stream, key)` is an integer in [0, 2^32): the 32-bit "lowbias32" mixer (three
xor-shifts, two multiplications) of the key folded to 32 bits, xor the stream's CRC-32, xor the
mixed master seed. sql/macros/random.sql writes the same arithmetic for each engine; the
render step bakes in the stream ids and the mixed seed computed here, and the engine tests
compare every engine's draws with this function.
"""

from __future__ import annotations

import zlib

MASK32 = 2**32 - 1


def mix32(x: int) -> int:
    x ^= x >> 16
    x = (x * 2146121005) & MASK32
    x ^= x >> 15
    x = (x * 1540483477) & MASK32
    return x ^ (x >> 16)


def stream_id(stream: str) -> int:
    """A stream's id: the CRC-32 of its '<table>.<column>' name (stable everywhere)."""
    return zlib.crc32(stream.encode())


def seed_mix(seed: int) -> int:
    """The master seed, mixed once so that nearby seeds give unrelated streams."""
    return mix32(seed)


def rand(seed: int, stream: str, key: int) -> int:
    """The draw of `stream` for `key` (0 <= key < 2^63) under master seed `seed`."""
    folded = (key + key // 2**32) % 2**32
    return mix32(folded ^ stream_id(stream) ^ seed_mix(seed))
