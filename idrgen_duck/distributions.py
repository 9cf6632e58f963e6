"""Distribution tables for the SQL, computed once at render time.

Engines compute ln, exp and pow with last bits of their own, and a value that crosses an
integer boundary by one ulp moves a record. So the SQL never calls them: a draw picks one of
QUANTILES quantiles of the standard normal or exponential distribution, and exp is read from
a grid; everything else is integer arithmetic (sql/macros/random.sql). All values are integers
x 10^6, written into the rendered SQL as constants, so every engine reads the same numbers.
"""

from __future__ import annotations

import math
from statistics import NormalDist

QUANTILES = 4096  # quantiles per distribution: the draw's value modulo this picks one
# exp(s) on s = EXP_LOW .. EXP_HIGH, EXP_STEPS points per unit (log-normal amounts and Pareto
# weights read it; 10^9 / EXP_STEPS must be an integer)
EXP_LOW, EXP_HIGH, EXP_STEPS = -8, 12, 256
MICRO = 10**6


def normal_micro() -> list[int]:
    """Mid-point quantiles of the standard normal, z x 10^6 (|z| < 3.6)."""
    normal = NormalDist()
    return [round(normal.inv_cdf((i + 0.5) / QUANTILES) * MICRO) for i in range(QUANTILES)]


def exponential_micro() -> list[int]:
    """Mid-point quantiles of the standard exponential, -ln(1 - u) x 10^6 (< 9.1)."""
    return [round(-math.log(1 - (i + 0.5) / QUANTILES) * MICRO) for i in range(QUANTILES)]


def exp_micro() -> list[int]:
    """exp(EXP_LOW + i / EXP_STEPS) x 10^6 for i = 0 .. (EXP_HIGH - EXP_LOW) x EXP_STEPS."""
    cells = (EXP_HIGH - EXP_LOW) * EXP_STEPS
    return [round(math.exp(EXP_LOW + i / EXP_STEPS) * MICRO) for i in range(cells + 1)]


def template_globals() -> dict[str, object]:
    return {
        "quantiles": QUANTILES,
        "exp_low": EXP_LOW,
        "exp_steps": EXP_STEPS,
        "exp_cells": (EXP_HIGH - EXP_LOW) * EXP_STEPS,
        "distribution_tables": {
            "normal": normal_micro(),
            "exponential": exponential_micro(),
            "exp": exp_micro(),
        },
    }
