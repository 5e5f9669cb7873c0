"""Tenure: a customer's own chance of leaving changing with time as a customer (duration
dependence) and prior months cushioning a complaint (loyalty buffer). Both are off unless
`TenureParams` turns them on; then they act at the two places below and nothing else
changes (see `simulation.parameters.tenure` for the sources).

Duration dependence follows the beta-discrete-Weibull (Fader, Hardie, Liu, Davin &
Steenburgh 2018): a customer's cumulative hazard of leaving for causes no service
episode explains is H t^c after t years, so over one step from tenure t0 to t1 it is
H (t1^c - t0^c), the constant-hazard step's H (t1 - t0) times the factor below. A
customer who joined at step s first meets churn in step s + 1, at tenure 0.
"""

from __future__ import annotations

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population

MONTHS_PER_YEAR = 12.0


def years_before(pop: Population, idx: np.ndarray, clock: Clock) -> np.ndarray:
    """Years as a customer of `idx` at the start of this step."""
    steps = np.maximum(clock.step - 1 - pop.customer_since[idx], 0)
    return steps * clock.dt / MONTHS_PER_YEAR


def duration_factor(years: np.ndarray, step_years: float, shape: float) -> np.ndarray:
    """(t1^c - t0^c) / (t1 - t0) over the step from `years` to `years` + `step_years`."""
    return ((years + step_years) ** shape - years ** shape) / step_years


def hazard_scale(pop: Population, active: np.ndarray, params: Params, clock: Clock,
                 propensity: np.ndarray | None) -> np.ndarray | None:
    """Per active customer, the factor on the hazards of leaving for causes no episode
    explains: their latent `propensity` (None when everyone shares it) times the duration
    factor; unchanged when the hazard does not depend on tenure."""
    shape = params.tenure.duration_shape
    if shape == 1.0 or active.size == 0:
        return propensity
    factor = duration_factor(years_before(pop, active, clock), clock.dt / MONTHS_PER_YEAR,
                             shape)
    return factor if propensity is None else factor * propensity


def buffer_keeps(pop: Population, leavers: np.ndarray, params: Params, clock: Clock,
                 rng: np.random.Generator) -> np.ndarray:
    """Mask over `leavers` (leaving after a complaint episode) of those who do leave: the
    rest stay, each with chance 1 - exp(-buffer x years as a customer)."""
    buffer = params.tenure.loyalty_buffer
    if buffer <= 0 or leavers.size == 0:
        return np.ones(leavers.size, bool)
    cushion = -np.expm1(-buffer * years_before(pop, leavers, clock))
    return rng.random(leavers.size) >= cushion
