"""Compiled competing-risk churn: one pass over the active customers, then one over the
leavers, drawing exactly the numbers (and doing the float64 sums) the numpy did. A
customer's chance to leave depends only on their better-deal scale, which takes few
values (1, or the referral tie's ratio), so it is worked out once per run of equal scales."""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def _running_total(hazards, last_scale, j, upto):
    """Sum of the first `upto` + 1 hazards of customer j (the last one scaled)."""
    total = 0.0
    for c in range(upto + 1):
        scale = last_scale[j] if c == hazards.size - 1 and last_scale.size else 1.0
        total += hazards[c] * scale
    return total


@numba.njit(cache=True)
def life_events(active, hazards, last_scale, dt, rng, propensity):
    """Leavers among `active` and the index of each one's cause in `hazards` (monthly,
    the last one scaled per customer by `last_scale` when it is not empty, all of them
    by the customer's `propensity` when that is not empty: it leaves the causes' shares)."""
    last = hazards.size - 1
    leave = np.zeros(active.size, np.bool_)
    count = 0
    scale_seen, chance, total = np.nan, 0.0, 0.0
    for j in range(active.size):
        scale = last_scale[j] if last_scale.size else 1.0
        if scale != scale_seen:  # few distinct scales: each one's chance is computed once
            scale_seen = scale
            total = _running_total(hazards, last_scale, j, last)
            chance = -np.expm1(-total * dt)
        if propensity.size:
            chance = -np.expm1(-total * propensity[j] * dt)
        if rng.random() < chance:
            leave[j] = True
            count += 1
    leavers = np.empty(count, np.int64)
    picks = np.empty(count, np.int64)
    k = 0
    for j in range(active.size):
        if leave[j]:
            draw = rng.random() * _running_total(hazards, last_scale, j, last)
            pick = 0
            for c in range(last + 1):
                pick += draw >= _running_total(hazards, last_scale, j, c)
            leavers[k], picks[k] = active[j], min(pick, last)
            k += 1
    return leavers, picks
