"""How long a market runs and which seed it runs on, checked once with one-line errors.

A horizon is given in months and cut into whole steps of ``market.step_months``. Zero
months means "no step" (the starting state only); an experiment's horizon needs at least
one step, because its results are the steps' totals. Seeds are non-negative integers, the
values ``numpy.random.SeedSequence`` accepts.
"""

from __future__ import annotations

import math
import numbers

from simulation.errors import ParameterError

MAX_MONTHS = 1200.0   # a century: longer horizons are a typo (1e9 months would never finish)
MAX_SEED = 2**63 - 1


def steps_in(months: float, step_months: float, name: str = "months") -> int:
    """Whole steps in `months` (0 allowed); ParameterError for NaN, negative or > MAX_MONTHS."""
    if isinstance(months, bool) or not isinstance(months, numbers.Real):
        raise ParameterError(f"{name} = {months!r}: expected a number of months")
    if not math.isfinite(months) or not 0 <= months <= MAX_MONTHS:
        raise ParameterError(f"{name} = {months:g} is out of range: must be between 0 and "
                             f"{MAX_MONTHS:g} months")
    return int(round(months / step_months))


def check_horizon(months: float, step_months: float, name: str = "months") -> float:
    """An experiment's horizon: at least one step of `step_months`, at most MAX_MONTHS."""
    if steps_in(months, step_months, name) < 1:
        raise ParameterError(f"{name} = {months:g} is shorter than one step "
                             f"(market.step_months = {step_months:g}): must be between "
                             f"{step_months:g} and {MAX_MONTHS:g} months")
    return float(months)


def check_seed(seed: object, name: str = "seed") -> int:
    """A seed: a whole number between 0 and 2**63 - 1."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ParameterError(f"{name} = {seed!r}: expected a whole number between 0 and "
                             f"{MAX_SEED}")
    if not 0 <= seed <= MAX_SEED:
        raise ParameterError(f"{name} = {seed} is out of range: must be between 0 and "
                             f"{MAX_SEED}")
    return int(seed)
