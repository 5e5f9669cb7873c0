"""Churn by cause (F11): life events and rivals' deals as yearly hazards, plus marking
people lost with the cause recorded. Service-driven causes come from `complaints`."""

from __future__ import annotations

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import CAUSE, LOST, Population

EXOGENOUS = ("death", "moving", "taste_change", "better_deal")


def exogenous_hazards(params: Params) -> np.ndarray:
    """Monthly hazard of each cause no service episode explains."""
    c = params.churn
    yearly = np.array([c.death_rate, c.moving_rate, c.taste_change_rate, c.better_deal_rate])
    return yearly / 12.0


def life_events(active: np.ndarray, better_deal_scale: np.ndarray | None, params: Params,
                clock: Clock, rng: np.random.Generator,
                propensity: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Customers who leave this step for exogenous reasons, with competing-risk causes.
    `better_deal_scale` (one per active customer) scales the better-deal hazard, e.g. for
    referred customers still tied to their referrer; `propensity` (one per active
    customer, see `people_traits`) scales all of them."""
    if not params.churn.churn_enabled or active.size == 0:
        return active[:0], np.zeros(0, np.int8)
    from simulation.churn.kernels import life_events as draw_leavers  # compiled on first use
    scale = np.zeros(0) if better_deal_scale is None else np.asarray(better_deal_scale, float)
    leaving, pick = draw_leavers(np.ascontiguousarray(active, np.int64),
                                 np.ascontiguousarray(exogenous_hazards(params), float),
                                 np.ascontiguousarray(scale), float(clock.dt), rng,
                                 np.ascontiguousarray(np.zeros(0) if propensity is None
                                                      else propensity, float))
    codes = np.array([CAUSE[name] for name in EXOGENOUS], np.int8)
    return leaving, codes[pick]


def mark_lost(pop: Population, idx: np.ndarray, causes: np.ndarray | int, step: int) -> None:
    """Record people as lost customers, with the step and the cause."""
    pop.status[idx] = LOST
    pop.lost_at[idx] = step
    pop.lost_cause[idx] = causes
    pop.waiting[idx] = False


def churn_by_cause(pop: Population) -> dict[str, int]:
    """Lost customers counted by cause."""
    counts = np.bincount(pop.lost_cause[pop.lost_cause >= 0], minlength=len(CAUSE))
    return {name: int(counts[code]) for name, code in CAUSE.items()}
